"""Printed lines that the extractor split into their words, one a line.

PyMuPDF returns each word of a widely justified line as a line of its own, so a
block of prose holds runs of one-word lines.  Inside such a run no paragraph
ends: a paragraph's last line is not justified, so it is never split this way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from editor.engine.rules.layout_blocks import SPACE_WIDTH
from editor.engine.rules.layout_starts import announces

if TYPE_CHECKING:
    from editor.engine.rules.layout_blocks import Line

# PyMuPDF splits a widely justified line into its words, one a line: this many one-word
# lines in a row that fit on one printed line together (estimated widths run over by up to
# a fifth) are one (typeset bench: 7 more wraps joined, no paragraph end; a run longer
# than a printed line is left alone).
_MIN_SPLIT_WORDS = 3
_SPLIT_LINE_SHARE = 1.2
_SPACE = regex.compile(r"[ \t]")


def split_printed_line(text: str, members: list[Line], index: int, measure: int) -> bool:
    """Whether the break after ``members[index]`` lies inside a printed line split into words.

    PyMuPDF returns each word of a widely justified line as a line of its own: at least
    ``_MIN_SPLIT_WORDS`` lines of one word each in a row, that fit on one printed line
    together.  A paragraph's last line is not justified, so no paragraph ends inside them.
    """
    line, following = members[index], members[index + 1]
    if not (_one_word(text, line) and _one_word(text, following)):
        return False
    if line.sentence_end and not text[following.content_start].islower():
        return False  # a paragraph's one-word last line (`verfüg-⏎bar.`) may lead into one
    limit = _SPLIT_LINE_SHARE * measure
    width = line.width + SPACE_WIDTH + following.width
    first, last = index, index + 1
    # the whole run of one-word lines must fit: a list of words runs longer (stops early)
    while first > 0 and _one_word(text, members[first - 1]) and width <= limit:
        first -= 1
        width += members[first].width + SPACE_WIDTH
    while last + 1 < len(members) and _one_word(text, members[last + 1]) and width <= limit:
        last += 1
        width += members[last].width + SPACE_WIDTH
    if width > limit or last - first + 1 < _MIN_SPLIT_WORDS:
        return False
    before = members[first - 1] if first > 0 else None
    # a list of single words after a colon
    return before is None or not announces(text, before)


def _one_word(text: str, line: Line) -> bool:
    return _SPACE.search(text, line.content_start, line.content_end) is None
