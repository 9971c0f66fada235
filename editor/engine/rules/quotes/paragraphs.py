"""Paragraph splitting: the stretches of text whose quote marks are read as one sequence."""

from __future__ import annotations

import regex

BLANK_LINE = regex.compile(r"\n[ \t\u00a0]*\n")
#: a block whose longest line is longer than this is a run of one-line paragraphs (news
#: text, one paragraph a line), not one hard-wrapped paragraph (book text wraps at 60-80)
LONG_LINE = 150


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks between blank lines, and single long lines in news-like text.

    A hard-wrapped paragraph spans several short lines; a block whose lines are
    long is a run of one-line paragraphs.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in BLANK_LINE.finditer(text):
        _add_block(text, pos, match.start(), spans)
        pos = match.end()
    _add_block(text, pos, len(text), spans)
    return spans


def _add_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    if start >= end:
        return
    if "\n" not in text[start:end]:
        spans.append((start, end))
        return
    lines_start = start
    longest = 0
    line_spans: list[tuple[int, int]] = []
    while True:
        newline = text.find("\n", lines_start, end)
        line_end = end if newline < 0 else newline
        line_spans.append((lines_start, line_end))
        longest = max(longest, line_end - lines_start)
        if newline < 0:
            break
        lines_start = newline + 1
    if longest > LONG_LINE:
        spans.extend(s for s in line_spans if s[0] < s[1])
    else:
        spans.append((start, end))
