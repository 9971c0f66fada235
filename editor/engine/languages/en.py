"""English."""

from __future__ import annotations

from editor.engine.languages import HyphenHints, LanguageData, words

LANGUAGE = LanguageData(
    "en",
    words("the and of to in is was that it for with as his he had you not but be this"),
    HyphenHints(
        conjunctions=words("and or nor to & versus vs"),
        single_letters=words("a i o"),
        prefixes=words(
            "co re pre non self ex anti pro post semi quasi vice neo multi mid all half well"
            " ill pseudo cross great step e x t u"
        ),
        particles=words("like wise based free"),
        endings=("s", "es", "ed", "d", "ing", "er", "ers"),
        hyphenated=words(
            "to-day to-night to-morrow good-bye good-night co-operate co-operation"
            " co-operative co-ordinate co-ordination e-mail re-enter re-elect re-election"
        ),
    ),
)
