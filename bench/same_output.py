"""Snapshot Mend's outputs on the bench texts, or compare them with a snapshot taken before.

Speed work must not change a byte of what Mend prints or writes. This runs
``check --json``, ``check`` (text) and ``clean`` on every dirty bench text (and on
two shapes that take other code paths: one long line without line ends, and the
same text at ``--min-confidence 0``) and stores the outputs under ``DIR``. With
``--compare OLD`` it then reports every output that differs from ``OLD``.

    python bench/same_output.py DIR                 # snapshot (e.g. on main)
    python bench/same_output.py DIR2 --compare DIR  # after a change: exit 1 on any difference
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MEND_SHARED", ROOT.parent / "shared"))
CORPORA = ("bench", "bench-extra")
# a slice long enough to hold every quote and hyphen path, short enough for a quick run
ONE_LINE_BYTES = 400_000
TIMEOUT = 600.0


def texts(scratch: Path) -> list[Path]:
    """The dirty bench texts plus a one-line text made from the 1 MB file."""
    found = [
        p for corpus in CORPORA for p in sorted((SHARED / "corpus" / corpus).glob("*.dirty.txt"))
    ]
    source = SHARED / "corpus" / "bench" / "expectations.mixed.dirty.txt"
    line = source.read_bytes()[:ONE_LINE_BYTES].decode("utf-8", "ignore").replace("\n", " ")
    one_line = scratch / "one-line.dirty.txt"
    one_line.write_text(line, encoding="utf-8")
    return [*found, one_line]


def run_mend(args: list[str], user_dict: Path) -> bytes:
    command = [
        sys.executable,
        str(ROOT / "main.py"),
        *args,
        "--no-progress",
        "--dictionary",
        str(user_dict),
    ]
    done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    return done.stdout + b"\n--- rc %d stderr\n" % done.returncode + done.stderr


def snapshot(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    # a private scratch folder (two runs side by side must not share one); outputs name
    # the files in it, so its path is masked wherever they print it
    scratch = Path(tempfile.mkdtemp(prefix="mend-same-output-"))
    try:
        _snapshot_into(out, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _snapshot_into(out: Path, scratch: Path) -> None:
    mask = os.fsencode(scratch)

    def run(args: list[str], user_dict: Path) -> bytes:
        return run_mend(args, user_dict).replace(mask, b"<scratch>")

    user_dict = scratch / "user-dictionary.txt"
    user_dict.write_text("", encoding="utf-8")
    for text in texts(scratch):
        name = text.name.removesuffix(".dirty.txt")
        (out / f"{name}.check.json").write_bytes(run(["check", "--json", str(text)], user_dict))
        (out / f"{name}.check.txt").write_bytes(run(["check", str(text)], user_dict))
        if name in ("expectations.mixed", "one-line"):
            zero = run(["check", "--json", "--min-confidence", "0", str(text)], user_dict)
            (out / f"{name}.check0.json").write_bytes(zero)
        cleaned_dir = scratch / "cleaned"
        log = run(["clean", "-o", str(cleaned_dir), str(text)], user_dict)
        written = cleaned_dir / text.name
        body = written.read_bytes() if written.exists() else b"<no file>"
        (out / f"{name}.clean.txt").write_bytes(body + b"\n--- log\n" + log)
        print(name, flush=True)


def compare(new: Path, old: Path) -> int:
    differ = 0
    for before in sorted(old.iterdir()):
        after = new / before.name
        if not after.exists() or after.read_bytes() != before.read_bytes():
            print(f"DIFFERS: {before.name}")
            differ += 1
    print(f"{differ} of {len(list(old.iterdir()))} outputs differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="where to store this run's outputs")
    parser.add_argument("--compare", type=Path, metavar="OLD", help="a snapshot to compare with")
    args = parser.parse_args()
    snapshot(args.dir)
    return compare(args.dir, args.compare) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())
