"""Crash-safe review: every decision goes into a small journal file within milliseconds.

One journal per source document, in ``<user data folder>/recovery``, named by
a hash of the document's absolute path.  It is a text file of JSON lines:

* a header ``{"version": 2, "source": ..., "fingerprint": ..., "started": ...}``
  naming the document and the sha256 of its bytes, so decisions are only
  offered back for the very same, unchanged file;
* then one line per change, appended as the user decides:
  ``[start, end, replacement, value]`` for a decision (``value`` is
  ``Decision.value``), ``[start, end, replacement, "custom", text]`` for a
  replacement the user typed, ``["at", start, end, replacement]`` for the fix
  the review stands on, ``["kept"]`` when the user closed and asked to keep
  the review for next time.

A fix is named by ``(start, end, replacement)`` of the engine's proposal,
which a rescan of the same text with the same preferences reproduces; the
last line about a fix wins.  Lines are appended and fsynced by a background
thread (:class:`JournalWriter`), so the GUI thread only hands over the few
changed entries; the thread rewrites the file compactly when it has grown to
several times its content.  A line cut short by a crash is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import queue
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeAlias

import platformdirs
from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Signal

from editor.engine import Decision

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

logger = logging.getLogger(__name__)

#: A decision key: ``(fix.start, fix.end, fix.replacement)`` of the engine's proposal.
FixKey: TypeAlias = tuple[int, int, str]
#: One journal entry: the fix, its decision value and the user's own replacement (or None).
Entry: TypeAlias = tuple[FixKey, str, str | None]

_FORMAT_VERSION = 2
_DECISION_VALUES = frozenset(d.value for d in Decision)
CUSTOM = "custom"
#: the journal is rewritten compactly once it holds this many times more lines than fixes
#: it speaks of (plus a floor, so a short review never pays for a rewrite)
_COMPACT_RATIO = 4
_COMPACT_FLOOR = 2000


def default_recovery_folder() -> Path:
    """``<per-user app data folder>/recovery``.

    Uses Qt's AppDataLocation once the app has named itself (``ui/app.py``
    sets organisation and application name); before that Qt would file the
    data under the interpreter's name, so platformdirs decides instead.
    """
    if QCoreApplication.instance() is not None and QCoreApplication.organizationName():
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        if location:
            return Path(location) / "recovery"
    return Path(platformdirs.user_data_dir("Mend", appauthor=False)) / "recovery"


def fingerprint(data: bytes) -> str:
    """The sha256 hex digest of a document's bytes, as read from disk."""
    return hashlib.sha256(data).hexdigest()


def _absolute(source: Path) -> str:
    return os.path.normcase(os.path.abspath(source))


@dataclass
class Recovered:
    """What a journal says about a review: its decisions, position and when it was written."""

    decisions: dict[FixKey, str] = field(default_factory=dict)
    custom: dict[FixKey, str] = field(default_factory=dict)
    position: FixKey | None = None
    kept: bool = False
    written: datetime | None = None

    def __len__(self) -> int:
        return len(self.decisions)


def _header(source: Path, print_: str) -> str:
    started = datetime.now(UTC).isoformat(timespec="seconds")
    payload = {
        "version": _FORMAT_VERSION,
        "source": _absolute(source),
        "fingerprint": print_,
        "started": started,
    }
    return json.dumps(payload, ensure_ascii=False) + "\n"


def _entry_line(entry: Entry) -> str:
    (start, end, replacement), value, custom = entry
    row: list[object] = [start, end, replacement, value]
    if custom is not None:
        row.append(custom)
    return json.dumps(row, ensure_ascii=False) + "\n"


def _is_key(start: object, end: object, replacement: object) -> bool:
    return (
        type(start) is int
        and type(end) is int
        and 0 <= start <= end
        and isinstance(replacement, str)
    )


class RecoveryStore:
    """Journal files in one folder, one per source document."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, source: Path) -> Path:
        """The journal of ``source``."""
        digest = hashlib.sha256(_absolute(source).encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / f"{digest[:32]}.journal"

    def load(self, source: Path, print_: str) -> Recovered | None:
        """What the journal of ``source`` holds, if its bytes still have fingerprint ``print_``.

        ``None`` when nothing is stored, the file cannot be read, its header is
        corrupt, or the document changed since.  A corrupt line after the
        header ends the journal there (a crash cut it).  Never raises.
        """
        path = self.path_for(source)
        try:
            raw = path.read_bytes()
            written = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except FileNotFoundError:
            return None
        except OSError as exc:
            logger.warning("cannot read recovery journal %s: %s", path, exc)
            return None
        try:
            return self._parse(raw, source, print_, written)
        except (ValueError, TypeError, KeyError) as exc:
            logger.warning("ignoring corrupt recovery journal %s: %s", path, exc)
            return None

    @staticmethod
    def _parse(raw: bytes, source: Path, print_: str, written: datetime) -> Recovered | None:
        lines = raw.decode("utf-8").split("\n")
        header = json.loads(lines[0])
        if not isinstance(header, dict) or header.get("version") != _FORMAT_VERSION:
            raise ValueError("unknown format")
        if header["source"] != _absolute(source):
            raise ValueError("journal belongs to another document")
        if header["fingerprint"] != print_:
            logger.info("%s changed since its recovery journal was written", source)
            return None
        found = Recovered(written=written)
        for line in lines[1:]:
            if not line:
                continue
            try:
                row = json.loads(line)
            except ValueError:
                logger.info("recovery journal of %s ends in a cut line", source)
                break
            if not _apply_row(found, row):
                logger.info("recovery journal of %s: bad line %r ignored", source, line[:80])
        return found

    def discard(self, source: Path) -> None:
        """Delete the journal of ``source``, if any (after a save or a deliberate discard)."""
        path = self.path_for(source)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            logger.warning("cannot delete recovery journal %s: %s", path, exc)

    def has_recovery(self, source: Path) -> bool:
        """Whether a journal exists for ``source`` (its content is not checked)."""
        return self.path_for(source).is_file()


def _apply_row(found: Recovered, row: object) -> bool:
    """Fold one journal line into ``found``; False for a line that makes no sense."""
    if not isinstance(row, list) or not row:
        return False
    if row == ["kept"]:
        found.kept = True
        return True
    if row[0] == "at" and len(row) == 4 and _is_key(*row[1:]):
        found.position = (row[1], row[2], row[3])
        return True
    if len(row) not in (4, 5) or not _is_key(*row[:3]):
        return False
    key: FixKey = (row[0], row[1], row[2])
    value = row[3]
    if len(row) == 5 and value == CUSTOM and isinstance(row[4], str):
        found.decisions[key] = Decision.ACCEPTED.value
        found.custom[key] = row[4]
        return True
    if len(row) == 4 and value in _DECISION_VALUES:
        found.decisions[key] = value
        found.custom.pop(key, None)
        return True
    return False


class _Open:
    """Start a journal for ``path`` (written on its first entry)."""

    def __init__(self, path: Path, header: str) -> None:
        self.path = path
        self.header = header


class _Discard:
    """Delete the journal (the review was saved or thrown away)."""


class _Barrier:
    """Set ``done`` once everything queued before it is on disk."""

    def __init__(self) -> None:
        self.done = threading.Event()


_Item = _Open | _Discard | _Barrier | list[Entry] | FixKey | str | None


class JournalWriter(QObject):
    """GUI: hands decisions to a background thread that appends and fsyncs them.

    The GUI thread's cost of a decision is building its entry and a queue
    put; opening, writing, fsyncing and compacting happen in the thread.
    """

    write_failed = Signal(str)

    def __init__(self, store: RecoveryStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._queue: queue.Queue[_Item] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._failed_once = False

    def _put(self, item: _Item) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=_JournalThread(self._queue, self._report).run,
                name="mend-recovery-journal",
                daemon=True,
            )
            self._thread.start()
        self._queue.put(item)

    def _report(self, message: str) -> None:
        # called in the thread; the signal is queued to the GUI thread
        with contextlib.suppress(RuntimeError):
            self.write_failed.emit(message)

    def start(self, source: Path, print_: str) -> None:
        """Journal the review of ``source`` from now on (the file appears with its first entry)."""
        self._put(_Open(self.store.path_for(source), _header(source, print_)))

    def record(self, entries: Iterable[Entry]) -> None:
        """Append decisions (O(len(entries)) here; the writing happens in the thread)."""
        batch = list(entries)
        if batch:
            self._put(batch)

    def record_position(self, key: FixKey) -> None:
        """Remember the fix the review stands on."""
        self._put(key)

    def mark_kept(self) -> None:
        """Note that the user closed the review asking to resume it next time."""
        self._put("kept")

    def discard(self) -> None:
        """Delete the journal once what is queued before has been handled."""
        self._put(_Discard())

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Wait until everything queued is on disk; False if the thread did not answer in time."""
        if self._thread is None:
            return True
        barrier = _Barrier()
        self._put(barrier)
        return barrier.done.wait(timeout_s)

    def stop(self, timeout_s: float = 10.0) -> None:
        """Write what is queued, then end the thread (the window is closing)."""
        if self._thread is None:
            return
        self._queue.put(None)
        self._thread.join(timeout_s)
        self._thread = None


class _JournalThread:
    """The writing side of :class:`JournalWriter`; runs in its own thread."""

    def __init__(self, items: queue.Queue[_Item], report: Callable[[str], None]) -> None:
        self._items = items
        self._report = report
        self._path: Path | None = None
        self._header = ""
        self._file: TextIO | None = None
        self._state: dict[FixKey, Entry] = {}
        self._position: FixKey | None = None
        self._kept = False
        self._lines = 0
        self._created = False  # the file of the current review exists (append from now on)

    def run(self) -> None:
        while True:
            batch = [self._items.get()]
            with contextlib.suppress(queue.Empty):
                while True:  # everything that arrived meanwhile goes in the same write
                    batch.append(self._items.get_nowait())
            lines: list[str] = []
            for item in batch:
                if item is None:
                    self._write(lines)
                    self._close()
                    return
                if isinstance(item, _Barrier):
                    self._write(lines)
                    lines = []
                    item.done.set()
                elif isinstance(item, _Open | _Discard):
                    self._write(lines)
                    lines = []
                    self._switch(item)
                elif isinstance(item, list):
                    for entry in item:
                        self._state[entry[0]] = entry
                        lines.append(_entry_line(entry))
                elif isinstance(item, tuple):
                    if item != self._position:
                        self._position = item
                        lines.append(json.dumps(["at", *item], ensure_ascii=False) + "\n")
                elif item == "kept":
                    self._kept = True
                    lines.append('["kept"]\n')
            self._write(lines)

    def _switch(self, item: _Open | _Discard) -> None:
        path = self._path
        self._close()
        self._state, self._position, self._kept, self._lines = {}, None, False, 0
        self._created = False
        if isinstance(item, _Open):
            self._path, self._header = item.path, item.header
            return
        self._path = None
        if path is not None:
            with contextlib.suppress(FileNotFoundError):
                try:
                    path.unlink()
                except OSError as exc:
                    logger.warning("cannot delete recovery journal %s: %s", path, exc)

    def _close(self) -> None:
        handle = self._file
        self._file = None
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()

    def _write(self, lines: list[str]) -> None:
        if not lines or self._path is None:
            return
        try:
            handle = self._file
            if handle is None:
                self._path.parent.mkdir(parents=True, exist_ok=True)
                # a new review of this document starts a new journal; later opens append
                handle = open(self._path, "a" if self._created else "w", encoding="utf-8")  # noqa: SIM115
                self._file = handle
                if not self._created:
                    handle.write(self._header)
                    self._created = True
            handle.write("".join(lines))
            handle.flush()
            os.fsync(handle.fileno())
            self._lines += len(lines)
            if self._lines > _COMPACT_FLOOR + _COMPACT_RATIO * len(self._state):
                self._compact()
        except OSError as exc:
            logger.warning("cannot write recovery journal %s: %s", self._path, exc)
            self._close()
            self._report(f"{self._path}: cannot write the recovery journal ({exc})")

    def _compact(self) -> None:
        """Rewrite the journal with one line per fix, atomically (a crash keeps the old one)."""
        assert self._path is not None
        lines = [self._header, *(_entry_line(e) for e in self._state.values())]
        if self._position is not None:
            lines.append(json.dumps(["at", *self._position], ensure_ascii=False) + "\n")
        if self._kept:
            lines.append('["kept"]\n')
        temporary = self._path.with_suffix(".compacting")
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write("".join(lines))
            handle.flush()
            os.fsync(handle.fileno())
        self._close()
        os.replace(temporary, self._path)
        self._file = open(self._path, "a", encoding="utf-8")  # noqa: SIM115
        self._lines = len(lines) - 1
