"""The registry of detectors and the rules they implement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from editor.engine.rules import hyphens, quotes

if TYPE_CHECKING:
    from collections.abc import Iterable

    from editor.engine.rules.base import Detector, RuleInfo

DETECTORS: tuple[Detector, ...] = (*hyphens.DETECTORS, *quotes.DETECTORS)
RULES: tuple[RuleInfo, ...] = tuple(rule for d in DETECTORS for rule in d.rules)


def enabled_rule_names(selection: Iterable[str] | None) -> frozenset[str]:
    """Rule names to run: the defaults for ``None``, else the named rules and categories.

    ``selection`` may name rules (``soft-hyphen``), categories (``hyphen``,
    ``quote``), ``default`` for the default set, or ``all``.
    """
    if selection is None:
        return frozenset(r.name for r in RULES if r.default_enabled)
    names: set[str] = set()
    for item in selection:
        if item == "default":
            names |= {r.name for r in RULES if r.default_enabled}
        elif item == "all":
            names |= {r.name for r in RULES}
        else:
            matched = {r.name for r in RULES if item in (r.name, r.category.value)}
            if not matched:
                raise ValueError(f"unknown rule {item!r}")
            names |= matched
    return frozenset(names)
