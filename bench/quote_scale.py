"""Scale of quote repair: a long line dense with broken quotes, and very many short lines.

Two measurements (issue 9, item 7), each in a fresh child process:

- time: scanning one single line of SIZE bytes dense with misplaced quote marks,
  against SIZE bytes of ordinary quoted prose in paragraphs, measured in the
  same run; the target is a ratio of at most 2;
- memory: scanning and cleaning LINES short lines; the peak resident memory of
  the child against the text's size; the target is at most 10x.

    python bench/quote_scale.py [--mb 5] [--lines 10000000]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "the group had no plans to close plant said minister government would respond "
    "threat alliance border people state year time report quoted officials"
).split()

TARGET_TIME_RATIO = 2.0
TARGET_MEMORY_RATIO = 10.0


def _sentence(rng: random.Random, broken: bool) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 12))]
    a, b = sorted(rng.sample(range(1, len(words) - 1), 2))
    if broken:
        # the pair pushed outward (X” Y Z “W), as PDF extraction leaves it
        words[a - 1] += "”"
        words[b] = "“" + words[b]
    else:
        words[a] = "“" + words[a]
        words[b - 1] += "”"
    return " ".join(words).capitalize() + "."


def dense_line(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        sentence = _sentence(rng, broken=True)
        parts.append(sentence)
        total += len(sentence.encode()) + 1
    return " ".join(parts)


def normal_prose(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        lines = [" ".join(_sentence(rng, broken=False) for _ in range(2)) for _ in range(4)]
        paragraph = "\n".join(lines)
        paragraphs.append(paragraph)
        total += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs)


def short_lines(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(f"{rng.choice(WORDS)} {rng.randint(0, 99)}\n" for _ in range(count))


def _child(kind: str, amount: int) -> None:
    """Run in a fresh process: read the text, scan (and clean) it, print seconds and peak.

    The text is written to a file by another process first and read here as ``mend``
    reads it, so the peak is the engine's, not that of building the text.
    """
    from editor.engine import ScanOptions, apply_fixes, initial_decisions, read_document, scan

    scan("warm up the word lists", ScanOptions(language="en"))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    text = read_document(Path(kind)).text
    size = Path(kind).stat().st_size
    started = time.perf_counter()
    fixes = scan(text, ScanOptions(language="en"))
    cleaned = apply_fixes(text, fixes, initial_decisions(fixes))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"{size} {seconds} {peak} {base} {len(fixes)} {len(cleaned)}")


def measure(kind: str, amount: int) -> tuple[int, float, int, int, int]:
    make = {"dense": dense_line, "normal": normal_prose, "lines": short_lines}[kind]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{kind}.txt"
        path.write_text(make(amount), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(path), "0"],
            capture_output=True,
            text=True,
            check=True,
        )
    size, seconds, peak, base, fixes, _ = result.stdout.split()
    return int(size), float(seconds), int(peak), int(base), int(fixes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the long line, MB")
    parser.add_argument("--lines", type=int, default=10_000_000, help="number of short lines")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return 0
    size = int(args.mb * 1e6)
    if size:
        d_size, d_sec, _, _, d_fixes = measure("dense", size)
        n_size, n_sec, _, _, n_fixes = measure("normal", size)
        ratio = (d_sec / d_size) / max(n_sec / n_size, 1e-12)
        print(
            f"dense line: {d_size / 1e6:.2f} MB in {d_sec:.2f} s ({d_fixes} fixes); normal prose: "
            f"{n_size / 1e6:.2f} MB in {n_sec:.2f} s ({n_fixes} fixes); time per byte ratio "
            f"{ratio:.2f} (target <= {TARGET_TIME_RATIO})"
        )
    if args.lines:
        l_size, l_sec, peak, base, _ = measure("lines", args.lines)
        print(
            f"{args.lines} short lines: {l_size / 1e6:.1f} MB in {l_sec:.1f} s, peak memory "
            f"{peak / 1e6:.0f} MB ({(peak - base) / 1e6:.0f} MB above the engine's start) = "
            f"{peak / l_size:.1f}x the text (target <= {TARGET_MEMORY_RATIO}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
