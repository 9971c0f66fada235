import pytest

from editor.engine import ScanOptions, apply_fixes, enabled_rule_names, scan

RULES = ScanOptions(rules=enabled_rule_names(["mojibake"]))


def cleaned(text):
    return apply_fixes(text, scan(text, RULES))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I donâ€™t know.", "I don’t know."),
        ("The cafÃ© was open.", "The café was open."),
        ("Il a Ã©tÃ© Ã¼ber.", "Il a été über."),
    ],
)
def test_wrongly_decoded_words_are_repaired(text, expected):
    assert cleaned(text) == expected


@pytest.mark.parametrize(
    "text", ["A naïve café in Zürich.", "Ã alone is a letter", "Prices in £ and €, 5°C."]
)
def test_correct_accented_text_is_left_alone(text):
    assert cleaned(text) == text


def test_the_reason_names_the_wrong_encoding():
    (fix,) = scan("donâ€™t", RULES)
    assert "Windows-1252" in fix.reason
