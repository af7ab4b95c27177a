"""Time and prices: the discount schedule and the inflation deflator (model-v2.md V2, V3).

Every amount in a case is in today's prices and the discount rate is real. A nominal amount (a
fixed cash sum, such as a contractual loan margin) is turned into today's prices by dividing by
``(1 + inflation_rate)^t`` in year t, and then discounted like any other flow.
"""
from __future__ import annotations

import numpy as np

# The Green Book's long-term schedule for its 3.5% rate: (first year, rate less than the base).
DECLINING_STEPS = ((1, 0.0), (31, 0.005), (76, 0.010))


def yearly_rates(rate: float, years: int, schedule: str = "flat") -> np.ndarray:
    """The discount rate in force in each year t = 1..years.

    Declining: r for years 1..30, r − 0.005 for 31..75, r − 0.010 from 76 on (never below 0).

    >>> yearly_rates(0.035, 32, "declining")[[0, 29, 30, 31]].round(4).tolist()
    [0.035, 0.035, 0.03, 0.03]
    """
    t = np.arange(1, years + 1)
    rates = np.full(years, float(rate))
    if schedule == "declining":
        for first, less in DECLINING_STEPS:
            rates[t >= first] = max(0.0, rate - less)
    return rates


def discount_factors(rate: float, years: int, schedule: str = "flat") -> np.ndarray:
    """End-of-year factors ``df_t = Π_{s<=t} 1 / (1 + r_s)``; flat: ``(1 + r)^−t`` exactly.

    >>> round(float(discount_factors(0.035, 1)[0]), 6)
    0.966184
    >>> f = discount_factors(0.035, 31, "declining")
    >>> round(float(f[30] / f[29]), 6) == round(1 / 1.03, 6)
    True
    """
    if schedule == "flat":
        return 1.0 / (1.0 + rate) ** np.arange(1, years + 1)
    return 1.0 / np.cumprod(1.0 + yearly_rates(rate, years, schedule))


def deflator(inflation_rate: float, years: int) -> np.ndarray:
    """``1 / (1 + i)^t`` for t = 1..years: what £1 of year t's cash is worth in today's prices.

    >>> deflator(0.02, 2).round(6).tolist()
    [0.980392, 0.961169]
    """
    return 1.0 / (1.0 + inflation_rate) ** np.arange(1, years + 1)
