from __future__ import annotations

import threading
from pathlib import Path

import pytest

from editor.engine.model import Decision
from editor.engine.scan import scan
from editor.ui import workers
from editor.ui.recovery import fingerprint
from editor.ui.workers import ScanDispatcher, ScanRequest

from .wrapped_texts import PARAGRAPH

TEXT = "an­nounced don‘t"  # a soft hyphen and a turned apostrophe


def test_scan_runs_in_background_and_reports(qtbot):
    dispatcher = ScanDispatcher()
    with qtbot.waitSignal(dispatcher.scan_finished, timeout=10000) as blocker:
        dispatcher.start(ScanRequest(text=TEXT))
    result = blocker.args[0]
    assert [f.rule for f in result.fixes] == ["soft-hyphen", "turned-apostrophe"]
    assert result.cleaned == "announced don’t"
    assert result.decisions == [Decision.ACCEPTED, Decision.ACCEPTED]


def test_file_is_read_and_decoded_in_the_worker(qtbot, tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes("don‘t\r\n".encode("cp1252"))
    dispatcher = ScanDispatcher()
    with qtbot.waitSignal(dispatcher.scan_finished, timeout=10000) as blocker:
        dispatcher.start(ScanRequest(source=path))
    result = blocker.args[0]
    assert (result.text, result.layout.newline, result.source) == ("don‘t\n", "\r\n", path)


def test_unreadable_file_is_reported(qtbot, tmp_path):
    dispatcher = ScanDispatcher()
    with qtbot.waitSignal(dispatcher.scan_failed, timeout=10000) as blocker:
        dispatcher.start(ScanRequest(source=tmp_path / "missing.txt"))
    assert "no such file" in blocker.args[0]


def test_superseded_scan_is_dropped(qtbot, monkeypatch):
    queued = []
    monkeypatch.setattr(workers, "run_in_pool", queued.append)
    dispatcher = ScanDispatcher()
    dispatcher.start(ScanRequest(text="old­text"))
    dispatcher.start(ScanRequest(text="new  ­text"))

    with qtbot.assertNotEmitted(dispatcher.scan_finished, wait=100):
        queued[0].run()  # the stale job finishes late, past its last cancel check
    with qtbot.waitSignal(dispatcher.scan_finished) as blocker:
        queued[1].run()
    assert blocker.args[0].fixes[0].start == 5


def test_cancel_stops_a_running_scan_and_drops_its_result(qtbot, monkeypatch):
    started, release = threading.Event(), threading.Event()

    def slow_scan(text, options, *, is_cancelled, progress):
        started.set()
        release.wait(5)
        if is_cancelled():
            raise workers.ScanCancelled
        return scan(text)

    monkeypatch.setattr(workers, "scan", slow_scan)
    dispatcher = ScanDispatcher()
    dispatcher.start(ScanRequest(text=TEXT))
    assert started.wait(5)
    with qtbot.waitSignal(dispatcher.scan_cancelled):
        dispatcher.cancel()
    assert not dispatcher.is_running
    with qtbot.assertNotEmitted(dispatcher.scan_finished, wait=200):
        release.set()


def test_failure_is_reported_not_swallowed(qtbot, monkeypatch):
    def boom(text, options, *, is_cancelled, progress):
        raise RuntimeError("detector crashed")

    monkeypatch.setattr(workers, "scan", boom)
    dispatcher = ScanDispatcher()
    with qtbot.waitSignal(dispatcher.scan_failed, timeout=5000) as blocker:
        dispatcher.start(ScanRequest(text="x"))
    assert "detector crashed" in blocker.args[0]


def test_progress_is_reported_for_the_current_job(qtbot, monkeypatch):
    def reporting_scan(text, options, *, is_cancelled, progress):
        progress(0.5)
        return []

    monkeypatch.setattr(workers, "PROGRESS_INTERVAL_S", 0.0)
    monkeypatch.setattr(workers, "scan", reporting_scan)
    dispatcher = ScanDispatcher()
    with qtbot.waitSignal(
        dispatcher.progress_changed, check_params_cb=lambda stage, fraction: fraction == 0.5
    ):
        dispatcher.start(ScanRequest(text="x"))


@pytest.mark.parametrize("pasted", ["a\r\nb", "a\rb"])
def test_pasted_text_gets_normalised_line_breaks(qtbot, pasted):
    dispatcher = ScanDispatcher()
    with qtbot.waitSignal(dispatcher.scan_finished, timeout=10000) as blocker:
        dispatcher.start(ScanRequest(text=pasted))
    assert blocker.args[0].text == "a\nb"


def test_big_texts_are_scanned_in_a_child_process(qtbot, monkeypatch):
    monkeypatch.setattr(workers, "PROCESS_THRESHOLD_CHARS", 0)
    monkeypatch.setattr(workers, "scan", lambda *args, **kwargs: pytest.fail("scanned in-thread"))
    dispatcher = ScanDispatcher()
    with qtbot.waitSignal(dispatcher.scan_finished, timeout=30000) as blocker:
        dispatcher.start(ScanRequest(text=TEXT))
    result = blocker.args[0]
    assert [(f.rule, f.original) for f in result.fixes] == [
        ("soft-hyphen", "\u00ad"),
        ("turned-apostrophe", "‘"),
    ]


@pytest.fixture
def started(monkeypatch):
    """Scans go to child processes, which are collected here as they start."""
    monkeypatch.setattr(workers, "PROCESS_THRESHOLD_CHARS", 0)
    processes = []
    real_popen = workers.subprocess.Popen

    def popen(*args, **kwargs):
        process = real_popen(*args, **kwargs)
        processes.append(process)
        return process

    monkeypatch.setattr(workers.subprocess, "Popen", popen)
    return processes


def test_cancel_kills_the_child_process(qtbot, started):
    dispatcher = ScanDispatcher()
    dispatcher.start(ScanRequest(text=TEXT * 20000))
    qtbot.waitUntil(lambda: bool(started), timeout=10000)
    with qtbot.assertNotEmitted(dispatcher.scan_finished, wait=500):
        dispatcher.cancel()
    assert started[0].wait(10) is not None


def test_big_files_are_read_and_scanned_in_a_child_process(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "in.txt"
    data = "don‘t an\u00adnounced\r\n".encode("cp1252")
    path.write_bytes(data)
    monkeypatch.setattr(workers, "PROCESS_THRESHOLD_CHARS", 0)
    monkeypatch.setattr(workers, "read_document", lambda *a: pytest.fail("read in-thread"))
    monkeypatch.setattr(workers, "scan", lambda *args, **kwargs: pytest.fail("scanned in-thread"))
    dispatcher = ScanDispatcher()
    with qtbot.waitSignal(dispatcher.scan_finished, timeout=30000) as blocker:
        dispatcher.start(ScanRequest(source=path))
    result = blocker.args[0]
    assert (result.text, result.layout.encoding, result.layout.newline) == (
        "don‘t an\u00adnounced\n",
        "cp1252",
        "\r\n",
    )
    assert result.fingerprint == fingerprint(data)
    assert result.stamp.size == len(data)
    assert [f.rule for f in result.fixes] == ["turned-apostrophe", "soft-hyphen"]
    assert result.cleaned == "don’t announced\n"


def test_unreadable_big_file_is_reported_from_the_child_process(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(b"\x00\x01\x02binary")
    monkeypatch.setattr(workers, "PROCESS_THRESHOLD_CHARS", 0)
    dispatcher = ScanDispatcher()
    with qtbot.waitSignal(dispatcher.scan_failed, timeout=30000) as blocker:
        dispatcher.start(ScanRequest(source=path))
    assert "binary" in blocker.args[0]


def _live_members(group: int) -> list[int]:
    """Processes of ``group`` that still run (zombies have stopped: their state is Z)."""
    live = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pgid = fields[0], int(fields[2])
        if pgid == group and state != "Z":
            live.append(int(entry.name))
    return live


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_cancel_also_ends_the_helper_the_child_forks_for_big_texts(qtbot, started):
    dispatcher = ScanDispatcher()
    dispatcher.start(ScanRequest(text=TEXT * 100000))  # big enough for a parallel scan
    qtbot.waitUntil(lambda: bool(started), timeout=10000)
    group = started[0].pid
    qtbot.waitUntil(lambda: len(_live_members(group)) == 2, timeout=10000)
    dispatcher.cancel()
    started[0].wait(10)
    # every process of the group the scan started is gone, the forked helper included
    qtbot.waitUntil(lambda: not _live_members(group), timeout=10000)


def test_a_paragraphs_pieces_are_found_in_the_worker(qtbot):
    dispatcher = ScanDispatcher()
    with qtbot.waitSignal(dispatcher.scan_finished, timeout=10000) as blocker:
        dispatcher.start(ScanRequest(text=PARAGRAPH))
    result = blocker.args[0]
    assert result.pieces
    first = min(result.pieces)
    assert result.fixes[first].rule == "unwrap-lines"
    assert len(result.pieces[first]) > 1
    assert len({result.decisions[i] for i in result.pieces[first]}) == 1
