import pytest

from editor.engine import ScanOptions, apply_fixes, enabled_rule_names, initial_decisions, scan
from editor.engine.apply import resolve_overlaps
from editor.engine.model import Category, Fix
from editor.engine.rules import RULE_PRIORITY
from editor.engine.rules.layout import merge_paragraph_pieces, paragraph_groups
from editor.engine.textfile import cleaned_layout, decode, encode

from .layout_texts import FULL_SENTENCE_END, PARAGRAPHS, wrap, wrapped_text


def clean(text, rules=None):
    options = ScanOptions(rules=enabled_rule_names(rules.split(","))) if rules else ScanOptions()
    fixes = scan(text, options)
    return fixes, apply_fixes(text, fixes, initial_decisions(fixes))


def unwraps(fixes):
    return [f for f in fixes if f.rule == "unwrap-lines"]


def test_each_hard_wrapped_paragraph_becomes_one_line_and_one_fix():
    fixes, cleaned = clean(wrapped_text())
    assert cleaned == "\n".join(PARAGRAPHS) + "\n"
    joins = unwraps(fixes)
    assert len(joins) == len(PARAGRAPHS)
    for fix in joins:
        assert fix.category is Category.LAYOUT
        assert fix.confidence >= 0.9
        assert "hard-wrapped paragraph" in fix.reason


def test_paragraphs_separated_by_blank_lines_keep_the_blank_lines():
    _, cleaned = clean(wrapped_text(separator="\n\n"))
    assert cleaned == "\n\n".join(PARAGRAPHS) + "\n"


def test_a_text_of_one_paragraph_per_line_is_never_touched():
    text = "\n".join(PARAGRAPHS * 4) + "\n"
    fixes, cleaned = clean(text)
    assert cleaned == text
    assert not unwraps(fixes)


def test_indented_first_lines_mark_the_paragraphs():
    text = "".join(
        "    " + "\n".join(wrap(p)) + "\n" for p in [p.replace(".", ",") for p in PARAGRAPHS]
    )
    _, cleaned = clean(text)
    assert cleaned.count("\n") == len(PARAGRAPHS)
    assert cleaned.startswith("    The committee")


def test_a_list_and_short_lines_keep_their_breaks():
    items = "Bring these:\n- a lamp for the hall\n- the report\n- three chairs\n"
    verse = "Roses are red,\nViolets are blue,\nSugar is sweet,\nAnd so are you.\n"
    text = wrapped_text() + items + verse
    _, cleaned = clean(text)
    assert cleaned.endswith(items + verse)


def test_a_form_feed_inside_a_paragraph_goes_with_the_join_and_one_at_its_end_stays():
    lines = wrap(PARAGRAPHS[0])
    text = (
        "\n".join(lines[:2]) + "\n\f" + "\n".join(lines[2:]) + "\n\f" + wrapped_text(PARAGRAPHS[1:])
    )
    _, cleaned = clean(text)
    assert cleaned == PARAGRAPHS[0] + "\n\f" + "\n".join(PARAGRAPHS[1:]) + "\n"


def test_a_word_broken_at_an_unwrapped_line_end_is_joined_in_place():
    lines = wrap(PARAGRAPHS[1])
    lines[0] += " impos-"
    lines[1] = "sible, " + lines[1]
    text = "\n".join(lines) + "\n"
    _, cleaned = clean(text)
    assert " impossible, " in cleaned
    assert cleaned.count("\n") == 1


def test_a_hyphen_before_a_page_break_is_joined_with_it():
    lines = wrap(PARAGRAPHS[1])
    lines[0] += " impos-"
    lines[1] = "\fsible, " + lines[1]
    _, cleaned = clean("\n".join(lines) + "\n")
    assert " impossible, " in cleaned
    assert "\f" not in cleaned


def test_without_layout_the_joined_word_takes_its_punctuation_to_the_first_line():
    lines = wrap(PARAGRAPHS[1])
    lines[0] += " (impos-"
    lines[1] = "sible), " + lines[1]
    text = "\n".join(lines) + "\n"
    _, cleaned = clean(text, "default,-layout")
    first, second = cleaned.split("\n")[:2]
    assert first.endswith(" (impossible),")
    assert not second.startswith(" ")
    assert cleaned.count("\n") == text.count("\n")


def test_minus_removes_a_category_or_a_rule():
    assert "unwrap-lines" in enabled_rule_names(["default"])
    without = enabled_rule_names(["default", "-layout"])
    assert not any(name in without for name in ("unwrap-lines", "page-furniture"))
    assert "line-break-hyphen" in without
    assert enabled_rule_names(["all", "-unwrap-lines"]) == enabled_rule_names(["all"]) - {
        "unwrap-lines"
    }
    with pytest.raises(ValueError, match="unknown rule"):
        enabled_rule_names(["default", "-nonsense"])


def test_a_paragraph_split_by_another_fix_stays_one_group():
    lines = wrap(PARAGRAPHS[0])
    lines[1] = lines[1].replace("for", "f\u00ador", 1)
    text = "\n".join(lines) + "\n"
    fixes = scan(text)
    groups = paragraph_groups(fixes)
    joined = [g for f, g in zip(fixes, groups, strict=True) if f.rule == "unwrap-lines"]
    assert len(joined) >= 2
    assert len(set(joined)) == 1


STYLES = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}


@pytest.mark.parametrize("style", STYLES)
def test_scan_apply_and_save_keep_the_files_line_ending(style):
    newline = STYLES[style]
    text = wrapped_text(separator="\n\n")
    data = text.replace("\n", newline).encode("utf-8")
    document = decode(data)
    fixes = scan(document.text)
    decisions = initial_decisions(fixes)
    cleaned = apply_fixes(document.text, fixes, decisions)
    layout = cleaned_layout(document.layout, document.text, fixes, decisions)
    expected = ("\n\n".join(PARAGRAPHS) + "\n").replace("\n", newline).encode("utf-8")
    assert encode(cleaned, layout) == expected


def test_scan_apply_and_save_a_mixed_ending_file():
    text = wrapped_text(separator="\n\n")
    breaks = ["\r\n" if i % 2 else "\n" for i in range(text.count("\n"))]
    pieces = text.split("\n")
    data = "".join(p + b for p, b in zip(pieces, [*breaks, ""], strict=True)).encode()
    document = decode(data)
    fixes = scan(document.text)
    cleaned = apply_fixes(document.text, fixes)
    layout = cleaned_layout(document.layout, document.text, fixes)
    saved = encode(cleaned, layout).decode()
    assert saved.replace("\r\n", "\n") == "\n\n".join(PARAGRAPHS) + "\n"
    kept = [i for i, piece in enumerate(pieces[:-1]) if piece == "" or pieces[i + 1] == ""]
    assert saved.count("\r\n") == sum(1 for i in kept if breaks[i] == "\r\n")


def test_a_two_line_paragraph_among_blank_separated_ones_is_joined_but_a_heading_is_not():
    dialogue = "“What would the whole company say to that,” asked the old\nman, “and to you?”"
    heading = "CHAPTER ONE\nThe Meeting"
    text = heading + "\n\n" + wrapped_text(separator="\n\n") + "\n" + dialogue + "\n"
    _, cleaned = clean(text)
    assert cleaned.startswith(heading + "\n\n")
    assert "asked the old man, “and to you?”" in cleaned


@pytest.mark.parametrize(
    ("end", "start", "joined"),
    [
        ('the "setup"-', "file of the project", 'the "setup"-file of the project'),
        ("the log(2)-", "scale of the chart", "the log(2)-scale of the chart"),
        ("all make_*-", "targets of the build", "all make_*-targets of the build"),
    ],
)
def test_a_compound_broken_at_its_hyphen_after_punctuation_is_joined_without_a_space(
    end, start, joined
):
    lines = wrap(PARAGRAPHS[1])
    lines[0] += " " + end
    lines[1] = start + " " + lines[1]
    _, cleaned = clean("\n".join(lines) + "\n")
    assert joined in cleaned
    assert cleaned.count("\n") == 1


def test_a_suspended_hyphen_after_punctuation_keeps_its_space():
    lines = wrap(PARAGRAPHS[1])
    lines[0] += ' the "input"-'
    lines[1] = 'and "output"-files ' + lines[1]
    _, cleaned = clean("\n".join(lines) + "\n")
    assert 'the "input"- and "output"-files' in cleaned


def test_indented_paragraph_starts_settle_a_full_line_that_ends_a_sentence():
    text = "".join("    " + "\n".join(wrap(p, 66)) + "\n" for p in FULL_SENTENCE_END)
    fixes, cleaned = clean(text)
    assert cleaned == "".join(f"    {p}\n" for p in FULL_SENTENCE_END)
    first = unwraps(fixes)[0]
    assert first.confidence >= 0.9
    assert "indents the first line of its paragraphs" in first.reason


def test_without_indented_paragraph_starts_that_line_waits_for_the_user():
    text = "".join("\n".join(wrap(p, 66)) + "\n" for p in FULL_SENTENCE_END)
    fixes, cleaned = clean(text)
    assert "would be in the end.\nWhen the chairman" in cleaned
    pending = [f for f in unwraps(fixes) if f.confidence < 0.5]
    assert pending
    assert pending[0].original == "\n"
    assert "Line 3 may run on into line 4" in pending[0].reason


def test_a_paragraph_end_that_would_leave_a_one_line_paragraph_is_a_wrap():
    # the text's first line ends a sentence on a full line before a capital: ending the
    # paragraph there would make a paragraph of that one full line
    text = "".join("\n".join(wrap(p, 66)) + "\n" for p in FULL_SENTENCE_END)
    fixes, cleaned = clean(text)
    assert cleaned.startswith(FULL_SENTENCE_END[0] + "\n")
    first = unwraps(fixes)[0]
    assert first.original == "\n"
    assert first.confidence >= 0.6
    assert "a paragraph of one full line" in first.reason


def _broken_at_first_line_end(paragraph, end, start):
    lines = wrap(paragraph)
    lines[0] += " " + end
    lines[1] = start + " " + lines[1]
    return "\n".join(lines)


def test_a_join_never_loses_to_the_hyphen_fix_it_overlaps():
    # every line end of every paragraph is a broken word: the hyphen fixes and the
    # line joins meet at each one, and the resolution of overlaps sees them all
    text = (
        "\n".join(
            _broken_at_first_line_end(p, end, start)
            for p, (end, start) in zip(
                PARAGRAPHS,
                [("impos-", "sible,"), ("(Sta-", "ble)"), ("co-", "operate,")],
                strict=True,
            )
        )
        + "\n"
    )
    fixes, cleaned = clean(text)
    assert cleaned.count("\n") == len(PARAGRAPHS)
    assert "impossible," in cleaned
    assert "(Stable)" in cleaned
    assert "co-operate," in cleaned
    hyphens = [f for f in fixes if f.category is Category.HYPHEN]
    assert len(hyphens) == 3
    assert all("\n" in f.original and "\n" not in f.replacement for f in hyphens)


def test_pieces_and_a_hyphen_fix_resolve_to_a_text_without_the_break():
    text = "one impos-\nsible line\nand more\n"
    piece = Fix(10, 11, "\n", " ", "unwrap-lines", Category.LAYOUT, 0.95, "paragraph")
    other = Fix(21, 22, "\n", " ", "unwrap-lines", Category.LAYOUT, 0.95, "paragraph")
    hyphen = Fix(
        4, 16, "impos-\nsible", "impossible", "line-break-hyphen", Category.HYPHEN, 0.6, ""
    )
    fixes = resolve_overlaps(merge_paragraph_pieces([piece, other, hyphen], text), RULE_PRIORITY)
    assert apply_fixes(text, fixes) == "one impossible line and more\n"


def test_a_quote_repair_across_an_unwrapped_line_end_makes_the_join_too():
    text = _broken_at_first_line_end(PARAGRAPHS[1], "he said “", "Hello” and") + "\n"
    fixes, cleaned = clean(text)
    assert "he said “Hello” and" in cleaned
    assert cleaned.count("\n") == 1
    quote = next(f for f in fixes if f.category is Category.QUOTE)
    assert "\n" in quote.original
    assert "\n" not in quote.replacement
    assert "paragraph is unwrapped" in quote.reason


def test_a_justified_line_that_the_copy_split_into_words_is_joined():
    paragraph = PARAGRAPHS[0].replace("the river, and", "the Grey River Hall Committee, and")
    lines = wrap(paragraph)
    assert lines[1].startswith("Grey River Hall Committee,")
    # PyMuPDF gives each word of a widely spaced line back as a line of its own
    lines[1:2] = ["Grey", "River", "Hall", lines[1].removeprefix("Grey River Hall ")]
    text = "\n".join(lines) + "\n" + wrapped_text(PARAGRAPHS[1:])
    fixes, cleaned = clean(text)
    assert cleaned.startswith(paragraph + "\n")
    assert any("split a justified line" in f.reason for f in unwraps(fixes))


def test_a_list_of_single_words_after_a_colon_keeps_its_breaks():
    items = "Bring these to the meeting in the old hall by the river:\nLamps\nChairs\nTables\n"
    text = wrapped_text() + items + "\n" + wrapped_text(PARAGRAPHS[:1])
    _, cleaned = clean(text)
    assert ":\nLamps\nChairs\nTables\n" in cleaned
