"""The legend of the marks: category colours, state lines, the current fix, a removed line break."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from editor.engine.model import Category, Decision
from editor.ui.review.marks import mark_colours, paint_current_frame, paint_mark
from editor.ui.theme import category_color, is_dark

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent, QResizeEvent

_GAP = 14.0
_SAMPLE = "ab"

#: what each state's line means, in the legend and the help
STATE_MEANINGS = {
    Decision.PENDING: "pending (wavy line: needs you)",
    Decision.ACCEPTED: "accepted (solid line)",
    Decision.REJECTED: "rejected (dotted line, grey: text kept as it was)",
}


def _dark() -> bool:
    app = QApplication.instance()
    return isinstance(app, QApplication) and is_dark(app)


class Legend(QWidget):
    """GUI: explains every mark the panes draw, painted with the panes' own code; wraps to fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Legend")
        self.setAccessibleDescription(self.description())
        self.setToolTip(self.description())
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    @staticmethod
    def description() -> str:
        """The legend in words (for screen readers and the help)."""
        categories = ", ".join(c.value for c in Category)
        states = "; ".join(STATE_MEANINGS.values())
        return (
            f"Tint colour: category ({categories}). Line under the fix: {states}. "
            "Blue frame and band: the current fix. ⏎: a line break the fix removes."
        )

    def _items(self) -> list[tuple[str, str, object]]:
        items: list[tuple[str, str, object]] = [("chip", c.value.title(), c) for c in Category]
        items += [("state", STATE_MEANINGS[d].split(" (")[0], d) for d in Decision]
        items += [("current", "current fix", None), ("break", "removed line break", None)]
        return items

    def _item_width(self, metrics: QFontMetricsF, kind: str, label: str) -> float:
        sample = metrics.horizontalAdvance(_SAMPLE) + 8 if kind in ("state", "current") else 14
        if kind == "break":
            sample = metrics.horizontalAdvance("⏎") + 6
        return sample + 4 + metrics.horizontalAdvance(label)

    def _layout(self, width: float) -> list[tuple[QPointF, str, str, object]]:
        metrics = QFontMetricsF(self.font())
        line_height = metrics.height() + 6
        x, y = 4.0, 3.0
        placed = []
        for kind, label, value in self._items():
            w = self._item_width(metrics, kind, label)
            if x > 4 and x + w > width:
                x, y = 4.0, y + line_height
            placed.append((QPointF(x, y), kind, label, value))
            x += w + _GAP
        return placed

    def hasHeightForWidth(self) -> bool:
        """The legend wraps, so its height depends on its width."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Enough rows for every item at ``width``."""
        metrics = QFontMetricsF(self.font())
        rows = 1 + int(max(p.y() for p, *_ in self._layout(width)) // (metrics.height() + 6))
        return int(rows * (metrics.height() + 6) + 4)

    def sizeHint(self) -> QSize:
        """One row, as wide as it needs."""
        return QSize(600, self.heightForWidth(600))

    def minimumSizeHint(self) -> QSize:
        """Narrow is fine: the items wrap."""
        return QSize(120, self.heightForWidth(120))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Wrapping changes the height: ask the layout again."""
        super().resizeEvent(event)
        if self.heightForWidth(self.width()) != self.height():
            self.updateGeometry()

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Each item: its sample drawn as the panes draw it, then its label."""
        painter = QPainter(self)
        dark = _dark()
        metrics = QFontMetricsF(self.font())
        text_colour = self.palette().color(self.palette().ColorRole.WindowText)
        base = self.palette().color(self.palette().ColorRole.Base)
        for origin, kind, label, value in self._layout(self.width()):
            x, y = origin.x(), origin.y()
            height = metrics.height()
            if kind == "chip":
                assert isinstance(value, Category)
                painter.fillRect(QRectF(x, y + 2, 12, height - 4), category_color(value, dark))
                x += 14
            elif kind in ("state", "current"):
                decision = value if isinstance(value, Decision) else Decision.PENDING
                w = metrics.horizontalAdvance(_SAMPLE) + 4
                sample = QRectF(x + 2, y, w, height + 1)
                painter.fillRect(sample.adjusted(-2, -1, 2, 1), base)
                colours = mark_colours(Category.HYPHEN, decision, dark)
                paint_mark(painter, sample, decision, colours)
                if kind == "current":
                    paint_current_frame(painter, sample, dark)
                painter.setPen(text_colour)
                painter.drawText(sample, int(Qt.AlignmentFlag.AlignCenter), _SAMPLE)
                x += w + 8
            elif kind == "break":
                painter.setPen(text_colour)
                painter.drawText(QPointF(x, y + metrics.ascent()), "⏎")
                x += metrics.horizontalAdvance("⏎") + 6
            painter.setPen(text_colour)
            painter.drawText(QPointF(x + 2, y + metrics.ascent()), label)
        painter.end()
