"""Huge and odd files: time and peak memory of ``mend check`` and ``mend clean``.

Builds the files in a temporary folder and runs ``python main.py check`` and
``clean`` on each as a separate process, measuring wall time and the child's
peak resident memory (from ``wait4``), then prints a table with the ratio of
peak memory to file size (the target is under 15x).  It also scans the big file
in-process to measure how often the engine reports progress and polls for
cancellation (the longest gap is how long the app could be unresponsive to a
cancel).

    python bench/big_file.py [--mb 50] [--line-mb 5] [--keep DIR] [--only NAME]
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH = ROOT.parent / "shared" / "corpus" / "bench"

# Used when ../shared is absent: prose with the artifacts Mend repairs.
FALLBACK = (
    "The commit-\ntee announ-ced on Monday that the “new rules” would take ef\u00adfect\n"
    "in spring. NA-TO officials, however, said the” Russian threat “is still real,\n"
    "and that futu-re talks didn‘t depend on it. A well-known expert disagreed.\n\n"
)


def seed_text() -> str:
    """Realistic dirty text: the bench corpus if present, else a generated paragraph."""
    files = sorted(BENCH.glob("*.dirty.txt")) if BENCH.is_dir() else []
    if files:
        return "\n\n".join(p.read_text(encoding="utf-8") for p in files)
    return FALLBACK * 50


def _utf8_prefix(text: str, mb: float) -> bytes:
    """The first ``mb`` megabytes of ``text`` in UTF-8, cut at a character boundary."""
    return text.encode()[: int(mb * 2**20)].decode("utf-8", "ignore").encode()


def build_files(folder: Path, mb: float, line_mb: float) -> dict[str, Path]:
    """The test files, written as UTF-8 (LF unless the name says otherwise)."""
    seed = seed_text()
    size = int(mb * 1024 * 1024)
    seed_bytes = seed.encode("utf-8")
    repeats = size // len(seed_bytes) + 1
    big = (seed_bytes * repeats)[:size]
    # cut at a line end so the file stays valid UTF-8
    big = big[: big.rfind(b"\n") + 1]
    files = {
        f"big-{mb:g}MB": big,
        "empty-baseline": b"",
        f"one-line-{line_mb:g}MB": seed.replace("\n", " ").encode()[: int(line_mb * 2**20)],
        "only-hyphens-5MB": b"-" * (5 * 2**20),
        "only-quotes-5MB": _utf8_prefix("\u201c\u201d\"'\u2018\u2019\u201e\u00ab\u00bb" * 2**20, 5),
        "mixed-newlines-5MB": seed.encode()[: 5 * 2**20]
        .replace(b"\n", b"\r\n", 20000)
        .replace(b". ", b".\r", 20000),
        "rtl-emoji-combining-5MB": _utf8_prefix(
            "שָׁלוֹם עֲלֵיכֶם — مرحبا بالعالم 👩‍👩‍👧 e\u0301te\u0301 announ-ced 🇫🇷 “quote”\n" * 60000, 5
        ),
    }
    paths = {}
    for name, data in files.items():
        path = folder / f"{name}.txt"
        path.write_bytes(data)
        paths[name] = path
    return paths


# Linux counts the memory of the process that forked a child into the child's peak
# RSS (it is recorded when the child execs), so children are started from this small
# launcher rather than from the bench process, which holds the 50 MB test data.
LAUNCHER = """
import json, os, subprocess, sys, threading
proc = subprocess.Popen(sys.argv[3:], stdout=open(sys.argv[1], "wb"), stderr=subprocess.DEVNULL)
timer = threading.Timer(float(sys.argv[2]), proc.kill)
timer.start()
_, status, usage = os.wait4(proc.pid, 0)
timer.cancel()
print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_maxrss]))
"""


def run_measured(args: list[str], stdout_path: Path, timeout: float) -> tuple[float, int, int]:
    """Run a child process; return (seconds, peak RSS in bytes, exit status).

    A child still running after ``timeout`` seconds is killed; its status is then -9.
    """
    started = time.perf_counter()
    report = subprocess.run(
        [sys.executable, "-c", LAUNCHER, str(stdout_path), str(timeout), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - started
    status, maxrss = json.loads(report.stdout)
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    return elapsed, maxrss * (1 if sys.platform == "darwin" else 1024), status


def responsiveness(path: Path) -> tuple[float, float, int]:
    """Scan in-process: (scan seconds, longest gap between progress/cancel polls, polls)."""
    from editor.engine import read_document, scan

    document = read_document(path)
    stamps: list[float] = []

    def poll() -> bool:
        stamps.append(time.perf_counter())
        return False

    started = time.perf_counter()
    stamps.append(started)
    scan(document.text, is_cancelled=poll, progress=lambda _f: poll())
    stamps.append(time.perf_counter())
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    return stamps[-1] - started, max(gaps), len(stamps) - 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--line-mb", type=float, default=5)
    parser.add_argument("--keep", type=Path, help="build the files here and keep them")
    parser.add_argument("--only", help="run only files whose name contains this")
    parser.add_argument("--no-responsiveness", action="store_true")
    parser.add_argument(
        "--timeout", type=float, default=300, help="kill a run after this many seconds"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mend-big-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        files = build_files(folder, args.mb, args.line_mb)
        print(
            f"{'file':28} {'MB':>6} {'cmd':6} {'seconds':>8} {'MB/s':>6} {'peak MB':>8} "
            f"{'x size':>7} {'exit':>4}"
        )
        failed = False
        for name, path in files.items():
            if args.only and args.only not in name:
                continue
            size = path.stat().st_size
            for command in ("check", "clean"):
                out = folder / f"{name}.{command}.out"
                argv_ = [sys.executable, "main.py", command, "--no-progress", str(path)]
                if command == "clean":
                    argv_ += ["-o", str(folder / f"{name}.cleaned.txt")]
                seconds, peak, status = run_measured(argv_, out, args.timeout)
                ratio = peak / size if size else 0.0
                failed |= status != 0 or (ratio >= 15 and size >= 2**25)
                print(
                    f"{name:28} {size / 2**20:6.1f} {command:6} {seconds:8.2f} "
                    f"{size / 2**20 / seconds:6.2f} {peak / 2**20:8.0f} {ratio:7.1f} {status:4}"
                    + ("  TIMEOUT" if status == -9 else "")
                )
                out.unlink(missing_ok=True)
        if not args.no_responsiveness and (not args.only or args.only in "big"):
            big = next(iter(files.values()))
            seconds, gap, polls = responsiveness(big)
            print(
                f"in-process scan of {big.name}: {seconds:.2f} s, {polls} progress/cancel "
                f"polls, longest gap {gap * 1000:.0f} ms"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
