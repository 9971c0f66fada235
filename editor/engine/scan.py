"""scan(): run every enabled detector over a text and return clean, non-overlapping fixes."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from editor.engine.apply import resolve_overlaps
from editor.engine.context import ScanContext, ScanOptions
from editor.engine.rules import DETECTORS, enabled_rule_names

if TYPE_CHECKING:
    from collections.abc import Callable

    from editor.engine.model import Fix

logger = logging.getLogger(__name__)


def scan(
    text: str,
    options: ScanOptions | None = None,
    *,
    is_cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[float], None] | None = None,
) -> list[Fix]:
    """Propose fixes for ``text`` (line breaks ``\\n``), sorted by position, never overlapping.

    Offsets are code points.  ``is_cancelled`` is polled now and then; when it
    returns true, :class:`~editor.engine.errors.ScanCancelled` is raised.
    ``progress`` receives fractions from 0 to 1.  No fix adds or removes a line
    break, so the text's layout survives any set of decisions.
    """
    opts = options or ScanOptions()
    enabled = enabled_rule_names(opts.rules)
    ctx = ScanContext(text, opts, is_cancelled, progress)
    active = [d for d in DETECTORS if any(r.name in enabled for r in d.rules)]
    found: list[Fix] = []
    for number, detector in enumerate(active):
        ctx.check_cancelled()
        ctx.begin_stage(number / len(active), 1 / len(active))
        found.extend(f for f in detector.find(ctx) if f.rule in enabled and _is_sound(text, f))
    ctx.check_cancelled()
    if progress is not None:
        progress(1.0)
    return resolve_overlaps(found)


def _is_sound(text: str, fix: Fix) -> bool:
    """Guard against a detector bug reaching the user's file."""
    ok = (
        fix.end <= len(text)
        and text[fix.start : fix.end] == fix.original
        and fix.replacement != fix.original
        and fix.original.count("\n") == fix.replacement.count("\n")
    )
    if not ok:
        logger.warning("dropped an unsound fix from rule %s at %d", fix.rule, fix.start)
    return ok
