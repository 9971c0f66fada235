"""Fixes that remove or add line breaks: the line and hunk map, and where each break came from."""

import random

from editor.engine.apply import OffsetMap, apply_fixes, break_origins, resolve_overlaps
from editor.engine.model import Category, Decision, Fix


def fix(text, start, end, replacement, confidence=0.9):
    return Fix(start, end, text[start:end], replacement, "r", Category.LAYOUT, confidence, "why")


TEXT = "one\ntwo\nthree\nfour\nfive"


def test_joining_lines_maps_every_line_and_makes_one_hunk():
    # join "one two" and "three four"
    fixes = [fix(TEXT, 3, 4, " "), fix(TEXT, 13, 14, " ")]
    offsets = OffsetMap.for_text(TEXT, fixes, [True, True])
    assert apply_fixes(TEXT, fixes) == "one two\nthree four\nfive"
    assert [offsets.to_cleaned_line(line) for line in range(5)] == [0, 0, 1, 1, 2]
    assert [offsets.to_original_line(line) for line in range(3)] == [0, 2, 4]
    assert offsets.cleaned_line_count() == 3
    assert [
        (h.original_first, h.original_last, h.cleaned_first, h.cleaned_last)
        for h in offsets.hunks()
    ] == [
        (0, 1, 0, 0),
        (2, 3, 1, 1),
    ]


def test_rejecting_a_join_gives_its_lines_back():
    fixes = [fix(TEXT, 3, 4, " "), fix(TEXT, 13, 14, " ")]
    offsets = OffsetMap.for_text(TEXT, fixes, [True, True])
    offsets.set_accepted(0, False)
    assert [offsets.to_cleaned_line(line) for line in range(5)] == [0, 1, 2, 2, 3]
    assert [h.fixes for h in offsets.hunks()] == [(1,)]


def test_touching_joins_merge_into_one_hunk():
    fixes = [fix(TEXT, 3, 4, " "), fix(TEXT, 7, 8, " ")]
    offsets = OffsetMap.for_text(TEXT, fixes, [True, True])
    (hunk,) = offsets.hunks()
    assert (hunk.original_first, hunk.original_last, hunk.cleaned_first, hunk.cleaned_last) == (
        0,
        2,
        0,
        0,
    )
    assert hunk.fixes == (0, 1)


def test_utf16_map_counts_astral_characters_twice():
    text = "😀 a-\nb c"
    fixes = [fix(text, 3, 5, "")]
    offsets = OffsetMap.for_text(text, fixes, [True], utf16=True)
    assert offsets.original_span(0) == (4, 6)
    assert offsets.cleaned_length() == 7
    assert offsets.to_cleaned(7) == 5
    assert offsets.fix_at_original(4) == 0
    assert offsets.fix_at_cleaned(4) == 0
    assert offsets.original_line(7) == 1


def test_line_map_agrees_with_the_applied_text():
    rng = random.Random(7)
    text = "".join(rng.choice("ab \n") for _ in range(500))
    fixes = resolve_overlaps(
        fix(text, s, s + rng.randint(0, 3), rng.choice(["", " ", "\n", "x\ny"]), rng.random())
        for s in sorted(rng.sample(range(490), 70))
    )
    fixes = [f for f in fixes if f.replacement != f.original]
    accepted = [rng.random() < 0.6 for _ in fixes]
    decisions = [Decision.ACCEPTED if a else Decision.REJECTED for a in accepted]
    cleaned = apply_fixes(text, fixes, decisions)
    offsets = OffsetMap.for_text(text, fixes, accepted)
    assert offsets.cleaned_line_count() == cleaned.count("\n") + 1
    covered = {
        p for f, on in zip(fixes, accepted, strict=True) if on for p in range(f.start + 1, f.end)
    }
    line_starts = [0] + [p + 1 for p, char in enumerate(text) if char == "\n"]
    for line, position in enumerate(line_starts):
        if position in covered:
            continue
        assert offsets.original_line(position) == line
        cleaned_line = cleaned.count("\n", 0, offsets.to_cleaned(position))
        assert offsets.to_cleaned_line(line) == cleaned_line
        back = offsets.to_original_line(cleaned_line)
        assert back <= line
        assert offsets.to_cleaned_line(back) <= cleaned_line
    for hunk in offsets.hunks():
        for index in hunk.fixes:
            assert accepted[index]


def test_break_origins_name_the_kept_breaks_and_mark_added_ones():
    fixes = [fix(TEXT, 3, 4, " "), fix(TEXT, 13, 14, "\n\n")]
    assert break_origins(TEXT, fixes) == [1, 2, None, 3]
    assert break_origins(TEXT, fixes, [Decision.REJECTED, Decision.ACCEPTED]) == [0, 1, 2, None, 3]
