"""Recovery files: round trip, fingerprint check, corrupt files ignored, debounced writer."""

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from editor.engine import OutputError
from editor.ui.recovery import (
    RecoveryStore,
    RecoveryWriter,
    default_recovery_folder,
    fingerprint,
)

DECISIONS = {(3, 5, ""): "accepted", (10, 11, "\u201c"): "rejected", (40, 48, "Mend"): "pending"}
PRINT = fingerprint(b"The source text")


@pytest.fixture
def store(tmp_path):
    return RecoveryStore(tmp_path / "data" / "recovery")


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "book.txt"
    path.write_bytes(b"The source text")
    return path


def test_fingerprint_is_sha256_hex():
    assert fingerprint(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_fingerprint_differs_for_different_bytes():
    assert fingerprint(b"announ-ced") != fingerprint(b"announced")


def test_default_folder_is_named_recovery_in_user_data(qapp, tmp_path):
    assert default_recovery_folder().name == "recovery"
    assert default_recovery_folder().is_relative_to(tmp_path / "home")


@pytest.fixture
def named_app(qapp):
    """The app named as ui/app.py names it, restored afterwards."""
    old = (QCoreApplication.organizationName(), QCoreApplication.applicationName())
    QCoreApplication.setOrganizationName("Mend")
    QCoreApplication.setApplicationName("Mend")
    yield qapp
    QCoreApplication.setOrganizationName(old[0])
    QCoreApplication.setApplicationName(old[1])


def test_default_folder_uses_the_app_name_once_set(named_app, tmp_path):
    folder = default_recovery_folder()
    assert folder.is_relative_to(tmp_path / "home")
    assert folder.parent.name == "Mend"


def test_round_trip(store, source):
    store.save(source, PRINT, DECISIONS)
    assert store.load(source, PRINT) == DECISIONS


def test_empty_decisions_round_trip(store, source):
    store.save(source, PRINT, {})
    assert store.load(source, PRINT) == {}


def test_save_creates_the_folder(store, source):
    store.save(source, PRINT, DECISIONS)
    assert store.folder.is_dir()


def test_nothing_stored_gives_none(store, source):
    assert store.load(source, PRINT) is None


def test_changed_file_gives_none(store, source):
    store.save(source, PRINT, DECISIONS)
    assert store.load(source, fingerprint(b"The source text, edited")) is None


def test_second_save_replaces_the_first(store, source):
    store.save(source, PRINT, DECISIONS)
    store.save(source, PRINT, {(0, 1, "x"): "accepted"})
    assert store.load(source, PRINT) == {(0, 1, "x"): "accepted"}


def test_each_source_has_its_own_file(store, source, tmp_path):
    other = tmp_path / "other.txt"
    store.save(source, PRINT, DECISIONS)
    store.save(other, PRINT, {})
    assert (store.load(source, PRINT), store.load(other, PRINT)) == (DECISIONS, {})


def test_relative_and_absolute_paths_share_a_file(store, source, monkeypatch):
    monkeypatch.chdir(source.parent)
    store.save(Path(source.name), PRINT, DECISIONS)
    assert store.load(source, PRINT) == DECISIONS


def test_no_temporary_files_are_left(store, source):
    store.save(source, PRINT, DECISIONS)
    assert os.listdir(store.folder) == [store.path_for(source).name]


def bad_payload(**changes):
    payload = {
        "version": 1,
        "source": None,
        "fingerprint": PRINT,
        "saved": "2026-01-01T00:00:00+00:00",
        "decisions": [[3, 5, "", "accepted"]],
    }
    payload.update(changes)
    return payload


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00",
        b"[]",
        b"null",
        json.dumps(bad_payload(version=99)).encode(),
        json.dumps(bad_payload(decisions=[[3, 5, "", "maybe"]])).encode(),
        json.dumps(bad_payload(decisions=[[5, 3, "", "accepted"]])).encode(),
        json.dumps(bad_payload(decisions=[["3", 5, "", "accepted"]])).encode(),
        json.dumps(bad_payload(decisions=[[3, 5, ""]])).encode(),
        json.dumps(bad_payload(decisions="all")).encode(),
        json.dumps({"version": 1}).encode(),
    ],
)
def test_corrupt_file_is_ignored(store, source, content):
    store.save(source, PRINT, DECISIONS)
    store.path_for(source).write_bytes(content)
    assert store.load(source, PRINT) is None


def test_file_of_another_source_is_ignored(store, source, tmp_path):
    store.save(tmp_path / "other.txt", PRINT, DECISIONS)
    store.path_for(tmp_path / "other.txt").rename(store.path_for(source))
    assert store.load(source, PRINT) is None


def test_unreadable_file_is_ignored(store, source):
    store.save(source, PRINT, DECISIONS)
    target = store.path_for(source)
    target.unlink()
    target.mkdir()  # reading a folder fails with an OSError other than "not found"
    assert store.load(source, PRINT) is None


def test_discard_removes_the_recovery(store, source):
    store.save(source, PRINT, DECISIONS)
    store.discard(source)
    assert not store.has_recovery(source)


def test_discard_without_recovery_is_harmless(store, source):
    store.discard(source)
    assert not store.has_recovery(source)


def test_has_recovery_after_save(store, source):
    store.save(source, PRINT, DECISIONS)
    assert store.has_recovery(source)


def test_unwritable_folder_raises_output_error(tmp_path, source):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(OutputError):
        RecoveryStore(blocker / "recovery").save(source, PRINT, DECISIONS)


class CountingStore(RecoveryStore):
    def __init__(self, folder):
        super().__init__(folder)
        self.saves = []

    def save(self, source, fingerprint, decisions):
        self.saves.append(dict(decisions))
        super().save(source, fingerprint, decisions)


@pytest.fixture
def counting(tmp_path):
    return CountingStore(tmp_path / "recovery")


def test_several_schedules_save_once_with_the_latest_state(qtbot, counting, source):
    decisions = {}
    writer = RecoveryWriter(counting, lambda: (source, PRINT, decisions), delay_ms=20)
    for start in range(5):
        decisions[start, start + 1, ""] = "accepted"
        writer.schedule()
    qtbot.waitUntil(lambda: len(counting.saves) > 0)
    assert (counting.saves, writer.pending) == ([decisions], False)


def test_schedule_after_a_save_saves_again(qtbot, counting, source):
    writer = RecoveryWriter(counting, lambda: (source, PRINT, DECISIONS), delay_ms=10)
    writer.schedule()
    qtbot.waitUntil(lambda: len(counting.saves) == 1)
    writer.schedule()
    qtbot.waitUntil(lambda: len(counting.saves) == 2)


def test_scheduled_save_writes_the_file(qtbot, store, source):
    writer = RecoveryWriter(store, lambda: (source, PRINT, DECISIONS), delay_ms=10)
    writer.schedule()
    qtbot.waitUntil(lambda: store.load(source, PRINT) == DECISIONS)


def test_flush_saves_a_pending_save_now(counting, source):
    writer = RecoveryWriter(counting, lambda: (source, PRINT, DECISIONS), delay_ms=60_000)
    writer.schedule()
    writer.flush()
    assert (counting.saves, writer.pending) == ([DECISIONS], False)


def test_flush_without_pending_save_writes_nothing(counting, source):
    writer = RecoveryWriter(counting, lambda: (source, PRINT, DECISIONS))
    writer.flush()
    assert counting.saves == []


def test_cancel_drops_a_pending_save(counting, source):
    writer = RecoveryWriter(counting, lambda: (source, PRINT, DECISIONS), delay_ms=60_000)
    writer.schedule()
    writer.cancel()
    writer.flush()
    assert counting.saves == []


def test_provider_returning_none_saves_nothing(counting):
    writer = RecoveryWriter(counting, lambda: None, delay_ms=60_000)
    writer.schedule()
    writer.flush()
    assert counting.saves == []


def test_write_error_is_reported_not_raised(qtbot, tmp_path, source):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    writer = RecoveryWriter(RecoveryStore(blocker / "recovery"), lambda: (source, PRINT, {}), 10)
    with qtbot.waitSignal(writer.save_failed, timeout=5000) as blocker_signal:
        writer.schedule()
    assert "recovery" in blocker_signal.args[0]
