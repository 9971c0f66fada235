from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.engine.rules.quotes import (
    CLOSE,
    OPEN,
    UNKNOWN,
    analyse,
    detect_convention,
    paragraphs,
)
from editor.engine.rules.quotes.chars import WORD_START
from editor.engine.rules.quotes.repair import _is_prose


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


def _clean(text: str, language: str = "en") -> str:
    from editor.engine import ScanOptions, apply_fixes, initial_decisions, scan

    fixes = scan(text, ScanOptions(language=language, rules=frozenset({"quote"})))
    return apply_fixes(text, fixes, initial_decisions(fixes))


def test_an_outward_pushed_pair_with_no_competing_reading_is_applied_with_high_confidence():
    text = "He said the group had” no plans “to close the plant, and left."
    changes = list(analyse(text, "en"))
    assert len(changes) == 2
    assert all(c.confidence >= 0.9 for c in changes)
    assert _clean(text) == "He said the group had “no plans” to close the plant, and left."


def test_a_quotation_left_open_is_closed_by_the_next_paragraph_and_the_mark_moved():
    text = (
        "Lavrov said: “NATO is moving its infrastructure closer to our borders.\n\n"
        "We will have to respond to that in these areas, ”TASS quotes him as saying."
    )
    (change,) = analyse(text, "en")
    assert change.replacement == "” "
    assert "previous paragraph" in change.reason
    assert _clean(text).endswith("in these areas,” TASS quotes him as saying.")


def test_a_closer_glued_to_the_next_sentence_is_moved_not_turned():
    text = "“NATO is moving closer,” Lavrov said. “It is aggressive. ”The other side disagreed."
    assert _clean(text).endswith("“It is aggressive.” The other side disagreed.")


def test_a_quotation_over_paragraphs_in_english_style_is_left_alone():
    text = "“The first paragraph of a long speech.\n\n“The second one ends it,” he said."
    assert list(analyse(text, "en")) == []


def test_without_an_open_quotation_before_it_a_stray_closer_is_not_read_as_carried():
    text = "The first paragraph has no marks.\n\nWe respond in these areas, ”TASS quotes him."
    assert all("previous paragraph" not in c.reason for c in analyse(text, "en"))


def test_a_repair_that_would_not_settle_is_left_below_the_threshold():
    # issue 11: cleaning this, then scanning again, proposed ' ‘' -> '’' at 0.90
    changes = list(analyse("‘“0 „ ‘", "en", min_confidence=0.6))
    assert changes
    assert all(c.confidence < 0.6 for c in changes)
    assert list(analyse("‘“0 „ ‘", "en", min_confidence=0.0)) == []


def test_a_pushed_pair_inside_a_long_quotation_is_read_by_its_habitual_tags():
    text = (
        "“Consequence, my mother she’d go out to work, and she’d say,” Joe, “she’d say,” now, "
        "please God, you shall have some schooling, child,” and she’d put me to school.”"
    )
    assert "she’d say, “Joe,” she’d say" in _clean(text)


@given(st.text(alphabet="ab “”’-\n.", min_size=1, max_size=80))
def test_a_piece_is_prose_when_it_holds_a_word_a_mark(text):
    # _is_prose stops counting at one word a mark; the answer is that of a full count
    positions = [i for i, c in enumerate(text) if c in "“”’"]
    if not positions:
        return
    marks = [SimpleNamespace(pos=p) for p in positions]
    words = len(WORD_START.findall(text, positions[0], positions[-1] + 1))
    assert _is_prose(text, marks) == (words >= len(marks))
