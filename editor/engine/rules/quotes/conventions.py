"""Language conventions: quote families, and the words that tell a quotation's edges.

Each language's quote data (function words a quotation does not end on, speech
verbs, subjects and possessives of dialogue tags, curly marks) sits in its
module in editor/engine/languages/; a language without them reads as English.
Elisions and contraction suffixes are English's and apply to every text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from editor.engine.languages import quote_conventions

_ENGLISH = "en"
#: the marks of a language with none of its own
_CURLY = ("“", "”", "‘")
#: elisions written with a leading apostrophe ("’tis", "’em", "rock ’n’ roll")
ELISIONS = frozenset(
    "tis twas twere twill twould em n cause cos til till bout round gainst mid midst "
    "neath tween ere im ow er e ave alf ome".split()
)

#: what follows an apostrophe that ends a contraction or possessive
SUFFIXES = frozenset("s ll d t re ve m S LL D T RE VE M".split())


def function_endings(language: str) -> frozenset[str]:
    """The words a quotation in ``language`` does not end on (English for unknown languages)."""
    return (
        quote_conventions(language).function_endings or quote_conventions(_ENGLISH).function_endings
    )


def curly_marks(language: str) -> tuple[str, str, str]:
    """The opening double, closing double and opening single marks ``language`` prints."""
    return quote_conventions(language).curly or quote_conventions(_ENGLISH).curly or _CURLY


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
    #: matched backwards from the end of the text it is given: every tag ends there (``$``),
    #: so a reverse search tries that one end instead of every start in the window
    before: regex.Pattern[str]


def _compile_tags(verbs: str, subjects: str, possessives: str) -> Tags:
    first = subjects.split("|", 1)[0]
    # "she said" or "Alice said" right after an opener; "said he" or "said my
    # sister" right before a closer ("what I said.” is speech, so no "I")
    subject = rf"(?:(?i:{subjects})\s+|\p{{Lu}}\p{{Ll}}+\s+)?"
    # after the verb: a pronoun, a name ("Mr. Grewgious"), or a possessive and a noun
    named = rf"(?:(?i:{subjects}|{possessives or 'the'})\s+\p{{L}}+|(?i:{subjects})"
    named += r"|\p{Lu}\p{L}*\.?(?:\s+\p{Lu}\p{L}+)?"
    named += r"|(?i:to\s+(?:him|her|them|my|your|our)sel(?:f|ves)))"
    # the habitual tag of reported speech: `she’d say, “Joe,” she’d say` (English only: the
    # pattern is the English modal; "say" alone is too common inside quotations to count)
    habitual = rf"(?i:{subjects})(?:[’']d|\s+would)\s+say" if first == "I" else ""
    after = rf"{subject}(?i:{verbs})\b" + (rf"|{habitual}\b" if habitual else "")
    before = rf"\b(?i:{verbs})\s+{named}[,.;:]?$|\b(?!{first}\b)\p{{L}}+\s+(?i:{verbs})[,:]$"
    if habitual:
        before += rf"|\b{habitual}[,:]$"
    return Tags(regex.compile(after), regex.compile(before, regex.REVERSE))


@functools.cache
def dialogue_tags(language: str) -> Tags | None:
    """The dialogue-tag patterns of ``language``, compiled on first use (they are large)."""
    conventions = quote_conventions(language)
    if not conventions.speech_verbs:
        return None
    return _compile_tags(conventions.speech_verbs, conventions.subjects, conventions.possessives)
