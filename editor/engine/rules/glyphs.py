"""Characters a PDF copy leaves that no one typed: ligature glyphs and invisible characters.

A PDF may keep the typesetter's ligature as one character (U+FB01 for "fi"), so
"ﬁnd" is not found when searching for "find".  Zero-width spaces, joiners and
a stray byte-order mark are invisible but split words for search and
spell-checking.  Joiners are kept where a script needs them (Arabic, Indic,
emoji sequences): only those between letters of Latin, Greek or Cyrillic
script, which never use them, are removed.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import regex

from editor.engine.model import Category, Fix
from editor.engine.rules.base import Detector, RuleInfo

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.engine.context import ScanContext

LIGATURES = RuleInfo(
    "ligatures",
    Category.LAYOUT,
    "Spell out ligature characters (U+FB00–FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) as their letters.",
)
INVISIBLES = RuleInfo(
    "invisible-characters",
    Category.LAYOUT,
    "Remove zero-width spaces, joiners where the script needs none, word joiners and stray "
    "byte-order marks.",
)

_LETTERS = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",  # the long-s ligature: today's spelling has a round s
    "\ufb06": "st",
}
_LIGATURE = regex.compile("[\ufb00-\ufb06]+")
_ZERO_WIDTH_SPACE = "\u200b"
_WORD_JOINER = "\u2060"
_BOM = "\ufeff"
_JOINERS = "\u200c\u200d"
_INVISIBLE = regex.compile(f"[{_ZERO_WIDTH_SPACE}{_WORD_JOINER}{_BOM}{_JOINERS}]+")
# Scripts that never need a joiner or a zero-width space between their letters.
_PLAIN_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")
# A ligature character is nothing but its letters; an invisible character between two
# letters of a plain script is never meant (no rule of those scripts uses one).
_LIGATURE_CONFIDENCE = 0.99
_INVISIBLE_CONFIDENCE = 0.97
# Anywhere else a zero-width space may be a deliberate break hint (Thai, URLs): lower.
_LOOSE_INVISIBLE_CONFIDENCE = 0.7
_NAMES = {
    _ZERO_WIDTH_SPACE: "zero-width space",
    _WORD_JOINER: "word joiner",
    _BOM: "byte-order mark (U+FEFF)",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
}


def _find_ligatures(ctx: ScanContext) -> Iterator[Fix]:
    text = ctx.text
    for match in _LIGATURE.finditer(text):
        letters = "".join(_LETTERS[c] for c in match.group())
        yield Fix(
            match.start(),
            match.end(),
            match.group(),
            letters,
            LIGATURES.name,
            Category.LAYOUT,
            _LIGATURE_CONFIDENCE,
            f"‘{match.group()}’ is the typesetter's ligature for ‘{letters}’, kept as one "
            "character: searching and spell-checking need the letters.",
        )


def _plain_letter(char: str) -> bool:
    return char.isalpha() and unicodedata.name(char, "").startswith(_PLAIN_SCRIPTS)


def _find_invisibles(ctx: ScanContext) -> Iterator[Fix]:
    text = ctx.text
    for match in _INVISIBLE.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        marks = match.group()
        inside_word = _plain_letter(before) and _plain_letter(after)
        if inside_word:
            confidence = _INVISIBLE_CONFIDENCE
        elif set(marks) <= {_BOM}:
            confidence = _INVISIBLE_CONFIDENCE  # a byte-order mark is never text
        elif set(marks) & set(_JOINERS):
            continue  # a joiner outside plain letters may be needed (emoji, Indic)
        else:
            confidence = _LOOSE_INVISIBLE_CONFIDENCE
        names = ", ".join(dict.fromkeys(_NAMES[c] for c in marks))
        where = "inside a word" if inside_word else "in the text"
        yield Fix(
            match.start(),
            match.end(),
            marks,
            "",
            INVISIBLES.name,
            Category.LAYOUT,
            confidence,
            f"An invisible {names} {where}: it shows as nothing but splits the word for "
            "search and spell-checking.",
        )


DETECTORS: tuple[Detector, ...] = (
    Detector((LIGATURES,), _find_ligatures),
    Detector((INVISIBLES,), _find_invisibles),
)
