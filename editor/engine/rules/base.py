"""What a rule is: a named, documented kind of fix, found by a detector."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from editor.engine.context import ScanContext
    from editor.engine.model import Category, Fix


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A kind of fix the user can switch on or off by name."""

    name: str
    category: Category
    description: str
    default_enabled: bool = True


@dataclass(frozen=True, slots=True)
class Detector:
    """One pass over the text that proposes fixes for one or more rules.

    ``find`` must only yield fixes whose ``rule`` is one of ``rules``; ``scan``
    drops the fixes of rules that are switched off.  It should call
    ``ctx.check_cancelled()`` and ``ctx.report_progress()`` now and then.
    """

    rules: tuple[RuleInfo, ...]
    find: Callable[[ScanContext], Iterable[Fix]]
