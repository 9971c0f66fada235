"""Which blocks of a text's lines are hard-wrapped.

Text copied out of a PDF ends every printed line with a line break.  Such a
block has a *measure*: most of its lines run to nearly the same printed width,
and most of them end mid-sentence.  A text of one paragraph per line has
neither, so it is never unwrapped.  The lines are read from the columns of a
:class:`~editor.engine.rules.layout_lines.LineTable`, many at a time.
"""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.engine.rules.layout_lines import (
    DEFAULT_WIDTH,
    SPACE_WIDTH,
    Line,
    LineTable,
    ends_sentence,
    line_table,
    split_lines,
    text_width,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

# re-exported: the layout rules have always found these here
__all__ = [
    "FULL_SHARE",
    "SPACE_WIDTH",
    "Block",
    "Line",
    "LineTable",
    "Wrapping",
    "ends_sentence",
    "find_blocks",
    "line_table",
    "split_lines",
    "text_width",
]

_DEFAULT_WIDTH = DEFAULT_WIDTH
# The share of lines a text's measure stands above: the widest lines are often
# overfull or indented headings, so the very maximum is noise (typeset bench: 0.95).
_MEASURE_PERCENTILE = 0.95
#: a line at least this share of the measure is "full": it ran to the right margin
FULL_SHARE = 0.8
# A block is hard-wrapped when at least this share of its lines (its last one aside) is
# full or carries its sentence on to the next line in lower case, and at least this share
# ends mid-sentence (one paragraph per line: about 0.05).
_WRAPPED_FULL_SHARE = 0.5
_WRAPPED_OPEN_SHARE = 0.3
# A block with this many lines (its last aside) is measured on its own lines.
_MIN_OWN_MEASURE_LINES = 3
# A text whose wrapped blocks are at least this many and have at most this many lines on
# average separates its paragraphs by blank lines (typeset raw extractions: one block of
# of 60 to 100 lines per text; generated bench pdf pairs: 5 to 30 lines a block).
_MIN_SEPARATED_BLOCKS = 3
_MAX_SEPARATED_BLOCK_LINES = 40
# In a text of blank-separated paragraphs, a two-line block whose first line is at least
# this share of the measure and stops mid-sentence is one wrapped paragraph (dialogue).
_TWO_LINE_SHARE = 0.5
# Below this many full (or carried-on) lines a text gives too little evidence to unwrap.
_MIN_FULL_LINES = 3
# Verse starts every line with a capital although its sentence goes on; prose does that
# after at most a third of its open lines, even German with its capitalised nouns.
_VERSE_CAPITAL_SHARE = 0.75
# A printed column holds at least this many average letters (narrow newspaper columns
# about 30): lines all shorter are verse, a list or a table, not a wrapped paragraph.
_MIN_MEASURE_LETTERS = 25
# A measure wider than this many average letters is not a printed column (a text of
# one paragraph per line has "lines" of hundreds of characters).
_MAX_MEASURE_LETTERS = 160


@dataclass(frozen=True, slots=True)
class Block:
    """A run of non-blank lines, and whether it reads as hard-wrapped."""

    first: int  # index of its first line
    last: int  # index of its last line
    measure: int  # the width its full lines run to
    wrapped: bool
    #: lines (its last aside) that run to the margin or carry their sentence on, if more
    wrap_lines: int
    open_lines: int

    @property
    def size(self) -> int:
        """How many lines the block has."""
        return self.last - self.first + 1


@dataclass(frozen=True, slots=True)
class Wrapping:
    """What the text's lines say about its layout."""

    measure: int  # the width its full lines run to, in 1/1000 em
    blocks: tuple[Block, ...]
    #: the text separates its paragraphs by blank lines (so a block is one paragraph or few)
    blank_separated: bool


# A run of lines: the filled lines between two blank ones, skipped lines aside.
_FILLED_RUN = regex.compile(rb"[\x00\x02]+")
_FILLED, _BLANK, _SKIPPED = 0, 1, 2


def find_blocks(text: str, lines: Sequence[Line], skip: frozenset[int] = frozenset()) -> Wrapping:
    """Measure the text and tell each block of non-blank lines whether it is hard-wrapped.

    ``lines`` are the text's lines (a :class:`LineTable` is read fastest); ``skip``
    names lines that take no part (page furniture about to be removed).
    """
    table = lines if isinstance(lines, LineTable) else LineTable.of_lines(text, lines)
    kinds = bytearray(table.blanks)  # _FILLED or _BLANK, the same values
    for number in skip:
        if 0 <= number < len(kinds):
            kinds[number] = _SKIPPED
    widths = sorted(itertools.compress(table.widths, map(operator.not_, kinds)))
    if not widths:
        return Wrapping(0, (), False)
    measure = widths[int(_MEASURE_PERCENTILE * (len(widths) - 1))]
    if measure > _MAX_MEASURE_LETTERS * _DEFAULT_WIDTH:
        return Wrapping(measure, (), False)
    blocks: list[Block] = []
    for found in _FILLED_RUN.finditer(kinds):
        run: range | list[int] = range(found.start(), found.end())
        if skip and _SKIPPED in kinds[found.start() : found.end()]:
            run = [number for number in run if kinds[number] == _FILLED]
        if run:
            blocks.append(_judge_block(table, run, measure))
    full = sum(b.wrap_lines for b in blocks if b.wrapped)
    if full < _MIN_FULL_LINES:
        blocks = [
            Block(b.first, b.last, b.measure, False, b.wrap_lines, b.open_lines) for b in blocks
        ]
    wrapped = [b for b in blocks if b.wrapped]
    # Paragraphs by blank lines: many wrapped blocks of a few lines each, not one long run
    # of lines with the paragraphs inside it.
    wrapped_lines = sum(b.size for b in wrapped)
    blank_separated = len(
        wrapped
    ) >= _MIN_SEPARATED_BLOCKS and wrapped_lines <= _MAX_SEPARATED_BLOCK_LINES * len(wrapped)
    if blank_separated:
        blocks = [b if b.wrapped else _two_line_paragraph(text, table, b, measure) for b in blocks]
    return Wrapping(measure, tuple(blocks), blank_separated)


def _two_line_paragraph(text: str, table: LineTable, block: Block, measure: int) -> Block:
    """A two-line block of a text of blank-separated paragraphs, judged once more.

    It is one wrapped paragraph when its first line is long and stops mid-sentence on a
    lower-case word or a comma (a heading stops on a capital or is short).
    """
    if block.size != 2:
        return block
    line = table.line(block.first)
    content = text[line.content_start : line.content_end]
    if (
        line.width >= _TWO_LINE_SHARE * measure
        and not line.sentence_end
        and (content[-1:].islower() or content[-1:] == ",")
    ):
        return Block(block.first, block.last, measure, True, 1, 1)
    return block


def _judge_block(table: LineTable, run: range | list[int], measure: int) -> Block:
    """Judge a run of lines (their numbers) against its own measure (a paragraph may be narrower).

    A run too short to show a measure of its own is judged against the text's.
    """
    first, last = run[0], run[-1]
    if len(run) < 2:
        return Block(first, last, measure, False, 0, 0)
    body, after = run[:-1], run[1:]
    width_of = table.widths.__getitem__
    if len(body) >= _MIN_OWN_MEASURE_LINES:
        widths = sorted(map(width_of, body))
        measure = widths[int(_MEASURE_PERCENTILE * (len(widths) - 1))]
    full = sum(map((FULL_SHARE * measure).__le__, map(width_of, body)))
    ends = list(map(table.sentence_ends.__getitem__, body))
    open_ends = len(body) - sum(ends)
    # lines ending mid-sentence whose sentence goes on in lower case
    carried_on = sum(map(operator.gt, map(table.lower_starts.__getitem__, after), ends))
    # lines ending mid-sentence before a capital: verse does that
    capitalised = sum(map(operator.gt, map(table.upper_starts.__getitem__, after), ends))
    verse = open_ends >= 2 and capitalised >= _VERSE_CAPITAL_SHARE * open_ends
    shaped = (
        max(full, carried_on) >= _WRAPPED_FULL_SHARE * len(body)
        and measure >= _MIN_MEASURE_LETTERS * _DEFAULT_WIDTH
        and not verse
    )
    wrapped = shaped and open_ends >= _WRAPPED_OPEN_SHARE * len(body)
    return Block(first, last, measure, wrapped, max(full, carried_on), open_ends)
