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

#: Which rule's fix wins when fixes of two rules want the same characters (among fixes on
#: the same side of the user's threshold; see apply.resolve_overlaps), highest first.
#: Straightening asked for by the user beats every curly repair of the same mark; a quote
#: repair whose move also drops a soft hyphen beats the soft-hyphen fix, or the repair
#: would be lost; the hyphen rules rank alike (their confidences decide between them);
#: educating straight quotes is a style choice and yields to every repair.
_PRIORITY_ORDER: tuple[tuple[str, ...], ...] = (
    ("straighten-quotes",),
    ("quote-pairing", "turned-apostrophe"),
    ("soft-hyphen", "stray-hyphen", "line-break-hyphen"),
    ("educate-quotes",),
)
#: rule name -> priority (higher wins); rules not named rank lowest (0)
RULE_PRIORITY: dict[str, int] = {
    name: len(_PRIORITY_ORDER) - rank
    for rank, names in enumerate(_PRIORITY_ORDER)
    for name in names
}


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
