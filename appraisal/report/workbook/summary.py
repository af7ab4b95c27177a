"""The Summary sheet: the leader, then one row per option in the Excel table ``Results``.

Columns: Option ID, Option, NPV (linked from the option sheet), NPV vs baseline
(NPV − the NPV of ``BaselineOption``), NPV rank, Payback year (linked; "n/a" where the engine
reports null), Benefit-cost ratio (linked), Weighted score and Rank (linked from Scores). The
leader is the option ranked 1 by weighted score (the first in the table if tied), the highest
NPV the one ranked 1 by NPV. Every figure is a live formula.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...results import Results
from .cells import on, ref, span
from .option_sheet import bcr_value
from .styles import MONEY, RATIO, SCORE, WHOLE

SHEET = "Summary"
NOT_RANKED = "none yet: scores missing (see Checks)"
HEADERS = ("Option ID", "Option", "NPV", "NPV vs baseline", "NPV rank", "Payback year",
           "Benefit-cost ratio", "Weighted score", "Rank")
TOP = 6                     # header row of the Results table
C_ID, C_NAME, C_NPV, C_VS, C_NPV_RANK, C_PAYBACK, C_BCR, C_SCORE, C_RANK = range(1, 10)


@dataclass
class SummaryMap:
    row: dict[str, int]            # option id → row
    npv: dict[str, str]            # option id → NPV cell
    npv_vs_baseline: dict[str, str]
    vs_range: str                  # the NPV vs baseline column
    ids: str                       # the Option ID column
    names: str                     # the Option column
    npvs: str
    leader: str                    # the leader's name cell
    baseline_hits: str             # how many options the baseline id names (must be 1)


def write_summary(book, ws, results: Results, option_maps: list) -> SummaryMap:
    """Write the Summary sheet (weighted score and rank are linked in by :func:`link_scores`)."""
    n = len(results.options)
    first, last = TOP + 1, TOP + n
    ws.ws.add_table(TOP - 1, 0, last - 1, len(HEADERS) - 1, {
        "name": "Results", "style": "Table Style Light 15", "autofilter": False,
        "columns": [{"header": h, "header_format": book.fmt("Header")} for h in HEADERS]})
    for c, head in enumerate(HEADERS, start=1):
        ws.values[(TOP, c)] = head
        ws.styles[(TOP, c)] = "Header"
    ws.text(1, 1, "Summary: the options side by side", "Title")
    ws.text(2, 1, "NPV in today's prices over HorizonYears at the real DiscountRate (Inputs). "
            "Payback and the benefit-cost ratio are measured against the baseline; 'n/a' for "
            "the baseline and where the option never pays back.", "Note")
    ids, names = span(first, C_ID, last, C_ID), span(first, C_NAME, last, C_NAME)
    npvs, vs_col = span(first, C_NPV, last, C_NPV), span(first, C_VS, last, C_VS)
    ranks = span(first, C_RANK, last, C_RANK)
    npv_ranks = span(first, C_NPV_RANK, last, C_NPV_RANK)
    leader = results.option(results.leader).name if results.scored else NOT_RANKED
    ws.text(3, 1, "Leader by weighted score", "Section")
    ws.formula(3, 3, f'=IF(COUNT({ranks})<ROWS({ranks}),"{NOT_RANKED}",'
               f"INDEX({names},MATCH(1,{ranks},0)))", leader, "Section")
    ws.text(4, 1, "Highest NPV", "Section")
    ws.formula(4, 3, f"=INDEX({names},MATCH(1,{npv_ranks},0))",
               results.option(results.npv_leader).name, "Section")
    rows, npv, vs = {}, {}, {}
    for i, (option, m) in enumerate(zip(results.options, option_maps)):
        r = first + i
        rows[option.id] = r
        ws.text(r, C_ID, option.id)
        ws.text(r, C_NAME, option.name)
        ws.formula(r, C_NPV, f"={m.npv}", option.npv, "Link", MONEY)
        ws.formula(r, C_VS, f"=C{r}-SUMPRODUCT(--({ids}=BaselineOption),{npvs})",
                   option.npv_vs_baseline, "Output", MONEY)
        ws.formula(r, C_NPV_RANK, f"=1+SUMPRODUCT(--({npvs}>C{r}+NpvTieTolerance))",
                   option.npv_rank, "Calc", WHOLE)
        ws.formula(r, C_PAYBACK, f"={m.payback}",
                   "n/a" if option.payback_year is None else option.payback_year, "Link", WHOLE,
                   align="right")
        ws.formula(r, C_BCR, f"={m.bcr}", bcr_value(option), "Link", RATIO, align="right")
        npv[option.id] = on(SHEET, ref(r, C_NPV))
        vs[option.id] = on(SHEET, ref(r, C_VS))
    _chart(book, ws, first, last)
    for c, w in {1: 18, 2: 34, 3: 15, 4: 16, 5: 9, 6: 10, 7: 11, 8: 11, 9: 7}.items():
        ws.width(c, w)
    return SummaryMap(rows, npv, vs, on(SHEET, vs_col), on(SHEET, ids), on(SHEET, names),
                      on(SHEET, npvs), on(SHEET, ref(3, 3)),
                      f"SUMPRODUCT(--({on(SHEET, ids)}=BaselineOption))")


def link_scores(ws, results: Results, summary: SummaryMap, weighted: dict[str, str],
                rank: dict[str, str]) -> None:
    """Fill the Weighted score and Rank columns with links to the Scores sheet."""
    for option in results.options:
        r = summary.row[option.id]
        ws.formula(r, C_SCORE, f"={weighted[option.id]}", option.weighted_score, "Link", SCORE)
        ws.formula(r, C_RANK, f"={rank[option.id]}", option.rank, "Link", WHOLE)


def _chart(book, ws, first: int, last: int) -> None:
    chart = book.xl.add_chart({"type": "column"})
    chart.add_series({
        "name": "NPV vs baseline",
        "categories": [SHEET, first - 1, C_NAME - 1, last - 1, C_NAME - 1],
        "values": [SHEET, first - 1, C_VS - 1, last - 1, C_VS - 1],
        "fill": {"color": "#0072B2"}, "invert_if_negative": False})
    chart.set_title({"name": "NPV against the baseline, by option",
                     "name_font": {"size": 12}})
    chart.set_y_axis({"num_format": "£#,##0", "name": "£", "num_font": {"size": 10},
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_x_axis({"label_position": "low", "num_font": {"size": 10}})
    chart.set_legend({"none": True})
    chart.set_size({"width": 760, "height": 320})
    ws.ws.insert_chart(last + 2, 0, chart)
