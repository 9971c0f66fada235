"""Re-pair the quote marks of each paragraph: find the cheapest set of turns and moves.

Each paragraph's quote marks are read as a sequence.  Every mark may stay as
it is, be turned (opening <-> closing), be moved across the white space it sits
on the wrong side of, or both; a dynamic programme over the marks (with the
stack of open quotations as its state) picks the cheapest reading in which the
quotations nest properly.  Costs come from how each mark sits between spaces,
letters and punctuation, from the edits themselves, and from a few properties
of whole quotations (a quotation does not end on "the").  Only paragraphs with
some visible defect are analysed, and a change is proposed with a confidence
that grows with the cost gap to the best reading that does not make it.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

OPEN, CLOSE, APOS = 0, 1, 2
#: a straight mark in curly text: its direction is the analysis' to choose
UNKNOWN = 3

# Placement costs: how wrong a mark looks where it sits, given its direction.
_FLOAT = 2.5  # white space on both sides
_WRONG_SIDE = 3.0  # shaped like the other direction ("word” next" used as an opener)
_GLUED = 1.5  # a letter on the outer side ("word“next")
_AFTER_PUNCT = 0.8  # ",“word": a missing space after punctuation
_ODD = 1.0  # other unusual neighbours (an opener before a comma)
# Edit costs.
_TURN = 1.0
_MOVE = 1.0
_TURN_MOVE = 1.6
_STRIP = 0.5
_PAIR_OUTWARD_DISCOUNT = 1.2  # both marks of one pair pushed outward: one slip, not two
_PAIR_FLIPPED_DISCOUNT = 0.5  # both marks of one pair typed the wrong way round (”word“)
# Sequence costs.
_STRAY_CLOSER = 5.0
_STRAY_GUILLEMET = 2.5
_UNCLOSED = 1.0
_CONTINUED = 0.3  # unclosed, and the next paragraph opens again: a quotation over paragraphs
_FUNCTION_WORD_END = 3.0
_LONG_UNPUNCTUATED = 1.5
_LONG_WORDS = 6
_MAX_DEPTH = 3
_BEAM = 24
_PRUNE = 6.0
_WINDOW = 2  # top-level quotations re-solved either side of a change
_UNSURE = 0.5
_EMPTY = 3.0
_CLASH = 20.0
_MAX_MARKS = 200
_REACH = 8  # marks either side of a defect that the repair may change  # marks of one family read as one sequence at most  # the most a repair gets that leaves its paragraph ill-formed  # a reading this much costlier than the best so far is not pursued
_MIN_GAIN = 0.5
_LOWER_AFTER_STOP = 1.0
_SHORT_NESTED = 4  # a quotation inside a quotation is mostly a term: “Russian threat”
_LONG_NESTED = 1.5
_LONG_AFTER_WORD = 1.0  # a long quotation opened mid-sentence, right after a bare word
_DEEP = 1.0  # a third level of quotation
_TAG_INSIDE = 1.5

_SPACE_CHARS = frozenset(" \t\n\u00a0\u202f\u2009\u2007\u3000")
_CLOSE_PUNCT = frozenset(".,;:!?…)]}")
_OPEN_PUNCT = frozenset("([{¿¡")
_DASHES = frozenset("—–-―‒")
QUOTE_CHARS = "\"'«»‹›“”„‟‘’‚‛"
_QUOTE_SET = frozenset(QUOTE_CHARS)
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_BLANK = _SPACE_CHARS | _INVISIBLE
_DROP_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE))
_QUOTE_RE = regex.compile("[" + regex.escape(QUOTE_CHARS) + "]")
# Paragraphs with quote marks between two progress/cancel checkpoints.
_CHECK_EVERY = 200
_BLANK_LINE = regex.compile(r"\n[ \t\u00a0]*\n")
_WORD_START = regex.compile(
    r"(?<![\p{L}\p{N}\p{M}\-\u00ad])(?<!-\n)[\p{L}\p{N}]"
)  # announ-ced: one word
_LONG_LINE = 150

#: elisions written with a leading apostrophe ("’tis", "’em", "rock ’n’ roll")
ELISIONS = frozenset(
    "tis twas twere twill twould em n cause cos til till bout round gainst mid midst "
    "neath tween ere im ow er e ave alf ome".split()
)

#: what follows an apostrophe that ends a contraction or possessive
_SUFFIXES = frozenset("s ll d t re ve m S LL D T RE VE M".split())

#: words a quotation does not end on: articles, possessives, prepositions, conjunctions
_FUNCTION_ENDINGS: dict[str, frozenset[str]] = {
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


@dataclass(frozen=True, slots=True)
class Tags:
    """Dialogue tags of one language ("she said").

    Right after an opening mark or right before a closing one, a tag shows the
    mark is the wrong way round: tags stand outside quotations.
    """

    after: regex.Pattern[str]
    before: regex.Pattern[str]


_SUBJECTS: dict[str, str] = {
    "en": "I|he|she|they|it|we",
    "de": "ich|er|sie|es",
    "fr": "je|il|elle|on",
    "ru": "я|он|она|они",
}


_POSSESSIVES: dict[str, str] = {
    "I": "the|my|his|her|their|our|your",
    "ich": "der|die|das|mein|meine|sein|seine|ihr|ihre",
    "je": "le|la|les|mon|ma|son|sa",
    "я": "мой|моя|его|ее",
}


def _compile_tags(verbs: str, subjects: str) -> Tags:
    first = subjects.split("|", 1)[0]
    # "she said" or "Alice said" right after an opener; "said he" or "said my
    # sister" right before a closer ("what I said.” is speech, so no "I")
    subject = rf"(?:(?i:{subjects})\s+|\p{{Lu}}\p{{Ll}}+\s+)?"
    # after the verb: a pronoun, a name ("Mr. Grewgious"), or a possessive and a noun
    named = rf"(?:(?i:{subjects}|{_POSSESSIVES.get(first, 'the')})\s+\p{{L}}+|(?i:{subjects})"
    named += r"|\p{Lu}\p{L}*\.?(?:\s+\p{Lu}\p{L}+)?"
    named += r"|(?i:to\s+(?:him|her|them|my|your|our)sel(?:f|ves)))"
    return Tags(
        regex.compile(rf"{subject}(?i:{verbs})\b"),
        regex.compile(
            rf"\b(?i:{verbs})\s+{named}[,.;:]?$|\b(?!{first}\b)\p{{L}}+\s+(?i:{verbs})[,:]$"
        ),
    )


@functools.cache
def _tags(language: str) -> Tags | None:
    """The dialogue-tag patterns of ``language``, compiled on first use (they are large)."""
    verbs = _SPEECH_VERBS.get(language)
    return None if verbs is None else _compile_tags(verbs, _SUBJECTS[language])


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


def _count(text: str, char: str) -> int:
    return text.count(char)


# «word» (or « word ») against »word«: each mark counts where only one reading fits
_GUILLEMET_FR = regex.compile(
    r"(?<![\p{L}\p{N}])«(?=[ \u00a0\u202f]?[\p{L}\p{N}])"
    r"|(?<=[\p{L}\p{N}.!?,…][ \u00a0\u202f]?)»(?![\p{L}\p{N}])"
)
_GUILLEMET_DE = regex.compile(
    r"(?<![\p{L}\p{N}])»(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}.!?,…])«(?![\p{L}\p{N}])"
)


def detect_convention(text: str) -> Convention:
    """Work out from mark counts and their surroundings which quotes the document uses.

    English “…” ‘…’, German „…“ ‚…‘ (where “ closes), »…« or «…» guillemets.
    Straight marks join the analysis only in text that is clearly curly.
    """
    marks: dict[str, tuple[Family, int]] = {}
    low, high_open, high_close = _count(text, "„"), _count(text, "“"), _count(text, "”")
    # „ against the other double marks: a clear majority either way decides, and
    # repairs only add to it, so cleaning settles; in between, doubles are left alone
    others = high_open + high_close - low
    double_main: Family | None = None
    if low and 2 * low >= others + 2:
        # „…“ (German, Russian inner) or „…” (Polish, Dutch): low mark opens
        closer = "“" if high_open >= high_close else "”"
        german = Family("low-double", "„", closer)
        marks["„"] = (german, OPEN)
        marks["“"] = (german, CLOSE)
        marks["”"] = (german, CLOSE)
        double_main = german
    elif not low or 2 * low + 2 <= others:
        english = Family("double", "“", "”")
        marks["“"] = (english, OPEN)
        marks["”"] = (english, CLOSE)
        if low:
            marks["„"] = (english, OPEN)
        double_main = english if high_open + high_close else None
    low_single = _count(text, "‚")
    if low_single and double_main is not None and double_main.opener == "„":
        german_single = Family("low-single", "‚", "‘", single=True)
        marks["‚"] = (german_single, OPEN)
        marks["‘"] = (german_single, CLOSE)
        marks["’"] = (german_single, CLOSE)
    else:
        english_single = Family("single", "‘", "’", single=True)
        marks["‘"] = (english_single, OPEN)
        marks["’"] = (english_single, CLOSE)
    if "«" in text or "»" in text:
        # a clear majority decides; repairs then only add to it, so cleaning settles.
        # With no clear majority the guillemets are left alone.
        visible = text.translate(_DROP_INVISIBLE)
        french = len(_GUILLEMET_FR.findall(visible))
        german_g = len(_GUILLEMET_DE.findall(visible))
        if german_g > 2 * french:
            family = Family("guillemet-reversed", "»", "«")
            marks["»"], marks["«"] = (family, OPEN), (family, CLOSE)
            single_g = Family("single-guillemet-reversed", "›", "‹", single=True)
            marks["›"], marks["‹"] = (single_g, OPEN), (single_g, CLOSE)
        elif french > 2 * german_g:
            family = Family("guillemet", "«", "»", spaced=True)
            marks["«"], marks["»"] = (family, OPEN), (family, CLOSE)
            single_g = Family("single-guillemet", "‹", "›", single=True, spaced=True)
            marks["‹"], marks["›"] = (single_g, OPEN), (single_g, CLOSE)
    curly = high_open + high_close + low
    straight = _count(text, '"')
    if double_main is not None and straight and curly >= 6 and curly >= 4 * straight:
        marks['"'] = (double_main, UNKNOWN)
    return Convention(marks)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks between blank lines, and single long lines in news-like text.

    A hard-wrapped paragraph spans several short lines; a block whose lines are
    long is a run of one-line paragraphs.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _BLANK_LINE.finditer(text):
        _add_block(text, pos, match.start(), spans)
        pos = match.end()
    _add_block(text, pos, len(text), spans)
    return spans


def _add_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    if start >= end:
        return
    if "\n" not in text[start:end]:
        spans.append((start, end))
        return
    lines_start = start
    longest = 0
    line_spans: list[tuple[int, int]] = []
    while True:
        newline = text.find("\n", lines_start, end)
        line_end = end if newline < 0 else newline
        line_spans.append((lines_start, line_end))
        longest = max(longest, line_end - lines_start)
        if newline < 0:
            break
        lines_start = newline + 1
    if longest > _LONG_LINE:
        spans.extend(s for s in line_spans if s[0] < s[1])
    else:
        spans.append((start, end))


def char_class(char: str) -> str:
    """Classify a neighbour of a mark.

    S space or paragraph boundary, W letter or digit, P closing punctuation,
    B opening bracket, D dash, Q quote mark, X anything else.
    """
    if not char or char in _SPACE_CHARS:
        return "S"
    if char.isalnum():
        return "W"
    if char in _CLOSE_PUNCT:
        return "P"
    if char in _OPEN_PUNCT:
        return "B"
    if char in _DASHES:
        return "D"
    if char in _QUOTE_SET:
        return "Q"
    if char.isspace():
        return "S"
    return "X"


def _side_class(char: str) -> str:
    """Like :func:`char_class`, but E for the paragraph's edge."""
    return char_class(char) if char else "E"


def placement(direction: int, left: str, right: str, spaced: bool) -> float:
    """How wrong a mark of ``direction`` looks between neighbour classes ``left`` and ``right``."""
    if spaced:
        # French spacing: a space inside the marks is as good as none
        if direction == OPEN and right == "S":
            right = "W"
        elif direction == CLOSE and left == "S":
            left = "W"
    # the paragraph's edges count as space once French spacing has been allowed for
    left = "S" if left == "E" else left
    right = "S" if right == "E" else right
    if direction == OPEN:
        if right == "S":
            if left == "S":
                return 0.0 if spaced else _FLOAT
            return _WRONG_SIDE
        if left in "SBDQ":
            return _ODD if right == "P" else 0.0
        if left == "W":
            return _GLUED
        if left == "P":
            return _AFTER_PUNCT
        return 0.5
    if left == "S":
        if right == "S":
            return 0.0 if spaced else _FLOAT
        return _WRONG_SIDE
    if left == "B":
        return _GLUED
    if right in "SPDQ":
        return 0.0
    if right == "W":
        return _ODD if left == "P" else _GLUED
    return 0.3


@dataclass(frozen=True, slots=True)
class Option:
    """One way to read (and perhaps repair) a mark."""

    direction: int
    char: str
    #: 0 stays; +1 moves right across white space; -1 moves left; +2/-2 drops the
    #: white space on its right/left (inner spaces)
    move: int
    edit: float
    place: float
    #: the word that ends right before the mark's final position ("" after punctuation)
    word_before: str
    #: the class of the final neighbour on the right
    right_after: str
    at_end: bool
    #: whether this reading changes the text
    changed: bool
    #: what the words around say about this direction (dialogue tags, capitals)
    hint: float = 0.0

    @property
    def cost(self) -> float:
        """Edit, placement and context cost."""
        return self.edit + self.place + self.hint


@dataclass(slots=True)
class Mark:
    """A quote mark in a paragraph, with its surroundings."""

    pos: int
    char: str
    family: Family
    typed: int
    left: str
    right: str
    ws_left: int  # start of the white space run on the left (== pos if none)
    ws_right: int  # end of the white space run on the right (== pos + 1 if none)
    options: list[Option]
    #: the nearest character before the mark that is neither space nor quote mark
    previous: str = ""


@dataclass(frozen=True, slots=True)
class Change:
    """One repaired mark: replace ``text[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str
    confidence: float
    reason: str
    #: the edit also drops invisible characters (a soft hyphen in the space it crosses)
    absorbs_invisible: bool = False


def _look_left(text: str, pos: int, start: int, through_quotes: bool = True) -> str:
    """The nearest visible neighbour left of ``pos``, looking through up to two quote marks.

    Invisible format characters (soft hyphens, zero-width spaces) are looked
    through too, so removing them never changes how a mark is read.
    """
    i = pos - 1
    quotes = 0
    while i >= start:
        char = text[i]
        if char in _INVISIBLE:
            i -= 1
            continue
        if char in _QUOTE_SET and through_quotes and quotes < 2:
            quotes += 1
            i -= 1
            continue
        return char
    return ""


def _look_right(text: str, pos: int, end: int, through_quotes: bool = True) -> str:
    """The nearest visible neighbour right of ``pos`` (see :func:`_look_left`)."""
    i = pos + 1
    quotes = 0
    while i < end:
        char = text[i]
        if char in _INVISIBLE:
            i += 1
            continue
        if char in _QUOTE_SET and through_quotes and quotes < 2:
            quotes += 1
            i += 1
            continue
        return char
    return ""


def _word_before(text: str, pos: int, start: int) -> str:
    i = pos
    while i > start and (text[i - 1].isalnum()):
        i -= 1
    return text[i:pos]


def _token_before(text: str, pos: int) -> str:
    """The run of non-space characters ending at ``pos``, without quote marks."""
    i = pos
    while i > 0 and pos - i < 30 and not text[i - 1].isspace():
        i -= 1
    return text[i:pos].strip(QUOTE_CHARS)


def _token_after(text: str, pos: int) -> str:
    """The run of non-space characters starting at ``pos``, without quote marks."""
    i = pos
    while i < len(text) and i - pos < 30 and not text[i].isspace():
        i += 1
    return text[pos:i].strip(QUOTE_CHARS)


def _word_after(text: str, pos: int, end: int) -> str:
    i = pos
    while i < end and text[i].isalnum():
        i += 1
    return text[pos:i]


class _Paragraph:
    """The marks of one family in one paragraph, and the dynamic programme over them."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        marks: list[Mark],
        function_words: frozenset[str],
        continued: bool,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.marks = marks
        self.function_words = function_words
        self.continued = continued
        self._word_starts: list[int] | None = None
        self._pair_costs: dict[tuple[int, int, int, int, int], float] = {}

    def words_between(self, a: int, b: int) -> int:
        if self._word_starts is None:
            self._word_starts = [
                m.start()
                for m in _WORD_START.finditer(self.text, self.marks[0].pos, self.marks[-1].pos + 1)
            ]
        return bisect.bisect_left(self._word_starts, b) - bisect.bisect_left(self._word_starts, a)

    def _pair_cost(
        self, opener: int, o_opt: Option, closer: int, c_opt: Option, nested: bool
    ) -> float:
        cost = 0.0
        words = self.words_between(self.marks[opener].pos, self.marks[closer].pos)
        if words >= 2 and c_opt.word_before.lower() in self.function_words:
            cost += _FUNCTION_WORD_END
        if (
            words >= _LONG_WORDS
            and c_opt.word_before
            and c_opt.right_after in "SWX"
            and not c_opt.at_end
        ):
            cost += _LONG_UNPUNCTUATED
        if (
            words >= _LONG_WORDS
            and self.marks[opener].previous.isalnum()
            and _word_before(self.text, self.marks[opener].ws_left, self.start).lower()
            not in self.function_words
        ):
            cost += _LONG_AFTER_WORD
        if nested and words > _SHORT_NESTED:
            cost += _LONG_NESTED
        if words == 0:
            cost += _EMPTY  # “” with nothing inside: two marks, not a quotation
        if (
            o_opt.move > 0
            and c_opt.move < 0
            and self.marks[opener].ws_right > self.marks[closer].ws_left
        ):
            cost += _CLASH  # both marks would cross the same space
        if o_opt.move == c_opt.move == 0 and o_opt.edit == c_opt.edit == _TURN:
            cost -= _PAIR_FLIPPED_DISCOUNT
        if o_opt.move == 1 and c_opt.move == -1 and o_opt.edit == c_opt.edit == _TURN_MOVE:
            cost -= _PAIR_OUTWARD_DISCOUNT
        return cost

    def solve(
        self,
        allowed: list[list[int]],
        exclude: tuple[int, int] | None = None,
        window: tuple[int, int] | None = None,
    ) -> tuple[float, list[int]]:
        """The cheapest reading: total cost and the chosen option of every mark.

        A beam search over the stack of open quotations; states far costlier
        than the best one are dropped, which keeps long dialogue paragraphs fast.
        ``window`` (lo, hi) solves marks lo..hi-1 alone, starting and, unless hi
        is the last mark, ending outside any quotation.
        """
        marks = self.marks
        lo, hi = window or (0, len(marks))
        # French and Russian novels run quotations over paragraphs without
        # re-opening them, so a closing guillemet with no opener is common
        stray = _STRAY_GUILLEMET if marks and marks[0].family.spaced else _STRAY_CLOSER
        pair_costs = self._pair_costs
        Stack = tuple[tuple[int, int], ...]
        beam: dict[Stack, float] = {(): 0.0}
        back: list[dict[Stack, tuple[Stack, int]]] = []
        for index in range(lo, hi):
            mark = marks[index]
            step: dict[Stack, float] = {}
            pointers: dict[Stack, tuple[Stack, int]] = {}
            options = mark.options
            for choice in allowed[index]:
                if exclude is not None and exclude[0] == index and exclude[1] == choice:
                    continue
                option = options[choice]
                base = option.cost
                direction = option.direction
                for stack, cost in beam.items():
                    total = cost + base
                    if direction == OPEN:
                        depth = len(stack)
                        if depth >= _MAX_DEPTH:
                            continue
                        if depth >= 2:
                            total += _DEEP
                        new = (*stack, (index, choice))
                    elif direction == CLOSE:
                        if stack:
                            top, top_choice = stack[-1]
                            key = (top, top_choice, index, choice, len(stack))
                            extra = pair_costs.get(key)
                            if extra is None:
                                extra = pair_costs[key] = self._pair_cost(
                                    top,
                                    marks[top].options[top_choice],
                                    index,
                                    option,
                                    len(stack) > 1,
                                )
                            total += extra
                            new = stack[:-1]
                        else:
                            total += stray
                            new = stack
                    else:
                        new = stack
                    old = step.get(new)
                    if old is None or total < old:
                        step[new] = total
                        pointers[new] = (stack, choice)
            if not step:
                return float("inf"), []
            if len(step) > 1:
                bound = min(step.values()) + _PRUNE
                step = {k: v for k, v in step.items() if v <= bound}
                if len(step) > _BEAM:
                    step = dict(sorted(step.items(), key=lambda item: item[1])[:_BEAM])
            beam = step
            back.append(pointers)
        best_stack: Stack = ()
        best = float("inf")
        inner = hi < len(marks)
        for stack, cost in beam.items():
            total = cost + (
                _STRAY_CLOSER * len(stack) if inner else self._unclosed_cost(len(stack))
            )
            if total < best:
                best, best_stack = total, stack
        choices = [0] * (hi - lo)
        stack = best_stack
        for index in range(hi - 1, lo - 1, -1):
            previous, choice = back[index - lo][stack]
            choices[index - lo] = choice
            stack = previous
        return best, choices

    def _unclosed_cost(self, depth: int) -> float:
        if depth == 0:
            return 0.0
        if self.continued:
            return _CONTINUED + _UNCLOSED * (depth - 1)
        return _UNCLOSED * depth


def _hints(text: str, mark: Mark, start: int, end: int, tags: Tags | None) -> tuple[float, float]:
    """Context costs of reading ``mark`` as an opener and as a closer.

    A quotation that opens after a full stop starts with a capital; a dialogue
    tag ("she said") stands outside the quotation, after a closing mark or
    before an opening one.
    """
    open_cost = close_cost = 0.0
    before = mark.ws_left
    while before > start and text[before - 1] in _QUOTE_SET:
        before -= 1
    after = mark.ws_right
    while after < end and text[after] in _QUOTE_SET:
        after += 1
    previous = text[before - 1] if before > start else ""
    mark.previous = previous
    following = text[after] if after < end else ""
    if previous in ".?!" and following.islower():
        open_cost += _LOWER_AFTER_STOP
    if tags is not None:
        if tags.after.match(text, after, min(end, after + 60)):
            open_cost += _TAG_INSIDE
        if tags.before.search(text, max(start, before - 60), before):
            close_cost += _TAG_INSIDE
    return open_cost, close_cost


def _options(
    text: str,
    mark: Mark,
    start: int,
    end: int,
    convention_spaced: bool,
    tags: Tags | None = None,
) -> list[Option]:
    """Every reading of ``mark``: the typed one first."""
    family = mark.family
    options: list[Option] = []
    spaced = convention_spaced
    pos = mark.pos
    left, right = mark.left, mark.right
    at_end = mark.ws_right >= end
    hints = _hints(text, mark, start, end, tags)
    for direction in (OPEN, CLOSE):
        char = family.opener if direction == OPEN else family.closer
        if mark.typed == UNKNOWN:
            turn = 0.0
        elif direction == mark.typed:
            turn = 0.0
            char = mark.char  # keep a variant that is already right (” in „…” text)
        else:
            turn = _TURN
        word_before = _word_before(text, pos, start)
        options.append(
            Option(
                direction,
                char,
                0,
                turn,
                placement(direction, left, right, spaced),
                word_before,
                right,
                at_end,
                char != mark.char,
                hints[direction],
            )
        )
        if direction == OPEN and right == "S" and mark.ws_right < end:
            after = _side_class(_look_right(text, mark.ws_right - 1, end))
            if left not in "SE":
                if (turn and family.single) or (spaced and left != "W"):
                    continue  # ’ before a space is far likelier an apostrophe than a moved opener
                edit = _TURN_MOVE if turn else _MOVE
                move = 1
            else:
                edit = turn + _STRIP
                move = 2
            options.append(
                Option(
                    direction,
                    char,
                    move,
                    edit,
                    placement(OPEN, "S", after, spaced),
                    "",
                    after,
                    False,
                    True,
                    hints[OPEN],
                )
            )
        if direction == CLOSE and left == "S" and mark.ws_left > start:
            before_pos = mark.ws_left
            before = _side_class(_look_left(text, before_pos, start))
            if right not in "SE":
                if (turn and family.single) or (spaced and right != "W"):
                    continue
                edit = _TURN_MOVE if turn else _MOVE
                move = -1
            else:
                if right == "E" and "\n" in text[mark.ws_left : pos]:
                    # A closing mark alone on a paragraph's last line is where a rejoined
                    # word left it; carrying it back up is a matter of layout.
                    continue
                edit = turn + _STRIP
                move = -2
            options.append(
                Option(
                    direction,
                    char,
                    move,
                    edit,
                    placement(CLOSE, before, "S", spaced),
                    _word_before(text, before_pos, start),
                    "S",
                    at_end,
                    True,
                    hints[CLOSE],
                )
            )
    if family.single and mark.typed in (CLOSE, UNKNOWN) and mark.char in "’'‘":
        apostrophe = _apostrophe_cost(text, mark, end)
        if apostrophe is not None:
            turn = 0.0 if mark.char == "’" else _TURN
            options.append(
                Option(APOS, "’", 0, turn, apostrophe, "", right, at_end, mark.char != "’")
            )
    return options


def _apostrophe_cost(text: str, mark: Mark, end: int) -> float | None:
    """How plausible it is that a single closing mark is an apostrophe, or ``None``."""
    if mark.right == "W" and _word_after(text, mark.pos + 1, end) in _SUFFIXES:
        return 0.0  # A.’s, _I_’ll
    if mark.left == "W" and mark.right != "W":
        return 0.0  # dogs’, goin’: as plausible as a closing quote
    if mark.left in "SBDE" and (
        mark.right == "W" or text[mark.pos + 1 : mark.pos + 2] in ("_", "*")
    ):
        word = _word_after(text, mark.pos + 1 + (text[mark.pos + 1] in "_*"), end).lower()
        if word in ELISIONS or word.isdigit():
            return 0.0
        return 0.8
    return None


def _typed_choices(mark: Mark) -> list[int]:
    """The options that leave the mark as it is."""
    return [i for i, o in enumerate(mark.options) if not o.changed]


def analyse(
    text: str,
    language: str,
    convention: Convention | None = None,
    checkpoint: Callable[[float], None] | None = None,
) -> Iterator[Change]:
    """Yield the repairs of every paragraph of ``text`` whose quote marks are broken.

    ``checkpoint`` is called every few hundred paragraphs with the fraction
    done, so a caller can report progress or stop the work by raising.
    """
    matches = [m.start() for m in _QUOTE_RE.finditer(text)]
    if not matches:
        return
    conv = convention or detect_convention(text)
    function_words = _FUNCTION_ENDINGS.get(language, _FUNCTION_ENDINGS["en"])
    tags = _tags(language)
    spans = paragraphs(text)
    starts = [s for s, _ in spans]
    by_paragraph: dict[int, list[int]] = {}
    for pos in matches:
        by_paragraph.setdefault(bisect.bisect_right(starts, pos) - 1, []).append(pos)
    for done, (number, positions) in enumerate(by_paragraph.items()):
        if checkpoint is not None and done % _CHECK_EVERY == 0:
            checkpoint(done / len(by_paragraph))
        start, end = spans[number]
        following = spans[number + 1] if number + 1 < len(spans) else None
        yield from _analyse_paragraph(
            text, start, end, positions, conv, function_words, following, tags
        )


def _continues_quotation(text: str, pos: int, start: int, end: int) -> bool:
    """Whether a French closing guillemet stands where a continued quotation resumes."""
    if pos + 1 >= end or not (text[pos + 1].isalnum() or text[pos + 1] in "_*"):
        return False
    return pos == start or not text[pos - 1].isalnum()


def _opens_with(text: str, span: tuple[int, int] | None, family: Family) -> bool:
    if span is None:
        return False
    start, end = span
    i = start
    while i < end and text[i] in _SPACE_CHARS:
        i += 1
    return (
        i < end
        and text[i] in (family.opener, "“", "„", "«", "»", "‘", "‚")
        and (text[i] == family.opener or not family.single)
    )


def _analyse_paragraph(
    text: str,
    start: int,
    end: int,
    positions: list[int],
    conv: Convention,
    function_words: frozenset[str],
    following: tuple[int, int] | None,
    tags: Tags | None,
) -> Iterator[Change]:
    marks_count = len(positions)
    if (
        marks_count > 4
        and marks_count * 8 > end - start  # only dense marks are worth counting words for
        and marks_count > 2 * len(_WORD_START.findall(text, start, end)) + 4
    ):
        # far more marks than words (a row of ditto marks, a line of quote
        # characters): no quotations to repair, and not worth building marks for
        return
    groups: dict[str, list[Mark]] = {}
    families: dict[str, Family] = {}
    for pos in positions:
        char = text[pos]
        entry = conv.family_of(char)
        if entry is None:
            continue
        family, typed = entry
        if (
            family.single
            and _look_left(text, pos, start, through_quotes=False).isalnum()
            and _look_right(text, pos, end, through_quotes=False).isalnum()
        ):
            continue  # an apostrophe inside a word (don’t, don‘t): not a quote
        if typed == UNKNOWN and pos > start and text[pos - 1].isdigit():
            continue  # 5' 3": an inch or second mark, not a quote
        if family.spaced and typed == CLOSE and _continues_quotation(text, pos, start, end):
            continue  # French "guillemet de suite": » before the words of a continued quotation
        left = _side_class(_look_left(text, pos, start))
        right = _side_class(_look_right(text, pos, end))
        # white space (and invisible characters) on each side; a mark only moves
        # across plain white space, but inner spaces can be dropped past a soft hyphen
        ws_left = pos
        while ws_left > start and text[ws_left - 1] in _BLANK:
            ws_left -= 1
        ws_right = pos + 1
        while ws_right < end and text[ws_right] in _BLANK:
            ws_right += 1
        mark = Mark(pos, char, family, typed, left, right, ws_left, ws_right, [])
        groups.setdefault(family.name, []).append(mark)
        families[family.name] = family
    for name, all_marks in groups.items():
        family = families[name]
        continued = _opens_with(text, following, family)
        for marks, last in _chunks(text, all_marks):
            defects, unclosed = _defects(text, start, end, marks, function_words)
            if not defects:
                continue
            for mark in marks:
                mark.options = _options(text, mark, start, end, family.spaced, tags)
            # only marks near a defect may change: far from one, a mark that looks
            # right is right, and the search stays small in long paragraphs
            hot = bytearray(len(marks))
            for index in (*defects, *unclosed):
                hot[max(0, index - _REACH) : index + _REACH + 1] = b"\x01" * (
                    min(len(marks), index + _REACH + 1) - max(0, index - _REACH)
                )
            yield from _repair_family(
                text, start, end, marks, family, function_words, continued and last, hot
            )


def _chunks(text: str, marks: list[Mark]) -> Iterator[tuple[list[Mark], bool]]:
    """Split a very long run of marks (a book with no blank lines) into pieces.

    Pieces end where the marks as typed stand outside every quotation, so each
    can be read alone; runs of marks with hardly any words between them are
    not text and are skipped.  Yields (marks, whether the piece is the last).
    """
    if len(marks) <= _MAX_MARKS:
        yield marks, True
        return
    piece: list[Mark] = []
    depth = 0
    for number, mark in enumerate(marks):
        piece.append(mark)
        depth = depth + 1 if mark.typed == OPEN else max(0, depth - 1)
        if (depth == 0 and len(piece) >= _MAX_MARKS // 2) or len(piece) >= _MAX_MARKS:
            if _is_prose(text, piece):
                yield piece, number == len(marks) - 1
            piece, depth = [], 0
    if piece and _is_prose(text, piece):
        yield piece, True


def _is_prose(text: str, marks: list[Mark]) -> bool:
    """Whether there are words enough between the marks for them to be quotations."""
    words = len(_WORD_START.findall(text, marks[0].pos, marks[-1].pos + 1))
    return words >= len(marks)


def _repair_family(
    text: str,
    start: int,
    end: int,
    marks: list[Mark],
    family: Family,
    function_words: frozenset[str],
    continued: bool,
    hot: bytearray,
) -> Iterator[Change]:
    para = _Paragraph(text, start, end, marks, function_words, continued)
    as_typed = [_typed_choices(m) for m in marks]
    everything = [
        list(range(len(m.options))) if hot[i] or not as_typed[i] else as_typed[i]
        for i, m in enumerate(marks)
    ]
    best, choices = para.solve(everything)
    baseline, _ = para.solve(as_typed) if all(as_typed) else (float("inf"), [])
    if not choices or best > baseline - _MIN_GAIN:
        return
    changed = [i for i, c in enumerate(choices) if marks[i].options[c].changed]
    if not changed:
        return
    margins: dict[int, float] = {}
    segments: dict[int, int] = {}
    bounds = _top_level_bounds(marks, choices)
    window_costs: dict[tuple[int, int], float] = {}
    for index in changed:
        # the best reading without this change, re-solved around the mark only:
        # a few top-level quotations either side decide it
        k = bisect.bisect_right(bounds, index) - 1
        segments[index] = k
        window = (bounds[max(0, k - _WINDOW)], bounds[min(len(bounds) - 1, k + 1 + _WINDOW)])
        if window not in window_costs:
            window_costs[window] = para.solve(everything, window=window)[0]
        alternative, _ = para.solve(everything, exclude=(index, choices[index]), window=window)
        margins[index] = alternative - window_costs[window]
    defects = [
        bisect.bisect_right(bounds, i) - 1 for i in _still_defective(marks, choices, continued)
    ]
    partners = _pairs(marks, choices)
    # changes within reach of each other are one decision: applying only the sure
    # part of a repair would leave a different puzzle behind, and cleaning would
    # not settle
    # A group near a defect the repair leaves behind is unsure.
    group_confidence: dict[int, float] = {}
    group: list[int] = []
    for index in [*changed, -1]:
        if group and (index < 0 or segments[index] - segments[group[-1]] > _WINDOW):
            confidence = _confidence(min(margins[i] for i in group))
            low, high = segments[group[0]] - _WINDOW, segments[group[-1]] + _WINDOW
            if any(low <= d <= high for d in defects):
                confidence = min(confidence, _UNSURE)
            group_confidence.update(dict.fromkeys(group, confidence))
            group = []
        group.append(index)
    for index in changed:
        confidence = group_confidence[index]
        partner = partners.get(index)
        mark = marks[index]
        other = marks[partner] if partner is not None else None
        yield from _change(text, mark, mark.options[choices[index]], other, confidence)


def _still_defective(marks: list[Mark], choices: list[int], continued: bool) -> list[int]:
    """The marks that are still misplaced, stray or unclosed after the repair."""
    defects: list[int] = []
    stack: list[int] = []
    for index, (mark, choice) in enumerate(zip(marks, choices, strict=True)):
        option = mark.options[choice]
        if option.place >= _ODD:
            defects.append(index)
        if option.direction == OPEN:
            stack.append(index)
        elif option.direction == CLOSE:
            if stack:
                stack.pop()
            else:
                defects.append(index)
    # one quotation may run on into the next paragraph
    defects.extend(stack[1:] if continued else stack)
    return defects


def _top_level_bounds(marks: list[Mark], choices: list[int]) -> list[int]:
    """Mark indices where the chosen reading stands outside every quotation, and the end."""
    bounds = [0]
    depth = 0
    for index, choice in enumerate(choices):
        direction = marks[index].options[choice].direction
        if direction == OPEN:
            depth += 1
        elif direction == CLOSE and depth:
            depth -= 1
        if depth == 0 and index + 1 < len(choices):
            bounds.append(index + 1)
    bounds.append(len(choices))
    return bounds


def _confidence(margin: float) -> float:
    return max(0.2, min(0.97, 0.3 + 0.3 * margin))


def _defects(
    text: str, start: int, end: int, marks: list[Mark], function_words: frozenset[str]
) -> tuple[list[int], list[int]]:
    """The marks that show a defect as typed, and the openers left unclosed.

    Defects: a misplaced mark, a straight mark among curly ones, a closing mark
    with no opener, a quotation ending on a word like "the".  Cheap: most
    paragraphs have none and stop here.
    """
    defects: list[int] = []
    stack: list[int] = []
    for index, mark in enumerate(marks):
        if mark.typed == UNKNOWN:
            defects.append(index)
            continue
        cost = placement(mark.typed, mark.left, mark.right, mark.family.spaced)
        apostrophe = None
        if mark.family.single and mark.char == "’":
            apostrophe = _apostrophe_cost(text, mark, end)
        if apostrophe is not None:
            cost = min(cost, apostrophe)
        if cost >= _ODD:
            defects.append(index)
        if apostrophe is not None:
            continue
        if mark.typed == OPEN:
            stack.append(index)
        elif not stack:
            defects.append(index)
        else:
            stack.pop()
            if _word_before(text, mark.pos, start).lower() in function_words:
                defects.append(index)  # "The” Russian threat": quotations do not end on "the"
    return defects, stack


def _pairs(marks: list[Mark], choices: list[int]) -> dict[int, int]:
    stack: list[int] = []
    partners: dict[int, int] = {}
    for index, choice in enumerate(choices):
        direction = marks[index].options[choice].direction
        if direction == OPEN:
            stack.append(index)
        elif direction == CLOSE and stack:
            opener = stack.pop()
            partners[opener] = index
            partners[index] = opener
    return partners


def _snippet(text: str, a: int, b: int, family: Family) -> str:
    inner = " ".join(text[a + 1 : b].split())
    inner = inner.strip("".join(_QUOTE_SET))
    if len(inner) > 40:
        inner = inner[:37].rstrip() + "…"
    return f"{family.opener}{inner}{family.closer}"


def _change(
    text: str, mark: Mark, option: Option, partner: Mark | None, confidence: float
) -> list[Change]:
    """The text edit and its explanation for one repaired mark (none if it changes nothing).

    Invisible characters (soft hyphens) in the white space a mark crosses or
    loses are dropped with it.
    """
    pos, char = mark.pos, option.char
    if option.move == 0:
        start, end, replacement = pos, pos + 1, char
    elif option.move > 0:
        start, end = pos, mark.ws_right
        space = "".join(c for c in text[pos + 1 : end] if c not in _INVISIBLE)
        # after a bracket the space is dropped ("( “word" → "(“word"), elsewhere swapped
        drop = option.move == 2 or (pos > 0 and text[pos - 1] in "([{")
        replacement = char if drop and "\n" not in space else space + char
    else:
        start, end = mark.ws_left, pos + 1
        space = "".join(c for c in text[start:pos] if c not in _INVISIBLE)
        # before punctuation the space is dropped ("word ”)" → "word”)"), before a word swapped
        following = text[pos + 1 : pos + 2]
        drop = option.move == -2 or following in _CLOSE_PUNCT
        replacement = char if drop and "\n" not in space else char + space
    family = mark.family
    if partner is not None:
        a, b = sorted((pos, partner.pos))
        quotation = "the quotation " + _snippet(text, a, b, family)
    else:
        quotation = "an unpaired quotation"
    before = _token_before(text, mark.ws_left)
    after = _token_after(text, mark.ws_right)
    opens = option.direction == OPEN
    turned = mark.typed != UNKNOWN and option.direction != mark.typed
    if option.direction == APOS:
        reason = (
            f"The mark before ‘{_word_after(text, pos + 1, len(text))}’ is an apostrophe "
            "standing for left-out letters, not a quotation mark."
        )
    elif mark.typed == UNKNOWN:
        role = "opens" if opens else "closes"
        reason = f"A straight quote mark in curly-quoted text: it {role} {quotation}."
        if option.move:
            reason = reason[:-1] + ", and moves to the other side of its space."
    elif abs(option.move) == 1 and turned:
        if opens:
            reason = (
                f"The closing mark after ‘{before}’ should open {quotation}: it is turned "
                f"and moved across the space to stand before ‘{after}’."
            )
        else:
            reason = (
                f"The opening mark before ‘{after}’ should close {quotation}: it is turned "
                f"and moved across the space to stand after ‘{before}’."
            )
    elif abs(option.move) == 1:
        if opens:
            reason = (
                f"The opening mark of {quotation} is glued to ‘{before}’: it belongs on the "
                f"other side of the space, before ‘{after}’."
            )
        else:
            reason = (
                f"The closing mark of {quotation} is glued to ‘{after}’: it belongs on the "
                f"other side of the space, after ‘{before}’."
            )
    elif option.move:
        side = "after its opening mark" if opens else "before its closing mark"
        reason = f"The space inside {quotation} {side} is removed."
        if turned:
            reason = reason[:-1] + ", and the mark is turned the right way round."
    else:
        role = "opens" if opens else "closes"
        wrong = "a closing" if opens else "an opening"
        reason = f"This mark {role} {quotation} but is typed as {wrong} mark."
    changes = []
    if replacement != text[start:end]:
        original = text[start:end]
        absorbs = any(c in _INVISIBLE for c in original)
        changes.append(Change(start, end, replacement, confidence, reason, absorbs))
    return changes
