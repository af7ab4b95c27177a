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

from ...kinds import COLUMN, COLUMN_OF_KIND, KIND, RANGED_KINDS
from .cells import col, on, ref
from .option_layout import (
    BASIS,
    COLUMN_LABEL,
    DEFL_ROW,
    DF_ROW,
    EXTRA,
    FLAG_ROW,
    HIGH,
    LABEL,
    LOAN_KIND,
    LOW,
    ONE_OFF_KIND,
    PENSION_KIND,
    RECURRING_KIND,
    MAIN,
    ORG,
    REF,
    SAVINGS_KIND,
    SHARED_KIND,
    T_ROW,
    TYPE,
    WHEN,
    WORKED_KINDS,
    Grid,
)
from .styles import BPS, MONEY, RATE, WHOLE

Expr = Callable[[str], str]          # year column letter → formula text (no leading "=")

# Per kind: the main quantity's, the year's and the extra input columns' headings (the block's
# title is the kind's plural, kinds.py); one entry for each kind kinds.py lists.
HEADERS = {
    SAVINGS_KIND: ("Annual saving (£)", "Start year", ()),
    RECURRING_KIND: ("Annual cost (£)", "Start year", ()),
    SHARED_KIND: ("Annual value (£)", "Start year", (
        "VAT treatment", "Recipient VAT recovery", "Irrecoverable VAT rate",
        "Supplier id (blank: none)", "Recharge present value (£)")),
    ONE_OFF_KIND: ("Amount (£)", "Year", ("Renew every (years)",)),
    LOAN_KIND: ("Margin uplift (bps)", "", (
        "Loan id", "One-off fees (£)", "Breakage cost (£, − a gain)", "Balance (£)",
        "Remaining years")),
    **{kind: ("Total cost (£)", "Year", ()) for kind in WORKED_KINDS},
    PENSION_KIND: ("Amount (£, − a credit)", "First year", ("Instalments",)),
}
if set(HEADERS) != set(KIND):
    raise ImportError("option_lines.HEADERS must have one entry for each kind in kinds.py")
MONEY_RULE = {"validate": "decimal", "criteria": ">=", "value": 0, "error_title": "Amount",
              "error_message": "Enter an amount in pounds of at least 0 (costs too are "
                               "entered as positive amounts)."}
BPS_RULE = {"validate": "decimal", "criteria": "between", "minimum": -10000, "maximum": 10000,
            "error_title": "Basis points",
            "error_message": "Enter basis points: 25 is a quarter of a percentage point."}
RAMP_RULE = {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 5,
             "error_title": "Ramp", "error_message": "A ramp step is a share of the full "
             "saving: 0.5 is half, 1 is all of it."}


BASIS_RULE = {"validate": "list", "source": ["real", "nominal"], "error_title": "Basis",
              "error_message": "real: in today's prices; nominal: a fixed cash amount, "
                               "deflated by InflationRate."}
AMOUNT_RULE = {"validate": "decimal", "criteria": "between", "minimum": -1e12, "maximum": 1e12,
               "error_title": "Amount", "error_message": "An amount in pounds: a debt positive, "
                                                         "a credit negative."}
INSTALMENTS_RULE = {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 100,
                    "error_title": "Instalments", "error_message": "A whole number of yearly "
                                                                   "parts, 1 to 100."}
RENEW_RULE = {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 100,
              "error_title": "Renew every", "error_message": "Leave blank, or enter a whole "
                                                             "number of years (8: every 8 years)."}


def year_rule(max_years: int) -> dict:
    return {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": max_years,
            "error_title": "Year", "error_message": f"Enter a model year, a whole number from 1 "
                                                    f"to {max_years} (year 1 is FirstYear)."}


def list_rule(names: str, what: str) -> dict:
    return {"validate": "list", "source": f"={names}", "error_title": what[:32],
            "error_message": f"Choose the {what.lower()} from the list (ids are on Inputs)."}


def write_block_header(ws, grid: Grid, kind: str, row: int, ramp_width: int,
                       inputs_only: bool = False) -> None:
    """The header row of a block of lines: what each input column holds for this kind (on the
    Lines sheet, ``inputs_only``: the input columns, and the option in the third)."""
    main, when, extras = HEADERS[kind]
    title = KIND[kind].plural
    if kind == SHARED_KIND:
        title += f" ({COLUMN[KIND[kind].column].words})"
    if kind in WORKED_KINDS:
        title += f" (see the {KIND[kind].noun} sheet)"
    if kind == SAVINGS_KIND:
        extras = tuple(f"Ramp {k}" for k in range(1, ramp_width + 1))
    org = (f"{KIND[kind].organisation.capitalize()} id" if kind == SHARED_KIND
           else "Organisation id")       # the key typed in; the names are on Inputs
    ranged = kind in RANGED_KINDS
    heads = {REF: "Ref", LABEL: title, TYPE: "Results column", ORG: org, MAIN: main,
             LOW: "Low" if ranged else "", HIGH: "High" if ranged else "", WHEN: when,
             BASIS: "Basis (real or nominal)" if KIND[kind].basis else ""}
    for k, text in enumerate(extras):
        heads[EXTRA + k] = text
    heads.update({grid.sign: "Sign", grid.total: "Total in horizon (signed)",
                  grid.pv: "Present value (signed)"})
    if inputs_only:
        heads[TYPE] = "Option"
    for c in range(REF, (grid.sign - 1 if inputs_only else grid.pv) + 1):
        ws.text(row, c, heads.get(c, ""), "Header")


def _t(c: str) -> str:
    return f"{c}${T_ROW}"


class LineWriter:
    """Writes one line's inputs and returns its flow expressions.

    The inputs are typed on the Lines sheet (with their validation) and linked, in green, into
    the option sheet's input columns, so the option sheet holds only links and calculations.
    Each ``write`` returns ``(unit, fixed, checks)``: the unit-flow and fixed-flow expressions of
    model.md §2 and the lookups the Checks sheet must see hit exactly once."""

    def __init__(self, ws, grid: Grid, case, max_years: int, lines, timeline=None) -> None:
        self.ws, self.grid, self.case, self.lines = ws, grid, case, lines
        self.timeline = timeline
        self.year_rule = year_rule(max_years)
        self.lr = 0                     # this line's row on the Lines sheet

    def _input(self, r: int, c: int, value, fmt: str | None = None, rule: dict | None = None,
               blank_ok: bool = False) -> None:
        """An input typed on the Lines sheet and linked into the option sheet at (r, c)."""
        sheet = self.lines.ws
        if isinstance(value, str):
            sheet.text(self.lr, c, value, "Input")
        else:
            sheet.value(self.lr, c, value, "Input", fmt)
        if rule:
            sheet.validate(self.lr, c, self.lr, c, rule)
        src = on(sheet.title, ref(self.lr, c))
        if blank_ok:                    # a blank stays blank (a ramp's length is its count)
            self.ws.formula(r, c, f'=IF(ISBLANK({src}),"",{src})', "" if value is None else value,
                            "Link", fmt)
        else:
            self.ws.formula(r, c, f"={src}", value, "Link", fmt)

    def _org(self, r: int, organisation: str | None, recipient: bool = False) -> str:
        self._input(r, ORG, organisation if organisation is not None else "joint", None,
                    list_rule("OrgIds" if recipient else "OrgChoices",
                              "Recipient" if recipient else "Organisation"))
        cell = f"$D${r}"
        if recipient:
            return f"SUMPRODUCT(--(OrgIds={cell}))=1"
        return f"OR({cell}=JointLabel,SUMPRODUCT(--(OrgIds={cell}))=1)"

    def _ranged(self, r: int, line, fmt: str, rule: dict) -> None:
        """The main quantity and its range. The quantity the model uses follows the Scenario
        switch: as entered at base; otherwise, where the line has a range, its worse end when
        pessimistic (low for a saving, high for a cost) and its better end when optimistic."""
        self._input(r, MAIN, getattr(line, line.main), fmt, rule)
        for c, value in ((LOW, line.low), (HIGH, line.high)):
            self._input(r, c, value, fmt, rule, blank_ok=True)
        typed = self.ws.values[(r, MAIN)]
        link = f"{on(self.lines.ws.title, ref(self.lr, MAIN))}"
        sign = f"${col(self.grid.sign)}{r}"
        low, high = f"${col(LOW)}{r}", f"${col(HIGH)}{r}"
        self.ws.formula(r, MAIN, (
            f'=IF(AND(Scenario<>"base",ISNUMBER({low}),ISNUMBER({high})),'
            f'IF((Scenario="pessimistic")=({sign}=1),{low},{high}),{link})'), typed, "Link", fmt)
        driver = getattr(line, "driver", None)
        self.lines.driver(self.lr, driver)

    def _when(self, r: int, year: int) -> None:
        self._input(r, WHEN, year, WHOLE, self.year_rule)

    def _basis(self, r: int, line) -> Expr:
        """The line's basis: a nominal amount is deflated to today's prices in each year."""
        self._input(r, BASIS, getattr(line, "basis", "real") or "real", None, BASIS_RULE)
        return lambda c: f'IF(${col(BASIS)}{r}="nominal",{c}${DEFL_ROW},1)'

    def _recharge(self, r: int, line) -> str:
        """A supplier's recharge (model-v2.md V6): the present value of the service's annual
        value from its start year (deflated where nominal), which By organisation moves from the
        recipient to the supplier. Returns the check that the supplier, if any, is known and is
        not the recipient."""
        supplier = getattr(line, "supplier", None)
        self._input(r, EXTRA + 3, supplier, None, list_rule("OrgIds", "Supplier"), blank_ok=True)
        grid, cell = self.grid, f"${col(EXTRA + 3)}{r}"
        flags = grid.row_span(FLAG_ROW)
        dfs, defl, years = grid.row_span(DF_ROW), grid.row_span(DEFL_ROW), grid.row_span(T_ROW)
        value = 0.0
        if supplier and self.timeline is not None:
            t = self.timeline
            nominal = (getattr(line, "basis", "real") or "real") == "nominal"
            value = float(line.annual_value) * sum(
                t.df[k] * (t.deflator[k] if nominal else 1.0)
                for k in range(t.h) if k + 1 >= line.start_year)
        self.ws.formula(r, EXTRA + 4, (
            f'=IF({cell}="",0,$E{r}*SUMPRODUCT({flags},{dfs},--({years}>=$H{r}),'
            f'(${col(BASIS)}{r}="nominal")*{defl}+(${col(BASIS)}{r}<>"nominal")))'),
            value, "Calc", MONEY)
        cell = f"${col(EXTRA + 3)}${r}"
        return f'OR({cell}="",AND(SUMPRODUCT(--(OrgIds={cell}))=1,{cell}<>$D${r}))'

    def write(self, kind: str, line, r: int, line_ref: str, label: str, workings: dict,
              option_name: str):
        ws, grid = self.ws, self.grid
        ws.text(r, REF, line_ref)
        ws.text(r, TYPE, COLUMN_LABEL[COLUMN_OF_KIND[kind]])
        if kind in WORKED_KINDS:
            return self._redundancy(r, workings)
        self.lr = self.lines.line(kind, line_ref, option_name)
        self._input(r, LABEL, label)
        zero: Expr = lambda c: "0"
        if kind == SAVINGS_KIND:
            check = self._org(r, line.organisation)
            self._ranged(r, line, MONEY, MONEY_RULE)
            self._when(r, line.start_year)
            first, last = col(EXTRA), col(EXTRA + grid.extra_width - 1)
            for k in range(grid.extra_width):
                self._input(r, EXTRA + k, line.ramp[k] if k < len(line.ramp) else None, "0.00",
                            RAMP_RULE, blank_ok=True)
            ramp = f"${first}${r}:${last}${r}"
            prices = self._basis(r, line)
            return (lambda c: f"({_t(c)}>=$H{r})*INDEX({ramp},MAX(1,MIN({_t(c)}-$H{r}+1,"
                              f"COUNT({ramp}))))*(1-OptimismBiasSavings)*{prices(c)}"), zero, [
                check]
        if kind == RECURRING_KIND:
            check = self._org(r, line.organisation)
            self._ranged(r, line, MONEY, MONEY_RULE)
            self._when(r, line.start_year)
            prices = self._basis(r, line)
            return (lambda c: f"({_t(c)}>=$H{r})*{prices(c)}"), zero, [check]
        if kind == SHARED_KIND:
            check = self._org(r, line.recipient, recipient=True)
            self._ranged(r, line, MONEY, MONEY_RULE)
            self._when(r, line.start_year)
            self._input(r, EXTRA, line.vat_treatment, None,
                        list_rule("VatTreatments", "VAT treatment"))
            recovery = self.case.organisation(line.recipient).vat_recovery_rate
            ws.formula(r, EXTRA + 1, f"=SUMPRODUCT(--(OrgIds=$D{r}),OrgVatRecovery)", recovery,
                       "Link", RATE)
            charged = 1 if line.vat_treatment == "standard_rated" else 0
            ws.formula(r, EXTRA + 2, f"=VATRate*(1-${col(EXTRA + 1)}{r})*SUMPRODUCT("
                       f"--(VatTreatments=${col(EXTRA)}{r}),VatChargedFlags)",
                       self.case.settings.vat_rate * (1 - recovery) * charged, "Calc", "0.00%")
            rate = f"${col(EXTRA + 2)}{r}"
            treatment = f"SUMPRODUCT(--(VatTreatments=${col(EXTRA)}${r}))=1"
            prices = self._basis(r, line)
            return (lambda c: f"({_t(c)}>=$H{r})*{rate}*{prices(c)}"), zero, [
                check, treatment, self._recharge(r, line)]
        if kind == ONE_OFF_KIND:
            check = self._org(r, line.organisation)
            self._ranged(r, line, MONEY, MONEY_RULE)
            self._when(r, line.year)
            every = f"${col(EXTRA)}{r}"
            self._input(r, EXTRA, getattr(line, "renew_every", None), WHOLE, RENEW_RULE,
                        blank_ok=True)
            # In its year, and with "renew every" n, every n years after it (model-v2.md V2).
            return (lambda c: f"({_t(c)}>=$H{r})*IF(N({every})>0,--(MOD({_t(c)}-$H{r},"
                              f"MAX(1,N({every})))=0),--({_t(c)}=$H{r}))"
                              f"*(1+OptimismBiasCosts)"), zero, [check]
        if kind == LOAN_KIND:
            loan_cell, fees, brk, bal, rem = (f"${col(EXTRA + k)}{r}" for k in range(5))
            owner, loan = self.case.loan(line.loan)
            ws.formula(r, ORG, f"=INDEX(LoanOwners,SUMPRODUCT(--(LoanIds={loan_cell}),"
                       "LoanNumbers))", owner.id, "Link")
            self._ranged(r, line, BPS, BPS_RULE)
            self._input(r, EXTRA, line.loan, None, list_rule("LoanIds", "Loan"))
            self._input(r, EXTRA + 1, line.one_off_fees, MONEY, MONEY_RULE)
            self._input(r, EXTRA + 2, line.breakage_cost, MONEY)
            ws.formula(r, EXTRA + 3, f"=SUMPRODUCT(--(LoanIds={loan_cell}),LoanBalances)",
                       loan.balance, "Link", MONEY)
            ws.formula(r, EXTRA + 4, f"=SUMPRODUCT(--(LoanIds={loan_cell}),LoanRemainingYears)",
                       loan.remaining_years, "Link", WHOLE)
            check = f"SUMPRODUCT(--(LoanIds=${col(EXTRA)}${r}))=1"
            # The margin is nominal, fixed by the contract: deflated (model-v2.md V3).
            return ((lambda c: f"({_t(c)}<={rem})*{bal}/10000*{c}${DEFL_ROW}"),
                    (lambda c: f"({_t(c)}=1)*({fees}+{brk})"), [check])
        if kind == PENSION_KIND:
            # A debt (or, negative, a credit) paid in equal yearly instalments (model-v2.md V5).
            check = self._org(r, line.organisation)
            self._ranged(r, line, MONEY, AMOUNT_RULE)
            self._when(r, line.year)
            parts = f"${col(EXTRA)}{r}"
            self._input(r, EXTRA, getattr(line, "instalments", 1), WHOLE, INSTALMENTS_RULE)
            prices = self._basis(r, line)
            return (lambda c: f"({_t(c)}>=$H{r})*({_t(c)}<=$H{r}+{parts}-1)/{parts}"
                              f"*{prices(c)}"), zero, [check]
        raise ValueError(kind)

    def _redundancy(self, r: int, workings: dict):
        """A redundancy line: every figure links to its workings on the Redundancy sheet."""
        ws, red = self.ws, workings["result"]
        ws.formula(r, LABEL, f"={workings['label']}", red.label, "Link")
        ws.formula(r, ORG, f"={workings['organisation']}",
                   red.organisation if red.organisation else "joint", "Link")
        ws.formula(r, MAIN, f"={workings['total']}", red.total, "Link", MONEY)
        ws.formula(r, WHEN, f"={workings['year']}", red.year, "Link", WHOLE)
        return None, (lambda c: f"({_t(c)}=$H{r})*$E{r}"), [workings["check"]]


def line_formula(r: int, unit: Expr | None, fixed: Expr) -> Expr:
    """The yearly amount in every built year: ``quantity × unit + fixed`` (the parts that
    exist). The line's totals, the totals by column and the NPV count the years in the horizon
    (the flag row); the horizon table reads every year."""
    if unit is None:
        return lambda c: f"={fixed(c)}"
    if fixed(col(1)) == "0":
        return lambda c: f"=$E{r}*{unit(c)}"
    return lambda c: f"=$E{r}*{unit(c)}+{fixed(c)}"
