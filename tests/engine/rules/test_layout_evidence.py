import pytest

from editor.engine.rules.layout_blocks import split_lines, text_width
from editor.engine.rules.layout_evidence import Break, judge_break

FULL = "the typesetter filled this line right up to the margin and"


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        (FULL, "then went on with the sentence", Break.SOFT),
        ("A short line.", "The next paragraph starts here", Break.END),
        ("Short but open", "Next thing starts with a capital", Break.END),
        (FULL[:-4] + " these:", "- an item of a list follows", Break.END),
        (FULL, "2) a number that goes on the sentence", Break.SOFT),
        (FULL, "    an indented first line", Break.END),
        ("a few words", "then more words", Break.SOFT),
        (FULL[:-4] + " ends.", "Then a capital follows on", Break.UNSURE),
    ],
)
def test_breaks_are_judged_by_the_room_left_and_the_next_line(first, second, kind):
    text = f"{first}\n{second}"
    line, following = split_lines(text)
    measure = text_width(FULL)
    assert judge_break(text, line, following, measure, 0).kind is kind


@pytest.mark.parametrize(
    ("second", "kind"),
    [
        ("Then the", Break.SOFT),  # the tail of the printed line the first line starts
        ("He agreed.", Break.END),  # a paragraph of one short line, as in dialogue
    ],
)
def test_a_printed_line_split_in_two_is_told_from_a_short_paragraph(second, kind):
    text = f"the report was read.\n{second}\n{FULL}"
    line, following, beyond = split_lines(text)
    measure = text_width(FULL)
    assert judge_break(text, line, following, measure, 0, beyond).kind is kind
