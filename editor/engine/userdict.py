"""The user's own word list: hyphenated words to always keep, and ones to always join.

Stored as a plain UTF-8 text file, one entry per line (``keep e-mail``,
``join NA-TO``), in the platform's per-user config folder, so the command
line and the app honour the same decisions.  The file is the user's: saving
rewrites only the entries that changed and keeps every other line (comments,
blank lines, lines it does not understand, bytes that are not UTF-8) as it was.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import regex

from editor.engine.errors import InputError, OutputError
from editor.engine.textfile import FileStamp, PathSnapshot, read_regular_file, write_atomic

_HEADER = (
    "# Mend user dictionary: one entry per line.\n"
    "# 'keep WORD' keeps a hyphenated word as it is; 'join WORD' always joins it.\n"
)


def default_dictionary_path() -> Path:
    """Where the user dictionary lives: the platform's per-user config folder."""
    return Path(platformdirs.user_config_dir("Mend", appauthor=False)) / "dictionary.txt"


# Hyphen-like marks, and the spaces or line break a broken word may carry after one.
_MARK_AND_GAP = regex.compile(r"[\-\u2010\u2011\u00ac]\u00ad*\s*|\u00ad+\s*")
_EDGES = regex.compile(r"^[^\p{L}\p{M}\p{N}]+|(?:['’]s)?[^\p{L}\p{M}\p{N}]*$")


def entry_key(word: str) -> str:
    """The form a word is stored and looked up under.

    Case-folded, every hyphen-like mark written ``-``, soft hyphens and the
    spaces or line break after a mark dropped, punctuation around the word
    stripped, and a possessive too: ``"Impossib-\n  ility,"`` and ``"impossib‐ility"``
    are the same entry, as are ``"NA-TO’s"`` and ``"na-to"``, so a fix's original
    text can be added as it is.
    """
    marked = _MARK_AND_GAP.sub(lambda m: "" if m.group()[0] == "\u00ad" else "-", word)
    return _EDGES.sub("", marked.strip()).casefold()


# Characters no word holds: a line break or control character would end or forge a line.
_NOT_IN_A_WORD = regex.compile(r"[\p{Cc}\p{Zl}\p{Zp}]")
# A word list of 100,000 entries is about 2 MB; far more is not a word list (or /dev/zero).
MAX_DICTIONARY_BYTES = 16 * 2**20
_VERBS = ("keep", "join")


def _key(word: str) -> str:
    return entry_key(word)


def valid_key(word: str) -> str:
    """The stored form of ``word``; :class:`InputError` when it cannot be one line's word."""
    key = entry_key(word)
    if not key or _NOT_IN_A_WORD.search(key):
        raise InputError(
            f"{word!r}: not a word to remember (empty, or a line break or control character)"
        )
    return key


def _parse(line: str) -> tuple[str, str] | None:
    """(verb, key) of an entry line, or ``None`` for a comment, blank or unknown line."""
    verb, _, word = line.strip().partition(" ")
    verb = verb.casefold()
    if verb not in _VERBS or not word.strip():
        return None
    try:
        return verb, valid_key(word.strip())
    except InputError:
        return None


def _entry_of(raw: bytes, *, first: bool) -> tuple[str, str] | None:
    """The entry on one raw line of the file; raises UnicodeDecodeError for a non-UTF-8 line."""
    text = raw.decode("utf-8")
    return _parse(text.removeprefix("\ufeff") if first else text)


def _entries_after_save(lines: list[bytes]) -> list[tuple[str, str] | None]:
    entries: list[tuple[str, str] | None] = []
    for number, raw in enumerate(lines):
        try:
            entries.append(_entry_of(raw, first=number == 0))
        except UnicodeDecodeError:
            entries.append(None)  # a line kept byte for byte, as load() left it
    return entries


@dataclass
class _SourceFile:
    """The dictionary file as read: its raw lines, so a save can keep them byte for byte."""

    path: Path
    lines: list[bytes]
    entries: list[tuple[str, str] | None]
    stamp: FileStamp | None


@dataclass
class UserDictionary:
    """Hyphenated words the user has decided about, compared without case.

    ``problems`` lists, one line each, what could not be read when the file
    was loaded (``FILE:LINE: ...``), for the command line and the app to show.
    ``unreadable`` is set when the whole file could not be read; it is then
    never rewritten, so none of its entries is lost.
    """

    keep: set[str] = field(default_factory=set)
    join: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list, compare=False, repr=False)
    unreadable: str | None = field(default=None, compare=False, repr=False)
    _source: _SourceFile | None = field(default=None, compare=False, repr=False)

    def always_keeps(self, hyphenated: str) -> bool:
        """True if the user said to keep ``hyphenated`` (e.g. ``e-mail``) as it is."""
        return _key(hyphenated) in self.keep

    def always_joins(self, hyphenated: str) -> bool:
        """True if the user said to always join ``hyphenated`` (e.g. ``NA-TO``)."""
        return _key(hyphenated) in self.join

    def add_keep(self, hyphenated: str) -> None:
        """Remember to keep ``hyphenated``; forgets an earlier 'join' of it.

        Raises :class:`InputError` for a word with a line break or control character.
        """
        key = valid_key(hyphenated)
        self.join.discard(key)
        self.keep.add(key)

    def add_join(self, hyphenated: str) -> None:
        """Remember to join ``hyphenated``; forgets an earlier 'keep' of it.

        Raises :class:`InputError` for a word with a line break or control character.
        """
        key = valid_key(hyphenated)
        self.keep.discard(key)
        self.join.add(key)

    def remove(self, hyphenated: str) -> None:
        """Forget any decision about ``hyphenated``."""
        self.keep.discard(_key(hyphenated))
        self.join.discard(_key(hyphenated))

    @classmethod
    def load(cls, path: Path) -> UserDictionary:
        """Read a dictionary file; a missing file is an empty dictionary.

        Never raises: a file that cannot be read (a folder, pipe or device,
        refused without opening it; no permission; too big) sets
        ``unreadable``, and each line that is not UTF-8 is reported in
        ``problems`` and otherwise ignored.
        """
        result = cls()
        try:
            data, status = read_regular_file(path, MAX_DICTIONARY_BYTES)
        except InputError as exc:
            if not path.exists() and not path.is_symlink():
                result._source = _SourceFile(path, [], [], None)
                return result
            result.unreadable = f"user dictionary {exc}"
            result.problems.append(f"{result.unreadable}; its words are not used")
            result._source = _SourceFile(path, [], [], None)
            return result
        lines = data.splitlines(keepends=True)
        entries: list[tuple[str, str] | None] = []
        for number, raw in enumerate(lines, start=1):
            try:
                entry = _entry_of(raw, first=number == 1)
            except UnicodeDecodeError:
                result.problems.append(
                    f"{path}:{number}: not UTF-8 text; line ignored (kept as it is in the file)"
                )
                entries.append(None)
                continue
            entries.append(entry)
            if entry is not None:
                (result.add_keep if entry[0] == "keep" else result.add_join)(entry[1])
        result._source = _SourceFile(path, lines, entries, FileStamp.of_bytes(data, status))
        return result

    def save(self, path: Path) -> list[str]:
        """Write the dictionary atomically, creating its folder if needed; returns notes.

        Lines of the file as loaded stay byte for byte, except entries whose
        decision changed; new entries are added at the end.  The file must not
        have changed since it was loaded.  A symbolic link is followed (the
        dictionary is often a link into the user's own dotfiles).
        """
        source = self._source if self._source is not None and self._source.path == path else None
        if source is not None and self.unreadable is not None:
            raise OutputError(f"{self.unreadable}; not rewritten, so none of its entries is lost")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{path.parent}: cannot create folder ({exc.strerror or exc})"
            ) from None
        lines = list(source.lines) if source is not None else []
        entries = list(source.entries) if source is not None else []
        out: list[bytes] = [] if lines else [_HEADER.encode("utf-8")]
        written: set[tuple[str, str]] = set()
        for raw, entry in zip(lines, entries, strict=True):
            if entry is not None:
                if entry[1] not in (self.keep if entry[0] == "keep" else self.join):
                    continue  # forgotten, or decided the other way
                written.add(entry)
            out.append(raw)
        if out and not out[-1].endswith((b"\n", b"\r")):
            out[-1] += b"\n"
        for verb, words in (("keep", self.keep), ("join", self.join)):
            out += [f"{verb} {w}\n".encode() for w in sorted(words) if (verb, w) not in written]
        data = b"".join(out)
        notes = write_atomic(
            path,
            data,
            expected=source.stamp if source is not None else None,
            through_link=True,
            # a file that was missing when loaded must still be missing: never clobber one
            unchanged_since=PathSnapshot(None)
            if source is not None and source.stamp is None
            else None,
        )
        # what was just written is what the next save must find and keep (an app saves often)
        lines_out = data.splitlines(keepends=True)
        entries_out = _entries_after_save(lines_out)
        with contextlib.suppress(OSError):
            stamp = FileStamp.of_bytes(data, path.stat())
            self._source = _SourceFile(path, lines_out, entries_out, stamp)
        return notes
