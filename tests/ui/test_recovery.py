"""Recovery journal: appended off the GUI thread, last line wins, cut or corrupt files ignored."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from editor.ui import recovery
from editor.ui.recovery import JournalWriter, RecoveryStore, default_recovery_folder, fingerprint

DECISIONS = {(3, 5, ""): "accepted", (10, 11, "\u201c"): "rejected", (40, 48, "Mend"): "pending"}
ENTRIES = [(key, value, None) for key, value in DECISIONS.items()]
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


@pytest.fixture
def writer(qtbot, store):
    journal = JournalWriter(store)
    yield journal
    journal.stop()


def written(writer, source):
    assert writer.flush()
    return writer.store.load(source, PRINT)


def test_round_trip(writer, source):
    writer.start(source, PRINT)
    writer.record(ENTRIES)
    assert written(writer, source).decisions == DECISIONS


def test_a_decision_reaches_the_file_without_a_flush(qtbot, writer, source):
    writer.start(source, PRINT)
    writer.record(ENTRIES[:1])
    qtbot.waitUntil(lambda: writer.store.load(source, PRINT) is not None, timeout=5000)
    assert writer.store.load(source, PRINT).decisions == dict([ENTRIES[0][:2]])


def test_the_last_line_about_a_fix_wins(writer, source):
    writer.start(source, PRINT)
    writer.record([((3, 5, ""), "accepted", None)])
    writer.record([((3, 5, ""), "rejected", None)])  # an undo appends the old value
    assert written(writer, source).decisions == {(3, 5, ""): "rejected"}


def test_custom_replacements_round_trip(writer, source):
    writer.start(source, PRINT)
    writer.record([((3, 5, ""), "custom", "x y")])
    found = written(writer, source)
    assert (found.decisions, found.custom) == ({(3, 5, ""): "accepted"}, {(3, 5, ""): "x y"})


def test_a_plain_decision_after_a_custom_one_drops_it(writer, source):
    writer.start(source, PRINT)
    writer.record([((3, 5, ""), "custom", "x")])
    writer.record([((3, 5, ""), "rejected", None)])
    assert written(writer, source).custom == {}


def test_position_and_kept_marker(writer, source):
    writer.start(source, PRINT)
    writer.record(ENTRIES)
    writer.record_position((10, 11, "\u201c"))
    writer.mark_kept()
    found = written(writer, source)
    assert (found.position, found.kept, len(found)) == ((10, 11, "\u201c"), True, 3)
    assert found.written is not None


def test_nothing_is_written_before_the_first_entry(writer, source):
    writer.start(source, PRINT)
    assert writer.flush()
    assert not writer.store.has_recovery(source)


def test_a_new_review_replaces_the_old_journal(writer, source):
    writer.start(source, PRINT)
    writer.record(ENTRIES)
    writer.flush()
    writer.start(source, PRINT)
    writer.record([((0, 1, "x"), "accepted", None)])
    assert written(writer, source).decisions == {(0, 1, "x"): "accepted"}


def test_discard_deletes_the_journal(writer, source):
    writer.start(source, PRINT)
    writer.record(ENTRIES)
    writer.discard()
    assert writer.flush()
    assert not writer.store.has_recovery(source)


def test_changed_file_gives_none(writer, source):
    writer.start(source, PRINT)
    writer.record(ENTRIES)
    writer.flush()
    assert writer.store.load(source, fingerprint(b"The source text, edited")) is None


def test_nothing_stored_gives_none(store, source):
    assert store.load(source, PRINT) is None


def test_relative_and_absolute_paths_share_a_file(writer, source, monkeypatch):
    monkeypatch.chdir(source.parent)
    writer.start(Path(source.name), PRINT)
    writer.record(ENTRIES)
    assert written(writer, source).decisions == DECISIONS


def test_a_line_cut_by_a_crash_ends_the_journal_there(writer, source):
    writer.start(source, PRINT)
    writer.record(ENTRIES)
    writer.flush()
    with open(writer.store.path_for(source), "a", encoding="utf-8") as handle:
        handle.write('[40, 48, "Mend", "acc')
    assert written(writer, source).decisions == DECISIONS


def test_nonsense_lines_are_skipped(writer, source):
    writer.start(source, PRINT)
    writer.record(ENTRIES[:1])
    writer.flush()
    with open(writer.store.path_for(source), "a", encoding="utf-8") as handle:
        for row in ([5, 3, "", "accepted"], ["3", 5, "", "accepted"], [1, 2, "", "maybe"], {}):
            handle.write(json.dumps(row) + "\n")
    assert written(writer, source).decisions == dict([ENTRIES[0][:2]])


def header(**changes):
    payload = {"version": 2, "source": None, "fingerprint": PRINT, "started": "2026"}
    payload.update(changes)
    return json.dumps(payload).encode() + b"\n"


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"\xff\xfe\x00", b"[]\n", b"null\n", header(version=99), b'{"version": 2}'],
)
def test_corrupt_header_is_ignored(store, source, content):
    store.folder.mkdir(parents=True)
    store.path_for(source).write_bytes(content)
    assert store.load(source, PRINT) is None


def test_journal_of_another_source_is_ignored(store, source, tmp_path):
    store.folder.mkdir(parents=True)
    store.path_for(source).write_bytes(header(source=str(tmp_path / "other.txt")))
    assert store.load(source, PRINT) is None


def test_unreadable_journal_is_ignored(store, source):
    store.path_for(source).mkdir(parents=True)  # reading a folder fails with an OSError
    assert store.load(source, PRINT) is None


def test_the_journal_is_compacted_when_it_grows(writer, source, monkeypatch):
    monkeypatch.setattr(recovery, "_COMPACT_FLOOR", 10)
    writer.start(source, PRINT)
    for round_ in range(50):
        writer.record([((3, 5, ""), "accepted" if round_ % 2 else "rejected", None)])
        writer.flush()
    lines = writer.store.path_for(source).read_text(encoding="utf-8").splitlines()
    assert len(lines) < 20
    assert written(writer, source).decisions == {(3, 5, ""): "accepted"}


def test_write_error_is_reported_not_raised(qtbot, tmp_path, source):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    journal = JournalWriter(RecoveryStore(blocker / "recovery"))
    with qtbot.waitSignal(journal.write_failed, timeout=10000) as blocker_signal:
        journal.start(source, PRINT)
        journal.record(ENTRIES)
    journal.stop()
    assert "recovery" in blocker_signal.args[0]


def test_recording_hands_over_without_writing_in_the_caller(writer, source, monkeypatch):
    """The GUI thread only queues: the file is written by the journal's own thread."""
    import threading

    threads = set()
    original = recovery._JournalThread._write

    def spy(self, lines):
        threads.add(threading.current_thread().name)
        return original(self, lines)

    monkeypatch.setattr(recovery._JournalThread, "_write", spy)
    writer.start(source, PRINT)
    writer.record(ENTRIES)
    writer.flush()
    assert threads == {"mend-recovery-journal"}
