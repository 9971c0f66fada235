"""Detect a document's language from its most common function words."""

from __future__ import annotations

from collections import Counter

import regex

from editor.engine.languages import LANGUAGES

FALLBACK_LANGUAGE = "en"
#: Languages that detection knows (editor/engine/languages/), the fallback first so it wins ties.
SUPPORTED_LANGUAGES: tuple[str, ...] = (
    FALLBACK_LANGUAGE,
    *(code for code in LANGUAGES if code != FALLBACK_LANGUAGE),
)

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
    for language in SUPPORTED_LANGUAGES:
        score = sum(counts[w] for w in LANGUAGES[language].function_words)
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
