from editor.engine import ScanOptions, apply_fixes, enabled_rule_names, scan

RULES = ScanOptions(rules=enabled_rule_names(["justified-spaces"]))

JUSTIFIED = (
    "The  committee  met on a grey  morning in the old\n"
    "hall by the river, and  for a long  time nobody\n"
    "said anything at all,  because the  report that lay\n"
    "on the table in  front of them was  worse than\n"
    "anyone had  feared it would be, and the  chairman\n"
    "knew  it.  Nobody spoke.\n"
)


def cleaned(text):
    return apply_fixes(text, scan(text, RULES))


def test_padding_of_a_justified_extraction_becomes_one_space():
    result = cleaned(JUSTIFIED)
    assert "The committee met on a grey morning" in result
    assert "knew it.  Nobody" in result  # two spaces after a sentence end are a habit


def test_a_table_keeps_its_columns():
    table = "".join(f"row {n} has  some words here  and {n}  more\n" for n in range(8))
    assert cleaned(table) == table


def test_a_typed_text_with_one_double_space_is_left_alone():
    text = "A typed line  with one slip in it.\n" + "An ordinary line of typed text here.\n" * 9
    assert cleaned(text) == text


WORDS = "the hall was cold that morning and nobody in the town wanted to stay there long".split()


def typed_sentence(number):
    """A sentence of its own length, emphasised at its end, two spaces typed after it."""
    words = WORDS[: 6 + number % 7]
    return f"{' '.join(words).capitalize()} _right now._  "


def test_two_spaces_typed_after_sentences_are_no_padding_even_after_emphasis():
    text = "".join(typed_sentence(n) + "He left.\n" for n in range(8))
    assert cleaned(text) == text


def test_cleaning_a_typed_hard_wrapped_text_twice_changes_nothing_more():
    from editor.engine import initial_decisions

    from .layout_texts import wrap

    paragraphs = ["".join(typed_sentence(n + k) for k in range(4)).strip() for n in range(8)]
    # wrapped with the two spaces kept (a NUL holds them while ``wrap`` splits on spaces)
    held = [p.replace("  ", "\0") for p in paragraphs]
    text = "\n".join("\n".join(wrap(p, 60)) for p in held).replace("\0", "  ") + "\n"
    fixes = scan(text, ScanOptions())
    once = apply_fixes(text, fixes, initial_decisions(fixes))
    assert once.count("\n") < text.count("\n")  # unwrapped
    assert "now._  The" in once  # the typed spaces are no padding
    again = [f for f in scan(once, ScanOptions()) if f.confidence >= 0.6]
    assert again == []


def test_lines_read_a_slice_at_a_time_give_the_fixes_of_the_whole_text(monkeypatch):
    from editor.engine.rules import spaces

    text = JUSTIFIED * 3 + "a table  of  two\nrows  of  three\n" + JUSTIFIED
    whole = scan(text, RULES)
    assert whole
    monkeypatch.setattr(spaces, "_SLICE_CHARS", 5)
    assert scan(text, RULES) == whole
