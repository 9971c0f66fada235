"""The document's own vocabulary: how often each word occurs in it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from collections.abc import Callable

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_SPACE = regex.compile(r"\s")
# Counting a whole book at once holds a case-folded copy and every word string
# in memory together (about 17x the text); a million characters at a time
# keeps that small and lets a scan be cancelled while it counts.
_CHUNK = 1_000_000


@dataclass(frozen=True)
class Vocabulary:
    """Case-folded word counts of one text."""

    counts: Counter[str]

    @classmethod
    def of(cls, text: str, check: Callable[[], None] | None = None) -> Vocabulary:
        """Count every run of letters in ``text``; ``check`` is called between chunks."""
        counts: Counter[str] = Counter()
        start = 0
        while start < len(text):
            end = start + _CHUNK
            if end < len(text):
                space = _SPACE.search(text, end)
                end = space.start() if space else len(text)
            counts.update(_WORD.findall(text[start:end].casefold()))
            start = end
            if check is not None:
                check()
        return cls(counts)

    def count(self, word: str) -> int:
        """How often ``word`` occurs in the text, ignoring case."""
        return self.counts.get(word.casefold(), 0)
