"""Quote confidences: the evidence of a repair mapped to how often such repairs are right.

The evidence of one decision (a group of nearby changes, see repair.py) is its
margin, how much costlier the best reading without the change is, and whether
the repaired paragraph is settled near it (well-formed, no mark left
misplaced).  ``CALIBRATION`` maps it to the share of such repairs that were
right on ../shared/corpus/bench, each change applied alone and judged against
the truth (bench/calibration.py).  Ties (margin 0: another reading costs the
same) are not special: the search's tie-break picked the right reading in 16
of 17 on bench, so they sit in the lowest-margin bin with what it measures.  It is fitted, not set: refit it with

    python bench/fit_quote_calibration.py --write

which fits on bench, checks on bench-extra (held out) and rewrites the table
between the markers below.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a quote repair rests on."""

    #: cost gap between the repaired reading and the best reading without this change
    margin: float
    #: the repaired paragraph is well-formed near the change (no stray, unclosed or
    #: misplaced mark left within reach)
    settled: bool


# -- fitted table (written by bench/fit_quote_calibration.py) ---------------------------------
# per "settled"/"unsure": (lowest margin of the bin, share right); margins ascending
CALIBRATION: dict[str, tuple[tuple[float, float], ...]] = {
    "settled": ((0.0, 0.952), (0.5, 0.98), (1.6, 0.999)),
    "unsure": ((0.0, 0.512),),
}
#: share of turned-apostrophe fixes right on the bench
TURNED_APOSTROPHE = 0.988
# -- end of fitted table ----------------------------------------------------------------------


def confidence(evidence: Evidence) -> float:
    """The calibrated probability that a repair with ``evidence`` is right."""
    table = CALIBRATION["settled" if evidence.settled else "unsure"]
    index = bisect.bisect_right([low for low, _ in table], evidence.margin) - 1
    return table[max(0, index)][1]


#: what an unsure repair (its paragraph still ill-formed near it) is worth
UNSURE_SHARE = CALIBRATION["unsure"][-1][1]
