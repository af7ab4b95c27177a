"""One sheet per option: its lines, totals by results column, net flow, NPV and payback.

model.md §2, per option: net_t = savings − every cost column; df_t = 1/(1 + DiscountRate)^t;
NPV = Σ net_t × df_t; payback = the first year whose cumulative net is >= 0 after a year in
which it was < 0 (1 if never negative; "n/a" where the engine reports null: it never turns back,
or the option has no flows at all). The year columns run to ``MaxYears`` (at least 30, or the
longest loan); each line row is multiplied by the "In horizon" flag row, so any ``HorizonYears``
up to ``MaxYears`` recalculates exactly as the engine run at that horizon.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ...formatting import form_name
from ...kinds import COLUMN_IDS as COLUMNS
from ...results import OptionResult, Results
from .cells import col, on, ref
from .option_layout import (
    CAL_ROW,
    COLUMN_LABEL,
    EXTRA,
    FIRST_LINE_ROW,
    FLAG_ROW,
    HIGH,
    LABEL,
    LOW,
    MAIN,
    R_BCR,
    R_HAS_FLOWS,
    R_NPV,
    R_PAYBACK,
    R_PV_COSTS,
    R_PV_SAVINGS,
    REF,
    T_ROW,
    Grid,
    OptionLayout,
    kind_of,
    plan_option,
)
from .option_lines import LineWriter, line_formula, write_block_header
from .styles import CHECK, FACTOR, MONEY, RATIO, WHOLE


@dataclass
class LineCells:
    """Addresses of one line, for the Sensitivity sheet."""

    label: str
    main: str
    low: str
    high: str
    gradient: str | None     # NPV change per unit of the main quantity
    gradient_value: float = 0.0


@dataclass
class OptionSheetMap:
    sheet: str
    npv: str
    payback: str
    bcr: str
    lines: dict[str, LineCells]
    org_range: str           # organisation column of the line rows
    pv_range: str            # signed present value column of the line rows
    line_total_range: str    # signed total-in-horizon column of the line rows
    net_total: str           # total of the net cash flow row
    checks: list[tuple[str, str]] = field(default_factory=list)   # (what, formula) lookups


class Flows:
    """The engine's figures for one option, by year column (zero past the horizon)."""

    def __init__(self, results: Results, option: OptionResult, years: int) -> None:
        h = results.horizon
        self.h, self.years = h, years
        pad = [0.0] * (years - h)
        cf = option.cash_flows
        self.column = {c: [getattr(x, c) for x in cf] + pad for c in COLUMNS}
        self.net = [x.net for x in cf] + pad
        self.df = [x.discount_factor for x in cf]
        self.df += [1 / (1 + results.discount_rate) ** t for t in range(h + 1, years + 1)]
        self.discounted = [x.discounted for x in cf] + pad
        cum = list(np.cumsum(self.net))
        self.cumulative = cum
        tol = 1e-6
        neg = [0] * years
        seen = False
        for i, v in enumerate(cum):
            seen = seen or v < -tol
            neg[i] = int(seen)
        self.negative = neg
        self.paid_back = [int(n == 1 and v >= -tol) for n, v in zip(neg, cum)]

    def pad(self, values) -> list[float]:
        return list(values)[: self.h] + [0.0] * (self.years - self.h)


def _timeline(ws, grid: Grid, results: Results) -> None:
    ws.text(T_ROW, LABEL, "Year (t)", "Header")
    ws.text(CAL_ROW, LABEL, "Calendar year")
    ws.text(FLAG_ROW, LABEL, "In horizon (1 yes, 0 no)")
    for i, c in enumerate(grid.year_columns()):
        prev = col(grid.first_year + i - 1)
        t = i + 1
        ws.formula(T_ROW, grid.first_year + i, "=1" if i == 0 else f"={prev}{T_ROW}+1", t,
                   "Header", WHOLE)
        ws.formula(CAL_ROW, grid.first_year + i, f"=FirstYear+{c}${T_ROW}-1",
                   results.first_year + i, "Calc", WHOLE)
        ws.formula(FLAG_ROW, grid.first_year + i, f"=--({c}${T_ROW}<=HorizonYears)",
                   int(t <= results.horizon), "Calc", WHOLE)


def _row_across(ws, grid: Grid, row: int, formula, values, style="Calc", fmt=MONEY) -> None:
    """One formula per row: the same rule in every year column, each with its figure."""
    for i, c in enumerate(grid.year_columns()):
        ws.formula(row, grid.first_year + i, formula(c), values[i], style, fmt)


def _line_summary_cells(ws, grid: Grid, lay: OptionLayout, r: int, line) -> None:
    """Sign, signed total in horizon and signed present value of a line row."""
    dfs, me = grid.row_span(lay.df), grid.row_span(r)
    sign = 1 if line.column == "savings" else -1
    ws.formula(r, grid.sign, f"=IF($C{r}=$B${lay.total_row['savings']},1,-1)", sign, "Calc",
               WHOLE)
    ws.formula(r, grid.total, f"=${col(grid.sign)}{r}*SUM({me})", sign * line.total, "Calc",
               MONEY)
    ws.formula(r, grid.pv, f"=${col(grid.sign)}{r}*SUMPRODUCT({dfs},{me})", line.pv, "Calc",
               MONEY)


def _lines(ws, grid: Grid, lay: OptionLayout, option: OptionResult, case_option, writer,
           workings: dict, flows: Flows, checks: list) -> dict[str, tuple]:
    """Every block of lines; returns, per ref, (row, unit expression)."""
    exprs = {}
    for kind, header in lay.blocks:
        write_block_header(ws, grid, kind, header, grid.extra_width)
    for line in option.lines:
        kind, index = kind_of(line.ref)
        r = lay.line_row[line.ref]
        raw = getattr(case_option, kind)[index]
        unit, fixed, found = writer.write(kind, raw, r, line.ref, line.label,
                                          workings.get(line.ref, {}), option.name)
        _row_across(ws, grid, r, line_formula(r, unit, fixed), flows.pad(line.amounts))
        _line_summary_cells(ws, grid, lay, r, line)
        exprs[line.ref] = (r, unit)
        for formula in found:
            what = ("its organisation" if "JointLabel" in formula or "OrgIds" in formula
                    else "its loan" if "LoanIds" in formula else "its VAT treatment")
            checks.append((f"{option.name}: {line.label}: {what} is found exactly once",
                           _qualify(formula, lay.sheet)))
    if not option.lines:
        ws.text(FIRST_LINE_ROW, LABEL, "No money lines: every flow is zero", "Note")
    return exprs


def _qualify(formula: str, sheet: str) -> str:
    """A lookup written for its own sheet, with its ``$X$n`` cells read from ``sheet``."""
    return re.sub(r"(?<![!A-Za-z])(\$[A-Z]+\$\d+)", lambda m: on(sheet, m.group(1)), formula)


def _totals(ws, grid: Grid, lay: OptionLayout, option: OptionResult, flows: Flows) -> None:
    ws.text(lay.totals_header, LABEL, "Totals by results column (positive amounts)", "Header")
    first, last = lay.lines_first, lay.lines_last
    dfs = grid.row_span(lay.df)
    for column in COLUMNS:
        r = lay.total_row[column]
        ws.text(r, LABEL, COLUMN_LABEL[column])
        _row_across(ws, grid, r, lambda c, r=r: (
            f"=SUMPRODUCT(--($C${first}:$C${last}=$B{r}),{c}${first}:{c}${last})"),
            flows.column[column])
        values = flows.column[column]
        ws.formula(r, grid.total, f"=SUM({grid.row_span(r)})", sum(values), "Calc", MONEY)
        ws.formula(r, grid.pv, f"=SUMPRODUCT({grid.row_span(r)},{dfs})",
                   float(np.dot(values, flows.df)), "Calc", MONEY)
    sav, rec, one = (lay.total_row[k] for k in ("savings", "recurring_costs", "one_off_costs"))
    fy = col(grid.first_year)
    rows = (
        (lay.net, "Net cash flow (savings − costs)", lambda c: f"={c}{sav}-SUM({c}{rec}:{c}{one})",
         flows.net, MONEY),
        (lay.df, "Discount factor", lambda c: f"=1/(1+DiscountRate)^{c}${T_ROW}", flows.df,
         FACTOR),
        (lay.discounted, "Discounted net flow", lambda c: f"={c}{lay.net}*{c}{lay.df}",
         flows.discounted, MONEY),
        (lay.cumulative, "Cumulative net (undiscounted)",
         lambda c: f"=SUM(${fy}{lay.net}:{c}{lay.net})", flows.cumulative, MONEY),
        (lay.negative, "Cumulative net negative so far (1/0)",
         lambda c: f"=--(MIN(${fy}{lay.cumulative}:{c}{lay.cumulative})<-PaybackTolerance)",
         flows.negative, WHOLE),
        (lay.paid_back, "Back to >= 0 after being negative (1/0)",
         lambda c: f"=--AND({c}{lay.negative}=1,{c}{lay.cumulative}>=-PaybackTolerance)",
         flows.paid_back, WHOLE),
    )
    for r, label, formula, values, fmt in rows:
        ws.text(r, LABEL, label, "Output" if r == lay.discounted else "Label")
        _row_across(ws, grid, r, formula, values, fmt=fmt)
    ws.formula(lay.net, grid.total, f"=SUM({grid.row_span(lay.net)})", sum(flows.net), "Calc",
               MONEY)
    ws.formula(lay.discounted, grid.pv, f"=SUM({grid.row_span(lay.discounted)})", option.npv,
               "Output", MONEY)


def _key_results(ws, grid: Grid, lay: OptionLayout, option: OptionResult) -> None:
    pv = col(grid.pv)
    costs = [lay.total_row[k] for k in COLUMNS[1:]]
    block = (f"${col(grid.first_year)}${lay.total_row[COLUMNS[0]]}:"
             f"${col(grid.last_year)}${lay.total_row[COLUMNS[-1]]}")
    e = col(MAIN)
    has_flows = any(cf.net != 0 or any(getattr(cf, c) != 0 for c in COLUMNS)
                    for cf in option.cash_flows)
    rows = (
        (R_NPV, "NPV (£)", f"=SUM({grid.row_span(lay.discounted)})", option.npv, MONEY,
         "Output"),
        (R_PV_SAVINGS, "Present value of savings (£)", f"=${pv}${lay.total_row['savings']}",
         option.pv_savings, MONEY, "Calc"),
        (R_PV_COSTS, "Present value of costs (£)", f"=SUM(${pv}${costs[0]}:${pv}${costs[-1]})",
         option.pv_costs, MONEY, "Calc"),
        (R_BCR, "Benefit-cost ratio (own flows)", (f'=IF(ABS(${e}${R_PV_COSTS})<=TieTolerance,'
         f'"n/a",${e}${R_PV_SAVINGS}/${e}${R_PV_COSTS})'),
         "n/a" if option.bcr is None else option.bcr, RATIO, "Calc"),
        (R_HAS_FLOWS, "Has any flow (TRUE/FALSE)", f"=SUMPRODUCT(--({block}<>0))>0", has_flows,
         CHECK, "Calc"),
        (R_PAYBACK, "Payback year (n/a: never, or no flows)",
         (f'=IF(NOT(${e}${R_HAS_FLOWS}),"n/a",IF(MAX({grid.row_span(lay.negative)})=0,1,'
         f'IF(MAX({grid.row_span(lay.paid_back)})=0,"n/a",'
         f"MATCH(1,{grid.row_span(lay.paid_back)},0))))"),
         "n/a" if option.payback_year is None else option.payback_year, WHOLE, "Output"),
    )
    for r, label, formula, value, fmt, style in rows:
        ws.text(r, LABEL, label)
        ws.formula(r, MAIN, formula, value, style, fmt)


def _unit_rows(ws, grid: Grid, lay: OptionLayout, exprs: dict, units: dict,
               gradients: dict) -> dict[str, str]:
    """Per-unit flows of each ranged-kind line and its NPV per unit (the gradient)."""
    if not lay.unit_row:
        return {}
    h = lay.unit_header
    ws.text(h, LABEL, "Flow per unit of the main quantity (for sensitivity)", "Header")
    ws.text(h, grid.sign, "Sign", "Header")
    ws.text(h, grid.pv, "NPV per unit", "Header")
    dfs = grid.row_span(lay.df)
    out = {}
    for line_ref, u in lay.unit_row.items():
        r, unit = exprs[line_ref]
        ws.text(u, REF, line_ref)
        ws.formula(u, LABEL, f"=$B{r}", ws.values.get((r, LABEL), ""), "Link")
        _row_across(ws, grid, u, lambda c, unit=unit: f"={c}${FLAG_ROW}*{unit(c)}",
                    units[line_ref], fmt="0.000000")
        ws.formula(u, grid.sign, f"=${col(grid.sign)}{r}", ws.values.get((r, grid.sign)),
                   "Link", WHOLE)
        ws.formula(u, grid.pv, f"=${col(grid.sign)}{u}*SUMPRODUCT({dfs},{grid.row_span(u)})",
                   gradients[line_ref], "Calc", "#,##0.000000")
        out[line_ref] = on(lay.sheet, ref(u, grid.pv))
    return out


def write_option_sheet(ws, results: Results, o: int, grid: Grid, writer: LineWriter,
                       workings: dict, engine_units: dict, engine_gradients: dict
                       ) -> OptionSheetMap:
    """Write one option's sheet; return the addresses Summary, Scores and Sensitivity use."""
    option = results.options[o]
    case_option = results.case.options[o]
    sheet = ws.title
    lay = plan_option(sheet, option)
    flows = Flows(results, option, grid.years)
    ws.text(1, REF, option.name, "Title")
    ws.text(2, REF, f"Option id: {option.id} · {form_name(option.form)}"
            + (" · baseline" if option.baseline else ""), "Note")
    ws.text(3, REF, "Amounts in the year columns are positive; Sign turns costs negative in "
            "the signed totals and present values.", "Note")
    _timeline(ws, grid, results)
    checks: list[tuple[str, str]] = []
    exprs = _lines(ws, grid, lay, option, case_option, writer, workings, flows, checks)
    _totals(ws, grid, lay, option, flows)
    _key_results(ws, grid, lay, option)
    units = {ref_: flows.pad(engine_units[ref_]) for ref_ in lay.unit_row}
    gradients = _unit_rows(ws, grid, lay, exprs, units, engine_gradients)
    widths = {1: 16, 2: 34, 3: 16, 4: 14, 5: 14, 6: 12, 7: 12, 8: 9}
    widths.update({c: 11 for c in range(EXTRA, grid.sign)})
    widths.update({grid.sign: 6, grid.total: 14, grid.pv: 14, grid.pv + 1: 2})
    widths.update({c: 12 for c in range(grid.first_year, grid.last_year + 1)})
    for c, w in widths.items():
        ws.width(c, w)
    lines = {}
    for line in option.lines:
        r = lay.line_row[line.ref]
        lines[line.ref] = LineCells(
            label=on(sheet, ref(r, LABEL)), main=on(sheet, ref(r, MAIN)),
            low=on(sheet, ref(r, LOW)), high=on(sheet, ref(r, HIGH)),
            gradient=gradients.get(line.ref),
            gradient_value=engine_gradients.get(line.ref, 0.0))
    first, last = lay.lines_first, lay.lines_last
    return OptionSheetMap(
        sheet=sheet, npv=on(sheet, ref(R_NPV, MAIN)), payback=on(sheet, ref(R_PAYBACK, MAIN)),
        bcr=on(sheet, ref(R_BCR, MAIN)), lines=lines,
        org_range=on(sheet, f"$D${first}:$D${last}"),
        pv_range=on(sheet, f"${col(grid.pv)}${first}:${col(grid.pv)}${last}"),
        line_total_range=on(sheet, f"${col(grid.total)}${first}:${col(grid.total)}${last}"),
        net_total=on(sheet, ref(lay.net, grid.total)), checks=checks)
