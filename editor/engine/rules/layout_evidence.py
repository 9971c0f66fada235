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
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.engine.rules.layout_blocks import SPACE_WIDTH, ends_sentence, text_width

if TYPE_CHECKING:
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
#: the evidence of a short line that does not end a sentence
NEXT_WORD_FITS = "the next word would have fitted on the line"
_LIST_ITEM = regex.compile(r"(?:[•◦▪‣∙·*–—-]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)])\s")


def judge_break(
    text: str, line: Line, following: Line, measure: int, base_indent: int
) -> Judgement:
    """Judge the break between ``line`` and ``following`` (both non-blank)."""
    content = text[line.content_start : line.content_end]
    after = text[following.content_start : following.content_end]
    first_word = after.split(None, 1)[0]
    sentence_end = ends_sentence(content)
    item = _LIST_ITEM.match(after)
    # "such as⏎I. (If": a letter or number that merely goes on a sentence is no item
    if item and not _LIST_ITEM.match(content) and (sentence_end or after[0] in _BULLETS):
        return Judgement(Break.END, "the next line starts a list item")
    if following.indent > max(base_indent, line.indent):
        return Judgement(Break.END, "the next line is indented")
    capital = not first_word[:1].islower()
    room = (measure - line.width - SPACE_WIDTH - text_width(first_word)) / measure
    if not (sentence_end and capital):
        if first_word[:1].islower() and not sentence_end:
            return Judgement(Break.SOFT, "the sentence goes on in lower case")
        if not sentence_end and (content[:1].islower() or content[-1:] in _OPENING):
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
