"""Spanish."""

from __future__ import annotations

from editor.engine.languages import HyphenHints, LanguageData, words

LANGUAGE = LanguageData(
    "es",
    words("el la los las y que de en un una por con para es del se lo su al como"),
    HyphenHints(
        conjunctions=words("y e o u ni"),
        single_letters=words("a e o u y"),
        prefixes=words("anti ex pre pro post semi vice co no"),
    ),
    large_word_list="es",
)
