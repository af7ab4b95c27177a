"""The Cover sheet and the Warnings sheet: what the workbook is, how to read it, the contents,
the master checks, and the engine's warnings in people's words.

The Cover's flags carry no conditional formatting: LibreOffice's PDF export fails on a
conditional format over cells that link to another sheet's checks (seen with LibreOffice 7).
"""
from __future__ import annotations

from ...results import Results
from ...wording import place, sentence
from .styles import CHECK

SHEET = "Cover"

HOW_TO_USE = (
    ("This workbook is the appraisal model itself: every figure is a live formula that traces "
    "back to an input."),
    ("Change a blue cell on pale yellow (on Inputs, Lines or Redundancy) and the whole "
     "appraisal recalculates. Scenario on Inputs moves every line with a range to its end."),
    ("Each option has its own sheet: one row per money line, one column per year, the same "
    "rule across each row. HorizonYears may be anything up to MaxYears."),
    ("Sign convention: amounts in the year columns are positive; costs are subtracted in the "
    "net flow, and every total or present value marked 'signed' shows costs as negative."),
    ("Money is in pounds at today's prices; the discount rate is real. Nominal amounts (loan "
    "margins, lines marked nominal) are deflated by InflationRate."),
    ("The Monte Carlo figures on Sensitivity are Continuum's figures from its own run and do "
    "not recalculate."),
    "After any change, check that the master check above reads TRUE.",
)

KEY = (
    ("Input", "Input: change these"),
    ("Constant", "Constant: a rule of law or of the model"),
    ("Calc", "Calculation: a formula on this sheet"),
    ("Link", "Link: a formula bringing a figure from another sheet"),
    ("Output", "Key output"),
    ("Engine", "Continuum's figure from its own run: does not recalculate"),
    ("Check", "Check: TRUE or FALSE"),
)

CONTENTS = {
    "Summary": "the options side by side: NPV, ranks, payback, the leader",
    "Inputs": "settings, organisations, loans, options, criteria, weights and scores",
    "Lines": "each option's money lines: amounts, years, ranges, ramps, loans",
    "Scores": "the weighted-sum matrix, ranks and switching weights",
    "Members": "each board member's own weights and scores, weighted scores and leader",
    "By organisation": "who pays and who gains",
    "Sensitivity": "tornado, scenarios, switching values and Monte Carlo",
    "Redundancy": "statutory redundancy worked through, line by line",
    "Baseline": "the baseline option's flows, which payback and the ratio are measured against",
    "Horizon": "NPV against the baseline, highest NPV and leader at longer horizons",
    "Warnings": "what the board should confirm before relying on the figures",
    "Checks": "reconciliations and lookups; their AND is ChecksPass",
    "Capacity": "lenders' covenants and golden rules, year by year: headroom and breaches",
    "Constants": "rules of law and of the model",
}


def write_cover(ws, results: Results, checks, meta, sheets: list[str],
                option_titles: list[str], capacity: str | None = None) -> None:
    case = results.case
    ws.text(1, 1, case.title, "Title")
    line = "Options appraisal model"
    if case.prepared_by:
        line += f" · prepared by {case.prepared_by}"
    if case.date:
        line += f" · {case.date}"
    ws.text(2, 1, line, "Note")
    ws.text(3, 1, f"Exported {meta.date} by Continuum {meta.version}", "Note")
    ws.text(5, 1, "Checks", "Section")
    ws.formula(6, 1, f"={checks.integrity}", True, "Check", CHECK)
    ws.text(6, 2, "Model integrity (ChecksPass, on Checks): must be TRUE")
    ws.text(7, 1, "First check that fails:", "Label")
    ws.formula(7, 2, f"={checks.first_failing}", "none", "Label")
    ws.formula(8, 1, f"={checks.agreement}", True, "Check", CHECK)
    ws.text(8, 2, "NPVs as Continuum exported them (FALSE once you change an input)")
    r = 10
    if capacity:
        clear = not any(t.breached for o in results.options for t in o.capacity)
        ws.formula(9, 1, f"={capacity}", clear, "Check", CHECK)
        ws.text(9, 2, "Affordability (Capacity): no lender's covenant or golden rule broken, as "
                "planned or pessimistic. A breach is not an error in the model.")
        r = 11
    ws.text(r, 1, "Contents", "Section")
    r += 1
    for title in sheets:
        if title == SHEET:
            continue
        ws.link(r, 1, title, title)
        if title in option_titles:
            ws.text(r, 2, "an option's lines, year by year, its NPV and payback")
        else:
            ws.text(r, 2, CONTENTS.get(title, ""))
        r += 1
    r += 1
    ws.text(r, 1, "How to use this model", "Section")
    r += 1
    for text in HOW_TO_USE:
        ws.text(r, 1, text)
        r += 1
    r += 1
    ws.text(r, 1, "How to read the colours", "Section")
    r += 1
    for style, text in KEY:
        ws.text(r, 1, "Example", style)
        ws.text(r, 2, text)
        r += 1
    ws.width(1, 26)
    ws.width(2, 100)


def write_warnings(ws, results: Results) -> None:
    ws.text(1, 1, "Warnings: what the board should confirm", "Title")
    ws.text(2, 1, "Continuum's advice on this case as exported; not errors in the model.", "Note")
    ws.text(4, 1, "No.", "Header")
    ws.text(4, 2, "Warning", "Header")
    ws.text(4, 3, "Where in the case", "Header")
    if not results.warnings:
        ws.text(5, 2, "None: nothing in this case calls for a warning.")
    for i, warning in enumerate(results.warnings, start=1):
        ws.value(4 + i, 1, i, "Engine", "0")
        ws.text(4 + i, 2, sentence(warning), "Wrap")
        ws.text(4 + i, 3, place(warning, results.case) or "the whole case", "Wrap")
    ws.width(1, 6)
    ws.width(2, 90)
    ws.width(3, 40)
