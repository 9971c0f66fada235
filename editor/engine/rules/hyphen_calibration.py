"""Placeholder until the fit lands: the evidence's probability is the confidence."""

from __future__ import annotations

_enabled = True


def disable() -> None:
    """Report the evidence's own probabilities (the calibration fit needs them)."""
    global _enabled
    _enabled = False
