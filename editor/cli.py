"""The command line: ``mend clean``, ``mend check``, ``mend rules``, ``mend dict``; no subcommand opens the app."""

from __future__ import annotations

import argparse
import bisect
import contextlib
import json
import os
import stat
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, TextIO

from editor import __version__
from editor.batch import default_jobs, expand_inputs, scan_files
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
    apply_fixes,
    default_dictionary_path,
    enabled_rule_names,
    read_document,
    save_document,
    scan,
)
from editor.engine.language import SUPPORTED_LANGUAGES
from editor.engine.textfile import FileStamp, default_output_path
from editor.jsonreport import FileReport, FixRow, write_report

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

EXIT_OK = 0
EXIT_USAGE = 2
SUBCOMMANDS = ("clean", "check", "rules", "dict")
_PROGRESS_AFTER_BYTES = 512 * 1024


class UsageError(MendError):
    """The command line asks for something that cannot be done."""


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
        "'default' is the default set, 'all' every rule",
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
        help="output file, '-' for standard output, or a folder (required form for several inputs)",
    )
    clean.add_argument(
        "--in-place", action="store_true", help="overwrite each input with its cleaned text"
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
        command: Callable[[argparse.Namespace], int] = {
            "clean": _clean,
            "check": _check,
            "rules": _rules,
            "dict": _dict,
        }[args.command]
        return command(args)
    except MendError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _error("interrupted; files already written are complete, nothing else was changed")
        return EXIT_USAGE
    except BrokenPipeError:
        # the reader of our output went away (e.g. `mend check big.txt | head`)
        sys.stderr.close()
        return EXIT_OK


def _open_app(files: list[str]) -> int:
    try:
        from editor.ui.app import run
    except ImportError as exc:
        _error(f"the review app cannot start: {exc}")
        return EXIT_USAGE
    return run(files)


def _error(message: str) -> None:
    print(f"mend: {message}", file=sys.stderr)


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
    dictionary_path = args.dictionary or default_dictionary_path()
    return ScanOptions(
        language=args.lang,
        rules=rules,
        user_dictionary=UserDictionary.load(dictionary_path),
        min_confidence=args.min_confidence,
    )


def _scan_file(
    path: Path, options: ScanOptions, show_progress: bool, parallel: bool = True
) -> _Job:
    document = read_document(path)
    bar = _ProgressBar(path.name) if show_progress and _wants_progress(document) else None
    try:
        fixes = scan(
            document.text, options, progress=bar.update if bar else None, parallel=parallel
        )
    finally:
        if bar:
            bar.close()
    return _Job(path, document, fixes)


def _scan_files(
    paths: list[Path], options: ScanOptions, jobs: int | None, show_progress: bool
) -> Iterator[_Job]:
    """Each input's scan, in input order: in this process, or on a pool of workers."""
    if jobs == 1 or len(paths) == 1:
        # --jobs 1 is one process; by default a single big file shares its detectors
        for path in paths:
            yield _scan_file(path, options, show_progress, parallel=jobs != 1)
        return
    jobs = jobs or default_jobs()
    bar = _ProgressBar(f"{len(paths)} files") if show_progress and sys.stderr.isatty() else None
    update = (lambda done: bar.update(done / len(paths))) if bar else None
    try:
        with contextlib.closing(scan_files(paths, options, jobs, update)) as results:
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
    args.inputs = [Path(i) for i in args.inputs]
    args.output = None if args.output is None else Path(args.output)
    if args.output is None and not args.in_place:
        for path in args.inputs:
            if path.is_dir():
                raise UsageError(f"{path}: is a folder; its cleaned copies need -o FOLDER")
    inputs, names = expand_inputs(args.inputs, skip=args.output)
    targets = _output_paths(inputs, args.output, args.in_place, names)
    # refuse a missing file, folder, pipe or device before anything is written
    for path in inputs:
        _check_readable(path)
    options = _options(args)
    jobs = _scan_files(inputs, options, args.jobs, not args.no_progress)
    for path, target, job in zip(inputs, targets, jobs, strict=True):
        applied = [f for f in job.fixes if f.confidence >= args.min_confidence]
        cleaned = apply_fixes(job.document.text, applied)
        if target is None:
            sys.stdout.write(cleaned)
            sys.stdout.flush()
            where = "standard output"
        else:
            _ensure_unchanged(path, job)
            # in place, the input is checked once more right before it is replaced
            expected = job.document.stamp if args.in_place else None
            if not args.in_place:
                target.parent.mkdir(parents=True, exist_ok=True)  # a subfolder of -o
            save_document(target, cleaned, job.document.layout, mode_from=path, expected=expected)
            where = str(target)
        held_back = len(job.fixes) - len(applied)
        print(
            f"{path}: {_summary(applied)}"
            + (f"; {held_back} below {args.min_confidence:g} left for review" if held_back else "")
            + f" -> {where}",
            file=sys.stderr,
        )
    return EXIT_OK


def _clean_corpus(args: argparse.Namespace) -> int:
    if args.output in (None, "-") or args.in_place:
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
    print(
        f"{result.documents} documents in {result.shards} files: {result.applied} fixes applied, "
        f"{result.pending} left for review{failed} -> {args.output} (report {result.report})",
        file=sys.stderr,
    )
    return EXIT_OK


def _check_readable(path: Path) -> None:
    """Refuse, without opening it, a path that is not an existing regular file."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(status.st_mode):
        raise InputError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise InputError(f"{path}: not a regular file (a device, pipe or socket)")


def _output_paths(
    inputs: list[Path], output: Path | None, in_place: bool, names: Sequence[PurePath]
) -> list[Path | None]:
    """Where each input's cleaned copy goes (None: standard output); refuses unsafe choices."""
    if in_place:
        if output is not None:
            raise UsageError("--in-place and -o cannot be used together")
        return list(inputs)
    if output is None:
        targets: list[Path | None] = [default_output_path(p) for p in inputs]
    elif str(output) == "-":
        if len(inputs) > 1:
            raise UsageError("-o - (standard output) takes a single input")
        targets = [None]
    elif output.is_dir() or len(inputs) > 1 or str(output).endswith(os.sep):
        if not output.exists():
            try:
                output.mkdir(parents=True)
            except OSError as exc:
                raise UsageError(
                    f"{output}: cannot create folder ({exc.strerror or exc})"
                ) from None
        elif not output.is_dir():
            raise UsageError(f"{output}: several inputs need -o to name a folder")
        if any(n > 1 for n in Counter(names).values()):
            raise UsageError("two inputs have the same name; they would overwrite each other in -o")
        targets = [output / name for name in names]
    else:
        targets = [output]
    for path, target in zip(inputs, targets, strict=True):
        if target is not None and _same_file(path, target):
            raise UsageError(f"{target}: is the input file; use --in-place to overwrite it")
    if not in_place:
        # an output must not clobber another input of the batch before that one is read
        identities = {_identity(p) for p in inputs} - {None}
        for target in targets:
            if target is not None and _identity(target) in identities:
                raise UsageError(f"{target}: is also an input; it would be overwritten")
    return targets


def _identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of an existing file, which every path to it shares."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


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
    options = _options(args)
    show_progress = not args.no_progress and not args.json
    results: list[FileReport] = []
    for job in _scan_files(args.inputs, options, args.jobs, show_progress):
        if args.json:
            results.append(_json_file(job, args.min_confidence))
        else:
            _print_fixes(job, args.min_confidence, sys.stdout)
    if args.json:
        write_report(results, sys.stdout)
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


def _print_fixes(job: _Job, min_confidence: float, out: TextIO) -> None:
    lines = _LineIndex(job.document.text)
    for fix in job.fixes:
        line, column = lines.locate(fix.start)
        mark = " " if fix.confidence >= min_confidence else "?"
        out.write(
            f"{job.path}:{line}:{column}: {mark}{fix.category.value:6} "
            f"{_show(fix.original)} -> {_show(fix.replacement)} "
            f"({fix.confidence:.2f}) {fix.reason}\n"
        )
    out.flush()
    print(
        f"{job.path}: {len(job.fixes)} proposed; {_summary_check(job.fixes, min_confidence)}",
        file=sys.stderr,
    )


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
    return FileReport(str(job.path), job.document.layout.label, rows)


def _rules(args: argparse.Namespace) -> int:
    for rule in RULES:
        state = "on " if rule.default_enabled else "off"
        print(f"{rule.name:28} {rule.category.value:7} {state}  {rule.description}")
    return EXIT_OK


def _dict(args: argparse.Namespace) -> int:
    path: Path = args.dictionary or default_dictionary_path()
    action = args.action or "list"
    if action == "path":
        print(path)
        return EXIT_OK
    dictionary = UserDictionary.load(path)
    if action == "list":
        for word in sorted(dictionary.keep):
            print(f"keep {word}")
        for word in sorted(dictionary.join):
            print(f"join {word}")
        return EXIT_OK
    if not args.words:
        raise UsageError(f"'mend dict {action}' needs at least one word")
    for word in args.words:
        {"keep": dictionary.add_keep, "join": dictionary.add_join, "forget": dictionary.remove}[
            action
        ](word)
    dictionary.save(path)
    print(f"{path}: {action} {' '.join(args.words)}", file=sys.stderr)
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
