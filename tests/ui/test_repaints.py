"""A decision repaints the few lines it changed, not whole panes (the cost of a key press)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QColor

from editor.engine.model import Decision
from editor.ui.review.ruler import _TICKS

#: forty short paragraphs, a hyphen fix in each
TEXT = "".join(f"Line {n} has a co-op here and more words after it.\n" for n in range(40))


class PaintRegions(QObject):
    """Records the rectangle of every paint event a widget receives."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False


@pytest.fixture
def review(show_review, make_fix):
    hyphens = [i for i, char in enumerate(TEXT) if char == "-"]
    fixes = [make_fix(TEXT, i, i + 1, "", confidence=0.3) for i in hyphens]
    return show_review(TEXT, fixes, (1000, 700))


def _paints_after(qtbot, review, pane, action):
    regions = PaintRegions(pane.viewport())
    action()
    qtbot.waitUntil(lambda: bool(regions.rects))
    return regions.rects


@pytest.mark.parametrize("side", ["left", "right"])
def test_a_decision_repaints_only_its_lines(qtbot, review, side):
    pane = getattr(review.diff, side)
    rects = _paints_after(qtbot, review, pane, review.toggle_current)
    line = pane.fontMetrics().height()
    assert all(rect.height() < 4 * line for rect in rects)
    assert all(rect.height() < pane.viewport().height() // 2 for rect in rects)
    # and the pane shows the decision: the right text changed
    assert review.session.decision(0) is Decision.ACCEPTED
    assert "coop" in review.diff.right.document().findBlockByNumber(0).text()


def test_moving_to_the_next_fix_repaints_the_old_and_the_new_one(qtbot, review):
    pane = review.diff.left
    rects = _paints_after(qtbot, review, pane, review.go_next)
    line = pane.fontMetrics().height()
    assert review.current == 1
    painted = sum(rect.height() for rect in rects)
    assert painted < 6 * line


def test_many_changed_lines_repaint_the_whole_pane(qtbot, review):
    pane = review.diff.right
    rects = _paints_after(
        qtbot, review, pane, lambda: review.session.decide_above(0.0, Decision.ACCEPTED)
    )
    assert any(rect.height() >= pane.viewport().height() - 1 for rect in rects)


def test_the_ruler_redraws_a_changed_tick(qtbot, review):
    ruler = review.ruler
    qtbot.waitUntil(lambda: ruler._ticks is not None)
    row = ruler._rows[20]  # far from the current fix (0), whose mark covers its ticks

    def tick_colour() -> QColor:
        return ruler.grab().toImage().pixelColor(ruler.width() - 3, 1 + row)

    assert tick_colour() == QColor(_TICKS[ruler.dark][Decision.PENDING])
    review.session.decide(20, Decision.REJECTED)
    # a rejected tick is a third of the width: its right end shows the rejected colour
    qtbot.waitUntil(lambda: tick_colour() == QColor(_TICKS[ruler.dark][Decision.REJECTED]))


def test_the_detail_shows_a_decision_without_laying_itself_out(qtbot, review):
    detail = review.detail
    qtbot.waitUntil(lambda: detail.index == 0)
    assert detail.state.text() == "● Pending"
    review.toggle_current()
    assert detail.state.text() == "✓ Accepted"
    assert detail.state.minimumSize() == detail.state.maximumSize()  # a fixed box


def test_a_narrow_detail_panel_puts_the_names_under_the_marks(qtbot):
    from editor.ui.review.detail import NAMES_BESIDE_MIN_WIDTH, FixDetail

    detail = FixDetail()
    qtbot.addWidget(detail)
    detail.show()
    for width, beside in (
        (NAMES_BESIDE_MIN_WIDTH - 100, False),
        (NAMES_BESIDE_MIN_WIDTH + 100, True),
    ):
        detail.resize(width, 300)
        qtbot.waitUntil(lambda w=width: detail.width() == w)
        position = detail._grid.getItemPosition(detail._grid.indexOf(detail.names))
        assert position[:2] == ((0, 1) if beside else (1, 0))
