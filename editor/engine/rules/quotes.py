"""Quote repair: re-pair broken quote marks per paragraph and fix turned apostrophes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from editor.engine.model import Category, Fix
from editor.engine.rules.base import Detector, RuleInfo

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.engine.context import ScanContext

TURNED_APOSTROPHE = RuleInfo(
    "turned-apostrophe",
    Category.QUOTE,
    "Turn an opening single quote inside a word (don‘t) into an apostrophe (don’t).",
)

_TURNED = regex.compile(r"(?<=\p{L})\u2018(?=\p{L})")


def _find_turned_apostrophes(ctx: ScanContext) -> Iterator[Fix]:
    for match in _TURNED.finditer(ctx.text):
        yield Fix(
            match.start(),
            match.end(),
            match.group(),
            "\u2019",
            TURNED_APOSTROPHE.name,
            Category.QUOTE,
            0.9,
            "An opening quote mark between two letters is an apostrophe typed the wrong way round.",
        )


DETECTORS: tuple[Detector, ...] = (Detector((TURNED_APOSTROPHE,), _find_turned_apostrophes),)
