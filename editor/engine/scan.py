"""scan(): run every enabled detector over a text and return clean, non-overlapping fixes."""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
from typing import TYPE_CHECKING

from editor.engine.apply import resolve_overlaps
from editor.engine.context import ScanContext, ScanOptions
from editor.engine.rules import DETECTORS, RULE_PRIORITY, enabled_rule_names

if TYPE_CHECKING:
    from collections.abc import Callable

    from editor.engine.model import Fix
    from editor.engine.rules.base import Detector

logger = logging.getLogger(__name__)


#: Below this size a second process costs more than it saves.
PARALLEL_MIN_CHARS = 200_000


def scan(
    text: str,
    options: ScanOptions | None = None,
    *,
    is_cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[float], None] | None = None,
    parallel: bool = False,
) -> list[Fix]:
    """Propose fixes for ``text`` (line breaks ``\\n``), sorted by position, never overlapping.

    Offsets are code points.  ``is_cancelled`` is polled now and then; when it
    returns true, :class:`~editor.engine.errors.ScanCancelled` is raised.
    ``progress`` receives fractions from 0 to 1.  No fix adds or removes a line
    break, so the text's layout survives any set of decisions.

    With ``parallel``, a large text's detectors are shared with a forked child
    process (POSIX only).  Only single-threaded callers such as the command line
    should ask for it: forking a process that runs other threads is unsafe.
    """
    opts = options or ScanOptions()
    enabled = enabled_rule_names(opts.rules)
    active = [d for d in DETECTORS if any(r.name in enabled for r in d.rules)]
    own, forked = active, []
    if parallel and len(active) > 1 and len(text) >= PARALLEL_MIN_CHARS and hasattr(os, "fork"):
        # The first detector (hyphens, with the word lists it loads) costs about as
        # much as the rest together.
        own, forked = active[1:], active[:1]
    ctx = ScanContext(text, opts, is_cancelled, progress)
    child = _ForkedDetectors(text, opts, forked) if forked else None
    try:
        found = _run(ctx, own, enabled)
        if child is not None:
            try:
                theirs = [f for f in child.result() if f.rule in enabled and _is_sound(text, f)]
            except RuntimeError:
                # the helper process died (killed, out of memory): do its part here
                logger.warning("the scan's helper process failed; scanning in one process")
                theirs = _run(ctx, forked, enabled)
            found += theirs
    finally:
        if child is not None:
            child.stop()
    ctx.check_cancelled()
    if progress is not None:
        progress(1.0)
    return resolve_overlaps(found, RULE_PRIORITY, opts.min_confidence)


def _run(ctx: ScanContext, detectors: list[Detector], enabled: frozenset[str]) -> list[Fix]:
    found: list[Fix] = []
    for number, detector in enumerate(detectors):
        ctx.check_cancelled()
        ctx.begin_stage(number / len(detectors), 1 / len(detectors))
        found.extend(f for f in detector.find(ctx) if f.rule in enabled and _is_sound(ctx.text, f))
    return found


class _ForkedDetectors:
    """Runs some detectors in a forked child that shares the text without copying it."""

    def __init__(self, text: str, options: ScanOptions, detectors: list[Detector]) -> None:
        self._read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # pragma: no cover - runs in the child, measured by the tests' results
            os.close(self._read)
            try:
                ctx = ScanContext(text, options)
                payload = pickle.dumps(("ok", [f for d in detectors for f in d.find(ctx)]))
            except BaseException as exc:  # noqa: BLE001 - everything must reach the parent
                payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
            with os.fdopen(write, "wb") as stream:
                stream.write(payload)
            os._exit(0)
        os.close(write)

    def result(self) -> list[Fix]:
        """Wait for the child's fixes; re-raise its failure as a RuntimeError."""
        with os.fdopen(self._read, "rb") as stream:
            self._read = -1
            data = stream.read()
        os.waitpid(self._pid, 0)
        self._pid = 0
        if not data:
            raise RuntimeError("the scan's helper process ended without an answer")
        status, value = pickle.loads(data)
        if status != "ok":
            raise RuntimeError(f"the scan's helper process failed: {value}")
        fixes: list[Fix] = value
        return fixes

    def stop(self) -> None:
        """End the child if it is still running (after a cancel or an error)."""
        if self._read != -1:
            os.close(self._read)
            self._read = -1
        if self._pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = 0


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
