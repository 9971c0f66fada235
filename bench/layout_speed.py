"""How much the layout rules add to a scan, measured as paired ratios in one process.

Prints, for one text (default: the 1 MB expectations.mixed file):

- the median over alternating runs of scan time with the default rules divided by
  the scan time with ``default,-layout`` (issue 10's target: at most 1.10);
- the layout plan's time per MB of text (median of several runs);
- the time of ``merge_paragraph_pieces`` on the scan's fixes, as a share of the scan.

The machine is shared: every figure is a median of runs made side by side.

    MEND_SHARED=/work/shared python bench/layout_speed.py [--runs 7] [FILE]
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.engine import ScanOptions, enabled_rule_names, read_document, scan  # noqa: E402
from editor.engine.context import ScanContext  # noqa: E402
from editor.engine.rules import layout  # noqa: E402

scan_module = importlib.import_module("editor.engine.scan")  # the package exports the function

if TYPE_CHECKING:
    from editor.engine.model import Fix

SHARED = Path(os.environ.get("MEND_SHARED", ROOT.parent / "shared"))
SPEED_FILE = SHARED / "corpus" / "bench" / "expectations.mixed.dirty.txt"


def _timed(work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=SPEED_FILE)
    parser.add_argument("--runs", type=int, default=7, help="paired runs (default 7)")
    args = parser.parse_args(argv)
    text = read_document(args.file).text
    without = ScanOptions(rules=enabled_rule_names(["default", "-layout"]))
    scan(text)  # warm the lexicons and compiled patterns
    ratios = []
    for _ in range(args.runs):
        bare = _timed(lambda: scan(text, without))
        full = _timed(lambda: scan(text))
        ratios.append(full / bare)
    megabytes = len(text.encode("utf-8")) / 1e6

    def plan() -> None:
        layout._make_plan(ScanContext(text, ScanOptions(), lambda: False, None, 1))

    plans = [_timed(plan) for _ in range(args.runs)]
    found: list[list[Fix]] = []
    merge = scan_module.merge_paragraph_pieces
    scan_module.merge_paragraph_pieces = lambda f, t: found.append(list(f)) or merge(f, t)
    try:
        scan(text)
    finally:
        scan_module.merge_paragraph_pieces = merge
    fixes = found[0]
    merges = [_timed(lambda: layout.merge_paragraph_pieces(fixes, text)) for _ in range(args.runs)]
    print(f"{args.file.name}: {megabytes:.2f} MB, {args.runs} paired runs")
    print(
        f"  scan default / default,-layout: median {statistics.median(ratios):.3f} "
        f"(min {min(ratios):.3f}, max {max(ratios):.3f}; target <= 1.10)"
    )
    print(f"  layout plan: {statistics.median(plans) / megabytes:.3f} s per MB")
    print(
        f"  merge_paragraph_pieces on the scan's {len(fixes)} fixes: "
        f"{statistics.median(merges) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
