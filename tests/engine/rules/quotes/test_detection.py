"""Convention detection: the guillemet vote judged from each guillemet's neighbours; word starts."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from editor.engine.rules.quotes.chars import INVISIBLE, WORD_START
from editor.engine.rules.quotes.detection import (
    _GUILLEMET_DE,
    _GUILLEMET_FR,
    _guillemet_votes,
    detect_convention,
)

_ALPHABET = "ab1 .,!?…«»\u00a0\u202f\n-" + "".join(INVISIBLE)


def _whole_text_votes(text: str) -> tuple[int, int]:
    """The vote as a scan of the whole text with the invisible characters removed gives it."""
    visible = text.translate(dict.fromkeys(map(ord, INVISIBLE)))
    return len(_GUILLEMET_FR.findall(visible)), len(_GUILLEMET_DE.findall(visible))


@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_the_vote_from_neighbours_equals_the_vote_over_the_visible_text(text: str) -> None:
    assert _guillemet_votes(text) == _whole_text_votes(text)


def test_invisible_characters_are_looked_through() -> None:
    assert _guillemet_votes("dit «\u200b\u00adoui\u200b» et") == (2, 0)
    assert _guillemet_votes("sagte »\u00adja\u200b« und") == (0, 2)


def test_a_french_majority_makes_guillemets_a_spaced_family() -> None:
    convention = detect_convention("Il dit « oui » et « non », puis «peut-être».")
    entry = convention.family_of("«")
    assert entry is not None
    assert entry[0].name == "guillemet"
    assert entry[0].spaced


_FIRST_CHARACTER = regex.compile(r"(?<![\p{L}\p{N}\p{M}\-\u00ad])(?<!-\n)[\p{L}\p{N}]")


@given(
    st.text(alphabet="aZ9é\u0301-\u00ad\n .’«", max_size=40), st.integers(0, 40), st.integers(0, 40)
)
def test_word_starts_are_the_first_characters_of_words(text: str, pos: int, endpos: int) -> None:
    assert [m.start() for m in WORD_START.finditer(text, pos, endpos)] == [
        m.start() for m in _FIRST_CHARACTER.finditer(text, pos, endpos)
    ]
