"""From the hyphen evidence's probability to the confidence Mend shows: the fitted map.

The judge's probability (the logistic of the summed weights in
:mod:`~editor.engine.rules.hyphen_weights`) is only as honest as the weights.
The confidence shown is that probability mapped through a monotone,
piecewise-linear curve per kind of fix, fitted by isotonic regression on the
share of fixes that were right: each proposed fix applied alone, judged against
the ground truth (bench/hyphens.py).  So a join shown at 0.9 was right about
nine times in ten on the texts the fit saw, and on the held-out ones it is
checked on.

To refit (after changing a weight or the evidence)::

    export MEND_SHARED=../shared
    python bench/hyphens.py --raw --records raw.jsonl                 # the bench
    python bench/hyphens.py --raw --records typeset.jsonl --dir ../shared/corpus/typeset/bench
    python bench/hyphens.py --raw --records extra.jsonl --dir ../shared/corpus/bench-extra
    python bench/hyphen_calibration.py raw.jsonl typeset.jsonl --held-out extra.jsonl

The fit sees the bench and corpus/typeset only; it prints their reliability
held out (half the files fit, the other half scored, then swapped), and that of
bench-extra, which it never sees, under the new curves.  Paste the printed
table over :data:`CURVES` only if both held-out tables pass (ECE <= 0.02, every
bin of 20 fixes or more within 0.10 of its mean confidence).
"""

from __future__ import annotations

import bisect
import enum


class FixKind(enum.Enum):
    """The kinds of hyphen fix, each with a curve of its own."""

    JOIN_LINE = "join-line"  # impossib-⏎ility -> impossibility
    KEEP_LINE = "keep-line"  # well-⏎known -> well-known
    JOIN_INLINE = "join-inline"  # announ-ced -> announced
    JOIN_WORDS = "join-words"  # night-cap -> nightcap: both sides are words
    JOIN_SPACE = "join-space"  # announ- ced -> announced
    KEEP_SPACE = "keep-space"  # well- known -> well-known


#: (probability, confidence) knots per kind, increasing in both; between knots the
#: confidence is interpolated, outside them it is the nearest knot's.  Fitted by
#: bench/hyphen_calibration.py (blocks of at least 50 fixes) on 14,801 hyphen fixes of
#: ../shared/corpus/bench and corpus/typeset; held out (half the files each way) ECE
#: 0.010 and every bin within 0.10; on bench-extra, never seen, ECE 0.008, one bin off
#: (0.5-0.6: 69 joins between two words shown at 0.56, right 22 %, all below the
#: default threshold).  What the curves say: a line-end join or kept compound is right
#: 99 % of the time whatever the evidence's margin; an inline join is as good as its
#: evidence only from about 0.9, and one between two words ("night-cap") is right
#: barely one time in two below 0.83, since old texts write such compounds with a
#: hyphen; closing a spaced hyphen ("aide- chirurgien" -> "aide-chirurgien") is almost
#: never what the text meant.
CURVES: dict[FixKind, tuple[tuple[float, float], ...]] = {
    FixKind.JOIN_INLINE: (
        (0.51, 0.623),
        (0.88, 0.623),
        (0.89, 0.948),
        (0.94, 0.948),
        (0.95, 0.99),
        (0.99, 0.99),
    ),
    FixKind.JOIN_WORDS: (
        (0.5, 0.556),
        (0.82, 0.556),
        (0.83, 0.96),
        (0.97, 0.96),
        (0.98, 0.985),
        (0.99, 0.985),
    ),
    FixKind.JOIN_LINE: ((0.5, 0.99), (0.99, 0.99)),
    FixKind.JOIN_SPACE: ((0.73, 0.99), (0.99, 0.99)),
    FixKind.KEEP_LINE: ((0.55, 0.99), (0.99, 0.99)),
    FixKind.KEEP_SPACE: ((0.55, 0.011), (0.99, 0.011)),
}

_enabled = True


def disable() -> None:
    """Report the evidence's own probabilities (the calibration fit needs them)."""
    global _enabled
    _enabled = False


def calibrated(kind: FixKind, probability: float) -> float:
    """The confidence for a fix of ``kind`` whose evidence gives ``probability``."""
    if not _enabled:
        return probability
    return interpolate(CURVES[kind], probability)


def interpolate(knots: tuple[tuple[float, float], ...], x: float) -> float:
    """The piecewise-linear curve through ``knots`` at ``x`` (flat beyond the ends)."""
    xs = [k[0] for k in knots]
    index = bisect.bisect_right(xs, x)
    if index == 0:
        return knots[0][1]
    if index == len(knots):
        return knots[-1][1]
    (x0, y0), (x1, y1) = knots[index - 1], knots[index]
    if x1 == x0:
        return y1
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
