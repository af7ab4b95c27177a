"""Per-option sums of the line table: flows by column, net, NPV, BCR, payback (model.md §2)."""
from __future__ import annotations

import numpy as np

from .inflation import discount_factors as schedule_factors
from .lines import COLUMNS, LineTable

# Payback: a cumulative net above −£0.000001 is not a loss (float noise, far below a penny).
PAYBACK_TOLERANCE = 1e-6


def discount_factors(rate: float, horizon: int, schedule: str = "flat") -> np.ndarray:
    """End-of-year discount factors for t = 1..H: ``1 / (1 + rate)^t`` on a flat schedule,
    the Green Book's declining one otherwise (:mod:`appraisal.finance.inflation`).

    >>> round(float(discount_factors(0.035, 1)[0]), 6)
    0.966184
    """
    return schedule_factors(rate, horizon, schedule)


def column_flows(table: LineTable, n_options: int, amounts: np.ndarray | None = None) -> np.ndarray:
    """Positive amounts by option, column and year: an array [O, C, H]."""
    out = np.zeros((n_options, len(COLUMNS), table.horizon))
    amt = table.amounts() if amounts is None else amounts
    np.add.at(out, (table.option, table.column), amt)
    return out


def net_flows(columns: np.ndarray) -> np.ndarray:
    """Savings less every cost column: [O, H]."""
    return columns[:, 0, :] - columns[:, 1:, :].sum(axis=1)


def organisation_npv(table: LineTable, n_options: int, n_orgs: int, df: np.ndarray) -> np.ndarray:
    """NPV of the lines naming each organisation, joint lines in the last slot: [O, n_orgs + 1]."""
    out = np.zeros((n_options, n_orgs + 1))
    pv = table.sign * (table.amounts() @ df)
    np.add.at(out, (table.option, table.org), pv)
    return out


def benefit_cost_ratio(columns: np.ndarray, df: np.ndarray) -> list[float | None]:
    """PV of savings ÷ PV of all cost columns (a breakage gain counts as a negative cost).

    ``None`` where the costs' present value is 0.
    """
    pv = columns @ df                       # [O, C]
    benefits = pv[:, 0]
    costs = pv[:, 1:].sum(axis=1)
    return [None if abs(c) < 1e-9 else float(b / c) for b, c in zip(benefits, costs)]


def payback_year(net: np.ndarray, has_flows: bool) -> int | None:
    """First year whose cumulative undiscounted net is >= 0 after a year in which it was < 0.

    1 if the cumulative net is never negative; ``None`` if it never turns back to >= 0, or if the
    option has no flows at all.

    >>> payback_year(np.array([-2000.0, 70000.0]), True)
    2
    """
    if not has_flows:
        return None
    cumulative = np.cumsum(net)
    been_negative = False
    for t, value in enumerate(cumulative, start=1):
        if value < -PAYBACK_TOLERANCE:
            been_negative = True
        elif been_negative:
            return t
    return None if been_negative else 1
