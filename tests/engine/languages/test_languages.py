import pytest

from editor.engine.language import SUPPORTED_LANGUAGES
from editor.engine.languages import LANGUAGES, NO_HINTS, HyphenHints, LanguageData, hyphen_hints


def test_every_language_module_is_found_by_its_code():
    assert {"en", "de", "fr", "es", "it", "pt", "ru", "nl"} <= set(LANGUAGES)
    for code, data in LANGUAGES.items():
        assert isinstance(data, LanguageData)
        assert data.code == code


def test_detection_knows_every_language_the_package_holds():
    assert set(SUPPORTED_LANGUAGES) == set(LANGUAGES)
    assert SUPPORTED_LANGUAGES[0] == "en"


@pytest.mark.parametrize(
    ("code", "particle"),
    [("ru", "то"), ("ru", "ка"), ("ru", "нибудь"), ("ru", "таки"), ("fr", "ci"), ("fr", "là")],
)
def test_particles_written_with_a_hyphen_are_known(code, particle):
    assert particle in hyphen_hints(code).particles


def test_russian_writes_po_adverbs_with_a_hyphen():
    pattern = hyphen_hints("ru").pattern
    assert pattern is not None
    assert pattern.fullmatch("по-русски")
    assert not pattern.fullmatch("по-года")


def test_german_knows_its_conjunctions_for_suspended_hyphens():
    assert {"und", "oder", "bzw"} <= hyphen_hints("de").conjunctions


def test_an_unknown_language_has_empty_hints():
    assert hyphen_hints("xx") is NO_HINTS
    assert hyphen_hints("xx") == HyphenHints()


def test_quote_conventions_live_in_the_language_modules():
    from editor.engine.languages import NO_QUOTE_CONVENTIONS, quote_conventions
    from editor.engine.rules.quotes.conventions import curly_marks, function_endings

    assert "der" in quote_conventions("de").function_endings
    assert quote_conventions("de").curly == ("„", "“", "‚")
    assert curly_marks("ru") == ("„", "“", "‚")
    # a language without quote data of its own reads as English
    assert quote_conventions("xx") is NO_QUOTE_CONVENTIONS
    assert function_endings("es") == quote_conventions("en").function_endings
    assert curly_marks("es") == ("“", "”", "‘")


def test_russian_marks_its_compounds_fixed_and_its_inflection_rich():
    hints = hyphen_hints("ru")
    assert hints.fixed_compounds
    assert hints.rich_inflection
    assert not hyphen_hints("en").fixed_compounds
