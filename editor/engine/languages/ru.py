"""Russian."""

from __future__ import annotations

import regex

from editor.engine.languages import HyphenHints, LanguageData, QuoteConventions, words

LANGUAGE = LanguageData(
    "ru",
    words("и в не на что он с я как а то это по его она но к из у так"),
    HyphenHints(
        conjunctions=words("и или а либо"),
        single_letters=words("а в и к о с у я"),
        # "кое-что", "кой-какой", "во-первых", "что-нибудь"; "по-" is the rule in ``pattern``;
        # the titles' prefixes: "вице-губернатор", "экс-министр", "лейб-медик", "обер-офицер".
        prefixes=words("кое кой во кто что вице экс лейб обер унтер штаб"),
        # "что-то", "скажи-ка", "где-нибудь", "всё-таки", "кто-либо", "он-де", "да-с".
        particles=words("то либо нибудь ка таки де с"),
        # "по-русски", "по-моему", "по-другому", "по-прежнему", "по-своему".
        pattern=regex.compile(r"по-\w+(?:ски|цки|ому|ему|ьи)"),
        # Compound prepositions; the web lists "изза" and "поза" (a word of its own) joined.
        hyphenated=words("из-за из-под по-за по-над"),
        fixed_compounds=True,
        rich_inflection=True,
    ),
    large_word_list="ru",
    quotes=QuoteConventions(
        function_endings=words("и в во на с со по к ко о об от до из за для а но"),
        speech_verbs="сказал|сказала|спросил|спросила|ответил|ответила|крикнул|прибавил|подумал",
        subjects="я|он|она|они",
        possessives="мой|моя|его|ее",
        curly=("„", "“", "‚"),
    ),
)
