"""A batch on a pool of workers writes what one process writes, in the same order."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from editor import batch, cli
from editor.engine import InputError, ScanOptions, apply_fixes, read_document, scan

ROOT = Path(__file__).resolve().parent.parent

PARAGRAPH = (
    "The commit-\ntee announ-ced on Monday that the \u201cnew rules\u201d would take ef\u00adfect\n"
    "in spring. Officials, however, said the\u201d Russian threat \u201cis still real,\n"
    "and that futu-re talks didn\u2018t depend on it. A well-known expert disagreed.\n\n"
)


def _texts(count: int) -> list[str]:
    # each file differs, so a result delivered to the wrong file would show
    return [f"Chapter {n}.\n\n" + PARAGRAPH * (n + 1) for n in range(count)]


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for number, text in enumerate(_texts(6)):
        path = folder / f"part-{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _clean(paths, out, jobs, capsys):
    status = cli.main(
        ["clean", "--no-progress", "--jobs", str(jobs), *map(str, paths), "-o", str(out)]
    )
    return status, capsys.readouterr().err.replace(str(out), "OUT")


def test_a_pool_writes_what_one_process_writes(inputs, tmp_path, capsys):
    one = _clean(inputs, tmp_path / "one", 1, capsys)
    pool = _clean(inputs, tmp_path / "pool", 3, capsys)
    assert one == pool
    assert one[0] == 0
    assert one[1].count("\n") == len(inputs)
    for path in inputs:
        assert (tmp_path / "one" / path.name).read_bytes() == (
            tmp_path / "pool" / path.name
        ).read_bytes()
        assert (tmp_path / "pool" / path.name).read_bytes() != path.read_bytes()


def test_check_json_from_a_pool_is_the_same_document(inputs, capsys):
    outputs = []
    for jobs in ("1", "2"):
        assert cli.main(["check", "--json", "--jobs", jobs, *map(str, inputs)]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert outputs[0].count('"path"') == len(inputs)


def test_a_folder_keeps_its_layout_in_the_output_folder(inputs, tmp_path, capsys):
    sub = inputs[0].parent / "sub"
    sub.mkdir()
    (sub / "deep.txt").write_text(PARAGRAPH, encoding="utf-8")
    (inputs[0].parent / ".hidden.txt").write_text(PARAGRAPH, encoding="utf-8")
    (inputs[0].parent / "picture.png").write_bytes(b"\x89PNG")
    status, _ = _clean([inputs[0].parent], tmp_path / "out", 2, capsys)
    assert status == 0
    written = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.txt")
    )
    assert written == sorted([p.name for p in inputs] + ["sub/deep.txt"])


def test_a_folder_without_an_output_folder_is_refused(inputs, capsys):
    assert cli.main(["clean", str(inputs[0].parent)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert not list(inputs[0].parent.glob("*.cleaned.txt"))


def test_an_unreadable_file_stops_the_batch_where_one_process_would(inputs, tmp_path, capsys):
    inputs[3].write_bytes(b"\x00\x01\x02\xff" * 100)
    status, err = _clean(inputs, tmp_path / "out", 2, capsys)
    assert status == 2
    assert "binary" in err.splitlines()[-1]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in inputs[:3]]


def test_the_pool_yields_in_input_order_and_stops_its_workers_when_left(inputs):
    options = ScanOptions()
    results = batch.scan_files(inputs, options, 2)
    document, fixes = next(results)
    expected = read_document(inputs[0])
    assert document.text == expected.text
    assert fixes == scan(expected.text, options)
    results.close()  # what Ctrl+C does: the workers are ended, nothing else comes
    assert not multiprocessing.active_children()


def test_a_missing_file_raises_its_own_error_in_turn(inputs):
    inputs[1].unlink()
    results = batch.scan_files(inputs, ScanOptions(), 2)
    next(results)
    with pytest.raises(InputError, match="no such file"):
        next(results)
    results.close()


def test_ctrl_c_leaves_finished_files_complete_and_writes_no_other(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for number in range(16):
        path = folder / f"part-{number:02d}.txt"
        path.write_text(f"Part {number}.\n\n" + PARAGRAPH * 300, encoding="utf-8")
        paths.append(path)
    out = tmp_path / "out"
    command = [sys.executable, str(ROOT / "main.py"), "clean", "--no-progress", "--jobs", "2"]
    process = subprocess.Popen(
        [*command, *map(str, paths), "-o", str(out)], stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    first = process.stderr.readline()
    assert "->" in first
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    assert process.wait(timeout=60) == 2
    assert rest.strip().endswith("nothing else was changed")
    assert "Traceback" not in rest
    written = sorted(out.iterdir())
    assert 1 <= len(written) < len(paths)
    for target in written:
        document = read_document(folder / target.name)
        assert target.read_text(encoding="utf-8") == apply_fixes(
            document.text, [f for f in scan(document.text) if f.is_default_accepted()]
        )


def _die(path):
    os._exit(1)  # a worker killed mid-file (out of memory, kill -9)


def test_a_worker_that_dies_ends_the_batch_with_one_clear_error(inputs, monkeypatch):
    monkeypatch.setattr(batch, "_scan_in_worker", _die)
    results = batch.scan_files(inputs, ScanOptions(), 2)
    with pytest.raises(batch.WorkerDied, match="worker process died"):
        next(results)
    results.close()
    assert not multiprocessing.active_children()
