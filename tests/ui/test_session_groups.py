"""The pieces of one unwrapped paragraph are reviewed as one fix."""

from __future__ import annotations

import pytest

from editor.engine.model import Category, Decision
from editor.engine.scan import scan
from editor.ui.session import ReviewSession

from .wrapped_texts import PARAGRAPH

TEXT = PARAGRAPH + "\n" + PARAGRAPH.replace("eleven", "twelve")


@pytest.fixture
def session(qtbot):
    return ReviewSession(TEXT, scan(TEXT))


def _layout_pieces(session):
    return [i for i, f in enumerate(session.fixes) if f.category is Category.LAYOUT]


def test_a_paragraph_split_by_hyphen_fixes_is_one_review_item(session):
    pieces = session.pieces(0)
    assert len(pieces) > 1
    assert all(session.fixes[i].rule == "unwrap-lines" for i in pieces)
    hyphens = [i for i, f in enumerate(session.fixes) if f.category is Category.HYPHEN]
    assert hyphens
    assert all(session.pieces(i) == [i] for i in hyphens)
    heads = session.head_indices()
    assert heads is not None
    assert pieces[0] in heads
    assert pieces[1] not in heads
    # the counts count the paragraph once
    assert session.category_counts()[Category.LAYOUT] == 2
    assert sum(session.state_counts().values()) == len(heads)


def test_rejecting_the_paragraph_rejects_every_piece_and_undo_restores(session):
    before = session.decisions
    session.decide(0, Decision.REJECTED)
    assert all(session.decision(i) is Decision.REJECTED for i in session.pieces(0))
    first = session.cleaned_text().split("\n\n")[0] + "\n"
    # every line break of the paragraph stays but the hyphen joins'
    expected = PARAGRAPH.replace("com-\npany", "company").replace("fail-\nure", "failure")
    assert first == expected
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.decisions == before


def test_a_hyphen_fix_inside_is_decided_alone(session):
    hyphen = next(i for i, f in enumerate(session.fixes) if f.category is Category.HYPHEN)
    session.decide(hyphen, Decision.REJECTED)
    assert "com-\npany" in session.cleaned_text()
    assert all(session.decision(i) is Decision.ACCEPTED for i in session.pieces(0))


def test_navigation_steps_over_the_paragraph_as_one(session):
    order = []
    index = session.next_index(None)
    while index is not None:
        order.append(index)
        index = session.next_index(index)
    assert order == session.head_indices()
    back = session.next_index(order[-1], forward=False)
    assert back == order[-2]


def test_bulk_by_category_and_toggle_move_whole_paragraphs(session):
    session.decide_category(Category.LAYOUT, Decision.REJECTED)
    layout = _layout_pieces(session)
    assert all(session.decision(i) is Decision.REJECTED for i in layout)
    session.toggle(session.pieces(0)[-1])
    assert all(session.decision(i) is Decision.ACCEPTED for i in session.pieces(0))


def test_disagreeing_restored_pieces_take_the_first_pieces_decision(session):
    pieces = session.pieces(0)
    stored = {session.key_of(pieces[0]): "rejected", session.key_of(pieces[1]): "accepted"}
    session.restore(stored)
    assert all(session.decision(i) is Decision.REJECTED for i in pieces)
    given = list(session.decisions)
    given[pieces[0]], given[pieces[-1]] = Decision.ACCEPTED, Decision.REJECTED
    again = ReviewSession(TEXT, session.fixes, given)
    assert all(again.decision(i) is Decision.ACCEPTED for i in pieces)
    assert again.decision_map()[again.key_of(pieces[-1])] == "accepted"


def test_the_list_shows_one_row_per_paragraph(qtbot, show_review):
    widget = show_review(TEXT, scan(TEXT), (900, 600))
    session = widget.session
    model = widget.fix_table.model()
    assert model.rowCount() == len(session.head_indices())
    piece = session.pieces(0)[1]
    assert model.row_of(piece) == model.row_of(0)
    before, after = session.context(0)
    assert before.count("\n") > 3
    assert "pany. He notes" in after


def test_the_counts_and_positions_count_the_paragraph_once(qtbot, show_review):
    widget = show_review(TEXT, scan(TEXT), (900, 600))
    session = widget.session
    items = len(session.head_indices())
    assert session.item_count() == items < len(session)
    assert f"{items} fixes" in widget.profile_label.text()
    hyphen = next(i for i, f in enumerate(session.fixes) if f.category is Category.HYPHEN)
    assert session.item_number(hyphen) == 2
    assert session.item_number(session.pieces(0)[-1]) == 1


def test_the_widget_rejects_and_navigates_the_paragraph_as_one(qtbot, show_review):
    widget = show_review(TEXT, scan(TEXT), (900, 600))
    session = widget.session
    pieces = session.pieces(0)
    widget.select(0)
    widget.reject_action.trigger()
    assert all(session.decision(i) is Decision.REJECTED for i in pieces)
    assert widget.diff.right.toPlainText().startswith(PARAGRAPH.split("com-")[0])
    widget.select(0)
    widget.go_next()
    assert session.fixes[widget.current].category is Category.HYPHEN
    widget.go_next()
    widget.go_next()
    assert widget.current == session.head_indices()[3]


def test_searching_a_later_pieces_words_finds_the_paragraph(qtbot, show_review, make_fix):
    #       0         1         2         3
    #       0123456789012345678901234567890123456
    text = "alpha\nbravo co-\noperate delta\nzulu x\n"
    fixes = [
        make_fix(text, 5, 6, " ", category=Category.LAYOUT, rule="unwrap-lines"),
        make_fix(text, 14, 17, "", rule="hyphen"),
        make_fix(text, 29, 30, " ", category=Category.LAYOUT, rule="unwrap-lines"),
    ]
    widget = show_review(text, fixes, (900, 600))
    session = widget.session
    assert session.pieces(0) == [0, 2]
    model = widget.fix_table.model()
    model.set_filter(text="zul")
    assert model.rows == [0]
    model.set_filter(text="zulu")
    assert model.rows == [0]
    model.set_filter(text="alpha")
    assert model.rows == [0]


def test_a_paragraph_in_pieces_offers_no_replacement_of_ones_own(qtbot, show_review):
    widget = show_review(TEXT, scan(TEXT), (900, 600))
    widget.select(1)
    widget.select(0)
    qtbot.waitUntil(lambda: widget.detail.index == 0 and widget.detail.heading.text() != "")
    assert not widget.detail.replacement.isEnabled()
    assert not widget.detail.use_button.isEnabled()
    assert widget.detail.replacement.text() == ""
    hyphen = next(i for i, f in enumerate(widget.session.fixes) if f.category is Category.HYPHEN)
    widget.select(hyphen)
    # the panel follows a new selection a moment later
    qtbot.waitUntil(widget.detail.replacement.isEnabled)
    assert widget.detail.replacement.text() == "company"
