"""Merging the line joins of one unwrapped paragraph into one fix, after every rule has run.

The layout detector proposes one piece per line break; a word broken at a line
end is rejoined by the hyphen rule's own fix instead, and a fix of another rule
that overlaps a join may make that join itself.  Runs once per scan over every
fix found, so each step is one pass or one sort: O(k log k) for k fixes.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from typing import TYPE_CHECKING

import regex

from editor.engine.model import Fix

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

_LINE_END = regex.compile(r"[ \t]*\n[ \t\f]*")
_SPAN = operator.attrgetter("start", "end")
_START = operator.attrgetter("start")
_END = operator.attrgetter("end")


def merge_pieces(fixes: Iterable[Fix], text: str, rule: str, absorb_from: float) -> list[Fix]:
    """Drop the line joins that another fix overlaps, then merge each paragraph's joins.

    The joins are the fixes of ``rule``.  An overlapped join at least ``absorb_from`` sure is made by the one fix that
    overlaps it, if that fix keeps the line break (:func:`_absorb`).  The joins of
    one paragraph (same reason) become one fix wherever no other fix lies between them.
    """
    found = list(fixes)
    pieces = [f for f in found if f.rule == rule]
    if not pieces:
        return found
    others = sorted((f for f in found if f.rule != rule), key=_SPAN)
    reach = list(itertools.accumulate(map(_END, others), max))  # running greatest end
    starts = list(map(_START, others))
    kept: list[Fix] = []
    for piece in pieces:
        index = bisect.bisect_left(starts, piece.end) - 1
        # the others starting before the piece ends: does one reach into it, or start with it
        if index < 0 or (
            reach[index] <= piece.start
            and others[index].start != piece.start
            and (index == 0 or others[index - 1].start != piece.start)
        ):
            kept.append(piece)
        elif piece.confidence >= absorb_from:
            _absorb(piece, others, starts, reach, text)
    return _merged(sorted([*others, *kept], key=_SPAN), text, rule)


def _merged(fixes: list[Fix], text: str, rule: str) -> list[Fix]:
    """Each run of joins of one paragraph with nothing between them, as one fix."""
    merged: list[Fix] = []
    run: list[Fix] = []
    for fix in fixes:
        if fix.rule != rule:
            if run:
                merged.append(_one_fix(run, text))
                run = []
            merged.append(fix)
        elif run and run[-1].reason == fix.reason and run[-1].end <= fix.start:
            run.append(fix)
        else:
            if run:
                merged.append(_one_fix(run, text))
            run = [fix]
    if run:
        merged.append(_one_fix(run, text))
    return merged


def _one_fix(run: list[Fix], text: str) -> Fix:
    first = run[0]
    if len(run) == 1:
        return first
    parts = [first.replacement]
    for prior, fix in itertools.pairwise(run):
        parts += (text[prior.end : fix.start], fix.replacement)
    end = run[-1].end
    return Fix(
        first.start,
        end,
        text[first.start : end],
        "".join(parts),
        first.rule,
        first.category,
        min(f.confidence for f in run),
        first.reason,
    )


def _absorb(piece: Fix, others: list[Fix], starts: list[int], reach: list[int], text: str) -> None:
    """Let the one fix that overlaps a line join also make the join, if it keeps the break.

    A quote repair that moves a mark across a line end (`said “⏎Hello”`) keeps a line
    break in its replacement; in a paragraph being unwrapped, that break would stay
    inside it, after a trailing space.  ``others`` is sorted by start (``reach``: their
    running greatest end); the fix is replaced in place.
    """
    hits: list[int] = []
    index = bisect.bisect_left(starts, piece.end) - 1
    while index >= 0 and reach[index] > piece.start and len(hits) < 2:
        if others[index].end > piece.start:
            hits.append(index)
        index -= 1
    if len(hits) != 1:
        return
    other = others[hits[0]]
    if other.original.count("\n") != 1 or other.replacement.count("\n") != 1:
        return
    start, end = min(other.start, piece.start), max(other.end, piece.end)
    replacement = _LINE_END.sub(
        piece.replacement,
        text[start : other.start] + other.replacement + text[other.end : end],
    )
    if replacement.startswith(" ") and text[start - 1 : start] in (" ", "\t"):
        replacement = replacement[1:]
    if replacement.endswith(" ") and text[end : end + 1] in (" ", "\t"):
        replacement = replacement[:-1]
    others[hits[0]] = Fix(
        start,
        end,
        text[start:end],
        replacement,
        other.rule,
        other.category,
        min(other.confidence, piece.confidence),
        f"{other.reason} The line break goes with it: its paragraph is unwrapped.",
    )


def paragraph_groups(fixes: Sequence[Fix], rule: str) -> list[int]:
    """A group number per fix: the pieces (of ``rule``) of one unwrapped paragraph share theirs.

    Another fix inside a paragraph splits its join into pieces; the review
    accepts or rejects a group whole.  Every other fix is a group of its own.
    """
    groups: list[int] = []
    last_reason: str | None = None
    paragraph_group = number = -1
    for fix in fixes:
        if fix.rule == rule and fix.reason == last_reason:
            groups.append(paragraph_group)
            continue
        number += 1
        groups.append(number)
        if fix.rule == rule:
            last_reason, paragraph_group = fix.reason, number
    return groups
