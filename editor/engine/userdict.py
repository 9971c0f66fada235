"""The user's own word list: hyphenated words to always keep, and ones to always join.

Stored as a plain UTF-8 text file, one entry per line (``keep e-mail``,
``join NA-TO``), in the platform's per-user config folder, so the command
line and the app honour the same decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import regex

from editor.engine.errors import OutputError
from editor.engine.textfile import write_atomic

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


def _key(word: str) -> str:
    return entry_key(word)


@dataclass
class UserDictionary:
    """Hyphenated words the user has decided about, compared without case."""

    keep: set[str] = field(default_factory=set)
    join: set[str] = field(default_factory=set)

    def always_keeps(self, hyphenated: str) -> bool:
        """True if the user said to keep ``hyphenated`` (e.g. ``e-mail``) as it is."""
        return _key(hyphenated) in self.keep

    def always_joins(self, hyphenated: str) -> bool:
        """True if the user said to always join ``hyphenated`` (e.g. ``NA-TO``)."""
        return _key(hyphenated) in self.join

    def add_keep(self, hyphenated: str) -> None:
        """Remember to keep ``hyphenated``; forgets an earlier 'join' of it."""
        self.join.discard(_key(hyphenated))
        self.keep.add(_key(hyphenated))

    def add_join(self, hyphenated: str) -> None:
        """Remember to join ``hyphenated``; forgets an earlier 'keep' of it."""
        self.keep.discard(_key(hyphenated))
        self.join.add(_key(hyphenated))

    def remove(self, hyphenated: str) -> None:
        """Forget any decision about ``hyphenated``."""
        self.keep.discard(_key(hyphenated))
        self.join.discard(_key(hyphenated))

    @classmethod
    def load(cls, path: Path) -> UserDictionary:
        """Read a dictionary file; a missing file is an empty dictionary."""
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError):
            return cls()
        result = cls()
        for line in lines:
            verb, _, word = line.strip().partition(" ")
            word = word.strip()
            if not word or verb.startswith("#"):
                continue
            if verb == "keep":
                result.add_keep(word)
            elif verb == "join":
                result.add_join(word)
        return result

    def save(self, path: Path) -> None:
        """Write the dictionary atomically, creating its folder if needed."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{path.parent}: cannot create folder ({exc.strerror or exc})"
            ) from None
        body = "".join(f"keep {w}\n" for w in sorted(self.keep))
        body += "".join(f"join {w}\n" for w in sorted(self.join))
        write_atomic(path, (_HEADER + body).encode("utf-8"))
