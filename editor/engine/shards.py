"""One large text's scan shared with forked helper processes, with the results of one process.

A parallel scan (``scan(..., parallel=True)``, the command line's) runs in two
phases.  Phase one works out the document facts that later judgements consult
side by side: this process makes the layout plan while the helpers count the
vocabulary of text shards cut at white space, whose counts are then added up.
Phase two runs the detectors one after another, and each cuts its costly loop
into contiguous ranges of items that do not depend on one another (hyphenated
chains, which the judge weighs against the merged facts; runs of paragraphs
that no quotation crosses) and hands the ranges to the helpers and this
process at once, through :meth:`ScanContext.map_slices
<editor.engine.context.ScanContext.map_slices>`.  Where to cut is the
detector's to say, since only it knows which state crosses from one item to
the next; the results are put back together in order, so they are the ones a
single process finds.

Helpers are forked at the moment they are needed, so they share the text and
every fact made so far without a copy; each sends back its pickled result on a
pipe.  A helper never outlives its parent: Linux ends it when the parent dies
(``PR_SET_PDEATHSIG``), and everywhere a watcher thread ends it when the
parent's end of a pipe closes.  Ctrl+C is the parent's to answer: helpers
ignore SIGINT and the parent kills them.  A helper that fails (killed, out of
memory) has its share done in this process.  Forking a process that runs
other threads is unsafe, so only single-threaded callers (the command line)
ask for a parallel scan; the app never does.
"""

from __future__ import annotations

import bisect
import contextlib
import ctypes
import gc
import itertools
import logging
import os
import pickle
import signal
import sys
import threading
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Fewer items than this per process are not worth a fork: forking and sending the
#: results back cost a few milliseconds, a hyphenated chain or a paragraph well under one.
MIN_ITEMS_PER_PROCESS = 64

# prctl(2) option: the kernel sends the child this signal when its parent thread ends.
_PR_SET_PDEATHSIG = 1
# Signals the helper must not answer with the parent's handlers (the CLI's Ctrl+C message,
# its SIGTERM clean-up): blocked across fork() so none lands before the child resets them.
_PARENT_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})

_in_helper = False


def in_helper() -> bool:
    """Whether this process is a scan's helper (which reports no progress and forks no more)."""
    return _in_helper


def available_cores() -> int:
    """The number of cores this process may run on: the processes a parallel scan uses."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether helpers can be forked here (POSIX)."""
    return hasattr(os, "fork")


class ForkedTask(Generic[T]):
    """Runs ``work()`` in a forked child that shares this process's memory without copying it."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._read, write = os.pipe()
        lifeline, self._lifeline = os.pipe()
        parent = os.getpid()
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, _PARENT_SIGNALS)
        # The child's garbage collector would write to the header of every object it
        # shares with the parent (the lexicon's, the text's facts), copying the pages
        # they lie on; frozen, they are left alone.
        gc.freeze()
        self._pid = -1
        try:
            try:
                self._pid = os.fork()
            except OSError:
                for fd in (self._read, write, lifeline, self._lifeline):
                    os.close(fd)
                raise
            if self._pid == 0:  # pragma: no cover - runs in the child, measured by the tests
                try:
                    os.close(self._read)
                    os.close(self._lifeline)
                    _become_helper(parent, lifeline, old_mask)
                    _serve(work, write)
                finally:
                    os._exit(0)
        finally:
            if self._pid != 0:  # the parent, or a fork that failed
                gc.unfreeze()
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        os.close(write)
        os.close(lifeline)

    @property
    def pid(self) -> int:
        """The child's process id (0 once it has been waited for)."""
        return self._pid

    def result(self) -> T:
        """Wait for the child's answer; re-raise its failure as a RuntimeError."""
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
        answer: T = value
        return answer

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


def run_side_by_side(works: Sequence[Callable[[], T]]) -> list[T]:
    """Each work's result, in order: the first done here, the others each in a forked helper.

    A helper that fails has its work done here instead, so the answer is the
    same; an exception here (a cancel, Ctrl+C) ends every helper first.
    """
    helpers: list[ForkedTask[T] | None] = []
    try:
        for work in works[1:]:
            try:
                helpers.append(ForkedTask(work))
            except OSError as error:  # no process to be had (EAGAIN, ENOMEM)
                logger.warning(
                    "could not start a scan helper (%s); scanning in this process", error
                )
                helpers.append(None)
        results = [works[0]()]
        for work, helper in zip(works[1:], helpers, strict=True):
            if helper is None:
                results.append(work())
                continue
            try:
                results.append(helper.result())
            except RuntimeError as error:
                logger.warning("%s; doing its share in this process", error)
                results.append(work())
        return results
    finally:
        for helper in helpers:
            if helper is not None:
                helper.stop()


def balanced_slices(weights: Sequence[int], parts: int) -> list[tuple[int, int]]:
    """Cut ``range(len(weights))`` into at most ``parts`` contiguous slices of about equal weight."""
    sums = list(itertools.accumulate(max(1, w) for w in weights))
    total = sums[-1] if sums else 0
    bounds = [0]
    for part in range(1, parts):
        cut = bisect.bisect_left(sums, total * part / parts) + 1
        if bounds[-1] < cut < len(weights):
            bounds.append(cut)
    bounds.append(len(weights))
    return list(itertools.pairwise(bounds))


def map_slices(
    function: Callable[[int, int], list[T]], weights: Sequence[int], processes: int
) -> list[T]:
    """``function(0, n)`` computed as slices side by side: ``function(a, b) + function(b, c) ...``.

    ``function(start, end)`` must return the results of items ``start`` to
    ``end`` and depend on nothing an earlier slice changes, so that the pieces
    put together equal one call over everything.  ``weights`` (one per item)
    balance the slices.
    """
    count = len(weights)
    parts = min(processes, count // MIN_ITEMS_PER_PROCESS)
    if parts < 2 or _in_helper or not can_fork():
        return function(0, count)
    slices = balanced_slices(weights, parts)
    pieces = run_side_by_side([_bind(function, start, end) for start, end in slices])
    return [item for piece in pieces for item in piece]


def _bind(function: Callable[[int, int], list[T]], start: int, end: int) -> Callable[[], list[T]]:
    return lambda: function(start, end)


def _become_helper(parent: int, lifeline: int, mask: Iterable[int]) -> None:
    """In the child: drop the parent's signal handlers and arrange to die with the parent."""
    global _in_helper  # this process is now a helper, for good
    _in_helper = True
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


def _serve(work: Callable[[], object], write: int) -> None:
    try:
        payload = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # noqa: BLE001 - everything must reach the parent
        payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
    with contextlib.suppress(OSError), os.fdopen(write, "wb") as stream:
        stream.write(payload)
