"""Convert between Python code-point offsets and UTF-16 offsets (what Qt counts).

Characters outside the Basic Multilingual Plane (most emoji, some CJK) are one
code point in Python but two UTF-16 units in Qt.  This is the one place where
the two are converted; everything else speaks code points.
"""

from __future__ import annotations

import bisect

import regex

_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")


class Utf16Index:
    """Maps offsets of one fixed text both ways in O(log a), a = astral characters."""

    def __init__(self, text: str) -> None:
        # code-point offsets of the astral characters, ascending
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # their UTF-16 offsets
        self._astral16 = [pos + i for i, pos in enumerate(self._astral)]
        self._length = len(text)

    @property
    def is_trivial(self) -> bool:
        """True when code points and UTF-16 units coincide for this text."""
        return not self._astral

    def to_utf16(self, offset: int) -> int:
        """UTF-16 offset of code-point ``offset`` (0 <= offset <= len(text))."""
        return offset + bisect.bisect_left(self._astral, offset)

    def to_code_point(self, offset16: int) -> int:
        """Code-point offset of UTF-16 ``offset16``; the middle of a pair maps to its character."""
        before = bisect.bisect_left(self._astral16, offset16)
        if before and self._astral16[before - 1] + 1 == offset16:
            return self._astral[before - 1]  # inside a surrogate pair
        return offset16 - before


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    return len(text) + len(_ASTRAL.findall(text))
