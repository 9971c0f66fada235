"""Choosing an encoding: decoding as the user says, previews, and reopening from the window."""

import pytest

from editor.engine.errors import InputError
from editor.ui import encoding
from editor.ui.encoding import EncodingDoubt, decode_as, encoding_doubt, preview


def test_decode_as_keeps_the_line_endings():
    document = decode_as("caf\u00e9\r\nx\r\n".encode("cp1252"), "cp1252", "f")
    assert (document.text, document.layout.encoding) == ("caf\u00e9\nx\n", "cp1252")


def test_bytes_that_are_not_the_encoding_are_refused():
    with pytest.raises(InputError):
        decode_as(b"\xff\xfe\xfd", "utf-8", "f")


def test_preview_says_when_it_cannot_read():
    assert preview(b"\xff", "utf-8").startswith("(not readable")
    assert preview("né".encode(), "utf-8") == "né"


def test_a_document_without_doubt_fields_is_never_doubtful():
    assert encoding_doubt(decode_as(b"x", "utf-8", "f")) is None


def test_reopen_with_a_chosen_encoding(window, open_review, tmp_path, monkeypatch, qtbot):
    path = tmp_path / "old.txt"
    path.write_bytes("na\u00efve co-op\r\n".encode("cp1252"))
    open_review(window, path)
    monkeypatch.setattr(encoding, "ask_encoding", lambda *args: "latin-1")
    with qtbot.waitSignal(window.review_ready, timeout=10000):
        assert window.reopen_with_encoding(EncodingDoubt("cp1252", ("latin-1",)))
    assert window.session.layout.encoding == "iso8859-1"
