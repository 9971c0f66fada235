"""scan(): run every enabled detector over a text and return clean, non-overlapping fixes."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import pickle
import signal
import sys
import threading
from typing import TYPE_CHECKING

from editor.engine.apply import resolve_overlaps
from editor.engine.context import ScanContext, ScanOptions
from editor.engine.encoding_guess import ESCAPED_BYTE
from editor.engine.rules import DETECTORS, RULE_PRIORITY, enabled_rule_names
from editor.engine.rules.layout import merge_paragraph_pieces

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

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
    ``progress`` receives fractions from 0 to 1.  Fixes may remove or add line
    breaks (``layout`` rules do); :class:`~editor.engine.apply.OffsetMap` maps
    lines between the original and the cleaned text, and
    :func:`~editor.engine.textfile.cleaned_layout` gives each kept break its bytes.

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
    guard = FixGuard(text, opts.encoding)
    child = _ForkedDetectors(text, opts, forked) if forked else None
    try:
        found = _run(ctx, own, enabled, guard)
        if child is not None:
            try:
                theirs = [f for f in child.result() if f.rule in enabled and guard.allows(f)]
            except RuntimeError:
                # the helper process died (killed, out of memory): do its part here
                logger.warning("the scan's helper process failed; scanning in one process")
                theirs = _run(ctx, forked, enabled, guard)
            found += theirs
    finally:
        if child is not None:
            child.stop()
    ctx.check_cancelled()
    if progress is not None:
        progress(1.0)
    return resolve_overlaps(merge_paragraph_pieces(found, text), RULE_PRIORITY, opts.min_confidence)


def _run(
    ctx: ScanContext, detectors: list[Detector], enabled: frozenset[str], guard: FixGuard
) -> list[Fix]:
    found: list[Fix] = []
    for number, detector in enumerate(detectors):
        ctx.check_cancelled()
        ctx.begin_stage(number / len(detectors), 1 / len(detectors))
        found.extend(f for f in detector.find(ctx) if f.rule in enabled and guard.allows(f))
    return found


# prctl(2) option: the kernel sends the child this signal when its parent thread ends.
_PR_SET_PDEATHSIG = 1
# Signals the helper must not answer with the parent's handlers (the CLI's Ctrl+C message,
# its SIGTERM clean-up): blocked across fork() so none lands before the child resets them.
_PARENT_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


class _ForkedDetectors:
    """Runs some detectors in a forked child that shares the text without copying it.

    The child never outlives its parent: Linux ends it when the parent dies
    (``PR_SET_PDEATHSIG``), and everywhere a watcher thread ends it when the
    parent's end of a pipe closes.  Ctrl+C is the parent's to answer: the
    child ignores SIGINT, and the parent kills the child in :meth:`stop`.
    """

    def __init__(self, text: str, options: ScanOptions, detectors: list[Detector]) -> None:
        self._read, write = os.pipe()
        lifeline, self._lifeline = os.pipe()
        parent = os.getpid()
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, _PARENT_SIGNALS)
        try:
            self._pid = os.fork()
            if self._pid == 0:  # pragma: no cover - runs in the child, measured by the tests
                try:
                    os.close(self._read)
                    os.close(self._lifeline)
                    _become_helper(parent, lifeline, old_mask)
                    _serve(text, options, detectors, write)
                finally:
                    os._exit(0)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        os.close(write)
        os.close(lifeline)

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
        for name in ("_read", "_lifeline"):
            fd = getattr(self, name)
            if fd != -1:
                os.close(fd)
                setattr(self, name, -1)
        if self._pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = 0


class FixGuard:
    """What every fix must pass, whichever rule proposed it, before the user sees it.

    Besides catching detector bugs (:func:`_is_sound`), it keeps fixes away from
    bytes that were not valid in the file's encoding (kept as surrogate
    escapes: no fix may change them or the characters right beside them, since
    what they mean is unknown) and drops a fix whose replacement the file's
    encoding cannot store, which would otherwise fail the save at the end.
    """

    def __init__(self, text: str, encoding: str | None) -> None:
        self._text = text
        self._escaped = ESCAPED_BYTE.search(text) is not None
        # Unicode encodings hold every character a rule can propose
        self._encoding = None if encoding is None or encoding.startswith("utf-") else encoding

    def allows(self, fix: Fix) -> bool:
        """Whether ``fix`` may be proposed."""
        if not _is_sound(self._text, fix):
            return False
        if self._escaped and ESCAPED_BYTE.search(
            self._text, max(0, fix.start - 1), min(len(self._text), fix.end + 1)
        ):
            return False
        if self._encoding is not None:
            try:
                fix.replacement.encode(self._encoding)
            except UnicodeEncodeError:
                return False
        return True


def _become_helper(parent: int, lifeline: int, mask: Iterable[int]) -> None:
    """In the child: drop the parent's signal handlers and arrange to die with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    _ask_kernel_to_end_us_with_parent()
    watcher = threading.Thread(target=_exit_when_closed, args=(lifeline,), daemon=True)
    watcher.start()
    if os.getppid() != parent:  # the parent died before any of this was in place
        os._exit(1)


def _ask_kernel_to_end_us_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _exit_when_closed(lifeline: int) -> None:
    """Block until the parent's end of ``lifeline`` closes (it exited or died), then exit."""
    with contextlib.suppress(OSError):
        while os.read(lifeline, 1):
            pass
    os._exit(1)


def _serve(text: str, options: ScanOptions, detectors: list[Detector], write: int) -> None:
    try:
        ctx = ScanContext(text, options)
        payload = pickle.dumps(("ok", [f for d in detectors for f in d.find(ctx)]))
    except BaseException as exc:  # noqa: BLE001 - everything must reach the parent
        payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
    with contextlib.suppress(OSError), os.fdopen(write, "wb") as stream:
        stream.write(payload)


def _is_sound(text: str, fix: Fix) -> bool:
    """Guard against a detector bug reaching the user's file."""
    ok = (
        fix.end <= len(text)
        and text[fix.start : fix.end] == fix.original
        and fix.replacement != fix.original
        and "\r" not in fix.replacement
    )
    if not ok:
        logger.warning("dropped an unsound fix from rule %s at %d", fix.rule, fix.start)
    return ok
