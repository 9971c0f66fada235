import itertools

import pytest

from editor.engine import ScanCancelled, ScanOptions, scan
from editor.engine.scan import PARALLEL_MIN_CHARS

ARTICLE = (
    "The ministry announ-ced it on Mon-day. The” Russian threat “is inflated, "
    "they said. She didn‘t agree with the impos\u00adsible plan.\n\n"
)


def big_text():
    return ARTICLE * (PARALLEL_MIN_CHARS // len(ARTICLE) + 2)


def test_parallel_scan_gives_exactly_the_fixes_of_a_serial_scan():
    text = big_text()
    assert scan(text, parallel=True) == scan(text)


def test_parallel_scan_reports_progress_to_the_end():
    seen = []
    scan(big_text(), parallel=True, progress=seen.append)
    assert seen[-1] == 1.0


def test_a_cancelled_parallel_scan_stops_and_leaves_no_child(monkeypatch):
    import os

    forked = []
    real_fork = os.fork

    def recording_fork():
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording_fork)
    calls = []

    def cancel_after_a_while():
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(ScanCancelled):
        scan(big_text(), parallel=True, is_cancelled=cancel_after_a_while)
    assert forked, "the scan forked no helper, so this test would prove nothing"
    for pid in forked:  # each was waited for: none is left running or as a zombie
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_scan_is_deterministic_and_sorted():
    fixes = scan(ARTICLE * 3)
    assert fixes == scan(ARTICLE * 3)
    assert [f.start for f in fixes] == sorted(f.start for f in fixes)
    assert all(a.end <= b.start for a, b in itertools.pairwise(fixes))


def test_rules_can_be_chosen_by_category():
    categories = {f.category.value for f in scan(ARTICLE, ScanOptions(rules=frozenset({"quote"})))}
    assert categories == {"quote"}


def test_a_failed_helper_process_is_replaced_by_scanning_in_process(monkeypatch):
    from editor.engine import shards

    def die(self):
        self.stop()
        raise RuntimeError("the scan's helper process ended without an answer")

    monkeypatch.setattr(shards.ForkedTask, "result", die)
    text = big_text()
    assert scan(text, parallel=True) == scan(text)


def test_no_fix_changes_or_borders_a_kept_broken_byte():
    # "\udce9" is a byte that was not valid UTF-8; the soft hyphen right beside it stays
    text = "impos\u00ad\udce9sible and impos\u00adsible\n"
    fixes = scan(text)
    assert [f.start for f in fixes] == [text.rindex("\u00ad")]


def test_no_fix_needs_a_character_the_encoding_cannot_store():
    text = 'He said "yes" and "no" twice.\n'
    rules = frozenset({"educate-quotes"})
    assert scan(text, ScanOptions(rules=rules))
    assert scan(text, ScanOptions(rules=rules, encoding="cp850")) == []
    assert scan(text, ScanOptions(rules=rules, encoding="cp1252")) == scan(
        text, ScanOptions(rules=rules)
    )


def test_the_guards_hold_for_the_forked_helpers_fixes_too():
    text = big_text() + "impos\u00ad\udce9sible\n"
    assert scan(text, parallel=True) == scan(text)
    assert all("\udce9" not in text[f.start - 1 : f.end + 1] for f in scan(text, parallel=True))
