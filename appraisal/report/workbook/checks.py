"""The Checks sheet: reconciliations and lookups that must hold whatever the inputs (ICAEW: a
master check), and the agreement with the figures Continuum exported.

Integrity checks (all must be TRUE; their AND is ``ChecksPass``, shown on the Cover): the
horizon fits the year columns; the baseline id names exactly one option; the weights are not
all zero; every score is on the scale; every line's organisation, loan and VAT treatment is
found exactly once; each option's line present values sum to its NPV and its signed line totals
to its net cash flow; Summary NPV equals the option sheet; the organisations and joint sum to
the NPV; the normalised weights sum to 1. Each check is wrapped so that it shows FALSE, never an
error value, and the Cover names the first that fails.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...results import Results
from .cells import Book, on, ref, span
from .styles import MONEY_PENCE, flag_colours

SHEET = "Checks"
TOLERANCE = 0.01        # £: a penny


@dataclass
class ChecksMap:
    integrity: str      # master check cell (also the name ChecksPass)
    first_failing: str  # the first failing check's description, or "none"
    agreement: str      # all NPVs as exported


def _check(ws, failing: list[str], r: int, text: str, formula: str, ok: bool = True) -> int:
    """A check's row; ``ok`` is what the formula gives for the figures exported."""
    ws.text(r, 1, text)
    ws.formula(r, 2, f"=IFERROR({formula},FALSE)", ok, "Check")
    if not ok:
        failing.append(text)
    return r + 1


def write_checks(book: Book, ws, results: Results, option_maps, summary, scores, orgs,
                 inputs, capacity: str | None = None, deal_open: str = "") -> ChecksMap:
    ws.text(1, 1, "Checks: every result must be TRUE", "Title")
    ws.text(3, 1, "Tolerance (£)")
    ws.value(3, 2, TOLERANCE, "Constant", MONEY_PENCE)
    book.define("CheckTolerance", SHEET, ref(3, 2))
    ws.text(5, 1, "Integrity (must hold whatever the inputs)", "Section")
    ws.text(5, 2, "Result", "Header")
    r = first = 6
    failing: list[str] = []             # the checks that fail on the figures exported
    weighted = any(c.weight > 0 for c in results.case.criteria)
    r = _check(ws, failing, r, "The horizon is a whole number of years within the year columns "
               "(1 to MaxYears)",
               "AND(HorizonYears>=1,HorizonYears<=MaxYears,HorizonYears=INT(HorizonYears))")
    r = _check(ws, failing, r, "The baseline option id names exactly one option",
               f"{summary.baseline_hits}=1")
    r = _check(ws, failing, r, "The weights are not all zero", f"SUM({scores.points_range})>0", weighted)
    r = _check(ws, failing, r, "Every option has a weighted score (no score missing on a criterion with "
               "weight)", f"COUNT({scores.weighted_range})=ROWS({scores.weighted_range})",
               results.scored)
    if inputs.scores_range:
        r = _check(ws, failing, r, "Every typed score is between 0 and ScoreMax",
                   f"AND(MIN({inputs.scores_range})>=0,MAX({inputs.scores_range})<=ScoreMax)")
    for v0, v10 in inputs.anchors.values():
        r = _check(ws, failing, r, "Value for money's money anchors: the amount scoring 10 is above the "
                   "amount scoring 0", f"{v10}>{v0}")
    for m in option_maps:
        for text, formula in m.checks:
            r = _check(ws, failing, r, text, formula)
    for option, m in zip(results.options, option_maps):
        r = _check(ws, failing, r, f"{option.name}: lines' present values sum to the NPV",
                   f"ABS(SUM({m.pv_range})-{m.npv})<CheckTolerance")
        r = _check(ws, failing, r, f"{option.name}: lines' signed totals sum to the net cash flow",
                   f"ABS(SUM({m.line_total_range})-{m.net_total})<CheckTolerance")
        r = _check(ws, failing, r, f"{option.name}: Summary NPV equals the option sheet",
                   f"ABS({summary.npv[option.id]}-{m.npv})<CheckTolerance")
        r = _check(ws, failing, r, f"{option.name}: organisations and joint sum to the NPV",
                   f"ABS({orgs.total[option.id]}-{m.npv})<CheckTolerance")
    r = _check(ws, failing, r, "Normalised weights sum to 1",
               f"ABS(SUM({scores.weights_range})-1)<TieTolerance", weighted)
    last = r - 1
    r += 1
    ws.text(r, 1, "All integrity checks (ChecksPass)", "Section")
    ws.formula(r, 2, f"=AND({ref(first, 2)}:{ref(last, 2)})", not failing, "Check")
    book.define("ChecksPass", SHEET, ref(r, 2))
    integrity = on(SHEET, ref(r, 2))
    ws.text(r + 1, 1, "First check that fails")
    ws.formula(r + 1, 2, f'=IF(ChecksPass,"none",INDEX({span(first, 1, last, 1)},'
               f"MATCH(FALSE,{span(first, 2, last, 2)},0)))",
               failing[0] if failing else "none", "Label")
    first_failing = on(SHEET, ref(r + 1, 2))
    r += 3
    ws.text(r, 1, "Agreement with the figures Continuum exported", "Section")
    ws.text(r, 2, "Result", "Header")
    ws.text(r, 3, "Continuum's NPV", "Header")
    ws.text(r, 4, "This workbook's NPV", "Header")
    r += 1
    ws.text(r, 1, "These turn FALSE once you change an input: that is expected, not an error.",
            "Note")
    r += 1
    a_first = r
    for option in results.options:
        ws.text(r, 1, f"{option.name}: NPV as exported")
        ws.value(r, 3, option.npv, "Engine", MONEY_PENCE)
        ws.formula(r, 4, f"={summary.npv[option.id]}", option.npv, "Link", MONEY_PENCE)
        ws.formula(r, 2, f"=IFERROR(ABS(D{r}-C{r})<CheckTolerance,FALSE)", True, "Check")
        r += 1
    ws.text(r, 1, "All as exported", "Section")
    ws.formula(r, 2, f"=AND({ref(a_first, 2)}:{ref(r - 1, 2)})", True, "Check")
    agreement = on(SHEET, ref(r, 2))
    if capacity:
        r += 2
        ws.text(r, 1, "Affordability: no covenant or golden rule broken (Capacity; a breach is "
                "not an error in the model, so it is not part of ChecksPass)", "Section")
        clear = not any(t.breached for o in results.options for t in o.capacity)
        ws.formula(r, 2, f"={capacity}", clear, "Check")
    if deal_open and results.scored:      # nothing is recommended while scores are missing
        r += 2
        ws.text(r, 1, "Open points that could stop the recommended option (Deal; a flag for the "
                "board, not part of ChecksPass)", "Section")
        gates = results.option(results.recommended).deal.gates
        ws.formula(r, 2, f"={deal_open}", len(gates), "Link")
    flag_colours(ws, first, 2, r)
    for c, w in {1: 80, 2: 10, 3: 18, 4: 20}.items():
        ws.width(c, w)
    return ChecksMap(integrity, first_failing, agreement)
