"""German."""

from __future__ import annotations

from editor.engine.languages import HyphenHints, LanguageData, words

LANGUAGE = LanguageData(
    "de",
    words("der die und das nicht ist ich sie er zu den mit sich auf des dem ein eine war"),
    HyphenHints(
        # "Quell- und Binärpakete", "Ein- bzw. Ausgabe": a suspended hyphen before these.
        conjunctions=words("und oder bzw sowie bis noch als wie respektive beziehungsweise"),
        prefixes=words("ex anti pro nicht"),
        closed_compounds=True,
    ),
    large_word_list="de",
)
