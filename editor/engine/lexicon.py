"""Word frequency lists per language, from pyspellchecker's data, loaded once per process."""

from __future__ import annotations

import bisect
import contextlib
import functools
import gzip
import hashlib
import json
import marshal
import math
import os
import tempfile
from importlib import resources
from pathlib import Path

import platformdirs

# pyspellchecker pads its lists with dictionary words it never saw in its corpus,
# all at a count of about 50: such a word exists, but its count says nothing.
_UNATTESTED_COUNT = 60


class Lexicon:
    """How common each word of a language is (lower-case keys; 0 for unknown words)."""

    def __init__(self, language: str, frequencies: dict[str, int]) -> None:
        self.language = language
        self._frequencies = frequencies
        self.total = sum(frequencies.values()) or 1
        self._per_billion = 1e9 / self.total
        self._initials: frozenset[str] | None = None
        self._letters: frozenset[str] | None = None
        self._sorted: list[str] | None = None

    def frequency(self, word: str) -> int:
        """Corpus count of ``word`` (case-insensitive); 0 when the list does not know it."""
        return self._frequencies.get(word.lower(), 0)

    def zipf(self, word: str) -> float:
        """How common ``word`` is on the Zipf scale (log10 of uses per billion words).

        0.0 for words the list does not know and for words it lists without a
        real corpus count, so a padded entry never looks common.  About 3 is a
        rare word, 5 a common one, 7 the commonest function words.
        """
        count = self._frequencies.get(word.lower(), 0)
        if count <= _UNATTESTED_COUNT:
            return 0.0
        return max(0.0, math.log10(count * self._per_billion))

    def initial_bigrams(self) -> frozenset[str]:
        """The first two letters of every attested word (computed on first use)."""
        if self._initials is None:
            self._initials = frozenset(
                w[:2] for w, c in self._frequencies.items() if c > _UNATTESTED_COUNT
            )
        return self._initials

    def word_starting_with(self, prefix: str) -> str | None:
        """Some listed word that starts with ``prefix`` (lower-case), or None."""
        if self._sorted is None:
            self._sorted = sorted(self._frequencies)
        index = bisect.bisect_left(self._sorted, prefix)
        if index < len(self._sorted) and self._sorted[index].startswith(prefix):
            return self._sorted[index]
        return None

    def covers(self, word: str) -> bool:
        """Whether some attested word starts with ``word``'s first letter.

        False for a script the list does not hold (Cyrillic in English), where
        the list's silence about a word says nothing.
        """
        if self._letters is None:
            self._letters = frozenset(b[:1] for b in self.initial_bigrams())
        return word[:1].lower() in self._letters

    def is_attested(self, word: str) -> bool:
        """True if the list saw ``word`` in real text, not only in a dictionary."""
        return self._frequencies.get(word.lower(), 0) > _UNATTESTED_COUNT

    @property
    def is_small(self) -> bool:
        """True for short lists (Russian's has 20,000 words) whose silence means little."""
        return len(self._frequencies) < 60_000

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
    return Lexicon(language, _frequencies(language, data))


def _frequencies(language: str, data: bytes) -> dict[str, int]:
    """Decode a gzipped JSON word list, through a per-user cache of its decoded form.

    Decompressing and parsing the JSON takes 50-150 ms per language; the cached
    marshal copy loads in a few, which matters for a command run per file.
    The cache is keyed by a hash of the list, so a new pyspellchecker is seen.
    """
    digest = hashlib.blake2b(data, digest_size=12).hexdigest()
    cache = Path(platformdirs.user_cache_dir("Mend", appauthor=False)) / "lexicons"
    cached = cache / f"{language}-{digest}.marshal"
    try:
        loaded = marshal.loads(cached.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    else:
        if isinstance(loaded, dict):
            return loaded
    frequencies: dict[str, int] = json.loads(gzip.decompress(data))
    with contextlib.suppress(OSError):
        cache.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache, prefix=f".{language}.")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(marshal.dumps(frequencies))
            os.replace(temporary, cached)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return frequencies
