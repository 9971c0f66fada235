from __future__ import annotations

import pytest

from editor.engine.model import Category, Decision
from editor.engine.textfile import Layout
from editor.ui.session import ReviewSession

#       0         1         2
#       0123456789012345678901234
TEXT = "NA-TO is\nannoun-\nced ‘x”"


@pytest.fixture
def session(qtbot, make_fix):
    fixes = [
        make_fix(TEXT, 2, 3, "", confidence=0.9),
        make_fix(TEXT, 15, 17, "\n", confidence=0.5),
        make_fix(TEXT, 21, 22, "\u201c", category=Category.QUOTE, confidence=0.4),
    ]
    return ReviewSession(TEXT, fixes)


def test_confident_fixes_start_accepted_the_rest_pending(session):
    assert session.decisions == (Decision.ACCEPTED, Decision.PENDING, Decision.PENDING)


def test_decide_changes_cleaned_text_and_undo_restores_it(session):
    session.decide(2, Decision.ACCEPTED)
    assert session.cleaned_text() == "NATO is\nannoun-\nced “x”"
    session.undo_stack.undo()
    assert session.cleaned_text() == "NATO is\nannoun-\nced ‘x”"


def test_decision_signal_carries_changed_indices(session, qtbot):
    with qtbot.waitSignal(session.decisions_changed) as blocker:
        session.decide_category(Category.HYPHEN, Decision.REJECTED)
    assert blocker.args == [[0, 1]]


def test_bulk_action_is_one_undo_step(session):
    session.decide_above(0.0, Decision.REJECTED)
    session.undo_stack.undo()
    assert session.decisions == (Decision.ACCEPTED, Decision.PENDING, Decision.PENDING)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Decision.PENDING, Decision.ACCEPTED),
        (Decision.ACCEPTED, Decision.REJECTED),
        (Decision.REJECTED, Decision.ACCEPTED),
    ],
)
def test_toggle(session, before, after):
    session.restore({(15, 17, "\n"): before.value})
    session.toggle(1)
    assert session.decision(1) is after


def test_unchanged_decision_pushes_nothing(session):
    session.decide(0, Decision.ACCEPTED)
    assert session.undo_stack.count() == 0


@pytest.mark.parametrize(
    ("current", "forward", "undecided", "expected"),
    [
        (None, True, False, 0),
        (0, True, False, 1),
        (2, True, False, None),
        (0, False, False, None),
        (2, True, True, 1),
        (0, True, True, 1),
        (None, False, True, 2),
    ],
)
def test_next_index(session, current, forward, undecided, expected):
    assert session.next_index(current, forward=forward, undecided_only=undecided) == expected


def test_line_numbers(session):
    assert [session.line_of(i) for i in range(3)] == [1, 2, 3]


@pytest.mark.parametrize(("index", "word"), [(0, "NA-TO"), (1, "announ-ced"), (2, None)])
def test_hyphenated_word(session, index, word):
    assert session.hyphenated_word(index) == word


def test_context_shows_the_whole_word(session):
    assert session.context(0) == ("NA-TO", "NATO")


def test_save_keeps_layout_and_marks_clean(session, tmp_path):
    session.layout = Layout("utf-8", b"\xef\xbb\xbf", "\r\n")
    session.decide(2, Decision.ACCEPTED)
    out = tmp_path / "out.txt"
    session.save(out)
    assert out.read_bytes() == "\ufeffNATO is\r\nannoun-\r\nced “x”".encode()
    assert not session.is_modified


def test_decision_map_round_trips_through_restore(session, qtbot):
    session.decide(1, Decision.REJECTED)
    stored = session.decision_map()
    fresh = ReviewSession(TEXT, session.fixes)
    assert fresh.restore(stored) == 1
    assert fresh.decisions == session.decisions


def test_state_counts_follow_decisions(session):
    session.decide(1, Decision.REJECTED)
    counts = session.state_counts()
    assert (counts[Decision.ACCEPTED], counts[Decision.PENDING], counts[Decision.REJECTED]) == (
        1,
        1,
        1,
    )
