"""The detail panel: the current fix whole, its marks named, and a replacement of your own."""

from __future__ import annotations

import html
import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from editor.engine.model import Decision

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent, QPaintEvent, QResizeEvent

    from editor.engine.model import Fix
    from editor.ui.session import ReviewSession

#: how characters that cannot be seen are drawn in the panel (the list uses the same idea)
SHOWN_AS = {
    " ": "␣",
    "\n": "⏎",
    "\t": "⇥",
    "\u00a0": "⍽",
    "\u00ad": "SHY",
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\ufeff": "BOM",
    "\u2009": "THSP",
    "\u202f": "NNBSP",
}
#: a change at most this long (on either side) is shown in the large font
SHORT_CHANGE = 3
#: the panel follows the current fix once keys pause this long (ms): walking the list with
#: N held down lays the panel out once at the end, not once per fix, and a key's own
#: repaint of the texts and the list comes first
FOLLOW_DELAY_MS = 30
#: the narrowest panel (px) that has the character names beside the large marks
NAMES_BESIDE_MIN_WIDTH = 520
#: characters of the context shown on each side of the fix
CONTEXT_CHARS = 36
#: at most this many distinct characters are named per side (a long fix names its marks)
_MAX_NAMED = 3
STATE_LABELS = {
    Decision.PENDING: "● Pending",
    Decision.ACCEPTED: "✓ Accepted",
    Decision.REJECTED: "✗ Rejected",
}


def show_char(char: str) -> str:
    """``char`` as it is drawn in the panel: itself, or a symbol for an invisible one."""
    return SHOWN_AS.get(char, char)


def shown(text: str) -> str:
    """``text`` with spaces, line breaks and invisible characters drawn as symbols."""
    return "".join(show_char(c) for c in text) if text else "∅"


def char_name(char: str) -> str:
    """``” RIGHT DOUBLE QUOTATION MARK (U+201D)``: the character, its Unicode name and code."""
    name = unicodedata.name(char, "")
    if not name:
        name = {"\n": "LINE BREAK", "\t": "TAB"}.get(char, "UNNAMED CHARACTER")
    return f"{show_char(char)} {name} (U+{ord(char):04X})"


def named_marks(text: str) -> list[str]:
    """Names of the characters of ``text`` that are not letters or digits (the ones that matter)."""
    marks = [c for c in dict.fromkeys(text) if not c.isalnum()]
    if not marks and len(text) <= 2:
        marks = list(dict.fromkeys(text))
    return [char_name(c) for c in marks[:_MAX_NAMED]]


class ReplacementEdit(QLineEdit):
    """GUI: the replacement field; its Esc leaves the field instead of reaching the window."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc puts the proposal back and gives focus back to the list."""
        if event.key() == Qt.Key.Key_Escape:
            self.parent_panel_reset()
            return
        super().keyPressEvent(event)

    def parent_panel_reset(self) -> None:
        """Show the current fix's replacement again and leave the field."""
        panel = self.parentWidget()
        if isinstance(panel, FixDetail):
            panel.show_fix(panel.session, panel.index)
        self.clearFocus()


class StateMark(QWidget):
    """GUI: the decision on the fix shown, drawn in a box of fixed size.

    A decision changes only this text; a label's new text would lay the
    whole panel out again (its word-wrapped labels measure their rich text),
    which made every decision several milliseconds slower.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setAccessibleName("Decision")
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(t) for t in STATE_LABELS.values())
        self.setFixedSize(widest + 8, metrics.height() + 2)

    def text(self) -> str:
        """The state shown (``✓ Accepted``), or an empty string."""
        return self._text

    def setText(self, text: str) -> None:
        """Show ``text``: a repaint of this box only."""
        if text != self._text:
            self._text = text
            self.setAccessibleDescription(text)
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        """The state, right-aligned in the box."""
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.palette().ColorRole.WindowText))
        painter.drawText(
            self.rect().adjusted(0, 0, -2, 0),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            self._text,
        )
        painter.end()


class FixDetail(QFrame):
    """GUI: everything about the current fix, and a field to replace it with your own text."""

    custom_requested = Signal(int, str)  # fix index, replacement

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReviewSession | None = None
        self.index: int | None = None
        self._shown_fix: Fix | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Current fix")
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        # the state has a label of its own, of a fixed size: a decision changes only it, and a
        # fixed-size label's new text does not lay the panel out again
        self.state = StateMark(self)
        self.change = QLabel(self)
        self.change.setTextFormat(Qt.TextFormat.RichText)
        self.change.setWordWrap(True)
        self.change.setAccessibleName("Before and after")
        self.change.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.names = QLabel(self)
        self.names.setWordWrap(True)
        self.names.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.names.setAccessibleName("Character names")
        small = self.names.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.names.setFont(small)
        self.context = QLabel(self)
        self.context.setTextFormat(Qt.TextFormat.RichText)
        self.context.setWordWrap(True)
        self.context.setAccessibleName("Fix in context")
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.setAccessibleName("Reason and evidence")
        for label in (self.heading, self.names, self.context, self.reason):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.replacement = ReplacementEdit(self)
        self.replacement.setAccessibleName("Your replacement")
        self.replacement.setToolTip(
            "Type what this fix's text should become and press Enter: it becomes an "
            "accepted fix of your own (undoable, saved and recovered like the others)"
        )
        self.replacement.setPlaceholderText("Replace with…")
        self.use_button = QPushButton("Use", self)
        self.use_button.setToolTip("Replace the fix's text with what you typed (Enter)")
        self.use_button.setAccessibleName("Use your replacement")
        self.use_button.clicked.connect(self._use)
        self.replacement.returnPressed.connect(self._use)
        self.proposal_button = QPushButton("Proposal", self)
        self.proposal_button.setToolTip("Go back to the engine's proposal for this fix")
        self.proposal_button.setAccessibleName("Back to the proposal")
        self.proposal_button.clicked.connect(self._back_to_proposal)

        edit_row = QHBoxLayout()
        edit_row.setContentsMargins(0, 0, 0, 0)
        edit_row.addWidget(QLabel("Replace with:", self))
        edit_row.addWidget(self.replacement, 1)
        edit_row.addWidget(self.use_button)
        edit_row.addWidget(self.proposal_button)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.change, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        self._grid = grid
        self._names_beside: bool | None = None
        self._place_names(beside=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        top_row = QHBoxLayout()
        top_row.setContentsMargins(0, 0, 0, 0)
        top_row.addWidget(self.heading, 1)
        top_row.addWidget(self.state, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top_row)
        layout.addLayout(grid)
        layout.addWidget(self.context)
        layout.addWidget(self.reason)
        layout.addStretch(1)  # the fix at the top, the replacement field at the bottom
        layout.addLayout(edit_row)
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(FOLLOW_DELAY_MS)
        self._follow_timer.timeout.connect(self.flush)
        self._following: tuple[ReviewSession | None, int | None] | None = None
        self.show_fix(None, None)

    def _place_names(self, *, beside: bool) -> None:
        """The character names beside the large marks, or under them in a narrow panel."""
        if beside == self._names_beside:
            return
        self._names_beside = beside
        self._grid.removeWidget(self.names)
        row, column, columns = (0, 1, 1) if beside else (1, 0, 2)
        self._grid.addWidget(self.names, row, column, 1, columns, Qt.AlignmentFlag.AlignTop)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Below :data:`NAMES_BESIDE_MIN_WIDTH` the names go under the marks (800 px windows)."""
        self._place_names(beside=event.size().width() >= NAMES_BESIDE_MIN_WIDTH)
        super().resizeEvent(event)

    def follow(self, session: ReviewSession | None, index: int | None) -> None:
        """Show fix ``index`` once the keys pause (:data:`FOLLOW_DELAY_MS`)."""
        self._following = (session, index)
        self._follow_timer.start()

    def flush(self) -> None:
        """Show at once the fix :meth:`follow` was asked for, if any."""
        self._follow_timer.stop()
        if self._following is not None:
            session, index = self._following
            self._following = None
            self.show_fix(session, index)

    def show_fix(self, session: ReviewSession | None, index: int | None) -> None:
        """Describe fix ``index`` of ``session`` (or say that no fix is selected)."""
        self._follow_timer.stop()
        self._following = None
        self.session, self.index = session, index
        has = session is not None and index is not None and 0 <= index < len(session)
        # a paragraph split into pieces by the fixes inside it has no one replacement to edit
        editable = (
            has and session is not None and index is not None and len(session.pieces(index)) == 1
        )
        for widget in (self.replacement, self.use_button):
            widget.setEnabled(editable)
            widget.setToolTip(
                ""
                if editable or not has
                else "This paragraph is joined in pieces around the fixes inside it; "
                "accept or reject it whole."
            )
        if not has:
            self.heading.setText("<i>No fix selected.</i>")
            self.state.setText("")
            for label in (self.change, self.names, self.context, self.reason):
                label.setText("")
            self.replacement.clear()
            self.proposal_button.setEnabled(False)
            return
        assert session is not None
        assert index is not None
        fix = session.fixes[index]
        self._shown_fix = fix
        self.show_state()
        custom = " · <b>your own replacement</b>" if session.is_custom(index) else ""
        self.heading.setText(
            f"<b>Fix {session.item_number(index):,} of {session.item_count():,}</b> · {html.escape(fix.category.value)}"
            f" · rule <code>{html.escape(fix.rule)}</code> · {fix.confidence:.0%} confident"
            f"{custom}"
        )
        big = self.font()
        # marks a few characters long are drawn large (“ and ” must be told apart); words
        # at a size that still fits the panel
        short = max(len(fix.original), len(fix.replacement)) <= SHORT_CHANGE
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * (2.2 if short else 1.3))
        self.change.setText(
            f'<span style="font-size:{big.pointSizeF():.0f}pt">'
            f"{html.escape(shown(fix.original))} → {html.escape(shown(fix.replacement))}</span>"
        )
        before = named_marks(fix.original)
        after = named_marks(fix.replacement)
        self.names.setText(
            "\n".join(
                [
                    *(f"before: {n}" for n in before or ["nothing (an insertion)"]),
                    *(f"after: {n}" for n in after or ["nothing (a deletion)"]),
                ]
            )
        )
        self.context.setText(self._context_html(session, index))
        word_before, word_after = session.context(index)
        evidence = f"Word: {shown(word_before)} → {shown(word_after)}"
        self.reason.setText(f"Why: {fix.reason}\n{evidence}")
        self.replacement.setText(fix.replacement if editable else "")
        self.proposal_button.setEnabled(session.is_custom(index))

    def show_state(self) -> None:
        """Show the current decision on the fix shown (all a decision changes here)."""
        if self._following is not None:
            return  # the panel is about to show another fix whole
        session, index = self.session, self.index
        if session is None or index is None or not 0 <= index < len(session):
            return
        if session.fixes[index] is not self._shown_fix:  # a replacement of the user's own
            self.show_fix(session, index)
            return
        self.state.setText(STATE_LABELS[session.decision(index)])

    def _context_html(self, session: ReviewSession, index: int) -> str:
        fix = session.fixes[index]
        text = session.original
        head = text[max(0, fix.start - CONTEXT_CHARS) : fix.start]
        tail = text[fix.end : fix.end + CONTEXT_CHARS]
        head = ("…" if fix.start > CONTEXT_CHARS else "") + head.replace("\n", "⏎ ")
        tail = tail.replace("\n", " ⏎") + ("…" if fix.end + CONTEXT_CHARS < len(text) else "")
        palette = self.palette()
        mark = palette.color(palette.ColorRole.Highlight).name()
        mark_text = palette.color(palette.ColorRole.HighlightedText).name()

        def line(middle: str) -> str:
            return (
                f"{html.escape(head)}<span style='background:{mark};color:{mark_text}'>"
                f"{html.escape(shown(middle))}</span>{html.escape(tail)}"
            )

        return f"Before: {line(fix.original)}<br>After: {line(fix.replacement)}"

    def focus_replacement(self) -> None:
        """Put the keyboard in the replacement field, its text selected."""
        self.flush()
        self.replacement.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.replacement.selectAll()

    def _use(self) -> None:
        self.flush()
        if self.session is not None and self.index is not None:
            self.custom_requested.emit(self.index, self.replacement.text())

    def _back_to_proposal(self) -> None:
        self.flush()
        if self.session is not None and self.index is not None:
            self.custom_requested.emit(self.index, self.session.proposal(self.index).replacement)
