from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from editor.engine.model import Decision
from editor.ui.review import diffview
from editor.ui.review.diffview import DiffView
from editor.ui.session import ReviewSession

#       emoji first: every Qt position after it is one more than the code point
TEXT = "😀 co-op and\nNA-TO 😀x-y\n"


def pane_text(pane):
    """The pane's text as the session sees it (toPlainText would turn no-break spaces into spaces)."""
    return pane.document().toRawText().replace("\u2029", "\n")


@pytest.fixture
def session(make_fix):
    fixes = [
        make_fix(TEXT, 4, 5, "", confidence=0.4),
        make_fix(TEXT, 14, 15, "", confidence=0.9),
        make_fix(TEXT, 20, 21, "–", confidence=0.4),
    ]
    return ReviewSession(TEXT, fixes)


@pytest.fixture
def view(qtbot, session):
    widget = DiffView()
    qtbot.addWidget(widget)
    widget.resize(800, 400)
    widget.show()
    with qtbot.waitSignal(widget.loaded):
        widget.load(session, session.cleaned_text())
    return widget


def test_panes_show_original_and_cleaned(view):
    assert pane_text(view.left) == TEXT
    assert pane_text(view.right) == "😀 co-op and\nNATO 😀x-y\n"


@pytest.mark.parametrize(
    "steps",
    [
        [(0, Decision.ACCEPTED)],
        [(2, Decision.ACCEPTED), (0, Decision.ACCEPTED)],
        [(1, Decision.REJECTED), (2, Decision.ACCEPTED), (1, Decision.ACCEPTED)],
    ],
)
def test_right_pane_follows_decisions_span_by_span(view, session, steps):
    for index, decision in steps:
        session.decide(index, decision)
    assert pane_text(view.right) == session.cleaned_text()


def test_bulk_then_undo_restores_the_right_pane(view, session):
    session.decide_above(0.0, Decision.ACCEPTED)
    session.undo_stack.undo()
    assert pane_text(view.right) == TEXT.replace("NA-TO", "NATO")


@pytest.mark.parametrize("index", [0, 2])
def test_highlight_after_an_emoji_lands_on_the_fix(view, session, index):
    start, end = session.offsets.original_span(index)
    cursor = view.left.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == session.fixes[index].original


def test_accepted_replacement_sits_at_its_cleaned_span(view, session):
    session.decide(2, Decision.ACCEPTED)
    start, end = session.offsets.cleaned_span(2)
    cursor = view.right.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "–"


def test_clicking_a_highlight_selects_its_fix(view, qtbot):
    view.show_fix(None)
    rects = dict(view.left.visible_fix_rects())
    centre = rects[2].center().toPoint()
    with qtbot.waitSignal(view.fix_clicked) as blocker:
        qtbot.mouseClick(view.left.viewport(), diffview.Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [2]


def test_clicking_plain_text_selects_nothing(view, qtbot):
    with qtbot.assertNotEmitted(view.fix_clicked):
        qtbot.mouseClick(
            view.left.viewport(), diffview.Qt.MouseButton.LeftButton, pos=QPoint(2, 300)
        )


def test_deleted_text_is_marked_on_the_right(view, session):
    rects = dict(view.right.visible_fix_rects())
    assert rects[1].width() == pytest.approx(diffview.EMPTY_WIDTH)


def test_large_text_loads_in_chunks(qtbot, monkeypatch, make_fix):
    monkeypatch.setattr(diffview, "CHUNK_CHARS", 8)
    text = "word co-op " * 20
    session = ReviewSession(text, [make_fix(text, 7, 8, "")])
    view = DiffView()
    qtbot.addWidget(view)
    view.load(session, session.cleaned_text())
    assert view.is_loading
    with qtbot.waitSignal(view.loaded):
        pass
    assert pane_text(view.left) == text
    assert pane_text(view.right) == session.cleaned_text()


def test_decisions_made_while_loading_are_applied_after(qtbot, monkeypatch, make_fix):
    monkeypatch.setattr(diffview, "CHUNK_CHARS", 8)
    text = "word co-op " * 20
    session = ReviewSession(text, [make_fix(text, 7, 8, "", confidence=0.1)])
    view = DiffView()
    qtbot.addWidget(view)
    view.load(session, session.cleaned_text())
    session.decide(0, Decision.ACCEPTED)
    with qtbot.waitSignal(view.loaded):
        pass
    assert pane_text(view.right) == session.cleaned_text()


def test_scrolling_one_pane_brings_the_same_paragraph_to_the_other(qtbot, make_fix):
    text = "".join(f"Paragraph {n} with co-op words in it.\n" for n in range(300))
    session = ReviewSession(
        text, [make_fix(text, text.index("co-op"), text.index("co-op") + 3, "")]
    )
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    with qtbot.waitSignal(view.loaded):
        view.load(session, session.cleaned_text())
    view.left.verticalScrollBar().setValue(150)
    assert (
        view.right.firstVisibleBlock().blockNumber() == view.left.firstVisibleBlock().blockNumber()
    )


#: a layout fix removes a line break: the panes no longer have the same blocks
JOINED = "".join(f"Line {n} is cut\nhere and goes on.\n" for n in range(200))


@pytest.fixture
def joined(qtbot, make_fix):
    breaks = [i for i, c in enumerate(JOINED) if c == "\n" and JOINED[i + 1 : i + 5] == "here"]
    fixes = [make_fix(JOINED, i, i + 1, " ", confidence=0.9) for i in breaks]
    session = ReviewSession(JOINED, fixes)
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    with qtbot.waitSignal(view.loaded):
        view.load(session, session.cleaned_text())
    return view, session


def test_fixes_that_remove_line_breaks_follow_decisions(joined):
    view, session = joined
    assert view.right.document().blockCount() < view.left.document().blockCount()
    session.decide(5, Decision.REJECTED)
    session.decide_above(0.0, Decision.REJECTED)
    session.undo_stack.undo()
    assert pane_text(view.right) == session.cleaned_text()


def test_a_removed_line_break_is_marked_in_the_original(joined):
    view, _session = joined
    pieces = list(view.left.visible_fix_pieces())
    assert pieces
    assert all(ends_in_break for _index, _rect, ends_in_break in pieces)


def test_scrolling_aligns_blocks_through_line_changing_fixes(joined, qtbot):
    view, session = joined
    view.left.verticalScrollBar().setValue(200)
    top_left = view.left.firstVisibleBlock().position()
    top_right = view.right.firstVisibleBlock().position()
    # the right pane's top paragraph is the one the left pane's top line belongs to
    assert session.offsets.to_original(top_right) <= top_left
    assert top_left - session.offsets.to_original(top_right) < 40


def test_a_custom_replacement_is_shown_and_undone(view, session):
    session.set_custom(2, "—!")
    assert pane_text(view.right) == session.cleaned_text()
    assert "😀x—!y" in pane_text(view.right)
    session.undo_stack.undo()
    assert pane_text(view.right) == session.cleaned_text()


def test_rejected_text_is_not_struck_through(view, session, monkeypatch):
    """A strike means deleted; rejected text on the right is exactly what gets saved."""
    drawn = []
    monkeypatch.setattr(
        diffview,
        "paint_mark",
        lambda painter, rect, decision, colours, empty=False: drawn.append(decision),
    )
    session.decide(2, Decision.REJECTED)
    view.right.repaint()
    assert Decision.REJECTED in drawn
