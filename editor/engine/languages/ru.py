"""Russian."""

from __future__ import annotations

import regex

from editor.engine.languages import HyphenHints, LanguageData, words

LANGUAGE = LanguageData(
    "ru",
    words("и в не на что он с я как а то это по его она но к из у так"),
    HyphenHints(
        conjunctions=words("и или а либо"),
        single_letters=words("а в и к о с у я"),
        # "кое-что", "кой-какой", "во-первых", "что-нибудь"; "по-" is the rule in ``pattern``.
        prefixes=words("кое кой во кто что"),
        # "что-то", "скажи-ка", "где-нибудь", "всё-таки", "кто-либо", "он-де", "да-с".
        particles=words("то либо нибудь ка таки де с"),
        # "по-русски", "по-моему", "по-другому", "по-прежнему", "по-своему".
        pattern=regex.compile(r"по-\w+(?:ски|цки|ому|ему|ьи)"),
    ),
    large_word_list="ru",
)
