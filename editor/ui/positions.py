"""Where each fix sits in the two panes, in UTF-16 units (what Qt counts), as decisions change."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from editor.engine.prefixsums import PrefixSums
from editor.engine.textpos import Utf16Index, utf16_length

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from editor.engine.model import Fix


class PaneOffsets:
    """Maps fixes to UTF-16 spans in the original (left) and cleaned (right) pane.

    The left pane never changes, so its spans are computed once.  The right
    pane's span of fix ``i`` is its left span shifted by the UTF-16 length
    changes of the accepted fixes before it, kept in a Fenwick tree: a
    decision is an O(log k) update and every lookup is O(log k) or O(log² k).
    """

    def __init__(self, original: str, fixes: Sequence[Fix], accepted: Sequence[bool]) -> None:
        index = Utf16Index(original)
        self.length16 = index.to_utf16(len(original))
        self._starts = [index.to_utf16(f.start) for f in fixes]
        self._ends = [index.to_utf16(f.end) for f in fixes]
        self._replaced = [
            len(f.replacement) if f.replacement.isascii() else utf16_length(f.replacement)
            for f in fixes
        ]
        self._accepted = [False] * len(fixes)
        self._deltas = PrefixSums(len(fixes))
        for i, on in enumerate(accepted):
            if on:
                self.set_accepted(i, True)

    def __len__(self) -> int:
        return len(self._starts)

    def set_accepted(self, index: int, accepted: bool) -> None:
        """Record that fix ``index`` is now applied (or not) in the right pane."""
        if self._accepted[index] == accepted:
            return
        self._accepted[index] = accepted
        delta = self._replaced[index] - (self._ends[index] - self._starts[index])
        self._deltas.add(index, delta if accepted else -delta)

    @property
    def left_starts(self) -> Sequence[int]:
        """UTF-16 start of every fix in the left pane, ascending (do not modify)."""
        return self._starts

    def set_replacement(self, index: int, replacement: str) -> None:
        """Fix ``index`` now replaces its span with ``replacement`` (the user's own text)."""
        accepted = self._accepted[index]
        self.set_accepted(index, False)
        self._replaced[index] = utf16_length(replacement)
        self.set_accepted(index, accepted)

    def replacement_length(self, index: int) -> int:
        """UTF-16 length of fix ``index``'s replacement."""
        return self._replaced[index]

    def left_span(self, index: int) -> tuple[int, int]:
        """UTF-16 span of fix ``index``'s original text in the left pane."""
        return self._starts[index], self._ends[index]

    def right_span(self, index: int) -> tuple[int, int]:
        """UTF-16 span of fix ``index``'s current text (replacement or original) on the right."""
        start = self._starts[index] + self._deltas.prefix(index)
        if self._accepted[index]:
            return start, start + self._replaced[index]
        return start, start + self._ends[index] - self._starts[index]

    def right_length(self) -> int:
        """UTF-16 length of the whole right-pane text."""
        return self.length16 + self._deltas.prefix(len(self._starts))

    def left_range(self, start16: int, end16: int) -> range:
        """Indices of the fixes whose left span meets ``start16 .. end16`` (empty spans included)."""
        first = bisect.bisect_left(self._ends, start16)
        last = bisect.bisect_right(self._starts, end16)
        return range(first, max(first, last))

    def right_range(self, start16: int, end16: int) -> range:
        """Indices of the fixes whose right span meets ``start16 .. end16``."""
        first = self._first_right(lambda i: self.right_span(i)[1] >= start16)
        last = self._first_right(lambda i: self.right_span(i)[0] > end16)
        return range(first, max(first, last))

    def _first_right(self, condition: Callable[[int], bool]) -> int:
        """Smallest index whose right span satisfies a monotonic ``condition`` (len if none)."""
        lo, hi = 0, len(self._starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if condition(mid):
                hi = mid
            else:
                lo = mid + 1
        return lo

    def fix_at_left(self, pos16: int) -> int | None:
        """The fix whose left span contains ``pos16`` (or starts there), if any."""
        return self._fix_at(pos16, self.left_span)

    def fix_at_right(self, pos16: int) -> int | None:
        """The fix whose right span contains ``pos16`` (or starts there), if any."""
        return self._fix_at(pos16, self.right_span)

    def _fix_at(self, pos16: int, span: Callable[[int], tuple[int, int]]) -> int | None:
        lo, hi = 0, len(self._starts)
        while lo < hi:  # number of fixes starting at or before pos16
            mid = (lo + hi) // 2
            if span(mid)[0] <= pos16:
                lo = mid + 1
            else:
                hi = mid
        if lo == 0:
            return None
        start, end = span(lo - 1)
        return lo - 1 if start <= pos16 < end or start == pos16 else None

    def right_to_left(self, pos16: int) -> int:
        """Left-pane position of right-pane position ``pos16`` (inside a fix: its start)."""
        count = self._first_right(lambda i: self.right_span(i)[0] > pos16)
        if count == 0:
            return pos16
        _start, end = self.right_span(count - 1)
        if pos16 < end:
            return self._starts[count - 1]
        return pos16 - self._deltas.prefix(count)

    def left_to_right(self, pos16: int) -> int:
        """Right-pane position of left-pane position ``pos16`` (inside a fix: its start)."""
        count = bisect.bisect_right(self._starts, pos16)
        if count and pos16 < self._ends[count - 1]:
            return self.right_span(count - 1)[0]
        return pos16 + self._deltas.prefix(count)
