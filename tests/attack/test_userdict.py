"""The attack's user-dictionary cases (issue 9): the dictionary is data the user owns.

Each test is the regression test of one listed failure: a bad byte or an unreadable
file silently emptied it (and the next save kept only the new word), comments and
upper-case lines were dropped, a FIFO hung, /dev/zero gave a MemoryError, a word with
a newline injected a line.
"""

import os
from pathlib import Path

import pytest

from editor import cli
from editor.engine import InputError, OutputError, UserDictionary, safewrite
from editor.engine import textfile as textfile_module
from tests.cli_support import POSIX, assert_refused, run_mend

USERS_FILE = (
    b"# my words, kept for years\n"
    b"\n"
    b"keep e-mail\r\n"
    b"KEEP co-op\n"
    b"keep caf\xe9-bar\n"  # Latin-1, not UTF-8
    b"frobnicate x-y\n"
    b"join na-to"  # no final newline
)


@pytest.fixture
def words(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_bytes(USERS_FILE)
    return path


def error_lines(err):
    assert "Traceback" not in err
    return [line for line in err.splitlines() if line.startswith("mend: ")]


def test_a_non_utf8_line_is_reported_with_file_and_line_and_the_rest_is_used(words):
    dictionary = UserDictionary.load(words)
    assert dictionary.problems == [
        f"{words}:5: not UTF-8 text; line ignored (kept as it is in the file)"
    ]
    assert dictionary.keep == {"e-mail", "co-op"}
    assert dictionary.join == {"na-to"}


def test_the_cli_reports_each_bad_line_once_on_standard_error(words):
    result = run_mend("dict", "list", "--dictionary", words)
    assert result.returncode == 0
    assert error_lines(result.stderr) == [
        f"mend: {words}:5: not UTF-8 text; line ignored (kept as it is in the file)"
    ]
    assert result.stdout.splitlines() == ["keep co-op", "keep e-mail", "join na-to"]


def test_saving_keeps_every_line_the_user_wrote_byte_for_byte(words):
    result = run_mend("dict", "keep", "well-known", "--dictionary", words)
    assert result.returncode == 0, result.stderr
    assert words.read_bytes() == USERS_FILE + b"\nkeep well-known\n"


def test_forgetting_removes_only_that_entry_including_an_upper_case_line(words):
    assert run_mend("dict", "forget", "co-op", "--dictionary", words).returncode == 0
    assert words.read_bytes() == USERS_FILE.replace(b"KEEP co-op\n", b"") + b"\n"
    assert run_mend("dict", "join", "e-mail", "--dictionary", words).returncode == 0
    assert b"keep e-mail" not in words.read_bytes()
    assert words.read_bytes().endswith(b"join e-mail\n")
    assert b"keep caf\xe9-bar\n" in words.read_bytes()


def test_an_unreadable_dictionary_is_reported_and_never_rewritten(
    words, monkeypatch, capsys, tmp_path
):
    real_open = os.open

    def denied(path, *args, **kwargs):
        if Path(os.fsdecode(path)) == words:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    # simulated: root reads a chmod 000 file anyway
    monkeypatch.setattr(textfile_module.os, "open", denied)
    dictionary = UserDictionary.load(words)
    assert dictionary.unreadable is not None
    assert dictionary.problems
    status = cli.main(["dict", "keep", "new-word", "--dictionary", str(words)])
    assert_refused(status, capsys.readouterr().err, "permission denied")
    story = tmp_path / "story.txt"
    story.write_text("A plain line.\n", encoding="utf-8")
    status = cli.main(["check", str(story), "--dictionary", str(words)])
    assert_refused(status, capsys.readouterr().err, "permission denied")
    monkeypatch.undo()
    assert words.read_bytes() == USERS_FILE
    with pytest.raises(OutputError, match="not rewritten"):
        dictionary.save(words)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="simulates another user's file as root"
)
def test_saving_keeps_the_owner_and_permissions(words):
    os.chown(words, 4321, 4321)
    words.chmod(0o640)
    assert run_mend("dict", "keep", "well-known", "--dictionary", words).returncode == 0
    status = words.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (4321, 4321, 0o640)


def test_a_failed_save_leaves_the_file_as_it_was(words, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safewrite.os, "fsync", full_disk)
    dictionary = UserDictionary.load(words)
    dictionary.add_keep("well-known")
    with pytest.raises(OutputError, match="No space left"):
        dictionary.save(words)
    assert words.read_bytes() == USERS_FILE
    assert sorted(p.name for p in words.parent.iterdir()) == ["dictionary.txt", "home"]


def test_a_dictionary_changed_since_it_was_loaded_is_not_overwritten(words):
    dictionary = UserDictionary.load(words)
    words.write_bytes(USERS_FILE + b"\nkeep added-elsewhere\n")
    dictionary.add_keep("well-known")
    with pytest.raises(OutputError, match="changed on disk"):
        dictionary.save(words)
    assert words.read_bytes().endswith(b"keep added-elsewhere\n")


@POSIX
@pytest.mark.parametrize("command", [["dict", "keep", "x-y"], ["dict", "list"], ["check"]])
def test_a_fifo_dictionary_is_refused_without_hanging(tmp_path, command):
    fifo = tmp_path / "dictionary.txt"
    os.mkfifo(fifo)
    story = tmp_path / "story.txt"
    story.write_text("A plain line.\n", encoding="utf-8")
    extra = [story] if command == ["check"] else []
    result = run_mend(*command, *extra, "--dictionary", fifo)
    assert_refused(result.returncode, result.stderr, "not a regular file")
    assert fifo.is_fifo()


@pytest.mark.parametrize("kind", ["folder", "device"])
def test_a_folder_or_device_dictionary_is_refused(tmp_path, kind):
    if kind == "device" and not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    path = tmp_path if kind == "folder" else Path("/dev/zero")
    result = run_mend("dict", "list", "--dictionary", path)
    assert_refused(
        result.returncode, result.stderr, "is a folder" if kind == "folder" else "not a regular"
    )
    assert "MemoryError" not in result.stderr


def test_a_huge_dictionary_is_refused_in_one_line(tmp_path):
    huge = tmp_path / "dictionary.txt"
    with huge.open("wb") as handle:
        handle.truncate(64 * 2**20)  # sparse: costs no disk
    result = run_mend("dict", "list", "--dictionary", huge)
    assert_refused(result.returncode, result.stderr, "too big")


@pytest.mark.parametrize("word", ["a\njoin b", "x-y\rkeep z", "tab\tbed", "nul\x00-x", "a\u2028b"])
def test_a_word_with_a_line_break_or_control_character_is_refused(words, word, capsys):
    with pytest.raises(InputError, match="not a word"):
        UserDictionary().add_keep(word)
    status = cli.main(["dict", "keep", word, "--dictionary", str(words)])
    assert_refused(status, capsys.readouterr().err, "not a word")
    assert words.read_bytes() == USERS_FILE


def test_a_new_dictionary_file_gets_a_header_and_its_folder(tmp_path):
    path = tmp_path / "new" / "dictionary.txt"
    assert run_mend("dict", "keep", "e-mail", "--dictionary", path).returncode == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "keep e-mail"
    assert all(line.startswith("#") for line in lines[:-1])
