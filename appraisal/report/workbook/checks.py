"""The Checks sheet: reconciliations that must hold whatever the inputs (ICAEW: a master check).

Integrity checks (all must be TRUE; their AND is the master check shown on the Cover):
each option's line present values sum to its NPV; its totals by column equal the sum of its
lines; Summary NPV equals the option sheet; the organisations and joint sum to the NPV; the
normalised weights sum to 1. Agreement checks compare each NPV with the value Continuum
computed at export (stored as a value): TRUE until an input is changed, by design.
"""
from __future__ import annotations

from dataclasses import dataclass

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill

from ...results import Results
from .cells import define, on, put_formula, put_text, put_value, ref
from .styles import MONEY_PENCE, print_setup

SHEET = "Checks"
TOLERANCE = 0.01        # £: a penny


@dataclass
class ChecksMap:
    integrity: str      # master check cell
    agreement: str      # all NPVs as exported


def _check(ws, r: int, text: str, formula: str) -> int:
    put_text(ws, r, 1, text)
    put_formula(ws, r, 2, formula, "Check")
    return r + 1


def write_checks(wb, results: Results, option_maps, summary, scores, orgs) -> ChecksMap:
    ws = wb.create_sheet(SHEET)
    put_text(ws, 1, 1, "Checks: every result must be TRUE", "Title")
    put_text(ws, 3, 1, "Tolerance (£)")
    put_value(ws, 3, 2, TOLERANCE, "Input", MONEY_PENCE)
    define(wb, "CheckTolerance", SHEET, ref(3, 2))
    put_text(ws, 5, 1, "Integrity (must hold whatever the inputs)", "Section")
    put_text(ws, 5, 2, "Result", "Header")
    r = first = 6
    for option, m in zip(results.options, option_maps):
        r = _check(ws, r, f"{option.name}: lines' present values sum to the NPV",
                   f"=ABS(SUM({m.pv_range})-{m.npv})<CheckTolerance")
        r = _check(ws, r, f"{option.name}: totals by column equal the sum of the lines",
                   f"=ABS(SUM({m.totals_range})-SUM({m.line_total_range}))<CheckTolerance")
        r = _check(ws, r, f"{option.name}: Summary NPV equals the option sheet",
                   f"=ABS({summary.npv[option.id]}-{m.npv})<CheckTolerance")
        r = _check(ws, r, f"{option.name}: organisations and joint sum to the NPV",
                   f"=ABS({orgs.total[option.id]}-{m.npv})<CheckTolerance")
    r = _check(ws, r, "Normalised weights sum to 1",
               f"=ABS(SUM({scores.weights_range})-1)<TieTolerance")
    last = r - 1
    r += 1
    put_text(ws, r, 1, "All integrity checks", "Section")
    put_formula(ws, r, 2, f"=AND({ref(first, 2)}:{ref(last, 2)})", "Check")
    integrity = on(SHEET, ref(r, 2))
    r += 2
    put_text(ws, r, 1, "Agreement with the figures Continuum exported", "Section")
    put_text(ws, r, 2, "Result", "Header")
    put_text(ws, r, 3, "Continuum's NPV", "Header")
    put_text(ws, r, 4, "This workbook's NPV", "Header")
    r += 1
    put_text(ws, r, 1, "These turn FALSE once you change an input: that is expected, not an "
             "error.", "Note")
    r += 1
    a_first = r
    for option in results.options:
        put_text(ws, r, 1, f"{option.name}: NPV as exported")
        put_value(ws, r, 3, option.npv, "Calc", MONEY_PENCE)
        put_formula(ws, r, 4, f"={summary.npv[option.id]}", "Link", MONEY_PENCE)
        put_formula(ws, r, 2, f"=ABS(D{r}-C{r})<CheckTolerance", "Check")
        r += 1
    put_text(ws, r, 1, "All as exported", "Section")
    put_formula(ws, r, 2, f"=AND({ref(a_first, 2)}:{ref(r - 1, 2)})", "Check")
    agreement = on(SHEET, ref(r, 2))
    flag_colours(ws, f"B{first}:B{r}")
    print_setup(ws, widths={"A": 70, "B": 10, "C": 18, "D": 20}, freeze="A5")
    return ChecksMap(integrity, agreement)


def flag_colours(ws, cells: str) -> None:
    """TRUE in green, FALSE in red (formula rules on the top-left cell of ``cells``); blank
    cells and headers between the checks stay plain (a blank cell equals FALSE in Excel)."""
    top_left = cells.split(":")[0]
    ws.conditional_formatting.add(cells, FormulaRule(
        formula=[f"AND(ISLOGICAL({top_left}),{top_left}=TRUE())"], font=Font(color="006100"),
        fill=PatternFill("solid", bgColor="C6EFCE")))
    ws.conditional_formatting.add(cells, FormulaRule(
        formula=[f"AND(ISLOGICAL({top_left}),{top_left}=FALSE())"], font=Font(color="9C0006"),
        fill=PatternFill("solid", bgColor="FFC7CE")))
