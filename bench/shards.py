"""The sharded scan against one process, on the bench texts: same fixes, and how much faster.

Every text of corpus/bench and corpus/bench-extra is scanned in one process and
then in parallel with every text cut into shards, however small (the size
limits of a real run are lowered, so that each text's slices and cut points are
exercised): the fixes must be the same.  The large texts (1 MB and up, the size
a parallel scan is for) also report the ratio of the one-process time to the
parallel time, the median of ``--repeat`` rounds.  Usage::

    MEND_SHARED=../shared python bench/shards.py [--repeat 3] [--cores N]
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.engine import read_document, scan, shards  # noqa: E402 - after the path set-up

SHARED = Path(os.environ.get("MEND_SHARED", ROOT.parent / "shared"))
FOLDERS = (SHARED / "corpus" / "bench", SHARED / "corpus" / "bench-extra")
#: texts this long are timed too (shorter ones finish in a fraction of a second)
TIMED_CHARS = 500_000


def timed(text: str, parallel: bool) -> tuple[float, list[object]]:
    started = time.perf_counter()
    fixes = scan(text, parallel=parallel)
    return time.perf_counter() - started, list(fixes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cores", type=int, default=shards.available_cores())
    args = parser.parse_args(argv)
    files = sorted(p for folder in FOLDERS for p in folder.glob("*.dirty.txt"))
    if not files:
        raise SystemExit(f"bench: no texts in {FOLDERS[0]} (set MEND_SHARED)")
    scan_module = importlib.import_module("editor.engine.scan")
    real_limit, real_items = scan_module.PARALLEL_MIN_CHARS, shards.MIN_ITEMS_PER_PROCESS
    shards.available_cores = lambda: args.cores
    different = 0
    for path in files:
        text = read_document(path).text
        one = scan(text)
        scan_module.PARALLEL_MIN_CHARS, shards.MIN_ITEMS_PER_PROCESS = 0, 2
        cut_small = scan(text, parallel=True)
        scan_module.PARALLEL_MIN_CHARS, shards.MIN_ITEMS_PER_PROCESS = real_limit, real_items
        same = cut_small == one
        different += not same
        line = f"{path.parent.name}/{path.name:34} {len(one):6} fixes  {'same' if same else 'DIFFERENT'}"
        if len(text) >= TIMED_CHARS:
            rounds = [(timed(text, False)[0], timed(text, True)) for _ in range(args.repeat)]
            different += any(fixes != one for _, (_, fixes) in rounds)
            serial = statistics.median(s for s, _ in rounds)
            parallel = statistics.median(p for _, (p, _) in rounds)
            line += f"  one process {serial:.2f} s, {args.cores} cores {parallel:.2f} s"
            line += f"  ratio {serial / parallel:.2f}"
        print(line, flush=True)
    print(f"{len(files) - different} of {len(files)} texts: the same fixes in parallel")
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
