"""Saving a cleaned text in pieces: the same bytes as encoding it whole, never a partial file."""

import codecs
import os

import pytest

from editor.engine import textfile
from editor.engine.apply import applied_pieces, apply_fixes
from editor.engine.errors import OutputError
from editor.engine.model import Category, Fix
from editor.engine.textfile import Layout, decode, encode, encode_pieces, save_document

LINES = ["Première ligne — “quoted”", "zweite Zeile", "", "😀 emoji line", "last"]
LAYOUTS = [
    Layout("utf-8"),
    Layout("utf-8", codecs.BOM_UTF8),
    Layout("utf-8", b"", "\r\n"),
    Layout("utf-8", b"", "\r"),
    Layout("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"),
    Layout("utf-16"),
    Layout("utf-8", b"", None, ("\r\n", "\n", "\r", "\r\n")),
]


@pytest.fixture
def small_slices(monkeypatch):
    """Slices of a few characters, so that every piece and break crosses slice boundaries."""
    monkeypatch.setattr(textfile, "_ENCODE_CHARS", 7)


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.label)
def test_pieces_encode_to_the_bytes_of_the_whole_text(layout, small_slices):
    text = "\n".join(LINES)
    pieces = [text[i : i + 3] for i in range(0, len(text), 3)]
    assert b"".join(encode_pieces(pieces, layout)) == encode(text, layout)


def test_a_mixed_layout_with_the_wrong_number_of_breaks_is_refused(small_slices):
    layout = Layout("utf-8", b"", None, ("\r\n",))
    with pytest.raises(OutputError, match="different number of lines"):
        b"".join(encode_pieces(["one\ntwo\nthree"], layout))
    with pytest.raises(OutputError, match="different number of lines"):
        b"".join(encode_pieces(["one line"], layout))


def test_a_file_saved_from_the_fixes_has_the_bytes_of_the_applied_text(tmp_path, small_slices):
    original = b"Hard wrap-\nped lines\r\nof one\rparagraph.\n"
    document = decode(original)
    text = document.text
    fixes = [
        Fix(9, 11, "-\n", "", "line-end-hyphen", Category.HYPHEN, 0.9, "why"),
        Fix(20, 21, "\n", " ", "unwrap-lines", Category.LAYOUT, 0.9, "why"),
    ]
    assert text[9:11] == "-\n"
    assert text[20] == "\n"
    layout = textfile.cleaned_layout(document.layout, text, fixes)
    target = tmp_path / "out.txt"
    save_document(target, applied_pieces(text, fixes), layout)
    assert target.read_bytes() == encode(apply_fixes(text, fixes), layout)
    assert target.read_bytes() == b"Hard wrapped lines of one\rparagraph.\n"


def test_a_character_the_encoding_cannot_store_leaves_no_file(tmp_path, small_slices):
    target = tmp_path / "written" / "out.txt"
    target.parent.mkdir()
    pieces = iter(["plain ascii text that goes on", " and then ", "“curly”", " more"])
    with pytest.raises(OutputError, match="cannot be stored in ascii; nothing written"):
        save_document(target, pieces, Layout("ascii"))
    assert os.listdir(target.parent) == []  # neither the file nor its temporary
