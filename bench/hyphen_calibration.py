"""Fit the hyphen calibration curves (editor/engine/rules/hyphen_calibration.py).

Reads the per-fix records of ``bench/hyphens.py --raw --records FILE`` (one JSON
object a line: kind, confidence = the evidence's probability, judged =
correct/wrong/neutral, file), fits one isotonic curve per kind of fix, and
prints:

- the held-out reliability: files are split in two halves (alternately by
  name); each half is scored with the curves fitted on the other;
- the curves fitted on all the records, as the Python literal to paste over
  ``CURVES``.

    python bench/hyphen_calibration.py RAW.jsonl [RAW2.jsonl ...] [--check CAL.jsonl]
                                       [--held-out RAW_EXTRA.jsonl] [--min-block N]

``--check`` scores records made with the calibration on (no fit), e.g. the
bench-extra run, for the reliability table of texts the fit never saw;
``--held-out RAW`` scores raw records of such texts with the curves just fitted
(the test before pasting them); ``--min-block N`` sets the fewest fixes behind
one knot.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.engine.rules.hyphen_calibration import interpolate  # noqa: E402

# A block of the isotonic fit holds at least this many fixes, so no knot rests on a
# handful of cases (the curve is flat where data is thin).  50: the smallest that kept
# every held-out bin of the bench within 0.10 (30 left two bins off by 0.11-0.12).
MIN_BLOCK = 50
# No fix is ever certain: the ceiling the judge applies too.
CEILING = 0.99


def load(paths: list[Path]) -> list[dict]:
    records = []
    for path in paths:
        with path.open(encoding="utf-8") as stream:
            records.extend(json.loads(line) for line in stream if line.strip())
    return [r for r in records if r["kind"] != "soft"]


def isotonic(
    points: list[tuple[float, float]], min_block: int = MIN_BLOCK
) -> list[tuple[float, float, float, int]]:
    """Pool adjacent violators: blocks of (lowest x, highest x, mean y, count), y rising."""
    blocks: list[list[float]] = []  # [low x, high x, sum y, count]
    grouped: dict[float, list[float]] = {}
    for x, y in points:
        # Fixes with the same probability must share a block, or the curve could not
        # give them one confidence.
        group = grouped.setdefault(x, [0.0, 0.0])
        group[0] += y
        group[1] += 1
    for x, (sy, n) in sorted(grouped.items()):
        blocks.append([x, x, sy, n])
        while len(blocks) > 1 and (
            blocks[-2][2] / blocks[-2][3] >= blocks[-1][2] / blocks[-1][3]
            or blocks[-2][3] < min_block
        ):
            _, high, sy, n = blocks.pop()
            blocks[-1][1] = high
            blocks[-1][2] += sy
            blocks[-1][3] += n
    while len(blocks) > 1 and blocks[-1][3] < min_block:
        _, high, sy, n = blocks.pop()
        blocks[-1][1] = high
        blocks[-1][2] += sy
        blocks[-1][3] += n
    return [(low, high, sy / n, int(n)) for low, high, sy, n in blocks]


def fit(
    records: list[dict], min_block: int = MIN_BLOCK
) -> dict[str, tuple[tuple[float, float], ...]]:
    curves: dict[str, tuple[tuple[float, float], ...]] = {}
    kinds = sorted({r["kind"] for r in records})
    for kind in kinds:
        points = [
            (r["confidence"], 1.0 if r["judged"] == "correct" else 0.0)
            for r in records
            if r["kind"] == kind
        ]
        knots: list[tuple[float, float]] = []
        for low, high, y, _ in isotonic(points, min_block):
            # Each block is flat over the probabilities it holds; the curve ramps between.
            for x in (low, high) if high > low else (low,):
                knots.append((round(x, 3), round(min(CEILING, y), 3)))
        curves[kind] = tuple(knots)
    return curves


def apply(curves: dict[str, tuple[tuple[float, float], ...]], records: list[dict]) -> list[dict]:
    out = []
    for r in records:
        curve = curves.get(r["kind"], ((0.0, 0.0), (1.0, 1.0)))
        confidence = min(CEILING, round(interpolate(curve, r["confidence"]), 2))
        out.append({**r, "confidence": confidence})
    return out


def reliability(records: list[dict], label: str, threshold: float = 0.6) -> float:
    print(f"{label}: {len(records)} fixes")
    error = 0.0
    for b in range(10):
        lo, hi = b / 10, (b + 1) / 10
        inside = [
            r for r in records if lo <= r["confidence"] < hi or (b == 9 and r["confidence"] >= 1)
        ]
        if not inside:
            continue
        correct = sum(r["judged"] == "correct" for r in inside) / len(inside)
        mean = sum(r["confidence"] for r in inside) / len(inside)
        error += len(inside) * abs(correct - mean)
        flag = (
            "" if len(inside) < 20 or abs(correct - mean) <= 0.10 else "  <-- off by more than 0.10"
        )
        print(f"  {lo:.1f}-{hi:.1f} {len(inside):6d} correct {correct:.3f} mean {mean:.3f}{flag}")
    ece = error / max(1, len(records))
    pending = [r for r in records if r["confidence"] < threshold]
    right = sum(r["judged"] == "correct" for r in pending)
    print(f"  ECE {ece:.4f}; below {threshold}: {len(pending)} pending, {right} of them right")
    return ece


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", type=Path, nargs="*")
    parser.add_argument("--check", type=Path, action="append", default=[])
    parser.add_argument(
        "--held-out",
        type=Path,
        action="append",
        default=[],
        help="raw records of texts the fit must not see (bench-extra), scored with the new curves",
    )
    parser.add_argument(
        "--min-block", type=int, default=MIN_BLOCK, help="fewest fixes behind one knot"
    )
    args = parser.parse_args(argv)
    if args.records:
        records = load(args.records)
        files = sorted({r["file"] for r in records})
        halves = [set(files[0::2]), set(files[1::2])]
        held_out: list[dict] = []
        for fit_half, test_half in ((halves[0], halves[1]), (halves[1], halves[0])):
            curves = fit([r for r in records if r["file"] in fit_half], args.min_block)
            held_out += apply(curves, [r for r in records if r["file"] in test_half])
        reliability(held_out, "held out (each half scored with the other half's curves)")
        if len(args.records) > 1:
            for path in args.records:
                mine = {r["file"] for r in load([path])}
                reliability(
                    [r for r in held_out if r["file"] in mine], f"  of which {path.name}, held out"
                )
        curves = fit(records, args.min_block)
        reliability(apply(curves, records), "in sample (all records, final curves)")
        for path in args.held_out:
            reliability(apply(curves, load([path])), f"held out, new curves: {path.name}")
        print("CURVES = {")
        for kind, knots in curves.items():
            name = kind.upper().replace("-", "_")
            print(f"    FixKind.{name}: {knots},")
        print("}")
    for path in args.check:
        reliability(load([path]), f"checked as shipped: {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
