"""Prefix sums with point updates (a Fenwick tree), for offsets that shift as decisions change."""

from __future__ import annotations


class PrefixSums:
    """``size`` integers, all 0 at first; point updates and prefix sums are both O(log n)."""

    def __init__(self, size: int) -> None:
        self._tree = [0] * (size + 1)

    def add(self, index: int, value: int) -> None:
        """Add ``value`` to entry ``index``."""
        i = index + 1
        while i < len(self._tree):
            self._tree[i] += value
            i += i & -i

    def prefix(self, count: int) -> int:
        """Sum of the first ``count`` entries."""
        total = 0
        i = count
        while i > 0:
            total += self._tree[i]
            i -= i & -i
        return total
