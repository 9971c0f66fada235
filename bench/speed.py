"""Speed the way users feel it: Mend's commands beside a bare dictionary join, in one run.

Every figure is a separate process, start-up and word-list load included, timed
from outside, and each Mend run is paired with a run of the baseline
(bench/spellcheck_join.py: join a hyphenated word when pyspellchecker knows the
joined word) on the same file in the same repeat, so a loaded machine slows both.
Medians over ``--repeat`` rounds; the ratios are what the targets of issue 13 are
about:

- ``check --json`` on the 1 MB expectations file: baseline time / Mend time >= 1.0
- ``clean`` on 50 MB of bench text: baseline time / Mend time >= 0.5, peak memory <= 8x the file
- one 5 MB line against 5 MB of normal text (``clean``): time ratio <= 1.5
- a batch of 20 x 1 MB (``clean -o DIR``): --jobs 1 time / all-cores time >= 1.8 on 2 cores
- a corpus folder cleaned on an embedded Dask LocalCluster (only with ``mend[cluster]``)

The batch ratio needs idle cores: Linux shares the CPU between sessions
(autogroups), not processes, so on a machine busy with other sessions a second
worker gets no extra CPU and the ratio tends to 1.0 whatever the pool does.

Mend's own modules are byte-compiled first, as a wheel install does, so start-up
is not charged for compiling sources the user never compiles.

    python bench/speed.py [--repeat 3] [--mb 50] [--only check,clean,line,batch,corpus]
                          [--against OTHER-CHECKOUT]

With ``--against``, check and clean also run from another checkout (say main's)
in every round, right after this tree's runs, so before/after is measured under
the same load.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.big_file import run_measured  # noqa: E402 - after the path set-up

# $MEND_SHARED, or ../shared beside the main checkout, or beside the folder of worktrees
SHARED = next(
    (
        p
        for p in (
            Path(os.environ.get("MEND_SHARED", ROOT.parent / "shared")),
            ROOT.parent.parent / "shared",
        )
        if p.is_dir()
    ),
    ROOT.parent / "shared",
)
BENCH = SHARED / "corpus" / "bench"
ONE_MB = BENCH / "expectations.mixed.dirty.txt"
BASELINE = ROOT / "bench" / "spellcheck_join.py"
SECTIONS = ("check", "clean", "line", "batch", "corpus")
BATCH_FILES = 20
TIMEOUT = 900.0

TARGETS = {
    "check": ("baseline/mend", ">=", 1.0),
    "clean": ("baseline/mend", ">=", 0.5),
    "line": ("line/normal", "<=", 1.5),
    "batch": ("jobs1/all", ">=", 1.8),
}


#: another checkout (``--against``) whose check and clean run beside ours in every round
AGAINST: Path | None = None


def mend(*args: str, root: Path = ROOT) -> list[str]:
    return [sys.executable, str(root / "main.py"), *args]


def baseline(source: Path, target: Path) -> list[str]:
    return [sys.executable, str(BASELINE), str(source), str(target)]


def cut_at_line(data: bytes, size: int) -> bytes:
    """The first ``size`` bytes of ``data``, shortened to end at a line end."""
    piece = data[:size]
    return piece[: piece.rfind(b"\n") + 1]


def seed_text() -> bytes:
    """The bench corpus's dirty texts, one after another: what the big files are made of."""
    files = sorted(BENCH.glob("*.dirty.txt"))
    if not files:
        raise SystemExit(f"bench: no texts in {BENCH} (the speed bench needs ../shared)")
    return b"\n\n".join(p.read_bytes() for p in files)


def build_files(folder: Path, mb: float) -> dict[str, Path]:
    seed = seed_text()
    big_size = int(mb * 2**20)
    big = cut_at_line(seed * (big_size // len(seed) + 1), big_size)
    five = 5 * 2**20
    normal = cut_at_line(big, five)
    files = {
        "one-mb": ONE_MB,
        "big": big,
        "normal-5mb": normal,
        "line-5mb": normal.replace(b"\n", b" "),
    }
    paths: dict[str, Path] = {}
    for name, data in files.items():
        path = folder / f"{name}.txt"
        if isinstance(data, Path):
            shutil.copyfile(data, path)
        else:
            path.write_bytes(data)
        paths[name] = path
    batch = folder / "batch"
    batch.mkdir()
    step = max(1, (len(big) - 2**20) // BATCH_FILES)
    for number in range(BATCH_FILES):
        start = big.find(b"\n", number * step) + 1
        (batch / f"part-{number:02d}.txt").write_bytes(cut_at_line(big[start:], 2**20))
    return paths


def timed(args: list[str], folder: Path, label: str) -> tuple[float, int]:
    seconds, peak, status = run_measured(args, folder / f"{label}.stdout", TIMEOUT)
    if status != 0:
        raise SystemExit(f"bench: {label} failed with status {status}: {' '.join(args)}")
    return seconds, peak


def one_round(folder: Path, paths: dict[str, Path], sections: set[str]) -> dict[str, float]:
    """One repeat of every chosen measurement; seconds and peak bytes by name."""
    out = folder / "out"
    got: dict[str, float] = {}
    if "check" in sections:
        got["check.mend"], _ = timed(
            mend("check", "--json", "--no-progress", str(paths["one-mb"])), folder, "check"
        )
        got["check.base"], _ = timed(
            baseline(paths["one-mb"], out / "one.base.txt"), folder, "check-base"
        )
        if AGAINST is not None:
            got["check.against"], _ = timed(
                mend("check", "--json", "--no-progress", str(paths["one-mb"]), root=AGAINST),
                folder,
                "check-against",
            )
    if "clean" in sections:
        seconds, peak = timed(
            mend("clean", "--no-progress", str(paths["big"]), "-o", str(out / "big.txt")),
            folder,
            "clean",
        )
        got["clean.mend"], got["clean.peak"] = seconds, peak
        got["clean.base"], _ = timed(
            baseline(paths["big"], out / "big.base.txt"), folder, "clean-base"
        )
        if AGAINST is not None:
            got["clean.against"], got["clean.against-peak"] = timed(
                mend(
                    "clean",
                    "--no-progress",
                    str(paths["big"]),
                    "-o",
                    str(out / "big.against.txt"),
                    root=AGAINST,
                ),
                folder,
                "clean-against",
            )
    if "line" in sections:
        for name in ("line-5mb", "normal-5mb"):
            got[f"line.{name}"], _ = timed(
                mend("clean", "--no-progress", str(paths[name]), "-o", str(out / f"{name}.txt")),
                folder,
                name,
            )
    if "batch" in sections:
        parts = sorted(str(p) for p in (folder / "batch").iterdir())
        for jobs in ("1", str(os.cpu_count() or 1)):
            target = out / f"batch-{jobs}"
            shutil.rmtree(target, ignore_errors=True)
            got[f"batch.jobs{jobs}"], _ = timed(
                mend("clean", "--no-progress", "--jobs", jobs, *parts, "-o", str(target)),
                folder,
                f"batch-{jobs}",
            )
    if "corpus" in sections:
        target = out / "corpus"
        shutil.rmtree(target, ignore_errors=True)
        got["corpus.mend"], _ = timed(
            mend("clean", "--cluster", "--no-progress", str(folder / "batch"), "-o", str(target)),
            folder,
            "corpus",
        )
    return got


def report(rounds: list[dict[str, float]], paths: dict[str, Path]) -> None:
    def median(key: str) -> float:
        return statistics.median(r[key] for r in rounds)

    def ratio_line(section: str, value: float, detail: str) -> None:
        name, relation, target = TARGETS[section]
        met = value >= target if relation == ">=" else value <= target
        print(
            f"{section:7} {name:14} {value:6.2f}  target {relation} {target:<4}"
            f" {'met' if met else 'MISSED':6}  {detail}"
        )

    keys = rounds[0]
    print(f"medians of {len(rounds)} rounds ({os.cpu_count()} cores)")
    if "check.mend" in keys:
        m, b = median("check.mend"), median("check.base")
        ratio_line("check", b / m, f"mend check --json 1 MB {m:.2f} s, baseline {b:.2f} s")
    if "clean.mend" in keys:
        m, b = median("clean.mend"), median("clean.base")
        size = paths["big"].stat().st_size
        peak = median("clean.peak")
        ratio_line(
            "clean",
            b / m,
            f"mend clean {size / 2**20:.0f} MB {m:.2f} s, baseline {b:.2f} s; "
            f"peak {peak / 2**20:.0f} MB = {peak / size:.1f}x the file (target <= 8)",
        )
    for section in ("check", "clean"):
        if f"{section}.against" in keys:
            ours, theirs = median(f"{section}.mend"), median(f"{section}.against")
            their_peak = (
                f"; peak {median('clean.against-peak') / 2**20:.0f} MB"
                if section == "clean"
                else ""
            )
            print(
                f"{section:7} against {AGAINST}: {theirs:.2f} s, this tree {ours:.2f} s "
                f"({theirs / ours:.2f}x){their_peak}"
            )
    if "line.line-5mb" in keys:
        line, normal = median("line.line-5mb"), median("line.normal-5mb")
        ratio_line("line", line / normal, f"one 5 MB line {line:.2f} s, 5 MB text {normal:.2f} s")
    jobs = [k for k in keys if k.startswith("batch.jobs") and k != "batch.jobs1"]
    if "batch.jobs1" in keys and jobs:
        one, many = median("batch.jobs1"), median(jobs[0])
        ratio_line(
            "batch",
            one / many,
            f"{BATCH_FILES} x 1 MB: --jobs 1 {one:.2f} s, --jobs {jobs[0][10:]} {many:.2f} s",
        )
    if "corpus.mend" in keys:
        seconds = median("corpus.mend")
        print(
            f"corpus  LocalCluster: {BATCH_FILES} x 1 MB in {seconds:.2f} s "
            f"({BATCH_FILES / seconds:.1f} documents/s, cluster start-up included)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported")
    parser.add_argument("--mb", type=float, default=50, help="size of the big file")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--keep", type=Path, help="build the files here and keep them")
    parser.add_argument(
        "--against", type=Path, metavar="TREE", help="also time check and clean from this checkout"
    )
    args = parser.parse_args(argv)
    global AGAINST  # one bench run, one checkout to compare with
    AGAINST = args.against.resolve() if args.against else None
    sections = {s.strip() for s in args.only.split(",") if s.strip()}
    if unknown := sections - set(SECTIONS):
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    if "corpus" in sections and importlib.util.find_spec("distributed") is None:
        print("bench: no corpus run (install 'mend[cluster]')", file=sys.stderr)
        sections.discard("corpus")
    compileall.compile_dir(ROOT / "editor", quiet=1)
    if AGAINST is not None:
        compileall.compile_dir(AGAINST / "editor", quiet=1)
    with tempfile.TemporaryDirectory(prefix="mend-speed-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths = build_files(folder, args.mb)
        (folder / "out").mkdir(exist_ok=True)
        rounds = []
        for number in range(args.repeat):
            got = one_round(folder, paths, sections)
            print(
                f"round {number + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in got.items()),
                file=sys.stderr,
            )
            rounds.append(got)
        report(rounds, paths)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
