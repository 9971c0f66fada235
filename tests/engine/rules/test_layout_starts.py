"""Paragraph starts that print narrower than inner lines: an indent the extractor dropped."""

import itertools

from editor.engine import apply_fixes, initial_decisions, scan
from editor.engine.rules.layout_blocks import find_blocks, split_lines
from editor.engine.rules.layout_evidence import judge_break
from editor.engine.rules.layout_starts import start_widths

from .layout_texts import FULL_SENTENCE_END, PARAGRAPHS, wrap


def wrap_narrow_first(paragraph, width=66, first=58):
    """Greedy line breaking with a first line narrower by an indent that is not written."""
    return wrap(paragraph, width, first)


# A sentence that ends on a full line inside a paragraph, and a line as wide as an inner
# line after it.
RUNS_ON = [
    "The members walked out into the rain when the meeting was",
    "over, and not one of them spoke a single word about it on the way.",
    "Nobody wanted to talk about the report or the money any more, since",
    "they were all far too tired and too cold to argue about anything.",
    "So they went home.",
]


def text_with_lost_indents():
    paragraphs = [*FULL_SENTENCE_END, *PARAGRAPHS]
    lines = [line for p in paragraphs[:4] for line in wrap_narrow_first(p)]
    lines += RUNS_ON
    lines += [line for p in paragraphs[4:] for line in wrap_narrow_first(p)]
    return "\n".join(lines) + "\n"


def test_narrower_paragraph_starts_are_measured():
    text = text_with_lost_indents()
    lines = split_lines(text)
    (block,) = [b for b in find_blocks(text, lines).blocks if b.wrapped]
    members = lines[block.first : block.last + 1]
    judgements = [
        judge_break(text, line, following, block.measure, 0)
        for line, following in itertools.pairwise(members)
    ]
    widths = start_widths([(members, judgements, block.measure)])
    assert widths.marks_paragraphs
    assert widths.start_share < widths.inner_share


def test_a_full_line_ending_a_sentence_before_an_inner_width_line_is_joined():
    text = text_with_lost_indents()
    fixes = scan(text)
    cleaned = apply_fixes(text, fixes, initial_decisions(fixes))
    assert "on the way. Nobody wanted to talk" in cleaned
    joined = next(f for f in fixes if "as wide as a line inside a paragraph" in f.reason)
    assert 0.6 <= joined.confidence < 0.95
    # the paragraph end before a narrower start still waits for the user
    assert "had been spent.\nNobody argued" in cleaned


def test_without_narrower_starts_the_full_line_waits_for_the_user():
    paragraphs = [*FULL_SENTENCE_END, *PARAGRAPHS]
    lines = [line for p in paragraphs[:4] for line in wrap_narrow_first(p, first=66)]
    text = "\n".join([*lines, *RUNS_ON]) + "\n"
    fixes = scan(text)
    cleaned = apply_fixes(text, fixes, initial_decisions(fixes))
    assert "on the way.\nNobody wanted" in cleaned
    assert not [f for f in fixes if "as wide as a line inside a paragraph" in f.reason]
