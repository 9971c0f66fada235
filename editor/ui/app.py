"""The composition root: builds the application, its settings store and the main windows."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from editor.engine.userdict import default_dictionary_path
from editor.ui.mainwindow import MainWindow
from editor.ui.recovery import RecoveryStore, default_recovery_folder
from editor.ui.resources import app_icon, register_icon_search_path
from editor.ui.settings import load_preferences, open_settings_store
from editor.ui.theme import apply_theme

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtCore import QSettings


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The one QApplication, named so settings and recovery files land in Mend's folders."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or ["mend"]))
    app.setOrganizationName("Mend")
    app.setApplicationName("Mend")
    app.setApplicationDisplayName("Mend")
    app.setWindowIcon(app_icon())
    register_icon_search_path()
    return app


def create_window(store: QSettings) -> MainWindow:
    """A main window wired to the user's recovery folder and dictionary, freed when closed."""
    window = MainWindow(
        store,
        RecoveryStore(default_recovery_folder()),
        default_dictionary_path(),
    )
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return window


def run(files: Sequence[str] | None = None) -> int:
    """Start the review app on ``files`` (``None``: the command-line arguments); return the exit code.

    The first file opens in the first window, each further file in a window of its own.
    """
    paths = list(sys.argv[1:] if files is None else files)
    app = create_application(sys.argv[:1])
    store = open_settings_store()
    apply_theme(app, load_preferences(store).theme)
    windows = [create_window(store) for _ in range(max(1, len(paths)))]
    for window, path in zip(windows, paths, strict=False):
        window.open_file(Path(path))
    for window in windows:
        window.show()
    return app.exec()
