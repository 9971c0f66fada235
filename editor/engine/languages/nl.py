"""Dutch."""

from __future__ import annotations

from editor.engine.languages import HyphenHints, LanguageData, words

LANGUAGE = LanguageData(
    "nl",
    words("de het een en van is dat niet ik zijn op te met voor er die maar ook"),
    HyphenHints(
        conjunctions=words("en of tot"),
        prefixes=words("ex anti pro non co"),
        closed_compounds=True,
    ),
    large_word_list="nl",
)
