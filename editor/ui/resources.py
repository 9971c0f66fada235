"""Finding bundled files (icons) in a source checkout and in an installed wheel."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtGui import QIcon

logger = logging.getLogger(__name__)

#: Our icon names and the freedesktop theme icon preferred when the desktop has one.
#: Accept and reject have no theme equivalent that means "this fix", so they
#: always use our own drawings.
ICONS: dict[str, str | None] = {
    "accept": None,
    "reject": None,
    "next": "go-down",
    "previous": "go-up",
    "open": "document-open",
    "save": "document-save",
    "mend": None,
}

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # editor/


def _resource_roots() -> tuple[Path, ...]:
    # A wheel maps resources/ to editor/resources (pyproject force-include);
    # a source checkout keeps it at the repository root beside editor/.
    return (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources")


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts…>``, wherever the resources folder is installed.

    The file itself need not exist; raises :class:`FileNotFoundError` if no
    resources folder is found at all (a broken installation).
    """
    for root in _resource_roots():
        if root.is_dir():
            return root.joinpath(*parts)
    raise FileNotFoundError(f"no resources folder in {' or '.join(map(str, _resource_roots()))}")


def register_icon_search_path() -> None:
    """Make ``icons:NAME.svg`` resolve to our icons (once; repeated calls are harmless)."""
    folder = str(resource_path("icons"))
    if folder not in QDir.searchPaths("icons"):
        QDir.addSearchPath("icons", folder)


def _own_icon(name: str) -> QIcon:
    try:
        path = resource_path("icons", f"{name}.svg")
    except FileNotFoundError:
        logger.warning("icon %s: the resources folder is missing", name)
        return QIcon()
    if not path.is_file():
        logger.warning("icon %s: %s is missing", name, path)
        return QIcon()
    return QIcon(str(path))


def icon(name: str) -> QIcon:
    """The icon ``name`` (one of :data:`ICONS`): the desktop theme's if it has one, else ours.

    An unknown name or a missing file gives a null icon rather than an error,
    so a packaging slip costs a picture, not the app.
    """
    if name not in ICONS:
        logger.warning("unknown icon name %r", name)
        return QIcon()
    fallback = _own_icon(name)
    theme_name = ICONS[name]
    if theme_name is None:
        return fallback
    return QIcon.fromTheme(theme_name, fallback)


def app_icon() -> QIcon:
    """Mend's application icon (window and task bar)."""
    return _own_icon("mend")
