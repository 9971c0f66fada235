from __future__ import annotations

import pytest

from editor.engine.rules.quotes import (
    CLOSE,
    OPEN,
    UNKNOWN,
    analyse,
    detect_convention,
    paragraphs,
)


@pytest.mark.parametrize(
    ("text", "char", "opener", "typed"),
    [
        ("“Yes,” he said. “No.”", "“", "“", OPEN),
        ("Er sagte: „Ja.“ Sie sagte: „Nein.“", "“", "„", CLOSE),
        ("»Ja«, sagte er. »Nein«, sagte sie. »Gut.«", "«", "»", CLOSE),
        ("Il dit: «Oui.» Elle dit: «Non.» Puis: «Bien.»", "»", "«", CLOSE),
        ('“A,” “B,” “C,” he said, “D.” And "E".', '"', "“", UNKNOWN),
    ],
)
def test_convention_is_detected_from_the_marks(text, char, opener, typed):
    family, direction = detect_convention(text).family_of(char)
    assert (family.opener, direction) == (opener, typed)


def test_straight_marks_in_straight_text_are_not_read():
    assert detect_convention('He said "no". It is "fine".').family_of('"') is None


def test_guillemets_with_no_clear_majority_are_not_read():
    assert detect_convention("«Ja» und »nein«").family_of("«") is None


def test_blank_lines_split_paragraphs_and_wrapped_lines_do_not():
    text = "one line\nwrapped here\n\nnext one"
    assert [text[a:b] for a, b in paragraphs(text)] == ["one line\nwrapped here", "next one"]


def test_long_lines_are_paragraphs_of_their_own():
    first, second = "a" * 200, "b" * 200
    text = f"{first}\n{second}"
    assert [text[a:b] for a, b in paragraphs(text)] == [first, second]


def test_changes_are_minimal_spans_with_reasons():
    (change,) = analyse("They called it the” iron curtain” in those years.", "en")
    assert (change.start, change.end, change.replacement) == (18, 20, " “")
    assert "“iron curtain”" in change.reason


def test_a_mark_run_without_words_is_not_read():
    assert list(analyse("“”\"'‘’„«»" * 100, "en")) == []


def test_a_paragraph_of_nothing_but_quote_marks_is_left_alone_quickly():
    from editor.engine import ScanOptions, scan

    text = "“”‘’„«»\"'" * 5000
    assert scan(text, ScanOptions(rules=frozenset({"quote-pairing"}))) == []
