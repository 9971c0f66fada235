"""Weigh the evidence for and against joining the two sides of a hyphen.

Each piece of evidence is a signed weight on the log-odds that the hyphen is
a layout artifact (positive: join the word) and a phrase naming it, so the
verdict's reason tells the user exactly what it rests on.  The weights are
hand-set and deliberately few; see :meth:`HyphenJudge.judge`.
"""

from __future__ import annotations

import bisect
import collections
import enum
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from editor.engine.languages import hyphen_hints
from editor.engine.lexicon import load_lexicon
from editor.engine.rules.hyphen_calibration import FixKind, calibrated
from editor.engine.rules.hyphen_weights import WEIGHTS
from editor.engine.vocabulary import Vocabulary

if TYPE_CHECKING:
    from collections import Counter

    from editor.engine.lexicon import Lexicon
    from editor.engine.userdict import UserDictionary


class Gap(enum.Enum):
    """What follows the hyphen before the next fragment."""

    NONE = "none"  # announ-ced
    SPACE = "space"  # announ- ced
    LINE = "line"  # announ-\nced


class Action(enum.Enum):
    """What to do with one hyphen."""

    JOIN = "join"  # drop the hyphen and the gap: one word
    TIGHTEN = "tighten"  # keep the hyphen, drop the gap: well- known -> well-known
    LEAVE = "leave"  # a real hyphen in its place: propose nothing


@dataclass(frozen=True, slots=True)
class Verdict:
    """The decision about one hyphen, its confidence (0..1) and the reason in one sentence."""

    action: Action
    confidence: float
    reason: str


# What a join rests on when no single piece of evidence stands out.
_DEFAULT_WHY = {
    Gap.NONE: "the parts read better as one word",
    Gap.SPACE: "a hyphen followed by a space inside a sentence is a broken word",
    Gap.LINE: "a hyphen at the end of a line is usually where a word was broken",
}

W = WEIGHTS
_JOIN_KIND = {
    Gap.NONE: FixKind.JOIN_INLINE,
    Gap.SPACE: FixKind.JOIN_SPACE,
    Gap.LINE: FixKind.JOIN_LINE,
}
# A lower-case letter followed by a capital: "StructuredText", "iPhone".
_CAMEL = regex.compile(r"\p{Ll}\p{Lu}")
#: a lower-case word of three letters or more and the digits glued to its end
_NUMBERED_WORD = regex.compile(r"(\p{Ll}{3,})\p{Nd}+")
_PRIOR = {Gap.NONE: W.prior_inline, Gap.SPACE: W.prior_space, Gap.LINE: W.prior_line}


@dataclass
class _Case:
    """Evidence gathered about one hyphen: signed weights with the phrases that explain them."""

    items: list[tuple[float, str]] = field(default_factory=list)

    def add(self, weight: float, phrase: str) -> None:
        if weight:
            self.items.append((weight, phrase))

    def log_odds(self, prior: float) -> float:
        return prior + sum(weight for weight, _ in self.items)

    def explain(self, joining: bool, limit: int = 3) -> str:
        """The strongest phrases that argue for the decision taken, strongest first."""
        agreeing = [(w, p) for w, p in self.items if (w > 0) == joining and p]
        agreeing.sort(key=lambda item: -abs(item[0]))
        return "; ".join(p for _, p in agreeing[:limit])


def _times(count: int) -> str:
    return f"{count}×"


def _rounded(confidence: float) -> float:
    # Evidence about words never makes a change certain: 0.99 is the ceiling.
    return min(0.99, round(confidence, 2))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


class HyphenJudge:
    """Decides hyphen by hyphen, with the document's and the language's evidence at hand.

    ``hyphenated`` counts the document's hyphenated forms written inline
    (case-folded, hyphen-like marks as ``-``; ``a-b`` for every pair of
    neighbouring parts and the whole chain), ``parts`` how often each word
    occurs as a part of any hyphenated chain, so that a fragment's standalone
    count is ``vocabulary.count(w) - parts[w]``.  ``splits`` counts, for every
    hyphen in the text, its joined word (``announced``) and its split
    (``announ|ced``).
    """

    def __init__(
        self,
        language: str,
        lexicon: Lexicon,
        vocabulary: Vocabulary,
        hyphenated: Counter[str],
        parts: Counter[str],
        user_dictionary: UserDictionary,
        splits: Counter[str] | None = None,
    ) -> None:
        self.language = language
        self.lexicon = lexicon
        self.vocabulary = vocabulary
        self.hyphenated = hyphenated
        self.parts = parts
        self.splits: Counter[str] = splits if splits is not None else collections.Counter()
        self.user_dictionary = user_dictionary
        self._has_user_words = bool(user_dictionary.keep or user_dictionary.join)
        self.hints = hyphen_hints(language)
        self.document_words = max(1, sum(vocabulary.counts.values()))
        self._words: dict[str, bool] = {}
        self._document_sorted: list[str] | None = None

    def seeing(self, made: Counter[str], unwritten: Counter[str]) -> HyphenJudge:
        """A judge for the text as it will read once this scan's joins are applied.

        ``made`` counts the joined words the joins write (case-folded),
        ``unwritten`` the inline hyphenated forms they remove.
        """
        counts = collections.Counter(self.vocabulary.counts)
        counts.update(made)
        hyphenated = collections.Counter(self.hyphenated)
        hyphenated.subtract(unwritten)
        return HyphenJudge(
            self.language,
            self.lexicon,
            Vocabulary(counts),
            +hyphenated,
            self.parts,
            self.user_dictionary,
            self.splits,
        )

    # -- facts about single words ------------------------------------------

    def standalone(self, word: str) -> int:
        """How often ``word`` (case-folded) stands alone in the text, outside hyphenated chains."""
        return max(0, self.vocabulary.count(word) - self.parts.get(word, 0))

    def is_word(self, fragment: str) -> bool:
        """Whether ``fragment`` is a word of the language on its own.

        Short fragments need strong evidence: most two- and three-letter
        strings are in some word list ("re", "ced") without being words a
        hyphen would separate.
        """
        known = self._words.get(fragment)
        if known is None:
            known = self._words[fragment] = self._is_word(fragment)
        return known

    def _is_word(self, fragment: str) -> bool:
        folded = fragment.casefold()
        size = len(folded)
        if size == 1:
            return folded in self.hints.single_letters
        lexicon = self.lexicon
        if size == 2:
            return lexicon.zipf(folded) >= W.two_letter_word_zipf
        if size == 3:
            return lexicon.zipf(folded) >= W.three_letter_word_zipf or self.standalone(folded) >= 3
        if lexicon.is_extended:
            # A large list holds fragments too ("ская", "коллеж"): they must be common,
            # unless long ("однообразно"), where the list's debris is whole words.
            listed = (
                lexicon.in_base_list(folded)
                or lexicon.zipf(folded) >= W.large_lexicon_word_zipf
                or (size >= W.large_lexicon_long_fragment and folded in lexicon)
            )
        else:
            listed = folded in lexicon
        return listed or self.standalone(folded) >= 2

    def is_function_word(self, fragment: str) -> bool:
        """Whether ``fragment`` is a short, very common word ("or", "in", "of", "the", "de")."""
        folded = fragment.casefold()
        return len(folded) <= 4 and self.lexicon.zipf(folded) >= W.chain_function_word_zipf

    def _listed_stem(self, joined: str) -> str | None:
        """``joined`` without an ending of up to three letters, if that is a listed word."""
        for cut in (1, 2, 3):
            stem = joined[:-cut]
            if len(stem) >= 5 and stem in self.lexicon:
                return stem
        return None

    def _listed_kin(self, joined: str, left_size: int) -> str | None:
        """A listed word, or one of the text's, sharing ``joined``'s start well past the hyphen."""
        reach = max(5, left_size + 2)
        if len(joined) < reach:
            return None
        prefix = joined[:reach]
        kin = self.lexicon.word_starting_with(prefix)
        if kin is None:
            if self._document_sorted is None:
                self._document_sorted = sorted(self.vocabulary.counts)
            index = bisect.bisect_left(self._document_sorted, prefix)
            if index < len(self._document_sorted):
                candidate = self._document_sorted[index]
                kin = candidate if candidate.startswith(prefix) else None
        return kin

    def _inflected_kin(
        self, joined: str, left_size: int, left_is_word: bool, right_is_word: bool
    ) -> str | None:
        """A listed word that ``joined`` differs from only in an ending of a few letters.

        "фамильярн-ого" is missing from the lists, "фамильярно" is not; "address-ings"
        is "addressing" + "s".  The shared start must run past the hyphen, so that the
        left part alone ("северо" of "северо-западный") is no evidence; in a language
        of rich inflection a right part that is no word may be all ending
        ("небезызвестн-ы").
        """
        # Only a language of rich inflection has right parts that are all ending.
        all_ending = self.hints.rich_inflection and not right_is_word
        shortest = max(W.inflection_stem_letters, left_size + (0 if all_ending else 1))
        if left_is_word:
            # "красно-пегих" is no "краснопевцев": after a whole word the shared start
            # must hold at least half of the right part.
            shortest = max(shortest, left_size + -(-(len(joined) - left_size) // 2))
        for cut in range(1, W.inflection_ending_letters + 1):
            stem = joined[:-cut]
            if len(stem) < shortest:
                return None
            kin = self.lexicon.word_starting_with(stem)
            if kin is None:
                continue
            rest = kin[left_size:]
            if len(rest) >= W.inflection_stem_letters - 2 and self.is_word(rest):
                # "юговосток" is "юго" + "восток" written closed (web debris of the
                # compound), no form that "юго-восточный" could be an inflection of.
                return None
            return kin
        return None

    def _composition(self, joined: str) -> tuple[str, str] | None:
        """For closed-compound languages, a split of ``joined`` into two listed words."""
        lexicon = self.lexicon
        for cut in range(3, len(joined) - 2):
            head, tail = joined[:cut], joined[cut:]
            if tail not in lexicon:
                continue
            if head in lexicon or (head.endswith("s") and head[:-1] in lexicon):
                return head, tail
        return None

    # -- the decision --------------------------------------------------------

    def judge(
        self,
        left: str,
        right: str,
        gap: Gap,
        chain_parts: int = 2,
        mid_sentence: bool = False,
        short_line: bool = False,
        word_chain: bool = False,
    ) -> Verdict:
        """Decide about the hyphen between ``left`` and ``right`` (their original case).

        ``chain_parts`` is the number of parts in the whole hyphenated chain
        (3 for "state-of-the-art"); ``mid_sentence`` says the chain does not
        start a sentence, so a capital there marks a name; ``short_line`` that a
        line-end hyphen ends a line much shorter than the text's full lines, so
        no typesetter had to break the word there; ``word_chain`` that the chain
        is words around a function word ("do-or-die"), one compound.  The returned
        verdict's confidence is the probability of its action as the evidence
        puts it.
        """
        if gap is not Gap.NONE and right.casefold() in self.hints.conjunctions:
            if not left.isalpha():
                # "i386- und amd64-Pakete": the words say nothing, the conjunction all.
                return Verdict(Action.LEAVE, 0.95, self._suspended_phrase(right) + ".")
        elif not (left + right).isalpha() and any(ch.isdigit() for ch in left + right):
            numbered = _NUMBERED_WORD.fullmatch(right) if gap is Gap.LINE else None
            if numbered is not None and left.isalpha():
                # "se-⏎quence1": a number glued to the end of a broken word, as code
                # names it ("sequence1", "param2"); the letters decide.
                verdict = self.judge(left, numbered[1], gap, chain_parts, mid_sentence, short_line)
                if verdict.action is Action.JOIN:
                    return verdict
            return self._numbers(left, right, gap)
        hyphenated = f"{left}-{right}"
        decided = self._has_user_words
        if decided and self.user_dictionary.always_joins(hyphenated):
            return Verdict(
                Action.JOIN, 0.97, f"Your dictionary says to always join ‘{hyphenated}’."
            )
        if decided and self.user_dictionary.always_keeps(hyphenated):
            return self._keep(
                gap, 0.95, f"Your dictionary says to keep ‘{hyphenated}’ hyphenated.", left, right
            )
        case = _Case()
        if gap is Gap.LINE and self._broken_identifier(left, right):
            case.add(
                W.camel_case_in_text,
                f"‘{left}{right}’ is one word that the text writes or spells in camel case",
            )
        else:
            veto = self._veto(left, right, chain_parts)
            if veto is not None:
                return self._keep(gap, 0.95, veto, left, right)
        a, b = left.casefold(), right.casefold()
        joined = a + b
        shown = left + right
        suspended = gap is not Gap.NONE and b in self.hints.conjunctions
        if suspended:
            case.add(W.suspended, self._suspended_phrase(right))
        self._joined_evidence(case, a, b, joined, shown, gap)
        name = (
            mid_sentence
            and left.istitle()
            and right.islower()
            and len(left) > 1
            and self.vocabulary.count(a + b) > 0
        )
        self._fragment_evidence(case, left, right, a, b, gap, name)
        if gap is Gap.LINE and self._technical_name(left, right, joined):
            case.add(
                W.technical_name,
                f"‘{left}-{right}’ reads as a technical name: ‘{left}’ is no word and "
                f"‘{right}’ a whole English one",
            )
        self._shape_evidence(case, left, right, joined, shown)
        if gap is Gap.LINE and min(len(left), len(right)) == 1:
            case.add(W.one_letter_at_line_end, "typesetters never break a word one letter in")
        if short_line and gap is Gap.LINE:
            case.add(W.short_line, "the line is short, so the word did not have to break there")
        if chain_parts >= 3 and gap is Gap.NONE:
            case.add(W.long_chain, f"it is part of a compound of {chain_parts} parts")
        if word_chain:
            case.add(W.word_chain, "it is part of a chain of words, one compound (‘do-or-die’)")
        probability = _sigmoid(case.log_odds(_PRIOR[gap]))
        verdict = self._decide(case, probability, gap, left, right, shown)
        if suspended and verdict.action is Action.TIGHTEN:
            return Verdict(Action.LEAVE, verdict.confidence, verdict.reason)
        return verdict

    @staticmethod
    def _suspended_phrase(right: str) -> str:
        return f"‘{right}’ follows, so this is a suspended hyphen as in ‘first- and second-year’"

    def _broken_identifier(self, left: str, right: str) -> bool:
        """A capital after a line-end break that still continues one word.

        "Py-⏎Con" where the text also writes "PyCon", "re-⏎StructuredText" (a capital
        inside the right side after a lower-case letter: a camel-case name).
        """
        if not right[:1].isupper() or (left.isupper() and right.isupper()):
            return False
        if self.vocabulary.count(left + right) > 0:
            return True
        return left[:1].islower() and _CAMEL.search(right) is not None

    def _technical_name(self, left: str, right: str, joined: str) -> bool:
        """A line-end break between a fragment no word has and a whole English word.

        "apt-⏎pinning", "lsb-⏎release", "maint-⏎guide", "dselect-⏎upgrade": package and
        command names are English words after a short code, in texts of any language.
        A typesetter's break of a listed word leaves a joined form some list knows
        ("re-⏎lease"); only an unknown joined form with such a right side is a name.
        """
        if (
            len(right) < W.technical_right_letters
            or not right.isalpha()
            or not right.islower()
            or not left.isalpha()
            or self.is_word(left)
        ):
            return False
        english = load_lexicon("en")
        if english.zipf(right) < W.technical_right_zipf:
            return False
        return (
            joined not in self.lexicon
            and joined not in english
            and self.vocabulary.count(joined) == 0
        )

    def _veto(self, left: str, right: str, chain_parts: int = 2) -> str | None:
        """Shapes that are never one word, whatever the counts say."""
        if right[:1].isupper() and not (left.isupper() and right.isupper()):
            # "Jean-Claude", "non-European", and technical compounds whose first part
            # is an acronym ("USB-Stick", "DVD-ROMs", "CD-ROM-Verkäufer").
            return (
                f"‘{right}’ starts with a capital, as in a name or compound "
                f"(‘Jean-Claude’, ‘non-European’, ‘USB-Stick’)."
            )
        if len(left) == 1 and len(right) == 1:
            return f"‘{left}-{right}’ spells out single letters."
        a, b = left.casefold(), right.casefold()
        # "фу-фу", "ne-ne", "ого-го": a sound repeated, whole or its tail.
        stutter = (
            a == b
            or (len(a) <= 2 and b.startswith(a))
            or (len(b) >= 2 and len(a) <= W.rhyme_letters and a != b and a.endswith(b))
        )
        # A large list's web debris ("тото") is no evidence that the joined form is a word.
        if stutter and not self.lexicon.in_base_list(a + b) and not self.vocabulary.count(a + b):
            return f"‘{left}-{right}’ repeats a sound, as a stammer or a reduplication does."
        suffixes = self.hints.particles
        # Attached pronouns follow a verb and its hyphen ("demanda-t-elle"): a pair
        # alone is a word broken in two ("ce-⏎lui" for "celui").
        if chain_parts >= 3 and left.casefold() in suffixes and right.casefold() in suffixes:
            return f"‘-{left}-{right}’ is a pair of attached pronouns, as in ‘demanda-t-elle’."
        return None

    def _joined_evidence(
        self, case: _Case, a: str, b: str, joined: str, shown: str, gap: Gap
    ) -> None:
        lexicon = self.lexicon
        zipf = lexicon.zipf(joined)
        in_doc = self.vocabulary.count(joined)
        listed = joined in lexicon
        lexicon_weight, lexicon_phrase = 0.0, ""
        if zipf > 0:
            strength = "a common word" if zipf >= W.common_word_zipf else "a word"
            lexicon_weight = min(
                W.common_joined_cap, W.common_joined_base + W.common_joined_per_zipf * zipf
            )
            lexicon_phrase = f"is {strength}"
        elif listed:
            lexicon_weight = W.listed_joined
            lexicon_phrase = f"is in the {lexicon.language} word list"
        form = f"{a}-{b}"
        others = self.hyphenated.get(form, 0) - (1 if gap is Gap.NONE else 0)
        if in_doc and not others:
            # One sentence for both facts: "‘announced’ is a common word and occurs 3×".
            doc_weight = min(
                W.in_text_cap, W.in_text_base + W.in_text_per_doubling * math.log2(in_doc)
            )
            phrase = f"occurs {_times(in_doc)} in this text"
            if lexicon_phrase:
                phrase = f"{lexicon_phrase} and {phrase}"
            case.add(lexicon_weight + doc_weight, f"‘{shown}’ {phrase}")
            lexicon_weight = 0.0
        elif lexicon_phrase:
            case.add(lexicon_weight, f"‘{shown}’ {lexicon_phrase}")
        if in_doc and others > 0:
            # Both spellings occur: the more frequent one is the author's.
            case.add(
                max(
                    W.both_spellings_floor,
                    min(
                        W.both_spellings_cap,
                        W.both_spellings_per_doubling * math.log2(in_doc / others),
                    ),
                ),
                f"‘{shown}’ occurs {_times(in_doc)} in this text and ‘{form}’ {_times(others)} more",
            )
        elif others > 0:
            case.add(
                -min(W.hyphenated_elsewhere_cap, W.hyphenated_elsewhere_base + math.log2(others)),
                f"‘{form}’ is written with the hyphen {_times(others)} more in this text",
            )
        elif not in_doc and zipf > 0:
            expected = 10**zipf / 1e9 * self.document_words
            if expected >= W.never_in_text_min_expected:
                case.add(
                    -min(W.never_in_text_cap, W.never_in_text_per_doubling * math.log2(expected)),
                    f"‘{shown}’ never occurs in this text although it is common",
                )
        if not listed and not in_doc:
            word_a, word_b = self.is_word(a), self.is_word(b)
            split = self._composition(joined) if self.hints.closed_compounds else None
            if split is not None and (split != (a, b) or gap is not Gap.NONE):
                # German and Dutch write compounds as one word, so a line-end break
                # between two words is typesetting, not a hyphenated compound.
                case.add(
                    W.listed_joined, f"‘{shown}’ is a compound of ‘{split[0]}’ and ‘{split[1]}’"
                )
            elif lexicon.is_small and (stem := self._listed_stem(joined)):
                # A short list lacks most inflected forms: "туалетом" is "туалет" + ending.
                case.add(W.listed_joined, f"‘{shown}’ is a form of ‘{stem}’")
            elif lexicon.is_small and (kin := self._listed_kin(joined, len(a))):
                # "посвящен" is missing, "посвящение" is not: the word runs on across
                # the hyphen as a listed word does.
                case.add(W.listed_joined, f"‘{shown}’ begins like the word ‘{kin}’")
            elif (
                (self.hints.rich_inflection or not word_b)
                and not self._hyphenated_by_rule(a, b)
                and (kin := self._inflected_kin(joined, len(a), word_a, word_b))
            ):
                # Lists lack most inflected forms; where the right side is no word, no
                # compound is at stake either, only whether the joined form is a word.
                case.add(W.inflected_joined, f"‘{shown}’ is a form of the word ‘{kin}’")
            else:
                weight = W.unknown_joined_small_lexicon if lexicon.is_small else W.unknown_joined
                case.add(weight, f"‘{shown}’ is not a word")
        elsewhere = self.splits.get(joined, 0) - self.splits.get(f"{a}|{b}", 0)
        if elsewhere > 0:
            # A compound keeps its hyphen in one place; layout breaks a word anywhere.
            case.add(
                min(
                    W.split_elsewhere_cap,
                    W.split_elsewhere_base + W.split_elsewhere_per_doubling * math.log2(elsewhere),
                ),
                f"‘{shown}’ is split at another place {_times(elsewhere)} in this text",
            )
        pattern = self.hints.pattern
        if pattern is not None and pattern.fullmatch(form):
            case.add(W.affix, f"‘{form}’ follows a rule that writes it with a hyphen")
        usual = self._usual_hyphenated(form)
        if usual is not None:
            case.add(W.usual_hyphenated, f"‘{usual}’ is a usual spelling with a hyphen")

    def _usual_hyphenated(self, form: str) -> str | None:
        """``form`` or its stem (``e-mails``: ``e-mail``) if it is a known hyphenated word."""
        known = self.hints.hyphenated
        if form in known or form in self.lexicon:
            return form
        for ending in self.hints.endings:
            if form.endswith(ending) and form[: -len(ending)] in known:
                return form[: -len(ending)]
        return None

    def _fragment_evidence(
        self, case: _Case, left: str, right: str, a: str, b: str, gap: Gap, name: bool
    ) -> None:
        word_a, word_b = self.is_word(left), self.is_word(right)
        weak = self.lexicon.is_small
        if not word_a and not word_b:
            case.add(
                self._not_a_word_weight(a, weak) + self._not_a_word_weight(b, weak),
                f"‘{left}’ and ‘{right}’ are not words",
            )
        elif not word_a:
            case.add(self._not_a_word_weight(a, weak), f"‘{left}’ is not a word")
        elif not word_b:
            case.add(self._not_a_word_weight(b, weak), f"‘{right}’ is not a word")
        elif name:
            # "John-son" mid-sentence: a capitalised compound of two common words
            # is rare, a name split in two is not.
            case.add(W.name_split, f"‘{left}{right}’ is capitalised mid-sentence, like a name")
        else:
            case.add(W.both_words, f"‘{left}’ and ‘{right}’ are both words")
            # Where compounds have one fixed form, two words around a hyphen are a compound
            # only by rule ("что-то", "по-русски"); elsewhere, a joined word says join.
            fixed = self.hints.fixed_compounds and not self._hyphenated_by_rule(a, b)
            if gap is not Gap.SPACE and a not in self.hints.prefixes and not fixed:
                self._compound_evidence(case, a, b)
            if fixed and self._bare_function_word(a, b):
                case.add(
                    W.function_word_before_hyphen,
                    f"‘{left}’ is a short function word, never a compound's first part",
                )
        if a in self.hints.prefixes and word_b:
            case.add(W.affix, f"‘{left}-’ is a prefix often written with a hyphen")
            if gap is Gap.NONE and self.lexicon.zipf(a + b) < W.compound_joined_zipf:
                # "re-ignite", "pre-existing": the joined spelling is the rarer one, so
                # the hyphen is the author's; "re-turn" joins, "return" being common.
                case.add(W.rare_joined_compound, f"‘{a + b}’ is rarer than the prefix form")
            if a[-1] == b[0] and a[-1] in "aeiouyàâéèêëîïôöûü":
                case.add(W.affix, f"the hyphen keeps ‘{a[-1]}{b[0]}’ apart")
        if b in self.hints.particles and word_a:
            case.add(W.affix, f"‘-{right}’ is usually attached with a hyphen")
        if not word_b and self._impossible_start(b) and self._tail_of_a_word(a, b, gap):
            case.add(W.impossible_start, f"no {self.lexicon.language} word starts with ‘{b[:2]}’")

    def _hyphenated_by_rule(self, a: str, b: str) -> bool:
        """A known prefix before, a particle after, or a grammar rule ("по-русски")."""
        hints = self.hints
        if a in hints.prefixes or b in hints.particles:
            return True
        return hints.pattern is not None and hints.pattern.fullmatch(f"{a}-{b}") is not None

    def _bare_function_word(self, a: str, b: str) -> bool:
        """A short function word on a side of the hyphen that the language never writes so.

        Russian writes "не", "по", "бы", "о" with a hyphen only as a known prefix
        ("кое-"), before a particle ("как-то") or by rule ("по-русски"), and ends no
        compound with a one-letter word.
        """
        hints = self.hints
        if self._hyphenated_by_rule(a, b) or self.lexicon.zipf(a + b) == 0:
            return False
        if len(b) == 1 and b in hints.single_letters:
            # "сходств-а", "возбуждающим-и": no compound ends in a one-letter word.
            return True
        return len(a) <= W.bare_function_word_letters and (
            self.lexicon.zipf(a) >= W.chain_function_word_zipf
        )

    def _not_a_word_weight(self, fragment: str, weak_lexicon: bool) -> float:
        if not self.lexicon.covers(fragment):
            return 0.0
        # A short list misses most inflected forms of long words: its silence about a
        # long fragment says little.
        if weak_lexicon and len(fragment) >= 5:
            return W.not_a_word / 2
        return W.not_a_word

    def _tail_of_a_word(self, a: str, b: str, gap: Gap) -> bool:
        """Whether a right side no word starts like may be read as the rest of a word.

        At a line end a typesetter broke a word; inline, a right side that starts no
        word is the tail of one only where the joined form is a word: "deb-src",
        "grep-dctrl", "exclude-vcs" join into no word, so the hyphen joins two codes.
        """
        joined = a + b
        return gap is not Gap.NONE or joined in self.lexicon or self.vocabulary.count(joined) > 0

    def _impossible_start(self, fragment: str) -> bool:
        return (
            len(fragment) >= 2
            and self.lexicon.covers(fragment)
            and fragment[:2] not in self.lexicon.initial_bigrams()
        )

    def _compound_evidence(self, case: _Case, a: str, b: str) -> None:
        """Two words joined by a hyphen inline: a compound unless the joined word is common.

        A stray hyphen that happens to split a word into two words mostly
        splits a common word ("an-other", "with-out"); compounds of two
        words are mostly rarer as one word ("arm-chair", "world-wide").
        """
        lexicon = self.lexicon
        ordinary_parts = min(lexicon.zipf(a), lexicon.zipf(b)) >= W.ordinary_part_zipf
        if lexicon.zipf(a + b) < W.compound_joined_zipf and ordinary_parts:
            case.add(W.rare_joined_compound, "")
        if (
            min(lexicon.zipf(a), lexicon.zipf(b)) >= W.ordinary_part_zipf
            and self.standalone(a) > 0
            and self.standalone(b) > 0
        ):
            case.add(W.parts_used_alone, "both are used on their own in this text")

    def _shape_evidence(self, case: _Case, left: str, right: str, joined: str, shown: str) -> None:
        if len(left) >= 2 and left.isupper() and right.islower():
            # "GUI-configurable", "OS-specific": no typesetter breaks right after an
            # acronym, and no stray hyphen falls exactly there often.
            case.add(W.acronym_before_word, f"‘{left}-’ is an acronym starting a compound")
        elif left.isupper() and right.isupper() and len(joined) >= 3:
            in_doc = self.vocabulary.count(joined)
            if in_doc:
                case.add(W.acronym_in_text, f"‘{left}’ and ‘{right}’ spell the acronym ‘{shown}’")
            else:
                case.add(W.acronym_not_in_text, "")
        elif len(left) == 1 and left.isupper() and right.islower() and not self.is_word(right):
            case.add(W.lone_capital, f"a lone capital ‘{left}’ starts the word")

    def join_kind(self, gap: Gap, left: str, right: str) -> FixKind:
        """The calibration curve of a join: an inline one between two words has its own.

        "night-cap", "door-way": where both sides are words, the hyphen is often the
        author's compound, and the same evidence is right less often than for
        "announ-ced" (bench-extra: 35 % against 70 % on the bench, 0.5 to 0.9).
        """
        if (
            gap is Gap.NONE
            and self.is_word(left)
            and self.is_word(right)
            and not self.doubled_before_ending(left.casefold(), right.casefold())
        ):
            return FixKind.JOIN_WORDS
        return _JOIN_KIND[gap]

    def doubled_before_ending(self, a: str, b: str) -> bool:
        """``b`` is ``a``'s last letter doubled before an ending: "overlap-ping", "split-ting".

        Where a typesetter breaks such a form, the right part only looks like a word
        ("ping", "ting"): the hyphen is inside one word, not between two.
        """
        return (
            len(b) >= 3
            and a[-1:] == b[0]
            and b[1:] in self.hints.endings
            and a[-1:] not in "aeiouy"
        )

    def _decide(
        self, case: _Case, probability: float, gap: Gap, left: str, right: str, shown: str
    ) -> Verdict:
        joined_form = f"‘{shown}’"
        if probability >= 0.5:
            why = case.explain(joining=True) or _DEFAULT_WHY[gap]
            lead = {
                Gap.NONE: f"Stray hyphen in ‘{left}-{right}’",
                Gap.SPACE: f"Stray hyphen and space in ‘{left}- {right}’",
                Gap.LINE: f"{joined_form} was hyphenated at a line end",
            }[gap]
            confidence = calibrated(self.join_kind(gap, left, right), probability)
            return Verdict(Action.JOIN, _rounded(confidence), f"{lead}: {why}.")
        why = case.explain(joining=False) or "nothing shows that the two parts make one word"
        return self._keep(gap, 1 - probability, f"{why[:1].upper()}{why[1:]}.", left, right)

    def _keep(self, gap: Gap, confidence: float, reason: str, left: str, right: str) -> Verdict:
        if gap is Gap.NONE:
            return Verdict(Action.LEAVE, _rounded(confidence), reason)
        where = "the line end" if gap is Gap.LINE else "a space"
        kind = FixKind.KEEP_LINE if gap is Gap.LINE else FixKind.KEEP_SPACE
        confidence = calibrated(kind, confidence)
        return Verdict(
            Action.TIGHTEN,
            _rounded(confidence),
            f"Real hyphen in ‘{left}-{right}’ split at {where}: {reason[:1].lower()}{reason[1:]}",
        )

    def _numbers(self, left: str, right: str, gap: Gap) -> Verdict:
        reason = f"‘{left}-{right}’ holds digits: a range, date or code keeps its hyphen."
        if gap is Gap.LINE:
            return Verdict(Action.TIGHTEN, _rounded(calibrated(FixKind.KEEP_LINE, 0.7)), reason)
        return Verdict(Action.LEAVE, 0.9, reason)
