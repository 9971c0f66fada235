"""Benchmark Mend's engine: the one command that prints every report.

The first report cleans every NAME.dirty.txt of ``--dir`` with the default
decisions (what ``mend clean`` does), scores the outputs with cleanbench's
score.py and prints its table, the scan throughput in MB/s and the time of each
file.  ``--report`` adds the other reports, each its own script in bench/ run as
a separate process (so one report's warm caches do not flatter the next):

- ``calibration``: is a fix shown at 90 % right nine times in ten (bench/calibration.py);
- ``layout``: unwrapped lines and line-end hyphens on real PDF text (bench/layout.py);
- ``hyphens``: hyphen recall, false changes and reliability per folder (bench/hyphens.py);
- ``idempotence``: what a second scan of a cleaned text still proposes (bench/idempotence.py);
- ``speed``: ``check`` and ``clean`` beside a bare dictionary join, batches, a corpus
  run on Dask (bench/speed.py; takes minutes).

    python bench/run.py [--dir ../shared/corpus/bench] [--show N] [--only NAME] [--json]
                        [--report calibration --report layout ... | --all]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.engine import (  # noqa: E402 - after the path set-up for a source checkout
    Decision,
    ScanOptions,
    apply_fixes,
    initial_decisions,
    read_document,
    scan,
)

# $MEND_SHARED, or ../shared beside the checkout (or beside the folder of worktrees)
SHARED = next(
    (
        base
        for base in (
            Path(os.environ.get("MEND_SHARED", ROOT.parent / "shared")),
            ROOT.parent.parent / "shared",
        )
        if (base / "cleanbench").is_dir()
    ),
    ROOT.parent / "shared",
)
DEFAULT_DIR = SHARED / "corpus" / "bench"
SCORE = SHARED / "cleanbench" / "score.py"

#: the other reports, in the order ``--all`` runs them, with the arguments each runs with
REPORTS: dict[str, list[str]] = {
    "calibration": ["calibration.py"],
    "layout": ["layout.py"],
    "layout-calibration": ["layout_calibration.py"],
    "hyphens": [
        "hyphens.py",
        *("--dir", str(SHARED / "corpus" / "bench")),
        *("--dir", str(SHARED / "corpus" / "bench-extra")),
        *("--dir", str(SHARED / "corpus" / "real")),
        "--per-file",
    ],
    "idempotence": ["idempotence.py"],
    "speed": ["speed.py"],
}


def clean_folder(
    folder: Path, outputs: Path, only: list[str], language: str
) -> dict[str, dict[str, float]]:
    timings: dict[str, dict[str, float]] = {}
    for dirty in sorted(folder.glob("*.dirty.txt")):
        name = dirty.name[: -len(".dirty.txt")]
        if only and not any(o in name for o in only):
            continue
        doc = read_document(dirty)
        started = time.perf_counter()
        fixes = scan(doc.text, ScanOptions(language=language))
        elapsed = time.perf_counter() - started
        decisions = initial_decisions(fixes)
        cleaned = apply_fixes(doc.text, fixes, decisions)
        (outputs / f"{name}.txt").write_text(cleaned, encoding="utf-8")
        size = len(dirty.read_bytes())
        applied = sum(d is Decision.ACCEPTED for d in decisions)
        timings[name] = {"bytes": size, "seconds": elapsed, "fixes": len(fixes), "applied": applied}
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of pairs")
    parser.add_argument("--show", type=int, default=0, help="print N missed/false examples")
    parser.add_argument(
        "--only", action="append", default=[], help="only files whose name has this"
    )
    parser.add_argument("--lang", default="auto")
    parser.add_argument("--keep", type=Path, help="write the outputs here instead of a temp folder")
    parser.add_argument("--json", action="store_true", help="print score.py's JSON instead")
    parser.add_argument(
        "--report", action="append", default=[], choices=sorted(REPORTS), help="add a report"
    )
    parser.add_argument("--all", action="store_true", help="add every report (takes long)")
    args = parser.parse_args(argv)
    if not SCORE.exists():
        print(f"bench: {SCORE} not found (the benchmark needs ../shared)", file=sys.stderr)
        return 2
    # Warm the lexicons so the first file's time is the scan, not the loading.
    scan("warm up the word lists", ScanOptions(language="en"))
    with tempfile.TemporaryDirectory() as tmp:
        outputs = args.keep or Path(tmp)
        outputs.mkdir(parents=True, exist_ok=True)
        timings = clean_folder(args.dir, outputs, args.only, args.lang)
        if args.only:
            folder = Path(tmp) / "pairs"
            folder.mkdir()
            for name in timings:
                for kind in ("dirty", "clean"):
                    (folder / f"{name}.{kind}.txt").symlink_to(args.dir / f"{name}.{kind}.txt")
        else:
            folder = args.dir
        command = [sys.executable, str(SCORE), "--dir", str(folder), "--outputs", str(outputs)]
        if args.show:
            command += ["--show", str(args.show)]
        if args.json:
            command.append("--json")
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        print(result.stdout, end="")
        if result.returncode:
            print(result.stderr, file=sys.stderr)
            return result.returncode
    if not args.json:
        print_timings(timings)
    else:
        print(json.dumps({"timings": timings}))
    failed = [name for name in (list(REPORTS) if args.all else args.report) if run_report(name)]
    if failed:
        print(f"bench: these reports failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def run_report(name: str) -> int:
    """Run one of REPORTS in its own process, its output under a heading; its exit status."""
    script, *arguments = REPORTS[name]
    print(f"\n{'=' * 30} {name} (bench/{script}) {'=' * 30}", flush=True)
    environment = {**os.environ, "MEND_SHARED": str(SHARED)}
    command = [sys.executable, str(ROOT / "bench" / script), *arguments]
    return subprocess.run(command, env=environment, check=False).returncode


def print_timings(timings: dict[str, dict[str, float]]) -> None:
    if timings:
        total_bytes = sum(t["bytes"] for t in timings.values())
        total_seconds = sum(t["seconds"] for t in timings.values())
        print()
        print(f"{'file':40} {'MB':>6} {'seconds':>8} {'MB/s':>6} {'fixes':>6} {'applied':>7}")
        for name, t in timings.items():
            mb = t["bytes"] / 1e6
            print(
                f"{name[:40]:40} {mb:6.2f} {t['seconds']:8.3f} {mb / max(t['seconds'], 1e-9):6.1f} "
                f"{t['fixes']:6d} {t['applied']:7d}"
            )
        print(
            f"{'TOTAL scan throughput':40} {total_bytes / 1e6:6.2f} {total_seconds:8.3f} "
            f"{total_bytes / 1e6 / max(total_seconds, 1e-9):6.1f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
