"""The command line: ``mend clean``, ``mend check``, ``mend rules``, ``mend dict``; no subcommand opens the app."""

from __future__ import annotations

import argparse
import atexit
import bisect
import contextlib
import json
import os
import signal
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from editor import __version__
from editor.batch import default_jobs, expand_inputs, read_and_scan, scan_files
from editor.corpus import looks_like_corpus
from editor.engine import (
    DEFAULT_MIN_CONFIDENCE,
    RULES,
    Fix,
    InputError,
    MendError,
    ScanOptions,
    TextDocument,
    UserDictionary,
    applied_pieces,
    apply_fixes,
    default_dictionary_path,
    enabled_rule_names,
    save_document,
)
from editor.engine.language import SUPPORTED_LANGUAGES
from editor.engine.safewrite import remove_own_temporaries
from editor.engine.textfile import (
    FileStamp,
    check_encoding_name,
    check_regular_file,
    cleaned_layout,
    encode,
)
from editor.engine.userdict import valid_key
from editor.jsonreport import FileReport, FixRow, write_report
from editor.outputs import (
    STDOUT_NAMES,
    UsageError,
    flush_stdout,
    plan_outputs,
    shown,
    write_stdout_bytes,
    write_stdout_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

EXIT_OK = 0
EXIT_USAGE = 2
SUBCOMMANDS = ("clean", "check", "rules", "dict")
_PROGRESS_AFTER_BYTES = 512 * 1024


class _Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl+C, so temporary files are removed on the way out."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line with exit status 2 (it already uses 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"mend: {message} (see 'mend {self.prog.split()[-1]} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _Parser(
        prog="mend",
        description="Find and repair layout artifacts (stray hyphens, broken quote marks) in text "
        "files. With no subcommand, or with just file names, the review app opens.",
    )
    parser.add_argument("--version", action="version", version=f"Mend {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    scan_opts = _Parser(add_help=False)
    scan_opts.add_argument(
        "--lang",
        default="auto",
        choices=("auto", *SUPPORTED_LANGUAGES),
        help="the text's language (default: detected from its words)",
    )
    scan_opts.add_argument(
        "--rules",
        metavar="LIST",
        help="comma-separated rule names or categories to run (see 'mend rules'); "
        "'default' is the default set, 'all' every rule, and a leading minus removes "
        "('default,-layout': no line unwrapping or other layout repairs)",
    )
    scan_opts.add_argument(
        "--min-confidence",
        type=_confidence,
        default=DEFAULT_MIN_CONFIDENCE,
        metavar="X",
        help=f"apply fixes at or above this confidence (0..1, default {DEFAULT_MIN_CONFIDENCE})",
    )
    scan_opts.add_argument(
        "--dictionary",
        type=Path,
        metavar="FILE",
        help="user dictionary of words to keep or join (default: the per-user one)",
    )
    scan_opts.add_argument(
        "--encoding",
        type=_encoding,
        metavar="NAME",
        help="read the files in this encoding (e.g. cp1252, mac-roman, koi8-r) instead of "
        "detecting it; needed by 'clean' when the detected encoding is only a guess",
    )
    scan_opts.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    scan_opts.add_argument(
        "--jobs",
        type=_job_count,
        metavar="N",
        help="scan several files at once on N worker processes (default: one per core)",
    )

    clean = sub.add_parser(
        "clean",
        parents=[scan_opts],
        help="write cleaned copies",
        description="Write a cleaned copy of each file with every fix at or above the minimum "
        "confidence applied (NAME.cleaned.EXT beside the input unless -o is given).",
    )
    # strings, not paths: a corpus input or output may be a URL (s3://...)
    clean.add_argument("inputs", nargs="+", metavar="IN")
    clean.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file, '-' or /dev/stdout for standard output, or a folder (a name ending "
        "in '/', an existing folder, or any name for several inputs)",
    )
    clean.add_argument(
        "--in-place", action="store_true", help="overwrite each input with its cleaned text"
    )
    clean.add_argument(
        "--force",
        action="store_true",
        help="with --in-place, also replace read-only files and files with several hard links",
    )
    corpus = clean.add_argument_group(
        "corpus runs on Dask (pip install 'mend[cluster]'; also for .jsonl, .parquet and URLs)"
    )
    corpus.add_argument(
        "--cluster", action="store_true", help="clean on an embedded Dask LocalCluster"
    )
    corpus.add_argument("--scheduler", metavar="ADDRESS", help="clean on this Dask scheduler")
    corpus.add_argument(
        "--text-column", default="text", metavar="NAME", help="JSON Lines / Parquet text field"
    )

    check = sub.add_parser(
        "check",
        parents=[scan_opts],
        help="list proposed fixes",
        description="List every proposed fix: line:column, category, before -> after, "
        "confidence and reason. Nothing is written.",
    )
    check.add_argument("inputs", nargs="+", type=Path, metavar="IN")
    check.add_argument("--json", action="store_true", help="machine-readable output")

    sub.add_parser("rules", help="list the rules", description="List every rule and its category.")

    dictionary = sub.add_parser(
        "dict",
        help="show or change the user dictionary",
        description="Show the user dictionary, or remember a hyphenated word to always keep "
        "(keep WORD) or always join (join WORD), or forget one (forget WORD).",
    )
    dictionary.add_argument("action", nargs="?", choices=("list", "keep", "join", "forget", "path"))
    dictionary.add_argument("words", nargs="*")
    dictionary.add_argument("--dictionary", type=Path, metavar="FILE")
    return parser


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {value}")
    return number


def _job_count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


def _encoding(value: str) -> str:
    try:
        return check_encoding_name(value)
    except LookupError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 for a user error)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in SUBCOMMANDS and not args_list[0].startswith("-")):
        return _open_app(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        return _open_app([])
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
        catching = True
    except ValueError:  # not the main thread: leave SIGTERM alone
        previous, catching = None, False
    try:
        command: Callable[[argparse.Namespace], int] = {
            "clean": _clean,
            "check": _check,
            "rules": _rules,
            "dict": _dict,
        }[args.command]
        status = command(args)
        flush_stdout()
        return status
    except MendError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _error("interrupted; files already written are complete, nothing else was changed")
        return EXIT_USAGE
    except _Terminated:
        _error("terminated; files already written are complete, nothing else was changed")
        return EXIT_USAGE
    except BrokenPipeError:
        # standard error's reader went away too (standard output's are OutputErrors)
        return EXIT_USAGE
    finally:
        remove_own_temporaries()
        if catching:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def exit_now(status: int) -> NoReturn:
    """End a command-line run with ``status``, skipping the interpreter's teardown.

    After a check of a large text the heap holds hundreds of thousands of objects,
    and freeing them one by one at exit took about 30 ms of a 0.65 s ``check --json``
    of 1 MB.  Exit handlers still run and the standard streams are flushed; when
    something could need the full teardown (the Qt app, other threads) or a flush
    fails, the interpreter exits as usual and reports what it always reported.
    """
    if "PySide6" in sys.modules or threading.active_count() > 1:
        raise SystemExit(status)
    _flush_or_exit(status)
    atexit._run_exitfuncs()
    _flush_or_exit(status)
    os._exit(status)


def run() -> NoReturn:
    """The installed ``mend`` command: :func:`main` on ``sys.argv``, then :func:`exit_now`."""
    exit_now(main())


def _flush_or_exit(status: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            raise SystemExit(status) from None


def _open_app(files: list[str]) -> int:
    try:
        from editor.ui.app import run
    except ImportError as exc:
        _error(f"the review app cannot start: {exc}")
        return EXIT_USAGE
    return run(files)


def _error(message: str) -> None:
    _say(f"mend: {message}")


def _say(line: str) -> None:
    """One line on standard error (never on standard output, even when stderr is closed)."""
    if sys.stderr is not None:
        print(line, file=sys.stderr)


@dataclass
class _Job:
    """One input file and what became of it."""

    path: Path
    document: TextDocument
    fixes: list[Fix]


def _options(args: argparse.Namespace) -> ScanOptions:
    rules = None
    if args.rules:
        try:
            rules = enabled_rule_names(r.strip() for r in args.rules.split(",") if r.strip())
        except ValueError as exc:
            raise UsageError(f"{exc}; 'mend rules' lists them") from None
    return ScanOptions(
        language=args.lang,
        rules=rules,
        user_dictionary=_load_dictionary(args.dictionary or default_dictionary_path()),
        min_confidence=args.min_confidence,
    )


def _load_dictionary(path: Path) -> UserDictionary:
    """The user dictionary; a file that cannot be read at all is refused, bad lines reported."""
    dictionary = UserDictionary.load(path)
    if dictionary.unreadable is not None:
        raise InputError(dictionary.unreadable)
    for problem in dictionary.problems:
        _error(shown(problem))
    return dictionary


def _scan_file(
    path: Path,
    options: ScanOptions,
    show_progress: bool,
    encoding: str | None = None,
    parallel: bool = True,
) -> _Job:
    bar: _ProgressBar | None = None

    def start_bar(document: TextDocument) -> Callable[[float], None] | None:
        nonlocal bar
        bar = _ProgressBar(path.name) if show_progress and _wants_progress(document) else None
        return bar.update if bar else None

    try:
        document, fixes = read_and_scan(path, options, encoding, parallel, start_bar)
    finally:
        if bar:
            bar.close()
    return _Job(path, document, fixes)


def _scan_files(
    paths: list[Path],
    options: ScanOptions,
    jobs: int | None,
    show_progress: bool,
    encoding: str | None,
) -> Iterator[_Job]:
    """Each input's scan, in input order: in this process, or on a pool of workers."""
    if jobs == 1 or len(paths) == 1:
        # --jobs 1 is one process; by default a single big file shares its detectors
        for path in paths:
            yield _scan_file(path, options, show_progress, encoding, parallel=jobs != 1)
        return
    jobs = jobs or default_jobs()
    bar = _ProgressBar(f"{len(paths)} files") if show_progress and sys.stderr.isatty() else None
    update = (lambda done: bar.update(done / len(paths))) if bar else None
    try:
        with contextlib.closing(scan_files(paths, options, jobs, update, encoding)) as results:
            for path, (document, fixes) in zip(paths, results, strict=True):
                yield _Job(path, document, fixes)
    finally:
        if bar:
            bar.close()


def _wants_progress(document: TextDocument) -> bool:
    return len(document.text) >= _PROGRESS_AFTER_BYTES and sys.stderr.isatty()


def _clean(args: argparse.Namespace) -> int:
    if args.cluster or args.scheduler or looks_like_corpus(args.inputs):
        return _clean_corpus(args)
    given = [Path(i) for i in args.inputs]
    if args.output is None and not args.in_place:
        for path in given:
            if path.is_dir():
                raise UsageError(f"{shown(path)}: is a folder; its cleaned copies need -o FOLDER")
    skip = None if args.output is None else Path(args.output)
    inputs, names = expand_inputs(given, skip=skip)
    # refuse a missing file, folder, pipe or device, and any unsafe output, before anything
    # is written or created
    for path in inputs:
        check_regular_file(path)
    plan = plan_outputs(inputs, args.output, in_place=args.in_place, force=args.force, names=names)
    options = _options(args)
    plan.create_folder()
    jobs = _scan_files(inputs, options, args.jobs, not args.no_progress, args.encoding)
    for path, target, snapshot, job in zip(inputs, plan.targets, plan.snapshots, jobs, strict=True):
        _refuse_doubtful_encoding(job)
        _note_encoding(job, args.encoding)
        applied = [f for f in job.fixes if f.confidence >= args.min_confidence]
        # each line break that stays keeps its own bytes (a mixed-ending file stays mixed)
        layout = cleaned_layout(job.document.layout, job.document.text, applied)
        if target is None:
            # whole, before a byte goes out: an encoding error must leave no partial output
            write_stdout_bytes(encode(apply_fixes(job.document.text, applied), layout))
            where = "standard output"
        else:
            _ensure_unchanged(path, job)
            if not args.in_place:
                target.parent.mkdir(parents=True, exist_ok=True)  # a subfolder of -o
            notes = save_document(
                target,
                # encoded as it is written: a big file's cleaned text never exists whole
                applied_pieces(job.document.text, applied),
                layout,
                mode_from=path,
                # in place, the input is checked once more right before it is replaced
                expected=job.document.stamp if args.in_place else None,
                through_link=args.in_place,
                unchanged_since=snapshot,
            )
            for note in notes:
                _error(shown(note))
            where = shown(target)
        held_back = len(job.fixes) - len(applied)
        _say(
            f"{shown(path)}: {_summary(applied)}"
            + (f"; {held_back} below {args.min_confidence:g} left for review" if held_back else "")
            + f" -> {where}"
        )
    return EXIT_OK


def _clean_corpus(args: argparse.Namespace) -> int:
    if args.output is None or args.output in STDOUT_NAMES or args.in_place:
        raise UsageError("a corpus run needs -o OUTPUT, a folder or URL")
    if args.output in args.inputs:
        raise UsageError(f"{args.output}: is an input; a corpus is cleaned into another folder")
    try:
        from editor.corpus.run import clean_corpus
    except ImportError:
        raise UsageError(
            "corpus runs need the cluster extra: pip install 'mend[cluster]'"
        ) from None
    bar = _ProgressBar("corpus") if not args.no_progress and sys.stderr.isatty() else None
    try:
        result = clean_corpus(
            args.inputs,
            args.output,
            _options(args),
            scheduler=args.scheduler,
            workers=args.jobs,
            text_column=args.text_column,
            on_progress=bar.update if bar else None,
        )
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"the cluster failed: {' '.join(str(exc).split())}") from None
    finally:
        if bar:
            bar.close()
    failed = f"; {result.failed} could not be cleaned (see the report)" if result.failed else ""
    _say(
        f"{result.documents} documents in {result.shards} files: {result.applied} fixes applied, "
        f"{result.pending} left for review{failed} -> {args.output} (report {result.report})"
    )
    return EXIT_OK


def _refuse_doubtful_encoding(job: _Job) -> None:
    """Cleaning a text read in a wrongly guessed code page would "fix" its mojibake."""
    document = job.document
    if document.encoding_doubtful:
        also = ", ".join(document.encoding_alternatives) or "others"
        raise InputError(
            f"{job.path}: the encoding is not sure ({document.encoding}? or {also}); "
            "nothing written; name it with --encoding NAME ('mend check' shows the text)"
        )


def _note_encoding(job: _Job, chosen: str | None) -> None:
    """Say on standard error how a file was decoded when that was not plain Unicode."""
    document = job.document
    if document.encoding_doubtful:
        also = ", ".join(document.encoding_alternatives) or "others"
        note = f"encoding {document.encoding} is a guess, not sure (or {also}); use --encoding NAME"
    elif chosen is None and not document.encoding.startswith("utf-"):
        note = f"encoding {document.encoding} (detected; --encoding NAME to choose another)"
    else:
        note = ""
    if document.undecodable_bytes:
        count = document.undecodable_bytes
        kept = (
            f"{count} byte{'s are' if count != 1 else ' is'} not valid {document.encoding}; "
            "kept as they are, and no fix touches them"
        )
        note = f"{note}; {kept}" if note else kept
    if note:
        print(f"{job.path}: {note}", file=sys.stderr)


def _ensure_unchanged(path: Path, job: _Job) -> None:
    """Refuse to write when the input changed or vanished on disk after it was read."""
    current = FileStamp.of_path(path)
    if current is None:
        raise InputError(f"{path}: vanished or became unreadable while cleaning; nothing written")
    if current != job.document.stamp:
        raise InputError(f"{path}: changed on disk while cleaning; nothing written")


def _summary(fixes: Sequence[Fix]) -> str:
    if not fixes:
        return "no fixes applied"
    counts = Counter(f.category.value for f in fixes)
    detail = ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
    return f"{len(fixes)} fix{'es' if len(fixes) != 1 else ''} applied ({detail})"


def _check(args: argparse.Namespace) -> int:
    for path in args.inputs:
        check_regular_file(path)
    options = _options(args)
    show_progress = not args.no_progress and not args.json
    results: list[FileReport] = []
    for job in _scan_files(args.inputs, options, args.jobs, show_progress, args.encoding):
        if not args.json:
            _note_encoding(job, args.encoding)
        if args.json:
            results.append(_json_file(job, args.min_confidence))
        else:
            _print_fixes(job, args.min_confidence)
    if args.json:
        write_report(results, _JsonOut())
    return EXIT_OK


class _LineIndex:
    """Line and column (both 1-based, columns in code points) of offsets in one text."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            self._starts.append(pos + 1)
            pos = find("\n", pos + 1)

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def _print_fixes(job: _Job, min_confidence: float) -> None:
    lines = _LineIndex(job.document.text)
    name = shown(job.path)
    for fix in job.fixes:
        line, column = lines.locate(fix.start)
        mark = " " if fix.confidence >= min_confidence else "?"
        write_stdout_text(
            f"{name}:{line}:{column}: {mark}{fix.category.value:6} "
            f"{_show(fix.original)} -> {_show(fix.replacement)} "
            f"({fix.confidence:.2f}) {fix.reason}\n"
        )
    flush_stdout()
    _say(f"{name}: {len(job.fixes)} proposed; {_summary_check(job.fixes, min_confidence)}")


def _summary_check(fixes: Sequence[Fix], min_confidence: float) -> str:
    sure = [f for f in fixes if f.confidence >= min_confidence]
    return _summary(sure).replace("applied", "would be applied")


def _show(text: str) -> str:
    """Quote a fix's text so spaces, line breaks and soft hyphens are visible."""
    return json.dumps(text, ensure_ascii=False).replace("\u00ad", "\\u00ad")


def _json_file(job: _Job, min_confidence: float) -> FileReport:
    lines = _LineIndex(job.document.text)
    rows = [
        FixRow(*lines.locate(fix.start), fix, fix.confidence >= min_confidence) for fix in job.fixes
    ]
    document = job.document
    return FileReport(
        str(job.path),
        document.layout.label,
        rows,
        codec=document.encoding,
        encoding_sure=not document.encoding_doubtful,
        encoding_alternatives=document.encoding_alternatives,
        undecodable_bytes=document.undecodable_bytes,
    )


class _JsonOut:
    """Standard output for the JSON report: UTF-8 whatever the locale.

    A file name that is not valid UTF-8 (lone surrogates from undecodable bytes) is
    written as \\udcXX escapes, which a JSON reader decodes back to it.
    """

    def write(self, text: str) -> None:
        write_stdout_bytes(text.encode("utf-8", "backslashreplace"))

    def flush(self) -> None:
        flush_stdout()


def _rules(args: argparse.Namespace) -> int:
    for rule in RULES:
        state = "on " if rule.default_enabled else "off"
        write_stdout_text(f"{rule.name:28} {rule.category.value:7} {state}  {rule.description}\n")
    return EXIT_OK


def _dict(args: argparse.Namespace) -> int:
    path: Path = args.dictionary or default_dictionary_path()
    action = args.action or "list"
    if action == "path":
        write_stdout_text(f"{shown(path)}\n")
        return EXIT_OK
    if action in ("keep", "join"):
        for word in args.words:
            valid_key(word)  # refuse a word that would end or forge a line, before reading
    dictionary = _load_dictionary(path)
    if action == "list":
        for word in sorted(dictionary.keep):
            write_stdout_text(f"keep {word}\n")
        for word in sorted(dictionary.join):
            write_stdout_text(f"join {word}\n")
        return EXIT_OK
    if not args.words:
        raise UsageError(f"'mend dict {action}' needs at least one word")
    for word in args.words:
        {"keep": dictionary.add_keep, "join": dictionary.add_join, "forget": dictionary.remove}[
            action
        ](word)
    for note in dictionary.save(path):
        _error(shown(note))
    _say(f"{shown(path)}: {action} {' '.join(args.words)}")
    return EXIT_OK


class _ProgressBar:
    """A one-line progress bar on standard error, redrawn at most ten times a second."""

    def __init__(self, label: str, width: int = 30) -> None:
        self._label = label
        self._width = width
        self._last = 0.0
        self._stream = sys.stderr

    def update(self, fraction: float) -> None:
        now = time.monotonic()
        if now - self._last < 0.1 and fraction < 1.0:
            return
        self._last = now
        filled = int(self._width * fraction)
        self._stream.write(
            f"\r{self._label[:30]:30} [{'#' * filled}{'.' * (self._width - filled)}] "
            f"{fraction * 100:3.0f}%"
        )
        self._stream.flush()

    def close(self) -> None:
        self._stream.write("\r" + " " * (self._width + 40) + "\r")
        self._stream.flush()
