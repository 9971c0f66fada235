"""Optional style conversions: straight quotes to curly ("educate") and curly to straight.

Both are off by default: they change correct text to another convention, which
is a choice of house style, not a repair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from editor.engine.model import Category, Fix
from editor.engine.rules.base import RuleInfo
from editor.engine.rules.quotes.chars import char_class
from editor.engine.rules.quotes.conventions import ELISIONS, curly_marks

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.engine.context import ScanContext

EDUCATE_QUOTES = RuleInfo(
    "educate-quotes",
    Category.STYLE,
    'Turn straight quotes into curly ones ("word" → “word”, don\'t → don’t).',
    default_enabled=False,
)

STRAIGHTEN_QUOTES = RuleInfo(
    "straighten-quotes",
    Category.STYLE,
    'Turn curly quotes into straight ones (“word” → "word", don’t → don\'t).',
    default_enabled=False,
)

#: a conversion the user switched on is applied whatever the threshold
STRAIGHTEN_CONFIDENCE = 1.0
_STRAIGHT = regex.compile("[\"']")
_CURLY = regex.compile("[“”„‟‘’‚‛]")
_STRAIGHTENED = {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"}
_WORD_AFTER = regex.compile(r"[\p{L}\p{N}]+")


def find_educate(ctx: ScanContext) -> Iterator[Fix]:
    """Propose a curly mark for every straight one whose direction its neighbours show."""
    if ctx.options.rules is not None and STRAIGHTEN_QUOTES.name in ctx.options.rules:
        return  # asked for both: straight wins, or cleaning would never settle
    text = ctx.text
    opening_double, closing_double, opening_single = curly_marks(ctx.language)
    for match in _STRAIGHT.finditer(text):
        pos = match.start()
        char = match.group()
        left = char_class(text[pos - 1] if pos > 0 else "")
        right = char_class(text[pos + 1] if pos + 1 < len(text) else "")
        opens = left in "SBDQ" and right not in "S"
        closes = left not in "SB" and right in "SPDQ"
        if char == "'":
            if (left == "W" and right == "W") or (left != "S" and not opens):
                replacement, reason = "’", "A straight apostrophe becomes a curly one."
            elif opens:
                word = _WORD_AFTER.match(text, pos + 1)
                elided = word is not None and (
                    word.group().lower() in ELISIONS or word.group()[:2].isdigit()
                )
                if elided:
                    replacement, reason = "’", "An apostrophe for left-out letters becomes ’."
                else:
                    replacement = opening_single
                    reason = "A straight single quote before a word becomes an opening mark."
            else:
                continue
        elif opens:
            replacement = opening_double
            reason = "A straight double quote before a word becomes an opening mark."
        elif closes:
            replacement = closing_double
            reason = "A straight double quote after a word becomes a closing mark."
        else:
            continue  # spaces on both sides or letters on both: no direction to go by
        yield Fix(pos, pos + 1, char, replacement, EDUCATE_QUOTES.name, Category.STYLE, 0.9, reason)


def find_straighten(ctx: ScanContext) -> Iterator[Fix]:
    """Propose a straight mark for every curly quote or apostrophe (guillemets stay)."""
    for match in _CURLY.finditer(ctx.text):
        char = match.group()
        yield Fix(
            match.start(),
            match.end(),
            char,
            _STRAIGHTENED[char],
            STRAIGHTEN_QUOTES.name,
            Category.STYLE,
            # sure: the user asked for it (it wins over repairs of the same mark by the
            # registry's priority, not by its confidence)
            STRAIGHTEN_CONFIDENCE,
            f"The curly mark {char} becomes a straight one.",
        )
