import os
import subprocess
import sys

import pytest

from editor.engine import safewrite
from editor.engine.errors import OutputError
from editor.engine.safewrite import PathSnapshot, sweep_stale_temporaries, write_atomic

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX pids and names")


def _dead_pid():
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(proc.stdout)


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "out"
    path.mkdir()
    return path


@POSIX
def test_only_our_temporaries_whose_writer_is_gone_are_swept(folder):
    dead = _dead_pid()
    stale = folder / f".a.txt.mend-{dead}-abcd_123.tmp"
    live = folder / f".b.txt.mend-{os.getpid()}-abcd_123.tmp"
    other = folder / f".c.txt.other-{dead}-abcd_123.tmp"
    for path in (stale, live, other):
        path.write_bytes(b"x")
    notes = sweep_stale_temporaries(folder)
    assert [n.endswith("left by an interrupted run") for n in notes] == [True]
    assert not stale.exists()
    assert live.exists()
    assert other.exists()
    stale.write_bytes(b"x")
    assert sweep_stale_temporaries(folder) == []  # once per folder and process


@POSIX
@pytest.mark.parametrize("name", ["é" * 125 + ".txt", "n" * 251 + ".txt"])
def test_a_name_at_the_file_system_limit_gets_a_temporary_that_fits(folder, name):
    target = folder / name
    assert len(os.fsencode(target.name)) <= 255
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in folder.iterdir()) == [name]


def test_a_snapshot_notices_a_file_put_where_nothing_was(folder):
    target = folder / "out.txt"
    checked = PathSnapshot.of(target)
    target.write_bytes(b"someone else's")
    with pytest.raises(OutputError, match="changed after it was checked"):
        write_atomic(target, b"ours", unchanged_since=checked)
    assert target.read_bytes() == b"someone else's"


def test_a_file_system_without_hard_links_still_gets_new_files(folder, monkeypatch):

    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(safewrite.os, "link", no_links)
    write_atomic(folder / "new.txt", b"data")
    assert (folder / "new.txt").read_bytes() == b"data"
    assert sorted(p.name for p in folder.iterdir()) == ["new.txt"]
