"""The lines of a text, how wide they print, and which blocks of them are hard-wrapped.

Text copied out of a PDF ends every printed line with a line break.  Such a
block has a *measure*: most of its lines run to nearly the same printed width,
and most of them end mid-sentence.  A text of one paragraph per line has
neither, so it is never unwrapped.  Widths are estimated from the glyph widths
of a common proportional book face: character counts alone hide that
"illiterate" is half as wide as "MOMENTUM".
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass

import regex

# Advance widths (1/1000 em) of a Times-like book face: close enough for Latin Modern,
# Times, Palatino and most PDF body fonts, where only proportions matter.
_GLYPH_WIDTHS: dict[str, int] = {
    **dict(
        zip(
            "abcdefghijklmnopqrstuvwxyz",
            (
                444,
                500,
                444,
                500,
                444,
                333,
                500,
                500,
                278,
                278,
                500,
                278,
                778,
                500,
                500,
                500,
                500,
                333,
                389,
                278,
                500,
                500,
                722,
                500,
                500,
                444,
            ),
            strict=True,
        )
    ),
    **dict(
        zip(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            (
                722,
                667,
                667,
                722,
                611,
                556,
                722,
                722,
                333,
                389,
                722,
                611,
                889,
                722,
                722,
                556,
                722,
                667,
                556,
                611,
                722,
                722,
                944,
                722,
                722,
                611,
            ),
            strict=True,
        )
    ),
    **dict.fromkeys("0123456789", 500),
    **dict.fromkeys(".,", 250),
    **dict.fromkeys(":;!()[]/\\'‘’-", 300),
    **dict.fromkeys('"“”„«»?*$#_', 470),
    **dict.fromkeys("=+<>~^{}", 560),
    " ": 250,
    "\t": 1000,
    "–": 500,
    "—": 1000,
    "&": 778,
    "%": 833,
    "@": 921,
    "|": 200,
}
# What an unknown character (CJK, symbols) is taken to be: an average lowercase letter.
_DEFAULT_WIDTH = 500
#: the estimated width of a space, for "would the next word have fitted"
SPACE_WIDTH = _GLYPH_WIDTHS[" "]
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

# How far from a line's end its sentence-final mark (with closing marks) and a title lie.
_TAIL = 16
_SENTENCE_END = regex.compile(r"[.!?…:;][\"'»«”’)\]]*$")
# Titles written before a name, in the languages Mend reads.
_TITLE = regex.compile(
    r"(?<![\p{L}.])(?:Mr|Mrs|Ms|Dr|St|Prof|Rev|Messrs|Mme|Mlle|MM|Hr|Fr|Frl|Nr|Gen|Col|Capt|Lt)\.$"
)


def _width_of(char: str) -> int:
    base = unicodedata.normalize("NFD", char)[:1]
    return _GLYPH_WIDTHS.get(base, _DEFAULT_WIDTH)


# Accented letters take their base letter's width; filled in once for Latin-1 and Latin A.
for _code in range(0xA0, 0x250):
    _GLYPH_WIDTHS.setdefault(chr(_code), _width_of(chr(_code)))


# Widths are summed in units of 4/1000 em, one byte per character, so that a line's width
# is one C-level sum over bytes: a 1 MB text's widths cost a few milliseconds, not half a
# second.  Rounding to 4/1000 em moves a line's estimate by under 0.5 %.
_UNIT = 4


class _WidthUnits(dict[int, str]):
    """A ``str.translate`` table: each character to the character whose code is its width."""

    def __missing__(self, code: int) -> str:
        unit = chr(round(_width_of(chr(code)) / _UNIT))
        self[code] = unit
        return unit


_WIDTH_UNITS = _WidthUnits({ord(char): chr(round(w / _UNIT)) for char, w in _GLYPH_WIDTHS.items()})


def _units(text: str) -> bytes:
    return text.translate(_WIDTH_UNITS).encode("latin-1")


_ROUNDED_WIDTHS = {chr(code): _UNIT * ord(unit) for code, unit in _WIDTH_UNITS.items()}
# Below this length a word's width is summed from a dictionary: cheaper than a translation.
_SHORT = 24


def text_width(text: str) -> int:
    """The estimated printed width of ``text`` in 1/1000 em."""
    if len(text) < _SHORT:
        return sum(map(_ROUNDED_WIDTHS.get, text, itertools.repeat(_DEFAULT_WIDTH)))
    return _UNIT * sum(_units(text))


@dataclass(slots=True)
class Line:
    """One line of the text: where it is, what it holds, how wide it prints.

    Not frozen: a text has tens of thousands, and a frozen one costs twice as much to make.
    """

    number: int  # from 0
    start: int  # offset of its first character
    end: int  # offset of its line break (or of the text's end)
    content_start: int  # after a leading form feed and indentation
    content_end: int  # before trailing spaces
    indent: int  # spaces of indentation
    page_start: bool  # it begins a page (a form feed)
    width: int
    sentence_end: bool  # its text ends a sentence (see ends_sentence)
    blank: bool  # it holds nothing but white space and form feeds


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` (line breaks ``\\n``), in order."""
    units = _units(text)
    lines: list[Line] = []
    start = 0
    for number, raw in enumerate(text.split("\n")):
        end = start + len(raw)
        content = raw.strip(" \t\f")
        if not content:
            content_start = content_end = end
            leading = raw
        else:
            content_start = start + raw.index(content[0])
            content_end = content_start + len(content)
            leading = text[start:content_start]
        page_start = "\f" in leading
        if page_start:
            leading = leading.rsplit("\f", 1)[-1]
        indent = len(leading.expandtabs(8)) if leading else 0
        width = _UNIT * sum(units[content_start:content_end]) if content else 0
        ends = ends_sentence(content) if content else False
        lines.append(
            Line(
                number,
                start,
                end,
                content_start,
                content_end,
                indent,
                page_start,
                width,
                ends,
                not content,
            )
        )
        start = end + 1
    return lines


def ends_sentence(content: str) -> bool:
    """Whether a line's text ends with sentence-final punctuation (closing marks allowed).

    A title before a name ("Mr.", "Dr.", "Mme.") ends no sentence.
    """
    tail = max(0, len(content) - _TAIL)  # both patterns end at the line's end
    if _SENTENCE_END.search(content, tail) is None:
        return False
    return _TITLE.search(content, tail) is None


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


def find_blocks(text: str, lines: list[Line], skip: frozenset[int] = frozenset()) -> Wrapping:
    """Measure the text and tell each block of non-blank lines whether it is hard-wrapped.

    ``skip`` names lines that take no part (page furniture about to be removed).
    """
    widths = sorted(line.width for line in lines if not line.blank and line.number not in skip)
    if not widths:
        return Wrapping(0, (), False)
    measure = widths[int(_MEASURE_PERCENTILE * (len(widths) - 1))]
    blocks: list[Block] = []
    run: list[Line] = []
    if measure > _MAX_MEASURE_LETTERS * _DEFAULT_WIDTH:
        return Wrapping(measure, (), False)
    for line in [*lines, None]:
        if line is not None and line.number in skip:
            continue
        if line is not None and not line.blank:
            run.append(line)
            continue
        if run:
            blocks.append(_judge_block(text, run, measure))
            run = []
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
        blocks = [b if b.wrapped else _two_line_paragraph(text, lines, b, measure) for b in blocks]
    return Wrapping(measure, tuple(blocks), blank_separated)


def _two_line_paragraph(text: str, lines: list[Line], block: Block, measure: int) -> Block:
    """A two-line block of a text of blank-separated paragraphs, judged once more.

    It is one wrapped paragraph when its first line is long and stops mid-sentence on a
    lower-case word or a comma (a heading stops on a capital or is short).
    """
    if block.size != 2:
        return block
    line = lines[block.first]
    content = text[line.content_start : line.content_end]
    if (
        line.width >= _TWO_LINE_SHARE * measure
        and not line.sentence_end
        and (content[-1:].islower() or content[-1:] == ",")
    ):
        return Block(block.first, block.last, measure, True, 1, 1)
    return block


def _judge_block(text: str, run: list[Line], measure: int) -> Block:
    """Judge a run of lines against its own measure (a paragraph may be set narrower).

    A run too short to show a measure of its own is judged against the text's.
    """
    first, last = run[0].number, run[-1].number
    if len(run) < 2:
        return Block(first, last, measure, False, 0, 0)
    body = run[:-1]
    if len(body) >= _MIN_OWN_MEASURE_LINES:
        widths = sorted(line.width for line in body)
        measure = widths[int(_MEASURE_PERCENTILE * (len(widths) - 1))]
    full = 0
    open_ends = 0
    carried_on = 0  # lines ending mid-sentence whose sentence goes on in lower case
    capitalised = 0  # lines ending mid-sentence before a capital: verse does that
    for line, following in zip(body, run[1:], strict=True):
        full += FULL_SHARE * measure <= line.width
        if not line.sentence_end:
            open_ends += 1
            after = text[following.content_start : following.content_start + 1]
            carried_on += after.islower()
            capitalised += after.isupper()
    verse = open_ends >= 2 and capitalised >= _VERSE_CAPITAL_SHARE * open_ends
    shaped = (
        max(full, carried_on) >= _WRAPPED_FULL_SHARE * len(body)
        and measure >= _MIN_MEASURE_LETTERS * _DEFAULT_WIDTH
        and not verse
    )
    wrapped = shaped and open_ends >= _WRAPPED_OPEN_SHARE * len(body)
    return Block(first, last, measure, wrapped, max(full, carried_on), open_ends)
