"""The command line under abuse: odd paths, files changing underfoot, interrupts.

Every case must end with one clear line on standard error, exit status 2, no
partial or temporary output, and the input untouched.
"""

import os
import signal
import subprocess
import sys
import time

import pytest

from editor import batch, cli
from editor.engine import safewrite, textfile
from tests.cli_support import DIRTY, POSIX, ROOT, assert_refused, files_in, run_mend


@POSIX
@pytest.mark.parametrize("command", ["clean", "check"])
def test_a_fifo_input_is_refused_without_hanging(work, command):
    fifo = work / "pipe.txt"
    os.mkfifo(fifo)
    result = run_mend(command, fifo, timeout=20)
    assert_refused(result.returncode, result.stderr, "not a regular file")
    assert files_in(work) == ["pipe.txt"]


@POSIX
@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
@pytest.mark.parametrize("command", ["clean", "check"])
def test_a_device_input_is_refused(device, command, work):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    result = run_mend(command, device, timeout=20)
    assert_refused(result.returncode, result.stderr, "not a regular file")


@POSIX
def test_a_fifo_in_a_batch_is_refused_before_anything_is_written(work, story):
    fifo = work / "pipe.txt"
    os.mkfifo(fifo)
    result = run_mend("clean", story, fifo, "-o", work / "out", timeout=20)
    assert_refused(result.returncode, result.stderr, "not a regular file")
    assert not (work / "out" / "story.txt").exists()
    assert story.read_text(encoding="utf-8") == DIRTY


@POSIX
def test_a_fifo_or_device_output_is_never_replaced(work, story):
    fifo = work / "out.txt"
    os.mkfifo(fifo)
    result = run_mend("clean", story, "-o", fifo, timeout=20)
    assert_refused(result.returncode, result.stderr, "not a regular file")
    assert fifo.is_fifo()
    assert files_in(work) == ["out.txt", "story.txt"]


@pytest.mark.parametrize(
    "make_output",
    [
        pytest.param(lambda story: story, id="same-path"),
        pytest.param(
            lambda story: story.parent / ".." / story.parent.name / story.name, id="dotdot"
        ),
        pytest.param(lambda story: story.parent, id="own-folder"),
    ],
)
def test_output_equal_to_the_input_without_in_place_is_refused(story, make_output, capsys):
    status = cli.main(["clean", str(story), "-o", str(make_output(story))])
    assert_refused(status, capsys.readouterr().err, "use --in-place")
    assert story.read_text(encoding="utf-8") == DIRTY
    assert files_in(story.parent) == ["story.txt"]


def test_an_output_that_is_another_input_of_the_batch_is_refused(story, capsys):
    second = story.parent / "story.cleaned.txt"
    second.write_text(DIRTY, encoding="utf-8")
    status = cli.main(["clean", str(story), str(second)])
    assert_refused(status, capsys.readouterr().err, "is also an input")
    assert second.read_text(encoding="utf-8") == DIRTY
    assert files_in(story.parent) == ["story.cleaned.txt", "story.txt"]


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_output_that_is_a_hard_link_to_the_input_is_refused(story, capsys):
    link = story.parent / "link.txt"
    os.link(story, link)
    status = cli.main(["clean", str(story), "-o", str(link)])
    assert_refused(status, capsys.readouterr().err, "use --in-place")
    assert story.read_text(encoding="utf-8") == DIRTY


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_output_that_is_a_symlink_to_the_input_is_refused(story, capsys):
    link = story.parent / "link.txt"
    link.symlink_to(story)
    status = cli.main(["clean", str(story), "-o", str(link)])
    assert_refused(status, capsys.readouterr().err, "use --in-place")
    assert story.read_text(encoding="utf-8") == DIRTY


def _scan_then(action):
    """A stand-in for the scan the command line runs that does ``action`` to the input after scanning it."""
    real_scan = batch.scan

    def scan(text, *args, **kwargs):
        fixes = real_scan(text, *args, **kwargs)
        action()
        return fixes

    return scan


@pytest.mark.parametrize("in_place", [False, True], ids=["copy", "in-place"])
def test_an_input_that_disappears_before_writing_is_refused(story, monkeypatch, capsys, in_place):
    monkeypatch.setattr(batch, "scan", _scan_then(story.unlink))
    args = ["clean", str(story), *(["--in-place"] if in_place else [])]
    status = cli.main(args)
    assert_refused(status, capsys.readouterr().err, "vanished")
    assert files_in(story.parent) == []


@pytest.mark.parametrize("in_place", [False, True], ids=["copy", "in-place"])
def test_an_input_changed_before_writing_is_refused_and_kept(story, monkeypatch, capsys, in_place):
    edited = "Someone else edited this file meanwhile.\n"
    monkeypatch.setattr(batch, "scan", _scan_then(lambda: story.write_text(edited, "utf-8")))
    args = ["clean", str(story), *(["--in-place"] if in_place else [])]
    status = cli.main(args)
    assert_refused(status, capsys.readouterr().err, "changed on disk")
    assert story.read_text(encoding="utf-8") == edited
    assert files_in(story.parent) == ["story.txt"]


def test_an_in_place_input_changed_at_the_last_moment_is_not_overwritten(
    story, monkeypatch, capsys
):
    """The change lands after the CLI's own check, right before the rename."""
    edited = "Edited at the very last moment.\n"
    real_chmod = os.chmod

    def chmod_then_edit(path, mode, *args, **kwargs):
        real_chmod(path, mode, *args, **kwargs)
        story.write_text(edited, encoding="utf-8")

    monkeypatch.setattr(textfile.os, "chmod", chmod_then_edit)
    status = cli.main(["clean", "--in-place", str(story)])
    assert_refused(status, capsys.readouterr().err, "changed on disk")
    assert story.read_text(encoding="utf-8") == edited
    assert files_in(story.parent) == ["story.txt"]


def test_an_unwritable_output_folder_is_refused(story, tmp_path, monkeypatch, capsys):
    out = tmp_path / "readonly"
    out.mkdir()

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # simulated: CI runs as root, and root writes into a chmod 555 folder anyway
    monkeypatch.setattr(safewrite.tempfile, "mkstemp", denied)
    status = cli.main(["clean", str(story), "-o", str(out / "story.txt")])
    assert_refused(status, capsys.readouterr().err, "not writable")
    assert files_in(out) == []
    assert story.read_text(encoding="utf-8") == DIRTY


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="root can write into a read-only folder; the simulated test covers it",
)
def test_a_read_only_output_folder_is_refused(story, tmp_path):
    out = tmp_path / "readonly"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run_mend("clean", story, "-o", out / "story.txt")
        assert_refused(result.returncode, result.stderr, "not writable")
        assert files_in(out) == []
    finally:
        out.chmod(0o755)


def test_a_failing_write_leaves_no_partial_output(story, monkeypatch, capsys):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(textfile.os, "fsync", full_disk)
    status = cli.main(["clean", str(story)])
    assert_refused(status, capsys.readouterr().err, "No space left")
    assert files_in(story.parent) == ["story.txt"]


def _big_inputs(folder, count, size):
    plain = "The river ran past the old mill, and the miller watched it every morning.\n" * 40
    chunk = plain + "The commit-\ntee announ-ced that the new rules take ef\u00adfect.\n"
    body = (chunk * (size // len(chunk) + 1))[:size]
    paths = []
    for number in range(count):
        path = folder / f"book{number}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths, body


@POSIX
def test_ctrl_c_mid_batch_stops_cleanly(work):
    inputs, body = _big_inputs(work, 4, 1_500_000)
    out = work / "out"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "clean", "--no-progress", *inputs, "-o", f"{out}/"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # interrupt once the first file is written, while the second is being cleaned
        deadline = time.monotonic() + 60
        while not (out / "book0.txt").exists() and proc.poll() is None:
            assert time.monotonic() < deadline, "the first file was never written"
            time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("mend: interrupted")
    for path in inputs:
        assert path.read_text(encoding="utf-8") == body
    written = files_in(out)
    assert not [name for name in written if name.endswith(".tmp")]
    assert "book3.txt" not in written
    expected = cli.apply_fixes(body, [f for f in batch.scan(body) if f.is_default_accepted()])
    for name in written:
        assert (out / name).read_text(encoding="utf-8") == expected, f"{name} is partial"


# Linux counts the memory of the process that forks a child into the child's peak RSS,
# so the child is started from a small launcher rather than from pytest itself.
LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def _peak_rss_of(args):
    """Peak resident memory (bytes) of ``python main.py ARGS`` run as a child process."""
    report = subprocess.run(
        [sys.executable, "-c", LAUNCHER, sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    status, maxrss = map(int, report.stdout.split())
    assert status == 0
    return maxrss * (1 if sys.platform == "darwin" else 1024)


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs wait4 to measure a child's memory")
@pytest.mark.timeout(120)
def test_memory_for_a_big_file_grows_under_15_times_its_size(work):
    """What a big file adds to the fixed cost (interpreter, lexicon) stays under 15x its size.

    bench/big_file.py measures the whole peak for 50 MB; this is its CI-sized cousin,
    with about one artifact per 300 characters as in real copied text.
    """
    small = work / "small.txt"
    small.write_text("A short text, in English, with one well-known word.\n", encoding="utf-8")
    prose = (
        "The river ran past the old mill, and the miller watched it every morning while "
        "the town woke up around him. He knew each stone of the weir and every eddy.\n"
    )
    paragraph = (
        prose
        + "The commit-\ntee announ-ced that the \u201cnew rules\u201d take ef\u00adfect.\n"
        + prose
        + "Officials said the\u201d threat \u201cis real; futu-re talks didn\u2018t stop.\n\n"
    )
    big = work / "big.txt"
    chars = 4 * 2**20
    big.write_text((paragraph * (chars // len(paragraph) + 1))[:chars], encoding="utf-8")
    baseline = _peak_rss_of(["check", "--no-progress", small])
    peak = _peak_rss_of(["check", "--no-progress", big])
    size = big.stat().st_size
    grown = peak - baseline
    assert grown < 15 * size, f"grew {grown / 2**20:.0f} MB for a {size / 2**20:.1f} MB file"
