"""The engine's figures for every year column the workbook builds, stored as the formulas'
results so that a viewer that does not recalculate shows them.

Within the horizon they are the engine's own Results; past it (the year columns run on to
``MaxYears`` for the horizon table) they come from the engine's own line table, discount
schedule and deflator built that far (model-v2.md V2), the very arrays ``appraise`` uses.
"""
from __future__ import annotations

import numpy as np

from ...finance.baseline import CASH_TOLERANCE
from ...finance.inflation import deflator, discount_factors, yearly_rates
from ...finance.lines import build_lines
from ...kinds import COLUMN_IDS
from ...results import OptionResult, Results


class Timeline:
    """Year by year over the built columns: rates, discount factors, deflator, every line."""

    def __init__(self, results: Results, years: int) -> None:
        s = results.case.settings
        self.h, self.years = results.horizon, years
        self.rates = yearly_rates(s.discount_rate, years, s.discount_schedule).tolist()
        self.df = discount_factors(s.discount_rate, years, s.discount_schedule).tolist()
        self.deflator = deflator(s.inflation_rate, years).tolist()
        table = build_lines(results.case, years)
        self.table = table          # the engine's line table over every built year
        amounts = table.amounts()
        self.amounts: list[dict[str, list[float]]] = []
        self.units: list[dict[str, list[float]]] = []
        self.net_all: list[list[float]] = []
        for o in range(len(results.options)):
            mine = np.flatnonzero(table.option == o)
            self.amounts.append({table.ref[l]: amounts[l].tolist() for l in mine})
            self.units.append({table.ref[l]: table.unit[l].tolist() for l in mine})
            self.net_all.append((table.sign[mine] @ amounts[mine]).tolist() if len(mine)
                                else [0.0] * years)
        df_h = np.array(self.df[: results.horizon])
        self.gradients = [{table.ref[l]: float(table.sign[l] * table.unit[l][: results.horizon]
                                               @ df_h) for l in np.flatnonzero(table.option == o)}
                          for o in range(len(results.options))]

    def pad(self, values) -> list[float]:
        """Figures for years 1..H, then 0 in every built year past the horizon."""
        return list(values)[: self.h] + [0.0] * (self.years - self.h)


class OptionFigures:
    """One option's figures by year column (the flagged ones are 0 past the horizon)."""

    def __init__(self, timeline: Timeline, results: Results, o: int) -> None:
        option: OptionResult = results.options[o]
        cf = option.cash_flows
        pad = timeline.pad
        self.column = {c: pad(getattr(x, c) for x in cf) for c in COLUMN_IDS}
        self.net = pad(x.net for x in cf)
        self.discounted = pad(x.discounted for x in cf)
        self.net_all = timeline.net_all[o]
        self.base_net = pad(x.net for x in results.baseline.cash_flows)
        self.gap = [a - b for a, b in zip(self.net, self.base_net)]
        cum = np.cumsum(self.gap)
        cum[np.abs(cum) < CASH_TOLERANCE] = 0.0
        self.cum_gap = cum.tolist()
        self.behind = [t if v < 0 else 0 for t, v in enumerate(self.cum_gap, start=1)]
