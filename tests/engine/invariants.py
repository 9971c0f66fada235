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
    """Spans inside the text, originals that match, sorted, no overlaps, no carriage returns."""
    previous_end = -1
    previous_start = -1
    for fix in fixes:
        assert 0 <= fix.start <= fix.end <= len(text), f"span {fix.start}..{fix.end} outside text"
        assert text[fix.start : fix.end] == fix.original, f"original mismatch at {fix.start}"
        assert fix.start >= previous_end, f"fix at {fix.start} overlaps one ending {previous_end}"
        assert fix.start != previous_start, f"two fixes start at {fix.start}"
        assert "\r" not in fix.replacement, "a fix writes a carriage return"
        assert 0.0 <= fix.confidence <= 1.0
        assert fix.reason.strip(), f"fix at {fix.start} has no reason"
        previous_start, previous_end = fix.start, fix.end


def check_apply_changes_only_fix_spans(text, fixes):
    """Every character outside the fix spans is found, unchanged, where OffsetMap says."""
    cleaned = apply_fixes(text, fixes)
    lines_changed = sum(f.replacement.count("\n") - f.original.count("\n") for f in fixes)
    assert cleaned.count("\n") == text.count("\n") + lines_changed, "line count off"
    expected_length = len(text) + sum(f.delta for f in fixes)
    assert len(cleaned) == expected_length, "cleaned length differs from the fixes' deltas"
    offsets = OffsetMap.for_text(text, fixes, [True] * len(fixes))
    inside = bytearray(len(text))
    for fix in fixes:
        inside[fix.start : fix.end] = b"\x01" * (fix.end - fix.start)
    counted, cleaned_breaks = 0, 0  # breaks of cleaned before ``counted`` (a running count)
    for position, char in enumerate(text):
        if not inside[position]:
            mapped = offsets.to_cleaned(position)
            assert cleaned[mapped] == char, f"character {position} changed outside every fix"
            # right after an accepted deletion, a position maps back to where the deletion was
            back = offsets.to_original(mapped)
            assert back == position or (back < position and all(inside[back:position])), (
                f"position {position} maps back to {back}"
            )
            if position == 0 or text[position - 1] == "\n":
                line = offsets.original_line(position)
                cleaned_breaks += cleaned.count("\n", counted, mapped)
                counted = mapped
                cleaned_line = cleaned_breaks
                assert offsets.to_cleaned_line(line) == cleaned_line, f"line {line} mapped wrong"
                back_line = offsets.to_original_line(cleaned_line)
                assert back_line <= line, f"line {line} maps back to {back_line}"
                assert offsets.to_cleaned_line(back_line) <= cleaned_line, "line map not inverse"
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
