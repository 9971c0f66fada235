"""Convention detection: which quote marks a document uses, from their counts and surroundings."""

from __future__ import annotations

import regex

from editor.engine.rules.quotes.chars import CLOSE, INVISIBLE, OPEN, UNKNOWN
from editor.engine.rules.quotes.conventions import Convention, Family


def _count(text: str, char: str) -> int:
    return text.count(char)


# «word» (or « word ») against »word«: each mark counts where only one reading fits
_GUILLEMET_FR = regex.compile(
    r"(?<![\p{L}\p{N}])«(?=[ \u00a0\u202f]?[\p{L}\p{N}])"
    r"|(?<=[\p{L}\p{N}.!?,…][ \u00a0\u202f]?)»(?![\p{L}\p{N}])"
)
_GUILLEMET_DE = regex.compile(
    r"(?<![\p{L}\p{N}])»(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}.!?,…])«(?![\p{L}\p{N}])"
)
_GUILLEMET = regex.compile("[«»]")
#: visible characters either side of a guillemet that the two patterns above look at
_REACH = 2


def _guillemet_votes(text: str) -> tuple[int, int]:
    """How many guillemets read French (``«word»``) and how many German (``»word«``).

    Each guillemet is judged on its visible neighbours alone (invisible format
    characters are looked through), so the cost follows the guillemets, not
    the length of the text.
    """
    french = german = 0
    size = len(text)
    for match in _GUILLEMET.finditer(text):
        pos = match.start()
        before: list[str] = []
        i = pos - 1
        while i >= 0 and len(before) < _REACH:
            if text[i] not in INVISIBLE:
                before.append(text[i])
            i -= 1
        after: list[str] = []
        i = pos + 1
        while i < size and len(after) < _REACH:
            if text[i] not in INVISIBLE:
                after.append(text[i])
            i += 1
        snippet = "".join(reversed(before)) + text[pos] + "".join(after)
        at = len(before)
        french += _GUILLEMET_FR.match(snippet, at) is not None
        german += _GUILLEMET_DE.match(snippet, at) is not None
    return french, german


def detect_convention(text: str) -> Convention:
    """Work out from mark counts and their surroundings which quotes the document uses.

    English “…” ‘…’, German „…“ ‚…‘ (where “ closes), »…« or «…» guillemets.
    Straight marks join the analysis only in text that is clearly curly.
    """
    marks: dict[str, tuple[Family, int]] = {}
    low, high_open, high_close = _count(text, "„"), _count(text, "“"), _count(text, "”")
    # „ against the other double marks: a clear majority either way decides, and
    # repairs only add to it, so cleaning settles; in between, doubles are left alone
    others = high_open + high_close - low
    double_main: Family | None = None
    if low and 2 * low >= others + 2:
        # „…“ (German, Russian inner) or „…” (Polish, Dutch): low mark opens
        closer = "“" if high_open >= high_close else "”"
        german = Family("low-double", "„", closer)
        marks["„"] = (german, OPEN)
        marks["“"] = (german, CLOSE)
        marks["”"] = (german, CLOSE)
        double_main = german
    elif not low or 2 * low + 2 <= others:
        english = Family("double", "“", "”")
        marks["“"] = (english, OPEN)
        marks["”"] = (english, CLOSE)
        if low:
            marks["„"] = (english, OPEN)
        double_main = english if high_open + high_close else None
    low_single = _count(text, "‚")
    if low_single and double_main is not None and double_main.opener == "„":
        german_single = Family("low-single", "‚", "‘", single=True)
        marks["‚"] = (german_single, OPEN)
        marks["‘"] = (german_single, CLOSE)
        marks["’"] = (german_single, CLOSE)
    else:
        english_single = Family("single", "‘", "’", single=True)
        marks["‘"] = (english_single, OPEN)
        marks["’"] = (english_single, CLOSE)
    if "«" in text or "»" in text:
        # a clear majority decides; repairs then only add to it, so cleaning settles.
        # With no clear majority the guillemets are left alone.
        french, german_g = _guillemet_votes(text)
        if german_g > 2 * french:
            family = Family("guillemet-reversed", "»", "«")
            marks["»"], marks["«"] = (family, OPEN), (family, CLOSE)
            single_g = Family("single-guillemet-reversed", "›", "‹", single=True)
            marks["›"], marks["‹"] = (single_g, OPEN), (single_g, CLOSE)
        elif french > 2 * german_g:
            family = Family("guillemet", "«", "»", spaced=True)
            marks["«"], marks["»"] = (family, OPEN), (family, CLOSE)
            single_g = Family("single-guillemet", "‹", "›", single=True, spaced=True)
            marks["‹"], marks["›"] = (single_g, OPEN), (single_g, CLOSE)
    curly = high_open + high_close + low
    straight = _count(text, '"')
    if double_main is not None and straight and curly >= 6 and curly >= 4 * straight:
        marks['"'] = (double_main, UNKNOWN)
    return Convention(marks)
