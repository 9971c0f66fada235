"""The engine as a library: clean one text in memory, as ``mend clean`` cleans a file.

This is the public entry point for programs that embed Mend: a Dask, Spark or
Ray task, a datatrove or Hugging Face ``datasets`` map step, a notebook::

    from editor.engine.api import clean_text, summarise

    cleaned, fixes = clean_text(document)               # the default options
    cleaned, fixes = clean_text(document, ScanOptions(language="fr", min_confidence=0.8))
    print(summarise(fixes))                             # fixes by rule, pending count

``clean_text`` applies every fix at or above ``options.min_confidence`` and
returns all proposed fixes, the applied ones and those left for a person, so a
pipeline can keep the pending ones for review.  It is a pure function of its
arguments: the same text and options give the same result in any process, and
the word lists are loaded once per process and then shared by every call.
Nothing here forks or starts threads, so it is safe inside any worker.

Line breaks: fix offsets count code points of the text with its line breaks
normalised to ``\\n``.  A text that uses one kind of line break throughout (LF,
CRLF or CR) gets it back in the cleaned text; one that mixes them is returned
with ``\\n`` breaks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.engine.apply import apply_fixes
from editor.engine.context import ScanOptions
from editor.engine.scan import scan

if TYPE_CHECKING:
    from collections.abc import Sequence

    from editor.engine.model import Fix

__all__ = ["CleanSummary", "clean_text", "normalise_line_breaks", "summarise"]


@dataclass(frozen=True, slots=True)
class CleanSummary:
    """What happened to one document: applied fixes by rule, and how many wait for review."""

    applied_by_rule: dict[str, int]
    applied: int
    pending: int

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form (rule names sorted)."""
        return {
            "applied": self.applied,
            "pending": self.pending,
            "applied_by_rule": dict(sorted(self.applied_by_rule.items())),
        }


def normalise_line_breaks(text: str) -> tuple[str, str | None]:
    """``text`` with ``\\n`` breaks, and the one break it used throughout (``None``: mixed)."""
    carriage_returns = text.count("\r")
    if not carriage_returns:
        return text, "\n"
    pairs = text.count("\r\n")
    feeds = text.count("\n") - pairs
    if pairs == carriage_returns and not feeds:
        return text.replace("\r\n", "\n"), "\r\n"
    if not pairs and not feeds:
        return text.replace("\r", "\n"), "\r"
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def clean_text(text: str, options: ScanOptions | None = None) -> tuple[str, list[Fix]]:
    """Clean ``text``: returns the cleaned text and every proposed fix, sorted by position.

    The fixes at or above ``options.min_confidence`` are the ones applied; the
    others were left as they were.  Offsets refer to ``text`` with its line
    breaks normalised to ``\\n`` (see the module's notes).
    """
    opts = options or ScanOptions()
    normal, newline = normalise_line_breaks(text)
    fixes = scan(normal, opts)
    cleaned = apply_fixes(normal, [f for f in fixes if f.confidence >= opts.min_confidence])
    if newline not in (None, "\n"):
        cleaned = cleaned.replace("\n", newline)
    return cleaned, fixes


def summarise(fixes: Sequence[Fix], min_confidence: float | None = None) -> CleanSummary:
    """Count ``fixes`` as ``clean_text`` treated them (threshold: the default options')."""
    threshold = ScanOptions().min_confidence if min_confidence is None else min_confidence
    applied = [f.rule for f in fixes if f.confidence >= threshold]
    return CleanSummary(dict(Counter(applied)), len(applied), len(fixes) - len(applied))
