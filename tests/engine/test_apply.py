import random

import pytest

from editor.engine.apply import OffsetMap, apply_fixes, resolve_overlaps
from editor.engine.model import Category, Decision, Fix


def fix(text, start, end, replacement, confidence=0.9, rule="r"):
    return Fix(start, end, text[start:end], replacement, rule, Category.HYPHEN, confidence, "why")


TEXT = "announ-ced the futu-re now"
#       0123456789012345678901234


def test_apply_all_fixes():
    fixes = [fix(TEXT, 6, 7, ""), fix(TEXT, 19, 20, "")]
    assert apply_fixes(TEXT, fixes) == "announced the future now"


@pytest.mark.parametrize(
    ("decisions", "expected"),
    [
        ([Decision.ACCEPTED, Decision.REJECTED], "announced the futu-re now"),
        ([Decision.PENDING, Decision.ACCEPTED], "announ-ced the future now"),
        ([Decision.REJECTED, Decision.PENDING], TEXT),
    ],
)
def test_apply_only_accepted_fixes(decisions, expected):
    fixes = [fix(TEXT, 6, 7, ""), fix(TEXT, 19, 20, "")]
    assert apply_fixes(TEXT, fixes, decisions) == expected


def test_apply_refuses_overlapping_fixes():
    with pytest.raises(ValueError, match="overlapping"):
        apply_fixes(TEXT, [fix(TEXT, 0, 7, "x"), fix(TEXT, 6, 8, "y")])


def test_overlaps_resolve_to_the_most_confident_fix_in_any_input_order():
    a = fix(TEXT, 0, 7, "x", confidence=0.7)
    b = fix(TEXT, 6, 8, "y", confidence=0.8)
    c = fix(TEXT, 19, 20, "", confidence=0.5)
    for order in ([a, b, c], [c, b, a], [b, c, a]):
        assert resolve_overlaps(order) == [b, c]


def test_insertions_at_the_same_point_conflict_but_adjacent_fixes_do_not():
    first = fix(TEXT, 6, 6, "“", confidence=0.9)
    second = fix(TEXT, 6, 6, "”", confidence=0.8)
    after = fix(TEXT, 6, 7, "", confidence=0.7)
    before = fix(TEXT, 5, 6, "N", confidence=0.6)
    assert resolve_overlaps([second, first, after, before]) == [before, first]


def brute_to_cleaned(text, fixes, accepted, position):
    return len(
        apply_fixes(
            text[:position],
            [f for f, on in zip(fixes, accepted, strict=True) if on and f.end <= position],
        )
    )


def test_offset_map_agrees_with_applying_the_text():
    rng = random.Random(4)
    text = "".join(rng.choice("ab -\n") for _ in range(400))
    fixes = resolve_overlaps(
        fix(text, s, s + rng.randint(0, 3), rng.choice(["", "Z", "ZZZ"]), rng.random())
        for s in sorted(rng.sample(range(390), 60))
    )
    fixes = [f for f in fixes if f.replacement != f.original]
    accepted = [rng.random() < 0.5 for _ in fixes]
    offsets = OffsetMap(fixes, accepted)
    cleaned = apply_fixes(
        text, fixes, [Decision.ACCEPTED if a else Decision.REJECTED for a in accepted]
    )
    for index, f in enumerate(fixes):
        start, end = offsets.cleaned_span(index)
        assert cleaned[start:end] == (f.replacement if accepted[index] else f.original)
    inside = {
        p for f, on in zip(fixes, accepted, strict=True) if on for p in range(f.start, f.end + 1)
    }
    for position in range(len(text) + 1):
        if position not in inside:
            mapped = offsets.to_cleaned(position)
            assert mapped == brute_to_cleaned(text, fixes, accepted, position)
            assert offsets.to_original(mapped) == position


def test_toggling_a_fix_moves_only_later_spans():
    fixes = [fix(TEXT, 6, 7, ""), fix(TEXT, 19, 20, "")]
    offsets = OffsetMap(fixes)
    assert offsets.cleaned_span(1) == (19, 20)
    offsets.set_accepted(0, True)
    assert offsets.cleaned_span(0) == (6, 6)
    assert offsets.cleaned_span(1) == (18, 19)
    offsets.set_accepted(1, True)
    assert offsets.cleaned_span(1) == (18, 18)
    assert offsets.is_accepted(1)


def test_overlaps_go_to_the_rule_of_higher_priority_then_to_the_confidence():
    quote = Fix(2, 4, "x ", " x", "quote-pairing", Category.QUOTE, 0.7, "move")
    soft = Fix(3, 4, " ", "", "soft-hyphen", Category.HYPHEN, 0.99, "drop")
    assert resolve_overlaps([soft, quote], {"quote-pairing": 2, "soft-hyphen": 1}) == [quote]
    assert resolve_overlaps([soft, quote]) == [soft]


def test_a_fix_that_will_be_applied_beats_a_higher_priority_one_that_waits():
    quote = Fix(2, 4, "x ", " x", "quote-pairing", Category.QUOTE, 0.4, "move")
    soft = Fix(3, 4, " ", "", "soft-hyphen", Category.HYPHEN, 0.99, "drop")
    ranks = {"quote-pairing": 2, "soft-hyphen": 1}
    assert resolve_overlaps([quote, soft], ranks, min_confidence=0.6) == [soft]
    assert resolve_overlaps([quote, soft], ranks, min_confidence=0.3) == [quote]
