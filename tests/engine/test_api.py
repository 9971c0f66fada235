"""The public library entry point cleans a text as mend clean cleans a file."""

from __future__ import annotations

import pickle

import pytest

from editor.engine import ScanOptions, apply_fixes, scan
from editor.engine.api import clean_text, normalise_line_breaks, summarise

DIRTY = "She didn\u2018t stop.\nA long impos\u00adsible day.\n"
CLEAN = "She didn\u2019t stop.\nA long impossible day.\n"


def test_clean_text_applies_the_confident_fixes_and_returns_them_all():
    cleaned, fixes = clean_text(DIRTY)
    assert cleaned == CLEAN
    assert fixes == scan(DIRTY)
    summary = summarise(fixes)
    assert summary.applied == 2
    assert summary.pending == 0
    assert sum(summary.applied_by_rule.values()) == 2


def test_a_higher_threshold_leaves_fixes_pending():
    options = ScanOptions(min_confidence=1.0)
    cleaned, fixes = clean_text(DIRTY, options)
    expected = apply_fixes(DIRTY, [f for f in fixes if f.confidence >= 1.0])
    assert cleaned == expected
    summary = summarise(fixes, 1.0)
    assert summary.pending == len(fixes) - summary.applied
    assert summary.as_dict()["pending"] == summary.pending


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_a_uniform_line_break_comes_back(newline):
    cleaned, _ = clean_text(DIRTY.replace("\n", newline))
    assert cleaned == CLEAN.replace("\n", newline)


def test_mixed_line_breaks_are_normalised():
    text, newline = normalise_line_breaks("a\r\nb\rc\nd")
    assert (text, newline) == ("a\nb\nc\nd", None)
    cleaned, _ = clean_text(DIRTY.replace("\n", "\r\n", 1))
    assert cleaned == CLEAN


def test_the_result_can_travel_between_processes():
    # workers of a cluster send fixes back to the scheduler by pickling them
    cleaned, fixes = clean_text(DIRTY)
    assert pickle.loads(pickle.dumps((cleaned, fixes))) == (cleaned, fixes)
    assert pickle.loads(pickle.dumps(ScanOptions(language="en"))) == ScanOptions(language="en")
