"""Refit the quote confidences: evidence -> share right, fitted on bench, checked on bench-extra.

Every quote-pairing change on ../shared/corpus/bench is applied alone and
judged against the truth (bench/calibration.py's judge); the share right is
fitted as a non-decreasing function of the change's margin (isotonic
regression, pool-adjacent-violators), separately for settled and unsure
repairs, with bins of at least MIN_BIN samples and a Laplace estimate per bin
(a bin never claims more than its evidence: 40 right of 40 gives 0.976, and a
bin of fewer than MIN_BIN samples is filled up with coin tosses).  The
turned-apostrophe rule gets its own share.  bench-extra is held out: its
figures are printed, never fitted.

    python bench/fit_quote_calibration.py           # print the fit and its held-out check
    python bench/fit_quote_calibration.py --write   # also rewrite the table in the engine
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from calibration import DEFAULT_DIRS, judge_text, read_pairs  # noqa: E402 - after the path set-up

from editor.engine import ScanOptions, scan  # noqa: E402
from editor.engine.language import resolve_language  # noqa: E402
from editor.engine.model import Category, Fix  # noqa: E402
from editor.engine.rules.quotes import calibration  # noqa: E402
from editor.engine.rules.quotes.repair import analyse  # noqa: E402

#: fewest judged changes a bin of the fitted table may rest on
MIN_BIN = 40
TABLE = Path(calibration.__file__)
BEGIN = "# -- fitted table (written by bench/fit_quote_calibration.py)"
END = "# -- end of fitted table"


@dataclass(frozen=True, slots=True)
class Sample:
    margin: float
    settled: bool
    correct: bool
    confidence: float


def collect(folder: Path) -> tuple[list[Sample], list[tuple[float, bool]]]:
    """Judged quote-pairing changes (with their evidence) and turned-apostrophe fixes."""
    samples: list[Sample] = []
    apostrophes: list[tuple[float, bool]] = []
    for name, dirty, clean in read_pairs(folder):
        language = resolve_language("auto", dirty)
        changes = list(analyse(dirty, language))
        fixes = [
            Fix(
                c.start,
                c.end,
                dirty[c.start : c.end],
                c.replacement,
                "quote-pairing",
                Category.QUOTE,
                c.confidence,
                c.reason,
            )
            for c in changes
        ]
        by_start = {c.start: c for c in changes}
        for judged in judge_text(name, dirty, clean, fixes):
            evidence = by_start[judged.fix.start].evidence
            samples.append(
                Sample(evidence.margin, evidence.settled, judged.correct, judged.fix.confidence)
            )
        turned = scan(dirty, ScanOptions(language=language, rules=frozenset({"turned-apostrophe"})))
        apostrophes += [
            (j.fix.confidence, j.correct) for j in judge_text(name, dirty, clean, turned)
        ]
    return samples, apostrophes


def _number(value: float) -> str:
    return 'float("inf")' if value == float("inf") else repr(value)


def laplace(right: int, total: int) -> float:
    """Share right, with a bin of fewer than MIN_BIN samples filled up with coin tosses.

    A handful of right repairs is no evidence: three of three would otherwise be 0.8
    and applied by default.
    """
    if total < MIN_BIN:
        return (right + 0.5 * (MIN_BIN - total)) / MIN_BIN
    return (right + 1) / (total + 2)


def isotonic(samples: list[Sample]) -> tuple[tuple[float, float], ...]:
    """(lowest margin, share right) bins, non-decreasing in margin, each of >= MIN_BIN samples."""
    ordered = sorted(samples, key=lambda s: s.margin)
    # blocks: [lowest margin, right, total]; start from runs of MIN_BIN, then pool violators
    blocks: list[list[float]] = []
    for start in range(0, len(ordered), MIN_BIN):
        chunk = ordered[start : start + MIN_BIN]
        blocks.append([chunk[0].margin, sum(s.correct for s in chunk), len(chunk)])
    if len(blocks) > 1 and blocks[-1][2] < MIN_BIN:
        last = blocks.pop()
        blocks[-1][1] += last[1]
        blocks[-1][2] += last[2]
    pooled: list[list[float]] = []
    for block in blocks:
        pooled.append(block)
        while len(pooled) > 1 and pooled[-2][1] / pooled[-2][2] >= pooled[-1][1] / pooled[-1][2]:
            top = pooled.pop()
            pooled[-1][1] += top[1]
            pooled[-1][2] += top[2]
    for low, right, total in pooled:
        print(f"    bin from margin {low:.3f}: {int(right)} right of {int(total)}")
    table = [(0.0 if i == 0 else b[0], laplace(int(b[1]), int(b[2]))) for i, b in enumerate(pooled)]
    # rounded down: a bin never shows more than its evidence
    return tuple((round(low, 3), math.floor(p * 1000) / 1000) for low, p in table)


def ece(pairs: list[tuple[float, bool]]) -> tuple[float, float, int]:
    """Expected calibration error over bins of 0.1, the worst gap of bins of >= 20, the count."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for conf, ok in pairs:
        bins.setdefault(min(9, int(conf * 10 + 1e-9)), []).append((conf, ok))
    total = sum(len(b) for b in bins.values())
    error, worst = 0.0, 0.0
    for b in bins.values():
        gap = abs(sum(ok for _, ok in b) / len(b) - sum(c for c, _ in b) / len(b))
        error += len(b) * gap
        if len(b) >= 20:
            worst = max(worst, gap)
    return error / max(1, total), worst, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the engine's table")
    args = parser.parse_args(argv)
    fit_dir, held_out = DEFAULT_DIRS
    if not fit_dir.is_dir():
        print(f"fit: {fit_dir} not found (the fit needs ../shared)", file=sys.stderr)
        return 2
    collected = {f: collect(f) for f in (fit_dir, held_out) if f.is_dir()}
    samples, apostrophes = collected[fit_dir]
    table = {
        "settled": isotonic([s for s in samples if s.settled]),
        "unsure": isotonic([s for s in samples if not s.settled]),
    }
    apostrophe_share = round(laplace(sum(ok for _, ok in apostrophes), len(apostrophes)), 3)
    print(
        f"fitted on {fit_dir.name}: {len(samples)} pairing changes, {len(apostrophes)} apostrophes"
    )
    for key, bins in table.items():
        print(f"  {key}: {bins}")
    print(f"  turned apostrophe: {apostrophe_share}")
    fitted = dict(calibration.CALIBRATION)
    calibration.CALIBRATION.clear()
    calibration.CALIBRATION.update(table)
    for folder, (check, turned) in collected.items():
        pairs = [
            (calibration.confidence(calibration.Evidence(s.margin, s.settled)), s.correct)
            for s in check
        ] + [(apostrophe_share, ok) for _, ok in turned]
        before = [(s.confidence, s.correct) for s in check] + turned
        e, worst, n = ece(pairs)
        e0, worst0, _ = ece(before)
        print(
            f"{folder.name}: {n} quote fixes; ECE {e0:.4f} -> {e:.4f}, worst bin {worst0:.3f} -> "
            f"{worst:.3f}"
        )
    calibration.CALIBRATION.clear()
    calibration.CALIBRATION.update(fitted)
    if args.write:
        source = TABLE.read_text(encoding="utf-8")
        head, rest = source.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        lines = [BEGIN + " " + "-" * (95 - len(BEGIN) - 1)]
        lines.append(
            '# per "settled"/"unsure": (lowest margin of the bin, share right); margins ascending'
        )
        lines.append("CALIBRATION: dict[str, tuple[tuple[float, float], ...]] = {")
        for key, bins in table.items():
            cells = ", ".join(f"({_number(low)}, {p})" for low, p in bins)
            lines.append(f'    "{key}": ({cells}{"," if len(bins) == 1 else ""}),')
        lines.append("}")
        lines.append("#: share of turned-apostrophe fixes right on the bench")
        lines.append(f"TURNED_APOSTROPHE = {apostrophe_share}")
        TABLE.write_text(head + "\n".join(lines) + "\n" + END + tail, encoding="utf-8")
        print(f"wrote {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
