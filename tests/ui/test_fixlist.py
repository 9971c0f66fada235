from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from editor.engine.model import Category, Decision
from editor.ui.review.fixlist import Column, FixTable, visible
from editor.ui.session import ReviewSession

TEXT = "co-op don‘t NA-TO e­mail"


@pytest.fixture
def table(qtbot, make_fix):
    fixes = [
        make_fix(TEXT, 2, 3, "", confidence=0.3),
        make_fix(TEXT, 9, 10, "’", category=Category.QUOTE, confidence=0.9),
        make_fix(TEXT, 14, 15, "", confidence=0.5),
        make_fix(TEXT, 19, 20, "", confidence=0.99),
    ]
    widget = FixTable()
    qtbot.addWidget(widget)
    widget.set_session(ReviewSession(TEXT, fixes))
    return widget


def shown(table):
    return list(table.fix_model.rows)


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({}, [0, 1, 2, 3]),
        ({"category": Category.QUOTE}, [1]),
        ({"state": Decision.PENDING}, [0, 2]),
        ({"min_confidence": 0.5}, [1, 2, 3]),
        ({"text": "na-to"}, [2]),
        ({"category": Category.HYPHEN, "state": Decision.ACCEPTED}, [3]),
    ],
)
def test_filters(table, criteria, expected):
    table.fix_model.set_filter(**criteria)
    assert shown(table) == expected


@pytest.mark.parametrize(
    ("column", "order", "expected"),
    [
        (Column.CONFIDENCE, Qt.SortOrder.AscendingOrder, [0, 2, 1, 3]),
        (Column.CONFIDENCE, Qt.SortOrder.DescendingOrder, [3, 1, 2, 0]),
        (Column.CATEGORY, Qt.SortOrder.AscendingOrder, [0, 2, 3, 1]),
        (-1, Qt.SortOrder.AscendingOrder, [0, 1, 2, 3]),
    ],
)
def test_sorting(table, column, order, expected):
    table.sortByColumn(column, order)
    assert shown(table) == expected


def test_opens_in_text_order(table):
    assert table.fix_model.sort_column == -1


def test_cells_show_the_fix(table):
    model = table.fix_model
    row = [model.index(2, c).data() for c in Column]
    assert row[: Column.REASON] == ["1:15", "Hyphen", "NA-TO → NATO", "50%", "● Pending"]


def test_state_cell_follows_decisions(table, qtbot):
    session = table.fix_model.session
    with qtbot.waitSignal(table.fix_model.dataChanged):
        session.decide(0, Decision.REJECTED)
    assert table.fix_model.index(0, Column.STATE).data() == "✗ Rejected"


def test_selected_fixes_are_session_indices(table):
    table.sortByColumn(Column.CONFIDENCE, Qt.SortOrder.DescendingOrder)
    table.selectRow(0)
    assert table.selected_fixes() == [3]


def test_select_fix_moves_the_current_row(table, qtbot):
    with qtbot.waitSignal(table.current_fix_changed) as blocker:
        table.select_fix(2)
    assert blocker.args == [2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\nb", "a⏎b"),
        ("e\u00adm", "e·m"),
        ("", "∅"),
        ("x" * 50, "x" * 39 + "…"),
        (" ", "␣"),  # a change of spaces must not look like a no-op
        ("\u00a0", "⍽"),
        (" " * 50 + "12\n", "50×␣12⏎"),  # a right-aligned page number
        ("a   b", "a   b"),  # three spaces stay as they are
    ],
)
def test_visible(text, expected):
    assert visible(text) == expected


def test_line_column_tells_fixes_of_one_paragraph_apart(table):
    model = table.fix_model
    places = [model.index(r, Column.LINE).data() for r in range(4)]
    assert len(set(places)) == 4


def test_typing_more_narrows_the_shown_rows(table):
    model = table.fix_model
    model.set_filter(text="n")
    wider = list(model.rows)
    model.set_filter(text="na-")
    assert set(model.rows) <= set(wider)
    assert model.rows == [2]


def test_search_matches_the_reason(table):
    table.fix_model.set_filter(text="BECAUSE")
    assert table.fix_model.rows == [0, 1, 2, 3]


def test_a_state_view_drops_rows_after_a_bulk_decision(table):
    model = table.fix_model
    model.set_filter(state=Decision.PENDING)
    model.session.decide_many(list(model.rows), Decision.ACCEPTED, "accept shown")
    model.refilter_states()
    assert model.rows == []


@pytest.mark.parametrize("category", list(Category))
def test_every_category_can_be_filtered(table, category):
    table.fix_model.set_filter(category=category)
    assert all(table.fix_model.session.fixes[i].category is category for i in table.fix_model.rows)
