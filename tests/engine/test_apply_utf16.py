"""OffsetMap in UTF-16 units (what the review app's Qt panes count), and replacements of one's own."""

from __future__ import annotations

import pytest

from editor.engine.apply import OffsetMap, apply_fixes
from editor.engine.model import Category, Decision, Fix
from editor.engine.textpos import utf16_length

#       0123456789012345
TEXT = "😀ab-cd ef“gh"


def fix(text: str, start: int, end: int, replacement: str) -> Fix:
    return Fix(start, end, text[start:end], replacement, "r", Category.HYPHEN, 0.9, "why")


@pytest.fixture
def fixes() -> list[Fix]:
    return [fix(TEXT, 3, 4, ""), fix(TEXT, 9, 10, "\u201d")]


def utf16_map(fixes: list[Fix], accepted: list[bool]) -> OffsetMap:
    return OffsetMap.for_text(TEXT, fixes, accepted, utf16=True)


def test_original_spans_count_the_emoji_as_two_units(fixes):
    assert utf16_map(fixes, [False, False]).original_span(0) == (4, 5)
    assert utf16_map(fixes, [False, False]).original_length() == len(TEXT) + 1


@pytest.mark.parametrize(
    ("accepted", "expected"),
    [
        ([False, False], [(4, 5), (10, 11)]),
        ([True, False], [(4, 4), (9, 10)]),
        ([True, True], [(4, 4), (9, 10)]),
    ],
)
def test_cleaned_spans_follow_accepted_fixes_before_them(fixes, accepted, expected):
    offsets = utf16_map(fixes, accepted)
    assert [offsets.cleaned_span(i) for i in range(2)] == expected


def test_toggling_back_restores_the_span(fixes):
    offsets = utf16_map(fixes, [True, False])
    offsets.set_accepted(0, False)
    assert offsets.cleaned_span(1) == (10, 11)


@pytest.mark.parametrize(("pos", "expected"), [(0, None), (4, 0), (5, None), (10, 1)])
def test_fix_at_original(fixes, pos, expected):
    assert utf16_map(fixes, [False, False]).fix_at_original(pos) == expected


def test_an_empty_replacement_is_found_at_its_point_in_the_cleaned_text(fixes):
    assert utf16_map(fixes, [True, False]).fix_at_cleaned(4) == 0


def test_ranges_select_fixes_meeting_a_block(fixes):
    offsets = utf16_map(fixes, [True, False])
    assert list(offsets.original_range(6, 12)) == [1]
    assert list(offsets.cleaned_range(0, 4)) == [0]


def test_cleaned_length_tracks_decisions(fixes):
    offsets = utf16_map(fixes, [True, True])
    cleaned = apply_fixes(TEXT, fixes, [Decision.ACCEPTED, Decision.ACCEPTED])
    assert offsets.cleaned_length() == utf16_length(cleaned)


def test_positions_map_both_ways_around_the_emoji(fixes):
    offsets = utf16_map(fixes, [True, False])
    # "ef" starts at code point 7, UTF-16 unit 8 in the original and 7 once "-" is gone
    assert offsets.to_cleaned(8) == 7
    assert offsets.to_original(7) == 8


@pytest.mark.parametrize("utf16", [False, True])
def test_a_replacement_of_ones_own_moves_what_follows(fixes, utf16):
    offsets = OffsetMap.for_text(TEXT, fixes, [True, True], utf16=utf16)
    start = offsets.cleaned_span(0)[0]
    before = offsets.cleaned_span(1)
    offsets.set_replacement(0, "😀😀")  # two emoji: 4 UTF-16 units, 2 code points
    grown = 4 if utf16 else 2
    assert offsets.cleaned_span(0) == (start, start + grown)
    assert offsets.cleaned_span(1) == (before[0] + grown, before[1] + grown)
    offsets.set_accepted(0, False)  # rejected, it shows the original hyphen again
    assert offsets.cleaned_span(1) == (before[0] + 1, before[1] + 1)


def test_a_replacement_with_a_line_break_counts_its_line(fixes):
    offsets = OffsetMap.for_text(TEXT, fixes, [True, False], utf16=True)
    assert offsets.cleaned_line_count() == 1
    offsets.set_replacement(0, "\n")
    assert offsets.cleaned_line_count() == 2
    assert [h.fixes for h in offsets.hunks()] == [(0,)]
