"""The side-by-side view: original on the left, cleaned text on the right, fixes painted in both."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QTextCursor, QTextOption
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from editor.engine.model import Decision
from editor.engine.textpos import utf16_length
from editor.ui.review.marks import (
    EMPTY_WIDTH,
    MarkColours,
    paint_current_frame,
    paint_mark,
    widened,
)
from editor.ui.theme import current_band_color

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

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
#: how a line break that a fix removes is shown in the pane that still has it
BREAK_MARK = "⏎"
#: pixels above and below a block repainted with it (the current frame reaches out of it)
SPAN_UPDATE_MARGIN = 3
#: a change of more fixes than this repaints the whole panes (one region beats many)
FIXES_UPDATED_ALONE = 32
#: a fix shown this many lines or fewer from a pane's edge is scrolled to the middle
MARGIN_LINES = 3


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
        self.colours_for: Callable[[int], MarkColours] = lambda _index: MarkColours(
            QColor(255, 230, 150), QColor(120, 80, 0)
        )
        self.dark = False
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
        return (
            offsets.original_span(index)
            if self.side is Side.ORIGINAL
            else offsets.cleaned_span(index)
        )

    def _fixes_in(self, start16: int, end16: int) -> range:
        assert self.session is not None
        offsets = self.session.offsets
        if self.side is Side.ORIGINAL:
            return offsets.original_range(start16, end16)
        return offsets.cleaned_range(start16, end16)

    def _visible_blocks(self, area: QRectF) -> list[tuple[QTextBlock, QRectF]]:
        """The blocks meeting ``area`` (viewport coordinates) with their geometry there."""
        blocks: list[tuple[QTextBlock, QRectF]] = []
        block = self.firstVisibleBlock()
        if not block.isValid():
            return blocks
        # blockBoundingGeometry walks from the first visible block on every call; one call
        # and then the blocks' own heights keep this linear in the blocks on screen
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        bottom_edge = area.bottom()
        while block.isValid() and top <= bottom_edge:
            local = self.blockBoundingRect(block)
            geometry = local.translated(0, top - local.top())
            if block.isVisible():
                if geometry.bottom() >= area.top():
                    blocks.append((block, geometry))
                top += local.height()
            block = block.next()
        return blocks

    def update_spans(self, spans: Iterable[tuple[int, int]]) -> None:
        """Repaint the on-screen blocks that these UTF-16 spans touch, across the whole width.

        A decision or a move of the current fix changes the marks of a few
        blocks only; repainting just those keeps the cost of a key press from
        growing with the size of the pane (the current band spans the width).
        """
        viewport = self.viewport()
        blocks = self._visible_blocks(QRectF(viewport.rect()))
        width = viewport.width()
        for start, end in spans:
            for block, geometry in blocks:
                first = block.position()
                if first + block.length() <= start:
                    continue
                if first > end:
                    break
                top, bottom = geometry.top(), geometry.bottom()
                # only the lines of the span in a long paragraph
                layout = block.layout()
                text_end = block.length() - 1
                head = layout.lineForTextPosition(min(max(start - first, 0), text_end))
                tail = layout.lineForTextPosition(min(max(end - first, 0), text_end))
                if head.isValid() and tail.isValid():
                    top, bottom = top + head.y(), top + tail.y() + tail.height()
                viewport.update(
                    0,
                    int(top) - SPAN_UPDATE_MARGIN,
                    width,
                    int(bottom - top) + 2 * SPAN_UPDATE_MARGIN + 1,
                )

    def visible_fix_rects(self, clip: QRectF | None = None) -> Iterator[tuple[int, QRectF]]:
        """Yield (fix index, rectangle in viewport coordinates) for the fixes on screen."""
        for index, rect, _breaks in self.visible_fix_pieces(clip):
            yield index, rect

    def visible_fix_pieces(self, clip: QRectF | None = None) -> Iterator[tuple[int, QRectF, bool]]:
        """Yield (fix index, rectangle, ends in a line break of the fix) for the fixes on screen."""
        if self.session is None or not len(self.session):
            return
        area = clip if clip is not None else QRectF(self.viewport().rect())
        blocks = [(block, geometry.topLeft()) for block, geometry in self._visible_blocks(area)]
        if not blocks:
            return
        # one range lookup for the whole view, then a walk: both in step with the blocks
        first_block, last_block = blocks[0][0], blocks[-1][0]
        view_end = last_block.position() + last_block.length() - 1
        spans = [(i, *self.span(i)) for i in self._fixes_in(first_block.position(), view_end)]
        next_span = 0
        for block, origin in blocks:
            first = block.position()
            last = first + block.length() - 1  # the block's text, without its separator
            while next_span < len(spans) and spans[next_span][2] < first:
                next_span += 1
            for index, start, end in spans[next_span:]:
                if start > last:
                    break
                for rect, breaks in self._span_rects(block, origin, start, end):
                    yield index, rect, breaks

    def _span_rects(
        self, block: QTextBlock, origin: QPointF, start: int, end: int
    ) -> Iterator[tuple[QRectF, bool]]:
        """Rectangles covering ``start .. end`` (document positions) within one block.

        The flag is True for the piece that ends with the block's line break
        when the fix includes that break (a removed line break is shown).
        """
        layout = block.layout()
        base = block.position()
        text_end = block.length() - 1
        s, e = start - base, end - base
        if s < 0 and e <= 0:
            return  # the fix ends with the previous block's line break: drawn there
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
                    yield (
                        QRectF(
                            origin.x() + x - EMPTY_WIDTH / 2,
                            origin.y() + line.y(),
                            EMPTY_WIDTH,
                            line.height(),
                        ),
                        False,
                    )
                    return
                continue
            a, b = max(s, line_start), min(e, line_end)
            is_last_line = number == layout.lineCount() - 1
            if a > b or (a == b and not (crosses_break and is_last_line)):
                continue
            x1 = _x(line, a)
            x2 = _x(line, b)
            breaks = crosses_break and is_last_line and b == text_end
            if breaks:
                x2 += self._break_width()  # room for the visible ⏎ of the removed break
            yield (
                QRectF(origin.x() + x1, origin.y() + line.y(), max(x2 - x1, 1.0), line.height()),
                breaks,
            )

    def _break_width(self) -> float:
        return float(self.fontMetrics().horizontalAdvance(BREAK_MARK)) + 2

    def fix_at(self, point: QPoint) -> int | None:
        """The fix painted under ``point`` (viewport coordinates), if any."""
        target = QPointF(point)
        for index, rect in self.visible_fix_rects():
            if rect.adjusted(-1, 0, 1, 0).contains(target):
                # a paragraph's later piece stands for its paragraph
                return self.session.pieces(index)[0] if self.session is not None else index
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the current fix's band and every visible fix's mark behind the text."""
        if self.session is not None:
            painter = QPainter(self.viewport())
            em = float(self.fontMetrics().height())
            pieces = list(self.visible_fix_pieces(QRectF(event.rect())))
            width = float(self.viewport().width())
            # every piece of the current paragraph is the current fix
            group = set(self.session.pieces(self.current)) if self.current is not None else set()
            current = [rect for index, rect, _ in pieces if index in group]
            band = current_band_color(self.dark)
            for rect in current:  # a caret-line band across the current fix's lines
                painter.fillRect(QRectF(0, rect.top(), width, rect.height()), band)
            breaks: list[tuple[QRectF, QColor]] = []
            for index, rect, ends_in_break in pieces:
                colours = self.colours_for(index)
                empty = rect.width() <= EMPTY_WIDTH and self._is_empty(index)
                paint_mark(
                    painter,
                    rect if empty else widened(rect, em),
                    self.session.decision(index),
                    colours,
                    empty=empty,
                )
                if ends_in_break:
                    breaks.append((rect, colours.line))
            for rect, colour in breaks:
                painter.setPen(colour)
                mark = QRectF(
                    rect.right() - self._break_width(),
                    rect.top(),
                    self._break_width(),
                    rect.height(),
                )
                painter.drawText(mark, int(Qt.AlignmentFlag.AlignCenter), BREAK_MARK)
            for rect in current:
                paint_current_frame(
                    painter, rect if self._is_empty(self.current) else widened(rect, em), self.dark
                )
            painter.end()
        super().paintEvent(event)

    def _is_empty(self, index: int | None) -> bool:
        if index is None:
            return False
        start, end = self.span(index)
        return start == end

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
        """Put the caret at ``position16``; scroll only if it is not well inside the view.

        Well inside means at least :data:`MARGIN_LINES` lines from the top and
        bottom edge; otherwise the position is centred.
        """
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position16, self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        margin = MARGIN_LINES * self.fontMetrics().height()
        inner = self.viewport().rect().adjusted(0, margin, 0, -margin)
        if not inner.contains(self.cursorRect(cursor).center()):
            self.centerCursor()


class DiffView(QSplitter):
    """GUI: the two panes side by side, scrolling together paragraph by paragraph.

    A fix may remove or add line breaks, so block *n* on the left need not
    face block *n* on the right: scrolling maps the top position of one pane
    through the fixes to the other (:class:`OffsetMap`), paragraph by
    paragraph.
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
        # per fix: the replacement the right pane shows, None where it shows the original
        self._shown: list[str | None] = []
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

    def set_colour_function(self, colours_for: Callable[[int], MarkColours], dark: bool) -> None:
        """Tell both panes how to colour fix ``index`` (by category and decision)."""
        for pane in (self.left, self.right):
            pane.colours_for = colours_for
            pane.dark = dark
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
        self._shown = [
            f.replacement if d is Decision.ACCEPTED else None
            for f, d in zip(session.fixes, session.decisions, strict=True)
        ]
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
        accepted = Decision.ACCEPTED
        behind = [  # inline, not a call per fix: this runs over every fix of a book
            i
            for i, (shown, fix, decision) in enumerate(
                zip(self._shown, session.fixes, session.decisions, strict=True)
            )
            if shown != (fix.replacement if decision is accepted else None)
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
            wanted = self._wanted(index)
            shown = self._shown[index]
            if shown == wanted:
                continue
            fix = session.fixes[index]
            if shown is None:
                left_start, left_end = offsets.original_span(index)
                old_length = left_end - left_start
            else:
                old_length = len(shown) if shown.isascii() else utf16_length(shown)
            start = offsets.cleaned_span(index)[0]
            cursor.setPosition(start)
            cursor.setPosition(start + old_length, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(fix.original if wanted is None else wanted)
            self._shown[index] = wanted
        cursor.endEditBlock()
        self.repaint_changed(indices)

    def repaint_changed(self, indices: list[int]) -> None:
        """Repaint the marks of ``indices`` only (all of both panes for many fixes)."""
        session = self.session
        if session is None:
            return
        fixes = session.fixes
        if len(indices) > FIXES_UPDATED_ALONE or any(
            fixes[i].original.count("\n") != fixes[i].replacement.count("\n") for i in indices
        ):
            self.repaint_fixes()  # lines come and go: everything below them moves
            return
        for pane in (self.left, self.right):
            pane.update_spans([pane.span(i) for i in indices])

    def _wanted(self, index: int) -> str | None:
        """What the right pane should show for fix ``index``: its replacement or None."""
        assert self.session is not None
        if self.session.decision(index) is Decision.ACCEPTED:
            return self.session.fixes[index].replacement
        return None

    def repaint_fixes(self) -> None:
        """Repaint the visible highlights (after a decision or a colour change)."""
        self.left.viewport().update()
        self.right.viewport().update()

    def show_fix(self, index: int | None) -> None:
        """Make ``index`` the current fix and centre it in both panes."""
        before = self.left.current
        self.left.current = self.right.current = index
        if self.session is None or self.is_loading:
            self.repaint_fixes()
            return
        if index is not None:
            self._syncing = True
            try:
                self.left.show_position(self.session.offsets.original_span(index)[0])
                self.right.show_position(self.session.offsets.cleaned_span(index)[0])
            finally:
                self._syncing = False
        # the band and frame leave the old current fix and come to the new one
        session = self.session
        self.repaint_changed(
            sorted({p for i in (before, index) if i is not None for p in session.pieces(i)})
        )

    def _sync_scroll(self, source: FixPane, target: FixPane) -> None:
        """Scroll ``target`` so the paragraph at the top of ``source`` faces its counterpart."""
        if self._syncing or self.is_loading:
            return
        session = self.session
        if session is None:
            return
        self._syncing = True
        try:
            top = source.firstVisibleBlock()
            line_in_block = max(source.verticalScrollBar().value() - top.firstLineNumber(), 0)
            layout = top.layout()
            line_in_block = min(line_in_block, max(layout.lineCount() - 1, 0))
            position = top.position()
            if layout.lineCount():
                position += layout.lineAt(line_in_block).textStart()
            offsets = session.offsets
            mapped = (
                offsets.to_cleaned(position)
                if source is self.left
                else offsets.to_original(position)
            )
            block = target.document().findBlock(mapped)
            if block.isValid():
                target_layout = block.layout()
                line = target_layout.lineForTextPosition(mapped - block.position())
                number = line.lineNumber() if line.isValid() else 0
                target.verticalScrollBar().setValue(block.firstLineNumber() + number)
        finally:
            self._syncing = False
