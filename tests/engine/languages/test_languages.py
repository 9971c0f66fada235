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
