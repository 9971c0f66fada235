"""Whether a text starts its paragraphs on narrower lines: an indent the extractor dropped.

Book typesetters indent a paragraph's first line (LaTeX by 1.5 em, groff -ms by
five ens); ``pdftotext -raw`` and PyMuPDF give the line back without the
indent, yet it still prints narrower than the lines inside a paragraph.  Where
a text's clear paragraph starts (the lines after a short last line that ends a
sentence) run measurably narrower than its inner lines, a full line that ends a
sentence before a capital is read by the width of the line after it: as wide
as an inner line, it goes on the paragraph; as narrow as a start, it starts one.
:func:`unsure_reading` weighs that and the other evidence such a break has.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.engine.rules.layout_evidence import Break

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from editor.engine.rules.layout_blocks import Line
    from editor.engine.rules.layout_evidence import Judgement

# At least this many clear paragraph starts, inside paragraphs (a line between two wraps)
# and at least this share of the measure narrower than the inner lines (widths are
# estimates: on the typeset bench, texts that indent show 0.03 to 0.13; the rest -0.03 to
# 0.03).
_MIN_STARTS = 5
_MIN_NARROWER = 0.03
# A line after an unsure break this far from the starts' median width towards the inner
# lines', in units of their difference, runs on its paragraph (typeset bench: at 1.0 and
# above, 83 wraps and 14 paragraph ends; 0.75 to 1.0, 13 and 8).
_INNER_POSITION = 1.0
# A colon at a line end announces what follows (a list, an example, a quotation), which
# typesetters set apart: the width of the next line says nothing about it (typeset bench:
# 5 of the 14 paragraph ends that the width of the next line would join).
_ANNOUNCES = regex.compile(r":[\"'»«”’)\]]*$")

# A full line ending a sentence before a capital that a paragraph end would leave a paragraph
# of one line, or whose next line would be one (typeset bench: 26 of 27 are wraps).
_ONE_LINE_CONFIDENCE = 0.9
#: how often such a break is a wrap (typeset bench: 81 of 90, a colon at its end aside)
RUNS_ON_CONFIDENCE = 0.9


@dataclass(frozen=True, slots=True)
class StartWidths:
    """How wide the text's paragraph starts and inner lines print, as shares of the measure."""

    starts: int
    start_share: float  # median
    inner_share: float  # median

    @property
    def marks_paragraphs(self) -> bool:
        """Whether the text's paragraph starts print measurably narrower than inner lines."""
        return self.starts >= _MIN_STARTS and self.inner_share - self.start_share >= _MIN_NARROWER

    def runs_on(self, line: Line, measure: int) -> bool:
        """Whether ``line`` (not a paragraph's last) is as wide as a line inside a paragraph."""
        position = (line.width / measure - self.start_share) / (self.inner_share - self.start_share)
        return self.marks_paragraphs and position >= _INNER_POSITION

    def evidence(self, line: Line, measure: int) -> str:
        """The evidence in words, for a reason."""
        return (
            f"the text's {self.starts} clear paragraph starts print narrower than the lines "
            f"inside its paragraphs ({self.start_share:.0%} of the measure against "
            f"{self.inner_share:.0%}: an indent the copy lost), and line {line.number + 1} "
            f"prints at {line.width / measure:.0%}"
        )


def start_widths(blocks: Iterable[tuple[Sequence[Line], Sequence[Judgement], int]]) -> StartWidths:
    """Measure the starts and inner lines of the text's blocks.

    ``blocks``: each wrapped block's lines, the judgements of their breaks, and its measure.
    Only lines followed by a wrap count (a paragraph's last line is short anyway).
    """
    starts: list[float] = []
    inner: list[float] = []
    for members, judgements, measure in blocks:
        for index, (before, after) in enumerate(itertools.pairwise(judgements), start=1):
            if after.kind is not Break.SOFT:
                continue
            line = members[index]
            previous = members[index - 1]
            if before.kind is Break.SOFT:
                inner.append(line.width / measure)
            elif (
                before.kind is Break.END
                and previous.sentence_end
                and line.indent <= previous.indent
            ):
                starts.append(line.width / measure)
    if not starts or not inner:
        return StartWidths(len(starts), 0.0, 0.0)
    return StartWidths(len(starts), statistics.median(starts), statistics.median(inner))


def announces(text: str, line: Line) -> bool:
    """Whether ``line`` ends in a colon (and closing marks up to two): what follows is set apart."""
    return _ANNOUNCES.search(text, max(0, line.content_end - 3), line.content_end) is not None


def unsure_reading(
    text: str,
    members: list[Line],
    judgements: list[Judgement],
    index: int,
    measure: int,
    starts: Callable[[], StartWidths],
) -> tuple[float, str] | None:
    """How sure an unsure break (a full line ending a sentence before a capital) is a wrap.

    None when nothing more than the widths of the two lines can be said.
    """
    line, following = members[index], members[index + 1]
    if announces(text, line):
        return None
    last = index + 1 == len(judgements)
    if (
        not last
        and judgements[index + 1].kind is Break.SOFT
        and starts().runs_on(following, measure)
    ):
        evidence = starts().evidence(following, measure)
        return RUNS_ON_CONFIDENCE, f"{evidence}, as wide as a line inside a paragraph"
    if index == 0 or judgements[index - 1].kind is Break.END:
        return _ONE_LINE_CONFIDENCE, (
            f"a paragraph end there would leave line {line.number + 1} a paragraph of one "
            "full line, which prose seldom has"
        )
    if not last and judgements[index + 1].kind is Break.END:
        return _ONE_LINE_CONFIDENCE, (
            f"a paragraph end there would leave line {following.number + 1} a paragraph "
            "of one line, which prose seldom has"
        )
    return None
