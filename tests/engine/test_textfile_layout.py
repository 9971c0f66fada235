"""Saving a text whose fixes removed or added line breaks: every break keeps its own bytes."""

import codecs

import pytest

from editor.engine.apply import apply_fixes
from editor.engine.model import Category, Decision, Fix
from editor.engine.textfile import cleaned_layout, decode, encode, read_document, save_document

ORIGINAL = "Hard wrapped\nlines of one\nparagraph.\n\nNext one\nhere."


def joins(text):
    """Fixes that join each paragraph's lines (every break not next to another)."""
    fixes = []
    for position, char in enumerate(text):
        if (
            char == "\n"
            and text[position - 1] != "\n"
            and text[position + 1 : position + 2] != "\n"
        ):
            fixes.append(Fix(position, position + 1, "\n", " ", "r", Category.LAYOUT, 0.9, "why"))
    return fixes


STYLES = {
    "LF": lambda t: t,
    "CRLF": lambda t: t.replace("\n", "\r\n"),
    "CR": lambda t: t.replace("\n", "\r"),
}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_joined_lines_save_with_the_files_line_ending_and_bom(style, bom):
    data = bom + STYLES[style](ORIGINAL).encode()
    document = decode(data)
    fixes = joins(document.text)
    cleaned = apply_fixes(document.text, fixes)
    layout = cleaned_layout(document.layout, document.text, fixes)
    expected = "Hard wrapped lines of one paragraph.\n\nNext one here."
    assert encode(cleaned, layout) == bom + STYLES[style](expected).encode()


def test_mixed_endings_keep_each_kept_breaks_own_bytes():
    data = b"Hard wrapped\r\nlines of one\nparagraph.\r\n\rNext one\nhere."
    document = decode(data)
    fixes = joins(document.text)
    cleaned = apply_fixes(document.text, fixes)
    layout = cleaned_layout(document.layout, document.text, fixes)
    assert encode(cleaned, layout) == b"Hard wrapped lines of one paragraph.\r\n\rNext one here."


def test_a_break_added_in_a_mixed_file_takes_the_commonest_ending():
    data = b"a\r\nb\r\nc\nd"
    document = decode(data)
    fixes = [Fix(0, 1, "a", "a\nz", "r", Category.LAYOUT, 0.9, "why")]
    cleaned = apply_fixes(document.text, fixes)
    layout = cleaned_layout(document.layout, document.text, fixes)
    assert encode(cleaned, layout) == b"a\r\nz\r\nb\r\nc\nd"


@pytest.mark.parametrize(
    "data",
    [
        b"one\ntwo\n",
        b"one\r\ntwo\r\n",
        b"one\rtwo\r",
        b"one\r\ntwo\nthree\rfour",
        codecs.BOM_UTF16_LE + "one\r\ntwo\nthree".encode("utf-16-le"),
        "caf\u00e9\r\nna\u00efve\n".encode("cp1252"),
    ],
)
def test_a_text_with_every_fix_rejected_saves_byte_identical(data, tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(data)
    document = read_document(source)
    fixes = joins(document.text)
    decisions = [Decision.REJECTED] * len(fixes)
    cleaned = apply_fixes(document.text, fixes, decisions)
    layout = cleaned_layout(document.layout, document.text, fixes, decisions)
    target = tmp_path / "out.txt"
    save_document(target, cleaned, layout)
    assert target.read_bytes() == data


def test_a_partly_accepted_join_keeps_the_other_breaks_bytes():
    data = b"a\r\nb\nc\rd"
    document = decode(data)
    fixes = joins(document.text)
    decisions = [Decision.REJECTED, Decision.ACCEPTED, Decision.REJECTED]
    cleaned = apply_fixes(document.text, fixes, decisions)
    layout = cleaned_layout(document.layout, document.text, fixes, decisions)
    assert encode(cleaned, layout) == b"a\r\nb c\rd"
