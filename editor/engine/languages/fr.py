"""French."""

from __future__ import annotations

from editor.engine.languages import HyphenHints, LanguageData, QuoteConventions, words

LANGUAGE = LanguageData(
    "fr",
    words("le la les et des est un une du que qui dans pas pour sur il elle au avec ce"),
    HyphenHints(
        conjunctions=words("et ou ni"),
        single_letters=words("a à y t"),
        # "ci-dessus", "ci-joint", "avant-hier", "arrière-pays" start with these too.
        prefixes=words(
            "anti auto contre extra néo non post pré semi sous sur vice ex co mi demi ci"
            " avant arrière"
        ),
        # Inverted subject pronouns ("a-t-il", "dit-elle"), "-ci" / "-là", "-même".
        particles=words(
            "il ils elle elles on je tu nous vous moi toi lui leur leurs y en le la les ce"
            " ci là même t"
        ),
    ),
    large_word_list="fr",
    quotes=QuoteConventions(
        function_endings=words("le la les un une des du de et ou à au aux son sa ses leur leurs"),
        speech_verbs="dit|demanda|répondit|reprit|s'écria|cria|ajouta|murmura|continua|répliqua",
        subjects="je|il|elle|on",
        possessives="le|la|les|mon|ma|son|sa",
    ),
)
