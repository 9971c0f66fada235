from __future__ import annotations

import pytest

from editor.engine.model import DEFAULT_MIN_CONFIDENCE
from editor.engine.rules.quotes import calibration
from editor.engine.rules.quotes.calibration import CALIBRATION, Evidence, confidence


@pytest.mark.parametrize("key", sorted(CALIBRATION))
def test_each_table_is_ascending_in_margin_and_never_decreasing_in_share(key):
    table = CALIBRATION[key]
    lows = [low for low, _ in table]
    shares = [share for _, share in table]
    assert lows[0] == 0.0
    assert lows == sorted(lows)
    assert shares == sorted(shares)
    assert all(0.0 < share < 1.0 for share in shares)


def test_confidence_grows_with_the_margin():
    margins = [0.0, 0.3, 0.6, 1.0, 2.0, 5.0, float("inf")]
    values = [confidence(Evidence(m, settled=True)) for m in margins]
    assert values == sorted(values)


def test_a_repair_that_leaves_its_paragraph_ill_formed_waits_for_the_user():
    assert confidence(Evidence(5.0, settled=False)) < DEFAULT_MIN_CONFIDENCE
    assert confidence(Evidence(5.0, settled=False)) < confidence(Evidence(0.0, settled=True))


def test_the_unsure_share_is_the_tables_own():
    assert CALIBRATION["unsure"][-1][1] == calibration.UNSURE_SHARE
