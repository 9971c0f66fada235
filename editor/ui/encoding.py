"""Choosing a file's encoding: the doubt the reader reports, the reading, and the dialog.

The engine's reader guesses legacy encodings.  When it says the guess is
doubtful, the app asks (STYLE: never guess silently); the user can also
reopen any file in an encoding of their choice (File › Reopen with Encoding).

The doubt is read through :func:`encoding_doubt`, a small interface over the
decoded document: a ``TextDocument`` that carries ``encoding_doubtful``
(bool) and ``encoding_alternatives`` (other plausible codec names, best
first), and optionally ``encoding_note`` (why), is doubtful.  Documents
without those fields never are.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.engine.errors import InputError
from editor.engine.textfile import TextDocument, _split_layout

if TYPE_CHECKING:
    from pathlib import Path

#: what the dialog offers besides the reader's own candidates (common for prose)
COMMON_ENCODINGS: tuple[str, ...] = (
    "utf-8",
    "cp1252",
    "latin-1",
    "iso8859-15",
    "cp1250",
    "cp1251",
    "koi8-r",
    "mac-roman",
    "cp437",
    "utf-16",
)
#: characters of each candidate's reading shown in the dialog
PREVIEW_CHARS = 600


@dataclass(frozen=True)
class EncodingDoubt:
    """The reader was not sure: its guess, the alternatives (best first) and why."""

    guessed: str
    alternatives: tuple[str, ...]
    note: str = ""


def encoding_doubt(document: object) -> EncodingDoubt | None:
    """The doubt ``document`` reports about its encoding, if any (see the module docstring)."""
    if not getattr(document, "encoding_doubtful", False):
        return None
    layout = getattr(document, "layout", None)
    guessed = getattr(layout, "encoding", "")
    alternatives = tuple(getattr(document, "encoding_alternatives", ()) or ())
    return EncodingDoubt(guessed, alternatives, str(getattr(document, "encoding_note", "") or ""))


def decode_as(data: bytes, encoding: str, source: str) -> TextDocument:
    """Decode ``data`` as ``encoding`` (the user's choice), keeping BOM and line endings.

    Raises :class:`InputError` when the bytes are not that encoding, or would
    not be written back byte for byte.
    """
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"{source}: unknown encoding {encoding!r}") from None
    bom = b""
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        bom = codecs.BOM_UTF8
    body = data[len(bom) :]
    try:
        raw = body.decode(name)
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not readable as {name} (byte {exc.start})") from None
    if raw.encode(name) != body:
        raise InputError(f"{source}: cannot be read and written back unchanged as {name}")
    return TextDocument(*_split_layout(raw, name, bom))


def preview(data: bytes, encoding: str) -> str:
    """The start of ``data`` read as ``encoding``, or why it cannot be."""
    try:
        return data[: PREVIEW_CHARS * 4].decode(encoding, errors="strict")[:PREVIEW_CHARS]
    except UnicodeDecodeError as exc:
        if exc.start >= PREVIEW_CHARS:  # cut inside a character at the end of the sample
            return data[: exc.start].decode(encoding)[:PREVIEW_CHARS]
        return f"(not readable as {encoding}: byte {exc.start})"
    except LookupError:
        return f"(unknown encoding {encoding})"


class EncodingDialog(QDialog):
    """GUI: pick the encoding a file is read in, each choice previewed on the file's own bytes."""

    def __init__(
        self, path: Path, data: bytes, doubt: EncodingDoubt | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Choose the Encoding of {path.name}")
        self.setMinimumWidth(520)
        self._data = data
        intro = QLabel(self)
        intro.setWordWrap(True)
        if doubt is not None:
            intro.setText(
                f"Mend is not sure {path.name} is {doubt.guessed}. "
                + (f"{doubt.note} " if doubt.note else "")
                + "Pick the encoding whose preview reads right."
            )
        else:
            intro.setText(f"Read {path.name} in another encoding; the preview shows its start.")
        self.choices = QListWidget(self)
        self.choices.setAccessibleName("Encodings")
        names: list[str] = []
        for name in (
            *((doubt.guessed,) if doubt else ()),
            *(doubt.alternatives if doubt else ()),
            *COMMON_ENCODINGS,
        ):
            if name and name not in names:
                names.append(name)
        for name in names:
            item = QListWidgetItem(name.upper(), self.choices)
            item.setData(Qt.ItemDataRole.UserRole, name)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Preview")
        self.choices.currentItemChanged.connect(self._show_preview)
        self.choices.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Reopen")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.choices.itemDoubleClicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.choices)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)

    def chosen(self) -> str | None:
        """The codec name picked."""
        item = self.choices.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _show_preview(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.preview.setPlainText(preview(self._data, str(item.data(Qt.ItemDataRole.UserRole))))


def ask_encoding(
    parent: QWidget | None, path: Path, data: bytes, doubt: EncodingDoubt | None
) -> str | None:
    """Show the dialog; the encoding chosen, or None (tests patch this entry point)."""
    dialog = EncodingDialog(path, data, doubt, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()
