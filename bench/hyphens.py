"""Hyphen benchmark: recall, false changes and per-fix reliability of the hyphen rules.

Cleans every NAME.dirty.txt of the given folders the way ``mend clean`` does,
scores the output with cleanbench's score.py (its hyphen row), and judges every
proposed hyphen fix on its own: applied alone, does it bring its neighbourhood
closer to the truth (correct), further from it (wrong) or neither (neutral)?
The per-fix records feed the reliability table and the calibration fit
(bench/hyphen_calibration.py).

    python bench/hyphens.py [--dir DIR ...] [--min-confidence X] [--rules hyphens|all]
                            [--raw] [--records FILE.jsonl] [--show N] [--jobs N]

``--raw`` switches the fitted calibration off, so the records carry the
evidence's own probability (what the fit needs).
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.engine import (  # noqa: E402 - after the path set-up for a source checkout
    Category,
    ScanOptions,
    apply_fixes,
    initial_decisions,
    read_document,
    scan,
)
from editor.engine.context import ScanContext  # noqa: E402
from editor.engine.rules import RULES, hyphen_calibration  # noqa: E402
from editor.engine.rules.hyphen_evidence import Gap  # noqa: E402
from editor.engine.rules.hyphens import document_judge  # noqa: E402


def shared_folder() -> Path:
    """../shared beside the checkout (a worktree one level deeper looks one further up)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "cleanbench" / "score.py").exists():
            return base / "shared"
    return ROOT.parent / "shared"


if TYPE_CHECKING:
    from types import ModuleType

    from editor.engine.rules.hyphen_evidence import HyphenJudge

SHARED = shared_folder()
SCORE = SHARED / "cleanbench" / "score.py"
HYPHEN_RULES = frozenset(r.name for r in RULES if r.category is Category.HYPHEN)
# Tokens on each side of a fix that its judgement looks at (to find anchors both texts share).
_CONTEXT_TOKENS = 4


def load_score() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cleanbench_score", SCORE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _token_spans(score: ModuleType, text: str) -> list[tuple[int, int]]:
    """Character spans of score.py's tokens in ``text``, white space left out."""
    return [(m.start(), m.end()) for m in score.TOKEN.finditer(text) if not m.group().isspace()]


class Judge:
    """Judges single fixes against the truth with one token alignment of dirty and clean.

    The texts are aligned line by line first (fast: nearly all lines are equal), then
    token by token inside the blocks of lines that differ.
    """

    def __init__(self, score: ModuleType, dirty: str, clean: str) -> None:
        self.score = score
        self.dirty = dirty
        self.spans = _token_spans(score, dirty)
        self.dirty_tokens = [dirty[a:b] for a, b in self.spans]
        clean_spans = _token_spans(score, clean)
        self.clean_tokens = [clean[a:b] for a, b in clean_spans]
        self.to_clean: dict[int, int] = {}
        dirty_lines, clean_lines = dirty.split("\n"), clean.split("\n")
        dirty_by_line = _tokens_by_line(dirty, self.spans)
        clean_by_line = _tokens_by_line(clean, clean_spans)
        lines = difflib.SequenceMatcher(None, dirty_lines, clean_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in lines.get_opcodes():
            dirty_ids = [t for line in range(i1, i2) for t in dirty_by_line.get(line, [])]
            clean_ids = [t for line in range(j1, j2) for t in clean_by_line.get(line, [])]
            if tag == "equal":
                self.to_clean.update(zip(dirty_ids, clean_ids, strict=False))
                continue
            matcher = difflib.SequenceMatcher(
                None,
                [self.dirty_tokens[t] for t in dirty_ids],
                [self.clean_tokens[t] for t in clean_ids],
                autojunk=False,
            )
            for i, j, n in matcher.get_matching_blocks():
                for k in range(n):
                    self.to_clean[dirty_ids[i + k]] = clean_ids[j + k]
        self.starts = [a for a, _ in self.spans]

    def verdict(self, start: int, end: int, replacement: str) -> str:
        import bisect

        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_left(self.starts, end)
        lo = max(0, first - _CONTEXT_TOKENS)
        hi = min(len(self.spans) - 1, last + _CONTEXT_TOKENS)
        while lo > 0 and (lo not in self.to_clean or lo >= first):
            lo -= 1
        while hi < len(self.spans) - 1 and (hi not in self.to_clean or hi <= last):
            hi += 1
        if lo not in self.to_clean or hi not in self.to_clean:
            return "neutral"
        window_start, window_end = self.spans[lo][0], self.spans[hi][1]
        before = self.dirty[window_start:window_end]
        after = (
            self.dirty[window_start:start] + replacement + self.dirty[end:window_end]
            if window_start <= start and end <= window_end
            else before
        )
        truth = self.clean_tokens[self.to_clean[lo] : self.to_clean[hi] + 1]
        was = _distance(self.dirty_tokens[lo : hi + 1], truth)
        now = _distance([after[a:b] for a, b in _token_spans(self.score, after)], truth)
        if now < was:
            return "correct"
        if now > was:
            return "wrong"
        return "neutral"


def _tokens_by_line(text: str, spans: list[tuple[int, int]]) -> dict[int, list[int]]:
    by_line: dict[int, list[int]] = {}
    line, position = 0, 0
    for index, (start, _) in enumerate(spans):
        line += text.count("\n", position, start)
        position = start
        by_line.setdefault(line, []).append(index)
    return by_line


def _distance(a: list[str], b: list[str]) -> int:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(n for _, _, n in matcher.get_matching_blocks())
    return len(a) + len(b) - 2 * same


def run_pair(job: tuple[str, str, str, float, bool, bool]) -> dict:
    dirty_path, clean_path, rules, threshold, raw, want_records = job
    if raw:
        hyphen_calibration.disable()
    score = load_score()
    dirty = read_document(Path(dirty_path)).text
    clean = Path(clean_path).read_text("utf-8").replace("\r\n", "\n")
    options = ScanOptions(
        rules=HYPHEN_RULES if rules == "hyphens" else None, min_confidence=threshold
    )
    fixes = scan(dirty, options)
    cleaned = apply_fixes(dirty, fixes, initial_decisions(fixes, threshold))
    result = score.score_pair(dirty, clean, cleaned, 20)
    records = []
    if want_records:
        judge = Judge(score, dirty, clean)
        hyphen_judge = document_judge(ScanContext(dirty, options))
        for fix in fixes:
            if fix.category is not Category.HYPHEN:
                continue
            records.append(
                {
                    "file": Path(dirty_path).name[: -len(".dirty.txt")],
                    "rule": fix.rule,
                    "kind": fix_kind(fix.rule, fix.original, fix.replacement, hyphen_judge),
                    "confidence": fix.confidence,
                    "original": fix.original,
                    "replacement": fix.replacement,
                    "judged": judge.verdict(fix.start, fix.end, fix.replacement),
                }
            )
    return {
        "name": Path(dirty_path).name[: -len(".dirty.txt")],
        "score": result,
        "records": records,
    }


_HARD = "-\u2010\u2011\u00ac"


def fix_kind(rule: str, original: str, replacement: str, judge: HyphenJudge | None = None) -> str:
    """The calibration curve a hyphen fix belongs to (hyphen_calibration.FixKind's values).

    ``judge`` (the scan's, see rules.hyphens.document_judge) tells an inline join
    between two words ("night-cap") from one inside a word, as the engine does.
    """
    if rule == "soft-hyphen":
        return "soft"
    marks = sum(original.count(m) for m in _HARD)
    kept = sum(replacement.count(m) for m in _HARD)
    action = "join" if kept < marks else "keep"
    if rule == "line-break-hyphen":
        return f"{action}-line"
    spaced = any(f"{m} " in original or f"{m}\t" in original for m in _HARD)
    if spaced:
        return f"{action}-space"
    if judge is not None:
        sides = _HARD_SPLIT.split(original.strip(), maxsplit=1)
        if len(sides) == 2:
            return judge.join_kind(
                Gap.NONE, _edge_word(sides[0], -1), _edge_word(sides[1], 0)
            ).value
    return "join-inline"


_HARD_SPLIT = regex.compile(f"[{_HARD}]")
_WORDS = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def _edge_word(text: str, index: int) -> str:
    words = _WORDS.findall(text)
    return words[index] if words else text


def hyphen_row(results: dict[str, dict]) -> dict:
    artifacts = fixed = false = words = edits = all_fixed = 0
    for r in results.values():
        kind = r.get("by_kind", {}).get("hyphen", {"artifacts": 0, "fixed": 0, "false": 0})
        artifacts += kind["artifacts"]
        fixed += kind["fixed"]
        false += kind["false"]
        words += r["words"]
        edits += r["edits"]
        all_fixed += r["fixed"]
    return {
        "artifacts": artifacts,
        "fixed": fixed,
        "recall": fixed / artifacts if artifacts else 1.0,
        "false": false,
        "false_per_10k": 1e4 * false / max(1, words),
        "precision_all": min(1.0, all_fixed / edits) if edits else 1.0,
        "words": words,
    }


def reliability(records: list[dict], bins: int = 10) -> tuple[list[dict], float]:
    """Rows of (bin, fixes, share correct, mean confidence) and the expected calibration error."""
    rows = []
    error = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [
            r
            for r in records
            if lo <= r["confidence"] < hi or (b == bins - 1 and r["confidence"] == 1)
        ]
        if not inside:
            continue
        correct = sum(r["judged"] == "correct" for r in inside) / len(inside)
        mean = sum(r["confidence"] for r in inside) / len(inside)
        rows.append(
            {"bin": f"{lo:.1f}-{hi:.1f}", "fixes": len(inside), "correct": correct, "mean": mean}
        )
        error += len(inside) * abs(correct - mean)
    return rows, error / max(1, len(records))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, action="append", help="folder of pairs (repeatable)")
    parser.add_argument("--only", action="append", default=[], help="only names with this")
    parser.add_argument("--min-confidence", type=float, default=0.6)
    parser.add_argument("--rules", choices=("hyphens", "all"), default="all")
    parser.add_argument("--raw", action="store_true", help="switch the fitted calibration off")
    parser.add_argument("--records", type=Path, help="write per-fix judgements (JSON lines)")
    parser.add_argument("--show", type=int, default=0, help="print N missed/false hyphen examples")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--per-file", action="store_true")
    args = parser.parse_args(argv)
    if not SCORE.exists():
        print(f"bench: {SCORE} not found (the benchmark needs ../shared)", file=sys.stderr)
        return 2
    folders = args.dir or [SHARED / "corpus" / "bench"]
    jobs = []
    for folder in folders:
        for dirty in sorted(folder.glob("*.dirty.txt")):
            name = dirty.name[: -len(".dirty.txt")]
            if args.only and not any(o in name for o in args.only):
                continue
            clean = folder / f"{name}.clean.txt"
            jobs.append((str(dirty), str(clean), args.rules, args.min_confidence, args.raw, True))
    # Longest first, so two workers finish together.
    jobs.sort(key=lambda j: -Path(j[0]).stat().st_size)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = list(pool.map(run_pair, jobs))
    results = {o["name"]: o["score"] for o in outcomes}
    records = [r for o in outcomes for r in o["records"]]
    if args.records:
        with args.records.open("w", encoding="utf-8") as stream:
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    shown = 0
    for name in sorted(results):
        for example in results[name]["examples"]:
            text = example["clean"] + example["output_near"]
            if shown < args.show and any(m in text for m in "-\u00ad\u2010\u2011\u00ac"):
                print(
                    f"{name}: {example['kind']}: {example['clean']!r} | {example['output_near']!r}"
                )
                shown += 1
    if args.per_file:
        for name in sorted(results):
            row = hyphen_row({name: results[name]})
            print(
                f"{name[:44]:44} {row['artifacts']:6d} {row['recall']:7.4f} "
                f"{row['false']:4d} {row['false_per_10k']:6.2f} {row['precision_all']:6.4f}"
            )
    row = hyphen_row(results)
    print(
        f"hyphen: artifacts {row['artifacts']} recall {row['recall']:.4f} false {row['false']} "
        f"({row['false_per_10k']:.2f}/10k words) precision(all kinds) {row['precision_all']:.4f}"
    )
    rows, error = reliability(records)
    print(f"hyphen fixes {len(records)}: ECE {error:.4f}")
    for r in rows:
        flag = "" if r["fixes"] < 20 or abs(r["correct"] - r["mean"]) <= 0.10 else "  <-- off"
        print(
            f"  {r['bin']}  {r['fixes']:6d}  correct {r['correct']:.3f}  mean {r['mean']:.3f}{flag}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
