"""Figures measured against the baseline (model-v2.md V1): payback, benefit-cost ratio,
up-front cost, funding low point and the yearly saving at full run rate.

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


def settled_year(option) -> int:
    """The first year in which every recurring line of ``option`` runs at its full rate: each
    saving past the end of its ramp, each recurring cost and shared service started (year 1 if
    the option has none).

    >>> from types import SimpleNamespace as L
    >>> settled_year(L(savings=[L(start_year=2, ramp=[0.5, 0.8, 1.0])],
    ...                recurring_costs=[L(start_year=3)], shared_services=[]))
    4
    """
    years = [1]
    years += [s.start_year + len(s.ramp) - 1 for s in option.savings]
    years += [c.start_year for c in option.recurring_costs]
    years += [x.start_year for x in option.shared_services]
    return max(years)


def recurring_net(cols: np.ndarray, fixed_loan: np.ndarray) -> np.ndarray:
    """The recurring part of an option's net flow by year: savings less recurring costs,
    irrecoverable VAT and loan re-pricing margins (one-off columns and loan fees left out).

    ``cols`` is the option's [C, T] columns, ``fixed_loan`` its loan fees and breakage by year.
    """
    costs = cols[1:].sum(axis=0) - cols[list(ONE_OFF_COLUMNS)].sum(axis=0) - fixed_loan
    return cols[0] - costs


def run_rate(recurring: np.ndarray, baseline: np.ndarray, year: int) -> dict:
    """``{"saving": r_t − r_t(baseline), "year": t}``: the yearly saving at full run rate, the
    recurring net flow against the baseline's in year ``t`` (the later of the option's and the
    baseline's settled years, kept within the years computed).

    >>> run_rate(np.array([-10.0, 40.0, 40.0]), np.array([-30.0, -30.0, -30.0]), 2)
    {'saving': 70.0, 'year': 2}
    """
    t = min(year, len(recurring))
    return {"saving": float(recurring[t - 1] - baseline[t - 1]), "year": t}
