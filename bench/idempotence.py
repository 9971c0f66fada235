"""Idempotence: after cleaning at min_confidence X, a new scan proposes nothing at or above X.

For every NAME.dirty.txt of the folders and every threshold, the text is
scanned and cleaned at X (what ``mend clean --min-confidence X`` does), the
output is scanned again at X, and the fixes it proposes at or above X are
counted per rule family.

    python bench/idempotence.py [--dir FOLDER ...] [--at 0 --at 0.6 ...] [--rules quote] [--show N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from calibration import DEFAULT_DIRS  # noqa: E402 - after the path set-up

from editor.engine import (  # noqa: E402
    ScanOptions,
    apply_fixes,
    initial_decisions,
    read_document,
    scan,
)

DEFAULT_LEVELS = (0.0, 0.3, 0.6, 0.9)


def second_pass(text: str, options: ScanOptions) -> list:
    """The fixes at or above the threshold that a scan of the cleaned ``text`` proposes."""
    x = options.min_confidence
    fixes = scan(text, options)
    cleaned = apply_fixes(text, fixes, initial_decisions(fixes, x))
    return [(f, cleaned) for f in scan(cleaned, options) if f.confidence >= x]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, action="append")
    parser.add_argument("--at", type=float, action="append", help="threshold (repeatable)")
    parser.add_argument("--rules", action="append", help="rules or categories to run")
    parser.add_argument("--show", type=int, default=0, help="print N leftover fixes")
    args = parser.parse_args(argv)
    folders = args.dir or list(DEFAULT_DIRS)
    levels = args.at or list(DEFAULT_LEVELS)
    rules = frozenset(args.rules) if args.rules else None
    if not all(f.is_dir() for f in folders):
        print("idempotence: a folder is missing (the check needs ../shared)", file=sys.stderr)
        return 2
    shown = 0
    failing = 0
    for x in levels:
        totals: Counter[str] = Counter()
        texts = 0
        for folder in folders:
            for path in sorted(folder.glob("*.dirty.txt")):
                text = read_document(path).text
                options = ScanOptions(
                    min_confidence=x,
                    rules=None if rules is None else _expand(rules),
                )
                left = second_pass(text, options)
                texts += 1
                if left:
                    failing += 1
                for fix, cleaned in left:
                    totals[fix.category.value] += 1
                    if shown < args.show:
                        shown += 1
                        near = cleaned[max(0, fix.start - 30) : fix.end + 30]
                        print(
                            f"  {path.name} at {x}: {fix.original!r} -> {fix.replacement!r} "
                            f"{fix.confidence} in {near!r}"
                        )
        summary = ", ".join(f"{k} {v}" for k, v in sorted(totals.items())) or "none"
        print(f"min_confidence {x}: {texts} texts; fixes left at or above it: {summary}")
    return 1 if failing else 0


def _expand(selection: frozenset[str]) -> frozenset[str]:
    from editor.engine.rules import enabled_rule_names

    return enabled_rule_names(selection)


if __name__ == "__main__":
    raise SystemExit(main())
