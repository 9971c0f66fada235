from editor.engine.rules.layout_blocks import find_blocks, line_table, split_lines, text_width

from .layout_texts import PARAGRAPHS, wrapped_text


def test_wide_letters_print_wider_than_narrow_ones():
    assert text_width("MOMENTUM") > 1.8 * text_width("illiterate"[:8])
    assert text_width("é") == text_width("e")


def test_lines_know_their_content_indentation_and_page_start():
    text = "  one  \n\f  two\n\n"
    first, second, blank, last = split_lines(text)
    assert text[first.content_start : first.content_end] == "one"
    assert first.indent == 2
    assert second.page_start
    assert text[second.content_start : second.content_end] == "two"
    assert blank.blank
    assert last.blank


def test_hard_wrapped_blocks_are_told_from_one_paragraph_per_line():
    wrapped = wrapped_text(separator="\n\n")
    assert all(b.wrapped for b in find_blocks(wrapped, split_lines(wrapped)).blocks)
    flat = "\n".join(PARAGRAPHS * 3) + "\n"
    assert not any(b.wrapped for b in find_blocks(flat, split_lines(flat)).blocks)


def test_short_lines_are_not_a_wrapped_block():
    verse = "Roses are red,\nViolets are blue,\nSugar is sweet,\nAnd so are you.\n" * 3
    assert not any(b.wrapped for b in find_blocks(verse, split_lines(verse)).blocks)


def test_many_short_blocks_mean_paragraphs_separated_by_blank_lines():
    text = wrapped_text(separator="\n\n")
    assert find_blocks(text, split_lines(text)).blank_separated
    run_on = wrapped_text()
    assert not find_blocks(run_on, split_lines(run_on)).blank_separated


def test_a_table_and_its_records_are_measured_alike():
    text = wrapped_text(separator="\n\n") + "\n" + wrapped_text()
    assert find_blocks(text, line_table(text)) == find_blocks(text, split_lines(text))


def test_skipped_lines_neither_join_nor_split_a_block():
    lines = wrapped_text().splitlines()
    # a running head between two lines of the block, and one after a blank line
    text = "\n".join([*lines[:3], "THE REPORT", *lines[3:], "", "THE REPORT"])
    head = 3
    wrapping = find_blocks(text, line_table(text), frozenset({head, len(lines) + 2}))
    (block,) = wrapping.blocks
    assert block.wrapped
    assert (block.first, block.last) == (0, len(lines))
    unskipped = find_blocks(text, line_table(text)).blocks
    assert [(b.first, b.last) for b in unskipped] == [(0, len(lines)), (len(lines) + 2,) * 2]
