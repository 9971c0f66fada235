"""The characters quote repair reads: mark directions, neighbour classes, and looking past marks."""

from __future__ import annotations

import bisect

import regex

#: directions a mark can be read in
OPEN, CLOSE, APOS = 0, 1, 2
#: a straight mark in curly text: its direction is the analysis' to choose
UNKNOWN = 3

SPACE_CHARS = frozenset(" \t\n\u00a0\u202f\u2009\u2007\u3000")
CLOSE_PUNCT = frozenset(".,;:!?…)]}")
OPEN_PUNCT = frozenset("([{¿¡")
DASHES = frozenset("—–-―‒")
QUOTE_CHARS = "\"'«»‹›“”„‟‘’‚‛"
QUOTE_SET = frozenset(QUOTE_CHARS)
#: format characters looked through everywhere, so removing them never changes a reading
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
BLANK = SPACE_CHARS | INVISIBLE
QUOTE_RE = regex.compile("[" + regex.escape(QUOTE_CHARS) + "]")
#: a word from its first character; "announ-ced" (and "announ-⏎ced") counts once.  The
#: match runs on over the rest of the word (where no word can start) so that the search
#: skips it in one step: twice as fast as testing every character, same starts
WORD_START = regex.compile(
    r"(?<![\p{L}\p{N}\p{M}\-\u00ad])(?<!-\n)[\p{L}\p{N}][\p{L}\p{N}\p{M}\-\u00ad]*"
)


#: characters of a paragraph whose word starts :class:`WordCounter` finds at once: about
#: a paragraph of book text, so a short paragraph is read in one go and a long one only
#: where quotations are counted
WORD_BLOCK = 2048


class WordCounter:
    """Where words start between two positions of one paragraph, read a block at a time.

    A word start depends only on the characters at and before it (see WORD_START),
    so the blocks can be read in any order and each is read at most once, however
    many families of marks and solvers ask.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self._blocks: dict[int, list[int]] = {}

    def _starts(self, block: int) -> list[int]:
        found = self._blocks.get(block)
        if found is None:
            lo = self.start + block * WORD_BLOCK
            hi = min(self.end, lo + WORD_BLOCK)
            found = self._blocks[block] = [
                m.start() for m in WORD_START.finditer(self.text, lo, hi)
            ]
        return found

    def starts(self, a: int, b: int) -> list[int]:
        """The word starts from position ``a`` to ``b - 1``, in order."""
        first = (a - self.start) // WORD_BLOCK
        last = (b - self.start) // WORD_BLOCK
        found: list[int] = []
        for block in range(first, last + 1):
            found.extend(self._starts(block))
        return found[bisect.bisect_left(found, a) : bisect.bisect_left(found, b)]


def char_class(char: str) -> str:
    """Classify a neighbour of a mark.

    S space or paragraph boundary, W letter or digit, P closing punctuation,
    B opening bracket, D dash, Q quote mark, X anything else.
    """
    if not char or char in SPACE_CHARS:
        return "S"
    if char.isalnum():
        return "W"
    if char in CLOSE_PUNCT:
        return "P"
    if char in OPEN_PUNCT:
        return "B"
    if char in DASHES:
        return "D"
    if char in QUOTE_SET:
        return "Q"
    if char.isspace():
        return "S"
    return "X"


def side_class(char: str) -> str:
    """Like :func:`char_class`, but E for the paragraph's edge."""
    return char_class(char) if char else "E"


def look_left(text: str, pos: int, start: int, through_quotes: bool = True) -> str:
    """The nearest visible neighbour left of ``pos``, looking through up to two quote marks.

    Invisible format characters (soft hyphens, zero-width spaces) are looked
    through too, so removing them never changes how a mark is read.
    """
    i = pos - 1
    quotes = 0
    while i >= start:
        char = text[i]
        if char in INVISIBLE:
            i -= 1
            continue
        if char in QUOTE_SET and through_quotes and quotes < 2:
            quotes += 1
            i -= 1
            continue
        return char
    return ""


def look_right(text: str, pos: int, end: int, through_quotes: bool = True) -> str:
    """The nearest visible neighbour right of ``pos`` (see :func:`look_left`)."""
    i = pos + 1
    quotes = 0
    while i < end:
        char = text[i]
        if char in INVISIBLE:
            i += 1
            continue
        if char in QUOTE_SET and through_quotes and quotes < 2:
            quotes += 1
            i += 1
            continue
        return char
    return ""


def word_before(text: str, pos: int, start: int) -> str:
    """The letters and digits that end at ``pos`` (not before ``start``)."""
    i = pos
    while i > start and (text[i - 1].isalnum()):
        i -= 1
    return text[i:pos]


def word_after(text: str, pos: int, end: int) -> str:
    """The letters and digits that start at ``pos`` (not after ``end``)."""
    i = pos
    while i < end and text[i].isalnum():
        i += 1
    return text[pos:i]


def token_before(text: str, pos: int) -> str:
    """The run of non-space characters ending at ``pos``, without quote marks."""
    i = pos
    while i > 0 and pos - i < 30 and not text[i - 1].isspace():
        i -= 1
    return text[i:pos].strip(QUOTE_CHARS)


def token_after(text: str, pos: int) -> str:
    """The run of non-space characters starting at ``pos``, without quote marks."""
    i = pos
    while i < len(text) and i - pos < 30 and not text[i].isspace():
        i += 1
    return text[pos:i].strip(QUOTE_CHARS)
