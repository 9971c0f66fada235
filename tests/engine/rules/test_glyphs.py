import pytest

from editor.engine import ScanOptions, apply_fixes, enabled_rule_names, scan

RULES = ScanOptions(rules=enabled_rule_names(["ligatures", "invisible-characters"]))


def cleaned(text):
    fixes = scan(text, RULES)
    return apply_fixes(text, [f for f in fixes if f.is_default_accepted()])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We \ufb01nd the \ufb02ow and the o\ufb03ce.", "We find the flow and the office."),
        ("Sta\ufb00 and ba\ufb04ed, \ufb06op.", "Staff and baffled, stop."),
        ("in\u200bformation", "information"),
        ("co\u200doperate and wo\u200crd", "cooperate and word"),
        ("a stray \ufeffmark", "a stray mark"),
    ],
)
def test_copy_artifacts_become_plain_letters(text, expected):
    assert cleaned(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "می\u200cخواهم",  # Persian needs its non-joiner
        "👩\u200d💻 at work",  # an emoji sequence needs its joiner
        "plain text with nothing odd",
    ],
)
def test_joiners_a_script_needs_stay(text):
    assert cleaned(text) == text


def test_each_fix_says_why():
    (fix,) = scan("o\ufb03ce", RULES)
    assert "ligature" in fix.reason
    assert fix.replacement == "ffi"
