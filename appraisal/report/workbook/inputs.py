"""The Inputs sheet: every setting, rule table, organisation, loan, criterion and score.

Each setting gets a workbook-level name (``DiscountRate``, ``VATRate`` ...) so that formulas read
as the rule they apply (model.md §2). The statutory redundancy bands, the VAT treatments and the
small tolerances the engine uses are laid out as tables here too: no formula holds a rate, a cap,
an age band or an amount of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...finance.metrics import PAYBACK_TOLERANCE
from ...results import Results
from ...scoring import TIE
from .cells import col, define, on, put_formula, put_text, put_value, ref, span
from .styles import BPS, MONEY, RATE, RATE_FINE, WHOLE, print_setup

SHEET = "Inputs"
JOINT = "joint"
VAT_CHARGED = {"standard_rated": 1, "cost_sharing_exemption": 0, "vat_group": 0,
               "outside_scope": 0}
# Employment Rights Act 1996 s.162: (from age, to age, weeks per year of service).
BANDS = ((41, 120, 1.5), (22, 40, 1.0), (0, 21, 0.5))
MIN_SERVICE_YEARS = 2
MAX_SERVICE_YEARS = 20
SCORE_MAX = 10


@dataclass
class Band:
    from_age: str
    to_age: str
    weeks: str


@dataclass
class InputsMap:
    """Addresses on the Inputs sheet that later sheets refer to."""

    bands: list[Band] = field(default_factory=list)
    criterion_id: dict[str, str] = field(default_factory=dict)     # criterion → id cell
    criterion_name: dict[str, str] = field(default_factory=dict)
    weight: dict[str, str] = field(default_factory=dict)           # criterion → points cell
    score: dict[tuple[str, str], str] = field(default_factory=dict)  # (option, criterion)
    org_id: dict[str, str] = field(default_factory=dict)


def _setting(wb, ws, row, label, name, value, fmt, note="", style="Input"):
    put_text(ws, row, 1, label)
    put_value(ws, row, 2, value, style, fmt)
    put_text(ws, row, 3, name, "Note")
    if note:
        put_text(ws, row, 4, note, "Note")
    define(wb, name, SHEET, ref(row, 2))
    return row + 1


def _settings(wb, ws, results: Results, row: int) -> int:
    s = results.case.settings
    put_text(ws, row, 1, "Settings", "Section")
    put_text(ws, row, 3, "Name used in formulas", "Note")
    row += 1
    rows = (
        ("First calendar year (model year 1)", "FirstYear", results.first_year, WHOLE, ""),
        ("Horizon (years)", "HorizonYears", results.horizon, WHOLE,
         "Years beyond the horizon are switched off; to lengthen it, export again from Continuum"),
        ("Discount rate (real)", "DiscountRate", s.discount_rate, RATE_FINE, "End-of-year discounting"),
        ("VAT rate", "VATRate", s.vat_rate, RATE, ""),
        ("Statutory weekly pay cap", "RedundancyWeeklyPayCap", results.weekly_pay_cap, MONEY,
         "Changes every April"),
        ("Employer NIC rate", "EmployerNICRate", s.employer_nic_rate, RATE, ""),
        ("Termination NIC threshold", "TerminationNICThreshold", s.termination_nic_threshold,
         MONEY, "Class 1A on termination awards above it"),
        ("Optimism bias on one-off costs", "OptimismBiasCosts", s.optimism_bias.costs, RATE,
         "Uplift: amount × (1 + bias)"),
        ("Optimism bias on savings", "OptimismBiasSavings", s.optimism_bias.savings, RATE,
         "Reduction: saving × (1 − bias)"),
    )
    for label, name, value, fmt, note in rows:
        row = _setting(wb, ws, row, label, name, value, fmt, note)
    row = _setting(wb, ws, row, "Baseline option (id)", "BaselineOption",
                   results.baseline.id, None, "NPV vs baseline is measured against this option")
    return row + 1


def _structure(wb, ws, row: int) -> int:
    """Fixed rules of the model: score scale, tolerances, the joint label."""
    put_text(ws, row, 1, "Model conventions", "Section")
    row += 1
    row = _setting(wb, ws, row, "Top of the scoring scale", "ScoreMax", SCORE_MAX, WHOLE,
                   "Scores run 0 to this; weighted scores run 0 to 100")
    row = _setting(wb, ws, row, "Payback: cumulative net counted as negative below minus",
                   "PaybackTolerance", PAYBACK_TOLERANCE, "0.000000", "£; ignores float noise")
    row = _setting(wb, ws, row, "Scores this close count as a tie", "TieTolerance",
                   TIE, "0.0E+00", "Also: a present value this small counts as zero")
    row = _setting(wb, ws, row, "Label for lines shared by all partners", "JointLabel", JOINT,
                   None, "Put in a line's Organisation cell to make it joint")
    return row + 1


def _redundancy_rules(wb, ws, row: int, out: InputsMap) -> int:
    put_text(ws, row, 1, "Statutory redundancy (Employment Rights Act 1996 s.162)", "Section")
    row += 1
    row = _setting(wb, ws, row, "Minimum complete years of service", "MinServiceYears",
                   MIN_SERVICE_YEARS, WHOLE, "Nothing below this")
    row = _setting(wb, ws, row, "Most years counted back", "MaxServiceYears", MAX_SERVICE_YEARS,
                   WHOLE, "Counted back from the date of redundancy")
    for c, head in enumerate(("Band: age in the year worked", "From age", "To age",
                              "Weeks per year"), start=1):
        put_text(ws, row, c, head, "Header")
    row += 1
    for from_age, to_age, weeks in BANDS:
        put_text(ws, row, 1, f"{from_age} to {to_age}" if from_age else f"under {to_age + 1}")
        put_value(ws, row, 2, from_age, fmt=WHOLE)
        put_value(ws, row, 3, to_age, fmt=WHOLE)
        put_value(ws, row, 4, weeks, fmt="0.0")
        out.bands.append(Band(*(on(SHEET, ref(row, c)) for c in (2, 3, 4))))
        row += 1
    put_text(ws, row, 1, "Years counted back (k = 1 is the most recent)", "Header")
    row += 1
    first = row
    for k in range(1, MAX_SERVICE_YEARS + 1):
        put_value(ws, row, 1, k, "Calc", WHOLE)
        row += 1
    define(wb, "ServiceYearsBack", SHEET, span(first, 1, row - 1, 1))
    return row + 1


def _vat_treatments(wb, ws, row: int) -> int:
    put_text(ws, row, 1, "VAT treatments of shared services", "Section")
    row += 1
    put_text(ws, row, 1, "Treatment", "Header")
    put_text(ws, row, 2, "VAT charged (1 yes, 0 no)", "Header")
    row += 1
    first = row
    for treatment, charged in VAT_CHARGED.items():
        put_text(ws, row, 1, treatment)
        put_value(ws, row, 2, charged, fmt=WHOLE)
        row += 1
    define(wb, "VatTreatments", SHEET, span(first, 1, row - 1, 1))
    define(wb, "VatChargedFlags", SHEET, span(first, 2, row - 1, 2))
    return row + 1


def _table(wb, ws, row, title, heads, records, names, formats):
    """A list table (at least one row, blank if empty) with a named range per column."""
    put_text(ws, row, 1, title, "Section")
    row += 1
    for c, head in enumerate(heads, start=1):
        put_text(ws, row, c, head, "Header")
    row += 1
    first = row
    for record in records or [[None] * len(heads)]:
        for c, (value, fmt) in enumerate(zip(record, formats), start=1):
            if value is None:
                continue
            style = "Calc" if c == 1 else "Input"
            put_value(ws, row, c, value, style, fmt)
        row += 1
    for c, name in enumerate(names, start=1):
        if name:
            define(wb, name, SHEET, span(first, c, row - 1, c))
    return first, row + 1


def _organisations(wb, ws, results: Results, row: int, out: InputsMap) -> int:
    orgs = results.case.organisations
    first, row = _table(
        wb, ws, row, "Organisations", ("No.", "Id", "Name", "VAT recovery rate"),
        [(i, o.id, o.name, o.vat_recovery_rate) for i, o in enumerate(orgs, start=1)],
        (None, "OrgIds", None, "OrgVatRecovery"), (WHOLE, None, None, RATE))
    out.org_id = {o.id: on(SHEET, ref(first + i, 2)) for i, o in enumerate(orgs)}
    loans = [(org.id, loan) for org in orgs for loan in org.loans]
    _, row = _table(
        wb, ws, row, "Loans",
        ("No.", "Id", "Lender", "Owner (organisation id)", "Balance", "Current margin (bps)",
         "Remaining years"),
        [(i, loan.id, loan.lender, owner, loan.balance, loan.margin_bps, loan.remaining_years)
         for i, (owner, loan) in enumerate(loans, start=1)],
        ("LoanNumbers", "LoanIds", None, "LoanOwners", "LoanBalances", None,
         "LoanRemainingYears"),
        (WHOLE, None, None, None, MONEY, BPS, WHOLE))
    return row


def _criteria(wb, ws, results: Results, row: int, out: InputsMap) -> int:
    crits = results.case.criteria
    first, row = _table(
        wb, ws, row, "Criteria and weights", ("No.", "Id", "Criterion", "Weight (points)",
                                              "Scores"),
        [(i, c.id, c.name, c.weight, "derived from NPV vs baseline" if c.derived else "typed")
         for i, c in enumerate(crits, start=1)],
        (None, None, None, None, None), (WHOLE, None, None, "0.##", None))
    for i, c in enumerate(crits):
        out.criterion_id[c.id] = on(SHEET, ref(first + i, 2))
        out.criterion_name[c.id] = on(SHEET, ref(first + i, 3))
        out.weight[c.id] = on(SHEET, ref(first + i, 4))
        ws.cell(first + i, 5).style = "Note"
    return row


def _scores(ws, results: Results, row: int, out: InputsMap) -> int:
    crits = results.case.criteria
    put_text(ws, row, 1, "Scores (0 to ScoreMax, higher is better for the board)", "Section")
    row += 1
    put_text(ws, row, 1, "Option id", "Header")
    put_text(ws, row, 2, "Option", "Header")
    for j, c in enumerate(crits, start=3):
        put_formula(ws, row, j, f"={out.criterion_name[c.id]}", "Header")
    row += 1
    for option in results.case.options:
        put_text(ws, row, 1, option.id)
        put_text(ws, row, 2, option.name)
        for j, c in enumerate(crits, start=3):
            if c.derived:
                put_text(ws, row, j, "derived", "Note")
            else:
                put_value(ws, row, j, option.scores[c.id], fmt="0.0")
                out.score[(option.id, c.id)] = on(SHEET, ref(row, j))
        row += 1
    return row + 1


def write_inputs(wb, results: Results) -> InputsMap:
    """Write the Inputs sheet; return the addresses later sheets use."""
    ws = wb.create_sheet(SHEET)
    out = InputsMap()
    put_text(ws, 1, 1, "Inputs: change the blue cells on pale yellow", "Title")
    row = _settings(wb, ws, results, 3)
    row = _structure(wb, ws, row)
    row = _organisations(wb, ws, results, row, out)
    row = _criteria(wb, ws, results, row, out)
    row = _scores(ws, results, row, out)
    row = _redundancy_rules(wb, ws, row, out)
    _vat_treatments(wb, ws, row)
    widths = {"A": 44, "B": 22, "C": 24, "D": 22, "E": 16, "F": 14, "G": 14}
    # Score columns past G: wide enough for a criterion's name on two or three lines.
    widths.update({col(c): 13 for c in range(8, 3 + len(results.case.criteria))})
    print_setup(ws, widths=widths, freeze="A3")
    return out
