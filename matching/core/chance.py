"""The chance a person calls an offering relevant to a need, from their base fit
(`matching.core.scoring.base_fit`), as `matching.core.scoring` states it:

    chance = (σ(CHANCE_INTERCEPT + CHANCE_SLOPE × base) − σ(CHANCE_INTERCEPT))
             / (1 − σ(CHANCE_INTERCEPT)),     σ(x) = 1 / (1 + e^−x)

The two numbers are fitted by bench/calibration.py on the top tens of the judged needs and of
their Hindi and Hinglish rewrites (docs/benchmarks.md, "Scores as chances"). The index and the
per-pair reference both call `chance`, on an array or on one value, so they agree.
"""

import numpy as np
from scipy.special import expit

CHANCE_INTERCEPT = -6.30
CHANCE_SLOPE = 10.04


def chance(base, intercept: float = CHANCE_INTERCEPT, slope: float = CHANCE_SLOPE):
    """The chance at this base fit (a float or an array of them, which it overwrites); 0 at a
    base of 0, and above 0 for any base above it (a base is never below 0). Another curve's
    numbers are for fitting them (bench/calibration.py)."""
    if not isinstance(base, np.ndarray):
        return float(chance(np.array([base], dtype=np.float64), intercept, slope)[0])
    floor = float(expit(intercept))  # the curve at a base of 0
    curve = np.multiply(base, slope, out=base)
    curve += intercept
    expit(curve, out=curve)
    curve -= floor
    curve /= 1.0 - floor
    return curve
