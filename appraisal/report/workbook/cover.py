"""The Cover sheet: what the workbook is, how to use it, the colour key and the master checks.

The Cover's flags carry no conditional formatting: LibreOffice's PDF export fails on a
conditional format over cells that link to another sheet's checks (seen with LibreOffice 7).
"""
from __future__ import annotations

from ...results import Results
from .cells import put_formula, put_text
from .styles import CHECK, print_setup

SHEET = "Cover"

HOW_TO_USE = (
    "This workbook is the appraisal model itself: every figure is a live formula that traces "
    "back to the Inputs sheet.",
    "Change a blue cell on pale yellow (on Inputs, or a line's inputs on an option sheet) and "
    "the whole appraisal recalculates.",
    "Each option has its own sheet: one row per money line, one column per year, the same "
    "rule across each row.",
    "Summary compares the options; Scores holds the weighted-sum matrix; Sensitivity the "
    "tornado, switching values and scenarios.",
    "The Monte Carlo figures on Sensitivity are values from Continuum's run and do not "
    "recalculate.",
    "Costs are positive amounts in their own rows and subtracted in the net flow; money is in "
    "today's prices.",
    "Check that the master check below reads TRUE after any change.",
)

KEY = (
    ("Input", "Input: change these"),
    ("Calc", "Calculation: a formula on this sheet"),
    ("Link", "Link: a formula bringing a figure from another sheet"),
    ("Output", "Key output"),
    ("Check", "Check: TRUE or FALSE"),
)


def write_cover(wb, results: Results, checks) -> None:
    ws = wb.create_sheet(SHEET, 0)
    case = results.case
    put_text(ws, 1, 1, case.title, "Title")
    meta = "Options appraisal model"
    if case.prepared_by:
        meta += f" · prepared by {case.prepared_by}"
    if case.date:
        meta += f" · {case.date}"
    put_text(ws, 2, 1, meta, "Note")
    put_text(ws, 4, 1, "How to use this model", "Section")
    r = 5
    for line in HOW_TO_USE:
        put_text(ws, r, 1, line)
        r += 1
    r += 1
    put_text(ws, r, 1, "Colour key", "Section")
    r += 1
    for style, text in KEY:
        put_text(ws, r, 1, "Example", style)
        put_text(ws, r, 2, text)
        r += 1
    r += 1
    put_text(ws, r, 1, "Checks", "Section")
    r += 1
    put_text(ws, r, 2, "Model integrity (Checks sheet): must be TRUE")
    put_formula(ws, r, 1, f"={checks.integrity}", "Check", CHECK)
    put_text(ws, r + 1, 2, "NPVs as Continuum exported them (FALSE once you change an input)")
    put_formula(ws, r + 1, 1, f"={checks.agreement}", "Check", CHECK)
    print_setup(ws, widths={"A": 14, "B": 90})
