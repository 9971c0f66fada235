from __future__ import annotations

import pytest

from editor.engine import Category, ScanOptions, apply_fixes, scan
from editor.engine.rules.quotes.style import EDUCATE_QUOTES, STRAIGHTEN_QUOTES


def run(text: str, rules: set[str], language: str = "en") -> str:
    return apply_fixes(text, scan(text, ScanOptions(language=language, rules=frozenset(rules))))


@pytest.mark.parametrize("rule", [EDUCATE_QUOTES, STRAIGHTEN_QUOTES])
def test_style_rules_are_off_by_default_and_in_the_style_category(rule):
    assert not rule.default_enabled
    assert rule.category is Category.STYLE


def test_straightening_wins_over_educating_when_both_are_asked_for():
    text = "“Don’t,” she said."
    assert run(text, {"educate-quotes", "straighten-quotes", "quote-pairing"}) == (
        '"Don\'t," she said.'
    )


def test_educate_leaves_marks_with_no_direction_alone():
    assert run('a " b', {"educate-quotes"}) == 'a " b'
