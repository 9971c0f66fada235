"""German."""

from __future__ import annotations

from editor.engine.languages import HyphenHints, LanguageData, QuoteConventions, words

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
    quotes=QuoteConventions(
        function_endings=words(
            "der die das den dem des ein eine einen einem einer eines und oder zu von mit "
            "im am zum zur aus bei nach für auf"
        ),
        speech_verbs="sagte|fragte|rief|antwortete|erwiderte|meinte|dachte|flüsterte|schrie",
        subjects="ich|er|sie|es",
        possessives="der|die|das|mein|meine|sein|seine|ihr|ihre",
        curly=("„", "“", "‚"),
    ),
)
