"""The Sensitivity sheet: tornado, scenarios, switching values (live) and Monte Carlo (values).

The model is linear in each line's main quantity q, so with g the NPV per unit (the discounted
unit flows on the option sheet): NPV at x = NPV + g × (x − q); the switching value is
``q − NPV vs baseline / g`` ("n/a" for the baseline option or where g = 0); the pessimistic and
optimistic scenarios put every ranged line at its worse or better end (model.md §2).
The Monte Carlo figures are values from Continuum's run: they do not move with the inputs.
"""
from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel

from ...results import Results
from .cells import col, put_formula, put_text, put_value, span
from .styles import MONEY, RATE, print_setup

SHEET = "Sensitivity"
TORNADO_HEADS = ("Option id", "Option", "Ref", "Line", "Low", "Base", "High", "NPV per unit",
                 "Option NPV", "NPV at low", "NPV at high", "Swing", "Change at low",
                 "Change at high", "Worse change", "Better change")


def _head(ws, row: int, heads) -> None:
    for c, text in enumerate(heads, start=1):
        put_text(ws, row, c, text, "Header")


def _tornado(ws, results: Results, maps, summary, row: int):
    put_text(ws, row, 1, "Tornado: each uncertain line alone at its low and high", "Section")
    _head(ws, row + 1, TORNADO_HEADS)
    r = row + 2
    groups = []
    for option, m in zip(results.options, maps):
        start = r
        for t in option.tornado:
            cells = m.lines[t.ref]
            put_text(ws, r, 1, option.id)
            put_text(ws, r, 2, option.name)
            put_text(ws, r, 3, t.ref)
            put_formula(ws, r, 4, f"={cells.label}", "Link")
            for c, src in ((5, cells.low), (6, cells.main), (7, cells.high)):
                put_formula(ws, r, c, f"={src}", "Link", "#,##0")
            put_formula(ws, r, 8, f"={cells.gradient}", "Link", "#,##0.0000")
            put_formula(ws, r, 9, f"={summary.npv[option.id]}", "Link", MONEY)
            put_formula(ws, r, 10, f"=I{r}+H{r}*(E{r}-F{r})", fmt=MONEY)
            put_formula(ws, r, 11, f"=I{r}+H{r}*(G{r}-F{r})", fmt=MONEY)
            put_formula(ws, r, 12, f"=ABS(K{r}-J{r})", fmt=MONEY)
            put_formula(ws, r, 13, f"=J{r}-I{r}", fmt=MONEY)
            put_formula(ws, r, 14, f"=K{r}-I{r}", fmt=MONEY)
            put_formula(ws, r, 15, f"=MIN(M{r},N{r})", fmt=MONEY)
            put_formula(ws, r, 16, f"=MAX(M{r},N{r})", fmt=MONEY)
            r += 1
        if r > start:
            groups.append((option, start, r - 1))
    if not groups:
        put_text(ws, r, 1, "No line has a low and high range.", "Note")
        r += 1
    first, last = row + 2, max(r - 1, row + 2)
    return r + 1, groups, (first, last)


def _scenarios(ws, results: Results, summary, row: int, span_rows) -> int:
    first, last = span_rows
    put_text(ws, row, 1, "Scenarios: every uncertain line at its worse, base or better end",
             "Section")
    _head(ws, row + 1, ("Option id", "Option", "Pessimistic NPV", "Base NPV", "Optimistic NPV"))
    ids = span(first, 1, last, 1)
    r = row + 2
    for option in results.options:
        put_text(ws, r, 1, option.id)
        put_text(ws, r, 2, option.name)
        put_formula(ws, r, 4, f"={summary.npv[option.id]}", "Link", MONEY)
        put_formula(ws, r, 3, f"=D{r}+SUMPRODUCT(--({ids}=$A{r}),{span(first, 15, last, 15)})",
                    fmt=MONEY)
        put_formula(ws, r, 5, f"=D{r}+SUMPRODUCT(--({ids}=$A{r}),{span(first, 16, last, 16)})",
                    fmt=MONEY)
        r += 1
    return r + 1


def _switching(ws, results: Results, maps, summary, row: int) -> int:
    put_text(ws, row, 1, "Switching values: the main quantity at which NPV vs baseline is zero",
             "Section")
    _head(ws, row + 1, ("Option id", "Option", "Ref", "Line", "Base", "NPV per unit",
                        "NPV vs baseline", "Switching value", "Change from base"))
    r = row + 2
    for option, m in zip(results.options, maps):
        for s in option.switching_values:
            cells = m.lines[s.ref]
            put_text(ws, r, 1, option.id)
            put_text(ws, r, 2, option.name)
            put_text(ws, r, 3, s.ref)
            put_formula(ws, r, 4, f"={cells.label}", "Link")
            put_formula(ws, r, 5, f"={cells.main}", "Link", "#,##0")
            put_formula(ws, r, 6, f"={cells.gradient}", "Link", "#,##0.0000")
            put_formula(ws, r, 7, f"={summary.npv_vs_baseline[option.id]}", "Link", MONEY)
            put_formula(ws, r, 8, f'=IF(OR($A{r}=BaselineOption,F{r}=0),"n/a",E{r}-G{r}/F{r})',
                        "Output", "#,##0")
            put_formula(ws, r, 9, f'=IF(OR(NOT(ISNUMBER(H{r})),E{r}=0),"n/a",(H{r}-E{r})/E{r})',
                        fmt=RATE)
            r += 1
    return r + 1


def _monte_carlo(ws, results: Results, row: int) -> int:
    mcs = [(o, o.monte_carlo) for o in results.options if o.monte_carlo is not None]
    if not mcs:
        return row
    mc = mcs[0][1]
    put_text(ws, row, 1, "Monte Carlo (values from Continuum; they do not recalculate)", "Section")
    put_text(ws, row + 1, 1, f"{mc.draws:,} draws, seed {mc.seed}, {mc.distribution} "
             "distributions between each line's low, base and high.", "Note")
    _head(ws, row + 2, ("Option id", "Option", "P10 NPV", "P50 NPV", "P90 NPV", "Mean NPV",
                        "P(NPV vs baseline < 0)", "P(highest NPV)"))
    r = row + 3
    for option, m in mcs:
        put_text(ws, r, 1, option.id)
        put_text(ws, r, 2, option.name)
        for c, v, fmt in ((3, m.p10, MONEY), (4, m.p50, MONEY), (5, m.p90, MONEY),
                          (6, m.mean, MONEY), (7, m.p_npv_vs_baseline_below_zero, RATE),
                          (8, m.p_highest_npv, RATE)):
            put_value(ws, r, c, v, "Calc", fmt)
        r += 1
    r += 1
    put_text(ws, r, 1, "Histogram of NPV (count of draws per bin; values)", "Section")
    _head(ws, r + 1, ("Bin from", "Bin to") + tuple(o.name for o, _ in mcs))
    edges = results.histogram_edges
    r += 2
    for b in range(len(edges) - 1):
        put_value(ws, r, 1, edges[b], "Calc", MONEY)
        put_value(ws, r, 2, edges[b + 1], "Calc", MONEY)
        for k, (_, m) in enumerate(mcs):
            put_value(ws, r, 3 + k, m.histogram_counts[b], "Calc", "#,##0")
        r += 1
    return r + 1


def _charts(ws, groups, anchor_col: int) -> None:
    for n, (option, first, last) in enumerate(groups):
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "clustered"
        chart.overlap = 100
        chart.title = f"Tornado: {option.name}"[:120]
        chart.x_axis.title = None
        chart.y_axis.title = "Change in NPV (£)"
        chart.y_axis.numFmt = "£#,##0"
        chart.x_axis.tickLblPos = "low"
        chart.add_data(Reference(ws, min_col=13, max_col=14, min_row=first, max_row=last))
        chart.set_categories(Reference(ws, min_col=4, min_row=first, max_row=last))
        chart.series[0].tx = SeriesLabel(v="Line at its low")
        chart.series[1].tx = SeriesLabel(v="Line at its high")
        chart.height, chart.width = 7, 16
        chart.legend.position = "b"
        ws.add_chart(chart, f"{col(anchor_col)}{3 + 15 * n}")


def write_sensitivity(wb, results: Results, maps, summary) -> None:
    ws = wb.create_sheet(SHEET)
    put_text(ws, 1, 1, "Sensitivity: how robust the answer is", "Title")
    row, groups, span_rows = _tornado(ws, results, maps, summary, 3)
    row = _scenarios(ws, results, summary, row, span_rows)
    row = _switching(ws, results, maps, summary, row)
    _monte_carlo(ws, results, row)
    _charts(ws, groups, len(TORNADO_HEADS) + 2)
    widths = {"A": 16, "B": 26, "C": 18, "D": 28}
    widths.update({col(c): 14 for c in range(5, len(TORNADO_HEADS) + 1)})
    print_setup(ws, widths=widths, freeze="E3")
