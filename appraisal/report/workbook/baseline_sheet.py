"""The Baseline sheet: the net cash flow and present values of whichever option
``BaselineOption`` names, for the figures measured against it (model-v2.md V1).

Each figure sums every option's own figure times "is this option the baseline", so changing
``BaselineOption`` on Inputs moves every payback, ratio and funding low point at once.
"""
from __future__ import annotations

from ...results import Results
from .cells import col, on, quote_sheetname
from .option_layout import LABEL, MAIN, Grid
from .styles import MONEY, WHOLE

SHEET = "Baseline"
T, NET, PV_SAVINGS, PV_COSTS = 4, 5, 7, 8


def addresses() -> dict[str, str]:
    """Where option sheets read the baseline's figures (the layout is fixed)."""
    return {"sheet": quote_sheetname(SHEET), "pv_savings": on(SHEET, f"$E${PV_SAVINGS}"),
            "pv_costs": on(SHEET, f"$E${PV_COSTS}")}


def write_baseline(ws, results: Results, grid: Grid, option_maps, id_cells: list[str],
                   net_rows: list[int], timeline) -> None:
    ws.text(1, 1, "Baseline: the figures of the option BaselineOption names", "Title")
    ws.text(2, 1, "Every payback, benefit-cost ratio and funding low point is measured against "
            "these.", "Note")
    ws.text(T, LABEL, "Year (t)", "Header")
    ws.text(NET, LABEL, "The baseline's net cash flow (in the horizon)")
    base = results.baseline
    net = timeline.pad(cf.net for cf in base.cash_flows)
    is_base = [f"({cell}=BaselineOption)" for cell in id_cells]
    for i, c in enumerate(grid.year_columns()):
        k = grid.first_year + i
        ws.formula(T, k, "=1" if i == 0 else f"={grid_prev(k)}{T}+1", i + 1, "Header", WHOLE)
        terms = "+".join(f"{flag}*{on(m.sheet, f'{c}{r}')}"
                         for flag, m, r in zip(is_base, option_maps, net_rows))
        ws.formula(NET, k, f"={terms}", net[i], "Calc", MONEY)
    for r, label, attr, value in ((PV_SAVINGS, "The baseline's present value of savings",
                                   "pv_savings", base.pv_savings),
                                  (PV_COSTS, "The baseline's present value of costs",
                                   "pv_costs", base.pv_costs)):
        ws.text(r, LABEL, label)
        terms = "+".join(f"{flag}*{getattr(m, attr)}" for flag, m in zip(is_base, option_maps))
        ws.formula(r, MAIN, f"={terms}", value, "Calc", MONEY)
    ws.width(1, 4)
    ws.width(LABEL, 44)
    for k in range(3, grid.first_year):
        ws.width(k, 2 if k != MAIN else 14)
    for k in range(grid.first_year, grid.last_year + 1):
        ws.width(k, 12)


def grid_prev(k: int) -> str:
    return col(k - 1)
