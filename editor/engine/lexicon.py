"""Word frequency lists per language, from pyspellchecker's data, loaded once per process."""

from __future__ import annotations

import functools
import gzip
import json
from importlib import resources


class Lexicon:
    """How common each word of a language is (lower-case keys; 0 for unknown words)."""

    def __init__(self, language: str, frequencies: dict[str, int]) -> None:
        self.language = language
        self._frequencies = frequencies

    def frequency(self, word: str) -> int:
        """Corpus count of ``word`` (case-insensitive); 0 when the list does not know it."""
        return self._frequencies.get(word.lower(), 0)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.lower() in self._frequencies

    def __len__(self) -> int:
        return len(self._frequencies)


@functools.cache
def load_lexicon(language: str) -> Lexicon:
    """The word list for ``language``; an empty one when pyspellchecker has none."""
    try:
        data = (
            resources.files("spellchecker")
            .joinpath("resources", f"{language}.json.gz")
            .read_bytes()
        )
    except (FileNotFoundError, ModuleNotFoundError):
        return Lexicon(language, {})
    frequencies: dict[str, int] = json.loads(gzip.decompress(data))
    return Lexicon(language, frequencies)
