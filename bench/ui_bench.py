"""Benchmark of the review app (offscreen): open+scan, per-decision update, event-loop stalls.

Usage: python bench/ui_bench.py [--corpus DIR] [--quick]

(a) open and scan a 1 MB file until it is ready to review (target < 2 s);
(b) per-decision update of both panes on a 5 MB document (target < 50 ms), plus a bulk action;
(c) the longest event-loop stall while a 20 MB file is read, scanned and loaded (target < 100 ms),
    measured by a QTimer ticking every 10 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.engine.model import Decision  # noqa: E402
from editor.ui.app import create_application  # noqa: E402
from editor.ui.mainwindow import MainWindow  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bench"
MB = 1024 * 1024


def build_text(corpus: Path, size: int) -> str:
    """Concatenate the corpus' dirty texts (repeating them) up to ``size`` characters."""
    parts = sorted(corpus.glob("*.dirty.txt"))
    if not parts:
        sample = (ROOT / "resources" / "samples" / "sample.txt").read_text(encoding="utf-8")
        texts = [sample]
    else:
        texts = [p.read_text(encoding="utf-8") for p in parts]
    out: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            out.append(text)
            total += len(text)
            if total >= size:
                break
    return "".join(out)[:size]


class StallMeter:
    """A 10 ms timer; the longest gap between its ticks is the longest event-loop stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.worst = 0.0

    def start(self) -> None:
        self.worst = 0.0
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        gap = self.clock.restart() / 1000
        self.worst = max(self.worst, gap)

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


def open_and_wait(window: MainWindow, path: Path, meter: StallMeter | None = None) -> float:
    loop = QEventLoop()
    window.review_ready.connect(loop.quit)
    QTimer.singleShot(600_000, loop.quit)
    if meter:
        meter.start()
    start = time.perf_counter()
    window.open_file(path)
    loop.exec()
    elapsed = time.perf_counter() - start
    window.review_ready.disconnect(loop.quit)
    return elapsed


def make_window(tmp: Path) -> MainWindow:
    store = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, None, tmp / "dictionary.txt")
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    return window


def close(window: MainWindow) -> None:
    if window.session is not None:
        window.session.undo_stack.setClean()
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def measure_open(tmp: Path, name: str, text: str) -> tuple[float, float, int]:
    """Open ``text`` saved as ``name`` in a new window: seconds to ready, worst stall, fixes."""
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    window = make_window(tmp)
    meter = StallMeter()
    elapsed = open_and_wait(window, path, meter)
    worst = meter.stop()
    fixes = len(window.session) if window.session else 0
    close(window)
    return elapsed, worst, fixes


def bench_open(tmp: Path, corpus: Path) -> None:
    elapsed, worst, fixes = measure_open(tmp, "one-mb.txt", build_text(corpus, MB))
    print(
        f"(a) open+scan 1 MB ({fixes} fixes): ready in {elapsed:.2f} s (target < 2 s); "
        f"longest stall {worst * 1000:.0f} ms"
    )


def bench_decisions(tmp: Path, corpus: Path, rounds: int) -> None:
    path = tmp / "five-mb.txt"
    path.write_text(build_text(corpus, 5 * MB), encoding="utf-8")
    window = make_window(tmp)
    meter = StallMeter()
    elapsed = open_and_wait(window, path, meter)
    worst = meter.stop()
    session = window.session
    assert session is not None
    review = window.review
    print(
        f"    open+scan 5 MB ({len(session)} fixes): ready in {elapsed:.2f} s; "
        f"longest stall {worst * 1000:.0f} ms"
    )
    step = max(1, len(session) // rounds)
    times: list[float] = []
    for index in range(0, len(session), step)[:rounds]:
        review.select(index)
        QApplication.processEvents()
        start = time.perf_counter()
        review.toggle_current()  # one decision: both panes and the list update
        QApplication.processEvents()  # includes the repaint
        times.append(time.perf_counter() - start)
    times.sort()
    print(
        f"(b) one decision on 5 MB: median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1] * 1000:.1f} ms, "
        f"max {times[-1] * 1000:.1f} ms over {len(times)} decisions (target < 50 ms)"
    )
    start = time.perf_counter()
    for decision in (Decision.REJECTED, Decision.ACCEPTED):
        session.decide_above(0.0, decision)
        QApplication.processEvents()
    bulk = (time.perf_counter() - start) / 2
    print(f"    bulk decision on all {len(session)} fixes: {bulk * 1000:.0f} ms each")
    start = time.perf_counter()
    session.undo_stack.undo()
    QApplication.processEvents()
    print(f"    undo of that bulk step: {(time.perf_counter() - start) * 1000:.0f} ms")
    # toRawText keeps no-break spaces (toPlainText turns them into spaces)
    right = review.diff.right.document().toRawText().replace("\u2029", "\n")
    cleaned = session.cleaned_text().replace("\u2029", "\n")
    print(f"    right pane equals the cleaned text: {right == cleaned}")
    close(window)


def bench_stall(tmp: Path, corpus: Path, size_mb: int) -> None:
    elapsed, worst, fixes = measure_open(tmp, "big.txt", build_text(corpus, size_mb * MB))
    print(
        f"(c) {size_mb} MB read+scan+load ({fixes} fixes) in {elapsed:.1f} s: "
        f"longest event-loop stall {worst * 1000:.0f} ms (target < 100 ms)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer rounds")
    parser.add_argument("--big", type=int, default=20, help="size in MB for (c)")
    args = parser.parse_args()
    create_application(["mend-bench"])
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        bench_open(tmp, args.corpus)
        bench_decisions(tmp, args.corpus, 20 if args.quick else 100)
        bench_stall(tmp, args.corpus, 5 if args.quick else args.big)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
