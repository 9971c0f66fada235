"""The overview ruler beside the panes (as in Meld): every fix of the text as a tick, by state."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
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
#: a decision changing more pixel rows than this repaints the whole ruler (one region is
#: cheaper than many small ones)
_ROWS_UPDATED_ALONE = 16
# the most urgent state of a pixel row is drawn on top
_URGENCY = (Decision.REJECTED, Decision.ACCEPTED, Decision.PENDING)


class OverviewRuler(QWidget):
    """GUI: one pixel row per stretch of text; a click goes to the nearest fix there.

    The ticks are counts per pixel row and state, rebuilt in one pass when the
    height or the session changes and updated per changed fix on a decision.
    They are drawn into a pixmap kept between paints: a decision redraws the
    pixel rows it changed, and a paint copies the pixmap, so neither grows
    with the text or its number of fixes.
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
        self._ticks: QPixmap | None = None  # the ticks of every row, drawn once
        self._stale_rows: set[int] = set()  # rows whose ticks changed since they were drawn
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
        self._ticks = None
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
        total = max(offsets.original_length(), 1)
        last = height - 1
        self._rows = [min(start * height // total, last) for start in offsets.original_starts]
        self._states = list(session.decisions)
        self._counts = {d: [0] * height for d in Decision}
        for row, state in zip(self._rows, self._states, strict=True):
            self._counts[state][row] += 1
        self._ticks = None

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
                self._stale_rows.add(row)
        if len(self._stale_rows) > _ROWS_UPDATED_ALONE:
            self.update()
        else:  # only the changed pixel rows are drawn anew (see _drawn_ticks)
            for row in self._stale_rows:
                self.update(0, 1 + row, self.width(), 1)

    def set_current(self, index: int | None) -> None:
        """Mark fix ``index`` as the current one (repainting only the old and new mark)."""
        for fix in (self.current, index):
            if fix is not None and 0 <= fix < len(self._rows):
                self.update(0, self._rows[fix] - 2, self.width(), 6)
        self.current = index

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
        painter.drawPixmap(1, 1, self._drawn_ticks())
        self._paint_visible_part(painter)
        if self.current is not None and 0 <= self.current < len(self._rows):
            y = 1 + self._rows[self.current]
            painter.fillRect(QRectF(0, y - 1.5, self.width(), 3), current_frame_color(self.dark))
        painter.end()

    def _drawn_ticks(self) -> QPixmap:
        """The pixmap of the ticks, with the rows changed since the last paint redrawn."""
        width = max(self.width() - 2, 1)
        ticks = self._ticks
        if ticks is None or ticks.width() != width or ticks.height() != self._height:
            ticks = QPixmap(width, max(self._height, 1))
            self._ticks = ticks
            rows: set[int] | range = range(self._height)
        elif self._stale_rows:
            rows = self._stale_rows
        else:
            return ticks
        self._stale_rows = set()
        painter = QPainter(ticks)
        palette = self.palette()
        background = palette.color(palette.ColorRole.Window)
        colours = {d: QColor(c) for d, c in _TICKS[self.dark].items()}
        shares = [(d, max(2.0, width * _TICK_SHARE[d]), self._counts.get(d, [])) for d in _URGENCY]
        for row in rows:
            painter.fillRect(QRectF(0, row, width, 1.0), background)
            for state, tick, counts in shares:
                if row < len(counts) and counts[row]:
                    painter.fillRect(QRectF(width - tick, row, tick, 1.0), colours[state])
        painter.end()
        return ticks

    def redraw(self) -> None:
        """Draw every tick anew (after a change of theme)."""
        self._ticks = None
        self.update()

    def _paint_visible_part(self, painter: QPainter) -> None:
        pane = self.pane
        session = self.session
        if pane is None or session is None:
            return
        total = max(session.offsets.original_length(), 1)
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
