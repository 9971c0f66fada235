"""Detect a document's language from its most common function words."""

from __future__ import annotations

from collections import Counter

import regex

#: Languages whose word lists ship with pyspellchecker and that detection knows.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "pt", "ru", "nl")
FALLBACK_LANGUAGE = "en"

# Short, very frequent words that are (nearly) unique to one language.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and of to in is was that it for with as his he had you not but be this".split()
    ),
    "de": frozenset(
        "der die und das nicht ist ich sie er zu den mit sich auf des dem ein eine war".split()
    ),
    "fr": frozenset(
        "le la les et des est un une du que qui dans pas pour sur il elle au avec ce".split()
    ),
    "es": frozenset(
        "el la los las y que de en un una por con para es del se lo su al como".split()
    ),
    "it": frozenset(
        "il di che la e un una per non con sono del della gli le lo si nel è da".split()
    ),
    "pt": frozenset("o a os as e de que do da em um uma para com não no na se por mais".split()),
    "ru": frozenset("и в не на что он с я как а то это по его она но к из у так".split()),
    "nl": frozenset("de het een en van is dat niet ik zijn op te met voor er die maar ook".split()),
}
# Words that touch a hyphen-like mark, or follow one across a line break, are left out:
# they may be fragments ("NA-TO"), and a repair that joins them must not change which
# language the text is in.
_MARKS = r"\-\u00ad\u2010\u2011\u00ac"
_WORD = regex.compile(
    rf"(?<![\p{{L}}{_MARKS}])(?<![{_MARKS}][ \t]*\n?[ \t]*)\p{{L}}+(?![\p{{L}}{_MARKS}])"
)
_SOFT_BREAK = regex.compile(r"\u00ad+(?:[ \t]*\n[ \t]*)?")
_SAMPLE_CHARS = 200_000
# A function word or two is no evidence ("NA-TO e-mail" holds the Portuguese "na" and
# "e"): a text needs this many before it counts as anything but the fallback.
_MIN_HITS = 3


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language ``text`` is most likely written in.

    Looks at the first 200,000 characters; texts with fewer than three
    recognisable function words get :data:`FALLBACK_LANGUAGE`.
    """
    # Soft hyphens are invisible and always removed (with the line break after one),
    # so words are read without them.
    sample = _SOFT_BREAK.sub("", text[:_SAMPLE_CHARS])
    counts = Counter(w.lower() for w in _WORD.findall(sample))
    best, best_score = FALLBACK_LANGUAGE, _MIN_HITS - 1
    for language, words in _FUNCTION_WORDS.items():
        score = sum(counts[w] for w in words)
        if score > best_score:
            best, best_score = language, score
    return best


def resolve_language(requested: str, text: str) -> str:
    """``requested`` if it names a supported language, else the detected one for ``auto``."""
    if requested == "auto":
        return detect_language(text)
    if requested not in SUPPORTED_LANGUAGES:
        raise ValueError(
            f"unknown language {requested!r}; use auto or one of {', '.join(SUPPORTED_LANGUAGES)}"
        )
    return requested
