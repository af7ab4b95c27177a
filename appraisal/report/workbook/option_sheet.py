"""One sheet per option: its lines, totals by results column, net flow, NPV and payback.

model.md §2, per option: net_t = savings − every cost column; df_t = 1/(1 + DiscountRate)^t;
NPV = Σ net_t × df_t; payback = the first year whose cumulative net is >= 0 after a year in
which it was < 0 (1 if never negative; "n/a" where the engine reports null: it never turns back,
or the option has no flows at all). Years past ``HorizonYears`` are switched off by the
"In horizon" flag row, so shortening the horizon in Excel works; lengthening it needs a new export.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...finance.lines import COLUMNS
from ...formatting import form_name
from ...results import OptionResult, Results
from .cells import col, on, put_formula, put_text, ref
from .inputs import InputsMap
from .option_layout import (CAL_ROW, COLUMN_LABEL, EXTRA, FIRST_LINE_ROW, FLAG_ROW, HIGH, LABEL,
                            LOW, MAIN, R_BCR, R_HAS_FLOWS, R_NPV, R_PAYBACK, R_PV_COSTS,
                            R_PV_SAVINGS, REF, T_ROW, Grid, OptionLayout, kind_of,
                            plan_option)
from .option_lines import line_formula, write_block_header, write_line
from .option_redundancy import write_redundancy_workings
from .styles import FACTOR, MONEY, WHOLE, print_setup


@dataclass
class LineCells:
    """Addresses of one line, for the Sensitivity sheet."""

    label: str
    main: str
    low: str
    high: str
    gradient: str | None     # NPV change per unit of the main quantity


@dataclass
class OptionSheetMap:
    sheet: str
    npv: str
    payback: str
    lines: dict[str, LineCells]
    org_range: str           # organisation column of the line rows
    pv_range: str            # signed present value column of the line rows
    line_total_range: str    # total-in-horizon column of the line rows
    totals_range: str        # the totals block (results columns × years)


def _timeline(ws, grid: Grid) -> None:
    put_text(ws, T_ROW, LABEL, "Year (t)", "Header")
    put_text(ws, CAL_ROW, LABEL, "Calendar year")
    put_text(ws, FLAG_ROW, LABEL, "In horizon (1 yes, 0 no)")
    for i, c in enumerate(grid.year_columns()):
        prev = col(grid.first_year + i - 1)
        put_formula(ws, T_ROW, grid.first_year + i, "=1" if i == 0 else f"={prev}{T_ROW}+1",
                    "Header", WHOLE)
        put_formula(ws, CAL_ROW, grid.first_year + i, f"=FirstYear+{c}${T_ROW}-1", fmt=WHOLE)
        put_formula(ws, FLAG_ROW, grid.first_year + i, f"=--({c}${T_ROW}<=HorizonYears)",
                    fmt=WHOLE)


def _row_across(ws, grid: Grid, row: int, formula, style="Calc", fmt=MONEY) -> None:
    """One formula per row: the same rule in every year column."""
    for i, c in enumerate(grid.year_columns()):
        put_formula(ws, row, grid.first_year + i, formula(c), style, fmt)


def _line_summary_cells(ws, grid: Grid, lay: OptionLayout, r: int) -> None:
    """Sign, total in horizon and present value of a line row."""
    flags, dfs, me = grid.row_span(FLAG_ROW), grid.row_span(lay.df), grid.row_span(r)
    put_formula(ws, r, grid.sign,
                f"=IF($C{r}=$B${lay.total_row['savings']},1,-1)", fmt=WHOLE)
    put_formula(ws, r, grid.total, f"=SUMPRODUCT({flags},{me})", fmt=MONEY)
    put_formula(ws, r, grid.pv, f"=${col(grid.sign)}{r}*SUMPRODUCT({flags},{dfs},{me})",
                fmt=MONEY)


def _lines(ws, grid: Grid, lay: OptionLayout, option: OptionResult, case_option,
           workings: dict) -> dict[str, tuple]:
    """Every block of lines; returns, per ref, (row, unit expression, label)."""
    exprs = {}
    for kind, header in lay.blocks:
        write_block_header(ws, grid, kind, header, grid.extra_width)
    for line in option.lines:
        kind, index = kind_of(line.ref)
        r = lay.line_row[line.ref]
        raw = getattr(case_option, kind)[index]
        unit, fixed = write_line(ws, grid, lay, kind, raw, r, line.ref, line.label,
                                 workings.get(line.ref, {}))
        _row_across(ws, grid, r, line_formula(r, unit, fixed))
        _line_summary_cells(ws, grid, lay, r)
        exprs[line.ref] = (r, unit)
    if not option.lines:
        put_text(ws, FIRST_LINE_ROW, LABEL, "No money lines: every flow is zero", "Note")
    return exprs


def _totals(ws, grid: Grid, lay: OptionLayout) -> None:
    put_text(ws, lay.totals_header, LABEL, "Totals by results column", "Header")
    first, last = lay.lines_first, lay.lines_last
    dfs = grid.row_span(lay.df)
    for column in COLUMNS:
        r = lay.total_row[column]
        put_text(ws, r, LABEL, COLUMN_LABEL[column])
        _row_across(ws, grid, r, lambda c, r=r: (
            f"={c}${FLAG_ROW}*SUMPRODUCT(--($C${first}:$C${last}=$B{r}),{c}${first}:{c}${last})"))
        put_formula(ws, r, grid.total, f"=SUM({grid.row_span(r)})", fmt=MONEY)
        put_formula(ws, r, grid.pv, f"=SUMPRODUCT({grid.row_span(r)},{dfs})", fmt=MONEY)
    sav, rec, one = (lay.total_row[k] for k in ("savings", "recurring_costs", "one_off_costs"))
    rows = (
        (lay.net, "Net cash flow (savings − costs)", lambda c: f"={c}{sav}-SUM({c}{rec}:{c}{one})",
         MONEY),
        (lay.df, "Discount factor", lambda c: f"=1/(1+DiscountRate)^{c}${T_ROW}", FACTOR),
        (lay.discounted, "Discounted net flow", lambda c: f"={c}{lay.net}*{c}{lay.df}", MONEY),
        (lay.cumulative, "Cumulative net (undiscounted)",
         lambda c: f"=SUM(${col(grid.first_year)}{lay.net}:{c}{lay.net})", MONEY),
        (lay.negative, "Cumulative net negative so far (1/0)",
         lambda c: (f"=--(MIN(${col(grid.first_year)}{lay.cumulative}:{c}{lay.cumulative})"
                    f"<-PaybackTolerance)"), WHOLE),
        (lay.paid_back, "Back to >= 0 after being negative (1/0)",
         lambda c: f"=--AND({c}{lay.negative}=1,{c}{lay.cumulative}>=-PaybackTolerance)", WHOLE),
    )
    for r, label, formula, fmt in rows:
        put_text(ws, r, LABEL, label, "Output" if r == lay.discounted else "Label")
        _row_across(ws, grid, r, formula, fmt=fmt)
    put_formula(ws, lay.net, grid.total, f"=SUM({grid.row_span(lay.net)})", fmt=MONEY)
    put_formula(ws, lay.discounted, grid.pv, f"=SUM({grid.row_span(lay.discounted)})",
                "Output", MONEY)


def _key_results(ws, grid: Grid, lay: OptionLayout) -> None:
    pv = col(grid.pv)
    costs = [lay.total_row[k] for k in COLUMNS[1:]]
    block = (f"${col(grid.first_year)}${lay.total_row[COLUMNS[0]]}:"
             f"${col(grid.last_year)}${lay.total_row[COLUMNS[-1]]}")
    e = col(MAIN)
    rows = (
        (R_NPV, "NPV", f"=SUM({grid.row_span(lay.discounted)})", MONEY, "Output"),
        (R_PV_SAVINGS, "Present value of savings", f"=${pv}${lay.total_row['savings']}",
         MONEY, "Calc"),
        (R_PV_COSTS, "Present value of costs", f"=SUM(${pv}${costs[0]}:${pv}${costs[-1]})",
         MONEY, "Calc"),
        (R_BCR, "Benefit-cost ratio", f'=IF(ABS(${e}${R_PV_COSTS})<=TieTolerance,"n/a",'
         f"${e}${R_PV_SAVINGS}/${e}${R_PV_COSTS})", "0.00", "Calc"),
        (R_HAS_FLOWS, "Has any flow (TRUE/FALSE)", f"=SUMPRODUCT(--({block}<>0))>0", None, "Calc"),
        (R_PAYBACK, "Payback year (n/a: never, or no flows)",
         f'=IF(NOT(${e}${R_HAS_FLOWS}),"n/a",IF(MAX({grid.row_span(lay.negative)})=0,1,'
         f'IF(MAX({grid.row_span(lay.paid_back)})=0,"n/a",'
         f"MATCH(1,{grid.row_span(lay.paid_back)},0))))", WHOLE, "Output"),
    )
    for r, label, formula, fmt, style in rows:
        put_text(ws, r, LABEL, label)
        put_formula(ws, r, MAIN, formula, style, fmt)


def _unit_rows(ws, grid: Grid, lay: OptionLayout, exprs: dict) -> dict[str, str]:
    """Per-unit flows of each ranged-kind line and its NPV per unit (the gradient)."""
    if not lay.unit_row:
        return {}
    h = lay.unit_header
    put_text(ws, h, LABEL, "Flow per unit of the main quantity (for sensitivity)", "Header")
    put_text(ws, h, grid.sign, "Sign", "Header")
    put_text(ws, h, grid.pv, "NPV per unit", "Header")
    flags, dfs = grid.row_span(FLAG_ROW), grid.row_span(lay.df)
    out = {}
    for line_ref, u in lay.unit_row.items():
        r, unit = exprs[line_ref]
        put_text(ws, u, REF, line_ref)
        put_formula(ws, u, LABEL, f"=$B{r}", "Link")
        _row_across(ws, grid, u, lambda c, unit=unit: f"={unit(c)}", fmt="0.000000")
        put_formula(ws, u, grid.sign, f"=${col(grid.sign)}{r}", "Link", WHOLE)
        put_formula(ws, u, grid.pv, f"=${col(grid.sign)}{u}*SUMPRODUCT({flags},{dfs},"
                    f"{grid.row_span(u)})", fmt="#,##0.000000")
        out[line_ref] = on(lay.sheet, ref(u, grid.pv))
    return out


def write_option_sheet(wb, results: Results, o: int, sheet: str, grid: Grid,
                       inputs: InputsMap) -> OptionSheetMap:
    """Write one option's sheet; return the addresses Summary, Scores and Sensitivity use."""
    option = results.options[o]
    case_option = results.case.options[o]
    ws = wb.create_sheet(sheet)
    lay = plan_option(sheet, option)
    put_text(ws, 1, REF, option.name, "Title")
    put_text(ws, 2, REF, f"Option id: {option.id} · {form_name(option.form)}"
             + (" · baseline" if option.baseline else ""), "Note")
    _timeline(ws, grid)
    workings = write_redundancy_workings(ws, lay, option, case_option, inputs.bands)
    exprs = _lines(ws, grid, lay, option, case_option, workings)
    _totals(ws, grid, lay)
    _key_results(ws, grid, lay)
    gradients = _unit_rows(ws, grid, lay, exprs)
    widths = {"A": 16, "B": 34, "C": 16, "D": 14, "E": 14, "F": 12, "G": 12, "H": 9}
    widths.update({col(c): 11 for c in range(EXTRA, grid.sign)})
    # The column after the present values is a spacer, unless the redundancy workings (which
    # run on past the line columns) put a figure in it.
    spacer = 11 if option.redundancies else 2
    widths.update({col(grid.sign): 6, col(grid.total): 14, col(grid.pv): 14,
                   col(grid.pv + 1): spacer})
    widths.update({c: 12 for c in grid.year_columns()})
    print_setup(ws, widths=widths, freeze=f"C{FIRST_LINE_ROW - 1}")
    lines = {}
    for line in option.lines:
        r = lay.line_row[line.ref]
        lines[line.ref] = LineCells(
            label=on(sheet, ref(r, LABEL)), main=on(sheet, ref(r, MAIN)),
            low=on(sheet, ref(r, LOW)), high=on(sheet, ref(r, HIGH)),
            gradient=gradients.get(line.ref))
    first, last = lay.lines_first, lay.lines_last
    return OptionSheetMap(
        sheet=sheet, npv=on(sheet, ref(R_NPV, MAIN)), payback=on(sheet, ref(R_PAYBACK, MAIN)),
        lines=lines,
        org_range=on(sheet, f"$D${first}:$D${last}"),
        pv_range=on(sheet, f"${col(grid.pv)}${first}:${col(grid.pv)}${last}"),
        line_total_range=on(sheet, f"${col(grid.total)}${first}:${col(grid.total)}${last}"),
        totals_range=on(sheet, f"${col(grid.first_year)}${lay.total_row[COLUMNS[0]]}:"
                               f"${col(grid.last_year)}${lay.total_row[COLUMNS[-1]]}"))

