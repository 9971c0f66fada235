"""The attack's output cases (issue 9): writes where they should not, standard output,
temporary files left by kill -9, --in-place, Ctrl+C and the scan's helper process.

Each test is the regression test of one listed failure; it fails on the code the attack
found.  Waits are bounded waits on a condition, never fixed sleeps.
"""

import contextlib
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor import batch, cli
from editor.engine import safewrite
from editor.engine.errors import OutputError
from editor.engine.model import Category, Fix
from editor.engine.scan import PARALLEL_MIN_CHARS
from editor.engine.shards import ForkedTask
from tests.cli_support import CLEAN, DIRTY, POSIX, ROOT, WAIT, assert_refused, run_mend

LINUX_PROC = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
AS_ROOT = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="simulates another user's file as root"
)
TEMP_NAME = re.compile(r"\A\..*\.mend-(\d+)-[a-z0-9_]{8}\.tmp\Z", re.DOTALL)


def run_bytes(*args, **kwargs):
    """main.py with its output as bytes: these tests check the exact bytes written."""
    return run_mend(*args, text=False, **kwargs)


def wait_until(condition, what, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.01)


def temporaries(folder):
    return sorted(p.name for p in folder.iterdir() if TEMP_NAME.match(p.name))


# -- writes where it should not ---------------------------------------------------------


@POSIX
@AS_ROOT
def test_a_link_planted_at_the_output_name_never_writes_its_target(story, tmp_path):
    """Another user plants NAME.cleaned.EXT -> a root-only file in a shared folder."""
    secret = tmp_path / "secret"
    secret.write_bytes(b"root only\n")
    secret.chmod(0o600)
    planted = story.parent / "story.cleaned.txt"
    planted.symlink_to(secret)
    os.lchown(planted, 4321, 4321)
    before = secret.stat()
    result = run_bytes("clean", story)
    assert_refused(result.returncode, result.stderr, "symbolic link")
    after = secret.stat()
    assert secret.read_bytes() == b"root only\n"
    assert (after.st_ino, after.st_uid, stat.S_IMODE(after.st_mode)) == (
        before.st_ino,
        before.st_uid,
        0o600,
    )
    assert planted.is_symlink()


@POSIX
@AS_ROOT
def test_a_file_planted_at_the_output_name_in_a_shared_folder_is_not_replaced(tmp_path):
    """Replacing it would give the cleaned text to the planting user (owner and mode kept)."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    story = shared / "story.txt"
    story.write_text(DIRTY, encoding="utf-8")
    story.chmod(0o600)
    planted = shared / "story.cleaned.txt"
    planted.write_bytes(b"planted\n")
    planted.chmod(0o666)
    os.chown(planted, 4321, 4321)
    result = run_bytes("clean", story)
    assert_refused(result.returncode, result.stderr, "belongs to another user")
    assert planted.read_bytes() == b"planted\n"


@POSIX
def test_a_dangling_link_at_the_output_never_creates_its_target(story, tmp_path):
    target = tmp_path / "created-by-mend.txt"
    (story.parent / "out.txt").symlink_to(target)
    result = run_bytes("clean", story, "-o", story.parent / "out.txt")
    assert_refused(result.returncode, result.stderr, "symbolic link")
    assert not target.exists()
    assert (story.parent / "out.txt").is_symlink()


def test_the_engine_refuses_a_link_unless_asked_to_write_through_it(tmp_path):
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    (tmp_path / "link.txt").symlink_to(real)
    with pytest.raises(OutputError, match="symbolic link"):
        safewrite.write_atomic(tmp_path / "link.txt", b"new")
    assert real.read_bytes() == b"old"


def test_a_link_planted_after_the_check_is_refused(story, tmp_path, monkeypatch, capsys):
    """The output is checked, then someone plants a link there while the text is scanned."""
    target = story.parent / "out.txt"
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me\n")
    real_scan = batch.scan

    def scan_then_plant(*args, **kwargs):
        fixes = real_scan(*args, **kwargs)
        target.symlink_to(victim)
        return fixes

    monkeypatch.setattr(batch, "scan", scan_then_plant)
    status = cli.main(["clean", str(story), "-o", str(target)])
    assert_refused(status, capsys.readouterr().err, "changed after it was checked")
    assert victim.read_bytes() == b"keep me\n"
    assert target.is_symlink()
    assert temporaries(story.parent) == []


def test_a_file_created_at_the_output_while_writing_is_not_replaced(tmp_path):
    """A name that appears between the last check and the rename is kept (link(2) no-clobber)."""
    target = tmp_path / "out.txt"
    real_chmod = os.chmod

    def chmod_then_plant(path, mode, *args, **kwargs):
        real_chmod(path, mode, *args, **kwargs)
        target.write_bytes(b"planted\n")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(safewrite.os, "chmod", chmod_then_plant)
        with pytest.raises(OutputError, match="appeared while it was being written"):
            safewrite.write_atomic(target, b"ours\n")
    assert target.read_bytes() == b"planted\n"
    assert temporaries(tmp_path) == []


@POSIX
def test_dev_stdout_appends_to_the_redirected_file_instead_of_truncating_it(story, work):
    log = work / "app.log"
    log.write_bytes(b"earlier log lines\n")
    with log.open("ab") as out:
        result = run_bytes("clean", story, "-o", "/dev/stdout", stdout=out, stderr=subprocess.PIPE)
    assert result.returncode == 0, result.stderr
    assert log.read_bytes() == b"earlier log lines\n" + CLEAN.encode("utf-8")


def test_an_output_ending_in_a_slash_is_a_folder_even_when_missing(story, work):
    result = run_bytes("clean", story, "-o", f"{work / 'newdir'}/")
    assert result.returncode == 0, result.stderr
    assert (work / "newdir").is_dir()
    assert (work / "newdir" / "story.txt").read_text(encoding="utf-8") == CLEAN


def test_dot_slash_dash_is_a_file_named_dash_not_standard_output(story, work):
    result = run_bytes("clean", story.name, "-o", "./-", cwd=work)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert (work / "-").read_text(encoding="utf-8") == CLEAN


@pytest.mark.parametrize("output", ["out", "out/"])
def test_a_batch_with_a_missing_input_creates_no_output_folder(story, work, output):
    result = run_bytes("clean", story, work / "missing.txt", "-o", f"{work}/{output}")
    assert_refused(result.returncode, result.stderr, "no such file")
    assert sorted(p.name for p in work.iterdir()) == ["story.txt"]


# -- standard output ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [("utf-16-le", b"\xff\xfe", "\r\n"), ("utf-8", b"\xef\xbb\xbf", "\r"), ("cp1252", b"", "\r\n")],
)
@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_standard_output_gets_the_files_encoding_bom_and_newlines(
    tmp_path, encoding, bom, newline, name
):
    source = tmp_path / "in.txt"
    source.write_bytes(bom + DIRTY.replace("\n", newline).encode(encoding))
    result = run_bytes("clean", source, "-o", name)
    assert result.returncode == 0, result.stderr
    assert result.stdout == bom + CLEAN.replace("\n", newline).encode(encoding)


def test_an_ascii_standard_output_gets_one_line_not_a_traceback(story):
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = run_bytes("check", story, env=env)
    assert_refused(result.returncode, result.stderr, "standard output (ascii) cannot show")
    cleaned = run_bytes("clean", story, "-o", "-", env=env)
    assert cleaned.returncode == 0, cleaned.stderr
    assert cleaned.stdout == CLEAN.encode("utf-8")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check"], ["clean", "-o", "-"], ["check", "--json"]])
def test_a_full_standard_output_gets_one_line(story, args):
    with open("/dev/full", "wb") as full:
        result = run_bytes(args[0], story, *args[1:], stdout=full, stderr=subprocess.PIPE)
    assert_refused(result.returncode, result.stderr, "No space left on device")


@POSIX
@pytest.mark.parametrize("args", [["check"], ["clean", "-o", "-"], ["rules"]])
def test_a_closed_standard_output_gets_one_line(story, args):
    result = subprocess.run(
        [
            "sh",
            "-c",
            'exec "$@" >&-',
            "sh",
            sys.executable,
            str(ROOT / "main.py"),
            args[0],
            *args[1:],
        ]
        + ([str(story)] if args[0] != "rules" else []),
        capture_output=True,
        cwd=ROOT,
        timeout=WAIT,
        check=False,
    )
    assert_refused(result.returncode, result.stderr, "standard output is closed")
    assert story.read_text(encoding="utf-8") == DIRTY


@POSIX
@pytest.mark.parametrize("args", [["check"], ["clean", "-o", "-"]])
def test_a_broken_pipe_on_standard_output_gets_one_line(story, args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before Mend writes anything
    try:
        result = run_bytes(args[0], story, *args[1:], stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert_refused(result.returncode, result.stderr, "broken pipe")


@POSIX
def test_check_json_with_a_non_utf8_file_name_is_valid_utf8_json(tmp_path):
    name = b"caf\xe9 story.txt"
    raw_path = os.path.join(os.fsencode(tmp_path), name)
    with open(raw_path, "wb") as handle:
        handle.write(DIRTY.encode("utf-8"))
    result = subprocess.run(
        [os.fsencode(sys.executable), os.fsencode(ROOT / "main.py"), b"check", b"--json", raw_path],
        capture_output=True,
        cwd=ROOT,
        timeout=WAIT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8, then JSON
    (entry,) = report["files"]
    assert os.fsencode(entry["path"]) == raw_path
    assert entry["fixes"]


# -- temporary files -----------------------------------------------------------------------

STALL_IN_FSYNC = """
import os, sys
def stall(fd):
    print("writing", flush=True)
    sys.stdin.readline()
os.fsync = stall
"""


def test_a_temporary_file_has_our_name_and_fits_the_file_system(story, monkeypatch, capsys):
    seen = []
    real_fsync = os.fsync

    def look(fd):
        seen.extend(temporaries(story.parent))
        real_fsync(fd)

    monkeypatch.setattr(safewrite.os, "fsync", look)
    assert cli.main(["clean", str(story)]) == 0
    (name,) = seen
    assert name.startswith(".story.cleaned.txt.mend-")
    assert int(TEMP_NAME.match(name).group(1)) == os.getpid()
    assert temporaries(story.parent) == []


@POSIX
def test_a_temporary_left_by_kill_9_is_removed_by_the_next_run_in_that_folder(story, work):
    target = work / "out.txt"
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            STALL_IN_FSYNC + "from pathlib import Path\nfrom editor.engine import safewrite\n"
            "safewrite.write_atomic(Path(sys.argv[1]), b'x' * 100_000)\n",
            str(target),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline() == "writing\n"
        writer.kill()
        writer.wait(timeout=WAIT)
    finally:
        if writer.poll() is None:
            writer.kill()
    (stale,) = temporaries(work)
    assert int(TEMP_NAME.match(stale).group(1)) == writer.pid
    live = f".other.txt.mend-{os.getpid()}-abcdefgh.tmp"  # its writer (this test) still runs
    (work / live).write_bytes(b"in progress")
    (work / ".unrelated.tmp").write_bytes(b"not ours")
    result = run_bytes("clean", story, "-o", work / "story.out.txt")
    assert result.returncode == 0, result.stderr
    assert b"removed a temporary file" in result.stderr
    assert temporaries(work) == [live]
    assert (work / ".unrelated.tmp").exists()
    assert not target.exists()


@POSIX
@pytest.mark.parametrize(
    ("signum", "message"), [(signal.SIGTERM, "terminated"), (signal.SIGINT, "interrupted")]
)
def test_a_signal_during_the_write_leaves_no_temporary(story, work, signum, message):
    target = work / "out.txt"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            STALL_IN_FSYNC + "from editor import cli\nsys.exit(cli.main(sys.argv[1:]))\n",
            "clean",
            str(story),
            "-o",
            str(target),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline() == "writing\n"
        assert len(temporaries(work)) == 1
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert_refused(proc.returncode, err, message)
    assert temporaries(work) == []
    assert not target.exists()
    assert story.read_text(encoding="utf-8") == DIRTY


# -- --in-place ----------------------------------------------------------------------------


@POSIX
def test_in_place_refuses_a_read_only_file_unless_forced(story, capsys):
    story.chmod(0o444)
    assert_refused(
        cli.main(["clean", "--in-place", str(story)]), capsys.readouterr().err, "read-only"
    )
    assert story.read_text(encoding="utf-8") == DIRTY
    assert cli.main(["clean", "--in-place", "--force", str(story)]) == 0
    assert story.read_text(encoding="utf-8") == CLEAN
    assert stat.S_IMODE(story.stat().st_mode) == 0o444


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_in_place_refuses_a_file_with_several_hard_links_unless_forced(story, capsys):
    other = story.parent / "other-name.txt"
    os.link(story, other)
    assert_refused(
        cli.main(["clean", "--in-place", str(story)]), capsys.readouterr().err, "hard links"
    )
    assert story.read_text(encoding="utf-8") == DIRTY
    assert cli.main(["clean", "--in-place", "--force", str(story)]) == 0
    assert story.read_text(encoding="utf-8") == CLEAN


@AS_ROOT
def test_in_place_says_so_when_it_cannot_keep_the_owner(story, monkeypatch, capsys):
    os.chown(story, 4321, 4321)

    def refused(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    # simulated: an ordinary user replacing another user's file in a folder they may write
    monkeypatch.setattr(safewrite.os, "chown", refused)
    assert cli.main(["clean", "--in-place", str(story)]) == 0
    err = capsys.readouterr().err
    notes = [line for line in err.splitlines() if "could not keep its owner" in line]
    assert len(notes) == 1
    assert "user 4321" in notes[0]


@POSIX
def test_in_place_through_the_link_the_user_gave_replaces_its_file(story, capsys):
    link = story.parent / "link.txt"
    link.symlink_to(story.name)
    assert cli.main(["clean", "--in-place", str(link)]) == 0
    assert link.is_symlink()
    assert story.read_text(encoding="utf-8") == CLEAN


@pytest.mark.parametrize("length", [242, 250, 255])
def test_in_place_works_for_long_names(work, length, capsys):
    path = work / ("n" * (length - 4) + ".txt")
    path.write_text(DIRTY, encoding="utf-8")
    assert cli.main(["clean", "--in-place", str(path)]) == 0, capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == CLEAN
    assert sorted(p.name for p in work.iterdir()) == [path.name]


# -- Ctrl+C and the scan's helper process ----------------------------------------------


def _state(pid):
    """The process state letter from /proc, or None when the process is gone."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat_line.rpartition(")")[2].split()[0]


def _alive(pid):
    return _state(pid) not in (None, "Z")  # a zombie has ended; only its exit status is left


def _group_members(pgid):
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
                if int(fields[2]) == pgid and fields[0] != "Z":
                    members.append(int(entry.name))
    return members


def _children_of(pid):
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
                if int(fields[1]) == pid and fields[0] != "Z":
                    children.append(int(entry.name))
    return children


STUCK_HELPER = """
import importlib, sys, time
shards = importlib.import_module("editor.engine.shards")
if sys.argv[1] == "without-prctl":
    shards._ask_kernel_to_end_us_with_parent = lambda: None
helper = shards.ForkedTask(lambda: time.sleep(3600))
print(helper.pid, flush=True)
time.sleep(3600)
"""


@POSIX
@LINUX_PROC
@pytest.mark.parametrize("mode", ["with-prctl", "without-prctl"])
def test_the_scan_helper_dies_with_its_parent(mode):
    """kill -9 the parent mid-scan: the helper must not run on (the pipe covers non-Linux)."""
    parent = subprocess.Popen(
        [sys.executable, "-c", STUCK_HELPER, mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        helper = int(parent.stdout.readline())
        assert _alive(helper)
        parent.kill()
        parent.wait(timeout=WAIT)
        wait_until(lambda: not _alive(helper), "the helper ended")
        assert _group_members(parent.pid) == []
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(parent.pid, signal.SIGKILL)


def _report_signal_handlers(ctx):
    handlers = f"{signal.getsignal(signal.SIGINT)!r} {signal.getsignal(signal.SIGTERM)!r}"
    return [Fix(0, 1, "a", "b", "probe", Category.QUOTE, 1.0, handlers)]


@POSIX
def test_the_scan_helper_never_runs_the_parents_interrupt_handlers():
    def parents_handler(signum, frame):
        raise AssertionError("the parent's handler ran")

    previous = signal.signal(signal.SIGINT, parents_handler)
    previous_term = signal.signal(signal.SIGTERM, parents_handler)
    try:
        helper = ForkedTask(lambda: _report_signal_handlers(None))
        try:
            (probe,) = helper.result()
        finally:
            helper.stop()
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.signal(signal.SIGTERM, previous_term)
    assert probe.reason == "<Handlers.SIG_IGN: 1> <Handlers.SIG_DFL: 0>"


@POSIX
@LINUX_PROC
def test_ctrl_c_during_a_parallel_scan_prints_one_line(work):
    """The terminal sends SIGINT to the whole process group, helper included."""
    paragraph = "The commit-\ntee announ-ced that the \u201cnew rules\u201d take ef\u00adfect.\n"
    big = work / "big.txt"
    big.write_text(paragraph * (8 * PARALLEL_MIN_CHARS // len(paragraph)), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "check", "--no-progress", str(big)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_until(lambda: _children_of(proc.pid) or proc.poll() is not None, "the helper started")
        assert proc.poll() is None, "the scan ended before its helper was seen"
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=WAIT)
        wait_until(lambda: _group_members(proc.pid) == [], "the process group ended")
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert_refused(proc.returncode, err, "interrupted")
