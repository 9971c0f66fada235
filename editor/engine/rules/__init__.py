"""The registry of detectors and the rules they implement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from editor.engine.rules import glyphs, hyphens, layout, mojibake, quotes, spaces

if TYPE_CHECKING:
    from collections.abc import Iterable

    from editor.engine.rules.base import Detector, RuleInfo

DETECTORS: tuple[Detector, ...] = (
    *hyphens.DETECTORS,
    *quotes.DETECTORS,
    *layout.DETECTORS,
    *glyphs.DETECTORS,
    *spaces.DETECTORS,
    *mojibake.DETECTORS,
)
RULES: tuple[RuleInfo, ...] = tuple(rule for d in DETECTORS for rule in d.rules)


def enabled_rule_names(selection: Iterable[str] | None) -> frozenset[str]:
    """Rule names to run: the defaults for ``None``, else the named rules and categories.

    ``selection`` may name rules (``soft-hyphen``), categories (``hyphen``,
    ``quote``, ``layout``), ``default`` for the default set, or ``all``.  An
    item with a leading minus removes its rules from those named before it, so
    ``default,-layout`` is the default set without the layout rules.
    """
    if selection is None:
        return frozenset(r.name for r in RULES if r.default_enabled)
    names: set[str] = set()
    for item in selection:
        remove = item.startswith("-")
        key = item[1:] if remove else item
        if key == "default":
            matched = {r.name for r in RULES if r.default_enabled}
        elif key == "all":
            matched = {r.name for r in RULES}
        else:
            matched = {r.name for r in RULES if key in (r.name, r.category.value)}
            if not matched:
                raise ValueError(f"unknown rule {key!r}")
        if remove:
            names -= matched
        else:
            names |= matched
    return frozenset(names)
