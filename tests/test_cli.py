import json
import subprocess
import sys

import pytest

from editor import cli
from tests.cli_support import CLEAN, DIRTY, ROOT, run_mend

PLAIN = "Nothing to repair in this line.\nNor in this one, which is well-known prose.\n"


@pytest.fixture
def dirty_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(DIRTY, encoding="utf-8")
    return path


def test_clean_writes_a_cleaned_copy_beside_the_input(dirty_file, capsys):
    assert cli.main(["clean", str(dirty_file)]) == 0
    assert (dirty_file.parent / "story.cleaned.txt").read_text(encoding="utf-8") == CLEAN
    assert dirty_file.read_text(encoding="utf-8") == DIRTY
    summary = capsys.readouterr().err
    assert "2 fixes applied (hyphen 1, quote 1)" in summary
    assert summary.count("\n") == 1


def test_clean_to_a_named_output(dirty_file, tmp_path):
    target = tmp_path / "out.txt"
    assert cli.main(["clean", str(dirty_file), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == CLEAN


def test_clean_to_standard_output(dirty_file, capsys):
    assert cli.main(["clean", str(dirty_file), "-o", "-"]) == 0
    assert capsys.readouterr().out == CLEAN


def test_clean_several_files_into_a_folder(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(DIRTY, encoding="utf-8")
    second.write_text(PLAIN, encoding="utf-8")
    outdir = tmp_path / "out"
    assert cli.main(["clean", str(first), str(second), "-o", f"{outdir}/"]) == 0
    assert (outdir / "a.txt").read_text(encoding="utf-8") == CLEAN
    assert (outdir / "b.txt").read_text(encoding="utf-8") == PLAIN


def test_clean_in_place_overwrites_the_input(dirty_file):
    assert cli.main(["clean", "--in-place", str(dirty_file)]) == 0
    assert dirty_file.read_text(encoding="utf-8") == CLEAN


def test_min_confidence_above_every_fix_applies_nothing(dirty_file, tmp_path, capsys):
    target = tmp_path / "out.txt"
    assert cli.main(["clean", str(dirty_file), "-o", str(target), "--min-confidence", "1"]) == 0
    assert target.read_text(encoding="utf-8") == DIRTY
    assert "left for review" in capsys.readouterr().err


def test_rules_option_limits_the_rules(dirty_file, capsys):
    assert cli.main(["clean", str(dirty_file), "-o", "-", "--rules", "soft-hyphen"]) == 0
    assert capsys.readouterr().out == "She didn‘t stop.\nA long impossible day.\n"


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [
        ("utf-8", b"", "\n"),
        ("utf-8", b"\xef\xbb\xbf", "\r\n"),
        ("utf-16-le", b"\xff\xfe", "\r\n"),
        ("utf-16-be", b"\xfe\xff", "\r"),
        ("cp1252", b"", "\r\n"),
    ],
)
def test_a_text_without_artifacts_comes_out_byte_identical(tmp_path, encoding, bom, newline):
    text = "Café society, “well-known” to all — naïve.\nSecond line, nothing wrong.\n" * 20
    data = bom + text.replace("\n", newline).encode(encoding)
    source = tmp_path / "plain.txt"
    source.write_bytes(data)
    target = tmp_path / "plain.out.txt"
    assert cli.main(["clean", str(source), "-o", str(target)]) == 0
    assert target.read_bytes() == data


def test_cleaning_keeps_encoding_bom_and_line_endings(tmp_path):
    source = tmp_path / "wide.txt"
    source.write_bytes(b"\xff\xfe" + DIRTY.replace("\n", "\r\n").encode("utf-16-le"))
    assert cli.main(["clean", str(source)]) == 0
    cleaned = (tmp_path / "wide.cleaned.txt").read_bytes()
    assert cleaned == b"\xff\xfe" + CLEAN.replace("\n", "\r\n").encode("utf-16-le")


def test_an_empty_file_is_valid(tmp_path):
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    assert cli.main(["clean", str(source)]) == 0
    assert (tmp_path / "empty.cleaned.txt").read_bytes() == b""


def test_check_lists_each_fix_with_position_and_reason(dirty_file, capsys):
    assert cli.main(["check", str(dirty_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{dirty_file}:1:9:  quote")
    assert '"‘" -> "’"' in lines[0]
    assert lines[1].startswith(f"{dirty_file}:2:13:  hyphen")
    assert "(0.99)" in lines[1]


def test_check_json_gives_machine_readable_records(dirty_file, capsys):
    assert cli.main(["check", "--json", str(dirty_file)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["version"] == 1
    (entry,) = report["files"]
    assert entry["path"] == str(dirty_file)
    assert entry["encoding"] == "UTF-8, LF"
    first = entry["fixes"][0]
    assert {
        k: first[k] for k in ("line", "column", "start", "end", "category", "before", "after")
    } == {
        "line": 1,
        "column": 9,
        "start": 8,
        "end": 9,
        "category": "quote",
        "before": "‘",
        "after": "’",
    }
    assert first["applied_by_default"] is True
    assert first["reason"]
    assert 0 <= first["confidence"] <= 1


def test_rules_lists_every_rule(capsys):
    assert cli.main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "soft-hyphen" in out
    assert "turned-apostrophe" in out


def test_dictionary_keep_join_and_forget(tmp_path, capsys):
    path = tmp_path / "dict.txt"
    assert cli.main(["dict", "keep", "e-mail", "--dictionary", str(path)]) == 0
    assert cli.main(["dict", "join", "NA-TO", "--dictionary", str(path)]) == 0
    assert cli.main(["dict", "forget", "e-mail", "--dictionary", str(path)]) == 0
    capsys.readouterr()
    assert cli.main(["dict", "list", "--dictionary", str(path)]) == 0
    assert capsys.readouterr().out == "join na-to\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["clean", "{tmp}/missing.txt"], "no such file"),
        (["clean", "{tmp}"], "is a folder"),
        (["check", "{tmp}/binary.bin"], "binary"),
        (["clean", "{tmp}/story.txt", "-o", "{tmp}/story.txt"], "--in-place"),
        (["clean", "{tmp}/story.txt", "--rules", "nonsense"], "unknown rule"),
        (["clean", "{tmp}/story.txt", "--min-confidence", "2"], "between 0 and 1"),
        (["clean", "{tmp}/story.txt", "--lang", "xx"], "invalid choice"),
        (
            ["clean", "{tmp}/story.txt", "--in-place", "-o", "{tmp}/x.txt"],
            "cannot be used together",
        ),
    ],
)
def test_bad_input_gives_one_line_and_status_2_without_output(dirty_file, tmp_path, args, message):
    (tmp_path / "binary.bin").write_bytes(b"\x00\x01\x02\xff" * 100)
    result = run_mend(*(a.format(tmp=tmp_path) for a in args))
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert dirty_file.read_text(encoding="utf-8") == DIRTY
    assert not list(tmp_path.glob("*.cleaned.txt"))
    assert not (tmp_path / "x.txt").exists()


def test_unwritable_output_folder_gives_one_line_and_status_2(
    dirty_file, tmp_path, monkeypatch, capsys
):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    assert cli.main(["clean", str(dirty_file)]) == 2
    err = capsys.readouterr().err
    assert "not writable" in err
    assert err.count("\n") == 1
    assert not (tmp_path / "story.cleaned.txt").exists()


def test_installed_script_and_main_py_agree(dirty_file):
    result = run_mend("check", "--json", dirty_file)
    assert result.returncode == 0
    assert json.loads(result.stdout)["files"][0]["fixes"]


class FakeTerminal:
    def __init__(self):
        self.written = []

    def isatty(self):
        return True

    def write(self, text):
        self.written.append(text)

    def flush(self):
        pass


def test_progress_bar_is_drawn_for_big_files_on_a_terminal(tmp_path, monkeypatch):
    source = tmp_path / "big.txt"
    source.write_text(DIRTY * 40_000, encoding="utf-8")
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["check", str(source)]) == 0
    drawn = "".join(terminal.written)
    assert "100%" in drawn
    assert "[" + "#" * 30 + "]" in drawn


def test_no_progress_bar_when_standard_error_is_not_a_terminal(tmp_path, capsys):
    source = tmp_path / "big.txt"
    source.write_text(DIRTY * 40_000, encoding="utf-8")
    assert cli.main(["check", str(source)]) == 0
    assert "%" not in capsys.readouterr().err


def test_python_dash_m_editor_runs_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "editor", "rules"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0
    assert "soft-hyphen" in result.stdout
