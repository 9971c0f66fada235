import dataclasses

import pytest

from editor.engine.rules import layout_lines
from editor.engine.rules.layout_lines import (
    LineTable,
    ends_sentence,
    line_table,
    split_lines,
    text_width,
)

from .layout_texts import wrapped_text

ODD = "  one  \n\f  two\n\n\t\tx.)\n \f\t y Mr.\n\f\n  \t \nété — “quoted” 中文.\n\udcff a"


def _records(text):
    return [dataclasses.astuple(line) for line in split_lines(text)]


def test_lines_are_numbered_from_their_offsets():
    text = "first\n  second \n\nlast"
    lines = split_lines(text)
    assert [(line.start, line.end) for line in lines] == [(0, 5), (6, 15), (16, 16), (17, 21)]
    assert [text[line.content_start : line.content_end] for line in lines] == [
        "first",
        "second",
        "",
        "last",
    ]
    assert [line.number for line in lines] == [0, 1, 2, 3]


def test_tabs_and_form_feeds_set_indentation_and_page_starts():
    lines = split_lines("\t\tx\n \f\t y\n\f\n")
    assert lines[0].indent == 16
    assert not lines[0].page_start
    assert lines[1].page_start
    assert lines[1].indent == 9  # what follows the form feed: a tab and a space
    assert lines[2].page_start
    assert lines[2].blank


def test_a_line_width_sums_its_characters_widths_accents_and_dashes_included():
    line, other = split_lines('été — “x” 中\nete - "x" a')
    assert line.width == text_width("été — “x” 中")
    assert text_width("é") == text_width("e")
    assert text_width("—") == 2 * text_width("–")
    assert text_width("中") == text_width("0")  # an unknown character: an average letter
    assert other.width < line.width


@pytest.mark.parametrize(
    ("content", "ends"),
    [
        ("It ended.", True),
        ("he said: “Stop!”", True),
        ("a list;", True),
        ("it goes on", False),
        ("Mr.", False),
        ("said Mme.", False),
        ("x" + ")" * 15, False),
        ("a." + ")" * 15, True),  # fifteen closing marks after the mark still end it
        ("a." + ")" * 16, False),
    ],
)
def test_sentence_ends_allow_closing_marks_but_not_titles(content, ends):
    assert ends_sentence(content) is ends
    (line,) = split_lines(content)
    assert line.sentence_end is ends


def test_the_table_reads_the_same_in_pieces_as_whole(monkeypatch):
    text = wrapped_text(separator="\n\n") + ODD
    whole = _records(text)
    monkeypatch.setattr(layout_lines, "_PIECE", 50)
    assert _records(text) == whole
    assert len(whole) == text.count("\n") + 1


def test_the_table_gives_each_line_on_demand():
    table = line_table(ODD)
    lines = split_lines(ODD)
    assert len(table) == len(lines)
    assert table[-1] == lines[-1]
    assert table[1:3] == lines[1:3]
    assert list(table) == lines
    with pytest.raises(IndexError):
        table[len(lines)]


def test_a_table_made_from_records_has_the_same_columns():
    table = line_table(ODD)
    copy = LineTable.of_lines(ODD, split_lines(ODD))
    for column in LineTable.__slots__:
        assert getattr(copy, column) == getattr(table, column), column


def test_the_commonest_indentation_counts_non_blank_lines_only():
    assert line_table("  a\n  b\nc\n    \n    \n    \n").most_common_indent() == 2
    assert line_table("").most_common_indent() == 0
