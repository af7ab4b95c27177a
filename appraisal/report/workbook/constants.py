"""The Constants sheet: rules of law and of the model, apart from the inputs (FAST 1.03).

The statutory redundancy bands, the VAT treatments, the scoring scale and the small tolerances
the engine uses are laid out here in the constant style, each with a name, so no formula holds
a rate, a cap, an age band or a tolerance of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...finance.baseline import CASH_TOLERANCE, COST_TOLERANCE
from ...finance.caps import CAP_TABLES, JURISDICTION_NAME
from ...finance.inflation import DECLINING_STEPS
from ...scoring import TIE
from ...sensitivity import SWING_DECIMALS
from .cells import Book, on, ref, span
from .inputs import SCORE_MAX
from .styles import WHOLE

SHEET = "Constants"
EPOCH = date(1899, 12, 30)
DATE = "d mmm yyyy"
JOINT = "joint"
NPV_TIE = 1e-6          # NPVs this close share a rank (scoring.ranks(npv, tol=1e-6))
VAT_CHARGED = {"standard_rated": 1, "cost_sharing_exemption": 0, "vat_group": 0,
               "outside_scope": 0}
# Employment Rights Act 1996 s.162: (from age, to age, weeks per year of service).
BANDS = ((41, 120, 1.5), (22, 40, 1.0), (0, 21, 0.5))
MIN_SERVICE_YEARS = 2
MAX_SERVICE_YEARS = 20


@dataclass
class Band:
    from_age: str
    to_age: str
    weeks: str


def _constant(book: Book, ws, row, label, name, value, fmt, note) -> int:
    ws.text(row, 1, label)
    ws.value(row, 2, value, "Constant", fmt)
    ws.text(row, 3, name, "Note")
    ws.text(row, 4, note, "Note")
    book.define(name, SHEET, ref(row, 2))
    return row + 1


def excel_date(day) -> int:
    """A date as Excel's serial day number (1900 date system)."""
    return (day - EPOCH).days


def _caps(book: Book, ws, row: int) -> int:
    """The statutory weekly pay caps by jurisdiction and the April each took effect (model
    version 2, V7): each table's rows in date order, so a redundancy line reads the last figure
    in force at the case's date."""
    ws.text(row, 1, "Weekly pay cap for statutory redundancy pay, by jurisdiction", "Section")
    row += 1
    for c, head in enumerate(("Jurisdiction's table", "In force from", "£ a week", "Set by"),
                             start=1):
        ws.text(row, c, head, "Header")
    row += 1
    first = row
    for table, entries in CAP_TABLES.items():
        for entry in entries:
            ws.value(row, 1, JURISDICTION_NAME[table], "Constant")
            ws.value(row, 2, excel_date(entry.start), "Constant", DATE)
            ws.value(row, 3, entry.weekly_pay, "Constant", "£#,##0")
            ws.text(row, 4, entry.source, "Note")
            row += 1
    book.define("CapTables", SHEET, span(first, 1, row - 1, 1))
    book.define("CapFrom", SHEET, span(first, 2, row - 1, 2))
    book.define("CapWeeklyPay", SHEET, span(first, 3, row - 1, 3))
    return row + 1


def _band_label(from_age: int, to_age: int) -> str:
    return f"{from_age} to {to_age}" if from_age else f"under {to_age + 1}"


def write_constants(book: Book, ws, max_years: int) -> list[Band]:
    """Write the constants; return the redundancy bands' cells."""
    ws.text(1, 1, "Constants: rules of law and of the model (change only if the law changes)",
            "Title")
    ws.text(3, 1, "Model conventions", "Section")
    ws.text(3, 3, "Name used in formulas", "Note")
    row = 4
    for label, name, value, fmt, note in (
        ("Top of the scoring scale", "ScoreMax", SCORE_MAX, WHOLE,
         "Scores run 0 to this; weighted scores run 0 to 100"),
        ("Years the option sheets are built for", "MaxYears", max_years, WHOLE,
         "HorizonYears can be anything up to this"),
        ("Cumulative sums this close to 0 count as 0 (payback, low point)", "CashTolerance",
         CASH_TOLERANCE, "0.000000", "£; ignores float noise"),
        ("A difference in the PV of costs under this counts as none", "CostTolerance",
         COST_TOLERANCE, "0.000", "£: half a penny"),
        ("Declining discount schedule: first step from year", "DecliningFrom1",
         DECLINING_STEPS[1][0], WHOLE, "HM Treasury Green Book, table 8"),
        ("   rate less than the base from then", "DecliningLess1", DECLINING_STEPS[1][1],
         "0.000", "3.5% becomes 3.0%"),
        ("Declining discount schedule: second step from year", "DecliningFrom2",
         DECLINING_STEPS[2][0], WHOLE, ""),
        ("   rate less than the base from then", "DecliningLess2", DECLINING_STEPS[2][1],
         "0.000", "3.5% becomes 2.5%"),
        ("Scores this close count as a tie", "TieTolerance", TIE, "0.0E+00",
         "Also: a present value this small counts as zero"),
        ("NPVs this close share a rank", "NpvTieTolerance", NPV_TIE, "0.0E+00", "£"),
        ("A covenant's headroom this close to 0 is not a breach", "CapacityBreach", 1e-9,
         "0.0E+00", "model version 2, V10"),
        ("Tornado swings compared to this many decimals", "SwingDecimals", SWING_DECIMALS,
         WHOLE, "Equal swings keep the lines' order"),
        ("Label for lines shared by all partners", "JointLabel", JOINT, None,
         "Put in a line's Organisation cell to make it joint"),
        ("Minimum complete years of service for redundancy pay", "MinServiceYears",
         MIN_SERVICE_YEARS, WHOLE, "Employment Rights Act 1996 s.155"),
        ("Most years of service counted back", "MaxServiceYears", MAX_SERVICE_YEARS, WHOLE,
         "Employment Rights Act 1996 s.162(3)"),
    ):
        row = _constant(book, ws, row, label, name, value, fmt, note)
    row += 1
    ws.text(row, 1, "Statutory redundancy bands (Employment Rights Act 1996 s.162)", "Section")
    row += 1
    for c, head in enumerate(("Band: age in the year worked", "From age", "To age",
                              "Weeks per year"), start=1):
        ws.text(row, c, head, "Header")
    row += 1
    bands = []
    for from_age, to_age, weeks in BANDS:
        ws.formula(row, 1, f'=IF(B{row}=0,"under "&(C{row}+1),B{row}&" to "&C{row})',
                   _band_label(from_age, to_age))
        ws.value(row, 2, from_age, "Constant", WHOLE)
        ws.value(row, 3, to_age, "Constant", WHOLE)
        ws.value(row, 4, weeks, "Constant", "0.0")
        bands.append(Band(*(on(SHEET, ref(row, c)) for c in (2, 3, 4))))
        row += 1
    row += 1
    ws.text(row, 1, "Years counted back (k = 1 is the most recent)", "Header")
    row += 1
    first = row
    for k in range(1, MAX_SERVICE_YEARS + 1):
        ws.value(row, 1, k, "Constant", WHOLE)
        row += 1
    book.define("ServiceYearsBack", SHEET, span(first, 1, row - 1, 1))
    row += 1
    ws.text(row, 1, "VAT treatments of shared services", "Section")
    row += 1
    ws.text(row, 1, "Treatment", "Header")
    ws.text(row, 2, "VAT charged (1 yes, 0 no)", "Header")
    row += 1
    first = row
    for treatment, charged in VAT_CHARGED.items():
        ws.value(row, 1, treatment, "Constant")
        ws.value(row, 2, charged, "Constant", WHOLE)
        row += 1
    book.define("VatTreatments", SHEET, span(first, 1, row - 1, 1))
    book.define("VatChargedFlags", SHEET, span(first, 2, row - 1, 2))
    _caps(book, ws, row + 1)
    for c, w in {1: 52, 2: 16, 3: 22, 4: 44}.items():
        ws.width(c, w)
    return bands
