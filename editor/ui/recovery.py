"""Crash-safe review: an open review's decisions are kept in a recovery file as they change.

One JSON file per source document, in ``<user data folder>/recovery``, named
by a hash of the document's absolute path.  It records the sha256 of the
document's bytes, so decisions are only offered back for the very same,
unchanged file.  Decisions are keyed by ``(fix.start, fix.end,
fix.replacement)``, which a rescan of the same text with the same
preferences reproduces, and valued by ``Decision.value``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import platformdirs
from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QTimer, Signal

from editor.engine import Decision, MendError, OutputError
from editor.engine.textfile import write_atomic

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)

#: A decision key: ``(fix.start, fix.end, fix.replacement)``.
FixKey: TypeAlias = tuple[int, int, str]
#: What a :class:`RecoveryWriter` asks for: the source, its fingerprint, the decisions.
Snapshot: TypeAlias = tuple[Path, str, dict[FixKey, str]]

_FORMAT_VERSION = 1
_DECISION_VALUES = frozenset(d.value for d in Decision)


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


class RecoveryStore:
    """Recovery files in one folder, one per source document."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, source: Path) -> Path:
        """The recovery file of ``source``."""
        digest = hashlib.sha256(_absolute(source).encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / f"{digest[:32]}.json"

    def save(self, source: Path, fingerprint: str, decisions: dict[FixKey, str]) -> None:
        """Atomically replace the recovery file of ``source`` (creating the folder).

        Raises :class:`OutputError` if it cannot be written.
        """
        payload = {
            "version": _FORMAT_VERSION,
            "source": _absolute(source),
            "fingerprint": fingerprint,
            "saved": datetime.now(UTC).isoformat(timespec="seconds"),
            "decisions": [
                [start, end, replacement, value]
                for (start, end, replacement), value in sorted(decisions.items())
            ],
        }
        data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.folder}: cannot create the recovery folder ({exc})") from None
        write_atomic(self.path_for(source), data)

    def load(self, source: Path, fingerprint: str) -> dict[FixKey, str] | None:
        """The stored decisions for ``source`` if its bytes still have ``fingerprint``.

        ``None`` when nothing is stored, the file cannot be read or is corrupt,
        or the document changed since.  Never raises.
        """
        path = self.path_for(source)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            logger.warning("cannot read recovery file %s: %s", path, exc)
            return None
        try:
            return self._parse(raw, source, fingerprint)
        except (ValueError, TypeError, KeyError) as exc:
            logger.warning("ignoring corrupt recovery file %s: %s", path, exc)
            return None

    @staticmethod
    def _parse(raw: bytes, source: Path, fingerprint: str) -> dict[FixKey, str] | None:
        payload = json.loads(raw.decode("utf-8"))
        if not isinstance(payload, dict) or payload.get("version") != _FORMAT_VERSION:
            raise ValueError("unknown format")
        if payload["source"] != _absolute(source):
            raise ValueError("recovery file belongs to another document")
        if payload["fingerprint"] != fingerprint:
            logger.info("%s changed since its recovery file was written", source)
            return None
        decisions: dict[FixKey, str] = {}
        for entry in payload["decisions"]:
            start, end, replacement, value = entry
            if not (
                type(start) is int
                and type(end) is int
                and 0 <= start <= end
                and isinstance(replacement, str)
                and value in _DECISION_VALUES
            ):
                raise ValueError(f"bad decision entry {entry!r}")
            decisions[start, end, replacement] = value
        return decisions

    def discard(self, source: Path) -> None:
        """Delete the recovery file of ``source``, if any (after a save or a clean close)."""
        path = self.path_for(source)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            logger.warning("cannot delete recovery file %s: %s", path, exc)

    def has_recovery(self, source: Path) -> bool:
        """Whether a recovery file exists for ``source`` (its content is not checked)."""
        return self.path_for(source).is_file()


class RecoveryWriter(QObject):
    """GUI: saves the open review's decisions a moment after they stop changing.

    ``schedule()`` after every decision change restarts a single-shot timer,
    so a burst of changes (Accept All, undo runs) costs one write.
    """

    save_failed = Signal(str)

    def __init__(
        self,
        store: RecoveryStore,
        provider: Callable[[], Snapshot | None],
        delay_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._provider = provider
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._save)

    @property
    def pending(self) -> bool:
        """Whether a save is scheduled and has not happened yet."""
        return self._timer.isActive()

    def schedule(self) -> None:
        """Save after ``delay_ms`` without further calls (each call restarts the wait)."""
        self._timer.start()

    def flush(self) -> None:
        """Save now if a save is pending (before closing, or quitting)."""
        if self._timer.isActive():
            self._timer.stop()
            self._save()

    def cancel(self) -> None:
        """Drop a pending save (the review was saved or closed and its file discarded)."""
        self._timer.stop()

    def _save(self) -> None:
        snapshot = self._provider()
        if snapshot is None:
            return
        source, print_, decisions = snapshot
        try:
            self._store.save(source, print_, decisions)
        except (OSError, MendError) as exc:
            # Losing the safety net must not interrupt the review itself.
            logger.warning("cannot save recovery data for %s: %s", source, exc)
            self.save_failed.emit(str(exc))
