"""A word list frozen on disk: sorted word hashes and their counts, opened with mmap.

Reading a 160,000-word list as a Python dict costs about 100 ms per process
(marshal must build every string); a command run per file pays it each time.
The frozen form is built once per list (lexicon.py keeps it in the user's
cache folder) and opens in about a millisecond: a sorted array of 64-bit
BLAKE2 hashes of the words, beside arrays of their counts, their Zipf values
from the large list and whether the base list holds them.  A look-up hashes
the word and bisects; answers are remembered, since a text asks about the
same words again and again.  The sorted words themselves are read only when
a prefix search needs them.

Two words of one list with the same 64-bit hash would make the lists differ,
so :func:`write_frozen` refuses such a list (and the dict form is used).
"""

from __future__ import annotations

import array
import bisect
import hashlib
import itertools
import mmap
import os
import struct
from typing import TYPE_CHECKING

from editor.engine.lexicon import UNATTESTED_COUNT, Lexicon

if TYPE_CHECKING:
    from pathlib import Path

_MAGIC = b"MENDLEX1"
# magic, entries, base-list total, base-list length, extension length, bigram bytes, word bytes
_HEADER = struct.Struct("<8sQQQQQQ")
_IN_BASE = 1
_IN_EXTENSION = 2


def word_hash(folded: str) -> int:
    """A stable 64-bit hash of a (lower-case) word; Python's own ``hash`` changes per process."""
    data = folded.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def write_frozen(path: Path, frequencies: dict[str, int], extension: dict[str, float]) -> bool:
    """Write the frozen form of a list to ``path`` (atomically); False if it cannot be frozen."""
    words = sorted({*frequencies, *extension})
    if any("\n" in w for w in words) or any(c < 0 or c >= 2**63 for c in frequencies.values()):
        return False
    hashes = [word_hash(w) for w in words]
    order = sorted(range(len(words)), key=hashes.__getitem__)
    by_hash = [words[i] for i in order]
    sorted_hashes = array.array("Q", [hashes[i] for i in order])
    if any(a == b for a, b in itertools.pairwise(sorted_hashes)):
        return False  # a collision: the dict form answers exactly
    counts = array.array("q", [frequencies.get(w, 0) for w in by_hash])
    zipfs = array.array("d", [extension.get(w, 0.0) for w in by_hash])
    flags = bytes(
        (_IN_BASE if w in frequencies else 0) | (_IN_EXTENSION if w in extension else 0)
        for w in by_hash
    )
    bigrams = "\n".join(
        sorted({w[:2] for w, c in frequencies.items() if c > UNATTESTED_COUNT})
    ).encode("utf-8", "surrogatepass")
    blob = "\n".join(words).encode("utf-8", "surrogatepass")
    total = sum(frequencies.values()) or 1
    header = _HEADER.pack(
        _MAGIC, len(words), total, len(frequencies), len(extension), len(bigrams), len(blob)
    )
    # native byte order: the cache belongs to this machine
    parts = [
        header,
        sorted_hashes.tobytes(),
        counts.tobytes(),
        zipfs.tobytes(),
        flags,
        bigrams,
        blob,
    ]
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(b"".join(parts))
        os.replace(temporary, path)
    except OSError:
        return False
    finally:
        if temporary.exists():
            temporary.unlink()
    return True


def open_frozen(path: Path, language: str) -> FrozenLexicon | None:
    """The frozen list at ``path``, or None if it is missing or damaged."""
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size < _HEADER.size:
                return None
            mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    magic, entries, total, base_len, ext_len, bigram_len, blob_len = _HEADER.unpack_from(mapped)
    if magic != _MAGIC or size != _HEADER.size + entries * 25 + bigram_len + blob_len:
        mapped.close()
        return None
    return FrozenLexicon(language, mapped, entries, total, base_len, ext_len, bigram_len, blob_len)


class FrozenLexicon(Lexicon):
    """:class:`Lexicon`'s answers from a frozen list (see the module's docstring)."""

    def __init__(
        self,
        language: str,
        mapped: mmap.mmap,
        entries: int,
        total: int,
        base_len: int,
        ext_len: int,
        bigram_len: int,
        blob_len: int,
    ) -> None:
        super().__init__(language, {})
        self.total = total
        self._per_billion = 1e9 / total
        self._mapped = mapped
        view = memoryview(mapped)
        at = _HEADER.size
        self._hashes = view[at : at + 8 * entries].cast("Q")
        at += 8 * entries
        self._counts = view[at : at + 8 * entries].cast("q")
        at += 8 * entries
        self._zipfs = view[at : at + 8 * entries].cast("d")
        at += 8 * entries
        self._flags = view[at : at + entries]
        at += entries
        self._bigram_bytes = (at, at + bigram_len)
        self._blob = (at + bigram_len, at + bigram_len + blob_len)
        self._base_len = base_len
        self._ext_len = ext_len
        self._slots: dict[str, int] = {}

    def _slot(self, folded: str) -> int:
        """The word's index in the arrays, or -1 when the list does not hold it."""
        slot = self._slots.get(folded)
        if slot is None:
            key = word_hash(folded)
            index = bisect.bisect_left(self._hashes, key)
            slot = index if index < len(self._hashes) and self._hashes[index] == key else -1
            self._slots[folded] = slot
        return slot

    def frequency(self, word: str) -> int:
        """As :class:`Lexicon` answers."""
        slot = self._slot(word.lower())
        return self._counts[slot] if slot >= 0 else 0

    def zipf(self, word: str) -> float:
        """As :class:`Lexicon` answers."""
        slot = self._slot(word.lower())
        if slot < 0:
            return 0.0
        count = self._counts[slot]
        if count <= UNATTESTED_COUNT:
            return self._zipfs[slot] if self._flags[slot] & _IN_EXTENSION else 0.0
        return self._zipf_of_count(count)

    def initial_bigrams(self) -> frozenset[str]:
        """As :class:`Lexicon` answers."""
        if self._initials is None:
            start, end = self._bigram_bytes
            text = self._mapped[start:end].decode("utf-8", "surrogatepass")
            self._initials = frozenset(text.split("\n")) if text else frozenset()
        return self._initials

    def _sorted_words(self) -> list[str]:
        if self._sorted is None:
            start, end = self._blob
            text = self._mapped[start:end].decode("utf-8", "surrogatepass")
            self._sorted = text.split("\n") if text else []
        return self._sorted

    def is_attested(self, word: str) -> bool:
        """As :class:`Lexicon` answers."""
        return self.frequency(word) > UNATTESTED_COUNT

    @property
    def is_extended(self) -> bool:
        """As :class:`Lexicon` answers."""
        return self._ext_len > 0

    def in_base_list(self, word: str) -> bool:
        """As :class:`Lexicon` answers."""
        slot = self._slot(word.lower())
        return slot >= 0 and bool(self._flags[slot] & _IN_BASE)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._slot(word.lower()) >= 0

    def __len__(self) -> int:
        return self._base_len + self._ext_len
