from editor.engine.model import Category, Fix
from editor.engine.rules.layout_merge import merge_pieces, paragraph_groups

RULE = "unwrap-lines"
TEXT = "one line\ntwo line\nthree “\nfour”\nfive\n"


def join(text, at, reason="paragraph", confidence=0.95):
    return Fix(at, at + 1, text[at], " ", RULE, Category.LAYOUT, confidence, reason)


def breaks(text):
    return [i for i, char in enumerate(text) if char == "\n"][:-1]


def test_the_joins_of_a_paragraph_become_one_fix_with_the_least_confidence():
    first, second, _, fourth = breaks(TEXT)
    pieces = [join(TEXT, first), join(TEXT, second, confidence=0.9), join(TEXT, fourth, "other")]
    merged = merge_pieces(pieces, TEXT, RULE, 0.9)
    assert [(f.start, f.end, f.replacement, f.confidence) for f in merged] == [
        (first, second + 1, " two line ", 0.9),
        (fourth, fourth + 1, " ", 0.95),
    ]
    assert merged[0].original == TEXT[first : second + 1]


def test_another_fix_between_two_joins_splits_the_paragraph():
    first, second, _, _ = breaks(TEXT)
    word = Fix(first + 1, first + 4, "two", "TWO", "other", Category.HYPHEN, 0.8, "")
    merged = merge_pieces([join(TEXT, first), word, join(TEXT, second)], TEXT, RULE, 0.9)
    assert [f.rule for f in merged] == [RULE, "other", RULE]
    assert paragraph_groups(merged, RULE) == [0, 1, 0]


def test_a_join_inside_another_fix_is_dropped_or_made_by_it():
    first, _, third, _ = breaks(TEXT)
    across = Fix(
        first - 4, first + 4, TEXT[first - 4 : first + 4], "lineXtwo", "x", Category.HYPHEN, 0.6, ""
    )
    assert merge_pieces([join(TEXT, first), across], TEXT, RULE, 0.9) == [across]
    start = TEXT.index("“")
    quote = Fix(start, third + 2, "“\nf", "\n“f", "quotes", Category.QUOTE, 0.9, "Moved.")
    (made,) = merge_pieces([join(TEXT, third), quote], TEXT, RULE, 0.9)
    assert made.rule == "quotes"
    assert made.replacement == "“f"  # the line break goes with the quote's repair
    unsure = merge_pieces([join(TEXT, third, confidence=0.45), quote], TEXT, RULE, 0.9)
    assert unsure == [quote]  # a join waiting for the user leaves the quote alone


def test_without_joins_the_fixes_stay_as_they_came():
    other = Fix(0, 3, "one", "One", "x", Category.HYPHEN, 0.5, "")
    assert merge_pieces([other], TEXT, RULE, 0.9) == [other]
    assert paragraph_groups([other, other], RULE) == [0, 1]
