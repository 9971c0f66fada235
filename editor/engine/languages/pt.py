"""Portuguese."""

from __future__ import annotations

from editor.engine.languages import HyphenHints, LanguageData, words

LANGUAGE = LanguageData(
    "pt",
    words("o a os as e de que do da em um uma para com não no na se por mais"),
    HyphenHints(
        conjunctions=words("e ou nem"),
        single_letters=words("a e o"),
        prefixes=words("anti ex pré pró pós semi vice co não auto contra"),
        # Attached pronouns: "disse-lhe", "vê-lo".
        particles=words("se me te lhe lhes o a os as lo la los las no na nos nas vos"),
    ),
    large_word_list="pt",
)
