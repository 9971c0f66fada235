"""The overview ruler beside the panes (as in Meld): every fix of the text as a tick, by state."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from editor.engine.model import Decision
from editor.ui.theme import current_frame_color

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent, QPaintEvent

    from editor.ui.review.diffview import FixPane
    from editor.ui.session import ReviewSession

#: the ruler's width in pixels
RULER_WIDTH = 18
# Tick colours by state and theme; the tick's width tells the state too (full width for
# pending, two thirds for accepted, a third for rejected), so colour is not needed.
_TICKS = {
    False: {
        Decision.PENDING: "#c44e00",
        Decision.ACCEPTED: "#4a73a8",
        Decision.REJECTED: "#7a7a7a",
    },
    True: {
        Decision.PENDING: "#ff9a52",
        Decision.ACCEPTED: "#7fa8de",
        Decision.REJECTED: "#9a9a9a",
    },
}
_TICK_SHARE = {Decision.PENDING: 1.0, Decision.ACCEPTED: 2 / 3, Decision.REJECTED: 1 / 3}
# the most urgent state of a pixel row is drawn on top
_URGENCY = (Decision.REJECTED, Decision.ACCEPTED, Decision.PENDING)


class OverviewRuler(QWidget):
    """GUI: one pixel row per stretch of text; a click goes to the nearest fix there.

    The ticks are counts per pixel row and state, rebuilt in one pass when the
    height or the session changes and updated per changed fix on a decision,
    so a decision costs O(changed fixes) here and a repaint O(height).
    """

    fix_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReviewSession | None = None
        self.pane: FixPane | None = None
        self.current: int | None = None
        self.dark = False
        self._rows: list[int] = []  # pixel row of each fix
        self._states: list[Decision] = []  # the decision each fix was counted under
        self._counts: dict[Decision, list[int]] = {}
        self._height = -1
        self.setFixedWidth(RULER_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Overview of all fixes")
        self.setToolTip(
            "Every fix in the text: full-width ticks are pending, two-thirds accepted, "
            "one-third rejected; the frame is the part of the text on screen. Click to go there."
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        """As wide as :data:`RULER_WIDTH`."""
        return QSize(RULER_WIDTH, 200)

    def set_session(self, session: ReviewSession | None, pane: FixPane | None) -> None:
        """Show the fixes of ``session``; ``pane`` (the original's) gives the visible part."""
        if self.session is not None:
            self.session.decisions_changed.disconnect(self._on_decisions_changed)
        self.session = session
        self.pane = pane
        self.current = None
        self._height = -1
        if session is not None:
            session.decisions_changed.connect(self._on_decisions_changed)
        self.update()

    def _track_height(self) -> int:
        return max(self.height() - 2, 1)

    def _rebuild(self) -> None:
        session = self.session
        height = self._track_height()
        self._height = height
        if session is None:
            self._rows, self._states, self._counts = [], [], {}
            return
        offsets = session.offsets
        total = max(offsets.length16, 1)
        last = height - 1
        self._rows = [min(start * height // total, last) for start in offsets.left_starts]
        self._states = list(session.decisions)
        self._counts = {d: [0] * height for d in Decision}
        for row, state in zip(self._rows, self._states, strict=True):
            self._counts[state][row] += 1

    def _on_decisions_changed(self, indices: list[int]) -> None:
        session = self.session
        if session is None or self._height < 0:
            return
        for i in indices:
            new = session.decision(i)
            old = self._states[i]
            if new is not old:
                row = self._rows[i]
                self._counts[old][row] -= 1
                self._counts[new][row] += 1
                self._states[i] = new
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Ticks per pixel row, the visible part of the text, the current fix."""
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(palette.ColorRole.Window))
        if self.session is None:
            painter.end()
            return
        if self._height != self._track_height():
            self._rebuild()
        width = self.width() - 2
        colours = {d: QColor(c) for d, c in _TICKS[self.dark].items()}
        for state in _URGENCY:
            counts = self._counts.get(state, [])
            tick = max(2.0, width * _TICK_SHARE[state])
            colour = colours[state]
            for row, count in enumerate(counts):
                if count:
                    painter.fillRect(QRectF(1 + width - tick, 1 + row, tick, 1.0), colour)
        self._paint_visible_part(painter)
        if self.current is not None and 0 <= self.current < len(self._rows):
            y = 1 + self._rows[self.current]
            painter.fillRect(QRectF(0, y - 1.5, self.width(), 3), current_frame_color(self.dark))
        painter.end()

    def _paint_visible_part(self, painter: QPainter) -> None:
        pane = self.pane
        session = self.session
        if pane is None or session is None:
            return
        total = max(session.offsets.length16, 1)
        top = pane.cursorForPosition(pane.viewport().rect().topLeft()).position()
        bottom = pane.cursorForPosition(pane.viewport().rect().bottomRight()).position()
        height = self._track_height()
        y1 = top * height / total
        y2 = max(bottom * height / total, y1 + 3)
        frame = QColor(self.palette().color(self.palette().ColorRole.Text))
        frame.setAlpha(150)
        painter.setPen(frame)
        painter.drawRect(QRectF(0.5, 1 + y1, self.width() - 1.0, y2 - y1))

    def index_at(self, y: float) -> int | None:
        """The fix nearest to the text position at height ``y`` (widget coordinates)."""
        session = self.session
        if session is None or not len(session):
            return None
        if self._height != self._track_height():
            self._rebuild()
        row = int(min(max(y - 1, 0), self._height - 1))
        i = bisect.bisect_left(self._rows, row)
        candidates = [c for c in (i - 1, i) if 0 <= c < len(self._rows)]
        return min(candidates, key=lambda c: abs(self._rows[c] - row))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Go to the fix nearest to the click."""
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.index_at(event.position().y())
            if index is not None:
                self.fix_clicked.emit(index)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Dragging keeps going to the fix under the pointer."""
        if event.buttons() & Qt.MouseButton.LeftButton:
            index = self.index_at(event.position().y())
            if index is not None:
                self.fix_clicked.emit(index)
