from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from editor.engine.model import Category, Decision
from editor.ui.review.widget import ReviewWidget
from editor.ui.session import ReviewSession

TEXT = "co-op don‘t NA-TO e­mail wel-come"


@pytest.fixture
def review(qtbot, make_fix):
    fixes = [
        make_fix(TEXT, 2, 3, "", confidence=0.3),
        make_fix(TEXT, 9, 10, "’", category=Category.QUOTE, confidence=0.9),
        make_fix(TEXT, 14, 15, "", confidence=0.5),
        make_fix(TEXT, 19, 20, "", confidence=0.99),
        make_fix(TEXT, 27, 28, "", confidence=0.2),
    ]
    widget = ReviewWidget()
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.ready):
        widget.set_session(ReviewSession(TEXT, fixes))
    widget.fix_table.setFocus()
    return widget


def test_review_starts_on_the_first_pending_fix(review):
    assert review.current == 0


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ([Qt.Key.Key_N], 1),
        ([Qt.Key.Key_J, Qt.Key.Key_J], 2),
        ([Qt.Key.Key_N, Qt.Key.Key_N, Qt.Key.Key_P], 1),
        ([Qt.Key.Key_N, Qt.Key.Key_K], 0),
        ([Qt.Key.Key_P], 0),
        ([Qt.Key.Key_U], 2),
    ],
)
def test_keyboard_navigation(review, qtbot, keys, expected):
    for key in keys:
        qtbot.keyClick(review.fix_table, key)
    assert review.current == expected


@pytest.mark.parametrize(
    ("key", "decision"), [(Qt.Key.Key_A, Decision.ACCEPTED), (Qt.Key.Key_R, Decision.REJECTED)]
)
def test_deciding_by_key_advances_to_the_next_pending_fix(review, qtbot, key, decision):
    qtbot.keyClick(review.fix_table, key)
    assert review.session.decision(0) is decision
    assert review.current == 2


def test_space_toggles_without_moving(review, qtbot):
    review.select(3)
    qtbot.keyClick(review.fix_table, Qt.Key.Key_Space)
    assert review.session.decision(3) is Decision.REJECTED
    assert review.current == 3


def test_typing_in_the_search_field_does_not_trigger_review_keys(review, qtbot):
    review.filter_bar.search.setFocus()
    qtbot.keyClicks(review.filter_bar.search, "nar ")
    assert review.filter_bar.search.text() == "nar "
    assert review.session.decision(0) is Decision.PENDING
    assert review.current == 0


def test_accept_button_click(review, qtbot):
    review.select(4)
    button = next(
        b for b in review.findChildren(QToolButton) if b.defaultAction() is review.accept_action
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert review.session.decision(4) is Decision.ACCEPTED


def test_bulk_category_is_one_undo_step(review):
    review.decide_category(Category.HYPHEN, Decision.REJECTED)
    assert [d is Decision.REJECTED for d in review.session.decisions] == [
        True,
        False,
        True,
        True,
        True,
    ]
    review.session.undo_stack.undo()
    assert review.session.decision(3) is Decision.ACCEPTED
    assert review.session.undo_stack.count() == 1


def test_bulk_selection(review):
    review.fix_table.selectRow(1)
    review.fix_table.selectionModel().select(
        review.fix_table.fix_model.index(4, 0),
        review.fix_table.selectionModel().SelectionFlag.Select
        | review.fix_table.selectionModel().SelectionFlag.Rows,
    )
    assert review.decide_selected(Decision.REJECTED) == 2
    assert review.session.decision(4) is Decision.REJECTED


def test_bulk_shown_respects_the_filter(review):
    review.filter_bar.state.setCurrentIndex(review.filter_bar.state.findData(Decision.PENDING))
    review.decide_shown(Decision.ACCEPTED)
    assert all(d is Decision.ACCEPTED for d in review.session.decisions)


def test_filter_by_category_from_the_bar(review):
    review.filter_bar.category.setCurrentIndex(review.filter_bar.category.findData(Category.QUOTE))
    assert review.fix_table.fix_model.rows == [1]


def test_navigation_follows_the_filtered_list(review, qtbot):
    review.filter_bar.confidence.setValue(50)
    review.select(1)
    qtbot.keyClick(review.fix_table, Qt.Key.Key_N)
    assert review.current == 2


def test_counts_follow_decisions(review):
    review.session.decide(0, Decision.REJECTED)
    assert "2 pending · 2 accepted · 1 rejected" in review.counts_label.text()


def test_profile_counts_categories(review):
    assert "4&nbsp;hyphen" in review.profile_label.text()


def test_keep_word_asks_for_the_dictionary(review, qtbot):
    review.select(2)
    with qtbot.waitSignal(review.dictionary_requested) as blocker:
        review.keep_word_action.trigger()
    assert blocker.args == ["NA-TO", True]


def test_dictionary_actions_need_a_hyphen_fix(review):
    review.select(1)
    assert not review.join_word_action.isEnabled()


def test_every_action_has_a_tooltip(review):
    assert all(a.toolTip() for a in review.actions())
