"""Whether the line break between two lines of a hard-wrapped block ends a paragraph.

A typesetter breaks a line when the next word does not fit; a paragraph ends
wherever its text ends.  So a break is a paragraph end when the next line's
first word would have fitted on the line (a short last line), when the next
line is indented or starts a list item, and a soft wrap when the line is full
or the next line carries on the sentence in lower case.  A full line that ends
a sentence before a capital is the one case the widths cannot settle: about as
many of those are paragraph ends as soft wraps (typeset bench: 250 and 230), so
it is kept and offered for review on its own.
"""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.engine.rules.layout_blocks import SPACE_WIDTH, text_width

if TYPE_CHECKING:
    from collections.abc import Sequence

    from editor.engine.rules.layout_blocks import Line


class Break(enum.Enum):
    """What a line break is."""

    SOFT = "soft"  # a hard wrap: join the lines
    END = "end"  # a paragraph end (or a heading, list item, verse line): keep it
    UNSURE = "unsure"  # a full line ending a sentence before a capital


@dataclass(frozen=True, slots=True)
class Judgement:
    """A break's kind and the evidence for it, in words."""

    kind: Break
    evidence: str


# The room left on a line (beyond the next word and a space), as a share of the measure,
# above which the next word would clearly have fitted: a short last line.  Widths are
# estimates, so a little room proves nothing (typeset bench: 0.06 keeps 99.7 % of the ends
# this test sees, and joins 96 % of the wraps).
_ROOM_FOR_NEXT_WORD = 0.06
# After a sentence end before a capital, this much room marks a paragraph end; a fuller
# line is unsure however full it is (typeset bench: above 0.0, 2131 ends and 65 wraps;
# below, 322 ends and 289 wraps, even on the fullest lines).
_ROOM_AFTER_SENTENCE_END = 0.0
_BULLETS = "•◦▪‣∙·"
# Marks that open something the next line must close: the line cannot end there.
_OPENING = "([{“„«‘‚-/"
# Two lines whose widths together fit the measure are pieces of one printed line that
# the extractor split (PyMuPDF does at a change of font): carried on in lower case.
_PIECES_SHARE = 1.0
# An extractor that splits a printed line (PyMuPDF at a change of font or a wide justified
# gap) leaves two short lines that fit the measure together; when the second stops
# mid-sentence and the line after it is a long one, the second is the tail of that printed
# line, not a new paragraph's first line, which would run long itself (typeset bench,
# PyMuPDF: 43 of 44 such breaks are wraps, even after a sentence end before a capital).
_TAIL_PIECE_SHARE = 0.75
_LONG_LINE_AFTER_SHARE = 0.7
#: the evidence of a short line that does not end a sentence
NEXT_WORD_FITS = "the next word would have fitted on the line"
# A block marks its paragraphs by indenting their first lines when at least this many of
# its clear paragraph ends (a sentence ending on a line this much short of the measure)
# are followed by an indented line, and at least this share of them (typeset bench,
# pdfLaTeX through pdftotext -layout: all of them; groff and raw extractions: none).
_MIN_INDENTED_ENDS = 3
_INDENTED_ENDS_SHARE = 0.9
_CLEAR_END_SHARE = 0.9
_WORD = regex.compile(r"\S+")
_LIST_ITEM = regex.compile(r"(?:[•◦▪‣∙·*–—-]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)])\s")


def judge_break(
    text: str,
    line: Line,
    following: Line,
    measure: int,
    base_indent: int,
    beyond: Line | None = None,
) -> Judgement:
    """Judge the break between ``line`` and ``following`` (both non-blank).

    ``beyond`` is the line after ``following`` in the block, if any.
    """
    # only the lines' ends are read: a text has tens of thousands of breaks
    word = _WORD.match(text, following.content_start, following.content_end)
    first_word = word.group() if word else ""
    sentence_end = line.sentence_end
    item = _LIST_ITEM.match(text, following.content_start, following.content_end)
    # "such as⏎I. (If": a letter or number that merely goes on a sentence is no item
    if (
        item
        and not _LIST_ITEM.match(text, line.content_start, line.content_end)
        and (sentence_end or text[following.content_start] in _BULLETS)
    ):
        return Judgement(Break.END, "the next line starts a list item")
    if following.indent > max(base_indent, line.indent):
        return Judgement(Break.END, "the next line is indented")
    if beyond is not None and _tail_piece(text, line, following, beyond, measure):
        return Judgement(Break.SOFT, "the two lines fit on one printed line and the next runs on")
    capital = not first_word[:1].islower()
    room = (measure - line.width - SPACE_WIDTH - text_width(first_word)) / measure
    if not (sentence_end and capital):
        if first_word[:1].islower() and not sentence_end:
            return Judgement(Break.SOFT, "the sentence goes on in lower case")
        if not sentence_end and (
            text[line.content_start].islower() or text[line.content_end - 1] in _OPENING
        ):
            # a heading starts with a capital; this is a piece of a running sentence
            return Judgement(Break.SOFT, "the line is part of a sentence that goes on")
        if line.width + SPACE_WIDTH + following.width <= _PIECES_SHARE * measure and (
            first_word[:1].islower() or not first_word[:1].isalpha()
        ):
            return Judgement(Break.SOFT, "the two lines are pieces of one printed line")
        if room > _ROOM_FOR_NEXT_WORD:
            return Judgement(Break.END, NEXT_WORD_FITS)
        return Judgement(Break.SOFT, "the line is full")
    if room > _ROOM_AFTER_SENTENCE_END:
        return Judgement(Break.END, "a sentence ends on a short line")
    return Judgement(Break.UNSURE, "a sentence ends on a full line before a capital")


def _tail_piece(text: str, line: Line, following: Line, beyond: Line, measure: int) -> bool:
    """Whether ``following`` is the tail of the printed line that ``line`` starts."""
    return (
        line.width + SPACE_WIDTH + following.width <= _PIECES_SHARE * measure
        and following.width <= _TAIL_PIECE_SHARE * measure
        and beyond.width >= _LONG_LINE_AFTER_SHARE * measure
        and not following.sentence_end
    )


@dataclass(frozen=True, slots=True)
class Indentation:
    """How a block marks its paragraph starts: its clear ends, and how many an indent follows."""

    clear_ends: int
    indented: int

    @property
    def marks_paragraphs(self) -> bool:
        """Whether every paragraph of the block starts indented (so an unindented line does not)."""
        return (
            self.clear_ends >= _MIN_INDENTED_ENDS
            and self.indented >= _INDENTED_ENDS_SHARE * self.clear_ends
        )

    def evidence(self) -> str:
        """The evidence in words, for a reason."""
        return (
            f"the block indents the first line of its paragraphs (after {self.indented} of its "
            f"{self.clear_ends} clear paragraph ends) and the line after it is not indented"
        )


def paragraph_indentation(text: str, members: Sequence[Line], measure: int) -> Indentation:
    """Count the block's clear paragraph ends and the indented lines after them."""
    clear_ends = indented = 0
    for line, following in itertools.pairwise(members):
        if line.width < _CLEAR_END_SHARE * measure and line.sentence_end:
            clear_ends += 1
            indented += following.indent > line.indent
    return Indentation(clear_ends, indented)
