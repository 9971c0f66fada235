"""Scan many files on every core: a pool of worker processes, results in input order.

``mend clean a.txt b.txt ... -o out/`` hands each file to a worker process that
reads and scans it and sends back the document and its fixes; the command line
then applies, checks and writes each one in input order, exactly as it does
with one process, so the outputs and messages are the same whatever ``--jobs``
says.  Each worker loads a language's word lists once (``load_lexicon`` is
cached per process) and keeps them for every file it is given.

Ctrl+C: workers ignore SIGINT, the parent stops taking results and kills them,
so every file already written is complete and no other output is written.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import signal
import stat
from collections import deque
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from editor.engine import InputError, MendError, ScanOptions, read_document, scan
from editor.engine.language import resolve_language
from editor.engine.lexicon import load_lexicon

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Sequence
    from concurrent.futures import Future, ProcessPoolExecutor

    from editor.engine import Fix, TextDocument

#: files read ahead per worker: enough to keep each busy while the parent writes,
#: few enough that a batch of thousands never holds more than a handful in memory
_AHEAD_PER_WORKER = 2
#: file names a folder given as input contributes (what ``mend clean`` reads as text)
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})


class WorkerDied(MendError):
    """A worker process ended without an answer (killed, or out of memory)."""


def default_jobs() -> int:
    """The number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def expand_inputs(
    inputs: Sequence[Path], skip: Path | None = None
) -> tuple[list[Path], list[PurePath]]:
    """The files to clean and the name each one's output takes inside an output folder.

    A file stands for itself (its output is named like it); a folder stands for
    the text files below it, sorted, whose outputs keep their path relative to
    the folder.  Hidden files and folders are skipped, and so is ``skip`` (the
    output folder, which may lie inside an input folder).
    """
    skipped = skip.resolve() if skip is not None and str(skip) != "-" else None
    files: list[Path] = []
    names: list[PurePath] = []
    for path in inputs:
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError:
            is_folder = False  # reading it reports the problem in one line
        if not is_folder:
            files.append(path)
            names.append(PurePath(path.name))
            continue
        found = sorted(
            p
            for p in path.rglob("*")
            if p.suffix.lower() in TEXT_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
            and p.is_file()
            and (skipped is None or not p.resolve().is_relative_to(skipped))
        )
        if not found:
            raise InputError(
                f"{path}: a folder with no text files ({', '.join(sorted(TEXT_SUFFIXES))})"
            )
        files.extend(found)
        names.extend(p.relative_to(path) for p in found)
    return files, names


def read_and_scan(
    path: Path,
    options: ScanOptions,
    encoding: str | None = None,
    parallel: bool = False,
    progress_for: Callable[[TextDocument], Callable[[float], None] | None] | None = None,
) -> tuple[TextDocument, list[Fix]]:
    """Read one file (in ``encoding``, else detected) and scan it, as every caller must.

    The scan is told the file's encoding, so that no fix needs a character the file
    cannot store.  ``progress_for`` may return a progress callback once the size is known.
    """
    document = read_document(path, encoding)
    options = dataclasses.replace(options, encoding=document.encoding)
    progress = progress_for(document) if progress_for is not None else None
    return document, scan(document.text, options, progress=progress, parallel=parallel)


_worker_options = ScanOptions()
_worker_encoding: str | None = None


def _start_worker(options: ScanOptions, encoding: str | None) -> None:
    global _worker_options, _worker_encoding  # one worker process, one set of options
    _worker_options, _worker_encoding = options, encoding
    # the parent handles Ctrl+C for the whole batch
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _scan_in_worker(path: Path) -> tuple[TextDocument, list[Fix]]:
    return read_and_scan(path, _worker_options, _worker_encoding)


def scan_files(
    paths: Sequence[Path],
    options: ScanOptions,
    jobs: int,
    on_done: Callable[[int], None] | None = None,
    encoding: str | None = None,
) -> Generator[tuple[TextDocument, list[Fix]], None, None]:
    """Read and scan ``paths`` on ``jobs`` worker processes; yields in input order.

    A file that cannot be read raises its :class:`InputError` when its turn
    comes, as it would in one process.  ``on_done`` receives the number of
    files yielded so far.
    """
    # imported here: multiprocessing costs a single-file run 20-40 ms of start-up
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # fork shares the parent's imported modules and word lists; elsewhere workers start afresh
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        _preload_lexicon(paths[0], options, encoding)
    executor = ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(paths))),
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(options, encoding),
    )
    pending: deque[Future[tuple[TextDocument, list[Fix]]]] = deque()
    upcoming = iter(paths)
    ahead = jobs * _AHEAD_PER_WORKER
    finished = False
    try:
        # the first submit forks every worker: with the parent's objects frozen, no
        # worker's garbage collector touches (and so copies) the pages they share
        gc.freeze()
        try:
            for path in upcoming:
                pending.append(executor.submit(_scan_in_worker, path))
                if len(pending) >= ahead:
                    break
        finally:
            gc.unfreeze()
        done = 0
        while pending:
            try:
                result = pending.popleft().result()
            except BrokenProcessPool:
                raise WorkerDied(
                    "a worker process died (killed, or out of memory); "
                    "files already written are complete, nothing else was written"
                ) from None
            for path in upcoming:
                pending.append(executor.submit(_scan_in_worker, path))
                break
            done += 1
            if on_done is not None:
                on_done(done)
            yield result
        finished = True
    finally:
        if not finished:
            _kill_workers(executor)
        executor.shutdown(wait=True, cancel_futures=True)


def _preload_lexicon(path: Path, options: ScanOptions, encoding: str | None) -> None:
    """Load the first file's word lists here, so that the forked workers share one copy.

    A batch is mostly in one language; a file in another has its lists loaded
    by the worker that scans it, as before.
    """
    language = options.language
    if language == "auto":
        try:
            language = resolve_language("auto", read_document(path, encoding).text)
        except MendError:
            return  # the file's worker reports it in its turn
    load_lexicon(language)


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """End the workers now (Ctrl+C, an error): a file being scanned is not waited for."""
    # the executor offers no public way to stop a running task
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        if process.is_alive():
            process.kill()
