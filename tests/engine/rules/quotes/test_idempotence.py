"""After cleaning at any threshold X, a new scan proposes no quote fix at or above X."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.engine import ScanOptions, apply_fixes, initial_decisions, scan

FUZZ = Path(__file__).resolve().parents[3] / "data" / "fuzz"
LEVELS = (0.0, 0.3, 0.6, 0.9, 0.99)

TEXTS = [
    "‘“0 „ ‘",  # the Hypothesis find of issue 11
    "He said the group had” no plans “to close the plant, and left.",
    "“It is aggressive. The” Russian threat “is being inflated,” he said.",
    "She read” The Raven” aloud” twice” today.",
    "“Hello,” he said, “come here. Now go and stand over there by the wall.",
    "Lavrov said: “NATO is moving closer to our borders.\n\nWe will respond in these areas, "
    "”TASS quotes him as saying.",
    "“First paragraph of a speech.\n\n“Second paragraph, and the end,” he said.",
    "she’d say,” Joe, “she’d say,” now, please God, you shall have some schooling, child,” and",
    "“Yes,” she said,” I will.” And then: “No. ”Nothing more.",
    "Er sagte: „Ja.“ Sie sagte: „Nein.“ Dann: „Gut. “Ende.",
    "«Oui» dit-il. « Non »",
    "It’s the dog‘s bone, ‘tis said, ’Twas brillig.",
    "“A” “B” ”C“ “D",
]


def _fuzz_texts() -> list[str]:
    texts = []
    for path in sorted(FUZZ.glob("scan-*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        texts.append(case["text"])
    return texts


def _leftovers(text: str, x: float, rules: frozenset[str] | None) -> list:
    options = ScanOptions(min_confidence=x, rules=rules)
    fixes = scan(text, options)
    cleaned = apply_fixes(text, fixes, initial_decisions(fixes, x))
    return [
        (f.original, f.replacement, f.confidence)
        for f in scan(cleaned, options)
        if f.confidence >= x and f.category.value == "quote"
    ]


@pytest.mark.parametrize("x", LEVELS)
@pytest.mark.parametrize("text", TEXTS)
def test_cleaning_quotes_settles_in_one_pass(text, x):
    assert _leftovers(text, x, frozenset({"quote"})) == []


@pytest.mark.parametrize("x", [0.0, 0.6, 0.9])
def test_cleaning_the_fuzz_finds_settles_with_every_rule(x):
    for text in _fuzz_texts():
        assert _leftovers(text, x, None) == [], repr(text)
