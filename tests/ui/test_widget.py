from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolButton

from editor.engine.model import Category, Decision

TEXT = "co-op don‘t NA-TO e­mail wel-come"


@pytest.fixture
def review(show_review, make_fix):
    fixes = [
        make_fix(TEXT, 2, 3, "", confidence=0.3),
        make_fix(TEXT, 9, 10, "’", category=Category.QUOTE, confidence=0.9),
        make_fix(TEXT, 14, 15, "", confidence=0.5),
        make_fix(TEXT, 19, 20, "", confidence=0.99),
        make_fix(TEXT, 27, 28, "", confidence=0.2),
    ]
    return show_review(TEXT, fixes, (1000, 500))


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
def test_deciding_by_key_goes_to_the_next_fix_in_order(review, qtbot, key, decision):
    qtbot.keyClick(review.fix_table, key)
    assert review.session.decision(0) is decision
    assert review.current == 1  # fix 1 is decided already, but walking in order visits it


@pytest.mark.parametrize(
    ("key", "decision"), [(Qt.Key.Key_A, Decision.ACCEPTED), (Qt.Key.Key_R, Decision.REJECTED)]
)
def test_deciding_can_advance_to_the_next_undecided_fix(review, qtbot, key, decision):
    review.advance_to_undecided = True
    qtbot.keyClick(review.fix_table, key)
    assert review.session.decision(0) is decision
    assert review.current == 2


def test_deciding_the_last_fix_keeps_it_current(review, qtbot):
    review.select(4)
    qtbot.keyClick(review.fix_table, Qt.Key.Key_A)
    assert (review.current, review.session.decision(4)) == (4, Decision.ACCEPTED)


def test_n_walks_every_fix_in_order(review, qtbot):
    seen = [review.current]
    for _ in range(4):
        qtbot.keyClick(review.fix_table, Qt.Key.Key_N)
        seen.append(review.current)
    assert seen == [0, 1, 2, 3, 4]


def test_undo_brings_the_undone_fix_back(review, qtbot):
    qtbot.keyClick(review.fix_table, Qt.Key.Key_A)  # fix 0, then on to fix 1
    review.select(4)
    review.session.undo_stack.undo()
    assert review.current == 0
    assert review.session.decision(0) is Decision.PENDING


def test_search_waits_for_typing_to_pause(review, qtbot):
    qtbot.keyClicks(review.filter_bar.search, "na-")
    assert review.fix_table.fix_model.rows == [0, 1, 2, 3, 4]  # not on every key
    qtbot.waitUntil(lambda: review.fix_table.fix_model.rows == [2], timeout=5000)
    assert review.shown_label.text() == "1 of 5 fixes shown"


def test_escape_clears_the_search(review, qtbot):
    review.filter_bar.search.setText("na-")
    review.filter_bar.flush()
    qtbot.keyClick(review.filter_bar.search, Qt.Key.Key_Escape)
    assert review.filter_bar.search.text() == ""
    assert review.fix_table.fix_model.rows == [0, 1, 2, 3, 4]
    assert review.shown_label.text() == "All 5 fixes shown"


def test_an_empty_result_says_so(review):
    review.filter_bar.search.setText("no such thing")
    review.filter_bar.flush()
    assert review.fix_table.fix_model.rows == []
    assert "No fix matches" in review.fix_table.empty_note.text()
    assert not review.fix_table.empty_note.isHidden()
    review.clear_filter_button.click()
    assert review.fix_table.empty_note.isHidden()


def test_bulk_entries_say_how_many_before_acting(review):
    review.filter_bar.category.setCurrentIndex(review.filter_bar.category.findData(Category.QUOTE))
    review.bulk_menu.aboutToShow.emit()
    assert review.accept_shown_action.text() == "Accept All 1 S&hown"
    texts = [a.text() for a in review.category_actions if a.isVisible()]
    assert "Reject All 4 Hyphen Fixes" in texts


def test_pending_view_drops_rows_after_accept_all_shown(review):
    review.filter_bar.state.setCurrentIndex(review.filter_bar.state.findData(Decision.PENDING))
    review.decide_shown(Decision.ACCEPTED)
    assert review.fix_table.fix_model.rows == []


def test_detail_names_the_quote_marks(review, qtbot):
    review.select(1)
    qtbot.waitUntil(lambda: review.detail.index == 1)
    names = review.detail.names.text()
    assert "LEFT SINGLE QUOTATION MARK" in names
    assert "RIGHT SINGLE QUOTATION MARK" in names
    assert "because" in review.detail.reason.text()


def test_a_replacement_of_your_own_is_an_undoable_decision(review, qtbot):
    review.select(2)
    qtbot.waitUntil(lambda: review.detail.index == 2)
    review.detail.replacement.setText("N.A.T.O")
    qtbot.mouseClick(review.detail.use_button, Qt.MouseButton.LeftButton)
    session = review.session
    assert session.decision(2) is Decision.ACCEPTED
    assert session.is_custom(2)
    assert "N.A.T.O" in session.cleaned_text()
    assert "N.A.T.O" in review.diff.right.toPlainText()
    session.undo_stack.undo()
    assert not session.is_custom(2)
    assert session.cleaned_text() == review.diff.right.toPlainText()


def test_the_detail_follows_a_burst_of_keys_once(review, qtbot, monkeypatch):
    shown = []
    original = review.detail.show_fix
    monkeypatch.setattr(review.detail, "show_fix", lambda s, i: (shown.append(i), original(s, i)))
    for _ in range(3):
        qtbot.keyClick(review.fix_table, Qt.Key.Key_N)
    assert review.current == 3
    qtbot.waitUntil(lambda: review.detail.index == 3)
    assert shown == [3]


def test_f2_edits_the_fix_just_selected(review, qtbot):
    review.select(4)
    review.detail.focus_replacement()  # before the panel has caught up on its own
    assert review.detail.index == 4
    assert review.detail.replacement.text() == review.session.fixes[4].replacement


def test_clicking_the_ruler_goes_to_a_fix(review, qtbot):
    bottom = review.ruler.height() - 2
    qtbot.mouseClick(review.ruler, Qt.MouseButton.LeftButton, pos=QPoint(5, bottom))
    assert review.current == 4


def test_ruler_counts_follow_decisions(review):
    review.session.decide_above(0.0, Decision.REJECTED)
    review.ruler.repaint()
    counts = review.ruler._counts
    assert sum(counts[Decision.REJECTED]) == 5
    assert sum(counts[Decision.PENDING]) == 0


def test_zoom_changes_the_text_size_and_resets(review):
    normal = review.diff.left.font().pointSizeF()
    review.zoom_in()
    review.zoom_in()
    assert review.diff.left.font().pointSizeF() == normal + 2
    review.zoom_reset()
    assert review.diff.left.font().pointSizeF() == normal


def test_the_legend_explains_every_state(review):
    text = review.legend.description()
    assert all(word in text for word in ("pending", "accepted", "rejected", "wavy", "dotted"))


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
