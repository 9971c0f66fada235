"""Runs of spaces inside lines, left by a justified page extracted with its layout.

``pdftotext -layout`` pads a justified line with spaces to the column's width, so
"the  old   hall" comes back with runs between words.  A text is taken to be
such an extraction when many of its lines of prose carry runs; a run that lines
up with one in the line above or below is a table column and stays, and so do
two spaces after a sentence end (a typing habit, not padding).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from editor.engine.model import Category, Fix
from editor.engine.rules.base import Detector, RuleInfo

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.engine.context import ScanContext

JUSTIFIED_SPACES = RuleInfo(
    "justified-spaces",
    Category.LAYOUT,
    "Shrink runs of spaces that justified PDF text left between words to one space "
    "(table columns keep theirs).",
)

# A run between two non-space characters, of at most this many spaces: wider gaps are
# columns of a table or a two-column page, not a justified line's padding.
_RUN = regex.compile(r"(?<=\S)( {2,6})(?=\S)")
# A sentence end, and the closing and emphasis marks that may follow it (`_guilty._`, `*now.*`).
_SENTENCE_ENDS = ".!?:;"
_CLOSERS = "\"'»”’)]_*"
# Lines of prose: at least this many words.
_MIN_WORDS = 5
# The share of prose lines that must carry runs for the text to be a justified extraction
# (a typed text has runs on a few lines at most).
_MIN_SHARE = 0.2
_MIN_LINES = 5
_CONFIDENCE = 0.9
# Lines are read a slice of this many characters at a time, so that a big text's lines
# never all exist at once.
_SLICE_CHARS = 1_000_000


def _find(ctx: ScanContext) -> Iterator[Fix]:
    text = ctx.text
    if "  " not in text:
        return
    # Most texts have a few padded lines at most: find them from the runs alone, in one
    # pass over the text, before looking at every line.
    padded = _padded_prose_lines(text)
    if len(padded) < _MIN_LINES:
        return
    prose = sum(len(line.split()) >= _MIN_WORDS for _, line in _numbered_lines(text))
    if len(padded) < _MIN_SHARE * prose:
        return
    reason = (
        f"{len(padded)} of the {prose} lines of prose have runs of spaces between "
        "words: padding from a justified page, not spacing anyone typed."
    )
    # a run that lines up with one in the line above or below is a table column
    previous: set[int] = set()
    window = _lines_with_columns(text)
    current = next(window, None)
    while current is not None:
        following = next(window, None)
        line_start, line, columns = current
        if columns:
            neighbours = previous | (following[2] if following is not None else set())
            for match in _RUN.finditer(line):
                if match.end() - 1 in neighbours or not _padding(line, match):
                    continue
                begin = line_start + match.start()
                yield Fix(
                    begin,
                    begin + len(match.group()),
                    match.group(),
                    " ",
                    JUSTIFIED_SPACES.name,
                    Category.LAYOUT,
                    _CONFIDENCE,
                    reason,
                )
        previous = columns
        current = following


DETECTORS: tuple[Detector, ...] = (Detector((JUSTIFIED_SPACES,), _find),)


def _padded_prose_lines(text: str) -> set[int]:
    """The starts of the lines of prose that hold a run of spaces that can be padding."""
    padded: set[int] = set()
    line_start = line_end = -1
    line = ""
    prose = False
    for run in _RUN.finditer(text):
        if run.start() > line_end:
            # the first run on a new line: find the line once, from the last line's end
            line_start = text.rfind("\n", max(line_end, 0), run.start()) + 1
            found = text.find("\n", run.end())
            line_end = found if found >= 0 else len(text)
            line = text[line_start:line_end]
            prose = len(line.split()) >= _MIN_WORDS
        if not prose or line_start in padded:
            continue
        local = _RUN.match(line, run.start() - line_start)
        if local is not None and _padding(line, local):
            padded.add(line_start)
    return padded


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` with its start offset; holds one slice of lines at a time."""
    start = 0
    while True:
        cut = text.find("\n", start + _SLICE_CHARS)
        end = len(text) if cut < 0 else cut
        for line in text[start:end].split("\n"):
            yield start, line
            start += len(line) + 1
        if cut < 0:
            return


def _lines_with_columns(text: str) -> Iterator[tuple[int, str, set[int]]]:
    for line_start, line in _numbered_lines(text):
        yield line_start, line, {m.end() - 1 for m in _RUN.finditer(line)}


def _padding(line: str, run: regex.Match[str]) -> bool:
    """Whether a run of spaces can be padding: not the two spaces some type after a sentence."""
    if len(run.group()) != 2:
        return True
    # read back over the closing marks only: a search from the line's start would make a
    # long line with many runs quadratic
    before = run.start()
    while before > 0 and line[before - 1] in _CLOSERS:
        before -= 1
    return before == 0 or line[before - 1] not in _SENTENCE_ENDS
