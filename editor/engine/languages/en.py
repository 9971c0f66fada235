"""English."""

from __future__ import annotations

from editor.engine.languages import HyphenHints, LanguageData, QuoteConventions, words

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
    quotes=QuoteConventions(
        function_endings=words(
            "the a an its his her their our your my this these those of to in on at by for "
            "from with into onto and or nor but than as"
        ),
        speech_verbs=(
            "said|says|asked|cried|replied|answered|added|exclaimed|whispered|shouted|"
            "continued|thought|remarked|returned|observed|inquired|enquired|muttered|murmured|"
            "repeated|interrupted|pursued|rejoined|resumed|went on|growled|called|roared|sobbed|"
            "laughed|screamed|panted|urged|pleaded|groaned|retorted|sighed|explained|suggested|"
            "demanded|interposed|protested|declared|insisted|whimpered|began|told"
        ),
        subjects="I|he|she|they|it|we",
        possessives="the|my|his|her|their|our|your",
    ),
)
