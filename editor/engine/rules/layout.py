"""Layout repair: unwrap hard-wrapped paragraphs and drop repeated page furniture.

The plan is made once per scan (the hyphen rule asks it too, to join a word
broken at a line end in place when its line is being unwrapped).  Each joined
paragraph is one fix to accept or reject whole: the detector proposes one
piece per line break with the paragraph's reason, and ``scan`` merges the
pieces of a paragraph into one fix wherever no other fix lies between them
(:func:`merge_paragraph_pieces`).  A form feed inside a paragraph goes with
the join; one between paragraphs stays.
"""

from __future__ import annotations

import functools
import itertools
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.engine.languages import hyphen_hints
from editor.engine.model import Category, Fix
from editor.engine.rules import layout_merge
from editor.engine.rules.base import Detector, RuleInfo
from editor.engine.rules.layout_blocks import Block, Line, Wrapping, find_blocks, line_table
from editor.engine.rules.layout_evidence import (
    NEXT_WORD_FITS,
    Break,
    Indentation,
    Judgement,
    judge_break,
    paragraph_indentation,
)
from editor.engine.rules.layout_furniture import Furniture, find_furniture
from editor.engine.rules.layout_pages import PageJoin, page_join_reason, page_joins
from editor.engine.rules.layout_split import split_printed_line
from editor.engine.rules.layout_starts import StartWidths, start_widths, unsure_reading

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from editor.engine.context import ScanContext
    from editor.engine.rules.layout_lines import LineTable

UNWRAP_LINES = RuleInfo(
    "unwrap-lines",
    Category.LAYOUT,
    "Join the lines of a hard-wrapped paragraph (text copied out of a PDF) into one line; "
    "paragraph ends, headings, lists, verse and tables keep their breaks.",
)
PAGE_FURNITURE = RuleInfo(
    "page-furniture",
    Category.LAYOUT,
    "Remove running heads, running feet and page numbers repeated at the page breaks.",
)

# Confidence of a paragraph joined on a block's full-line evidence (typeset bench: 0.996 of
# the joined breaks are soft wraps); in a text whose paragraphs blank lines separate, a
# little lower: there the unsure breaks are joined too.
_JOIN_CONFIDENCE = 0.95
_BLANK_SEPARATED_CONFIDENCE = 0.9
# A full line ending a sentence before a capital where no evidence settles it: once the
# wraps that paragraph-start widths, one-line paragraphs and split printed lines tell
# apart are joined, about three in ten of the rest are wraps (bench/layout_calibration.py,
# typeset bench: 445 joins, 0.301 right), so it waits for the user.
_UNSURE_CONFIDENCE = 0.3
_FURNITURE_CONFIDENCE = 0.9
# A line that ends in a hyphen right after punctuation (`dh_*-`, `"vimtutor"-`, `udev(7)-`,
# `GTK+-`): the hyphen rule sees no word before it, yet the typesetter broke a compound at
# its own hyphen (typeset bench: 13 of 13 such breaks before a word, the suspended
# `"Packages"-⏎und` aside).  The join keeps the hyphen and adds no space.
_COMPOUND_AFTER_PUNCTUATION = regex.compile(r"[^\s\p{L}\p{M}\p{N}\-\u2010\u2011]-$")
# A line join that another fix overlaps is made by that fix when the join is this sure (a
# join waiting for the user stays a decision of its own, and that fix keeps the break).
_ABSORB_MIN_CONFIDENCE = _BLANK_SEPARATED_CONFIDENCE
_FIRST_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """The breaks of one paragraph to join, as white-space spans each replaced by one space."""

    joins: tuple[tuple[int, int], ...]
    confidence: float
    reason: str


@dataclass(frozen=True, slots=True)
class Plan:
    """What the layout rules will propose for one text."""

    paragraphs: tuple[Paragraph, ...]
    furniture: tuple[Fix, ...]
    #: offsets of the line breaks that a default-accepted paragraph fix removes
    joined_breaks: frozenset[int]
    #: the page gaps (blank lines, furniture, form feeds) that a paragraph is joined across:
    #: from the end of the line before to the start of the text after
    page_gaps: tuple[tuple[int, int], ...] = ()


_PLANS: weakref.WeakKeyDictionary[ScanContext, Plan] = weakref.WeakKeyDictionary()


def layout_plan(ctx: ScanContext) -> Plan:
    """The layout plan of the scan's text, made on first use."""
    plan = _PLANS.get(ctx)
    if plan is None:
        plan = _PLANS[ctx] = _make_plan(ctx)
    return plan


def adopt_plan(ctx: ScanContext, plan: Plan) -> None:
    """Use ``plan``, made for this scan's text by a helper process (a parallel scan's)."""
    _PLANS[ctx] = plan


def _enabled(ctx: ScanContext) -> frozenset[str]:
    from editor.engine.rules import enabled_rule_names  # the registry imports us

    return enabled_rule_names(ctx.options.rules)


def _make_plan(ctx: ScanContext) -> Plan:
    text = ctx.text
    enabled = _enabled(ctx)
    if UNWRAP_LINES.name not in enabled and PAGE_FURNITURE.name not in enabled:
        return Plan((), (), frozenset())
    lines = line_table(text)
    # furniture needs pages: without a form feed there is one page and nothing to find
    paged = PAGE_FURNITURE.name in enabled and "\f" in text
    furniture = find_furniture(text, list(lines)) if paged else []
    skip = frozenset(f.line for f in furniture)
    paragraphs: list[Paragraph] = []
    joined: dict[int, int] = {}  # furniture line -> the join that crosses it
    absorbed: set[int] = set()  # furniture lines inside a page gap that a join removes
    gaps: list[tuple[int, int]] = []
    if UNWRAP_LINES.name in enabled:
        paragraphs = _paragraphs(text, lines, skip, joined, absorbed, gaps)
    furniture_fixes = tuple(
        _furniture_fix(text, lines, f, joined) for f in furniture if f.line not in absorbed
    )
    breaks = frozenset(
        position
        for paragraph in paragraphs
        if paragraph.confidence >= ctx.options.min_confidence
        for start, end in paragraph.joins
        for position in range(start, end)
        if text[position] == "\n"
    )
    return Plan(tuple(paragraphs), furniture_fixes, breaks, tuple(gaps))


@dataclass(slots=True)
class _BlockParagraphs:
    """A block's paragraphs, and whether its first and last line break are soft wraps."""

    paragraphs: list[Paragraph]
    #: the first paragraph starts at the block's first line with a wrap
    open_head: bool
    #: the last paragraph runs to the block's last line through a wrap
    open_tail: bool


def _paragraphs(
    text: str,
    lines: LineTable,
    skip: frozenset[int],
    joined: dict[int, int],
    absorbed: set[int],
    gaps: list[tuple[int, int]],
) -> list[Paragraph]:
    """The text's paragraphs to join; ``absorbed`` and ``gaps`` learn the page gaps joined."""
    wrapping = find_blocks(text, lines, skip)
    base_indent = lines.most_common_indent()
    across = {
        join.after: join
        for join in page_joins(text, lines, wrapping.blocks, skip, wrapping.measure, base_indent)
    }
    judged = []  # each wrapped block, its lines and the judgements of their breaks
    for block in wrapping.blocks:
        if block.wrapped:
            members = [
                line for line in lines[block.first : block.last + 1] if line.number not in skip
            ]
            judged.append((block, members, _judgements(text, members, block, base_indent)))

    @functools.cache
    def starts() -> StartWidths:  # measured when an unsure break needs it: few texts have one
        return start_widths((members, judgements, b.measure) for b, members, judgements in judged)

    by_first = {block.first: (members, judgements) for block, members, judgements in judged}
    paragraphs: list[Paragraph] = []
    open_tail = False  # the last paragraph so far runs to its block's last line
    for block in wrapping.blocks:
        if block.first in by_first:
            members, judgements = by_first[block.first]
            result = _block_paragraphs(
                text, lines, members, judgements, block, wrapping, starts, joined
            )
        else:
            result = _BlockParagraphs([], False, False)
        join = across.get(block.first)
        if join is not None:
            left = paragraphs.pop() if open_tail else None
            head = result.paragraphs.pop(0) if result.open_head else None
            paragraphs.append(_across_pages(text, lines, left, join, head))
            absorbed.update(join.furniture)
            gaps.append((join.start, join.end))
        # an unwrapped block's one line is the last of the paragraph joined onto it
        open_tail = result.open_tail if block.wrapped else join is not None and block.size == 1
        paragraphs += result.paragraphs
    return paragraphs


def _across_pages(
    text: str,
    lines: Sequence[Line],
    left: Paragraph | None,
    join: PageJoin,
    head: Paragraph | None,
) -> Paragraph:
    """One paragraph of the joins before a page gap, the gap and the joins after it."""
    joins = (*(left.joins if left else ()), (join.start, join.end), *(head.joins if head else ()))
    confidence = min(join.confidence, *(p.confidence for p in (left, head) if p is not None))
    last = head.joins[-1][1] if head else None
    return Paragraph(joins, confidence, page_join_reason(text, lines, join, joins[0][0], last))


def _judgements(text: str, members: list[Line], block: Block, base_indent: int) -> list[Judgement]:
    """The judgement of each line break of a wrapped block, in order."""
    return [
        judge_break(
            text,
            line,
            following,
            block.measure,
            base_indent,
            members[index + 2] if index + 2 < len(members) else None,
        )
        for index, (line, following) in enumerate(itertools.pairwise(members))
    ]


def _block_paragraphs(
    text: str,
    lines: Sequence[Line],
    members: list[Line],
    judgements: list[Judgement],
    block: Block,
    wrapping: Wrapping,
    starts: Callable[[], StartWidths],
    joined: dict[int, int],
) -> _BlockParagraphs:
    """The paragraphs of one hard-wrapped block; ``joined`` learns the furniture they cross."""
    evidence = (
        f"{block.wrap_lines} of its {block.size - 1} lines run to the margin or carry "
        f"their sentence on, {block.open_lines} end mid-sentence"
    )
    confidence = _BLANK_SEPARATED_CONFIDENCE if wrapping.blank_separated else _JOIN_CONFIDENCE
    indentation: Indentation | None = None  # counted when a break needs it: few do
    paragraphs: list[Paragraph] = []
    current: list[tuple[int, int]] = []
    settled: list[int] = []  # full lines ending a sentence that the indentation joins
    split_words: list[int] = []  # words of one printed line that the extractor split
    first_line = members[0].number
    open_head = False
    for index, (line, following) in enumerate(itertools.pairwise(members)):
        judgement = judgements[index]
        kind = judgement.kind
        if wrapping.blank_separated and (
            kind is Break.UNSURE or judgement.evidence is NEXT_WORD_FITS
        ):
            # blank lines end this text's paragraphs: a line that is merely short or ends
            # a sentence inside a block is a wrap
            kind = Break.SOFT
        if kind is not Break.SOFT and split_printed_line(text, members, index, block.measure):
            kind = Break.SOFT
            split_words.append(line.number)
        if kind is Break.UNSURE and indentation is None:
            indentation = paragraph_indentation(text, members, block.measure)
        if kind is Break.UNSURE and indentation is not None and indentation.marks_paragraphs:
            # this block shows where its paragraphs start: an unindented line starts none
            kind = Break.SOFT
            settled.append(line.number)
        reading = (
            unsure_reading(text, members, judgements, index, block.measure, starts)
            if kind is Break.UNSURE
            else None
        )
        span = _join_span(lines, line, following)
        crossed = range(line.number + 1, following.number)  # furniture between the two
        if kind is Break.SOFT:
            open_head = open_head or index == 0
            current.append(span)
            if crossed:
                joined.update(dict.fromkeys(crossed, following.number))
            continue
        if current:
            reason = _reason(first_line, line.number, evidence, settled, indentation, split_words)
            paragraphs.append(Paragraph(tuple(current), confidence, reason))
            current, settled, split_words = [], [], []
        if reading is not None:
            joined.update(dict.fromkeys(crossed, following.number))
            sureness, why = reading
            paragraphs.append(
                Paragraph(
                    (span,),
                    sureness,
                    f"Line {line.number + 1} runs on into line {following.number + 1}: "
                    f"{judgement.evidence}, but {why}.",
                )
            )
        elif kind is Break.UNSURE:
            joined.update(dict.fromkeys(crossed, following.number))
            paragraphs.append(
                Paragraph(
                    (span,),
                    _UNSURE_CONFIDENCE,
                    f"Line {line.number + 1} may run on into line {following.number + 1}: "
                    f"{judgement.evidence}, which ends a paragraph about as often as not.",
                )
            )
        first_line = following.number
    if current:
        reason = _reason(
            first_line, members[-1].number, evidence, settled, indentation, split_words
        )
        paragraphs.append(Paragraph(tuple(current), confidence, reason))
    return _BlockParagraphs(paragraphs, open_head, bool(current))


def _reason(
    first_line: int,
    last_line: int,
    evidence: str,
    settled: list[int] | None = None,
    indentation: Indentation | None = None,
    split_words: list[int] | None = None,
) -> str:
    reason = (
        f"Lines {first_line + 1}–{last_line + 1} are one hard-wrapped paragraph: the block "
        f"they are in looks typeset ({evidence}); joined into one line."
    )
    if settled and indentation is not None:
        numbers = ", ".join(str(number + 1) for number in settled)
        reason += f" Line {numbers} ends a sentence on a full line, but {indentation.evidence()}."
    if split_words:
        reason += (
            f" Lines {split_words[0] + 1}–{split_words[-1] + 2} hold a word each and fit on one "
            "printed line together: the copy split a justified line at its wide spaces."
        )
    return reason


def _join_span(lines: Sequence[Line], line: Line, following: Line) -> tuple[int, int]:
    """The white space (line break, form feed, indentation) that joining two lines replaces.

    Page furniture between the two lines is left to its own fixes.
    """
    if following.number > line.number + 1:
        return line.content_end, lines[line.number + 1].start
    return line.content_end, following.content_start


def _furniture_fix(
    text: str, lines: Sequence[Line], item: Furniture, joined: dict[int, int]
) -> Fix:
    line = lines[item.line]
    if item.line in joined:
        # a paragraph runs on across the page break: its form feed goes with the join
        start = line.start
        following = lines[joined[item.line]]
        end = following.content_start if item.line + 1 == following.number else line.end + 1
    else:
        # the page break itself (a form feed before the line) stays
        feed = text.rfind("\f", line.start, line.content_start)
        start = feed + 1 if feed != -1 else line.start
        end = line.end + 1
    end = min(end, len(text))
    return Fix(
        start,
        end,
        text[start:end],
        "",
        PAGE_FURNITURE.name,
        Category.LAYOUT,
        _FURNITURE_CONFIDENCE,
        item.reason,
    )


def _join_replacement(text: str, start: int, end: int, conjunctions: frozenset[str]) -> str:
    """What a line join puts between the two lines: a space, or nothing inside a compound."""
    if not _COMPOUND_AFTER_PUNCTUATION.search(text, max(0, start - 2), start):
        return " "
    word = _FIRST_WORD.match(text, end)
    if word is None or word.group().casefold() in conjunctions:
        return " "  # `"Packages"- und "Sources"-Dateien`, `Minus- (-)`: a suspended hyphen
    return ""


def _find(ctx: ScanContext) -> Iterator[Fix]:
    plan = layout_plan(ctx)
    text = ctx.text
    conjunctions = hyphen_hints(ctx.language).conjunctions if plan.paragraphs else frozenset()
    yield from plan.furniture
    for number, paragraph in enumerate(plan.paragraphs):
        if number % 2000 == 0:
            ctx.check_cancelled()
            ctx.report_progress(number / max(1, len(plan.paragraphs)))
        for start, end in paragraph.joins:
            yield Fix(
                start,
                end,
                text[start:end],
                _join_replacement(text, start, end, conjunctions),
                UNWRAP_LINES.name,
                Category.LAYOUT,
                paragraph.confidence,
                paragraph.reason,
            )


def merge_paragraph_pieces(fixes: Iterable[Fix], text: str) -> list[Fix]:
    """Drop the line joins that another fix overlaps, then merge each paragraph's joins.

    A word broken at a line end is rejoined by the hyphen rule's own fix, which
    removes that line break itself.  The joins of one paragraph (same reason)
    become one fix wherever no other fix lies between them.  O(k log k).
    """
    return layout_merge.merge_pieces(fixes, text, UNWRAP_LINES.name, _ABSORB_MIN_CONFIDENCE)


def paragraph_groups(fixes: Sequence[Fix]) -> list[int]:
    """A group number per fix: the pieces of one unwrapped paragraph share theirs.

    Another fix inside a paragraph splits its join into pieces; the review
    accepts or rejects a group whole.  Every other fix is a group of its own.
    """
    return layout_merge.paragraph_groups(fixes, UNWRAP_LINES.name)


DETECTORS: tuple[Detector, ...] = (Detector((UNWRAP_LINES, PAGE_FURNITURE), _find),)
