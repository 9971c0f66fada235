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
