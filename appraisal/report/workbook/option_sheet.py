"""One sheet per option: its lines, totals by results column, net flow, NPV, and the figures
against the baseline.

model.md §2 and model-v2.md: net_t = savings − every cost column; the discount rate of year t
follows ``DiscountSchedule`` (flat, or the Green Book's declining schedule) and
``df_t = Π_{s<=t} 1/(1 + r_s)`` (flat: ``1/(1 + DiscountRate)^t``); a nominal amount is divided
by ``(1 + InflationRate)^t``; NPV = Σ net_t × df_t. Against the baseline: d_t = net_t − the
baseline's net_t, C_t = Σ_{s<=t} d_s; payback is the first year from which C never falls below 0
again (none if C is still below 0 in the last year); the funding low point is the lowest C.
The year columns run to ``MaxYears``; the "In horizon" flag row counts years 1..HorizonYears in
every total, so any horizon up to ``MaxYears`` recalculates exactly as the engine at that horizon,
and the horizon table reads the net flow of every built year.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ...finance.baseline import NO_HIGHER_COSTS
from ...formatting import form_name
from ...kinds import COLUMN_IDS as COLUMNS
from ...results import OptionResult, Results
from .cells import col, on, ref
from .figures import OptionFigures, Timeline
from .option_layout import (
    BENEFIT_COLUMN,
    LOAN_KIND,
    ONE_OFF_COLUMNS,
    ORG,
    SHARED_KIND,
    WORKED_KINDS,
    BASIS,
    CAL_ROW,
    COLUMN_LABEL,
    DEFL_ROW,
    DF_ROW,
    EXTRA,
    FIRST_LINE_ROW,
    FLAG_ROW,
    HIGH,
    LABEL,
    LOW,
    MAIN,
    R_BCR,
    R_ID,
    R_IS_BASE,
    R_LOW,
    R_LOW_YEAR,
    R_NPV,
    R_ONE_OFF,
    R_PAYBACK,
    R_PV_COSTS,
    R_PV_SAVINGS,
    RATE_ROW,
    REF,
    T_ROW,
    Grid,
    OptionLayout,
    kind_of,
    plan_option,
)
from .option_lines import LineWriter, line_formula, write_block_header
from .styles import CHECK, FACTOR, MONEY, RATE_FINE, RATIO, WHOLE


@dataclass
class LineCells:
    """Addresses of one line, for the Sensitivity sheet."""

    label: str
    main: str
    low: str
    high: str
    gradient: str | None     # NPV change per unit of the main quantity
    gradient_value: float = 0.0
    typed: str | None = None     # the quantity as typed on the Lines sheet (not the Scenario's)


@dataclass
class OptionSheetMap:
    sheet: str
    npv: str
    payback: str
    bcr: str
    pv_savings: str
    pv_costs: str
    lines: dict[str, LineCells]
    org_range: str           # organisation column of the line rows
    recharges: tuple[str, str, str] | None   # shared services: recipient, supplier, recharge
    pv_range: str            # signed present value column of the line rows
    line_total_range: str    # signed total-in-horizon column of the line rows
    net_total: str           # total of the net cash flow row
    net_row: str             # the net cash flow in the horizon, by year column
    net_all_row: str         # the net cash flow in every built year
    net_line: int = 0        # the row of the net cash flow
    layout: OptionLayout | None = None     # every row (the Capacity sheet reads the lines)
    checks: list[tuple[str, str]] = field(default_factory=list)   # (what, formula) lookups


def _timeline(ws, grid: Grid, timeline: Timeline, first_year: int) -> None:
    labels = ((T_ROW, "Year (t)"), (CAL_ROW, "Calendar year"),
              (FLAG_ROW, "In horizon (1 yes, 0 no)"), (RATE_ROW, "Discount rate (real) in year t"),
              (DF_ROW, "Discount factor"), (DEFL_ROW, "Inflation deflator (nominal to real)"))
    for r, text in labels:
        ws.text(r, LABEL, text, "Header" if r == T_ROW else "Label")
    for i, c in enumerate(grid.year_columns()):
        k, t = grid.first_year + i, i + 1
        prev = col(k - 1)
        ws.formula(T_ROW, k, "=1" if i == 0 else f"={prev}{T_ROW}+1", t, "Header", WHOLE)
        ws.formula(CAL_ROW, k, f"=FirstYear+{c}${T_ROW}-1", first_year + i, "Calc", WHOLE)
        ws.formula(FLAG_ROW, k, f"=--({c}${T_ROW}<=HorizonYears)", int(t <= timeline.h), "Calc",
                   WHOLE)
        ws.formula(RATE_ROW, k, f'=IF(DiscountSchedule="declining",MAX(0,DiscountRate-'
                   f"IF({c}${T_ROW}>=DecliningFrom2,DecliningLess2,IF({c}${T_ROW}>="
                   f"DecliningFrom1,DecliningLess1,0))),DiscountRate)", timeline.rates[i], "Calc",
                   RATE_FINE)
        ws.formula(DF_ROW, k, f'=IF(DiscountSchedule="declining",IF({c}${T_ROW}=1,1,'
                   f"{prev}${DF_ROW})/(1+{c}${RATE_ROW}),1/(1+DiscountRate)^{c}${T_ROW})",
                   timeline.df[i], "Calc", FACTOR)
        ws.formula(DEFL_ROW, k, f"=1/(1+InflationRate)^{c}${T_ROW}", timeline.deflator[i], "Calc",
                   FACTOR)


def _row_across(ws, grid: Grid, row: int, formula, values, style="Calc", fmt=MONEY) -> None:
    """One formula per row: the same rule in every year column, each with its figure."""
    for i, c in enumerate(grid.year_columns()):
        ws.formula(row, grid.first_year + i, formula(c), values[i], style, fmt)


def _line_summary_cells(ws, grid: Grid, r: int, line, total_row: int) -> None:
    """Sign, signed total in the horizon and signed present value of a line row."""
    flags, dfs, me = grid.row_span(FLAG_ROW), grid.row_span(DF_ROW), grid.row_span(r)
    sign = 1 if line.column == BENEFIT_COLUMN else -1
    ws.formula(r, grid.sign, f"=IF($C{r}=$B${total_row},1,-1)", sign, "Calc", WHOLE)
    ws.formula(r, grid.total, f"=${col(grid.sign)}{r}*SUMPRODUCT({flags},{me})",
               sign * line.total, "Calc", MONEY)
    ws.formula(r, grid.pv, f"=${col(grid.sign)}{r}*SUMPRODUCT({flags},{dfs},{me})", line.pv,
               "Calc", MONEY)


def _qualify(formula: str, sheet: str) -> str:
    """A lookup written for its own sheet, with its ``$X$n`` cells read from ``sheet``."""
    return re.sub(r"(?<![!A-Za-z])(\$[A-Z]+\$\d+)", lambda m: on(sheet, m.group(1)), formula)


def _lines(ws, grid: Grid, lay: OptionLayout, option: OptionResult, case_option, writer,
           workings: dict, amounts: dict, checks: list,
           typed: dict[str, str]) -> dict[str, tuple]:
    """Every block of lines; returns, per ref, (row, unit expression); ``typed`` gains each
    line's typed quantity cell on the Lines sheet."""
    exprs = {}
    for kind, header in lay.blocks:
        write_block_header(ws, grid, kind, header, grid.extra_width)
    for line in option.lines:
        kind, index = kind_of(line.ref)
        r = lay.line_row[line.ref]
        raw = getattr(case_option, kind)[index]
        unit, fixed, found = writer.write(kind, raw, r, line.ref, line.label,
                                          workings.get(line.ref, {}), option.name)
        _row_across(ws, grid, r, line_formula(r, unit, fixed), amounts[line.ref])
        _line_summary_cells(ws, grid, r, line, lay.total_row[BENEFIT_COLUMN])
        exprs[line.ref] = (r, unit)
        if kind not in WORKED_KINDS:
            typed[line.ref] = on(writer.lines.ws.title, ref(writer.lr, MAIN))
        for formula in found:
            if '""' in formula:         # the supplier of a shared service (model-v2.md V6)
                checks.append((f"{option.name}: {line.label}: its supplier is blank or a known "
                               "organisation other than the recipient",
                               _qualify(formula, lay.sheet)))
                continue
            what = ("its organisation" if "JointLabel" in formula or "OrgIds" in formula
                    else "its loan" if "LoanIds" in formula else "its VAT treatment")
            checks.append((f"{option.name}: {line.label}: {what} is found exactly once",
                           _qualify(formula, lay.sheet)))
    if not option.lines:
        ws.text(FIRST_LINE_ROW, LABEL, "No money lines: every flow is zero", "Note")
    return exprs


def _totals(ws, grid: Grid, lay: OptionLayout, option: OptionResult, figs: OptionFigures,
            baseline_net: str) -> None:
    ws.text(lay.totals_header, LABEL, "Totals by results column (positive amounts)", "Header")
    first, last = lay.lines_first, lay.lines_last
    dfs = grid.row_span(DF_ROW)
    for column in COLUMNS:
        r = lay.total_row[column]
        values = figs.column[column]
        ws.text(r, LABEL, COLUMN_LABEL[column])
        _row_across(ws, grid, r, lambda c, r=r: (
            f"={c}${FLAG_ROW}*SUMPRODUCT(--($C${first}:$C${last}=$B{r}),{c}${first}:{c}${last})"),
            values)
        ws.formula(r, grid.total, f"=SUM({grid.row_span(r)})", sum(values), "Calc", MONEY)
        ws.formula(r, grid.pv, f"=SUMPRODUCT({grid.row_span(r)},{dfs})",
                   sum(a * b for a, b in zip(values, figs_df(ws, grid))), "Calc", MONEY)
    sav, rec, one = (lay.total_row[k] for k in (BENEFIT_COLUMN, COLUMNS[1], COLUMNS[-1]))
    fy = col(grid.first_year)
    sign = f"${col(grid.sign)}${first}:${col(grid.sign)}${last}"
    rows: tuple[tuple[int, str, Callable[[str], str], Sequence[float], str], ...] = (
        (lay.net, "Net cash flow (savings − costs)",
         lambda c: f"={c}{sav}-SUM({c}{rec}:{c}{one})", figs.net, MONEY),
        (lay.discounted, "Discounted net flow", lambda c: f"={c}{lay.net}*{c}${DF_ROW}",
         figs.discounted, MONEY),
        (lay.net_all, "Net cash flow in every year built (for the horizon table)",
         lambda c: f"=SUMPRODUCT({sign},{c}${first}:{c}${last})", figs.net_all, MONEY),
        (lay.base_net, "The baseline's net cash flow (Baseline sheet)",
         lambda c: f"={baseline_net}!{c}$5", figs.base_net, MONEY),
        (lay.gap, "Net cash flow less the baseline's", lambda c: f"={c}{lay.net}-{c}{lay.base_net}",
         figs.gap, MONEY),
        (lay.cum_gap, "Ahead of (+) or behind (−) the baseline, cumulative",
         lambda c: (f"=IF(ABS(SUM(${fy}{lay.gap}:{c}{lay.gap}))<CashTolerance,0,"
                    f"SUM(${fy}{lay.gap}:{c}{lay.gap}))"), figs.cum_gap, MONEY),
        (lay.behind, "Year still behind the baseline (0 if not)",
         lambda c: f"=IF({c}{lay.cum_gap}<0,{c}${T_ROW},0)", figs.behind, WHOLE),
    )
    for r, label, formula, figures, fmt in rows:
        ws.text(r, LABEL, label, "Output" if r == lay.discounted else "Label")
        _row_across(ws, grid, r, formula, figures, fmt=fmt)
    ws.formula(lay.net, grid.total, f"=SUM({grid.row_span(lay.net)})", sum(figs.net), "Calc",
               MONEY)
    ws.formula(lay.discounted, grid.pv, f"=SUM({grid.row_span(lay.discounted)})", option.npv,
               "Output", MONEY)


def figs_df(ws, grid: Grid) -> list[float]:
    """The discount factors this sheet stores (its timeline row)."""
    return [ws.values[(DF_ROW, c)] for c in range(grid.first_year, grid.last_year + 1)]


def _key_results(ws, grid: Grid, lay: OptionLayout, option: OptionResult, id_cell: str,
                 baseline: dict[str, str], loans: list[int]) -> None:
    pv = col(grid.pv)
    costs = [lay.total_row[k] for k in COLUMNS[1:]]
    e = col(MAIN)
    base = f"${e}${R_IS_BASE}"
    low = option.funding_low_point
    one_off = [f"${col(grid.total)}${lay.total_row[k]}" for k in
               ONE_OFF_COLUMNS]
    one_off += [f"${col(EXTRA + k)}${r}" for r in loans for k in (1, 2)]
    d_cost = f"(${e}${R_PV_COSTS}-{baseline['pv_costs']})"
    rows = (
        (R_ID, "Option id", f"={id_cell}", option.id, None, "Link"),
        (R_NPV, "NPV (£)", f"=SUM({grid.row_span(lay.discounted)})", option.npv, MONEY,
         "Output"),
        (R_PV_SAVINGS, "Present value of savings (£)", f"=${pv}${lay.total_row['savings']}",
         option.pv_savings, MONEY, "Calc"),
        (R_PV_COSTS, "Present value of costs (£)", f"=SUM(${pv}${costs[0]}:${pv}${costs[-1]})",
         option.pv_costs, MONEY, "Calc"),
        (R_BCR, "Benefit-cost ratio against the baseline",
         (f'=IF({base},"n/a",IF({d_cost}<=CostTolerance,"no extra cost",'
         f"(${e}${R_PV_SAVINGS}-{baseline['pv_savings']})/{d_cost}))"),
         bcr_value(option), RATIO, "Output"),
        (R_PAYBACK, "Payback year against the baseline",
         (f'=IF({base},"n/a",IF(MAX({grid.row_span(lay.behind)})=0,1,'
         f'IF(MAX({grid.row_span(lay.behind)})>=HorizonYears,"n/a",'
         f"MAX({grid.row_span(lay.behind)})+1)))"),
         "n/a" if option.payback_year is None else option.payback_year, WHOLE, "Output"),
        (R_ONE_OFF, "Up-front and one-off costs, undiscounted (£)", f"={'+'.join(one_off)}",
         option.one_off_total, MONEY, "Calc"),
        (R_LOW, "Funding low point against the baseline (£)",
         f"=MIN(0,MIN({grid.row_span(lay.cum_gap)}))", low["amount"], MONEY, "Calc"),
        (R_LOW_YEAR, "Year of the funding low point",
         f'=IF(${e}${R_LOW}=0,"n/a",MATCH(${e}${R_LOW},{grid.row_span(lay.cum_gap)},0))',
         "n/a" if low["year"] is None else low["year"], WHOLE, "Calc"),
        (R_IS_BASE, "This is the baseline option", f"=${e}${R_ID}=BaselineOption",
         option.baseline, CHECK, "Calc"),
    )
    for r, label, formula, value, fmt, style in rows:
        ws.text(r, LABEL, label)
        ws.formula(r, MAIN, formula, value, style, fmt, align="right")


def bcr_value(option: OptionResult):
    """The ratio as the workbook shows it: a number, "n/a" (the baseline) or "no extra cost"."""
    if option.bcr is not None:
        return option.bcr
    if option.baseline:
        return "n/a"
    return "no extra cost" if option.bcr_basis == NO_HIGHER_COSTS else "n/a"


def _unit_rows(ws, grid: Grid, lay: OptionLayout, exprs: dict, units: dict,
               gradients: dict) -> dict[str, str]:
    """Per-unit flows of each ranged-kind line and its NPV per unit (the gradient)."""
    if not lay.unit_row:
        return {}
    h = lay.unit_header
    ws.text(h, LABEL, "Flow per unit of the main quantity (for sensitivity)", "Header")
    ws.text(h, grid.sign, "Sign", "Header")
    ws.text(h, grid.pv, "NPV per unit", "Header")
    flags, dfs = grid.row_span(FLAG_ROW), grid.row_span(DF_ROW)
    out = {}
    for line_ref, u in lay.unit_row.items():
        r, unit = exprs[line_ref]
        ws.text(u, REF, line_ref)
        ws.formula(u, LABEL, f"=$B{r}", ws.values.get((r, LABEL), ""), "Link")
        _row_across(ws, grid, u, lambda c, unit=unit: f"={unit(c)}", units[line_ref],
                    fmt="0.000000")
        ws.formula(u, grid.sign, f"=${col(grid.sign)}{r}", ws.values.get((r, grid.sign)),
                   "Link", WHOLE)
        ws.formula(u, grid.pv, f"=${col(grid.sign)}{u}*SUMPRODUCT({flags},{dfs},"
                   f"{grid.row_span(u)})", gradients[line_ref], "Calc", "#,##0.000000")
        out[line_ref] = on(lay.sheet, ref(u, grid.pv))
    return out


def write_option_sheet(ws, results: Results, o: int, grid: Grid, writer: LineWriter,
                       workings: dict, timeline: Timeline, id_cell: str,
                       baseline: dict[str, str]) -> OptionSheetMap:
    """Write one option's sheet; return the addresses Summary, Scores and Sensitivity use."""
    option = results.options[o]
    case_option = results.case.options[o]
    sheet = ws.title
    lay = plan_option(sheet, option)
    figs = OptionFigures(timeline, results, o)
    ws.text(1, REF, option.name, "Title")
    ws.text(2, REF, f"Option {o + 1} · {form_name(option.form)}"
            + (" · the baseline" if option.baseline else ""), "Note")
    ws.text(3, REF, "Amounts in the year columns are positive; Sign turns costs negative in "
            "the signed totals and present values.", "Note")
    _timeline(ws, grid, timeline, results.first_year)
    checks: list[tuple[str, str]] = []
    typed: dict[str, str] = {}
    exprs = _lines(ws, grid, lay, option, case_option, writer, workings, timeline.amounts[o],
                   checks, typed)
    _totals(ws, grid, lay, option, figs, baseline["sheet"])
    loans = [lay.line_row[line.ref] for line in option.lines if line.kind == LOAN_KIND]
    _key_results(ws, grid, lay, option, id_cell, baseline, loans)
    gradients = _unit_rows(ws, grid, lay, exprs, timeline.units[o], timeline.gradients[o])
    widths = {1: 16, 2: 34, 3: 16, 4: 14, 5: 14, 6: 12, 7: 12, 8: 9, BASIS: 10}
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
            gradient_value=timeline.gradients[o].get(line.ref, 0.0), typed=typed.get(line.ref))
    first, last = lay.lines_first, lay.lines_last
    shared = [lay.line_row[line.ref] for line in option.lines if line.kind == SHARED_KIND]
    recharges = None
    if shared:
        a, b = min(shared), max(shared)
        recipient, supplier, charge = (on(sheet, f"${col(c)}${a}:${col(c)}${b}")
                                       for c in (ORG, EXTRA + 3, EXTRA + 4))
        recharges = (recipient, supplier, charge)
    return OptionSheetMap(
        sheet=sheet, npv=on(sheet, ref(R_NPV, MAIN)), payback=on(sheet, ref(R_PAYBACK, MAIN)),
        bcr=on(sheet, ref(R_BCR, MAIN)), pv_savings=on(sheet, ref(R_PV_SAVINGS, MAIN)),
        pv_costs=on(sheet, ref(R_PV_COSTS, MAIN)), lines=lines,
        org_range=on(sheet, f"$D${first}:$D${last}"), recharges=recharges,
        pv_range=on(sheet, f"${col(grid.pv)}${first}:${col(grid.pv)}${last}"),
        line_total_range=on(sheet, f"${col(grid.total)}${first}:${col(grid.total)}${last}"),
        net_total=on(sheet, ref(lay.net, grid.total)),
        net_row=on(sheet, grid.row_span(lay.net)),
        net_all_row=on(sheet, grid.row_span(lay.net_all)), net_line=lay.net, layout=lay,
        checks=checks)
