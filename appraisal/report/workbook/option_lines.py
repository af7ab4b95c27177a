"""The money lines of an option sheet: inputs left of the timeline, one formula across it.

Each line's amount in year t is ``quantity × unit(t) + fixed(t)`` (model.md §2), written with
the line's own input cells and the named settings:

- savings: ``(t >= start) × annual × ramp[min(t − start + 1, ramp length)] × (1 − OptimismBiasSavings)``
- recurring costs: ``(t >= start) × annual``
- shared services: ``(t >= start) × annual_value × VATRate × (1 − recipient recovery) × charged``
  where ``charged`` is 1 for ``standard_rated`` (the VAT treatments table on Inputs), else 0
- one-off costs: ``(t = year) × amount × (1 + OptimismBiasCosts)``
- loan re-pricing: ``(t <= MIN(remaining, HorizonYears)) × balance × bps / 10000
  + (t = 1) × (fees + breakage)``
- redundancy and pension cessation: ``(t = year) × amount``
"""
from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.datavalidation import DataValidation

from ...case import RANGED_KINDS
from ...finance.lines import COLUMN_OF_KIND
from .cells import col, put_formula, put_text, put_value
from .option_layout import (COLUMN_LABEL, EXTRA, HIGH, LABEL, LOW, MAIN, ORG, REF, T_ROW, TYPE,
                            WHEN, Grid, OptionLayout)
from .styles import BPS, MONEY, RATE, WHOLE

Expr = Callable[[str], str]          # year column letter → formula text (no leading "=")

HEADERS = {
    "savings": ("Savings", "Annual saving", "Start year", ()),
    "recurring_costs": ("Recurring costs", "Annual cost", "Start year", ()),
    "shared_services": ("Shared services (irrecoverable VAT)", "Annual value", "Start year",
                        ("VAT treatment", "Recipient VAT recovery", "Irrecoverable VAT rate")),
    "one_off_costs": ("One-off costs", "Amount", "Year", ()),
    "loan_repricing": ("Loan re-pricing", "Margin uplift (bps)", "", (
        "Loan id", "One-off fees", "Breakage cost (− a gain)", "Balance", "Remaining years")),
    "redundancies": ("Redundancy (see workings below)", "Total cost", "Year", ()),
    "pension_cessation": ("Pension cessation", "Amount", "Year", ()),
}


def write_block_header(ws, grid: Grid, kind: str, row: int, ramp_width: int) -> None:
    """The header row of a block of lines: what each input column holds for this kind."""
    title, main, when, extras = HEADERS[kind]
    if kind == "savings":
        extras = tuple(f"Ramp {k}" for k in range(1, ramp_width + 1))
    org = "Recipient" if kind == "shared_services" else "Organisation"
    ranged = kind in RANGED_KINDS
    heads = {REF: "Ref", LABEL: title, TYPE: "Results column", ORG: org, MAIN: main,
             LOW: "Low" if ranged else "", HIGH: "High" if ranged else "", WHEN: when}
    for k, text in enumerate(extras):
        heads[EXTRA + k] = text
    heads.update({grid.sign: "Sign", grid.total: "Total in horizon", grid.pv: "Present value"})
    for c in range(REF, grid.pv + 1):
        put_text(ws, row, c, heads.get(c, ""), "Header")


def _t(c: str) -> str:
    return f"{c}${T_ROW}"


def _org_cell(ws, r: int, organisation: str | None) -> None:
    put_text(ws, r, ORG, organisation if organisation is not None else "joint", "Input")


def _ranged(ws, r: int, line, fmt: str) -> None:
    for c, value in ((MAIN, line_main(line)), (LOW, line.low), (HIGH, line.high)):
        if value is not None or c == MAIN:
            put_value(ws, r, c, value, fmt=fmt)
        else:
            ws.cell(r, c).style = "Input"


def line_main(line) -> float:
    return getattr(line, line.main)


def write_line(ws, grid: Grid, lay: OptionLayout, kind: str, line, r: int,
               line_ref: str, label: str, workings: dict[str, str]) -> tuple[Expr | None, Expr]:
    """Write a line's inputs on row ``r``; return its unit-flow and fixed-flow expressions."""
    put_text(ws, r, REF, line_ref)
    put_text(ws, r, LABEL, label, "Input")
    put_text(ws, r, TYPE, COLUMN_LABEL[COLUMN_OF_KIND[kind]])
    zero: Expr = lambda c: "0"
    if kind == "savings":
        _org_cell(ws, r, line.organisation)
        _ranged(ws, r, line, MONEY)
        put_value(ws, r, WHEN, line.start_year, fmt=WHOLE)
        first, last = col(EXTRA), col(EXTRA + grid.extra_width - 1)
        for k in range(grid.extra_width):
            value = line.ramp[k] if k < len(line.ramp) else None
            cell = put_value(ws, r, EXTRA + k, value, fmt="0.00") if value is not None else None
            if cell is None:
                ws.cell(r, EXTRA + k).style = "Input"
        ramp = f"${first}${r}:${last}${r}"
        return (lambda c: f"({_t(c)}>=$H{r})*INDEX({ramp},MAX(1,MIN({_t(c)}-$H{r}+1,"
                          f"COUNT({ramp}))))*(1-OptimismBiasSavings)"), zero
    if kind == "recurring_costs":
        _org_cell(ws, r, line.organisation)
        _ranged(ws, r, line, MONEY)
        put_value(ws, r, WHEN, line.start_year, fmt=WHOLE)
        return (lambda c: f"({_t(c)}>=$H{r})"), zero
    if kind == "shared_services":
        _org_cell(ws, r, line.recipient)
        _ranged(ws, r, line, MONEY)
        put_value(ws, r, WHEN, line.start_year, fmt=WHOLE)
        treatment = put_text(ws, r, EXTRA, line.vat_treatment, "Input")
        _vat_list(ws).add(treatment)
        put_formula(ws, r, EXTRA + 1, f"=SUMPRODUCT(--(OrgIds=$D{r}),OrgVatRecovery)", "Link",
                    RATE)
        put_formula(ws, r, EXTRA + 2, f"=VATRate*(1-${col(EXTRA + 1)}{r})*SUMPRODUCT("
                    f"--(VatTreatments=${col(EXTRA)}{r}),VatChargedFlags)", fmt="0.00%")
        rate = f"${col(EXTRA + 2)}{r}"
        return (lambda c: f"({_t(c)}>=$H{r})*{rate}"), zero
    if kind == "one_off_costs":
        _org_cell(ws, r, line.organisation)
        _ranged(ws, r, line, MONEY)
        put_value(ws, r, WHEN, line.year, fmt=WHOLE)
        return (lambda c: f"({_t(c)}=$H{r})*(1+OptimismBiasCosts)"), zero
    if kind == "loan_repricing":
        loan, fees, brk, bal, rem = (f"${col(EXTRA + k)}{r}" for k in range(5))
        put_formula(ws, r, ORG, f"=INDEX(LoanOwners,SUMPRODUCT(--(LoanIds={loan}),LoanNumbers))",
                    "Link")
        _ranged(ws, r, line, BPS)
        put_text(ws, r, EXTRA, line.loan, "Input")
        put_value(ws, r, EXTRA + 1, line.one_off_fees, fmt=MONEY)
        put_value(ws, r, EXTRA + 2, line.breakage_cost, fmt=MONEY)
        put_formula(ws, r, EXTRA + 3, f"=SUMPRODUCT(--(LoanIds={loan}),LoanBalances)", "Link",
                    MONEY)
        put_formula(ws, r, EXTRA + 4, f"=SUMPRODUCT(--(LoanIds={loan}),LoanRemainingYears)",
                    "Link", WHOLE)
        return ((lambda c: f"({_t(c)}<=MIN({rem},HorizonYears))*{bal}/10000"),
                (lambda c: f"({_t(c)}=1)*({fees}+{brk})"))
    if kind == "redundancies":
        put_formula(ws, r, ORG, f"={workings['organisation']}", "Link")
        put_formula(ws, r, MAIN, f"={workings['total']}", "Link", MONEY)
        put_formula(ws, r, WHEN, f"={workings['year']}", "Link", WHOLE)
        return None, (lambda c: f"({_t(c)}=$H{r})*$E{r}")
    if kind == "pension_cessation":
        _org_cell(ws, r, line.organisation)
        put_value(ws, r, MAIN, line.amount, fmt=MONEY)
        put_value(ws, r, WHEN, line.year, fmt=WHOLE)
        return None, (lambda c: f"({_t(c)}=$H{r})*$E{r}")
    raise ValueError(kind)


def line_formula(r: int, unit: Expr | None, fixed: Expr) -> Expr:
    """The yearly amount: ``quantity × unit + fixed`` (the parts that exist)."""
    if unit is None:
        return lambda c: f"={fixed(c)}"
    if fixed(col(1)) == "0":
        return lambda c: f"=$E{r}*{unit(c)}"
    return lambda c: f"=$E{r}*{unit(c)}+{fixed(c)}"


def _vat_list(ws) -> DataValidation:
    """The one list validation of VAT treatments on this sheet (created on first use)."""
    for dv in ws.data_validations.dataValidation:
        if dv.formula1 == "=VatTreatments":
            return dv
    dv = DataValidation(type="list", formula1="=VatTreatments", allow_blank=False)
    ws.add_data_validation(dv)
    return dv
