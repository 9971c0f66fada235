import pytest

from editor.engine.language import (
    FALLBACK_LANGUAGE,
    SUPPORTED_LANGUAGES,
    detect_language,
    resolve_language,
)

SAMPLES = {
    "en": "The old man walked to the harbour and watched the boats that were coming in with the tide.",
    "de": "Der alte Mann ging zum Hafen und sah den Booten zu, die mit der Flut hereinkamen, und er war nicht allein.",
    "fr": "Le vieil homme marchait vers le port et regardait les bateaux qui rentraient avec la marée dans le soir.",
    "es": "El viejo caminaba hacia el puerto y miraba los barcos que volvían con la marea de la tarde.",
    "it": "Il vecchio camminava verso il porto e guardava le barche che tornavano con la marea della sera.",
    "pt": "O velho caminhava para o porto e olhava os barcos que voltavam com a maré da tarde, sem pressa.",
    "ru": "Старик шёл к гавани и смотрел на лодки, которые возвращались с приливом, и он не спешил.",
    "nl": "De oude man liep naar de haven en keek naar de boten die met het tij binnenkwamen, maar hij was niet alleen.",
}


@pytest.mark.parametrize(("language", "text"), sorted(SAMPLES.items()))
def test_detects_the_language_of_a_short_sample(language, text):
    assert detect_language(text) == language


def test_every_sample_language_is_supported():
    assert set(SAMPLES) <= set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize("text", ["", "12345 67 -- !!", "xyzzy plugh"])
def test_text_without_known_words_falls_back(text):
    assert detect_language(text) == FALLBACK_LANGUAGE


def test_detection_looks_beyond_an_opening_in_another_language():
    text = "Copyright notice and licence. " + SAMPLES["de"] * 40
    assert detect_language(text) == "de"


def test_resolve_auto_detects():
    assert resolve_language("auto", SAMPLES["fr"]) == "fr"


def test_resolve_keeps_an_explicit_choice_over_detection():
    assert resolve_language("ru", SAMPLES["en"]) == "ru"


def test_resolve_rejects_an_unknown_language():
    with pytest.raises(ValueError, match="unknown language"):
        resolve_language("xx", "text")


def test_a_single_function_word_is_not_enough():
    assert detect_language("announ-ced NA-TO e-mail") == FALLBACK_LANGUAGE
