"""Is a layout fix shown at X % right X times in a hundred?  Paragraph joins against the truth.

Every ``unwrap-lines`` fix (a paragraph's join, or one piece of it) proposed on
the typeset PDF extractions (../shared/corpus/typeset/bench, truth NAME.reflow.txt)
and on the generated pdf and mixed pairs of ../shared/corpus/bench (truth
NAME.clean.txt, one paragraph per line) is scored: it is right when none of the
line breaks it removes is one the truth keeps (a paragraph end), wrong
otherwise.  A break's place is the number of letters and digits before it, as
cleanbench/score_layout.py counts it, so other repairs do not shift it.  The
fixes are binned by their confidence; each bin prints how many fixes it holds,
their mean confidence and the share that is right, so over- and
under-confidence show side by side.  Page-furniture fixes are left out (the
truth files do not say which lines were running heads).

    python bench/layout_calibration.py [--only TEXT] [--show N]
"""

from __future__ import annotations

import argparse
import bisect
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.layout import BENCH, TYPESET, _load  # noqa: E402 - after the path set-up
from editor.engine import read_document, scan  # noqa: E402

#: the bins' lower edges; a fix falls in the last edge at or below its confidence
EDGES = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
UNWRAP = "unwrap-lines"


@dataclass
class Bin:
    count: int = 0
    right: int = 0
    stated: float = 0.0
    wrong_examples: list[str] = field(default_factory=list)


def alnum_before(text: str) -> list[int]:
    """For every offset, the letters and digits before it (a prefix sum)."""
    counts = [0]
    total = 0
    for char in text:
        total += char.isalnum()
        counts.append(total)
    return counts


def score_file(dirty_path: Path, truth: str, bins: dict[float, Bin], show: int) -> None:
    layout = _load("score_layout")
    text = read_document(dirty_path).text
    kept = layout.break_places(truth)
    before = alnum_before(text)
    for fix in scan(text):
        # a join that keeps some of its breaks (a quote repair absorbed) says nothing clear
        if fix.rule != UNWRAP or "\n" in fix.replacement:
            continue
        removed = [fix.start + offset for offset, char in enumerate(fix.original) if char == "\n"]
        right = not any(before[position] in kept for position in removed)
        edge = EDGES[bisect.bisect_right(EDGES, fix.confidence) - 1]
        entry = bins.setdefault(edge, Bin())
        entry.count += 1
        entry.right += right
        entry.stated += fix.confidence
        if not right and len(entry.wrong_examples) < show:
            entry.wrong_examples.append(f"{dirty_path.name}:{fix.start}: {fix.original[:120]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="only the pairs whose name holds this")
    parser.add_argument("--show", type=int, default=0, help="print N wrong fixes per bin")
    args = parser.parse_args(argv)
    sources = {
        "typeset": [
            (p, TYPESET / p.name.replace(".dirty.txt", ".reflow.txt"))
            for p in sorted(TYPESET.glob("*.dirty.txt"))
        ],
        "bench pdf+mixed": [
            (p, BENCH / p.name.replace(".dirty.txt", ".clean.txt"))
            for p in sorted(BENCH.glob("*.dirty.txt"))
            if ".pdf." in p.name or ".mixed." in p.name
        ],
    }
    for source, pairs in sources.items():
        bins: dict[float, Bin] = {}
        for dirty, truth in pairs:
            if args.only in dirty.name:
                score_file(dirty, truth.read_text("utf-8"), bins, args.show)
        print(f"{source}: unwrap-lines fixes by confidence")
        print(f"  {'bin':>9} {'fixes':>6} {'stated':>7} {'right':>7}")
        for edge in sorted(bins):
            entry = bins[edge]
            upper = EDGES[EDGES.index(edge) + 1] if edge != EDGES[-1] else 1.0
            print(
                f"  {edge:.2f}-{upper:.2f} {entry.count:6d} "
                f"{entry.stated / entry.count:7.3f} {entry.right / entry.count:7.3f}"
            )
            for example in entry.wrong_examples:
                print(f"      wrong: {example}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
