"""Benchmark the layout repair: unwrapped lines, line-end hyphens, and what unwrapping costs.

Cleans with the default decisions (what ``mend clean`` applies) and scores:

- ../shared/corpus/typeset/bench (real PDF extractions): words and hyphens with
  cleanbench/score.py against NAME.clean.txt, line breaks with score_layout.py
  against NAME.reflow.txt;
- ../shared/corpus/bench: line breaks of the pdf and mixed pairs against NAME.clean.txt
  (one paragraph per line), paragraph ends removed from the news pairs, and the
  hyphen and quote scores of every pair;
- the scan time of expectations.mixed.dirty.txt with the default rules as a ratio
  to ``--rules default,-layout``, measured side by side in this run.

    python bench/layout.py [--show N] [--only TEXT] [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.engine import (  # noqa: E402 - after the path set-up for a source checkout
    ScanOptions,
    apply_fixes,
    enabled_rule_names,
    initial_decisions,
    read_document,
    scan,
)

# ../shared beside the checkout (or beside the folder of worktrees holding it)
if TYPE_CHECKING:
    from types import ModuleType

SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared",
)
TYPESET = SHARED / "corpus" / "typeset" / "bench"
BENCH = SHARED / "corpus" / "bench"
SPEED_FILE = BENCH / "expectations.mixed.dirty.txt"
# Timed runs per rule set; the fastest counts (the machine is shared).
_TIMED_RUNS = 3


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SHARED / "cleanbench" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clean(path: Path, rules: str | None = None) -> tuple[str, str]:
    """The file's text and its cleaned text with the default decisions."""
    document = read_document(path)
    selection = enabled_rule_names(rules.split(",")) if rules else None
    fixes = scan(document.text, ScanOptions(rules=selection))
    return document.text, apply_fixes(document.text, fixes, initial_decisions(fixes))


def _pairs(folder: Path, only: str) -> list[str]:
    names = [p.name[: -len(".dirty.txt")] for p in sorted(folder.glob("*.dirty.txt"))]
    return [n for n in names if only in n]


def typeset_scores(only: str, show: int) -> dict[str, object]:
    score, layout = _load("score"), _load("score_layout")
    words: dict[str, dict] = {}
    breaks: dict[str, dict] = {}
    for name in _pairs(TYPESET, only):
        dirty, cleaned = clean(TYPESET / f"{name}.dirty.txt")
        truth = (TYPESET / f"{name}.clean.txt").read_text("utf-8")
        reflow = (TYPESET / f"{name}.reflow.txt").read_text("utf-8")
        words[name] = score.score_pair(dirty, truth, cleaned, show)
        breaks[name] = layout.score_pair(dirty, reflow, cleaned)
    word_total = score.total(words)
    examples = [e for r in words.values() for e in r["examples"]][:show]
    return {
        "pairs": len(words),
        "hyphen": word_total["by_kind"].get("hyphen", {}),
        "all_false_per_10k_words": word_total["false_per_10k_words"],
        "words_recall": word_total["recall"],
        "line_breaks": layout.total(breaks),
        "examples": examples,
    }


def bench_scores(only: str) -> dict[str, object]:
    score, layout = _load("score"), _load("score_layout")
    words: dict[str, dict] = {}
    wrapped: dict[str, dict] = {}
    news: dict[str, dict] = {}
    for name in _pairs(BENCH, only):
        dirty, cleaned = clean(BENCH / f"{name}.dirty.txt")
        truth = (BENCH / f"{name}.clean.txt").read_text("utf-8")
        words[name] = score.score_pair(dirty, truth, cleaned)
        if ".pdf" in name or ".mixed" in name:
            wrapped[name] = layout.score_pair(dirty, truth, cleaned)
        elif ".news" in name:
            news[name] = layout.score_pair(dirty, truth, cleaned)
    total = score.total(words)
    return {
        "hyphen": total["by_kind"].get("hyphen", {}),
        "quote": total["by_kind"].get("quote", {}),
        "pdf_mixed_line_breaks": layout.total(wrapped) if wrapped else {},
        "pdf_mixed_files": wrapped,
        "news_paragraph_ends_removed": sum(r["wrong"] for r in news.values()),
        "news_breaks_added": sum(r["added"] for r in news.values()),
    }


def speed() -> dict[str, float]:
    text = read_document(SPEED_FILE).text
    best: dict[str, float] = {}
    for _ in range(_TIMED_RUNS):
        for label, rules in (("without_layout", "default,-layout"), ("default", None)):
            selection = enabled_rule_names(rules.split(",")) if rules else None
            started = time.perf_counter()
            scan(text, ScanOptions(rules=selection))
            elapsed = time.perf_counter() - started
            best[label] = min(best.get(label, elapsed), elapsed)
    best["ratio"] = best["default"] / best["without_layout"]
    return best


def _line(label: str, r: dict) -> str:
    return (
        f"  {label:34} needed {r['needed']:6d} joined {r['joined']:6d} wrong {r['wrong']:4d} "
        f"added {r['added']:4d}  recall {r['recall']:.4f}  precision {r['precision']:.4f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print N missed/false examples")
    parser.add_argument("--only", default="", help="only pairs whose name holds TEXT")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing")
    args = parser.parse_args(argv)
    typeset = typeset_scores(args.only, args.show)
    bench = bench_scores(args.only)
    timing = {} if args.no_speed else speed()
    if args.json:
        print(json.dumps({"typeset": typeset, "bench": bench, "speed": timing}, indent=1))
        return 0
    hyphen = typeset["hyphen"]
    assert isinstance(hyphen, dict)
    print(f"typeset ({typeset['pairs']} pairs; targets: hyphen recall >= 0.99 at <= 0.5 false/10k")
    print("  words; line breaks recall >= 0.99 at precision >= 0.995)")
    print(
        f"  hyphen recall {hyphen.get('recall', 1.0):.4f}  false changes (all kinds) "
        f"{typeset['all_false_per_10k_words']:.2f} per 10k words"
    )
    print(_line("line breaks vs reflow", typeset["line_breaks"]))  # type: ignore[arg-type]
    for example in typeset["examples"]:  # type: ignore[attr-defined]
        print(f"    {example['kind']}: {example['clean']!r} -> {example['output_near']!r}")
    print("bench (targets: pdf/mixed line breaks as above; news: no paragraph end removed;")
    print("  hyphen >= 0.989 at <= 0.5)")
    if bench["pdf_mixed_line_breaks"]:
        print(_line("pdf + mixed line breaks", bench["pdf_mixed_line_breaks"]))  # type: ignore[arg-type]
        for name, result in bench["pdf_mixed_files"].items():  # type: ignore[attr-defined]
            print(_line(f"  {name}", result))
    print(
        f"  news: paragraph ends removed {bench['news_paragraph_ends_removed']}, "
        f"breaks added {bench['news_breaks_added']}"
    )
    for kind in ("hyphen", "quote"):
        scores = bench[kind]
        assert isinstance(scores, dict)
        if scores:
            print(
                f"  {kind} recall {scores['recall']:.4f} at "
                f"{scores['false_per_10k_words']:.2f} false per 10k words"
            )
    if timing:
        print(
            f"speed on {SPEED_FILE.name}: default {timing['default']:.2f} s, "
            f"default,-layout {timing['without_layout']:.2f} s, ratio {timing['ratio']:.3f} "
            "(target <= 1.10)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
