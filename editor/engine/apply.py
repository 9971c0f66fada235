"""Apply fixes to a text, resolve overlaps, and map positions between original and cleaned."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from editor.engine.model import DEFAULT_MIN_CONFIDENCE, Decision, Fix
from editor.engine.prefixsums import PrefixSums

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence


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
    insertions at the same point also count as overlapping.  O(k log k) for k fixes.
    """
    ranks = priority or {}
    ranked = sorted(
        fixes,
        key=lambda f: (
            f.confidence < min_confidence,
            -ranks.get(f.rule, 0),
            -f.confidence,
            f.end - f.start,
            f.start,
            f.rule,
            f.replacement,
        ),
    )
    starts: list[int] = []  # kept fixes, ordered by start
    kept: list[Fix] = []
    for fix in ranked:
        i = bisect.bisect_left(starts, fix.start)
        before = kept[i - 1] if i > 0 else None
        after = kept[i] if i < len(kept) else None
        if before is not None and _overlap(before, fix):
            continue
        if after is not None and _overlap(fix, after):
            continue
        starts.insert(i, fix.start)
        kept.insert(i, fix)
    return kept


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
    parts: list[str] = []
    pos = 0
    for index, fix in enumerate(fixes):
        if decisions is not None and decisions[index] is not Decision.ACCEPTED:
            continue
        if fix.start < pos:
            raise ValueError(f"overlapping or unsorted fixes at {fix.start}")
        parts.append(text[pos : fix.start])
        parts.append(fix.replacement)
        pos = fix.end
    parts.append(text[pos:])
    return "".join(parts)


class OffsetMap:
    """Maps positions between the original text and the cleaned one as decisions change.

    Built once per scan; accepting or rejecting a fix is an O(log k) update,
    and each lookup is O(log k) (O(log² k) for cleaned -> original), so the
    review view never re-applies the whole text to find where a fix now sits.
    """

    def __init__(self, fixes: Sequence[Fix], accepted: Sequence[bool] | None = None) -> None:
        self._fixes = list(fixes)
        self._starts = [f.start for f in self._fixes]
        self._accepted = [False] * len(self._fixes)
        self._deltas = PrefixSums(len(self._fixes))
        if accepted is not None:
            for index, on in enumerate(accepted):
                if on:
                    self.set_accepted(index, True)

    def set_accepted(self, index: int, accepted: bool) -> None:
        """Record that fix ``index`` is now applied (or not) in the cleaned text."""
        if self._accepted[index] == accepted:
            return
        self._accepted[index] = accepted
        delta = self._fixes[index].delta
        self._deltas.add(index, delta if accepted else -delta)

    def is_accepted(self, index: int) -> bool:
        """Whether fix ``index`` is applied in the cleaned text."""
        return self._accepted[index]

    def cleaned_span(self, index: int) -> tuple[int, int]:
        """Where fix ``index``'s text (replacement if accepted, else original) sits in the cleaned text."""
        fix = self._fixes[index]
        start = fix.start + self._deltas.prefix(index)
        length = len(fix.replacement) if self._accepted[index] else fix.end - fix.start
        return start, start + length

    def to_cleaned(self, position: int) -> int:
        """The cleaned-text position of original position ``position``.

        A position inside an accepted fix maps to the start of its replacement.
        """
        count = bisect.bisect_right(self._starts, position)
        if count and self._accepted[count - 1]:
            fix = self._fixes[count - 1]
            if fix.start <= position < fix.end:
                return fix.start + self._deltas.prefix(count - 1)
        return position + self._deltas.prefix(count)

    def to_original(self, position: int) -> int:
        """The original-text position of cleaned position ``position``.

        A position inside an accepted fix's replacement, or at the point where an
        accepted deletion was, maps to the fix's start.
        """
        lo, hi = 0, len(self._fixes)
        # the number of fixes whose cleaned start lies before position
        while lo < hi:
            mid = (lo + hi) // 2
            if self._fixes[mid].start + self._deltas.prefix(mid) < position:
                lo = mid + 1
            else:
                hi = mid
        if lo == 0:
            return position
        index = lo - 1
        start, end = self.cleaned_span(index)
        fix = self._fixes[index]
        if position < end:
            if self._accepted[index]:
                return fix.start
            return fix.start + (position - start)
        return fix.end + (position - end)
