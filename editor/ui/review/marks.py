"""How one fix is drawn: a tint behind the text and a line under it whose shape tells the state.

The panes, the legend and the help dialog all draw through :func:`paint_mark`,
so what the legend shows is exactly what the texts show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen

from editor.ui.theme import (
    MARK_STYLES,
    current_frame_color,
    highlight_color,
    mark_line_color,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

    from editor.engine.model import Category, Decision

#: thickness of the state line under a fix, in pixels
LINE_WIDTH = 2.0
#: a fix narrower than this share of the font's height is widened to it (a soft hyphen,
#: a one-character quote mark), so the tint and its line can be seen and clicked
MIN_WIDTH_EM = 0.55
#: gap between the fix and the current-fix frame, so the frame never covers a glyph
FRAME_GAP = 2.0
#: width of the wedge drawn where a fix is empty in a pane (a deleted hyphen on the right)
EMPTY_WIDTH = 7.0


@dataclass(frozen=True)
class MarkColours:
    """The colours of one (category, decision, theme)."""

    fill: QColor
    line: QColor


def mark_colours(category: Category, decision: Decision, dark: bool) -> MarkColours:
    """Fill and line colour for a fix of ``category`` in state ``decision``."""
    return MarkColours(
        highlight_color(category, decision, dark), mark_line_color(category, decision, dark)
    )


def widened(rect: QRectF, em: float) -> QRectF:
    """``rect`` made at least :data:`MIN_WIDTH_EM` × ``em`` wide, around its centre."""
    least = MIN_WIDTH_EM * em
    if rect.width() >= least:
        return rect
    grow = (least - rect.width()) / 2
    return rect.adjusted(-grow, 0, grow, 0)


def _wave(painter: QPainter, left: float, right: float, y: float) -> None:
    path = QPainterPath(QPointF(left, y))
    step = 2.0
    x = left
    up = True
    while x < right:
        x = min(x + step, right)
        path.lineTo(QPointF(x, y - 1.5 if up else y + 0.5))
        up = not up
    painter.drawPath(path)


def paint_state_line(painter: QPainter, rect: QRectF, decision: Decision, colour: QColor) -> None:
    """The line under a fix: wavy (pending), solid (accepted) or dotted (rejected)."""
    style = MARK_STYLES[decision]
    pen = QPen(colour, LINE_WIDTH)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    y = rect.bottom() - LINE_WIDTH / 2
    painter.save()
    painter.setRenderHint(painter.RenderHint.Antialiasing, style == "wavy")
    if style == "dotted":
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([1.0, 1.0])
    painter.setPen(pen)
    if style == "wavy":
        _wave(painter, rect.left(), rect.right(), y - 0.5)
    else:
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    painter.restore()


def paint_empty(painter: QPainter, rect: QRectF, colours: MarkColours) -> None:
    """A fix with no text in this pane: a thin bar with a wedge at the baseline."""
    centre = rect.center().x()
    bar = QRectF(centre - 1, rect.top(), 2, rect.height())
    painter.fillRect(bar, colours.line)
    half = EMPTY_WIDTH / 2
    wedge = QPainterPath(QPointF(centre - half, rect.bottom()))
    wedge.lineTo(QPointF(centre + half, rect.bottom()))
    wedge.lineTo(QPointF(centre, rect.bottom() - EMPTY_WIDTH * math.sqrt(3) / 2))
    wedge.closeSubpath()
    painter.save()
    painter.setRenderHint(painter.RenderHint.Antialiasing, True)
    painter.fillPath(wedge, colours.line)
    painter.restore()


def paint_mark(
    painter: QPainter,
    rect: QRectF,
    decision: Decision,
    colours: MarkColours,
    *,
    empty: bool = False,
) -> None:
    """Tint behind one piece of a fix and the state line under it (the text comes on top)."""
    if empty:
        paint_empty(painter, rect, colours)
        return
    painter.fillRect(rect, colours.fill)
    paint_state_line(painter, rect, decision, colours.line)


def paint_current_frame(painter: QPainter, rect: QRectF, dark: bool) -> None:
    """The frame around the current fix, just outside it so no glyph is covered."""
    pen = QPen(current_frame_color(dark), 2.0)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.save()
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(-FRAME_GAP - 1, -1, FRAME_GAP + 1, 1))
    painter.restore()
