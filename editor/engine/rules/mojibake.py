"""Mojibake: UTF-8 text that was once decoded as Windows-1252 or Latin-1 (``â€™`` for ``’``).

ftfy decides: a word is repaired only when ftfy finds it badly encoded and its
repair is a pure re-encoding that leaves nothing bad behind.  Only words with
the telltale pairs (a lead character such as ``Ã`` or ``â`` followed by what a
UTF-8 continuation byte reads as) are shown to ftfy, so ordinary accented text
costs one regex pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from editor.engine.model import Category, Fix
from editor.engine.rules.base import Detector, RuleInfo

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.engine.context import ScanContext

MOJIBAKE = RuleInfo(
    "mojibake",
    Category.LAYOUT,
    "Repair text decoded in the wrong encoding ('â€™' -> '’', 'Ã©' -> 'é'), where ftfy is sure.",
)

# What UTF-8 continuation bytes (0x80-0xBF) become when read as Windows-1252 or Latin-1.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
# Lead bytes of two- and three-byte UTF-8 sequences read the same way.
_SUSPECT = regex.compile(f"[\u00c2-\u00df\u00e2-\u00ef][{_CONTINUATION}]")
_TOKEN = regex.compile(r"\S+")
# ftfy's re-encoding repairs of words it calls bad are right in practice; it is the
# check a user would make, so the fix is pre-accepted.
_CONFIDENCE = 0.95
_ENCODINGS_EXPLAINED = {"sloppy-windows-1252": "Windows-1252", "latin-1": "Latin-1"}


def _find(ctx: ScanContext) -> Iterator[Fix]:
    text = ctx.text
    if _SUSPECT.search(text) is None:
        return
    import ftfy
    from ftfy.badness import is_bad

    covered = 0
    for hit in _SUSPECT.finditer(text):
        if hit.start() < covered:
            continue
        start = hit.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        token = _TOKEN.match(text, start)
        if token is None:
            continue
        covered = token.end()
        word = token.group()
        if not is_bad(word):
            continue
        repaired = ftfy.fix_encoding_and_explain(word)
        steps = repaired.explanation or []
        if (
            repaired.text == word
            or is_bad(repaired.text)
            or any(step[0] not in ("encode", "decode") for step in steps)
        ):
            continue
        read_as = next(
            (_ENCODINGS_EXPLAINED.get(arg, arg) for op, arg in steps if op == "encode"),
            "a code page",
        )
        yield Fix(
            token.start(),
            token.end(),
            word,
            repaired.text,
            MOJIBAKE.name,
            Category.LAYOUT,
            _CONFIDENCE,
            f"‘{word}’ is ‘{repaired.text}’ in UTF-8 that was read as {read_as} (ftfy is sure).",
        )


DETECTORS: tuple[Detector, ...] = (Detector((MOJIBAKE,), _find),)
