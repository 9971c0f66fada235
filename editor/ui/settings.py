"""Typed user preferences and window state over the one QSettings store (STYLE.md 2.6).

Preferences live under ``preferences/`` and hold only what differs from the
defaults, so a changed default reaches every user who never touched it.
State the app remembers by itself (recent files, window geometry, splitter)
lives under ``state/`` and never mixes with what the user chose.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings

from editor.engine import DEFAULT_MIN_CONFIDENCE, RULES, ScanOptions
from editor.engine.language import SUPPORTED_LANGUAGES

if TYPE_CHECKING:
    from collections.abc import Callable

    from editor.engine import UserDictionary

logger = logging.getLogger(__name__)

#: The colour schemes the app offers; ``system`` follows the desktop.
THEMES: tuple[str, ...] = ("system", "light", "dark")
#: How many recently opened files the File menu remembers.
MAX_RECENT_FILES = 10

_PREFERENCES = "preferences/"
_RECENT_FILES = "state/recent_files"
_GEOMETRY = "state/geometry"
_SPLITTER = "state/splitter"
_ZOOM = "state/zoom"
#: the font zoom kept between sessions, in points
ZOOM_LIMITS = (-6.0, 24.0)


@dataclass(frozen=True)
class Preferences:
    """What the user chose in the Preferences dialog; plain data.

    ``language`` is ``auto`` or a code from ``SUPPORTED_LANGUAGES``; ``rules``
    is ``None`` for the engine's default rule set, else the names of the
    enabled rules; fixes at or above ``min_confidence`` start accepted;
    ``theme`` is one of :data:`THEMES`; ``advance_to_undecided`` makes A and
    R skip decided fixes.
    """

    language: str = "auto"
    rules: tuple[str, ...] | None = None
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    theme: str = "system"
    #: A and R go to the next undecided fix (KDiff3's auto-advance) instead of the next fix
    advance_to_undecided: bool = False

    def scan_options(self, user_dictionary: UserDictionary) -> ScanOptions:
        """The engine options these preferences ask for, with the user's word list."""
        rules = None if self.rules is None else frozenset(self.rules)
        return ScanOptions(
            language=self.language,
            rules=rules,
            user_dictionary=user_dictionary,
            min_confidence=self.min_confidence,
        )


def open_settings_store() -> QSettings:
    """The app's one settings store: an INI file in the user's config folder.

    Called once by the composition root (``ui/app.py``), which passes the
    store to whoever needs it.
    """
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Mend", "Mend")


def _as_list(value: object) -> list[object] | None:
    """A stored list, or ``None`` if the value is not list-like.

    The INI format gives a one-item list back as a plain ``str`` and an empty
    list back as ``None``; both are turned back into lists here.
    """
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return list(value)
    return None


def _load_language(value: object) -> str:
    if isinstance(value, str) and (value == "auto" or value in SUPPORTED_LANGUAGES):
        return value
    raise ValueError(value)


def _load_rules(value: object) -> tuple[str, ...] | None:
    items = _as_list(value)
    if items is None:
        raise ValueError(value)
    known = {rule.name for rule in RULES}
    chosen = {item for item in items if isinstance(item, str) and item in known}
    if items and not chosen:
        # Every stored name is unknown (renamed rules, hand-edited file):
        # running no rule at all would look like a broken app, so fall back.
        raise ValueError(value)
    for item in items:
        if item not in chosen:
            logger.info("dropping unknown rule %r from the preferences", item)
    return tuple(rule.name for rule in RULES if rule.name in chosen)


def _load_confidence(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    number = float(value)  # type: ignore[arg-type]  # str/int/float; anything else raises
    if not math.isfinite(number):
        raise ValueError(value)
    return min(1.0, max(0.0, number))


def _load_theme(value: object) -> str:
    if isinstance(value, str) and value in THEMES:
        return value
    raise ValueError(value)


def _load_flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError(value)


_LOADERS: dict[str, Callable[[object], object]] = {
    "advance_to_undecided": _load_flag,
    "language": _load_language,
    "rules": _load_rules,
    "min_confidence": _load_confidence,
    "theme": _load_theme,
}


def load_preferences(store: QSettings) -> Preferences:
    """Read the preferences from ``store``; a missing or bad value gives its default.

    A stored rule list drops names the engine does not know; a list made only
    of unknown names gives the default rule set.  The confidence is clamped
    to 0..1.
    """
    values: dict[str, Any] = {}
    for name, loader in _LOADERS.items():
        key = _PREFERENCES + name
        if not store.contains(key):
            continue
        raw = store.value(key)
        try:
            values[name] = loader(raw)
        except (TypeError, ValueError):
            logger.warning("ignoring bad setting %s=%r; using the default", key, raw)
    return Preferences(**values)


def save_preferences(store: QSettings, prefs: Preferences) -> None:
    """Write ``prefs`` to ``store``, keeping only values that differ from the defaults."""
    defaults = asdict(Preferences())
    for name, value in asdict(prefs).items():
        key = _PREFERENCES + name
        if value == defaults[name]:
            store.remove(key)
        elif isinstance(value, tuple):
            store.setValue(key, list(value))
        else:
            store.setValue(key, value)
    store.sync()


def _stored_recent_files(store: QSettings) -> list[str]:
    items = _as_list(store.value(_RECENT_FILES))
    return [item for item in items or [] if isinstance(item, str) and item]


def recent_files(store: QSettings) -> list[str]:
    """Recently opened files that still exist, most recent first (at most 10)."""
    return [path for path in _stored_recent_files(store) if os.path.isfile(path)][:MAX_RECENT_FILES]


def _same_file_key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def add_recent_file(store: QSettings, path: str) -> list[str]:
    """Put ``path`` (made absolute) at the front of the recent files; return the new list."""
    absolute = os.path.abspath(path)
    key = _same_file_key(absolute)
    others = [p for p in _stored_recent_files(store) if _same_file_key(p) != key]
    store.setValue(_RECENT_FILES, [absolute, *others][:MAX_RECENT_FILES])
    store.sync()
    return recent_files(store)


def remove_recent_file(store: QSettings, path: str) -> None:
    """Forget ``path`` from the recent files (for one that failed to open)."""
    key = _same_file_key(path)
    kept = [p for p in _stored_recent_files(store) if _same_file_key(p) != key]
    store.setValue(_RECENT_FILES, kept)
    store.sync()


def save_window_state(store: QSettings, geometry: QByteArray, splitter_state: QByteArray) -> None:
    """Remember the main window's geometry and its splitter (from ``saveGeometry``/``saveState``)."""
    store.setValue(_GEOMETRY, geometry)
    store.setValue(_SPLITTER, splitter_state)
    store.sync()


def _load_bytes(store: QSettings, key: str) -> QByteArray | None:
    value = store.value(key)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if value is not None:
        logger.warning("ignoring bad window state %s", key)
    return None


def load_window_state(store: QSettings) -> tuple[QByteArray | None, QByteArray | None]:
    """The saved ``(geometry, splitter_state)``; ``None`` for what is missing or unusable."""
    return _load_bytes(store, _GEOMETRY), _load_bytes(store, _SPLITTER)


def load_zoom(store: QSettings) -> float:
    """The remembered font zoom in points (0 when missing or unusable)."""
    value = store.value(_ZOOM)
    try:
        zoom = float(str(value))
    except (TypeError, ValueError):
        return 0.0
    if not math.isfinite(zoom):
        return 0.0
    return min(max(zoom, ZOOM_LIMITS[0]), ZOOM_LIMITS[1])


def save_zoom(store: QSettings, zoom: float) -> None:
    """Remember the font zoom (in points)."""
    if zoom:
        store.setValue(_ZOOM, zoom)
    else:
        store.remove(_ZOOM)
    store.sync()
