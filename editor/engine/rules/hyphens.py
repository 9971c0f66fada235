"""Hyphen repair: soft hyphens, stray hyphens inside words, words broken at line ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from editor.engine.model import Category, Fix
from editor.engine.rules.base import Detector, RuleInfo

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.engine.context import ScanContext

SOFT_HYPHEN = RuleInfo(
    "soft-hyphen", Category.HYPHEN, "Remove soft hyphens (U+00AD) left inside words."
)

_SOFT = regex.compile("\u00ad+")


def _find_soft_hyphens(ctx: ScanContext) -> Iterator[Fix]:
    for match in _SOFT.finditer(ctx.text):
        yield Fix(
            match.start(),
            match.end(),
            match.group(),
            "",
            SOFT_HYPHEN.name,
            Category.HYPHEN,
            0.99,
            "A soft hyphen is an invisible line-break hint that a copy left inside the word.",
        )


DETECTORS: tuple[Detector, ...] = (Detector((SOFT_HYPHEN,), _find_soft_hyphens),)
