"""Background work: read, decode and scan a text on the thread pool, latest request wins."""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

import editor
from editor.engine.apply import OffsetMap, apply_fixes
from editor.engine.context import ScanOptions
from editor.engine.errors import MendError, ScanCancelled
from editor.engine.model import (
    DEFAULT_MIN_CONFIDENCE,
    Category,
    Decision,
    Fix,
    initial_decisions,
)
from editor.engine.scan import scan
from editor.engine.textfile import FileStamp, Layout, encode, read_document
from editor.ui.encoding import EncodingDoubt, decode_as, encoding_doubt
from editor.ui.recovery import fingerprint
from editor.ui.session import line_numbers, paragraph_pieces, search_texts, unify_pieces

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from PySide6.QtCore import SignalInstance


logger = logging.getLogger(__name__)

#: progress is reported at most this often, so a fast scan cannot flood the event loop
PROGRESS_INTERVAL_S = 0.05
#: texts at least this long are scanned in a child process: some engine steps are single
#: C calls over the whole text that hold the GIL for up to a second on 20 MB, which
#: would freeze the window; small texts stay in the thread (no process start-up cost)
PROCESS_THRESHOLD_CHARS = 500_000


_PIPE_PIECE_CHARS = 1 << 20


class CancelFlag(threading.Event):
    """A cancel request that also kills the child process scanning for the job, if any."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None

    def attach(self, process: subprocess.Popen[bytes] | None) -> None:
        """Kill ``process`` when cancelled (now, if already cancelled)."""
        with self._lock:
            self._process = process
        if process is not None and self.is_set():
            _kill(process)

    def set(self) -> None:
        """Ask the job to stop; a child process is killed at once."""
        super().set()
        with self._lock:
            process = self._process
        if process is not None:
            _kill(process)


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        if os.name == "posix":
            # the child leads its own process group, with the helper it forks for big texts
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()


@dataclass(frozen=True)
class _Document:
    """A file read and decoded by the child process."""

    text: str
    layout: Layout
    stamp: FileStamp
    digest: str


def _scan_in_process(
    text: str, options: ScanOptions, cancel: CancelFlag, progress: Callable[[float], None]
) -> list[Fix]:
    """Scan ``text`` in a child Python process (see :mod:`editor.ui.scanprocess`)."""
    return _run_child(text, None, options, cancel, progress)[1]


def _read_and_scan_in_process(
    source: Path, options: ScanOptions, cancel: CancelFlag, progress: _Progress
) -> tuple[_Document, list[Fix]]:
    """Read, decode and scan the file ``source`` in a child process.

    Decoding and re-encoding a big file are single C calls of tens of
    milliseconds that hold the GIL; in this process they froze the window.
    """
    document, fixes = _run_child(None, source, options, cancel, progress)
    assert document is not None
    return document, fixes


def _run_child(
    text: str | None,
    source: Path | None,
    options: ScanOptions,
    cancel: CancelFlag,
    progress: Callable[[float], None],
) -> tuple[_Document | None, list[Fix]]:
    env = dict(os.environ)
    root = str(Path(editor.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    process = subprocess.Popen(
        [sys.executable, "-m", "editor.ui.scanprocess"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        start_new_session=os.name == "posix",
    )
    cancel.attach(process)
    document: _Document | None = None
    try:
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            # in pieces: pickling 20 MB in one call would hold the GIL (and freeze the window)
            pieces = range(0, len(text or ""), _PIPE_PIECE_CHARS)
            pickle.dump(
                (options, len(pieces), None if source is None else str(source)),
                process.stdin,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
            for start in pieces:
                piece = (text or "")[start : start + _PIPE_PIECE_CHARS]
                pickle.dump(piece, process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            process.stdin.close()
        except OSError:
            pass  # the child died; reading below tells why
        while True:
            try:
                kind, payload = pickle.load(process.stdout)
                if kind == "document":
                    layout, stamp, digest, count = payload
                    parts = [pickle.load(process.stdout) for _ in range(count)]
            except (EOFError, pickle.UnpicklingError, OSError):
                if cancel.is_set():
                    raise ScanCancelled from None
                raise RuntimeError("the scan process ended unexpectedly") from None
            if cancel.is_set():
                raise ScanCancelled
            if kind == "document":
                text = "".join(parts)
                document = _Document(text, layout, stamp, digest)
                del parts
                if isinstance(progress, _Progress):
                    progress.stage("Scanning", 0.0)
            elif kind == "progress":
                progress(payload)
            elif kind == "done":
                assert text is not None
                return document, _fixes_from_columns(text, payload)
            elif kind == "error":
                raise MendError(payload)
            else:
                raise RuntimeError(payload)
    finally:
        cancel.attach(None)
        if process.poll() is None:
            _kill(process)
        process.wait()


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector while a job builds many lasting objects.

    Building tens of thousands of fixes (and the lists beside them) triggers
    full collections over the whole heap, each a single GIL-holding pass of
    tens of milliseconds that stalls the window; none of these objects are
    garbage, so collecting can wait until they are built.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fixes_from_columns(text: str, columns: tuple[list[Any], ...]) -> list[Fix]:
    starts, ends, replacements, rules, categories, confidences, reasons = columns
    kinds = {c.value: c for c in Category}
    with _gc_paused():
        return [
            Fix(start, end, text[start:end], replacement, rule, kinds[category], confidence, reason)
            for start, end, replacement, rule, category, confidence, reason in zip(
                starts, ends, replacements, rules, categories, confidences, reasons, strict=True
            )
        ]


def _file_size(path: Path) -> int:
    """Size of ``path`` in bytes; -1 when it cannot be stat'ed (the reader reports why)."""
    try:
        return path.stat().st_size
    except OSError:
        return -1


def run_in_pool(job: QRunnable) -> None:
    """Queue ``job`` on the global pool; the only exit from the GUI thread.

    Tests monkeypatch this to run jobs inline or by hand.
    """
    QThreadPool.globalInstance().start(job)


@dataclass(frozen=True)
class ScanRequest:
    """What to open: a file (read in the worker) or a text already in memory."""

    source: Path | None = None
    text: str | None = None
    options: ScanOptions = field(default_factory=ScanOptions)
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    #: read the file in this encoding (the user's choice) instead of guessing
    encoding: str | None = None


@dataclass(frozen=True)
class ScanResult:
    """Everything a review needs, computed off the GUI thread."""

    source: Path | None
    text: str
    layout: Layout
    stamp: FileStamp | None
    fingerprint: str
    fixes: list[Fix]
    decisions: list[Decision]
    offsets: OffsetMap
    cleaned: str
    lines: list[int]
    searchable: list[str] | None = None
    #: the reader's doubt about the encoding it guessed (the app asks)
    doubt: EncodingDoubt | None = None
    #: the pieces of each paragraph joined in several (ReviewSession's ``pieces``)
    pieces: dict[int, list[int]] | None = None


def _emit(signal: SignalInstance, *args: object) -> None:
    """Emit from a pool thread; a receiver deleted meanwhile (window closed) means nobody listens."""
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)


class _Progress:
    """Throttles progress callbacks from the engine into at most one signal per interval."""

    def __init__(self, job_id: int, signal: SignalInstance, stage: str) -> None:
        self._job_id = job_id
        self._signal = signal
        self._stage = stage
        self._last = 0.0

    def stage(self, stage: str, fraction: float = -1.0) -> None:
        self._stage = stage
        self._last = time.monotonic()
        _emit(self._signal, self._job_id, stage, fraction)

    def __call__(self, fraction: float) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S:
            self._last = now
            _emit(self._signal, self._job_id, self._stage, fraction)


class _ScanJob(QRunnable):
    """One-shot read + scan of one request; emits plain data only."""

    def __init__(
        self,
        job_id: int,
        request: ScanRequest,
        cancel: threading.Event,
        signals: _JobSignals,
    ) -> None:
        super().__init__()
        self._job_id = job_id
        self._request = request
        self._cancel = cancel
        self._signals = signals

    def run(self) -> None:
        progress = _Progress(self._job_id, self._signals.progress, "Reading")
        try:
            result = self._work(progress)
        except ScanCancelled:
            _emit(self._signals.cancelled, self._job_id)
            return
        except MendError as exc:
            _emit(self._signals.failed, self._job_id, str(exc))
            return
        except Exception as exc:  # an exception must not die silently in a pool thread
            logger.exception("scan failed")
            _emit(self._signals.failed, self._job_id, f"The scan failed: {exc}")
            return
        _emit(self._signals.done, self._job_id, result)

    def _work(self, progress: _Progress) -> ScanResult:
        request = self._request
        fixes: list[Fix] | None = None
        stamp: FileStamp | None
        doubt: EncodingDoubt | None = None
        if request.source is not None and request.encoding is not None:
            progress.stage("Reading")
            data = request.source.read_bytes()
            document = decode_as(data, request.encoding, str(request.source))
            text, layout = document.text, document.layout
            stamp = FileStamp.of_path(request.source)
            digest = fingerprint(data)
        elif (
            request.source is not None
            and isinstance(self._cancel, CancelFlag)
            and _file_size(request.source) >= PROCESS_THRESHOLD_CHARS
        ):
            progress.stage("Reading")
            read, fixes = _read_and_scan_in_process(
                request.source, request.options, self._cancel, progress
            )
            text, layout, stamp, digest = read.text, read.layout, read.stamp, read.digest
        elif request.source is not None:
            progress.stage("Reading")
            document = read_document(request.source)
            if self._cancel.is_set():
                raise ScanCancelled
            text, layout, stamp = document.text, document.layout, document.stamp
            doubt = encoding_doubt(document)
            # the decoded text encodes back to exactly the file's bytes (read_document checks)
            digest = fingerprint(encode(text, layout))
        else:
            text = (request.text or "").replace("\r\n", "\n").replace("\r", "\n")
            layout, stamp = Layout("utf-8"), None
            digest = fingerprint(text.encode("utf-8"))
        if fixes is not None:
            pass  # read and scanned in the child process
        elif len(text) >= PROCESS_THRESHOLD_CHARS and isinstance(self._cancel, CancelFlag):
            progress.stage("Scanning", 0.0)
            fixes = _scan_in_process(text, request.options, self._cancel, progress)
        else:
            progress.stage("Scanning", 0.0)
            fixes = scan(text, request.options, is_cancelled=self._cancel.is_set, progress=progress)
        progress.stage("Preparing the review")
        with _gc_paused():
            decisions = initial_decisions(fixes, request.min_confidence)
            # a paragraph joined in pieces is one review item with one decision
            pieces = paragraph_pieces(fixes)
            unify_pieces(decisions, pieces)
            accepted = [d is Decision.ACCEPTED for d in decisions]
            offsets = OffsetMap.for_text(text, fixes, accepted, utf16=True)
            cleaned = apply_fixes(text, fixes, decisions)
            lines = line_numbers(text, [f.start for f in fixes])
            # what the list's search box looks in, once, here rather than per key press
            searchable = search_texts(text, fixes)
        if self._cancel.is_set():
            raise ScanCancelled
        return ScanResult(
            request.source,
            text,
            layout,
            stamp,
            digest,
            fixes,
            decisions,
            offsets,
            cleaned,
            lines,
            searchable,
            doubt,
            pieces,
        )


class _JobSignals(QObject):
    """The dispatcher's private channel; lives in the GUI thread so emissions are queued there."""

    progress = Signal(int, str, float)
    done = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)


class ScanDispatcher(QObject):
    """Starts scans, cancels superseded ones and drops stale results.

    Lives in the GUI thread, so its private signals are delivered there
    (queued) even though the jobs emit them from pool threads.
    """

    progress_changed = Signal(str, float)  # stage, fraction 0..1 or -1 when unknown
    scan_finished = Signal(object)  # ScanResult
    scan_failed = Signal(str)
    scan_cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._current_id = 0
        self._running = False
        self._cancel = CancelFlag()
        self._signals = _JobSignals(self)
        self._signals.progress.connect(self._on_job_progress)
        self._signals.done.connect(self._on_job_done)
        self._signals.failed.connect(self._on_job_failed)
        self._signals.cancelled.connect(self._on_job_cancelled)

    @property
    def is_running(self) -> bool:
        """True while the latest scan has neither finished, failed nor been cancelled."""
        return self._running

    def start(self, request: ScanRequest) -> int:
        """Cancel any running scan and start ``request``; returns its job id."""
        self._cancel.set()
        self._cancel = CancelFlag()
        self._current_id = next(self._ids)
        self._running = True
        run_in_pool(_ScanJob(self._current_id, request, self._cancel, self._signals))
        return self._current_id

    def cancel(self) -> None:
        """Ask the running scan to stop; its result, if it still arrives, is dropped."""
        self._cancel.set()
        if self._running:
            self._running = False
            self._current_id = next(self._ids)  # whatever the old job emits is now stale
            self.scan_cancelled.emit()

    @Slot(int, str, float)
    def _on_job_progress(self, job_id: int, stage: str, fraction: float) -> None:
        if job_id == self._current_id:
            self.progress_changed.emit(stage, fraction)

    @Slot(int, object)
    def _on_job_done(self, job_id: int, result: ScanResult) -> None:
        if job_id == self._current_id:
            self._running = False
            self.scan_finished.emit(result)

    @Slot(int, str)
    def _on_job_failed(self, job_id: int, message: str) -> None:
        if job_id == self._current_id:
            self._running = False
            self.scan_failed.emit(message)

    @Slot(int)
    def _on_job_cancelled(self, job_id: int) -> None:
        if job_id == self._current_id:
            self._running = False
            self.scan_cancelled.emit()
