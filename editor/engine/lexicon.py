"""Word frequency lists per language, loaded once per process.

pyspellchecker's lists are the base.  Where they are thin (its Russian list has
20,000 words, so most inflected forms are missing), the language's module in
editor/engine/languages/ names a wordfreq "large" list that extends them: its
words and Zipf frequencies, read straight from the file the wordfreq package
ships (without importing wordfreq, whose start-up is slow) and cached per user
in a form that loads in milliseconds.  English needs no extension, so an
English scan reads no more than before.

Licences: pyspellchecker's lists are MIT; wordfreq's code is Apache-2.0 and its
data CC BY-SA 4.0 (compiled from Wikipedia, subtitles, news, books, web and
social-media text): Mend installs it as a dependency and ships none of it.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gzip
import hashlib
import importlib.util
import json
import marshal
import math
import os
import tempfile
from importlib import resources
from pathlib import Path

import platformdirs
import regex

from editor.engine.languages import LANGUAGES

# pyspellchecker pads its lists with dictionary words it never saw in its corpus,
# all at a count of about 50: such a word exists, but its count says nothing.
UNATTESTED_COUNT = 60
# wordfreq's large lists reach down to Zipf 1 (once per 100 million words), where web
# debris and word fragments live beside rare real words ("закопченный" is at 1.28):
# below this nothing is taken.  The hyphen judge asks more of a fragment than of a
# joined word (see hyphen_weights.large_lexicon_word_zipf).  Tuned on gogol.ru.news.
LARGE_LIST_MIN_ZIPF = 1.2
_LETTERS_ONLY = regex.compile(r"[\p{L}\p{M}]+")


class Lexicon:
    """How common each word of a language is (lower-case keys; 0 for unknown words)."""

    def __init__(
        self,
        language: str,
        frequencies: dict[str, int],
        extension: dict[str, float] | None = None,
    ) -> None:
        """``frequencies`` are corpus counts; ``extension`` Zipf values of words they lack."""
        self.language = language
        self._frequencies = frequencies
        self._extension = extension or {}
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
        folded = word.lower()
        count = self._frequencies.get(folded, 0)
        if count <= UNATTESTED_COUNT:
            return self._extension.get(folded, 0.0)
        return self._zipf_of_count(count)

    def _zipf_of_count(self, count: int) -> float:
        return max(0.0, math.log10(count * self._per_billion))

    def initial_bigrams(self) -> frozenset[str]:
        """The first two letters of every attested word (computed on first use)."""
        if self._initials is None:
            self._initials = frozenset(
                w[:2] for w, c in self._frequencies.items() if c > UNATTESTED_COUNT
            )
        return self._initials

    def word_starting_with(self, prefix: str) -> str | None:
        """Some listed word that starts with ``prefix`` (lower-case), or None."""
        words = self._sorted_words()
        index = bisect.bisect_left(words, prefix)
        if index < len(words) and words[index].startswith(prefix):
            return words[index]
        return None

    def _sorted_words(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted({*self._frequencies, *self._extension})
        return self._sorted

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
        return self._frequencies.get(word.lower(), 0) > UNATTESTED_COUNT

    @property
    def is_small(self) -> bool:
        """True for short lists (Russian's has 20,000 words) whose silence means little."""
        return len(self) < 60_000

    @property
    def is_extended(self) -> bool:
        """True when a large list extends the base one (see the module's docstring)."""
        return bool(self._extension)

    def in_base_list(self, word: str) -> bool:
        """True if the base list (not its extension) has ``word``."""
        return word.lower() in self._frequencies

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        folded = word.lower()
        return folded in self._frequencies or folded in self._extension

    def __len__(self) -> int:
        return len(self._frequencies) + len(self._extension)

    def frequencies_by_word(self) -> dict[str, int]:
        """The base list's counts (to freeze it)."""
        return self._frequencies

    def extension_by_word(self) -> dict[str, float]:
        """The large list's Zipf values of the words the base list lacks (to freeze it)."""
        return self._extension


@functools.cache
def load_lexicon(language: str) -> Lexicon:
    """The word list for ``language``; an empty one when pyspellchecker has none.

    From its second use on, the list is read from its frozen form in the user's
    cache folder (see lexicon_frozen.py), which opens in about a millisecond.
    """
    from editor.engine.lexicon_frozen import open_frozen, write_frozen

    frozen_path = _frozen_path(language)
    if frozen_path is not None:
        frozen = open_frozen(frozen_path, language)
        if frozen is not None:
            return frozen
    # Freezing costs most of a second: it waits for a second use of the list (its
    # decoded copy already cached), so a one-off run, like a test's, never pays for it.
    used_before = frozen_path is not None and any(_cache_folder().glob(f"{language}-*.marshal"))
    lexicon = _read_lexicon(language)
    if (
        frozen_path is not None
        and used_before
        and len(lexicon)
        and write_frozen(frozen_path, lexicon.frequencies_by_word(), lexicon.extension_by_word())
    ):
        return open_frozen(frozen_path, language) or lexicon
    return lexicon


#: bump when the frozen form, or what goes into a lexicon, changes
_FROZEN_VERSION = 1


def _frozen_path(language: str) -> Path | None:
    """Where the frozen form of ``language``'s lists is cached, named after their files.

    The files' sizes and times stand for their content (hashing them would cost
    more than opening the frozen form); None when a list is not a plain file.
    """
    try:
        base = resources.files("spellchecker").joinpath("resources", f"{language}.json.gz")
        if not isinstance(base, Path):
            return None
        stat = base.stat()
        key = f"{stat.st_size}-{stat.st_mtime_ns}"
        known = LANGUAGES.get(language)
        if known is not None and known.large_word_list:
            large = _large_list_path(known.large_word_list)
            if large is not None:
                large_stat = large.stat()
                key += f"-{known.large_word_list}-{large_stat.st_size}-{large_stat.st_mtime_ns}"
                key += f"-{LARGE_LIST_MIN_ZIPF}"
    except (OSError, ModuleNotFoundError):
        return None
    return _cache_folder() / f"{language}-{key}-v{_FROZEN_VERSION}.frozen"


def _read_lexicon(language: str) -> Lexicon:
    """The word list for ``language`` read from pyspellchecker's file (and the large list)."""
    try:
        data = (
            resources.files("spellchecker")
            .joinpath("resources", f"{language}.json.gz")
            .read_bytes()
        )
    except (FileNotFoundError, ModuleNotFoundError):
        return Lexicon(language, {})
    frequencies = _frequencies(language, data)
    known = LANGUAGES.get(language)
    extension = None
    if known is not None and known.large_word_list:
        extension = _extension(known.large_word_list, frequencies)
    return Lexicon(language, frequencies, extension)


def _large_list_path(name: str) -> Path | None:
    """The path of wordfreq's large list ``name``, found without importing wordfreq, or None."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / f"large_{name}.msgpack.gz"
        if path.is_file():
            return path
    return None


def _extension(name: str, base: dict[str, int]) -> dict[str, float] | None:
    """Zipf values of the large list's words that ``base`` lacks or pads, through the cache."""
    path = _large_list_path(name)
    if path is None:
        return None
    try:
        # The file's size and time stand for its content: hashing 4 MB would cost more
        # than loading the cached copy.
        stat = path.stat()
        cached = _cache_folder() / (
            f"large-{name}-{len(base)}-{stat.st_size}-{stat.st_mtime_ns}.marshal"
        )
        loaded = _read_cached(cached)
        if isinstance(loaded, dict):
            return loaded
        data = path.read_bytes()
    except OSError:
        return None
    extension = _expand_large_list(data, base)
    _write_cached(cached, extension)
    return extension


def _expand_large_list(data: bytes, base: dict[str, int]) -> dict[str, float]:
    """Read wordfreq's cBpack format: a header, then lists of words at 0, -1, -2 ... centibels."""
    import msgpack  # only when a list is first expanded: never on an English scan

    unpacked = msgpack.unpackb(gzip.decompress(data), raw=False)
    extension: dict[str, float] = {}
    for centibels, bucket in enumerate(unpacked[1:]):
        zipf = round(9.0 - centibels / 100, 2)
        if zipf < LARGE_LIST_MIN_ZIPF:
            break
        for word in bucket:
            if base.get(word, 0) <= UNATTESTED_COUNT and _LETTERS_ONLY.fullmatch(word):
                extension[word] = zipf
    return extension


def _cache_folder() -> Path:
    return Path(platformdirs.user_cache_dir("Mend", appauthor=False)) / "lexicons"


def _read_cached(path: Path) -> object:
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write_cached(path: Path, value: dict[str, int] | dict[str, float]) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(marshal.dumps(value))
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _frequencies(language: str, data: bytes) -> dict[str, int]:
    """Decode a gzipped JSON word list, through a per-user cache of its decoded form.

    Decompressing and parsing the JSON takes 50-150 ms per language; the cached
    marshal copy loads in a few, which matters for a command run per file.
    The cache is keyed by a hash of the list, so a new pyspellchecker is seen.
    """
    digest = hashlib.blake2b(data, digest_size=12).hexdigest()
    cached = _cache_folder() / f"{language}-{digest}.marshal"
    loaded = _read_cached(cached)
    if isinstance(loaded, dict):
        return loaded
    frequencies: dict[str, int] = json.loads(gzip.decompress(data))
    _write_cached(cached, frequencies)
    return frequencies
