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
# A sentence end, closing marks and emphasis marks (`_guilty._`, `*now.*`) allowed after it.
_SENTENCE_END = regex.compile(r"[.!?:;][\"'»”’)\]_*]*$")
# Lines of prose: at least this many words.
_MIN_WORDS = 5
# The share of prose lines that must carry runs for the text to be a justified extraction
# (a typed text has runs on a few lines at most).
_MIN_SHARE = 0.2
_MIN_LINES = 5
_CONFIDENCE = 0.9


def _find(ctx: ScanContext) -> Iterator[Fix]:
    text = ctx.text
    if "  " not in text:
        return
    lines: list[tuple[int, str]] = []
    start = 0
    for line in text.split("\n"):
        lines.append((start, line))
        start += len(line) + 1
    prose = [(s, line) for s, line in lines if len(line.split()) >= _MIN_WORDS]
    # two spaces after a sentence end are a typing habit, not padding: they count for nothing
    # (else joining a typed text's lines into paragraphs would make it look padded)
    padded = [(s, line) for s, line in prose if any(_padding(line, m) for m in _RUN.finditer(line))]
    if len(padded) < _MIN_LINES or len(padded) < _MIN_SHARE * len(prose):
        return
    columns = [{m.end() - 1 for m in _RUN.finditer(line)} for _, line in lines]
    for number, (line_start, line) in enumerate(lines):
        if not columns[number]:
            continue
        neighbours = (columns[number - 1] if number else set()) | (
            columns[number + 1] if number + 1 < len(lines) else set()
        )
        for match in _RUN.finditer(line):
            if match.end() - 1 in neighbours:
                continue  # lines up with a run above or below: a column
            if not _padding(line, match):
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
                f"{len(padded)} of the {len(prose)} lines of prose have runs of spaces between "
                "words: padding from a justified page, not spacing anyone typed.",
            )


DETECTORS: tuple[Detector, ...] = (Detector((JUSTIFIED_SPACES,), _find),)


def _padding(line: str, run: regex.Match[str]) -> bool:
    """Whether a run of spaces can be padding: not the two spaces some type after a sentence."""
    return len(run.group()) != 2 or _SENTENCE_END.search(line, 0, run.start()) is None
