"""The document's own vocabulary: how often each word occurs in it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

_WORD = regex.compile(r"[\p{L}\p{M}]+")


@dataclass(frozen=True)
class Vocabulary:
    """Case-folded word counts of one text."""

    counts: Counter[str]

    @classmethod
    def of(cls, text: str) -> Vocabulary:
        """Count every run of letters in ``text``."""
        return cls(Counter(_WORD.findall(text.casefold())))

    def count(self, word: str) -> int:
        """How often ``word`` occurs in the text, ignoring case."""
        return self.counts.get(word.casefold(), 0)
