"""The lines of a text and how wide they print, as a table of columns.

The layout rules read a few facts of every line: where its text starts and
ends, its indentation, its printed width, whether it ends a sentence.  A text
has tens of thousands of lines per megabyte, so the facts are kept in columns
(arrays of integers and bytes) filled by C-level passes (``str.split``,
``map``, ``accumulate``), not one Python object per line; a :class:`Line` is
made on demand for the few lines a rule looks at closely.  Widths are
estimated from the glyph widths of a common proportional book face: character
counts alone hide that "illiterate" is half as wide as "MOMENTUM".
"""

from __future__ import annotations

import codecs
import itertools
import operator
import unicodedata
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast, overload

import regex

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

# Advance widths (1/1000 em) of a Times-like book face: close enough for Latin Modern,
# Times, Palatino and most PDF body fonts, where only proportions matter.
_LOWER_WIDTHS = "444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444"
_UPPER_WIDTHS = "722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611"
_GLYPH_WIDTHS: dict[str, int] = {
    **dict(zip("abcdefghijklmnopqrstuvwxyz", map(int, _LOWER_WIDTHS.split()), strict=True)),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", map(int, _UPPER_WIDTHS.split()), strict=True)),
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
DEFAULT_WIDTH = 500
#: the estimated width of a space, for "would the next word have fitted"
SPACE_WIDTH = _GLYPH_WIDTHS[" "]

# How far from a line's end its sentence-final mark (with closing marks) and a title lie.
_TAIL = 16
_SENTENCE_END = regex.compile(r"[.!?…:;][\"'»«”’)\]]*$")
# Titles written before a name, in the languages Mend reads.
_TITLE = regex.compile(
    r"(?<![\p{L}.])(?:Mr|Mrs|Ms|Dr|St|Prof|Rev|Messrs|Mme|Mlle|MM|Hr|Fr|Frl|Nr|Gen|Col|Capt|Lt)\.$"
)


def _width_of(char: str) -> int:
    base = unicodedata.normalize("NFD", char)[:1]
    return _GLYPH_WIDTHS.get(base, DEFAULT_WIDTH)


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
# The same for ASCII as a ``bytes.translate`` table, which runs a hundred times faster.
_ASCII_UNITS = bytes(ord(_WIDTH_UNITS[code]) for code in range(128)) + bytes(128)
# An ASCII character of each width in units: encoding a text to ASCII writes, for every
# other character, the one of its width (a codec error handler), so that one translation
# of bytes gives every character's units, the handler called once per run of others.
_ASCII_OF_UNITS = {unit: chr(code) for code, unit in reversed(list(enumerate(_ASCII_UNITS[:128])))}
_STAND_INS = "mend.width-stand-ins"


class _NoStandIn(Exception):
    """A character's width in units is that of no ASCII character."""


class _StandIns(dict[int, str]):
    """A ``str.translate`` table: each character to an ASCII character of its width."""

    def __missing__(self, code: int) -> str:
        stand_in = _ASCII_OF_UNITS.get(ord(_WIDTH_UNITS[code]))
        if stand_in is None:
            raise _NoStandIn(code)
        self[code] = stand_in
        return stand_in


_STAND_IN_TABLE = _StandIns()


def _stand_ins(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    return error.object[error.start : error.end].translate(_STAND_IN_TABLE), error.end


codecs.register_error(_STAND_INS, _stand_ins)
_NON_ASCII = regex.compile(r"[^\x00-\x7f]+")


def _units(text: str) -> bytes:
    """One byte per character of ``text``: its width in units."""
    try:
        return text.encode("ascii", _STAND_INS).translate(_ASCII_UNITS)
    except _NoStandIn:
        units = bytearray(text.encode("ascii", "replace").translate(_ASCII_UNITS))
        for run in _NON_ASCII.finditer(text):
            units[run.start() : run.end()] = run.group().translate(_WIDTH_UNITS).encode("latin-1")
        return bytes(units)


_ROUNDED_WIDTHS = {chr(code): _UNIT * ord(unit) for code, unit in _WIDTH_UNITS.items()}
# Below this length a word's width is summed from a dictionary: cheaper than a translation.
_SHORT = 24


def text_width(text: str) -> int:
    """The estimated printed width of ``text`` in 1/1000 em."""
    if len(text) < _SHORT:
        return sum(map(_ROUNDED_WIDTHS.get, text, itertools.repeat(DEFAULT_WIDTH)))
    return _UNIT * sum(_units(text))


def ends_sentence(content: str) -> bool:
    """Whether a line's text ends with sentence-final punctuation (closing marks allowed).

    A title before a name ("Mr.", "Dr.", "Mme.") ends no sentence.
    """
    tail = content[-_TAIL:]  # both patterns end at the line's end
    return _SENTENCE_END.search(tail) is not None and _TITLE.search(tail) is None


@dataclass(slots=True)
class Line:
    """One line of the text: where it is, what it holds, how wide it prints.

    Not frozen: a frozen one costs twice as much to make.
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


_WHITE = " \t\f"
# The table is filled this many characters at a time, so that the strings of one piece's
# lines are all the memory it needs beside its columns.
_PIECE = 1 << 20
_FIRST_CHAR = slice(0, 1)
_LAST_CHARS = slice(-_TAIL, None)
_LAST_CHAR = slice(-1, None)
# The characters a sentence can end on: its final mark or a closing mark after it.
_ENDERS = frozenset(".!?…:;\"'»«”’)]")


class LineTable(Sequence[Line]):
    """Every line of a text (line breaks ``\\n``) as columns, one entry per line.

    ``lines[n]`` makes line ``n``'s :class:`Line`; the columns are for reading many lines
    at C speed: offsets, indentation and width are integers, the rest are 0 or 1.
    """

    __slots__ = (
        "blanks",
        "content_ends",
        "content_starts",
        "ends",
        "indents",
        "lower_starts",
        "page_starts",
        "sentence_ends",
        "upper_starts",
        "widths",
    )

    def __init__(self) -> None:
        self.ends = array("q")
        self.content_starts = array("q")
        self.content_ends = array("q")
        self.indents = array("q")
        self.widths = array("q")
        self.page_starts = bytearray()
        self.sentence_ends = bytearray()
        self.blanks = bytearray()
        #: its text starts with a lower-case (an upper-case) letter
        self.lower_starts = bytearray()
        self.upper_starts = bytearray()

    @classmethod
    def of(cls, text: str) -> LineTable:
        """The table of ``text``'s lines."""
        table = cls()
        start = 0
        while True:
            cut = text.find("\n", start + _PIECE)
            if cut == -1:
                table._add(text[start:], start)
                return table
            table._add(text[start:cut], start)
            start = cut + 1

    @classmethod
    def of_lines(cls, text: str, lines: Iterable[Line]) -> LineTable:
        """A table of ``text``'s lines, made from their :class:`Line` records."""
        table = cls()
        for line in lines:
            first = text[line.content_start : line.content_start + 1] if not line.blank else ""
            table.ends.append(line.end)
            table.content_starts.append(line.content_start)
            table.content_ends.append(line.content_end)
            table.indents.append(line.indent)
            table.widths.append(line.width)
            table.page_starts.append(line.page_start)
            table.sentence_ends.append(line.sentence_end)
            table.blanks.append(line.blank)
            table.lower_starts.append(first.islower())
            table.upper_starts.append(first.isupper())
        return table

    def _add(self, piece: str, offset: int) -> None:
        """Append the lines of ``piece``, which starts at ``offset`` of the text."""
        raws = piece.split("\n")
        lengths = list(map(len, raws))
        starts = list(itertools.accumulate(map(operator.add, lengths, itertools.repeat(1))))
        starts = [offset, *map(operator.add, starts[:-1], itertools.repeat(offset))]
        contents = list(map(str.strip, raws, itertools.repeat(_WHITE)))
        content_lengths = list(map(len, contents))
        kept = list(map(len, map(str.lstrip, raws, itertools.repeat(_WHITE))))
        leading = list(map(operator.sub, lengths, kept))
        content_starts = list(map(operator.add, starts, leading))
        # an array extends fastest from another array
        self.ends.extend(array("q", map(operator.add, starts, lengths)))
        self.content_starts.extend(array("q", content_starts))
        self.content_ends.extend(array("q", map(operator.add, content_starts, content_lengths)))
        blanks = bytearray(map(operator.not_, content_lengths))
        self.blanks += blanks
        page_starts = bytearray(len(raws))
        if "\t" in piece or "\f" in piece:
            for number in itertools.compress(range(len(raws)), leading):
                page_starts[number], leading[number] = _indentation(raws[number][: leading[number]])
        self.page_starts += page_starts
        self.indents.extend(array("q", leading))
        units = memoryview(_units(piece))
        relative = list(map(operator.sub, content_starts, itertools.repeat(offset)))
        spans = map(slice, relative, map(operator.add, relative, content_lengths))
        sums = map(sum, map(units.__getitem__, spans))
        self.widths.extend(array("q", map(operator.mul, sums, itertools.repeat(_UNIT))))
        tails = cast(
            "list[str]", list(map(operator.getitem, contents, itertools.repeat(_LAST_CHARS)))
        )
        # only a line whose last character may end a sentence is searched
        lasts = map(operator.getitem, tails, itertools.repeat(_LAST_CHAR))
        sentence_ends = bytearray(len(raws))
        for number in itertools.compress(range(len(raws)), map(_ENDERS.__contains__, lasts)):
            sentence_ends[number] = ends_sentence(tails[number])
        self.sentence_ends += sentence_ends
        firsts = cast(
            "list[str]", list(map(operator.getitem, contents, itertools.repeat(_FIRST_CHAR)))
        )
        self.lower_starts += bytearray(map(str.islower, firsts))
        self.upper_starts += bytearray(map(str.isupper, firsts))

    def start(self, number: int) -> int:
        """The offset of line ``number``'s first character."""
        return self.ends[number - 1] + 1 if number > 0 else 0

    def line(self, number: int) -> Line:
        """Line ``number`` (from 0) as a record."""
        return Line(
            number,
            self.ends[number - 1] + 1 if number > 0 else 0,
            self.ends[number],
            self.content_starts[number],
            self.content_ends[number],
            self.indents[number],
            bool(self.page_starts[number]),
            self.widths[number],
            bool(self.sentence_ends[number]),
            bool(self.blanks[number]),
        )

    def most_common_indent(self) -> int:
        """The indentation most non-blank lines have (the first seen of equally common ones)."""
        filled = map(operator.not_, self.blanks)
        indents = Counter(itertools.compress(self.indents, filled))
        return indents.most_common(1)[0][0] if indents else 0

    def __len__(self) -> int:
        return len(self.ends)

    @overload
    def __getitem__(self, index: int) -> Line: ...

    @overload
    def __getitem__(self, index: slice) -> list[Line]: ...

    def __getitem__(self, index: int | slice) -> Line | list[Line]:
        if isinstance(index, slice):
            return [self.line(number) for number in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.line(index)

    def __iter__(self) -> Iterator[Line]:
        return map(self.line, range(len(self)))


def _indentation(leading: str) -> tuple[bool, int]:
    """Whether a line's leading white space holds a form feed, and its indentation."""
    page_start = "\f" in leading
    if page_start:
        leading = leading.rsplit("\f", 1)[-1]
    return page_start, len(leading.expandtabs(8)) if leading else 0


def line_table(text: str) -> LineTable:
    """Every line of ``text`` (line breaks ``\\n``), in order, as a table of columns."""
    return LineTable.of(text)


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` (line breaks ``\\n``), in order, one record each."""
    return list(LineTable.of(text))
