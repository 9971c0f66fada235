"""Hyphen repair: soft hyphens, stray hyphens inside words, words broken at line ends.

One pass over the text finds every hyphenated chain: word parts joined by
hyphen-like marks (U+002D, U+00AD, U+2010, U+2011 and OCR's "¬"), a hard mark
possibly followed by spaces or by a line break and indentation.  A first loop
counts the document's own hyphenated spellings; a second asks
:class:`~editor.engine.rules.hyphen_evidence.HyphenJudge` about every mark and
turns the verdicts of a chain into one fix spanning the marks that change.
Soft hyphens are always removed.

A word broken at a line end is rejoined on the first line: the break and the
next line's indentation stay after it, so the line count never changes.
"""

from __future__ import annotations

import bisect
import weakref
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from editor.engine.model import Category, Fix
from editor.engine.rules.base import Detector, RuleInfo
from editor.engine.rules.hyphen_evidence import Action, Gap, HyphenJudge, Verdict
from editor.engine.rules.layout import layout_plan

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from editor.engine.context import ScanContext

SOFT_HYPHEN = RuleInfo(
    "soft-hyphen",
    Category.HYPHEN,
    "Remove soft hyphens (U+00AD) left inside words; rejoin words a soft hyphen split at a line end.",
)
STRAY_HYPHEN = RuleInfo(
    "stray-hyphen",
    Category.HYPHEN,
    "Join words split by a stray hyphen inside a line ('announ-ced', 'announ- ced'); "
    "real compounds keep theirs.",
)
LINE_BREAK_HYPHEN = RuleInfo(
    "line-break-hyphen",
    Category.HYPHEN,
    "Rejoin words hyphenated at a line end on the first line; a compound broken at its own "
    "hyphen ('well-\\nknown') keeps it.",
)

SOFT = "\u00ad"
_HARD_MARKS = "-\u2010\u2011\u00ac"
_PART = r"[\p{L}\p{M}\p{N}]+"
# Gaps may hold soft hyphens too: they are invisible and always removed.
# A page break (form feed) after the line break is part of the gap: `ges-⏎\fture`.
_LINE_GAP = rf"[ \t{SOFT}]*\n[ \t\f{SOFT}]*"
_SPACE_GAP = rf"{SOFT}*[ \t][ \t{SOFT}]*"
# A hard mark may be followed by spaces or a line break; a soft hyphen only by a line
# break, since "word\u00ad next" is two words with an invisible mark between them.
_JOINT_TEXT = (
    rf"(?:{SOFT}*[{_HARD_MARKS}]{SOFT}*(?:{_LINE_GAP}|{_SPACE_GAP})?|{SOFT}+(?:{_LINE_GAP})?)"
)
_CHAIN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}]){_PART}(?:{_JOINT_TEXT}{_PART})+")
_JOINT = regex.compile(f"({_JOINT_TEXT})")
_MARKS = f"{_HARD_MARKS}{SOFT}"
# Marks are rare, words are not: look for a mark right after a word character first, then
# parse the chain around it.  Much faster than trying the chain pattern at every word.
_MARK_AFTER_WORD = regex.compile(rf"(?<=[\p{{L}}\p{{M}}\p{{N}}])[{_HARD_MARKS}{SOFT}]")
_WORD_BEFORE = regex.compile(r"(?r)[\p{L}\p{M}\p{N}]+")
# What travels up with a word rejoined at a line end: closing punctuation, never the start
# of another hyphenated word.  Quote marks travel only when no rule could still change
# them (a closing curly mark, an apostrophe before "s"), so a line-end fix never overlaps
# a quote fix and loses to it, to come back on a second scan.
_QUOTE_MARKS = "\"'`´\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"
# Punctuation, and the rest of a token it leads into (`con-⏎trol/rules`), never a space.
_PLAIN_TRAIL = (
    rf"(?:[^{_HARD_MARKS}{SOFT}{_QUOTE_MARKS}\s\p{{L}}\p{{M}}\p{{N}}]+"
    rf"(?:[\p{{L}}\p{{M}}\p{{N}}]++(?![{_HARD_MARKS}{SOFT}]))?)*+"
)
_TRAIL_WITHOUT_QUOTES = regex.compile(_PLAIN_TRAIL)
_TRAIL_WITH_SETTLED_QUOTES = regex.compile(
    rf"(?:['’]\p{{L}}{{1,2}}(?![{_HARD_MARKS}{SOFT}\p{{L}}\p{{M}}\p{{N}}]))?"
    rf"(?:{_PLAIN_TRAIL}[\u2019\u201d\u00bb\u203a]+)*{_PLAIN_TRAIL}"
)
_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
_STRAY_SOFT = regex.compile(f"{SOFT}+")
# Not before a quote mark: a quote rule may still move the space that leads into one.
_SPACES_BEFORE_WORD = regex.compile(rf"[ \t]+(?=[^\s{_QUOTE_MARKS}])")
_PROGRESS_EVERY = 2000
# Rounds of re-judging a chain after joins; real chains settle in one or two.
_MAX_ROUNDS = 4
# Below these, a text has too few or too short lines for their lengths to mean anything.
_MIN_LINES = 5
_MIN_MEASURE = 30


def _is_soft(mark: str) -> bool:
    """Whether a joint's mark is soft hyphens only (no hard mark among them)."""
    return not mark.strip(SOFT)


@dataclass(frozen=True, slots=True)
class _Joint:
    """One mark in a chain: the parts on either side and what lies between them."""

    left: str
    right: str
    mark: str
    gap: str
    start: int  # offset of the mark in the text
    #: the spaces or line break after the mark, without soft hyphens stuck to them
    layout_gap: str = field(init=False)
    gap_kind: Gap = field(init=False)
    #: the mark is soft hyphens only
    soft_only: bool = field(init=False)

    def __post_init__(self) -> None:
        # Worked out once: every later step asks for them, thousands of times per text.
        layout_gap = self.gap.replace(SOFT, "")
        kind = Gap.SPACE if layout_gap else Gap.NONE
        if "\n" in layout_gap:
            kind = Gap.LINE
        object.__setattr__(self, "layout_gap", layout_gap)
        object.__setattr__(self, "gap_kind", kind)
        object.__setattr__(self, "soft_only", _is_soft(self.mark))

    @property
    def hard_mark(self) -> str:
        """The mark to keep when the hyphen is real; OCR's '¬' becomes a hyphen."""
        hard = self.mark.strip(SOFT)[:1]
        return "-" if hard == "\u00ac" else hard


@dataclass(frozen=True, slots=True)
class _Chain:
    start: int
    parts: list[str]
    joints: list[_Joint]

    @property
    def end(self) -> int:
        last = self.joints[-1]
        return last.start + len(last.mark) + len(last.gap) + len(self.parts[-1])


def _parse(match: regex.Match[str]) -> _Chain:
    pieces = _JOINT.split(match.group())
    parts = pieces[0::2]
    marks: list[tuple[str, str]] = []
    for joint in pieces[1::2]:
        gap = joint.lstrip(_MARKS)
        marks.append((joint[: len(joint) - len(gap)], gap))
    # A soft hyphen does not split a word, so a hard mark's sides run to the
    # neighbouring hard marks: "NA-TO’s\u00ada-b" is judged as ... "sa" | "b".
    hard = [index for index, (mark, _) in enumerate(marks) if not _is_soft(mark)]
    bounds = [-1, *hard, len(parts) - 1]
    sides: dict[int, tuple[str, str]] = {}
    for number, index in enumerate(hard, start=1):
        before, after = bounds[number - 1], bounds[number + 1]
        sides[index] = (
            "".join(parts[before + 1 : index + 1]),
            "".join(parts[index + 1 : after + 1]),
        )
    joints: list[_Joint] = []
    position = match.start() + len(parts[0])
    for index, (mark, gap) in enumerate(marks):
        left, right = sides.get(index, (parts[index], parts[index + 1]))
        joints.append(_Joint(left, right, mark, gap, position))
        position += len(mark) + len(gap) + len(parts[index + 1])
    return _Chain(match.start(), parts, joints)


def _document_spellings(chains: list[_Chain]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """How the document spells its hyphenated words.

    Returns the inline hyphenated forms (pairs and whole chains), the words used
    as chain parts, and for every hyphen its joined word and the same word with
    the split marked (``announced`` and ``announ|ced``), so the judge can tell
    a word broken at several places from a compound with a fixed hyphen.
    """
    hyphenated: Counter[str] = Counter()
    parts: Counter[str] = Counter()
    splits: Counter[str] = Counter()
    for chain in chains:
        for part in chain.parts:
            for letters in _LETTERS.findall(part):
                parts[letters.casefold()] += 1
        inline = [j for j in chain.joints if not j.layout_gap and not j.soft_only]
        for joint in inline:
            hyphenated[f"{joint.left}-{joint.right}".casefold()] += 1
        if len(inline) == len(chain.joints) > 1:
            hyphenated["-".join(chain.parts).casefold()] += 1
        for joint in chain.joints:
            if not joint.soft_only:
                left, right = joint.left.casefold(), joint.right.casefold()
                splits[left + right] += 1
                splits[f"{left}|{right}"] += 1
    return hyphenated, parts, splits


def _soft_verdict(joint: _Joint) -> Verdict:
    word = joint.left + joint.right
    if joint.gap_kind is Gap.SPACE:
        # "word\u00ad next": the soft hyphen goes, the two words stay apart.
        return Verdict(Action.LEAVE, 0.99, "")
    if joint.gap_kind is Gap.LINE:
        reason = f"A soft hyphen split ‘{word}’ at the line end; it is one word."
    else:
        reason = f"A soft hyphen is an invisible break hint left inside ‘{word}’."
    return Verdict(Action.JOIN, 0.99, reason)


def _chains(text: str) -> list[_Chain]:
    """Every hyphenated chain in ``text``, in order."""
    chains: list[_Chain] = []
    covered = 0
    for hit in _MARK_AFTER_WORD.finditer(text):
        if hit.start() < covered:
            continue
        word = _WORD_BEFORE.match(text, covered, hit.start())
        if word is None:
            continue
        match = _CHAIN.match(text, word.start())
        if match is not None:
            chains.append(_parse(match))
            covered = match.end()
    return chains


def _with_page_gap_chains(
    text: str,
    chains: list[_Chain],
    gaps: tuple[tuple[int, int], ...],
    unwrapped: frozenset[int],
) -> list[_Chain]:
    """``chains`` with the words broken across a page gap that the layout rule joins.

    A gap (``sen-⏎⏎  13⏎\fHEAD⏎⏎tence``: blank lines, page furniture, a form feed) is
    too wide for the chain pattern; the word is parsed as if one line break stood
    there, judged like any word broken at a line end, and joined in place with the
    gap.  Only gaps whose joins the layout plan applies count, so the fix never moves
    a word over page furniture that has fixes of its own.  The chains that end at
    the mark or start right after the gap become part of the new one.
    """
    starts = [chain.start for chain in chains]
    made: list[_Chain] = []
    dropped: set[int] = set()
    for start, end in gaps:
        mark = start - 1
        newline = text.find("\n", start, end)
        if mark < 1 or text[mark] not in _HARD_MARKS or newline not in unwrapped:
            continue
        index = bisect.bisect_left(starts, mark) - 1
        if index >= 0 and chains[index].end == mark:
            first = chains[index].start
            dropped.add(index)
        else:
            word = _WORD_BEFORE.match(text, text.rfind("\n", 0, mark) + 1, mark)
            if word is None:
                continue
            first = word.start()
        after = bisect.bisect_left(starts, end)
        if after < len(chains) and chains[after].start == end:
            last = chains[after].end
            dropped.add(after)
        else:
            line_end = text.find("\n", end)
            last = len(text) if line_end == -1 else line_end
        chain = _page_gap_chain(text, first, start, end, last)
        if chain is None:
            continue
        made.append(chain)
    if not made:
        return chains
    kept = [chain for number, chain in enumerate(chains) if number not in dropped]
    return sorted([*kept, *made], key=lambda chain: chain.start)


def _page_gap_chain(text: str, first: int, start: int, end: int, last: int) -> _Chain | None:
    """The chain from ``first`` to ``last`` across the gap ``start``–``end``, or None."""
    before = text[first:start]
    match = _CHAIN.match(before + "\n" + text[end:last])
    if match is None or match.end() <= len(before) + 1:
        return None
    parsed = _parse(match)
    shift = end - start - 1  # the gap stands where the parse saw one line break
    at_gap = len(before) - 1  # where the parse saw the mark before the gap
    joints = [
        _Joint(
            joint.left,
            joint.right,
            joint.mark,
            text[start:end] if joint.start == at_gap else joint.gap,
            first + joint.start + (shift if joint.start > at_gap else 0),
        )
        for joint in parsed.joints
    ]
    return _Chain(first, parsed.parts, joints)


_CHAINS: weakref.WeakKeyDictionary[ScanContext, list[_Chain]] = weakref.WeakKeyDictionary()


def prepare_chains(ctx: ScanContext) -> None:
    """Find the scan's hyphenated chains now (a parallel scan does it beside other work)."""
    if ctx not in _CHAINS:
        _CHAINS[ctx] = _chains(ctx.text)


def _find(ctx: ScanContext) -> Iterator[Fix]:
    text = ctx.text
    prepare_chains(ctx)
    chains = _CHAINS.pop(ctx)
    plan = layout_plan(ctx)
    if plan.page_gaps:
        chains = _with_page_gap_chains(text, chains, plan.page_gaps, plan.joined_breaks)
    ctx.report_progress(0.2)
    fixes: list[Fix] = []
    if chains:
        judge = _document_judge(ctx, chains)
        whole_keeps = ctx.user_dictionary
        cache: dict[_Key, Verdict] = {}
        layout = _Layout(text, chains)
        trail_pattern = (
            _TRAIL_WITHOUT_QUOTES if _restyles_quotes(ctx) else _TRAIL_WITH_SETTLED_QUOTES
        )
        unwrapped = plan.joined_breaks
        min_confidence = ctx.options.min_confidence

        def judge_chains(first: int, last: int) -> list[list[Verdict]]:
            # each chain's verdicts depend on the document's facts only (the cache
            # remembers verdicts, it decides none), so any range can be judged apart
            verdicts_of: list[list[Verdict]] = []
            for number in range(first, last):
                chain = chains[number]
                if number % _PROGRESS_EVERY == 0:
                    ctx.check_cancelled()
                    ctx.report_progress(0.2 + 0.7 * number / len(chains))
                whole = "-".join(chain.parts)
                if len(chain.parts) > 2 and whole_keeps.always_keeps(whole):
                    verdicts = _kept(chain, f"Your dictionary says to keep ‘{whole}’ hyphenated.")
                elif _is_reduplication(chain):
                    verdicts = _kept(
                        chain, f"‘{whole}’ repeats a sound, as a reduplication (‘tra-la-la’) does."
                    )
                else:
                    inside = _mid_sentence(text, chain.start)
                    compound = _is_word_chain(judge, chain)
                    verdicts = _chain_verdicts(
                        chain,
                        _decider(judge, cache, layout, text, inside, compound),
                        min_confidence,
                    )
                verdicts_of.append(verdicts)
            return verdicts_of

        all_verdicts = ctx.map_slices(judge_chains, [len(c.joints) for c in chains])
        ctx.check_cancelled()
        _second_round(ctx, chains, all_verdicts, judge, layout)
        for chain, verdicts in zip(chains, all_verdicts, strict=True):
            if any(v.action is not Action.LEAVE for v in verdicts):
                floor = fixes[-1].end if fixes else 0
                fixes.extend(_chain_fixes(text, chain, verdicts, trail_pattern, unwrapped, floor))
    yield from fixes
    yield from _loose_soft_hyphens(text, fixes)


def _document_judge(ctx: ScanContext, chains: list[_Chain]) -> HyphenJudge:
    hyphenated, parts, splits = _document_spellings(chains)
    return HyphenJudge(
        ctx.language, ctx.lexicon, ctx.vocabulary, hyphenated, parts, ctx.user_dictionary, splits
    )


def document_judge(ctx: ScanContext) -> HyphenJudge:
    """The judge a scan of ``ctx.text`` asks (bench/hyphens.py sorts fixes by its facts)."""
    return _document_judge(ctx, _chains(ctx.text))


def _second_round(
    ctx: ScanContext,
    chains: list[_Chain],
    all_verdicts: list[list[Verdict]],
    judge: HyphenJudge,
    layout: _Layout,
) -> None:
    """Judge again the hyphens whose joined word this scan makes elsewhere.

    Joining "black-\ncurrant" at a line end puts "blackcurrant" into the text, and
    a second scan of the cleaned text would count it as evidence against an inline
    "black-currant".  Counting it now keeps the scan's answer the same when the
    cleaned text is scanned again.  ``all_verdicts`` is updated in place.
    """
    threshold = ctx.options.min_confidence
    made: Counter[str] = Counter()
    unwritten: Counter[str] = Counter()
    for chain, verdicts in zip(chains, all_verdicts, strict=True):
        for joint, verdict in zip(chain.joints, verdicts, strict=True):
            if joint.soft_only or not _applied_join(verdict, threshold):
                continue
            made[(joint.left + joint.right).casefold()] += 1
            if joint.gap_kind is Gap.NONE:
                unwritten[f"{joint.left}-{joint.right}".casefold()] += 1
    if not made:
        return
    revisit = [
        index
        for index, (chain, verdicts) in enumerate(zip(chains, all_verdicts, strict=True))
        if any(
            not j.soft_only
            and not _applied_join(v, threshold)
            and (j.left + j.right).casefold() in made
            for j, v in zip(chain.joints, verdicts, strict=True)
        )
    ]
    if not revisit:
        return
    second = judge.seeing(made, unwritten)
    cache: dict[_Key, Verdict] = {}
    text = ctx.text
    for index in revisit:
        chain = chains[index]
        inside = _mid_sentence(text, chain.start)
        compound = _is_word_chain(second, chain)
        all_verdicts[index] = _chain_verdicts(
            chain, _decider(second, cache, layout, text, inside, compound), threshold
        )


def _is_word_chain(judge: HyphenJudge, chain: _Chain) -> bool:
    """Whether ``chain`` is words around a function word ("do-or-die", "mother-in-law").

    Such a chain is one compound: its hyphens stand or fall together, so no
    pair inside it ("do-or" -> "door") is judged as if it stood alone.
    """
    parts = chain.parts
    if len(parts) < 3 or any(j.soft_only for j in chain.joints):
        return False
    if all(j.gap_kind is not Gap.NONE for j in chain.joints):
        return False
    if not all(judge.is_word(part) for part in parts):
        return False
    return any(judge.is_function_word(part) for part in parts[1:-1])


def _is_reduplication(chain: _Chain) -> bool:
    """Whether ``chain`` repeats a part right after itself inline ("тра-та-та", "ha-ha-ha").

    Three parts at least: a pair ("mur-mur") is the judge's to weigh, since a
    stray hyphen may split a word of two equal halves.
    """
    if len(chain.parts) < 3:
        return False
    return any(
        not joint.layout_gap
        and not joint.soft_only
        and before.casefold() == after.casefold()
        and before.isalpha()
        for joint, before, after in zip(chain.joints, chain.parts, chain.parts[1:], strict=False)
    )


def _kept(chain: _Chain, reason: str) -> list[Verdict]:
    """Every hard hyphen of ``chain`` kept (closed up at a line end), soft ones removed."""
    return [
        _soft_verdict(j)
        if j.soft_only
        else Verdict(Action.TIGHTEN if j.layout_gap else Action.LEAVE, 0.95, reason)
        for j in chain.joints
    ]


def _applied_join(verdict: Verdict, threshold: float) -> bool:
    return verdict.action is Action.JOIN and verdict.confidence >= threshold


def _decider(
    judge: HyphenJudge,
    cache: dict[_Key, Verdict],
    layout: _Layout,
    text: str,
    inside: bool,
    compound: bool,
) -> Callable[[_Joint, int], Verdict]:
    """The verdict for one joint of a chain that starts mid-sentence or not, is a compound or not."""

    def decide(joint: _Joint, parts: int) -> Verdict:
        short = layout.is_short(text, joint)
        return _judged(judge, cache, joint, parts, inside, short, compound)

    return decide


def _chain_verdicts(
    chain: _Chain, decide: Callable[[_Joint, int], Verdict], threshold: float
) -> list[Verdict]:
    """Verdicts for every mark of a chain, judged until they agree with each other.

    Once a hyphen is joined, its neighbours' sides grow ("c-dI¬s-s": when "dI¬s"
    becomes "dIs", the last hyphen sits in "dIs-s", not "s-s"), so the other hyphens
    are judged again on the joined sides, as a second scan of the cleaned text
    would judge them.  ``threshold`` is the user's: joins below it are not applied.
    """
    joints = chain.joints
    settled: dict[int, Verdict] = {}  # hyphens already joined, by index
    for _ in range(_MAX_ROUNDS):
        current = _merged(chain, set(settled))
        # Only hyphens written inline make a compound's shape; a line-end break
        # may be joined, and the verdicts must not change when it is.
        parts = 1 + sum(
            1
            for i, j in enumerate(joints)
            if not j.layout_gap and not j.soft_only and i not in settled
        )
        verdicts = [
            settled.get(i)
            or (_soft_verdict(joint) if joint.soft_only else decide(current[i], parts))
            for i, joint in enumerate(joints)
        ]
        newly = {
            i: verdict
            for i, (joint, verdict) in enumerate(zip(joints, verdicts, strict=True))
            if i not in settled and not joint.soft_only and _applied_join(verdict, threshold)
        }
        if not newly or len(joints) == 1:
            break
        settled.update(newly)
    return verdicts


def _merged(chain: _Chain, joined: set[int]) -> list[_Joint]:
    """The chain's joints with the sides of hard marks running over joined ones."""
    if not joined:
        return chain.joints
    kept = [i for i, j in enumerate(chain.joints) if not j.soft_only and i not in joined]
    result = list(chain.joints)
    bounds = [-1, *kept, len(chain.parts) - 1]
    for number, index in enumerate(kept, start=1):
        before, after = bounds[number - 1], bounds[number + 1]
        joint = chain.joints[index]
        left = "".join(chain.parts[before + 1 : index + 1])
        right = "".join(chain.parts[index + 1 : after + 1])
        result[index] = _Joint(left, right, joint.mark, joint.gap, joint.start)
    return result


_Key = tuple[str, str, Gap, int, bool, bool, bool]


def _judged(
    judge: HyphenJudge,
    cache: dict[_Key, Verdict],
    joint: _Joint,
    parts: int,
    inside: bool,
    short: bool,
    compound: bool,
) -> Verdict:
    """The judge's verdict, remembered: books repeat their compounds hundreds of times."""
    if joint.soft_only:
        return _soft_verdict(joint)
    key = (joint.left, joint.right, joint.gap_kind, parts, inside, short, compound)
    verdict = cache.get(key)
    if verdict is None:
        verdict = cache[key] = judge.judge(
            joint.left, joint.right, joint.gap_kind, parts, inside, short, compound
        )
    return verdict


class _Layout:
    """How long the text's full lines are, to tell a typesetter's break from a short line.

    Measured only when some hyphen ends a line: the 90th percentile of the
    lengths of non-blank lines stands for the text's measure.
    """

    def __init__(self, text: str, chains: list[_Chain]) -> None:
        self.measure = 0
        if any(j.gap_kind is Gap.LINE for c in chains for j in c.joints):
            lengths = sorted(len(line) for line in text.split("\n") if line.strip())
            if len(lengths) >= _MIN_LINES:
                self.measure = lengths[int(0.9 * (len(lengths) - 1))]

    def is_short(self, text: str, joint: _Joint) -> bool:
        """Whether ``joint`` ends a line under half the measure (never for inline joints)."""
        if self.measure < _MIN_MEASURE or joint.gap_kind is not Gap.LINE:
            return False
        line_start = text.rfind("\n", 0, joint.start) + 1
        return joint.start - line_start < self.measure // 2


def _restyles_quotes(ctx: ScanContext) -> bool:
    """Whether a style rule that rewrites even well-placed quote marks runs in this scan."""
    from editor.engine.rules import RULES, enabled_rule_names  # the registry imports us

    enabled = enabled_rule_names(ctx.options.rules)
    return any(r.category is Category.STYLE and r.name in enabled for r in RULES)


def _mid_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a word or a comma rather than starting a sentence."""
    position = start - 1
    while position >= 0 and text[position] in " \t\n":
        position -= 1
    return position >= 0 and (text[position].isalnum() or text[position] in ",;(")


def _chain_fixes(
    text: str,
    chain: _Chain,
    verdicts: list[Verdict],
    trail_pattern: regex.Pattern[str],
    unwrapped: frozenset[int] = frozenset(),
    floor: int = 0,
) -> Iterator[Fix]:
    """The fix for a chain's changed marks.

    A word broken at a line end is joined in place when ``unwrapped`` (the line
    breaks the layout rule removes) holds its break; otherwise it goes onto the
    first line with the rest of its token, and the line break after it.
    ``floor`` is where the previous chain's fix ends.
    """
    changed = [
        (j, v)
        for j, v in zip(chain.joints, verdicts, strict=True)
        if v.action is not Action.LEAVE and not (v.action is Action.TIGHTEN and not j.layout_gap)
    ]
    if not changed:
        return
    if all(j.soft_only and not j.layout_gap for j, _ in changed):
        # Inline soft hyphens: remove each mark on its own, nothing else moves.
        for joint, verdict in changed:
            yield _fix(text, joint.start, joint.start + len(joint.mark), "", SOFT_HYPHEN, verdict)
        return
    decided = {id(j): v for j, v in changed}
    indexes = [i for i, j in enumerate(chain.joints) if id(j) in decided]
    first, last = indexes[0], indexes[-1]
    moves_a_line = any(j.gap_kind is Gap.LINE for j, _ in changed)
    in_place = moves_a_line and all(
        _line_break_at(j) in unwrapped for j, _ in changed if j.gap_kind is Gap.LINE
    )
    if moves_a_line and not in_place:
        # Whatever follows on the next line up to the next space moves up with the word.
        last = len(chain.joints) - 1
    # The fix runs from the part before the first changed mark to the part after the
    # last one, so unchanged marks around it stay outside (and their soft hyphens
    # are removed on their own).
    start = chain.joints[first].start - len(chain.parts[first])
    pieces = [chain.parts[first]]
    moved_breaks: list[str] = []
    for joint, part in zip(
        chain.joints[first : last + 1], chain.parts[first + 1 : last + 2], strict=True
    ):
        decision = decided.get(id(joint))
        if decision is None:
            # An unchanged hyphen inside the span keeps its place, minus any soft hyphen.
            pieces.append(joint.mark.replace(SOFT, "") + joint.layout_gap)
        elif decision.action is Action.JOIN:
            moved_breaks.append(joint.layout_gap)
        else:
            pieces.append(joint.hard_mark)
            moved_breaks.append(joint.layout_gap)
        pieces.append(part)
    if in_place:
        # The line is being unwrapped: the word is joined where it stands and its line
        # break goes with the hyphen, so nothing moves to another line.
        moved_breaks = []
    final = chain.joints[last]
    end = final.start + len(final.mark) + len(final.gap) + len(chain.parts[last + 1])
    line_breaks = [g for g in moved_breaks if "\n" in g]
    if line_breaks:
        trail = trail_pattern.match(text, end)
        if trail is not None:
            pieces.append(trail.group())
            end = trail.end()
        # The space that separated the moved word from the rest of its line would
        # otherwise start the next line: it goes with the word.
        spaces = _SPACES_BEFORE_WORD.match(text, end)
        if spaces is not None:
            end = spaces.end()
        if (end == len(text) or text[end] == "\n") and _text_before_on_line(text, start):
            # Moving the word up would empty its line, and an empty line reads as a
            # paragraph break: the whole token goes down instead, and the space before
            # it stays behind neither inside the token nor at the line's end.
            token_start = start
            while token_start > 0 and not text[token_start - 1].isspace():
                token_start -= 1
            space_start = token_start
            while space_start > 0 and text[space_start - 1] in " \t":
                space_start -= 1
            if _text_before_on_line(text, token_start) and space_start >= floor:
                pieces = [*line_breaks, text[token_start:start], *pieces]
                start = space_start
            # else the token is alone on its line (or the fix before took the space and
            # the break): joined where it stands, one line fewer
        else:
            pieces.extend(line_breaks)
    replacement = "".join(pieces)
    if moves_a_line:
        rule = LINE_BREAK_HYPHEN
    elif all(j.soft_only for j, _ in changed):
        rule = SOFT_HYPHEN
    else:
        rule = STRAY_HYPHEN
    confidence = min(v.confidence for _, v in changed)
    reason = " ".join(dict.fromkeys(v.reason for _, v in changed))
    if in_place and any(j.layout_gap.strip() for j, _ in changed):
        reason += " The page break between its parts goes with the join, page furniture and all."
    yield Fix(
        start,
        end,
        text[start:end],
        replacement,
        rule.name,
        Category.HYPHEN,
        confidence,
        reason,
    )


def _line_break_at(joint: _Joint) -> int:
    """The offset of the line break in a line-end joint's gap."""
    return joint.start + len(joint.mark) + joint.gap.index("\n")


def _text_before_on_line(text: str, start: int) -> bool:
    """Whether anything but spaces precedes ``start`` on its line."""
    position = start
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    return position > 0 and text[position - 1] != "\n"


def _fix(text: str, start: int, end: int, replacement: str, rule: RuleInfo, v: Verdict) -> Fix:
    return Fix(
        start, end, text[start:end], replacement, rule.name, Category.HYPHEN, v.confidence, v.reason
    )


def _loose_soft_hyphens(text: str, fixes: list[Fix]) -> Iterator[Fix]:
    """Soft hyphens no chain fix removed (at a word's edge, after a real hyphen): always removed.

    ``fixes`` are the chain fixes, sorted by position and not overlapping.
    """
    if SOFT not in text:
        return
    starts = [f.start for f in fixes]
    verdict = Verdict(
        Action.JOIN, 0.99, "A soft hyphen is an invisible break hint left in the text."
    )
    for match in _STRAY_SOFT.finditer(text):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index >= 0 and fixes[index].end > match.start():
            continue
        yield _fix(text, match.start(), match.end(), "", SOFT_HYPHEN, verdict)


DETECTORS: tuple[Detector, ...] = (Detector((SOFT_HYPHEN, STRAY_HYPHEN, LINE_BREAK_HYPHEN), _find),)
