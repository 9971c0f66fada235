from __future__ import annotations

import pytest

from editor.ui.positions import PaneOffsets

#       0123456789012345
TEXT = "😀ab-cd ef“gh"


@pytest.fixture
def fixes(make_fix):
    return [make_fix(TEXT, 3, 4, ""), make_fix(TEXT, 9, 10, "\u201d")]


def test_left_spans_count_the_emoji_as_two_units(fixes):
    offsets = PaneOffsets(TEXT, fixes, [False, False])
    assert offsets.left_span(0) == (4, 5)


@pytest.mark.parametrize(
    ("accepted", "expected"),
    [
        ([False, False], [(4, 5), (10, 11)]),
        ([True, False], [(4, 4), (9, 10)]),
        ([True, True], [(4, 4), (9, 10)]),
    ],
)
def test_right_spans_follow_accepted_fixes_before_them(fixes, accepted, expected):
    offsets = PaneOffsets(TEXT, fixes, accepted)
    assert [offsets.right_span(i) for i in range(2)] == expected


def test_toggling_back_restores_the_span(fixes):
    offsets = PaneOffsets(TEXT, fixes, [True, False])
    offsets.set_accepted(0, False)
    assert offsets.right_span(1) == (10, 11)


@pytest.mark.parametrize(("pos", "expected"), [(0, None), (4, 0), (5, None), (10, 1)])
def test_fix_at_left(fixes, pos, expected):
    assert PaneOffsets(TEXT, fixes, [False, False]).fix_at_left(pos) == expected


def test_empty_replacement_is_found_at_its_point_on_the_right(fixes):
    offsets = PaneOffsets(TEXT, fixes, [True, False])
    assert offsets.fix_at_right(4) == 0


def test_ranges_select_fixes_meeting_a_block(fixes):
    offsets = PaneOffsets(TEXT, fixes, [True, False])
    assert list(offsets.left_range(6, 12)) == [1]
    assert list(offsets.right_range(0, 4)) == [0]


def test_right_length_tracks_decisions(fixes):
    offsets = PaneOffsets(TEXT, fixes, [True, True])
    assert offsets.right_length() == len(TEXT) + 1 - 1
