"""Apply fixes to a text, resolve overlaps, and map positions and lines between original and cleaned.

Fixes may add or remove line breaks (the ``layout`` rules unwrap paragraphs), so
the n-th line of the cleaned text is not the n-th line of the original: the
:class:`OffsetMap` maps offsets, lines and changed blocks (hunks) both ways, and
:func:`break_origins` says which original break each cleaned break is.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.engine.model import DEFAULT_MIN_CONFIDENCE, Decision, Fix
from editor.engine.prefixsums import PrefixSums
from editor.engine.textpos import Utf16Index, utf16_length

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence


def resolve_overlaps(
    fixes: Iterable[Fix],
    priority: Mapping[str, int] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> list[Fix]:
    """Return the fixes sorted by position with overlapping ones removed.

    Deterministic: among fixes that overlap, one that will be applied (at or
    above ``min_confidence``) wins over one that will wait; then the rule of
    higher ``priority`` (the registry's order, see rules.RULE_PRIORITY); then
    the most confident, the shorter span, the earlier one, the rule name.  Two
    insertions at the same point also count as overlapping.  O(k log k) for k
    fixes: the ranking runs within each cluster of fixes that reach into each
    other, and fixes in different clusters never compete.
    """
    ranks = priority or {}

    def rank(f: Fix) -> tuple[bool, int, float, int, int, str, str]:
        return (
            f.confidence < min_confidence,
            -ranks.get(f.rule, 0),
            -f.confidence,
            f.end - f.start,
            f.start,
            f.rule,
            f.replacement,
        )

    by_start = sorted(fixes, key=lambda f: (f.start, f.end))
    kept: list[Fix] = []
    cluster: list[Fix] = []
    reach = -1
    for fix in by_start:
        if cluster and (fix.start < reach or fix.start == cluster[-1].start):
            cluster.append(fix)
            reach = max(reach, fix.end)
            continue
        _keep_best(cluster, kept, rank)
        cluster = [fix]
        reach = fix.end
    _keep_best(cluster, kept, rank)
    return kept


def _keep_best(
    cluster: list[Fix], kept: list[Fix], rank: Callable[[Fix], tuple[object, ...]]
) -> None:
    """Append to ``kept``, in start order, the winners of one cluster of fixes."""
    if len(cluster) < 2:
        kept.extend(cluster)
        return
    ranked = sorted(cluster, key=rank)
    starts: list[int] = []  # this cluster's kept fixes, ordered by start
    winners: list[Fix] = []
    for fix in ranked:
        i = bisect.bisect_left(starts, fix.start)
        before = winners[i - 1] if i > 0 else None
        after = winners[i] if i < len(winners) else None
        if before is not None and _overlap(before, fix):
            continue
        if after is not None and _overlap(fix, after):
            continue
        starts.insert(i, fix.start)
        winners.insert(i, fix)
    kept.extend(winners)


def _overlap(a: Fix, b: Fix) -> bool:
    """Tell whether two fixes touch the same characters.

    Two fixes that start at the same point conflict even when one is an
    insertion, because their order in the result would be ambiguous.
    """
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def apply_fixes(
    text: str, fixes: Sequence[Fix], decisions: Sequence[Decision] | None = None
) -> str:
    """Return ``text`` with the accepted fixes applied (all of them if no decisions are given).

    One pass, O(len(text) + k): the result is joined from untouched segments and
    replacements, never sliced once per fix.  ``fixes`` must be sorted and free
    of overlaps, as :func:`resolve_overlaps` and ``scan`` return them.
    """
    return "".join(applied_pieces(text, fixes, decisions))


def applied_pieces(
    text: str, fixes: Sequence[Fix], decisions: Sequence[Decision] | None = None
) -> Iterator[str]:
    """The cleaned text of :func:`apply_fixes` in order, as untouched segments and replacements.

    For a caller that streams the result (saving a big file) rather than holding it.
    """
    pos = 0
    for index, fix in enumerate(fixes):
        if decisions is not None and decisions[index] is not Decision.ACCEPTED:
            continue
        if fix.start < pos:
            raise ValueError(f"overlapping or unsorted fixes at {fix.start}")
        yield text[pos : fix.start]
        yield fix.replacement
        pos = fix.end
    yield text[pos:]


def break_origins(
    text: str, fixes: Sequence[Fix], decisions: Sequence[Decision] | None = None
) -> list[int | None]:
    """For each line break of the cleaned text, the index of the original break it is.

    ``None`` marks a break that a fix added.  A fix that keeps as many breaks as
    it replaces keeps them in order; one that removes breaks keeps its first
    ones; one that adds breaks gives the extra ones ``None``.  Saving uses it to
    give each kept break its own bytes (CRLF, CR or LF) in a mixed-ending file.
    """
    origins: list[int | None] = []
    pos = 0
    seen = 0  # original breaks before ``pos``
    for index, fix in enumerate(fixes):
        if decisions is not None and decisions[index] is not Decision.ACCEPTED:
            continue
        before = text.count("\n", pos, fix.start)
        origins.extend(range(seen, seen + before))
        seen += before
        replaced = fix.original.count("\n")
        added = fix.replacement.count("\n")
        origins.extend(range(seen, seen + min(replaced, added)))
        origins.extend([None] * max(0, added - replaced))
        seen += replaced
        pos = fix.end
    origins.extend(range(seen, seen + text.count("\n", pos)))
    return origins


@dataclass(frozen=True, slots=True)
class Hunk:
    """A block of lines that accepted fixes changed the line count of, in both texts.

    Line numbers count from 0 and both ends are included: original lines
    ``original_first .. original_last`` became cleaned lines
    ``cleaned_first .. cleaned_last``.  ``fixes`` are the indices of the fixes
    inside the block.
    """

    original_first: int
    original_last: int
    cleaned_first: int
    cleaned_last: int
    fixes: tuple[int, ...]


class OffsetMap:
    """Maps positions and lines between the original text and the cleaned one as decisions change.

    Built once per scan; accepting or rejecting a fix is an O(log k) update,
    and each lookup is O(log k) (O(log² k) for cleaned -> original), so the
    review view never re-applies the whole text to find where a fix now sits.

    Positions are code points, or UTF-16 units (what Qt counts) for a map made
    with :meth:`for_text` and ``utf16=True``; the conversion happens here once.
    Line lookups need the text: build the map with :meth:`for_text`.
    """

    def __init__(self, fixes: Sequence[Fix], accepted: Sequence[bool] | None = None) -> None:
        self._setup(
            fixes,
            [f.start for f in fixes],
            [f.end for f in fixes],
            [len(f.replacement) for f in fixes],
            None,
        )
        self._apply_initial(accepted)

    @classmethod
    def for_text(
        cls,
        text: str,
        fixes: Sequence[Fix],
        accepted: Sequence[bool] | None = None,
        *,
        utf16: bool = False,
    ) -> OffsetMap:
        """A map that also knows ``text``'s lines (and counts UTF-16 units with ``utf16``)."""
        self = cls.__new__(cls)
        index = Utf16Index(text) if utf16 else None
        if index is None or index.is_trivial:
            starts = [f.start for f in fixes]
            ends = [f.end for f in fixes]
            breaks = _break_positions(text)
            length = len(text)
        else:
            starts = [index.to_utf16(f.start) for f in fixes]
            ends = [index.to_utf16(f.end) for f in fixes]
            breaks = [index.to_utf16(p) for p in _break_positions(text)]
            length = index.to_utf16(len(text))
        replaced = [
            len(f.replacement)
            if not utf16 or f.replacement.isascii()
            else utf16_length(f.replacement)
            for f in fixes
        ]
        self._setup(fixes, starts, ends, replaced, breaks)
        self._length = length
        self._utf16 = utf16
        self._apply_initial(accepted)
        return self

    def _setup(
        self,
        fixes: Sequence[Fix],
        starts: list[int],
        ends: list[int],
        replaced: list[int],
        breaks: list[int] | None,
    ) -> None:
        self._starts = starts
        self._ends = ends
        self._replaced = replaced
        self._breaks = breaks  # positions of the original's line breaks, or None
        self._length = -1
        self._utf16 = False
        self._accepted = [False] * len(fixes)
        self._deltas = PrefixSums(len(fixes))
        self._line_deltas = PrefixSums(len(fixes))
        self._added_lines = [f.replacement.count("\n") for f in fixes]
        self._removed_lines = [f.original.count("\n") for f in fixes]

    def _apply_initial(self, accepted: Sequence[bool] | None) -> None:
        if accepted is not None:
            for index, on in enumerate(accepted):
                if on:
                    self.set_accepted(index, True)

    def __len__(self) -> int:
        return len(self._starts)

    def set_accepted(self, index: int, accepted: bool) -> None:
        """Record that fix ``index`` is now applied (or not) in the cleaned text."""
        if self._accepted[index] == accepted:
            return
        self._accepted[index] = accepted
        sign = 1 if accepted else -1
        delta = self._replaced[index] - (self._ends[index] - self._starts[index])
        self._deltas.add(index, sign * delta)
        lines = self._added_lines[index] - self._removed_lines[index]
        if lines:
            self._line_deltas.add(index, sign * lines)

    def is_accepted(self, index: int) -> bool:
        """Whether fix ``index`` is applied in the cleaned text."""
        return self._accepted[index]

    def replacement_length(self, index: int) -> int:
        """Length of fix ``index``'s replacement."""
        return self._replaced[index]

    def set_replacement(self, index: int, replacement: str) -> None:
        """Fix ``index`` now puts ``replacement`` in its span (a replacement of the user's own).

        O(log k), like a decision: the fix is taken out, measured anew and put back.
        """
        accepted = self._accepted[index]
        self.set_accepted(index, False)
        self._replaced[index] = utf16_length(replacement) if self._utf16 else len(replacement)
        self._added_lines[index] = replacement.count("\n")
        self.set_accepted(index, accepted)

    @property
    def original_starts(self) -> Sequence[int]:
        """Where every fix starts in the original, ascending (do not modify)."""
        return self._starts

    def original_length(self) -> int:
        """Length of the whole original text (maps made with :meth:`for_text` only)."""
        if self._length < 0:
            raise ValueError("this map was built without the text")
        return self._length

    def original_span(self, index: int) -> tuple[int, int]:
        """Where fix ``index``'s original text sits in the original text."""
        return self._starts[index], self._ends[index]

    def cleaned_span(self, index: int) -> tuple[int, int]:
        """Where fix ``index``'s text (replacement if accepted, else original) sits in the cleaned text."""
        start = self._starts[index] + self._deltas.prefix(index)
        if self._accepted[index]:
            return start, start + self._replaced[index]
        return start, start + self._ends[index] - self._starts[index]

    def cleaned_length(self) -> int:
        """Length of the whole cleaned text (maps made with :meth:`for_text` only)."""
        if self._length < 0:
            raise ValueError("this map was built without the text")
        return self._length + self._deltas.prefix(len(self._starts))

    def to_cleaned(self, position: int) -> int:
        """The cleaned-text position of original position ``position``.

        A position inside an accepted fix maps to the start of its replacement.
        """
        count = bisect.bisect_right(self._starts, position)
        if count and self._accepted[count - 1] and position < self._ends[count - 1]:
            return self._starts[count - 1] + self._deltas.prefix(count - 1)
        return position + self._deltas.prefix(count)

    def to_original(self, position: int) -> int:
        """The original-text position of cleaned position ``position``.

        A position inside an accepted fix's replacement, or at the point where an
        accepted deletion was, maps to the fix's start.
        """
        lo, hi = 0, len(self._starts)
        starts, prefix = self._starts, self._deltas.prefix
        # the number of fixes whose cleaned start lies before position (inlined: hot loop)
        while lo < hi:
            mid = (lo + hi) // 2
            if starts[mid] + prefix(mid) < position:
                lo = mid + 1
            else:
                hi = mid
        if lo == 0:
            return position
        index = lo - 1
        start, end = self.cleaned_span(index)
        if position < end:
            if self._accepted[index]:
                return self._starts[index]
            return self._starts[index] + (position - start)
        return self._ends[index] + (position - end)

    def original_range(self, start: int, end: int) -> range:
        """Indices of the fixes whose original span meets ``start .. end`` (empty spans included)."""
        first = bisect.bisect_left(self._ends, start)
        last = bisect.bisect_right(self._starts, end)
        return range(first, max(first, last))

    def cleaned_range(self, start: int, end: int) -> range:
        """Indices of the fixes whose cleaned span meets ``start .. end``."""
        first = self._first(lambda i: self.cleaned_span(i)[1] >= start)
        last = self._first(lambda i: self.cleaned_span(i)[0] > end)
        return range(first, max(first, last))

    def fix_at_original(self, position: int) -> int | None:
        """The fix whose original span contains ``position`` (or starts there), if any."""
        return self._fix_at(position, self.original_span)

    def fix_at_cleaned(self, position: int) -> int | None:
        """The fix whose cleaned span contains ``position`` (or starts there), if any."""
        return self._fix_at(position, self.cleaned_span)

    def _fix_at(self, position: int, span: Callable[[int], tuple[int, int]]) -> int | None:
        count = self._first(lambda i: span(i)[0] > position)
        if count == 0:
            return None
        start, end = span(count - 1)
        return count - 1 if start <= position < end or start == position else None

    def _first(self, condition: Callable[[int], bool]) -> int:
        """Smallest fix index satisfying a monotonic ``condition`` (the count if none)."""
        lo, hi = 0, len(self._starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if condition(mid):
                hi = mid
            else:
                lo = mid + 1
        return lo

    # Lines ---------------------------------------------------------------------------

    def _line_breaks(self) -> list[int]:
        if self._breaks is None:
            raise ValueError("line lookups need a map built with OffsetMap.for_text")
        return self._breaks

    def original_line(self, position: int) -> int:
        """The line (from 0) of original position ``position``."""
        return bisect.bisect_left(self._line_breaks(), position)

    def original_line_count(self) -> int:
        """How many lines the original text has."""
        return len(self._line_breaks()) + 1

    def cleaned_line_count(self) -> int:
        """How many lines the cleaned text has with the current decisions."""
        return self.original_line_count() + self._line_deltas.prefix(len(self._starts))

    def _cleaned_first_line(self, index: int) -> int:
        return self.original_line(self._starts[index]) + self._line_deltas.prefix(index)

    def _cleaned_last_line(self, index: int) -> int:
        lines = self._added_lines if self._accepted[index] else self._removed_lines
        return self._cleaned_first_line(index) + lines[index]

    def to_cleaned_line(self, line: int) -> int:
        """The cleaned line that shows original line ``line``.

        A line inside an accepted fix that joins lines maps to the cleaned line
        where that part of the fix's replacement sits (at most its last line).
        """
        breaks = self._line_breaks()
        line_start = breaks[line - 1] + 1 if line > 0 else 0
        count = bisect.bisect_right(self._starts, line_start)
        if count:
            index = count - 1
            if self._accepted[index] and line_start < self._ends[index]:
                first = self._cleaned_first_line(index)
                inside = line - self.original_line(self._starts[index])
                return first + min(inside, self._added_lines[index])
        return line + self._line_deltas.prefix(count)

    def to_original_line(self, line: int) -> int:
        """The original line that cleaned line ``line`` starts on."""
        # the first fix that reaches down to the line (cleaned last lines never decrease)
        index = self._first(lambda i: self._cleaned_last_line(i) >= line)
        if index < len(self._starts) and self._cleaned_first_line(index) <= line:
            first = self._cleaned_first_line(index)
            original_first = self.original_line(self._starts[index])
            inside = original_first + (line - first)
            if self._accepted[index]:
                return min(inside, original_first + self._removed_lines[index])
            return inside
        if index == 0:
            return line
        before = index - 1
        original_last = self.original_line(self._starts[before]) + self._removed_lines[before]
        return original_last + (line - self._cleaned_last_line(before))

    def hunks(self) -> list[Hunk]:
        """The blocks where accepted fixes change the number of lines, in order.

        Fixes whose lines touch are one hunk.  The diff view aligns the two panes
        block by block with them; O(k log k) for k fixes.
        """
        hunks: list[Hunk] = []
        for index in range(len(self._starts)):
            if not self._accepted[index]:
                continue
            if self._added_lines[index] == self._removed_lines[index]:
                continue
            original_first = self.original_line(self._starts[index])
            original_last = original_first + self._removed_lines[index]
            cleaned_first = self._cleaned_first_line(index)
            cleaned_last = cleaned_first + self._added_lines[index]
            if hunks and hunks[-1].original_last >= original_first:
                prior = hunks[-1]
                hunks[-1] = Hunk(
                    prior.original_first,
                    original_last,
                    prior.cleaned_first,
                    cleaned_last,
                    (*prior.fixes, index),
                )
            else:
                hunks.append(
                    Hunk(original_first, original_last, cleaned_first, cleaned_last, (index,))
                )
        return hunks


def _break_positions(text: str) -> list[int]:
    positions: list[int] = []
    found = text.find("\n")
    while found != -1:
        positions.append(found)
        found = text.find("\n", found + 1)
    return positions
