"""The F1 help: every keyboard shortcut, read from the window's own menus, and the legend."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from editor.ui.review.legend import STATE_MEANINGS, Legend

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QMenu

#: keys that belong to a field, not to a menu entry
_FIELD_KEYS = (
    ("Esc (in the search box)", "Clear the search; a second Esc leaves the box"),
    ("Enter (in the replacement box)", "Use your own replacement for the current fix"),
    ("Click on the overview ruler", "Go to the fix at that place in the text"),
)


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, entry, keys) for every menu entry that has a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if sub is not None:
                walk(sub, f"{title} › {action.text().replace('&', '')}")  # type: ignore[arg-type]
                continue
            keys = [
                s.toString(QKeySequence.SequenceFormat.NativeText)
                for s in action.shortcuts()
                if not s.isEmpty()
            ]
            if keys and not action.isSeparator():
                rows.append((title, action.text().replace("&", ""), " or ".join(keys)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is not None:
            walk(menu, top.text().replace("&", ""))  # type: ignore[arg-type]
    return rows


def help_html(window: QMainWindow) -> str:
    """The shortcut table and the meaning of the marks, as HTML."""
    parts = ["<h3>Keyboard shortcuts</h3><table cellspacing=0 cellpadding=3>"]
    menu = ""
    for title, entry, keys in shortcut_rows(window):
        if title != menu:
            parts.append(f"<tr><td colspan=2><b>{html.escape(title)}</b></td></tr>")
            menu = title
        parts.append(
            f"<tr><td>&nbsp;&nbsp;<code>{html.escape(keys)}</code></td>"
            f"<td>{html.escape(entry)}</td></tr>"
        )
    parts.append("<tr><td colspan=2><b>Fields</b></td></tr>")
    for keys, meaning in _FIELD_KEYS:
        parts.append(
            f"<tr><td>&nbsp;&nbsp;<code>{html.escape(keys)}</code></td>"
            f"<td>{html.escape(meaning)}</td></tr>"
        )
    parts.append("</table><h3>What the marks mean</h3><ul>")
    parts.append(
        "<li>The <b>tint</b> behind a fix is its category's colour; rejected fixes are grey.</li>"
    )
    for meaning in STATE_MEANINGS.values():
        parts.append(f"<li>{html.escape(meaning)}</li>")
    parts.append(
        "<li>The <b>frame</b> and the band across the lines show the current fix, in both "
        "texts; the frame stays outside the characters.</li>"
        "<li><b>⏎</b> marks a line break the fix removes; the detail panel shows spaces as ␣.</li>"
        "<li>In the Cleaned text, a rejected fix shows the text as it will be saved: "
        "nothing is struck through.</li></ul>"
    )
    return "".join(parts)


class HelpDialog(QDialog):
    """GUI: the help window (F1): the legend drawn as the texts draw it, then every shortcut."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Mend Help — Keys and Marks")
        self.setObjectName("help_dialog")
        self.resize(620, 640)
        self.legend = Legend(self)
        self.browser = QTextBrowser(self)
        self.browser.setHtml(help_html(window))
        self.browser.setAccessibleName("Keyboard shortcuts and marks")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Legend</b>", self))
        layout.addWidget(self.legend)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
