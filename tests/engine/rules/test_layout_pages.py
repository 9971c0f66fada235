"""Paragraphs that run on across a page break, as ``pdftotext -layout`` writes the pages."""

import pytest

from editor.engine import Decision, apply_fixes, initial_decisions, scan
from editor.engine.rules.layout import paragraph_groups
from editor.engine.textfile import cleaned_layout, decode, encode

from .layout_texts import FULL_SENTENCE_END, PARAGRAPHS, wrap

HEAD = "THE ANNUAL REPORT"


def book(pages, head=HEAD, numbers=True, margins=False):
    """Pages of body lines with a running head and a right-aligned page number.

    ``margins``: blank lines open and close each page even without furniture.
    """
    out = []
    for number, body in enumerate(pages, start=1):
        lines = [head, ""] if head else [""] if margins else []
        lines += body
        if numbers:
            lines += ["", " " * 50 + str(number)]
        elif margins:
            lines += [""]
        out.append("\n".join(lines) + "\n")
    return "\f".join(out)


def blank_separated(*paragraphs):
    lines = []
    for paragraph in paragraphs:
        lines += [*paragraph, ""]
    return lines[:-1]


FIRST, SECOND, THIRD = (wrap(p) for p in PARAGRAPHS)
# the second paragraph breaks after its second line; its third starts in lower case
LOWER_CASE_PAGES = [
    blank_separated(FIRST, SECOND[:2]),
    blank_separated(SECOND[2:], THIRD),
    blank_separated(FIRST, THIRD),
]


def clean(text):
    fixes = scan(text)
    return fixes, apply_fixes(text, fixes, initial_decisions(fixes))


def joins(fixes):
    return [f for f in fixes if f.rule == "unwrap-lines"]


@pytest.mark.parametrize(
    ("head", "numbers", "margins"),
    [(HEAD, True, False), (HEAD, False, False), ("", True, False), ("", False, True)],
)
def test_a_paragraph_that_goes_on_over_the_page_is_joined_across_the_gap(head, numbers, margins):
    text = book(LOWER_CASE_PAGES, head, numbers, margins)
    fixes, cleaned = clean(text)
    assert PARAGRAPHS[1] in cleaned
    across = next(f for f in joins(fixes) if "across a page break" in f.reason)
    assert across.confidence >= 0.9
    assert "\f" in across.original
    # the joined paragraph is one decision: all its pieces share one group
    groups = {g for f, g in zip(fixes, paragraph_groups(fixes), strict=True) if f is across}
    assert len(groups) == 1
    assert "\f" in cleaned  # the page breaks between paragraphs stay
    if head:
        assert cleaned.count(HEAD) == 0


def test_a_page_break_inside_a_block_goes_with_its_join():
    # pdftotext without blank lines around the page break: one block runs over it
    fixes, cleaned = clean(book(LOWER_CASE_PAGES, "", numbers=False))
    assert PARAGRAPHS[1] in cleaned
    assert any("\f" in f.original for f in joins(fixes))


def test_the_furniture_inside_the_joined_gap_goes_with_the_join_and_the_rest_stays_a_fix():
    fixes, _ = clean(book(LOWER_CASE_PAGES))
    across = next(f for f in joins(fixes) if "across a page break" in f.reason)
    assert f"‘{HEAD}’" in across.reason
    assert "‘1’" in across.reason
    furniture = [f for f in fixes if f.rule == "page-furniture"]
    # three heads and three numbers; the first page's number and the second's head are in the gap
    assert len(furniture) == 4
    assert not any(f.start < across.end and across.start < f.end for f in furniture)


def test_a_word_broken_before_the_page_gap_is_joined_in_place():
    second = [*SECOND]
    second[1] = second[1].replace("every member", "every mem-")
    second[2] = "ber " + second[2]
    pages = [blank_separated(FIRST, second[:2]), blank_separated(second[2:], THIRD), [*THIRD]]
    text = book(pages)
    fixes, cleaned = clean(text)
    assert PARAGRAPHS[1] in cleaned
    hyphen = next(f for f in fixes if f.rule == "line-break-hyphen")
    assert hyphen.replacement == "member"
    assert "\f" in hyphen.original
    assert "page break" in hyphen.reason


def test_a_sentence_end_before_a_capital_at_the_page_end_is_not_joined():
    lines = wrap(FULL_SENTENCE_END[0], 66)
    assert lines[0].endswith(".")
    assert lines[1][0].isupper()
    pages = [[*FIRST, "", lines[0]], lines[1:], [*THIRD]]
    fixes, cleaned = clean(book(pages))
    assert not [f for f in joins(fixes) if "across a page break" in f.reason]
    assert lines[0] + "\n" in cleaned
    assert HEAD not in cleaned  # the furniture is still removed, as fixes of its own


def test_an_indented_line_after_the_gap_starts_a_paragraph():
    pages = [blank_separated(FIRST, SECOND[:2]), ["    " + SECOND[2], *SECOND[3:]], [*THIRD]]
    fixes, _ = clean(book(pages))
    assert not [f for f in joins(fixes) if "across a page break" in f.reason]


def test_a_capital_after_a_full_line_that_stops_mid_sentence_is_joined_less_surely():
    first = [*FIRST]
    first[2] = first[2].replace("because", "Because")
    pages = [first[:2], first[2:], [*THIRD]]
    fixes, cleaned = clean(book(pages))
    across = next(f for f in joins(fixes) if "across a page break" in f.reason)
    assert 0.6 <= across.confidence < 0.9
    assert "anything at all, Because the report" in cleaned


def test_rejecting_every_fix_leaves_the_text_as_it_was():
    second = [*SECOND]
    second[1] = second[1].replace("every member", "every mem-")
    second[2] = "ber " + second[2]
    text = book([blank_separated(FIRST, second[:2]), second[2:], [*THIRD]])
    fixes = scan(text)
    assert apply_fixes(text, fixes, [Decision.REJECTED] * len(fixes)) == text
    # rejecting the paragraph join keeps its other line breaks; the hyphen fix alone
    # still joins the word across the page gap
    decisions = [
        Decision.REJECTED if f.rule == "unwrap-lines" else Decision.ACCEPTED for f in fixes
    ]
    kept = apply_fixes(text, fixes, decisions)
    assert "\nread the first page aloud, slowly, so that every member could follow" in kept
    # rejecting the hyphen fix keeps the word's page gap as it was
    decisions = [
        Decision.REJECTED if f.rule == "line-break-hyphen" else Decision.ACCEPTED for f in fixes
    ]
    kept = apply_fixes(text, fixes, decisions)
    start = text.index("every mem-")
    gap = text[start : text.index("ber could", start) + 3]
    assert gap in kept
    assert "When the chairman finally spoke, he asked the secretary to read" in kept


def test_crlf_pages_are_joined_and_saved_with_their_line_endings():
    text = book(LOWER_CASE_PAGES)
    document = decode(text.replace("\n", "\r\n").encode("utf-8"))
    fixes = scan(document.text)
    decisions = initial_decisions(fixes)
    cleaned = apply_fixes(document.text, fixes, decisions)
    assert PARAGRAPHS[1] in cleaned
    saved = encode(cleaned, cleaned_layout(document.layout, document.text, fixes, decisions))
    assert saved == cleaned.replace("\n", "\r\n").encode("utf-8")
