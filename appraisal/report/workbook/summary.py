"""The Summary sheet: one row per option, the whole table named ``Results``.

Columns: Option ID, Option, NPV (linked from the option sheet), NPV vs baseline
(NPV − the NPV of ``BaselineOption``), Payback year (linked; "n/a" where the engine reports
null), Weighted score and Rank (linked from Scores). Every figure is a live formula.
"""
from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment

from ...results import Results
from .cells import define, on, put_formula, put_text, ref, span
from .styles import MONEY, SCORE, WHOLE, print_setup

SHEET = "Summary"
HEADERS = ("Option ID", "Option", "NPV", "NPV vs baseline", "Payback year", "Weighted score",
           "Rank")
TOP = 4                     # header row of the Results table


@dataclass
class SummaryMap:
    row: dict[str, int]            # option id → row
    npv: dict[str, str]            # option id → NPV cell
    npv_vs_baseline: dict[str, str]
    vs_range: str                  # the NPV vs baseline column


def write_summary(wb, results: Results, option_maps: list) -> SummaryMap:
    """Write the Summary sheet (weighted score and rank are linked in by :func:`link_scores`)."""
    ws = wb.create_sheet(SHEET, 1)
    put_text(ws, 1, 1, "Summary: the options side by side", "Title")
    put_text(ws, 2, 1, "NPV in today's prices over the horizon at the discount rate on Inputs; "
             "payback 'n/a' where the option never pays back or has no flows.", "Note")
    for c, head in enumerate(HEADERS, start=1):
        put_text(ws, TOP, c, head, "Header")
    n = len(results.options)
    first, last = TOP + 1, TOP + n
    ids = span(first, 1, last, 1)
    npvs = span(first, 3, last, 3)
    rows, npv, vs = {}, {}, {}
    for i, (option, m) in enumerate(zip(results.options, option_maps)):
        r = first + i
        rows[option.id] = r
        put_text(ws, r, 1, option.id)
        put_text(ws, r, 2, option.name)
        put_formula(ws, r, 3, f"={m.npv}", "Link", MONEY)
        put_formula(ws, r, 4, f"=C{r}-SUMPRODUCT(--({ids}=BaselineOption),{npvs})", "Output",
                    MONEY)
        put_formula(ws, r, 5, f"={m.payback}", "Link", WHOLE).alignment = Alignment(
            horizontal="right")                     # a year or "n/a", lined up either way
        npv[option.id] = on(SHEET, ref(r, 3))
        vs[option.id] = on(SHEET, ref(r, 4))
    define(wb, "Results", SHEET, span(TOP, 1, last, len(HEADERS)))
    _chart(ws, first, last)
    print_setup(ws, widths={"A": 18, "B": 34, "C": 15, "D": 16, "E": 13, "F": 15, "G": 8},
                freeze=f"C{first}")
    return SummaryMap(rows, npv, vs, on(SHEET, span(first, 4, last, 4)))


def link_scores(wb, summary: SummaryMap, weighted: dict[str, str], rank: dict[str, str]) -> None:
    """Fill the Weighted score and Rank columns with links to the Scores sheet."""
    ws = wb[SHEET]
    for option_id, r in summary.row.items():
        put_formula(ws, r, 6, f"={weighted[option_id]}", "Link", SCORE)
        put_formula(ws, r, 7, f"={rank[option_id]}", "Link", WHOLE)


def _chart(ws, first: int, last: int) -> None:
    chart = BarChart()
    chart.type = "col"
    chart.title = "NPV by option"
    chart.y_axis.title = "NPV (£)"
    chart.y_axis.numFmt = "£#,##0"
    chart.legend = None
    chart.x_axis.tickLblPos = "low"          # names below the plot, clear of negative bars
    chart.add_data(Reference(ws, min_col=3, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=first, max_row=last))
    chart.height, chart.width = 10, 20
    ws.add_chart(chart, f"A{last + 3}")
