"""The engine's safety contract as plain checks, shared by the property tests, the fuzz
regression tests and tools/fuzz.py (which loads this file by path).

Each check raises AssertionError with a short description when the contract breaks.
"""

from __future__ import annotations

from editor.engine import (
    DEFAULT_MIN_CONFIDENCE,
    InputError,
    OffsetMap,
    ScanOptions,
    apply_fixes,
    initial_decisions,
    scan,
)
from editor.engine.textfile import decode, encode


def _options(rules):
    from editor.engine import enabled_rule_names

    return ScanOptions(rules=enabled_rule_names(rules)) if rules else ScanOptions()


def check_fixes(text, fixes):
    """Spans inside the text, originals that match, sorted, no overlaps, no line-count change."""
    previous_end = -1
    previous_start = -1
    for fix in fixes:
        assert 0 <= fix.start <= fix.end <= len(text), f"span {fix.start}..{fix.end} outside text"
        assert text[fix.start : fix.end] == fix.original, f"original mismatch at {fix.start}"
        assert fix.start >= previous_end, f"fix at {fix.start} overlaps one ending {previous_end}"
        assert fix.start != previous_start, f"two fixes start at {fix.start}"
        assert fix.original.count("\n") == fix.replacement.count("\n"), "line count changed"
        assert 0.0 <= fix.confidence <= 1.0
        assert fix.reason.strip(), f"fix at {fix.start} has no reason"
        previous_start, previous_end = fix.start, fix.end


def check_apply_changes_only_fix_spans(text, fixes):
    """Every character outside the fix spans is found, unchanged, where OffsetMap says."""
    cleaned = apply_fixes(text, fixes)
    assert cleaned.count("\n") == text.count("\n"), "applying fixes changed the line count"
    expected_length = len(text) + sum(f.delta for f in fixes)
    assert len(cleaned) == expected_length, "cleaned length differs from the fixes' deltas"
    offsets = OffsetMap(fixes, [True] * len(fixes))
    inside = bytearray(len(text))
    for fix in fixes:
        inside[fix.start : fix.end] = b"\x01" * (fix.end - fix.start)
    for position, char in enumerate(text):
        if not inside[position]:
            mapped = offsets.to_cleaned(position)
            assert cleaned[mapped] == char, f"character {position} changed outside every fix"
            # right after an accepted deletion, a position maps back to where the deletion was
            back = offsets.to_original(mapped)
            assert back == position or (back < position and all(inside[back:position])), (
                f"position {position} maps back to {back}"
            )
    for index, fix in enumerate(fixes):
        start, end = offsets.cleaned_span(index)
        assert cleaned[start:end] == fix.replacement, f"fix {index} not found where mapped"
    return cleaned


def check_scan(text, rules=None):
    """Scanning never raises, and its fixes keep the contract; cleaning is idempotent."""
    options = _options(rules)
    fixes = scan(text, options)
    check_fixes(text, fixes)
    check_apply_changes_only_fix_spans(text, fixes)
    decisions = initial_decisions(fixes)
    cleaned = apply_fixes(text, fixes, decisions)
    again = [f for f in scan(cleaned, options) if f.confidence >= DEFAULT_MIN_CONFIDENCE]
    assert not again, "cleaning the cleaned text proposes " + ", ".join(
        f"{f.rule} {f.original!r}->{f.replacement!r} at {f.start} ({f.confidence:.2f})"
        for f in again[:3]
    )
    return fixes


def check_round_trip(data):
    """Bytes that decode as text encode back to exactly the same bytes.

    Bytes that are refused must be refused with a one-line InputError.
    """
    error = None
    try:
        document = decode(data, "fuzz")
    except InputError as refused:
        error = str(refused)
    if error is not None:
        assert "\n" not in error, "error message is not one line"
        return None
    assert encode(document.text, document.layout) == data, (
        f"round trip changed the bytes ({document.layout.label})"
    )
    return document
