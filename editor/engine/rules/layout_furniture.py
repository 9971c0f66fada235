"""Page furniture: running heads and feet and page numbers that a PDF repeats on every page.

Pages are told by form feeds (what pdftotext writes between pages).  A line is
furniture when it opens or closes a page and the same line, digits aside, opens
or closes many other pages too, or when it is a page number alone on its line
and many pages have one there.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from editor.engine.rules.layout_blocks import Line

# Furniture repeats: at least this many pages, and this share of them, must show the line
# (a heading that happens to open two pages is not furniture).
_MIN_PAGES = 3
_MIN_PAGE_SHARE = 0.3
_PAGE_NUMBER = regex.compile(
    r"(?i)(?:page\s+|seite\s+|p\.\s*)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?"
    r"(?:\s*(?:/|of|von|sur)\s*\d{1,4})?"
)
_DIGITS = regex.compile(r"\d+")
_SPACES = regex.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Furniture:
    """A line to remove and why."""

    line: int  # its number
    reason: str


def find_furniture(text: str, lines: list[Line]) -> list[Furniture]:
    """The running heads, feet and page numbers of a text with form feeds between pages."""
    pages: list[list[Line]] = [[]]
    for line in lines:
        if line.page_start and pages[-1]:
            pages.append([])
        if not line.blank:
            pages[-1].append(line)
    pages = [page for page in pages if page]
    if len(pages) < _MIN_PAGES:
        return []
    needed = max(_MIN_PAGES, _MIN_PAGE_SHARE * len(pages))
    edges: list[tuple[str, Line]] = []
    for page in pages:
        edges.append(("head", page[0]))
        if len(page) > 1:
            edges.append(("foot", page[-1]))
    keys: Counter[tuple[str, str]] = Counter()
    numbers: Counter[str] = Counter()
    for where, line in edges:
        content = text[line.content_start : line.content_end]
        keys[where, _key(content)] += 1
        if _PAGE_NUMBER.fullmatch(content):
            numbers[where] += 1
    found: list[Furniture] = []
    for where, line in edges:
        content = text[line.content_start : line.content_end]
        place = "opens" if where == "head" else "closes"
        if _PAGE_NUMBER.fullmatch(content) and numbers[where] >= needed:
            found.append(
                Furniture(
                    line.number,
                    f"‘{content}’ is a page number: a number alone on a line {place} "
                    f"{numbers[where]} of the {len(pages)} pages.",
                )
            )
        elif keys[where, _key(content)] >= needed:
            count = keys[where, _key(content)]
            found.append(
                Furniture(
                    line.number,
                    f"‘{content}’ is a running {where}: the same line {place} {count} of the "
                    f"{len(pages)} pages.",
                )
            )
    return sorted(found, key=lambda f: f.line)


def _key(content: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("#", content)).casefold()
