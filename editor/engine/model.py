"""The plain data the engine produces and the UI and command line consume."""

from __future__ import annotations

import enum
from dataclasses import dataclass

#: Fixes at or above this confidence are applied by ``mend clean`` and start
#: accepted in the review app; the rest wait for the user.
DEFAULT_MIN_CONFIDENCE = 0.6


class Category(enum.Enum):
    """The family of artifact a fix repairs."""

    HYPHEN = "hyphen"
    QUOTE = "quote"
    STYLE = "style"
    #: line structure and copy artifacts: unwrapped lines, page furniture, ligatures, stray spaces
    LAYOUT = "layout"


class Decision(enum.Enum):
    """The user's verdict on one proposed fix."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Fix:
    """One proposed edit: replace ``text[start:end]`` with ``replacement``.

    Offsets are Python code-point indices into the original (newline-normalised)
    text; the UI converts them to UTF-16 positions before touching Qt.
    ``original`` is ``text[start:end]``, kept so a fix can be shown and checked
    without the text at hand.
    """

    start: int
    end: int
    original: str
    replacement: str
    rule: str
    category: Category
    confidence: float
    reason: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad fix span {self.start}..{self.end}")
        if len(self.original) != self.end - self.start:
            raise ValueError("fix original does not match its span")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside 0..1")

    @property
    def delta(self) -> int:
        """How much longer the text gets when this fix is applied."""
        return len(self.replacement) - (self.end - self.start)

    def is_default_accepted(self, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> bool:
        """Whether the command line applies this fix and the app pre-accepts it."""
        return self.confidence >= min_confidence


def initial_decisions(
    fixes: list[Fix], min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> list[Decision]:
    """Accepted for confident fixes, pending for the rest: what a review starts with."""
    return [
        Decision.ACCEPTED if fix.confidence >= min_confidence else Decision.PENDING for fix in fixes
    ]
