import pytest

from editor.engine.model import DEFAULT_MIN_CONFIDENCE, Category, Decision, Fix, initial_decisions


def make(start=0, end=1, original="x", replacement="y", confidence=0.9):
    return Fix(start, end, original, replacement, "r", Category.HYPHEN, confidence, "because")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": 3, "end": 2}, "bad fix span"),
        ({"start": -1, "end": 0, "original": ""}, "bad fix span"),
        ({"original": "xy"}, "does not match its span"),
        ({"confidence": 1.5}, "outside 0..1"),
    ],
)
def test_invalid_fixes_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make(**kwargs)


def test_delta_is_the_change_in_length():
    assert make(0, 3, "a-b", "ab").delta == -1
    assert make(0, 0, "", "“").delta == 1


def test_initial_decisions_accept_confident_fixes_and_leave_the_rest_pending():
    fixes = [
        make(confidence=DEFAULT_MIN_CONFIDENCE),
        make(confidence=DEFAULT_MIN_CONFIDENCE - 0.01),
    ]
    assert initial_decisions(fixes) == [Decision.ACCEPTED, Decision.PENDING]
