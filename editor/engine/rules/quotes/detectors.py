"""Quote repair: re-pair broken quote marks per paragraph and fix turned apostrophes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from editor.engine.model import Category, Fix
from editor.engine.rules.base import Detector, RuleInfo
from editor.engine.rules.quotes import calibration
from editor.engine.rules.quotes import style as quote_style
from editor.engine.rules.quotes.repair import analyse

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.engine.context import ScanContext

QUOTE_PAIRING = RuleInfo(
    "quote-pairing",
    Category.QUOTE,
    "Re-pair broken quote marks in a paragraph: turn marks typed the wrong way round and move "
    "marks that sit on the wrong side of a space (The” Russian threat “is → The “Russian threat” is).",
)

TURNED_APOSTROPHE = RuleInfo(
    "turned-apostrophe",
    Category.QUOTE,
    "Turn an opening single quote inside a word (don‘t) into an apostrophe (don’t).",
)

# An opening single mark between two letters.  Captures the word parts so a
# missing space before a quotation (said‘Hello) can be told from an apostrophe.
_TURNED = regex.compile(r"\u2018(?<=(\p{L}+)[\u00ad\u200b-\u200d\u2060]*\u2018)(?=(\p{L}+))")


def _straightening(ctx: ScanContext) -> bool:
    """Whether the user asked for straight quotes, which every curly repair would fight."""
    rules = ctx.options.rules
    return rules is not None and quote_style.STRAIGHTEN_QUOTES.name in rules


def _find_pairing(ctx: ScanContext) -> Iterator[Fix]:
    if _straightening(ctx):
        return

    def checkpoint(fraction: float) -> None:
        ctx.check_cancelled()
        ctx.report_progress(fraction)

    for change in analyse(
        ctx.text,
        ctx.language,
        checkpoint=checkpoint,
        min_confidence=ctx.options.min_confidence,
        map_slices=ctx.map_slices,
    ):
        yield Fix(
            change.start,
            change.end,
            ctx.text[change.start : change.end],
            change.replacement,
            QUOTE_PAIRING.name,
            Category.QUOTE,
            round(change.confidence, 3),
            change.reason,
        )


def _find_turned_apostrophes(ctx: ScanContext) -> Iterator[Fix]:
    if _straightening(ctx):
        return
    text = ctx.text
    for match in _TURNED.finditer(text):
        head, tail = match.group(1), match.group(2)
        mark = match.start()
        if len(head) >= 2 and head.islower() and tail[0].isupper() and len(tail) >= 2:
            # "said‘Hello": more likely a quotation that lost its space than an apostrophe
            continue
        yield Fix(
            mark,
            mark + 1,
            "\u2018",
            "\u2019",
            TURNED_APOSTROPHE.name,
            Category.QUOTE,
            calibration.TURNED_APOSTROPHE,
            f"The opening quote mark inside ‘{head}‘{tail}’ is an apostrophe typed the wrong "
            "way round.",
        )


DETECTORS: tuple[Detector, ...] = (
    Detector((QUOTE_PAIRING,), _find_pairing),
    Detector((TURNED_APOSTROPHE,), _find_turned_apostrophes),
    Detector((quote_style.EDUCATE_QUOTES,), quote_style.find_educate),
    Detector((quote_style.STRAIGHTEN_QUOTES,), quote_style.find_straighten),
)
