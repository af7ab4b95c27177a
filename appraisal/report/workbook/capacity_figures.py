"""The figures the Capacity sheet's formulas give, worked from the engine's own line table, so
that each formula is stored with its result (model-v2.md V10).

They mirror the sheet row by row: each option's lines as they fall on each partner (operating
surplus, one-off items, loan re-pricing interest, cash), the supplier recharges of shared
services, then for each entity tested its plan moved by those lines, with the interest on the
debt the option adds. Every array runs over the workbook's year columns (the built years, past
the horizon too, so a longer ``HorizonYears`` recalculates exactly); the tests read the years
up to the horizon. The engine's :mod:`appraisal.finance.capacity` does the same sums; a test
holds the two equal.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...finance import capacity_plan as cp
from ...finance.capacity import (
    EXCEPTIONAL_COLUMNS,
    LOAN_COLUMN,
    OPERATING_COLUMNS,
    line_splits,
    stressed_quantities,
)
from ...finance.capacity_specs import RuleSpec, option_specs
from ...kinds import COLUMN_IDS
from .option_layout import SHARED_KIND

SCENARIOS = ("As planned", "Pessimistic")
# The rows of an entity block, in order (each a float[years] per scenario).
ENTITY_ROWS = ("surplus", "one_off", "depreciation", "repairs", "net", "debt_interest",
               "added_debt", "interest", "fees", "net_debt", "assets")


@dataclass
class OptionLines:
    """One option's lines as the Capacity sheet lists them (``rows`` into the line table)."""

    rows: np.ndarray                 # int[n] rows of the engine's line table
    refs: list[str]
    operating: np.ndarray            # float[n] +1 saving, −1 recurring cost or VAT, 0 else
    one_off: np.ndarray              # float[n] 1 for the exceptional (one-off) columns
    cash: np.ndarray                 # float[n] the line's sign in the net cash flow
    shares: np.ndarray               # float[n, K] each organisation's share of the line
    amounts: tuple[np.ndarray, np.ndarray]    # float[n, Y] as planned, at the worse ends
    worse_q: np.ndarray              # float[n] each line's quantity at its worse end
    loans: np.ndarray                # int[m] positions (in ``rows``) of the loan lines
    margins: tuple[np.ndarray, np.ndarray]    # float[m, Y] re-pricing interest
    services: np.ndarray             # int[s] positions of the shared services
    recharge_shares: np.ndarray      # float[s, K] supplier's share less the recipient's
    recharges: tuple[np.ndarray, np.ndarray]  # float[s, Y] the recharge paid


class CapacityFigures:
    """Every figure of the Capacity sheet, for each option with tests."""

    def __init__(self, results, table, years: int) -> None:
        case = results.case
        self.case, self.years = case, years
        self.plan = cp.plan_arrays(case, years)                 # float[K, 6, Y]
        self.partners = [k for k, org in enumerate(case.organisations)
                         if cp.is_partner(org) and org.finances is not None]
        self.groups = [k for k, org in enumerate(case.organisations) if not cp.is_partner(org)]
        self.specs = [option_specs(case, o) for o in range(len(case.options))]
        worse_q = stressed_quantities(table)
        amounts = (table.amounts(), table.amounts(worse_q))
        splits = line_splits(case, table)
        column = np.asarray(COLUMN_IDS, dtype=object)[table.column]
        self.rate = float(case.settings.marginal_interest_rate)
        self.inflation = float(getattr(case.settings, "inflation_rate", 0.0) or 0.0)
        self.lines: list[OptionLines] = []
        for o, option in enumerate(case.options):
            rows = np.flatnonzero(table.option == o)
            col = column[rows]
            operating = np.array([OPERATING_COLUMNS.get(c, 0.0) for c in col])
            one_off = np.array([1.0 if c in EXCEPTIONAL_COLUMNS else 0.0 for c in col])
            loans = np.flatnonzero(col == LOAN_COLUMN)
            margins = tuple(q[rows[loans], None] * table.unit[rows[loans]]
                            for q in (table.q, worse_q))
            services = np.array([i for i, l in enumerate(rows)
                                 if table.kind[l] == SHARED_KIND], dtype=int)
            net, flows = self._recharges(option, [table.index[rows[i]] for i in services])
            self.lines.append(OptionLines(
                rows=rows, refs=[table.ref[l] for l in rows], operating=operating,
                one_off=one_off, cash=table.sign[rows], shares=splits[rows],
                amounts=(amounts[0][rows], amounts[1][rows]), worse_q=worse_q[rows], loans=loans,
                margins=(margins[0], margins[1]), services=services, recharge_shares=net,
                recharges=flows))

    def _recharges(self, option, indices: list[int]):
        """Each shared service's net share (supplier's less recipient's; 0 without a supplier)
        and the recharge it pays per year, as planned and at its high end (model-v2.md V6)."""
        case, years = self.case, np.arange(1, self.years + 1)
        index = {org.id: k for k, org in enumerate(case.organisations)}
        net = np.zeros((len(indices), len(case.organisations)))
        flows = np.zeros((2, len(indices), self.years))
        for j, i in enumerate(indices):
            line = option.shared_services[i]
            supplier = getattr(line, "supplier", None)
            if supplier in index and supplier != line.recipient:
                net[j] = (cp.split_of(case, option, index[supplier])
                          - cp.split_of(case, option, index[line.recipient]))
            prices = np.ones(self.years)
            if getattr(line, "basis", "real") == "nominal":
                prices = 1 / (1 + self.inflation) ** years
            started = (years >= line.start_year) * prices
            flows[0, j] = float(line.annual_value) * started
            flows[1, j] = float(line.high if line.has_range else line.annual_value) * started
        return net, (flows[0], flows[1])

    def joint_shares(self, o: int) -> np.ndarray:
        """float[K]: how option ``o`` splits a joint line."""
        return cp.split_of(self.case, self.case.options[o], None)

    def group_shares(self, k: int) -> np.ndarray:
        """float[K]: how a cost sharing group's line is split among its members."""
        return cp.split_of(self.case, self.case.options[0], k)

    def entity(self, o: int, members: tuple[int, ...], s: int) -> dict[str, np.ndarray]:
        """One entity's rows for option ``o`` in scenario ``s`` (0 planned, 1 pessimistic)."""
        lines, idx = self.lines[o], list(members)
        share = lines.shares[:, idx].sum(axis=1)
        amounts = lines.amounts[s]
        plan = self.plan[idx].sum(axis=0)
        charged = lines.recharge_shares[:, idx].sum(axis=1) @ lines.recharges[s]
        net = (share * lines.cash) @ amounts + charged
        interest = np.zeros(self.years)
        added = np.zeros(self.years)
        debt = 0.0
        for t in range(self.years):
            interest[t] = self.rate * max(0.0, debt) / (1 + self.inflation)
            debt = debt / (1 + self.inflation) + interest[t] - net[t]
            added[t] = debt
        loan_share = share[lines.loans]
        margin = loan_share @ lines.margins[s]
        return {
            "surplus": plan[0] + (share * lines.operating) @ amounts + charged,
            "one_off": -((share * lines.one_off) @ amounts),
            "depreciation": plan[1], "repairs": plan[2], "net": net,
            "debt_interest": interest, "added_debt": added,
            "interest": plan[3] + margin + interest,
            "fees": loan_share @ amounts[lines.loans] - margin,
            "net_debt": plan[4] + added, "assets": plan[5],
        }


def num_den(spec: RuleSpec, rows: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The metric's numerator and denominator from an entity's rows, on the rule's basis."""
    rule = spec.rule
    if rule.metric == "gearing":
        return rows["net_debt"], rows["assets"]
    every = rule.basis_or_default == "all"
    num = rows["surplus"] + (rows["one_off"] if every else 0.0) + rows["depreciation"]
    if rule.definition_or_default == "ebitda_mri":
        num = num - rows["repairs"]
    return num, rows["interest"] + (rows["fees"] if every else 0.0)
