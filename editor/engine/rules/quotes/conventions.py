"""Language conventions: quote families, and the words that tell a quotation's edges.

Each language's quote-repair data sits in one entry of each table below
(function words a quotation does not end on, speech verbs and subjects of
dialogue tags, elisions); a language without an entry reads as English.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

#: elisions written with a leading apostrophe ("’tis", "’em", "rock ’n’ roll")
ELISIONS = frozenset(
    "tis twas twere twill twould em n cause cos til till bout round gainst mid midst "
    "neath tween ere im ow er e ave alf ome".split()
)

#: what follows an apostrophe that ends a contraction or possessive
SUFFIXES = frozenset("s ll d t re ve m S LL D T RE VE M".split())

#: words a quotation does not end on: articles, possessives, prepositions, conjunctions
FUNCTION_ENDINGS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the a an its his her their our your my this these those of to in on at by for "
        "from with into onto and or nor but than as".split()
    ),
    "de": frozenset(
        "der die das den dem des ein eine einen einem einer eines und oder zu von mit "
        "im am zum zur aus bei nach für auf".split()
    ),
    "fr": frozenset("le la les un une des du de et ou à au aux son sa ses leur leurs".split()),
    "ru": frozenset("и в во на с со по к ко о об от до из за для а но".split()),
}

_SPEECH_VERBS: dict[str, str] = {
    "en": "said|says|asked|cried|replied|answered|added|exclaimed|whispered|shouted|"
    "continued|thought|remarked|returned|observed|inquired|enquired|muttered|murmured|"
    "repeated|interrupted|pursued|rejoined|resumed|went on|growled|called|roared|sobbed|"
    "laughed|screamed|panted|urged|pleaded|groaned|retorted|sighed|explained|suggested|"
    "demanded|interposed|protested|declared|insisted|whimpered|began|told",
    "de": "sagte|fragte|rief|antwortete|erwiderte|meinte|dachte|flüsterte|schrie",
    "fr": "dit|demanda|répondit|reprit|s'écria|cria|ajouta|murmura|continua|répliqua",
    "ru": "сказал|сказала|спросил|спросила|ответил|ответила|крикнул|прибавил|подумал",
}

_SUBJECTS: dict[str, str] = {
    "en": "I|he|she|they|it|we",
    "de": "ich|er|sie|es",
    "fr": "je|il|elle|on",
    "ru": "я|он|она|они",
}

#: keyed by the language's first subject (see _SUBJECTS)
_POSSESSIVES: dict[str, str] = {
    "I": "the|my|his|her|their|our|your",
    "ich": "der|die|das|mein|meine|sein|seine|ihr|ihre",
    "je": "le|la|les|mon|ma|son|sa",
    "я": "мой|моя|его|ее",
}


def function_endings(language: str) -> frozenset[str]:
    """The words a quotation in ``language`` does not end on (English for unknown languages)."""
    return FUNCTION_ENDINGS.get(language, FUNCTION_ENDINGS["en"])


@dataclass(frozen=True, slots=True)
class Family:
    """One kind of quotation: its opening and closing marks and spacing habits."""

    name: str
    opener: str
    closer: str
    single: bool = False
    #: French habit: spaces inside the marks are correct, not an artifact
    spaced: bool = False


@dataclass(frozen=True, slots=True)
class Convention:
    """The quote marks a document uses: which family and direction each mark has."""

    marks: dict[str, tuple[Family, int]]

    def family_of(self, char: str) -> tuple[Family, int] | None:
        """The family and typed direction of ``char``, or ``None`` if it is ignored."""
        return self.marks.get(char)


@dataclass(frozen=True, slots=True)
class Tags:
    """Dialogue tags of one language ("she said").

    Right after an opening mark or right before a closing one, a tag shows the
    mark is the wrong way round: tags stand outside quotations.
    """

    after: regex.Pattern[str]
    before: regex.Pattern[str]


def _compile_tags(verbs: str, subjects: str) -> Tags:
    first = subjects.split("|", 1)[0]
    # "she said" or "Alice said" right after an opener; "said he" or "said my
    # sister" right before a closer ("what I said.” is speech, so no "I")
    subject = rf"(?:(?i:{subjects})\s+|\p{{Lu}}\p{{Ll}}+\s+)?"
    # after the verb: a pronoun, a name ("Mr. Grewgious"), or a possessive and a noun
    named = rf"(?:(?i:{subjects}|{_POSSESSIVES.get(first, 'the')})\s+\p{{L}}+|(?i:{subjects})"
    named += r"|\p{Lu}\p{L}*\.?(?:\s+\p{Lu}\p{L}+)?"
    named += r"|(?i:to\s+(?:him|her|them|my|your|our)sel(?:f|ves)))"
    # the habitual tag of reported speech: `she’d say, “Joe,” she’d say` (English only: the
    # pattern is the English modal; "say" alone is too common inside quotations to count)
    habitual = rf"(?i:{subjects})(?:[’']d|\s+would)\s+say" if first == "I" else ""
    after = rf"{subject}(?i:{verbs})\b" + (rf"|{habitual}\b" if habitual else "")
    before = rf"\b(?i:{verbs})\s+{named}[,.;:]?$|\b(?!{first}\b)\p{{L}}+\s+(?i:{verbs})[,:]$"
    if habitual:
        before += rf"|\b{habitual}[,:]$"
    return Tags(regex.compile(after), regex.compile(before))


@functools.cache
def dialogue_tags(language: str) -> Tags | None:
    """The dialogue-tag patterns of ``language``, compiled on first use (they are large)."""
    verbs = _SPEECH_VERBS.get(language)
    return None if verbs is None else _compile_tags(verbs, _SUBJECTS[language])
