"""Italian."""

from __future__ import annotations

from editor.engine.languages import HyphenHints, LanguageData, words

LANGUAGE = LanguageData(
    "it",
    words("il di che la e un una per non con sono del della gli le lo si nel è da"),
    HyphenHints(
        conjunctions=words("e ed o od né"),
        single_letters=words("a e i o"),
        prefixes=words("anti ex pre pro post semi vice co non"),
    ),
    large_word_list="it",
)
