"""Figures measured against the baseline (model-v2.md V1): payback, benefit-cost ratio,
up-front cost and funding low point.

With ``d_t = net_t(option) − net_t(baseline)`` and ``C_t = Σ_{s<=t} d_s``, an option pays back
in the first year from which ``C`` never again falls below 0, and its funding low point is the
lowest ``C`` reaches (how far in cash it falls behind the baseline before it pays back).
"""
from __future__ import annotations

import numpy as np

from .lines import COLUMNS

# Cumulative sums within £0.000001 of 0 count as 0 (float noise, far below a penny).
CASH_TOLERANCE = 1e-6
# A difference in the present value of costs under half a penny counts as none.
COST_TOLERANCE = 0.005
NO_HIGHER_COSTS = "costs_no_higher_than_baseline"
# The columns of one-off (non-recurring) items, counted in ``one_off_total``.
ONE_OFF_COLUMNS = tuple(COLUMNS.index(c) for c in
                        ("redundancy", "pension_cessation", "one_off_costs"))
LOAN_COLUMN = COLUMNS.index("loan_repricing")


def cumulative_gap(net: np.ndarray, baseline: np.ndarray) -> np.ndarray:
    """``C_t``: the option's undiscounted net less the baseline's, accumulated year by year;
    values within £0.000001 of 0 are 0."""
    c = np.cumsum(net - baseline)
    c[np.abs(c) < CASH_TOLERANCE] = 0.0
    return c


def payback_vs_baseline(gap: np.ndarray) -> int | None:
    """First year t with ``C_s >= 0`` for every s >= t up to H; None if ``C_H < 0``.

    >>> payback_vs_baseline(np.array([-2000.0, 68000.0, 168000.0]))
    2
    >>> payback_vs_baseline(np.array([5.0, -1.0, 3.0])) is None, payback_vs_baseline(np.zeros(2))
    (False, 1)
    """
    negative = np.flatnonzero(gap < 0)
    if len(negative) == 0:
        return 1
    last = int(negative[-1]) + 1          # the last year behind the baseline (1-based)
    return None if last == len(gap) else last + 1


def funding_low_point(gap: np.ndarray) -> dict:
    """``{"amount": min(0, min C_t), "year": first t at that minimum, or None if 0}``.

    >>> funding_low_point(np.array([-2000.0, -2500.0, 1000.0]))
    {'amount': -2500.0, 'year': 2}
    """
    low = float(min(0.0, gap.min())) if len(gap) else 0.0
    if low == 0.0:
        return {"amount": 0.0, "year": None}
    return {"amount": low, "year": int(np.argmax(gap <= low)) + 1}


def bcr_vs_baseline(pv_cols: np.ndarray, baseline: np.ndarray) -> tuple[float | None, str | None]:
    """``(ΔB / ΔC, None)`` when ΔC > 0, else ``(None, "costs_no_higher_than_baseline")``.

    ΔB is the option's present value of savings less the baseline's; ΔC the same for all cost
    columns together (a breakage gain counts as a negative cost).
    """
    d_benefit = float(pv_cols[0] - baseline[0])
    d_cost = float(pv_cols[1:].sum() - baseline[1:].sum())
    if d_cost <= COST_TOLERANCE:
        return None, NO_HIGHER_COSTS
    return d_benefit / d_cost, None


def one_off_total(cols: np.ndarray, fixed_loan: np.ndarray) -> float:
    """Undiscounted sum of the non-recurring columns over years 1..H: redundancy, pension
    cessation, one-off costs (renewals in 1..H included) and loan fees and breakage.

    ``cols`` is the option's [C, H] columns; ``fixed_loan`` its loans' fees and breakage by year
    (the part of the loan column that is not the yearly margin).
    """
    return float(cols[list(ONE_OFF_COLUMNS)].sum() + fixed_loan.sum())
