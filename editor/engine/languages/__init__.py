"""Everything Mend knows about each language, one module per language.

A module here (``en.py``, ``ru.py`` ...) defines ``LANGUAGE``, a
:class:`LanguageData` record: the function words that identify the language,
the small word lists the hyphen rules need (conjunctions after suspended
hyphens, prefixes and particles written with a hyphen ...) and its quote
conventions (the words a quotation does not end on, dialogue tags, curly
marks).  Adding a language is adding one module: the registry below finds it
by name.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex


def words(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``, as a set."""
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class HyphenHints:
    """Per-language word lists for hyphen decisions that the lexicons cannot make."""

    #: words after a suspended hyphen ("first- and second-year", "Quell- und")
    conjunctions: frozenset[str] = frozenset()
    #: one-letter words, which count as words when a fragment is one letter long
    single_letters: frozenset[str] = frozenset()
    #: first elements written with a hyphen before a word ("co-", "self-", Russian "кое-")
    prefixes: frozenset[str] = frozenset()
    #: particles and clitics written with a hyphen after a word (Russian "-то", French "-ci")
    particles: frozenset[str] = frozenset()
    #: the language writes new compounds as one word (German, Dutch)
    closed_compounds: bool = False
    #: common words whose usual (or older) spelling has a hyphen, though the joined form exists
    hyphenated: frozenset[str] = frozenset()
    #: inflectional endings a known hyphenated word takes ("e-mail" + "s")
    endings: tuple[str, ...] = ()
    #: a grammar rule that writes ``left-right`` with a hyphen (Russian "по-русски")
    pattern: regex.Pattern[str] | None = None
    #: the spelling norm fixes each compound's form, so no word is written both joined and
    #: hyphenated (Russian): a joined form that is a word speaks against the hyphen, and a
    #: short function word before a hyphen ("не-", "по-", "бы-") is no compound's first part
    fixed_compounds: bool = False
    #: most word forms are inflections a word list lacks ("фамильярного" beside
    #: "фамильярно"): a joined word that differs from a listed one only in its ending is
    #: taken for one of its forms
    rich_inflection: bool = False


@dataclass(frozen=True, slots=True)
class QuoteConventions:
    """How a language quotes: the words that tell a quotation's edges, its curly marks.

    Read by editor/engine/rules/quotes/conventions.py.  Empty fields mean "as
    English does" for the function endings and the curly marks, and "no
    dialogue tags known" for the tags.
    """

    #: words a quotation does not end on: articles, possessives, prepositions, conjunctions
    function_endings: frozenset[str] = frozenset()
    #: speech verbs of dialogue tags ("said", "fragte"), as regex alternatives
    speech_verbs: str = ""
    #: subject pronouns of dialogue tags, the first person singular first ("I|he|she")
    subjects: str = ""
    #: possessives and articles before a noun after a speech verb ("said my sister")
    possessives: str = ""
    #: the curly marks straight ones become: opening double, closing double, opening single
    curly: tuple[str, str, str] | None = None


@dataclass(frozen=True, slots=True)
class LanguageData:
    """One language: its code, the words that identify it, its hyphen and quote habits."""

    code: str
    #: short, very frequent words (nearly) unique to the language, for detection
    function_words: frozenset[str]
    hyphens: HyphenHints
    #: the wordfreq list that extends pyspellchecker's thin one ("" for none): see lexicon.py
    large_word_list: str = ""
    quotes: QuoteConventions = QuoteConventions()


def _discover() -> dict[str, LanguageData]:
    found: dict[str, LanguageData] = {}
    for module in pkgutil.iter_modules(__path__):
        data = importlib.import_module(f"{__name__}.{module.name}").LANGUAGE
        if not isinstance(data, LanguageData):
            raise TypeError(f"{module.name}.LANGUAGE is not a LanguageData")
        found[data.code] = data
    return dict(sorted(found.items()))


#: Every language Mend knows, by code.
LANGUAGES: dict[str, LanguageData] = _discover()
NO_HINTS = HyphenHints()
NO_QUOTE_CONVENTIONS = QuoteConventions()


def hyphen_hints(code: str) -> HyphenHints:
    """The hyphen hints of language ``code`` (empty ones for a language Mend does not know)."""
    data = LANGUAGES.get(code)
    return data.hyphens if data is not None else NO_HINTS


def quote_conventions(code: str) -> QuoteConventions:
    """The quote conventions of language ``code`` (empty ones for a language Mend does not know)."""
    data = LANGUAGES.get(code)
    return data.quotes if data is not None else NO_QUOTE_CONVENTIONS
