"""The side-by-side view: original on the left, cleaned text on the right, fixes painted in both."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QTextCursor, QTextOption
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from editor.engine.model import Decision

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from PySide6.QtGui import (
        QContextMenuEvent,
        QMouseEvent,
        QPaintEvent,
        QTextBlock,
        QTextLine,
    )

    from editor.ui.session import ReviewSession

#: texts up to this size go in with one setPlainText; larger ones in chunks, one per event-loop turn
CHUNK_CHARS = 1 << 18
#: width of the mark drawn where a fix is empty in a pane (a deleted hyphen on the right)
_CARET_WIDTH = 2.5


def _x(line: QTextLine, position: int) -> float:
    """The x of a cursor at ``position`` (PySide returns ``(x, position)``)."""
    result = line.cursorToX(position)
    x = result[0] if isinstance(result, tuple) else result
    assert isinstance(x, float | int)
    return float(x)


class Side(enum.Enum):
    """Which text a pane shows."""

    ORIGINAL = "original"
    CLEANED = "cleaned"


class FixPane(QPlainTextEdit):
    """GUI: one read-only, word-wrapped text pane that paints the fixes of its visible blocks.

    Only the blocks on screen are looked at when painting, so the cost of a
    repaint does not grow with the number of fixes or the size of the text.
    """

    fix_clicked = Signal(int)
    fix_menu_requested = Signal(int, QPoint)  # fix index (-1 for none), global position

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.session: ReviewSession | None = None
        self.current: int | None = None
        self.colour_for: Callable[[int], QColor] = lambda _index: QColor(255, 230, 150)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        # a file dropped on a pane goes to the window, which opens it
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setCenterOnScroll(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        title = "Original text" if side is Side.ORIGINAL else "Cleaned text"
        self.setAccessibleName(title)
        self.setToolTip(
            "The original text; click a highlighted fix to select it"
            if side is Side.ORIGINAL
            else "The cleaned text with the current decisions; click a highlighted fix to select it"
        )

    def span(self, index: int) -> tuple[int, int]:
        """UTF-16 span of fix ``index`` in this pane's document."""
        assert self.session is not None
        offsets = self.session.offsets
        return offsets.left_span(index) if self.side is Side.ORIGINAL else offsets.right_span(index)

    def _fixes_in(self, start16: int, end16: int) -> range:
        assert self.session is not None
        offsets = self.session.offsets
        if self.side is Side.ORIGINAL:
            return offsets.left_range(start16, end16)
        return offsets.right_range(start16, end16)

    def visible_fix_rects(self, clip: QRectF | None = None) -> Iterator[tuple[int, QRectF]]:
        """Yield (fix index, rectangle in viewport coordinates) for the fixes on screen."""
        if self.session is None or not len(self.session):
            return
        area = clip if clip is not None else QRectF(self.viewport().rect())
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > area.bottom():
                break
            if block.isVisible() and geometry.bottom() >= area.top():
                first = block.position()
                last = first + block.length() - 1  # the block's text, without its separator
                for index in self._fixes_in(first, last):
                    start, end = self.span(index)
                    for rect in self._span_rects(block, geometry.topLeft(), start, end):
                        yield index, rect
            block = block.next()

    def _span_rects(
        self, block: QTextBlock, origin: QPointF, start: int, end: int
    ) -> Iterator[QRectF]:
        """Rectangles covering ``start .. end`` (document positions) within one block."""
        layout = block.layout()
        base = block.position()
        text_end = block.length() - 1
        s, e = start - base, end - base
        crosses_break = e > text_end  # the fix includes this block's line break
        s, e = max(s, 0), min(e, text_end)
        if s > text_end or e < 0:
            return
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            line_start = line.textStart()
            line_end = line_start + line.textLength()
            if start == end or (s == e and not crosses_break):
                if line_start <= s <= line_end:
                    x = _x(line, s)
                    yield QRectF(
                        origin.x() + x - _CARET_WIDTH / 2,
                        origin.y() + line.y(),
                        _CARET_WIDTH,
                        line.height(),
                    )
                    return
                continue
            a, b = max(s, line_start), min(e, line_end)
            is_last_line = number == layout.lineCount() - 1
            if a > b or (a == b and not (crosses_break and is_last_line)):
                continue
            x1 = _x(line, a)
            x2 = _x(line, b)
            if crosses_break and is_last_line and b == text_end:
                x2 += line.height() / 2  # show that the line break is part of the fix
            yield QRectF(origin.x() + x1, origin.y() + line.y(), max(x2 - x1, 1.0), line.height())

    def fix_at(self, point: QPoint) -> int | None:
        """The fix painted under ``point`` (viewport coordinates), if any."""
        target = QPointF(point)
        for index, rect in self.visible_fix_rects():
            if rect.adjusted(-1, 0, 1, 0).contains(target):
                return index
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the visible fixes behind the text, then the text."""
        if self.session is not None:
            painter = QPainter(self.viewport())
            current_rects: list[QRectF] = []
            struck: list[QRectF] = []
            for index, rect in self.visible_fix_rects(QRectF(event.rect())):
                painter.fillRect(rect, self.colour_for(index))
                if index == self.current:
                    current_rects.append(rect)
                if self.session.decision(index) is Decision.REJECTED and rect.width() > 3:
                    struck.append(rect)
            if struck:
                # rejected is not told by colour alone: the fix is struck through
                painter.setPen(QPen(self.palette().color(self.palette().ColorRole.Text), 1))
                for rect in struck:
                    middle = rect.center().y()
                    painter.drawLine(QPointF(rect.left(), middle), QPointF(rect.right(), middle))
            if current_rects:
                pen = QPen(self.palette().color(self.palette().ColorRole.Highlight), 2)
                painter.setPen(pen)
                for rect in current_rects:
                    painter.drawRect(rect.adjusted(-1, 0, 1, 0))
            painter.end()
        super().paintEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Select the fix under a left click."""
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.fix_at(event.position().toPoint())
            if index is not None:
                self.fix_clicked.emit(index)
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Ask for the fix menu of the fix under the pointer (or the current one)."""
        index = self.fix_at(event.pos())
        if index is None and event.reason() == event.Reason.Keyboard and self.current is not None:
            index = self.current
        self.fix_menu_requested.emit(-1 if index is None else index, event.globalPos())

    def show_position(self, position16: int) -> None:
        """Put the caret at ``position16`` and centre it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position16, self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.centerCursor()


class DiffView(QSplitter):
    """GUI: the two panes side by side, scrolling together paragraph by paragraph.

    Both texts have the same paragraphs (no fix adds or removes a line
    break), so block *n* on the left faces block *n* on the right.
    """

    loaded = Signal()
    fix_clicked = Signal(int)
    fix_menu_requested = Signal(int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.left = FixPane(Side.ORIGINAL)
        self.right = FixPane(Side.CLEANED)
        self.left_title = QLabel("<b>Original</b>")
        self.right_title = QLabel("<b>Cleaned</b> — with your decisions")
        for pane, title in ((self.left, self.left_title), (self.right, self.right_title)):
            box = QWidget(self)
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(2)
            title.setBuddy(pane)
            title.setContentsMargins(4, 2, 4, 0)
            layout.addWidget(title)
            layout.addWidget(pane, 1)
            self.addWidget(box)
        self.setChildrenCollapsible(False)
        self.session: ReviewSession | None = None
        self._syncing = False
        self._shown: list[bool] = []  # per fix: does the right pane show its replacement?
        self._pending: list[tuple[FixPane, str, int]] = []  # pane, text, next offset
        self._loader = QTimer(self)
        self._loader.setInterval(0)
        self._loader.timeout.connect(self._load_next_chunk)
        for pane, other in ((self.left, self.right), (self.right, self.left)):
            pane.verticalScrollBar().valueChanged.connect(
                lambda _value, p=pane, o=other: self._sync_scroll(p, o)
            )
            pane.fix_clicked.connect(self.fix_clicked)
            pane.fix_menu_requested.connect(self.fix_menu_requested)

    @property
    def is_loading(self) -> bool:
        """True while the texts are still being put into the panes."""
        return bool(self._pending)

    def set_colour_function(self, colour_for: Callable[[int], QColor]) -> None:
        """Tell both panes how to colour fix ``index`` (by category and decision)."""
        self.left.colour_for = colour_for
        self.right.colour_for = colour_for
        self.repaint_fixes()

    def load(self, session: ReviewSession | None, cleaned: str = "") -> None:
        """Show ``session``'s original and ``cleaned`` (its current cleaned text).

        Large texts go in chunk by chunk, one chunk per event-loop turn, so the
        window stays responsive; ``loaded`` is emitted when both panes are full.
        """
        self._loader.stop()
        if self.session is not None:
            self.session.decisions_changed.disconnect(self.apply_changes)
        self.session = session
        if session is not None:
            session.decisions_changed.connect(self.apply_changes)
        for pane in (self.left, self.right):
            pane.session = None
            pane.current = None
            pane.clear()
        if session is None:
            self._pending = []
            self._shown = []
            return
        self._shown = [d is Decision.ACCEPTED for d in session.decisions]
        # chunks are cut as they are inserted: slicing 2 × 20 MB up front stalls the window
        self._pending = [
            (pane, text, 0)
            for pane, text in ((self.left, session.original), (self.right, cleaned))
            if text
        ]
        if len(session.original) <= 2 * CHUNK_CHARS:
            self.left.setPlainText(session.original)
            self.right.setPlainText(cleaned)
            self._pending = []
            self._finish_loading()
        else:
            self._loader.start()

    def _load_next_chunk(self) -> None:
        if not self._pending:
            self._loader.stop()
            return
        pane, text, offset = self._pending[0]
        cursor = QTextCursor(pane.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text[offset : offset + CHUNK_CHARS])
        if offset + CHUNK_CHARS < len(text):
            self._pending[0] = (pane, text, offset + CHUNK_CHARS)
        else:
            self._pending.pop(0)
        if not self._pending:
            self._loader.stop()
            self._finish_loading()

    def _finish_loading(self) -> None:
        session = self.session
        assert session is not None
        for pane in (self.left, self.right):
            pane.session = session
            pane.moveCursor(QTextCursor.MoveOperation.Start)
            pane.viewport().update()
        # decisions made while the texts were loading (a restored recovery) are applied now
        behind = [
            i
            for i, shown in enumerate(self._shown)
            if shown != (session.decision(i) is Decision.ACCEPTED)
        ]
        if behind:
            self.apply_changes(behind)
        self.loaded.emit()

    def apply_changes(self, indices: list[int]) -> None:
        """Bring the right pane in line with changed decisions, touching only those spans.

        Ascending order: when fix ``i`` is replaced, the fixes before it are
        already up to date in the document, so the session's current offsets
        say exactly where ``i`` sits.
        """
        session = self.session
        if session is None or self.is_loading:
            return
        offsets = session.offsets
        cursor = QTextCursor(self.right.document())
        cursor.beginEditBlock()
        for index in indices:
            accepted = session.decision(index) is Decision.ACCEPTED
            if self._shown[index] == accepted:
                continue
            fix = session.fixes[index]
            left_start, left_end = offsets.left_span(index)
            old_length = (
                offsets.replacement_length(index) if self._shown[index] else left_end - left_start
            )
            start = offsets.right_span(index)[0]
            cursor.setPosition(start)
            cursor.setPosition(start + old_length, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(fix.replacement if accepted else fix.original)
            self._shown[index] = accepted
        cursor.endEditBlock()
        self.repaint_fixes()

    def repaint_fixes(self) -> None:
        """Repaint the visible highlights (after a decision or a colour change)."""
        self.left.viewport().update()
        self.right.viewport().update()

    def show_fix(self, index: int | None) -> None:
        """Make ``index`` the current fix and centre it in both panes."""
        self.left.current = self.right.current = index
        if index is not None and self.session is not None and not self.is_loading:
            self._syncing = True
            try:
                self.left.show_position(self.session.offsets.left_span(index)[0])
                self.right.show_position(self.session.offsets.right_span(index)[0])
            finally:
                self._syncing = False
        self.repaint_fixes()

    def _sync_scroll(self, source: FixPane, target: FixPane) -> None:
        """Scroll ``target`` so the paragraph at the top of ``source`` faces its counterpart."""
        if self._syncing or self.is_loading:
            return
        self._syncing = True
        try:
            top = source.firstVisibleBlock()
            line_in_block = source.verticalScrollBar().value() - top.firstLineNumber()
            block = target.document().findBlockByNumber(top.blockNumber())
            if block.isValid():
                line = block.firstLineNumber() + min(max(line_in_block, 0), block.lineCount() - 1)
                target.verticalScrollBar().setValue(line)
        finally:
            self._syncing = False
