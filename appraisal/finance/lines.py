"""Every money line of every option as rows of one table of flows (model.md §2).

Each line's yearly amount is ``q × unit[t] + fixed[t]``: ``q`` is the line's main quantity (the
one ``low``/``high`` bound), ``unit`` the flow one unit of it makes in each year (after optimism
bias), ``fixed`` the part that does not move with it (a loan's fees and breakage; the whole of a
redundancy or pension line). Amounts are positive; ``sign`` is +1 for savings and −1 for costs.
Because every line is linear in ``q``, sensitivity and Monte Carlo are matrix products.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from ..case import Case
from ..kinds import BUILD_ORDER, COLUMN, COLUMN_IDS, KIND
from .caps import weekly_pay_cap
from .inflation import deflator
from .redundancy import RedundancyCost, redundancy_cost

# Result columns in model.md §3 order (savings are benefits; the rest are costs), the column
# each kind feeds, the order lines are built in and the words for an unlabelled line: kinds.py.
COLUMNS = COLUMN_IDS


@dataclass
class LineTable:
    """All lines of all options; row l of each array describes line l."""

    horizon: int
    option: np.ndarray          # int[L]  index into case.options
    column: np.ndarray          # int[L]  index into COLUMNS
    org: np.ndarray             # int[L]  index into case.organisations; n_orgs means joint
    sign: np.ndarray            # float[L] +1 savings, −1 costs
    q: np.ndarray               # float[L] main quantity at base (0 where the line has none)
    unit: np.ndarray            # float[L, H]
    fixed: np.ndarray           # float[L, H]
    low: np.ndarray             # float[L] NaN where no range
    high: np.ndarray            # float[L]
    kind: list[str] = field(default_factory=list)
    index: list[int] = field(default_factory=list)      # position within its option's list
    label: list[str] = field(default_factory=list)
    driver: list[str | None] = field(default_factory=list)   # the line's named driver (V4)
    redundancy: dict[int, RedundancyCost] = field(default_factory=dict)  # by line row

    @property
    def ranged(self) -> np.ndarray:
        return ~np.isnan(self.low)

    @cached_property
    def ref(self) -> list[str]:
        """Each line named as ``LIST[index]`` (built once: every per-line result reads it)."""
        return [f"{k}[{i}]" for k, i in zip(self.kind, self.index)]

    def truncated(self, years: int) -> LineTable:
        """The same lines over years 1..``years`` only (the headline horizon of a table built
        further out for the horizon sensitivity)."""
        if years == self.horizon:
            return self
        return LineTable(
            horizon=years, option=self.option, column=self.column, org=self.org, sign=self.sign,
            q=self.q, unit=self.unit[:, :years], fixed=self.fixed[:, :years], low=self.low,
            high=self.high, kind=self.kind, index=self.index, label=self.label,
            driver=self.driver, redundancy=self.redundancy)

    def amounts(self, q: np.ndarray | None = None) -> np.ndarray:
        """Positive amounts [L, H] with main quantities ``q`` (base when None)."""
        qq = self.q if q is None else q
        return qq[:, None] * self.unit + self.fixed


def _from(start: int, horizon: int) -> np.ndarray:
    """1.0 in each year t >= start (years 1..H)."""
    years = np.arange(1, horizon + 1)
    return (years >= start).astype(float)


def _at(year: int, horizon: int) -> np.ndarray:
    row = np.zeros(horizon)
    if 1 <= year <= horizon:
        row[year - 1] = 1.0
    return row


def instalment_profile(year: int, instalments: int, horizon: int) -> np.ndarray:
    """An amount paid in ``instalments`` equal yearly parts from ``year`` (model-v2.md V5).

    Parts after the horizon fall outside it.

    >>> instalment_profile(2, 3, 3).tolist()
    [0.0, 0.3333333333333333, 0.3333333333333333]
    """
    out = np.zeros(horizon)
    last = min(horizon, year + instalments - 1)
    if year <= horizon:
        out[year - 1:last] = 1.0 / instalments
    return out


def ramp_profile(ramp: list[float], start: int, horizon: int) -> np.ndarray:
    """``ramp[t − start]`` for t >= start, its last value held past its end; 0 before start.

    >>> ramp_profile([0.5, 1.0], 2, 4).tolist()
    [0.0, 0.5, 1.0, 1.0]
    """
    out = np.zeros(horizon)
    for t in range(start, horizon + 1):
        k = t - start
        out[t - 1] = ramp[k] if k < len(ramp) else ramp[-1]
    return out


def renewal_years(year: int, every: int | None, horizon: int) -> np.ndarray:
    """1.0 in ``year`` and, with ``renew_every``, again every that many years (model-v2.md V2).

    >>> renewal_years(1, 10, 25).nonzero()[0].tolist()
    [0, 10, 20]
    """
    row = _at(year, horizon)
    if every:
        row[year - 1::every] = 1.0
    return row


# --- the engine's formula for each kind of line -------------------------------------------------
# Each returns (q, unit, fixed, RedundancyCost or None) for one line, in today's prices: a nominal
# line (``basis``) and a loan's margin uplift, which the contract fixes in pounds of the day, are
# deflated by ``(1 + inflation)^t`` (model-v2.md V3).
Flows = tuple[float, np.ndarray, np.ndarray, RedundancyCost | None]


def _prices(case: Case, line, horizon: int) -> np.ndarray | float:
    if getattr(line, "basis", "real") != "nominal":
        return 1.0
    return deflator(case.settings.inflation_rate, horizon)


def _saving(case: Case, line, horizon: int) -> Flows:
    unit = ramp_profile(line.ramp, line.start_year, horizon)
    unit = unit * (1 - case.settings.optimism_bias.savings) * _prices(case, line, horizon)
    return line.annual, unit, np.zeros(horizon), None


def _recurring_cost(case: Case, line, horizon: int) -> Flows:
    unit = _from(line.start_year, horizon) * _prices(case, line, horizon)
    return line.annual, unit, np.zeros(horizon), None


def _shared_service(case: Case, line, horizon: int) -> Flows:
    """The VAT the recipient cannot recover on a standard-rated supply (model.md §2)."""
    s = case.settings
    rate = 0.0
    if line.vat_treatment == "standard_rated":
        rate = s.vat_rate * (1 - case.organisation(line.recipient).vat_recovery_rate)
    unit = rate * _from(line.start_year, horizon) * _prices(case, line, horizon)
    return line.annual_value, unit, np.zeros(horizon), None


def _one_off_cost(case: Case, line, horizon: int) -> Flows:
    unit = renewal_years(line.year, line.renew_every, horizon)
    return line.amount, unit * (1 + case.settings.optimism_bias.costs), np.zeros(horizon), None


def _loan_repricing(case: Case, line, horizon: int) -> Flows:
    _, loan = case.loan(line.loan)
    years = np.arange(1, horizon + 1)
    unit = np.where(years <= min(loan.remaining_years, horizon), loan.balance / 10000.0, 0.0)
    real = deflator(case.settings.inflation_rate, horizon)
    fixed = _at(1, horizon) * (line.one_off_fees + line.breakage_cost)
    return line.margin_uplift_bps, unit * real, fixed, None


def _redundancy(case: Case, line, horizon: int) -> Flows:
    s = case.settings
    cap = weekly_pay_cap(case, line.organisation)
    cost = redundancy_cost(line, cap, s.employer_nic_rate, s.termination_nic_threshold)
    return 0.0, np.zeros(horizon), _at(line.year, horizon) * cost.total, cost


def _pension_cessation(case: Case, line, horizon: int) -> Flows:
    unit = instalment_profile(line.year, line.instalments, horizon)
    return line.amount, unit * _prices(case, line, horizon), np.zeros(horizon), None


# One formula for each row of appraisal.kinds (tests/test_vocabulary.py holds them equal).
FORMULAS: dict[str, Callable[[Case, Any, int], Flows]] = {
    "savings": _saving, "recurring_costs": _recurring_cost, "shared_services": _shared_service,
    "one_off_costs": _one_off_cost, "loan_repricing": _loan_repricing,
    "redundancies": _redundancy, "pension_cessation": _pension_cessation,
}


def organisation_of(case: Case, kind: str, line) -> str | None:
    """Who gains or pays: the line's field the kind names (a loan line: the loan's owner)."""
    value = getattr(line, KIND[kind].organisation)
    if value is not None and KIND[kind].organisation == "loan":
        return case.loan(value)[0].id
    return value


def default_label(case: Case, kind: str, line, index: int) -> str:
    """A line's label, or a readable stand-in (a loan line: its lender and loan id)."""
    if line.label:
        return line.label
    if KIND[kind].organisation == "loan":
        _, loan = case.loan(line.loan)
        return f"{loan.lender} ({loan.id})" if loan.lender else loan.id
    return f"{KIND[kind].noun} {index + 1}"


def build_lines(case: Case, years: int | None = None) -> LineTable:
    """Turn every money line of every option into a row of a :class:`LineTable`.

    The table covers years 1..``years`` (the case's horizon unless given): the horizon
    sensitivity builds it further out, and every line runs on by its own rules.
    """
    horizon = case.settings.horizon_years if years is None else years
    org_index = {o.id: i for i, o in enumerate(case.organisations)}
    joint = len(case.organisations)
    rows: dict[str, list] = {k: [] for k in ("option", "column", "org", "sign", "q", "unit",
                                             "fixed", "low", "high", "kind", "index", "label",
                                             "driver")}
    redundancy: dict[int, RedundancyCost] = {}
    for o, option in enumerate(case.options):
        for kind in BUILD_ORDER:
            formula, column = FORMULAS[kind], COLUMNS.index(KIND[kind].column)
            sign = 1.0 if COLUMN[KIND[kind].column].benefit else -1.0
            for j, line in enumerate(getattr(option, kind)):
                q, unit, fixed, cost = formula(case, line, horizon)
                if cost is not None:
                    redundancy[len(rows["option"])] = cost
                org = organisation_of(case, kind, line)
                ranged = getattr(line, "has_range", False)
                rows["option"].append(o)
                rows["column"].append(column)
                rows["org"].append(joint if org is None else org_index[org])
                rows["sign"].append(sign)
                rows["q"].append(float(q))
                rows["unit"].append(unit)
                rows["fixed"].append(fixed)
                rows["low"].append(float(line.low) if ranged else np.nan)
                rows["high"].append(float(line.high) if ranged else np.nan)
                rows["kind"].append(kind)
                rows["index"].append(j)
                rows["label"].append(default_label(case, kind, line, j))
                rows["driver"].append(getattr(line, "driver", None) if ranged else None)
    n = len(rows["option"])

    def arr(name, dtype=float):
        return np.asarray(rows[name], dtype=dtype).reshape(n)

    return LineTable(
        horizon=horizon,
        option=arr("option", int), column=arr("column", int), org=arr("org", int),
        sign=arr("sign"), q=arr("q"),
        unit=np.asarray(rows["unit"], dtype=float).reshape(n, horizon),
        fixed=np.asarray(rows["fixed"], dtype=float).reshape(n, horizon),
        low=arr("low"), high=arr("high"),
        kind=rows["kind"], index=rows["index"], label=rows["label"], driver=rows["driver"],
        redundancy=redundancy,
    )
