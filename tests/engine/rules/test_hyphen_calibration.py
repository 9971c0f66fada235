import pytest

from editor.engine.rules import hyphen_calibration
from editor.engine.rules.hyphen_calibration import CURVES, FixKind, calibrated, interpolate


def test_interpolation_runs_between_knots_and_is_flat_beyond_them():
    knots = ((0.5, 0.2), (0.9, 0.6))
    assert interpolate(knots, 0.7) == pytest.approx(0.4)
    assert interpolate(knots, 0.1) == 0.2
    assert interpolate(knots, 0.99) == 0.6


@pytest.mark.parametrize("kind", list(FixKind))
def test_every_kind_has_a_monotone_curve_within_the_ceiling(kind):
    knots = CURVES[kind]
    xs = [x for x, _ in knots]
    ys = [y for _, y in knots]
    assert xs == sorted(xs)
    assert ys == sorted(ys)
    assert all(0.0 <= y <= 1.0 for y in ys)
    values = [calibrated(kind, p / 100) for p in range(50, 100)]
    assert values == sorted(values)


def test_disabling_reports_the_evidence_itself(monkeypatch):
    monkeypatch.setattr(hyphen_calibration, "_enabled", False)
    assert calibrated(FixKind.JOIN_LINE, 0.731) == 0.731
