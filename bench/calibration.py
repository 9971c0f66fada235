"""Calibration report: is a fix shown at 90 % right nine times in ten?

Every fix the engine proposes (at any confidence) is applied alone to its
paragraph and judged against the ground truth NAME.clean.txt, white space
ignored: *correct* when the paragraph gets closer to the truth (smaller edit
distance), *wrong* when it gets farther, *neutral* when the distance stays (a
wrong mark swapped for another wrong mark).  Neutral fixes count as not
correct.  Fixes that change only white space cannot be judged this way and are
left out (layout fixes are scored by bench/layout.py).

Printed per rule family and overall, for each folder:

- a reliability table: confidence bins of 0.1 with the number of fixes, the
  share that is correct and the mean confidence;
- the expected calibration error (the fixes-weighted mean gap between the
  share correct and the mean confidence over the bins);
- the worst gap among bins with at least ``MIN_BIN_FIXES`` fixes;
- the review burden: fixes left pending (below the threshold) per 10k words,
  and how many of them are right.

    python bench/calibration.py [--dir FOLDER ...] [--min-confidence 0.6] [--json]

Importable: :func:`judge_folder` gives every judged fix (what a calibration
fit needs) and :func:`calibration_report` the figures.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.engine import ScanOptions, read_document, scan  # noqa: E402 - after the path set-up
from editor.engine.model import DEFAULT_MIN_CONFIDENCE  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from editor.engine.model import Fix

#: ../shared beside a checkout of main, or beside the folder of worktrees
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared",
)
DEFAULT_DIRS = (SHARED / "corpus" / "bench", SHARED / "corpus" / "bench-extra")

#: issue 11's target: bins with at least this many fixes must be within MAX_BIN_GAP
MIN_BIN_FIXES = 20
MAX_BIN_GAP = 0.10
TARGET_ECE = 0.02
BIN_WIDTH = 0.1

#: the paragraph split of cleanbench's score.py (blank lines)
_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n\s*")
_WHITE = regex.compile(r"\s+")
_WORD = regex.compile(r"\w+")
#: paragraphs longer than this (white space removed) are judged in a window around the
#: fix: the exact edit distance costs O(n²/64) per fix and the change is local anyway
_WINDOW_FROM = 3000
_WINDOW_MARGIN = 400

Verdict = str  # "correct", "wrong" or "neutral"


@dataclass(frozen=True, slots=True)
class JudgedFix:
    """One proposed fix and what applying it alone did to its paragraph."""

    file: str
    fix: Fix
    verdict: Verdict

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, bit-parallel (Myers 1999, Hyyrö's formulation): O(len(b)) big-int steps."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    mask = (1 << len(a)) - 1
    high = 1 << (len(a) - 1)
    positions: dict[str, int] = {}
    for index, char in enumerate(a):
        positions[char] = positions.get(char, 0) | (1 << index)
    plus, minus, score = mask, 0, len(a)
    for char in b:
        equal = positions.get(char, 0)
        vertical = equal | minus
        horizontal = (((equal & plus) + plus) ^ plus) | equal
        h_plus = minus | (~(horizontal | plus) & mask)
        h_minus = plus & horizontal
        if h_plus & high:
            score += 1
        elif h_minus & high:
            score -= 1
        h_plus = ((h_plus << 1) | 1) & mask
        h_minus = (h_minus << 1) & mask
        plus = h_minus | (~(vertical | h_plus) & mask)
        minus = h_plus & vertical
    return score


class _ParagraphJudge:
    """Judges fixes inside one dirty paragraph against its clean paragraph."""

    def __init__(self, dirty: str, clean: str) -> None:
        self.dirty = dirty
        self.dirty_bare = _WHITE.sub("", dirty)
        self.clean_bare = _WHITE.sub("", clean)
        self._long = len(self.dirty_bare) > _WINDOW_FROM
        self._whole_distance: int | None = None
        self._blocks: list[tuple[int, int, int]] = []
        if self._long:
            matcher = difflib.SequenceMatcher(None, self.dirty_bare, self.clean_bare, False)
            self._blocks = [(m.a, m.b, m.size) for m in matcher.get_matching_blocks()]
        # bare position of every raw position, so a fix's span maps without rescanning
        self._bare_before = [0] * (len(dirty) + 1)
        count = 0
        for index, char in enumerate(dirty):
            self._bare_before[index] = count
            if not char.isspace():
                count += 1
        self._bare_before[len(dirty)] = count

    def judge(self, start: int, end: int, replacement: str) -> Verdict:
        fixed = self.dirty[:start] + replacement + self.dirty[end:]
        fixed_bare = _WHITE.sub("", fixed)
        if not self._long:
            if self._whole_distance is None:
                self._whole_distance = edit_distance(self.dirty_bare, self.clean_bare)
            before, after = self._whole_distance, edit_distance(fixed_bare, self.clean_bare)
        else:
            lo = max(0, self._bare_before[start] - _WINDOW_MARGIN)
            hi = min(len(self.dirty_bare), self._bare_before[end] + _WINDOW_MARGIN)
            shift = len(fixed_bare) - len(self.dirty_bare)
            truth = self.clean_bare[self._to_clean(lo) : self._to_clean(hi)]
            before = edit_distance(self.dirty_bare[lo:hi], truth)
            after = edit_distance(fixed_bare[lo : hi + shift], truth)
        if after < before:
            return "correct"
        return "wrong" if after > before else "neutral"

    def _to_clean(self, position: int) -> int:
        """The clean position matching bare dirty ``position`` (through the nearest matching block)."""
        best = 0
        for a, b, size in self._blocks:
            if a > position:
                break
            best = b + min(position - a, size)
        return min(best, len(self.clean_bare))


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Where each paragraph of ``text`` starts and ends, split as score.py splits them."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[pos : match.start()].strip():
            spans.append((pos, match.start()))
        pos = match.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def judge_text(name: str, dirty: str, clean: str, fixes: Iterable[Fix]) -> list[JudgedFix]:
    """Judge each fix of ``dirty`` alone against ``clean`` (one paragraph each)."""
    dirty_spans = _paragraph_spans(dirty)
    clean_paragraphs = [clean[s:e] for s, e in _paragraph_spans(clean)]
    if len(dirty_spans) != len(clean_paragraphs):
        # not a 1:1 pair: judge against the whole text (slow, but only for odd pairs)
        dirty_spans, clean_paragraphs = [(0, len(dirty))], [clean]
    judges: dict[int, _ParagraphJudge] = {}
    starts = [s for s, _ in dirty_spans]
    judged: list[JudgedFix] = []
    for fix in fixes:
        if _WHITE.sub("", fix.original) == _WHITE.sub("", fix.replacement):
            continue  # white space only: not judged here
        index = max(0, bisect.bisect_right(starts, fix.start) - 1)
        start, end = dirty_spans[index]
        if fix.end > end:
            continue  # a fix across paragraphs: no one paragraph to judge it in
        judge = judges.get(index)
        if judge is None:
            judge = judges[index] = _ParagraphJudge(dirty[start:end], clean_paragraphs[index])
        verdict = judge.judge(fix.start - start, fix.end - start, fix.replacement)
        judged.append(JudgedFix(name, fix, verdict))
    return judged


def read_pairs(folder: Path) -> Iterator[tuple[str, str, str]]:
    """(NAME, dirty text, clean text) for every NAME.dirty.txt of ``folder`` that has its truth."""
    for dirty_path in sorted(folder.glob("*.dirty.txt")):
        name = dirty_path.name[: -len(".dirty.txt")]
        clean_path = folder / f"{name}.clean.txt"
        if clean_path.exists():
            yield name, read_document(dirty_path).text, read_document(clean_path).text


def judge_folder(
    folder: Path,
    options: ScanOptions | None = None,
    scanner: Callable[[str, ScanOptions], list[Fix]] | None = None,
) -> tuple[list[JudgedFix], int]:
    """Scan every NAME.dirty.txt in ``folder`` and judge its fixes; also return the words."""
    opts = options or ScanOptions()
    run = scanner or (lambda text, o: scan(text, o))
    judged: list[JudgedFix] = []
    words = 0
    for name, dirty, clean in read_pairs(folder):
        words += len(_WORD.findall(clean))
        judged += judge_text(name, dirty, clean, run(dirty, opts))
    return judged, words


@dataclass
class Bin:
    """One confidence bin of the reliability table."""

    low: float
    fixes: int = 0
    correct: int = 0
    confidence_sum: float = 0.0

    @property
    def share_correct(self) -> float:
        return self.correct / self.fixes if self.fixes else 0.0

    @property
    def mean_confidence(self) -> float:
        return self.confidence_sum / self.fixes if self.fixes else 0.0


@dataclass
class FamilyReport:
    """The calibration figures of one rule family (or of all fixes)."""

    family: str
    fixes: int
    correct: int
    wrong: int
    neutral: int
    bins: list[Bin] = field(default_factory=list)
    ece: float = 0.0
    worst_gap: float = 0.0
    pending: int = 0
    pending_correct: int = 0
    pending_per_10k_words: float = 0.0

    @property
    def meets_target(self) -> bool:
        return self.ece <= TARGET_ECE and self.worst_gap <= MAX_BIN_GAP


def family_report(
    family: str, judged: list[JudgedFix], words: int, min_confidence: float
) -> FamilyReport:
    """Reliability bins, ECE, worst well-filled bin and review burden of ``judged``."""
    bins = [Bin(round(i * BIN_WIDTH, 1)) for i in range(10)]
    for item in judged:
        b = bins[min(9, int(item.fix.confidence / BIN_WIDTH + 1e-9))]
        b.fixes += 1
        b.correct += item.correct
        b.confidence_sum += item.fix.confidence
    total = len(judged)
    ece = sum(b.fixes * abs(b.share_correct - b.mean_confidence) for b in bins) / max(1, total)
    worst = max(
        (abs(b.share_correct - b.mean_confidence) for b in bins if b.fixes >= MIN_BIN_FIXES),
        default=0.0,
    )
    pending = [j for j in judged if j.fix.confidence < min_confidence]
    return FamilyReport(
        family=family,
        fixes=total,
        correct=sum(j.verdict == "correct" for j in judged),
        wrong=sum(j.verdict == "wrong" for j in judged),
        neutral=sum(j.verdict == "neutral" for j in judged),
        bins=bins,
        ece=ece,
        worst_gap=worst,
        pending=len(pending),
        pending_correct=sum(j.correct for j in pending),
        pending_per_10k_words=1e4 * len(pending) / max(1, words),
    )


def calibration_report(
    judged: list[JudgedFix], words: int, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> list[FamilyReport]:
    """One report per rule family (hyphen, quote, ...) and one for all fixes, last."""
    families = sorted({j.fix.category.value for j in judged})
    reports = [
        family_report(f, [j for j in judged if j.fix.category.value == f], words, min_confidence)
        for f in families
    ]
    reports.append(family_report("all", judged, words, min_confidence))
    return reports


def format_report(folder_name: str, reports: list[FamilyReport], words: int) -> str:
    lines = [f"== calibration on {folder_name} ({words} words)"]
    for r in reports:
        lines.append(
            f"-- {r.family}: {r.fixes} fixes judged, {r.correct} correct, {r.wrong} wrong, "
            f"{r.neutral} neutral"
        )
        lines.append(f"   {'bin':>9} {'fixes':>6} {'correct':>8} {'mean conf':>9} {'gap':>6}")
        for b in r.bins:
            if b.fixes:
                gap = b.share_correct - b.mean_confidence
                flag = " !" if b.fixes >= MIN_BIN_FIXES and abs(gap) > MAX_BIN_GAP else ""
                lines.append(
                    f"   {b.low:4.1f}-{b.low + BIN_WIDTH:3.1f} {b.fixes:6d} {b.share_correct:8.3f} "
                    f"{b.mean_confidence:9.3f} {gap:+6.3f}{flag}"
                )
        verdict = "meets" if r.meets_target else "MISSES"
        lines.append(
            f"   ECE {r.ece:.4f} (target <= {TARGET_ECE}); worst bin of >= {MIN_BIN_FIXES} fixes "
            f"off by {r.worst_gap:.3f} (target <= {MAX_BIN_GAP}): {verdict}"
        )
        lines.append(
            f"   review burden: {r.pending} pending = {r.pending_per_10k_words:.2f} per 10k words, "
            f"{r.pending_correct} of them right"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, action="append", help="folder of pairs (repeatable)")
    parser.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE)
    parser.add_argument("--lang", default="auto")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    folders = args.dir or list(DEFAULT_DIRS)
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        print(f"calibration: {missing[0]} not found (the report needs ../shared)", file=sys.stderr)
        return 2
    options = ScanOptions(language=args.lang, min_confidence=args.min_confidence)
    out: dict[str, list[dict]] = {}
    for folder in folders:
        judged, words = judge_folder(folder, options)
        reports = calibration_report(judged, words, args.min_confidence)
        if args.json:
            out[folder.name] = [asdict(r) for r in reports]
        else:
            print(format_report(folder.name, reports, words))
            print()
    if args.json:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
