"""The seven kinds of money line (model.md §1–2), each a table model with its columns.

Columns name the case-file field they edit; defaults are model.md's, so a cell shows the value
the engine will use. ``NEW`` is what the "Add" button puts in: a valid line at zero.
"""
from __future__ import annotations

from appraisal.formatting import money
from appraisal.kinds import KIND as KINDS
from appraisal.kinds import KIND_IDS

from .line_table import PV, Column, LineTableModel, _range

LABEL = Column("label", "Label", "text", "A short name for the line, as the board will read it")
ORGANISATION = Column("organisation", "Organisation", "organisation",
                      "Which partner gains or pays; Joint when it is shared by all")
START = Column("start_year", "Start year", "whole", "Model year in which it starts (1 = first)",
               default=1)
YEAR = Column("year", "Year", "whole", "Model year in which it falls (1 = first)", default=1)
DRIVER = Column("driver", "Shared figure", "text",
                "Lines with the same name here are one uncertain figure: they move together "
                "in every option, the baseline included (needs a low and high). Copy to other "
                "options fills it in", optional=True)
BASIS = Column("basis", "Basis", "basis", "Today's prices, as most figures are; or fixed in "
               "cash (such as a fixed-price contract), which inflation erodes year by year",
               default="real")


class SavingsModel(LineTableModel):
    KIND = "savings"
    NOUN = KINDS[KIND].word
    COLUMNS = (LABEL, ORGANISATION,
               Column("annual", "Annual saving", "money", "Full-year saving in today's pounds"),
               *_range(), DRIVER, START,
               Column("ramp", "Ramp", "ramp", "Share of the full saving in each year from the "
                      "start, e.g. 50%, 100%; the last share holds after that", default=[1.0]),
               BASIS, PV)
    NEW = {"label": "New saving", "annual": 0.0}


class RecurringCostsModel(LineTableModel):
    KIND = "recurring_costs"
    NOUN = KINDS[KIND].word
    COLUMNS = (LABEL, ORGANISATION,
               Column("annual", "Annual cost", "money", "Yearly cost in today's pounds"),
               *_range(), DRIVER, START, BASIS, PV)
    NEW = {"label": "New recurring cost", "annual": 0.0}


class SharedServicesModel(LineTableModel):
    KIND = "shared_services"
    NOUN = KINDS[KIND].word
    COLUMNS = (LABEL,
               Column("recipient", "Recipient", "recipient", "The partner that receives the "
                      "service and bears any VAT it cannot recover"),
               Column("supplier", "Supplier", "supplier", "Who supplies the service: a partner, "
                      "or a cost sharing group the recipient is a member of (the only supplier "
                      "the cost sharing exemption allows); its charge moves to it in the "
                      "figures by organisation"),
               Column("annual_value", "Annual value", "money", "Yearly value of the supplies"),
               *_range(), DRIVER,
               Column("vat_treatment", "VAT treatment", "vat", "Standard-rated supplies carry "
                      "VAT the recipient may not recover; exemptions have conditions",
                      default="standard_rated"),
               START, BASIS,
               Column("pv", "Present value of VAT", "result",
                      "Irrecoverable VAT on the supplies, discounted over the horizon"))
    NEW = {"label": "New shared service", "annual_value": 0.0}


class OneOffCostsModel(LineTableModel):
    KIND = "one_off_costs"
    NOUN = KINDS[KIND].word
    COLUMNS = (LABEL, ORGANISATION,
               Column("amount", "Amount", "money", "The cost, before any optimism bias"),
               *_range(), DRIVER, YEAR,
               Column("renew_every", "Renews every (years)", "whole", "Blank if it falls once; "
                      "otherwise the same cost falls again every that many years, such as a "
                      "system replaced every eight years", optional=True),
               PV)
    NEW = {"label": "New one-off cost", "amount": 0.0, "year": 1}


class RedundanciesModel(LineTableModel):
    KIND = "redundancies"
    NOUN = KINDS[KIND].word
    COLUMNS = (
        LABEL, ORGANISATION,
        Column("count", "People", "whole", "How many people on these terms", default=1),
        Column("age", "Age", "whole", "Age at the date of redundancy"),
        Column("years_service", "Service (years)", "whole",
               "Complete years of continuous service (at most 20 count)"),
        Column("weekly_pay", "Weekly pay", "money", "Gross weekly pay"),
        Column("cap_weekly_pay", "Capped", "check",
               "Apply the statutory cap on a week's pay", default=True),
        Column("enhancement_multiplier", "Multiplier", "number",
               "Multiple of statutory pay (1 = statutory only)", default=1.0),
        Column("notice_weeks", "Notice weeks", "number", "Weeks of notice paid", default=0.0),
        Column("pension_strain", "Pension strain", "money", "Employer's pension strain cost",
               default=0.0),
        YEAR,
        Column("weeks", "Stat. weeks", "result", "Weeks' pay under s.162 of the "
               "Employment Rights Act 1996", fmt="weeks"),
        Column("pay_for_weeks", "Week's pay used", "result", "Weekly pay after the cap"),
        Column("redundancy_pay", "Redundancy pay", "result",
               "Enhancement × statutory weeks × week's pay used"),
        Column("notice_pay", "Notice pay", "result", "Notice weeks × actual weekly pay"),
        Column("employer_nic", "Employer NIC", "result",
               "On notice pay and on the award above the threshold"),
        Column("total", "Total", "result", "All people on this line, with pension strain"),
    )
    NEW = {"label": "New redundancy", "age": 40, "years_service": 5, "weekly_pay": 600.0}

    def detail(self, row: int) -> str:
        """The selected line worked through in words, from its RedundancyResult."""
        r = self.line_result(row)
        if r is None:
            return ""
        line = self._rows[row]
        capped = " (capped)" if r.pay_for_weeks < r.weekly_pay else ""
        multiple = line.get("enhancement_multiplier", 1.0)
        enhanced = f" × {multiple:g}" if multiple != 1.0 else ""
        return (f"{self.label(row)}: {r.weeks:g} statutory weeks × {money(r.pay_for_weeks)} a "
                f"week{capped}{enhanced} = {money(r.redundancy_pay)} redundancy pay; notice pay "
                f"{money(r.notice_pay)}; employer NIC {money(r.employer_nic)}; pension strain "
                f"{money(r.pension_strain)}; {money(r.per_person)} a person × {r.count} = "
                f"{money(r.total)} in year {r.year}.")


class LoanRepricingModel(LineTableModel):
    KIND = "loan_repricing"
    NOUN = KINDS[KIND].word
    COLUMNS = (LABEL,
               Column("loan", "Loan", "loan", "The partner's loan the lender would re-price"),
               Column("margin_uplift_bps", "Margin uplift (bps)", "bps",
                      "Extra margin in basis points (100 bps = 1% a year)"),
               *_range("bps"), DRIVER,
               Column("one_off_fees", "Fees", "money", "Arrangement and legal fees in year 1",
                      default=0.0),
               Column("breakage_cost", "Breakage", "number", "Cost of breaking a fixed rate "
                      "in year 1 (negative for a gain)", default=0.0),
               Column("breakage_gain_confirmed", "Gain confirmed", "check",
                      "Tick once the loan agreement is confirmed to pay the borrower a breakage "
                      "gain; many fixed-rate agreements compensate only the lender",
                      default=False),
               PV)
    NEW = {"margin_uplift_bps": 0.0}


class PensionCessationModel(LineTableModel):
    KIND = "pension_cessation"
    NOUN = KINDS[KIND].word
    COLUMNS = (LABEL, ORGANISATION,
               Column("amount", "Cessation debt", "money",
                      "The debt the scheme would call on leaving; negative for an exit credit "
                      "paid to the employer"),
               *_range(), DRIVER, YEAR,
               Column("instalments", "Instalments", "whole",
                      "Paid in this many equal yearly parts from its year", default=1),
               BASIS, PV)
    NEW = {"label": "Pension cessation debt", "amount": 0.0, "year": 1}


# In the order of the Money step's tabs: the kinds' own order (appraisal.kinds).
_MODELS = {m.KIND: m for m in (SavingsModel, RecurringCostsModel, SharedServicesModel,
                               OneOffCostsModel, RedundanciesModel, LoanRepricingModel,
                               PensionCessationModel)}
LINE_MODELS = tuple(_MODELS[k] for k in KIND_IDS)
