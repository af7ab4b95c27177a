"""The Inputs sheet: every setting, organisation, loan, option, criterion and score.

Each setting gets a workbook-level name (``DiscountRate``, ``VATRate`` ...) so that formulas read
as the rule they apply (model.md §2), a units column and a source or note. Every input carries a
data validation whose message says what is wanted ("3.5% is 0.035"); ids are chosen from lists.
The rules of law and of the model (redundancy bands, VAT treatments, the scoring scale) sit in
``Constants`` (rules.py), in the constant style.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...results import Results
from .cells import Book, on, ref, span
from .styles import BPS, MONEY, RATE, RATE_FINE, WHOLE

DATE = "d mmm yyyy"

SHEET = "Inputs"
SCORE_MAX = 10
SCENARIOS = ("base", "pessimistic", "optimistic")
HEAD = ("Input", "Value", "Units", "Name used in formulas", "Source or note")


EPOCH_DAY = date(1900, 1, 1)
JURISDICTIONS = {"england": "England", "wales": "Wales", "scotland": "Scotland",
                 "northern_ireland": "Northern Ireland"}


def _serial(day: str | None) -> int | None:
    """An ISO date as Excel's serial day number, None where there is none."""
    return None if not day else (date.fromisoformat(day) - date(1899, 12, 30)).days


def fraction(label: str, top: float) -> dict:
    """A rate entered as a fraction, 0 to ``top``; the message shows how 3.5% is written."""
    return {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": top,
            "error_title": label[:32],
            "error_message": f"Enter {label.lower()} as a fraction between 0 and {top:g}: "
                             "3.5% is 0.035."}


def whole(label: str, low: int, high: int) -> dict:
    return {"validate": "integer", "criteria": "between", "minimum": low, "maximum": high,
            "error_title": label[:32],
            "error_message": f"{label} must be a whole number from {low} to {high}."}


def at_least(label: str, low: float = 0) -> dict:
    return {"validate": "decimal", "criteria": ">=", "value": low, "error_title": label[:32],
            "error_message": f"{label} must be a number of at least {low:g}."}


def one_of(label: str, names: str, what: str) -> dict:
    return {"validate": "list", "source": f"={names}", "error_title": label[:32],
            "error_message": f"Choose {what} from the list: the ids are on the Inputs sheet."}


@dataclass
class InputsMap:
    """Addresses on the Inputs sheet that later sheets refer to."""

    max_years: int = 30
    criterion_id: dict[str, str] = field(default_factory=dict)     # criterion → id cell
    criterion_name: dict[str, str] = field(default_factory=dict)
    weight: dict[str, str] = field(default_factory=dict)           # criterion → points cell
    score: dict[tuple[str, str], str] = field(default_factory=dict)  # (option, criterion)
    scores_range: str = ""
    org_id: dict[str, str] = field(default_factory=dict)
    loan_years: dict[str, str] = field(default_factory=dict)       # loan → remaining years cell
    jurisdiction: dict[str, str] = field(default_factory=dict)     # organisation → its cell
    option_name: dict[str, str] = field(default_factory=dict)
    option_id: dict[str, str] = field(default_factory=dict)
    # value for money's money anchors (model-v2.md V8): criterion → (scores 0 at, scores 10 at)
    anchors: dict[str, tuple[str, str]] = field(default_factory=dict)


def _setting(book: Book, ws, row, label, name, value, fmt, units, note, rule=None,
             style="Input"):
    ws.text(row, 1, label)
    ws.value(row, 2, value, style, fmt)
    ws.text(row, 3, units, "Note")
    ws.text(row, 4, name, "Note")
    ws.text(row, 5, note, "Note")
    if rule:
        ws.validate(row, 2, row, 2, rule)
    book.define(name, SHEET, ref(row, 2))
    return row + 1


def _head(ws, row: int, heads) -> None:
    for c, head in enumerate(heads, start=1):
        ws.text(row, c, head, "Header")


def _settings(book: Book, ws, results: Results, row: int, max_years: int) -> int:
    s = results.case.settings
    ws.text(row, 1, "Settings", "Section")
    _head(ws, row + 1, HEAD)
    row += 2
    rate_top = max(0.2, s.discount_rate)
    rows = (
        ("First calendar year (model year 1)", "FirstYear", results.first_year, WHOLE, "year",
         "The calendar year of model year 1", whole("The first year", 1900, 2300)),
        ("Horizon (years)", "HorizonYears", results.horizon, WHOLE, "years",
         f"Any whole number up to {max_years}: the year columns run that far",
         whole("The horizon", 1, max_years)),
        ("Discount rate (real)", "DiscountRate", s.discount_rate, RATE_FINE, "a year",
         "HM Treasury Green Book: 3.5% real; end-of-year discounting",
         fraction("The discount rate", rate_top)),
        ("Discount schedule", "DiscountSchedule", s.discount_schedule, None, "flat or declining",
         "Declining: the Green Book's long-term schedule, only at 3.5%",
         {"validate": "list", "source": ["flat", "declining"], "error_title": "Schedule",
          "error_message": "flat: one rate every year; declining: 3.5% to year 30, then "
                           "3.0% and 2.5% (Green Book)."}),
        ("Inflation rate", "InflationRate", s.inflation_rate, RATE_FINE, "a year",
         "Turns nominal amounts (fixed cash, loan margins) into today's prices",
         fraction("The inflation rate", 0.2)),
        ("Interest on debt an option adds", "MarginalInterestRate",
         s.marginal_interest_rate, RATE_FINE, "a year (nominal)",
         "What lenders would charge on new borrowing; the Capacity sheet's test only (the NPV "
         "leaves financing out)", {
             "validate": "decimal", "criteria": "between", "minimum": -0.99,
             "maximum": max(1.0, s.marginal_interest_rate), "error_title": "The interest rate",
             "error_message": "Enter the interest rate as a fraction: 6% is 0.06."}),
        ("VAT rate", "VATRate", s.vat_rate, RATE, "of net value", "Standard rate: 20%",
         fraction("The VAT rate", 1)),
        ("Case date", "CaseDate", _serial(results.case.date), DATE, "date",
         "Picks the weekly pay cap in force (the table on Constants); blank: the latest",
         {"validate": "date", "criteria": ">=", "value": EPOCH_DAY, "error_title": "Case date",
          "error_message": "Enter a date, for example 1 April 2026, or leave it blank."}),
        ("Weekly pay cap, if set by hand", "RedundancyWeeklyPayCap",
         results.case.settings.redundancy_weekly_pay_cap, MONEY, "£ a week",
         "Blank: each paying organisation's jurisdiction's figure at the case date (Employment "
         "Rights Act 1996 s.227; NI Order 1996 art. 23)", at_least("The weekly pay cap")),
        ("Employer NIC rate", "EmployerNICRate", s.employer_nic_rate, RATE, "of pay",
         "Class 1 secondary rate", fraction("The NIC rate", 1)),
        ("Termination NIC threshold", "TerminationNICThreshold", s.termination_nic_threshold,
         MONEY, "£ a person", "Class 1A on termination awards above it",
         at_least("The threshold")),
        ("Optimism bias on one-off costs", "OptimismBiasCosts", s.optimism_bias.costs, RATE,
         "uplift", "Amount × (1 + bias); Green Book supplementary guidance",
         fraction("The optimism bias", 5)),
        ("Optimism bias on savings", "OptimismBiasSavings", s.optimism_bias.savings, RATE,
         "reduction", "Saving × (1 − bias)", fraction("The optimism bias", 1)),
    )
    for label, name, value, fmt, units, note, rule in rows:
        row = _setting(book, ws, row, label, name, value, fmt, units, note, rule)
    row = _setting(book, ws, row, "Baseline option (id)", "BaselineOption", results.baseline.id,
                   None, "option id", "NPV vs baseline is measured against this option",
                   one_of("Baseline option", "OptionIds", "the baseline option"))
    row = _setting(book, ws, row, "Scenario", "Scenario", "base", None,
                   "base, pessimistic or optimistic",
                   "Pessimistic or optimistic puts every line with a range at its worse or "
                   "better end, in every option",
                   {"validate": "list", "source": list(SCENARIOS), "error_title": "Scenario",
                    "error_message": "base: every line as entered; pessimistic or optimistic: "
                                     "every line with a range at its worse or better end."})
    return row + 1


def _table(book: Book, ws, row, title, heads, records, names, formats, rules=()):
    """A list table (at least one row, blank if empty) with a named range per column."""
    ws.text(row, 1, title, "Section")
    _head(ws, row + 1, heads)
    row += 2
    first = row
    for record in records or [[None] * len(heads)]:
        for c, (value, fmt) in enumerate(zip(record, formats), start=1):
            ws.value(row, c, value, "Constant" if c == 1 else "Input", fmt)
        row += 1
    for c, name in enumerate(names, start=1):
        if name:
            book.define(name, SHEET, span(first, c, row - 1, c))
    for c, rule in rules:
        ws.validate(first, c, row - 1, c, rule)
    return first, row + 1


def _organisations(book: Book, ws, results: Results, row: int, out: InputsMap) -> int:
    orgs = results.case.organisations
    first, row = _table(
        book, ws, row, "Organisations", ("No.", "Id", "Name", "VAT recovery rate",
                                         "Jurisdiction (for the weekly pay cap)"),
        [(i, o.id, o.name, o.vat_recovery_rate, JURISDICTIONS.get(o.jurisdiction or "", None))
         for i, o in enumerate(orgs, start=1)],
        (None, "OrgIds", "OrgNames", "OrgVatRecovery", "OrgJurisdictions"),
        (WHOLE, None, None, RATE, None),
        [(4, fraction("The recovery rate", 1)),
         (5, {"validate": "list", "source": list(JURISDICTIONS.values()),
              "error_title": "Jurisdiction",
              "error_message": "Choose England, Wales, Scotland or Northern Ireland, or leave "
                               "it blank (Great Britain's cap)."})])
    out.org_id = {o.id: on(SHEET, ref(first + i, 2)) for i, o in enumerate(orgs)}
    out.jurisdiction = {o.id: on(SHEET, ref(first + i, 5)) for i, o in enumerate(orgs)}
    # The choices for a line's Organisation cell: every organisation, then the joint label.
    choice = first + len(orgs) if orgs else first + 1
    ws.text(choice, 1, "or, for a line shared by all:", "Note")
    ws.formula(choice, 2, "=JointLabel", "joint", "Link")
    book.define("OrgChoices", SHEET, span(first, 2, choice, 2))
    row = max(row, choice + 2)
    loans = [(org.id, loan) for org in orgs for loan in org.loans]
    first, row = _table(
        book, ws, row, "Loans",
        ("No.", "Id", "Lender", "Owner (organisation id)", "Balance (£)", "Current margin (bps)",
         "Remaining years"),
        [(i, loan.id, loan.lender, owner, loan.balance, loan.margin_bps, loan.remaining_years)
         for i, (owner, loan) in enumerate(loans, start=1)],
        ("LoanNumbers", "LoanIds", None, "LoanOwners", "LoanBalances", None,
         "LoanRemainingYears"),
        (WHOLE, None, None, None, MONEY, BPS, WHOLE),
        [(4, one_of("Owner", "OrgIds", "the owner")), (5, at_least("A balance")),
         (7, whole("Remaining years", 0, 200))])
    out.loan_years = {loan.id: on(SHEET, ref(first + i, 7)) for i, (_, loan) in enumerate(loans)}
    return row


def _options(book: Book, ws, results: Results, row: int, out: InputsMap) -> int:
    first, row = _table(
        book, ws, row, "Options", ("No.", "Id", "Name", "Form"),
        [(i, o.id, o.name, o.form.replace("_", " ")) for i, o in enumerate(results.options, 1)],
        (None, "OptionIds", "OptionNames", None), (WHOLE, None, None, None))
    out.option_name = {o.id: on(SHEET, ref(first + i, 3)) for i, o in enumerate(results.options)}
    out.option_id = {o.id: on(SHEET, ref(first + i, 2)) for i, o in enumerate(results.options)}
    return row


def _criteria(book: Book, ws, results: Results, row: int, out: InputsMap) -> int:
    crits = results.case.criteria
    first, row = _table(
        book, ws, row, "Criteria and weights", ("No.", "Id", "Criterion", "Weight (points)",
                                                "Scores"),
        [(i, c.id, c.name, c.weight, "derived from NPV vs baseline" if c.derived else "typed")
         for i, c in enumerate(crits, start=1)],
        (None, "CriterionIds", "CriterionNames", "WeightPoints", None),
        (WHOLE, None, None, "0.##", None), [(4, at_least("A weight"))])
    for i, c in enumerate(crits):
        out.criterion_id[c.id] = on(SHEET, ref(first + i, 2))
        out.criterion_name[c.id] = on(SHEET, ref(first + i, 3))
        out.weight[c.id] = on(SHEET, ref(first + i, 4))
        ws.text(first + i, 5, "derived from NPV vs baseline" if c.derived else "typed", "Note")
    if any(c.scale_money for c in crits):
        _anchors(ws, crits, first, out)
    return row


ANCHOR_RULE = {"validate": "decimal", "criteria": "between", "minimum": -1e12, "maximum": 1e12,
               "error_title": "Money anchor", "error_message": "The NPV against the baseline, "
               "in pounds, that the board rates 0 (or 10); the 10 must be above the 0."}


def _anchors(ws, crits, first: int, out: InputsMap) -> None:
    """The money the board rates 0 and 10 on value for money (model-v2.md V8): its score is
    ScoreMax × (v − v0) / (v10 − v0), not capped."""
    ws.text(first - 1, 6, "Scores 0 at (£ NPV vs baseline)", "Header")
    ws.text(first - 1, 7, "Scores 10 at (£ NPV vs baseline)", "Header")
    for i, c in enumerate(crits):
        if not c.scale_money:
            continue
        r = first + i
        for k in (0, 1):
            ws.value(r, 6 + k, float(c.scale_money[k]), "Input", MONEY)
            ws.validate(r, 6 + k, r, 6 + k, ANCHOR_RULE)
        out.anchors[c.id] = (on(SHEET, ref(r, 6)), on(SHEET, ref(r, 7)))


def _scores(book: Book, ws, results: Results, row: int, out: InputsMap) -> int:
    crits = results.case.criteria
    ws.text(row, 1, "Scores (0 to ScoreMax, higher is better for the board)", "Section")
    row += 1
    ws.text(row, 1, "Option id", "Header")
    ws.text(row, 2, "Option", "Header")
    for j, c in enumerate(crits, start=3):
        ws.formula(row, j, f"={out.criterion_name[c.id]}", c.name, "Header")
    row += 1
    first = row
    for option in results.case.options:
        ws.text(row, 1, option.id)
        ws.text(row, 2, option.name)
        for j, c in enumerate(crits, start=3):
            if c.derived:
                ws.text(row, j, "derived", "Note")
            else:
                ws.value(row, j, option.scores.get(c.id), fmt="0.0")    # blank: not scored
                out.score[(option.id, c.id)] = on(SHEET, ref(row, j))
        row += 1
    last = row - 1
    out.scores_range = on(SHEET, span(first, 3, last, 2 + len(crits)))
    ws.validate(first, 3, last, 2 + len(crits), {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": SCORE_MAX,
        "error_title": "Score", "error_message": f"A score runs from 0 to {SCORE_MAX}."})
    return row + 1


def write_inputs(book: Book, ws, results: Results, max_years: int) -> InputsMap:
    """Write the Inputs sheet; return the addresses later sheets use."""
    out = InputsMap(max_years=max_years)
    ws.text(1, 1, "Inputs: change the blue cells on pale yellow", "Title")
    ws.text(2, 1, "Each option's money lines are entered on the Lines sheet, redundancies on "
            "the Redundancy sheet.", "Note")
    row = _settings(book, ws, results, 4, max_years)
    row = _organisations(book, ws, results, row, out)
    row = _options(book, ws, results, row, out)
    row = _criteria(book, ws, results, row, out)
    _scores(book, ws, results, row, out)
    for c, w in {1: 40, 2: 22, 3: 24, 4: 22, 5: 16, 6: 14, 7: 14}.items():
        ws.width(c, w)
    for c in range(8, 3 + len(results.case.criteria)):
        ws.width(c, 13)
    ws.width(5, max(16, 13))
    return out
