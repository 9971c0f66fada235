"""Paragraphs that run on across a page break.

``pdftotext -layout`` sets a page's number and the next page's running head
apart with blank lines, and a form feed between the pages, so a paragraph that
goes on over the page is two blocks of lines with a gap between them.  The gap
is joined when nothing but blank lines, page furniture and at least one form
feed lies in it, the last line before it runs to the margin without ending a
sentence, and the first line after it carries the sentence on: that is, when
the break reads as a soft wrap to :func:`judge_break` and the line is full.
The page number and running head inside a joined gap go with the join (one fix
to accept or reject whole); a gap that is not joined keeps them as fixes of
their own.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.engine.rules.layout_blocks import FULL_SHARE
from editor.engine.rules.layout_evidence import Break, judge_break

if TYPE_CHECKING:
    from collections.abc import Sequence

    from editor.engine.rules.layout_blocks import Block, Line

# Confidence of a join across a page gap.  No bench text has page numbers or running
# heads between blank lines (the typeset bench has none; its page breaks fall inside
# blocks), so these are set below the in-block join (0.95): a gap may also hide a figure,
# a table or a footnote.  A sentence that goes on in lower case on the next page is
# hardly anything else; a capital after a full line that ends mid-sentence is a wrap
# inside a block, but across a page it may also be a heading that opens the page.
_LOWER_CASE_CONFIDENCE = 0.9
_CAPITAL_CONFIDENCE = 0.75


@dataclass(frozen=True, slots=True)
class PageJoin:
    """A paragraph that goes on after a page gap."""

    before: int  # number of the last line before the gap
    after: int  # number of the first line after it
    start: int  # offset of the gap: the end of the line before
    end: int  # the start of the text after
    confidence: float
    furniture: tuple[int, ...]  # the furniture lines inside the gap, removed with it
    evidence: str


def page_joins(
    text: str,
    lines: Sequence[Line],
    blocks: tuple[Block, ...],
    furniture: frozenset[int],
    text_measure: int,
    base_indent: int,
) -> list[PageJoin]:
    """The gaps between consecutive blocks that a paragraph runs on across, in order.

    ``blocks`` are all the blocks of the text (furniture lines skipped), so the lines
    between two neighbours are blank or furniture.
    """
    joins: list[PageJoin] = []
    for block, next_block in itertools.pairwise(blocks):
        line, following = lines[block.last], lines[next_block.first]
        if text.find("\f", line.content_end, following.content_start) == -1:
            continue  # blank lines without a page break end a paragraph
        measure = block.measure if block.wrapped else text_measure
        if not (block.wrapped or next_block.wrapped) or line.width < FULL_SHARE * measure:
            continue
        if line.sentence_end:
            continue
        judgement = judge_break(text, line, following, measure, base_indent)
        if judgement.kind is not Break.SOFT:
            continue
        lower = text[following.content_start].islower()
        inside = tuple(n for n in range(line.number + 1, following.number) if n in furniture)
        joins.append(
            PageJoin(
                line.number,
                following.number,
                line.content_end,
                following.content_start,
                _LOWER_CASE_CONFIDENCE if lower else _CAPITAL_CONFIDENCE,
                inside,
                f"line {line.number + 1} runs to the margin without ending its sentence and "
                f"line {following.number + 1}, on the next page, carries it on "
                f"({judgement.evidence})",
            )
        )
    return joins


def page_join_reason(
    text: str, lines: Sequence[Line], join: PageJoin, start: int, end: int | None
) -> str:
    """The reason of the paragraph joined across ``join``, its joins from ``start`` to ``end``.

    ``end`` is None when the paragraph ends on the first line after the gap.
    """
    first = _line_at(lines, start)
    last = _line_at(lines, end) if end is not None else join.after
    reason = (
        f"Lines {first + 1}–{last + 1} are one hard-wrapped paragraph that goes on across "
        f"a page break: {join.evidence}; joined into one line"
    )
    if join.furniture:
        shown = ", ".join(
            f"‘{text[lines[n].content_start : lines[n].content_end]}’" for n in join.furniture
        )
        reason += f", and the page furniture between ({shown}) goes with the join"
    return reason + "."


def _line_at(lines: Sequence[Line], offset: int) -> int:
    """The number of the line holding ``offset`` (a line's break belongs to it)."""
    return bisect.bisect_right(lines, offset, key=lambda line: line.start) - 1
