"""Small modal questions with buttons that say what they do (tests patch these entry points)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

#: dialogs are at least this wide, so their titles are not cut
MIN_DIALOG_WIDTH = 420


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: Sequence[str],
    *,
    default: int = 0,
    escape: int | None = None,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    details: str = "",
) -> str:
    """Ask ``text`` with one button per choice (their labels are verbs); return the label chosen.

    ``escape`` is the choice Esc and the close button mean (default: the last).
    """
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(details)
    buttons = []
    last = len(choices) - 1
    for number, label in enumerate(choices):
        role = (
            QMessageBox.ButtonRole.RejectRole
            if number == (last if escape is None else escape)
            else QMessageBox.ButtonRole.AcceptRole
        )
        buttons.append(box.addButton(label, role))
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[last if escape is None else escape])
    box.setMinimumWidth(MIN_DIALOG_WIDTH)
    box.exec()
    clicked = box.clickedButton()
    for label, button in zip(choices, buttons, strict=True):
        if button is clicked:
            return label
    return choices[last if escape is None else escape]


def ask_confidence(
    parent: QWidget | None,
    title: str,
    prompt: str,
    value: float,
    count: Callable[[float], int],
    verb: str,
) -> float | None:
    """Ask for a confidence in % (0..100), saying live how many fixes it will decide.

    ``count(value)`` returns how many fixes the action would change at ``value`` %.
    Returns the value, or ``None`` when cancelled.
    """
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(MIN_DIALOG_WIDTH)
    spin = QDoubleSpinBox(dialog)
    spin.setRange(0, 100)
    spin.setDecimals(0)
    spin.setSingleStep(5)
    spin.setSuffix(" %")
    spin.setValue(value)
    spin.setAccessibleName(prompt)
    effect = QLabel(dialog)
    effect.setAccessibleName("How many fixes this changes")

    def update(current: float) -> None:
        number = count(current)
        effect.setText(f"This will {verb} {number:,} fix{'es' if number != 1 else ''}.")

    spin.valueChanged.connect(update)
    update(value)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(verb.title())
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout()
    form.addRow(prompt, spin)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(effect)
    layout.addWidget(buttons)
    spin.setFocus(Qt.FocusReason.OtherFocusReason)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return spin.value()
