"""The flexes the LibreOffice recalculation tests type into the largest sample and the worked
example: each changes the case and the workbook alike, so the recalculated model can be compared
with the engine run on the changed case (``test_workbook_recalc.py``)."""
from __future__ import annotations

import datetime
import io

import openpyxl

from appraisal.casefile import parse_data
from appraisal.engine import appraise
from appraisal.finance.capacity_plan import plan_arrays
from appraisal.report.workbook import workbook_bytes
from appraisal.report.workbook.capacity_flows import PLAN_WORDS
from appraisal.report.workbook.option_layout import EXTRA, HIGH, LOW, MAIN, REF, WHEN
from tests.test_workbook import named

FLEX_RATE = 0.06


def data_of(case) -> dict:
    return case.model_dump(mode="json", exclude_none=True)


def line_row(wb, option_name: str, line_ref: str) -> int:
    """The row of an option's line on the Lines sheet (where its inputs are typed)."""
    ws = wb["Lines"]
    return next(r for r in range(1, ws.max_row + 1)
                if ws.cell(r, REF).value == line_ref and ws.cell(r, 3).value == option_name)


def table_row(ws, column: int, value, after: str) -> int:
    """The row under the section titled ``after`` whose ``column`` holds ``value``."""
    top = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == after)
    return next(r for r in range(top, ws.max_row + 1) if ws.cell(r, column).value == value)


def edit(raw: bytes, change) -> bytes:
    """The workbook after ``change(wb)`` types into its cells (openpyxl; no stored results)."""
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def flexed(case, results, raw):
    """DiscountRate (InflationRate where the schedule is declining, which asks for 3.5%) and
    the first saving changed, in the case and in the workbook."""
    data = data_of(case)
    declining = case.settings.discount_schedule == "declining"
    setting, flex = ("InflationRate", 0.031) if declining else ("DiscountRate", FLEX_RATE)
    data["settings"]["inflation_rate" if declining else "discount_rate"] = flex
    o = next((i for i, opt in enumerate(case.options) if opt.savings), None)
    value = None
    if o is not None:
        line = case.options[o].savings[0]
        value = (line.low + line.high) / 2 + 1234.5 if line.has_range else line.annual * 1.5
        value = value if not line.has_range or value <= line.high else (line.low + line.high) / 2
        data["options"][o]["savings"][0]["annual"] = value

    def change(wb):
        named(wb, setting).value = flex
        if o is not None:
            name = results.options[o].name
            wb["Lines"].cell(line_row(wb, name, "savings[0]"), MAIN).value = value
    return appraise(parse_data(data), monte_carlo=False), edit(raw, change)


def every_kind_flexed(case, results, raw):
    """Every kind of input changed at once in the largest sample: settings, an organisation's
    VAT recovery, a loan's balance and term, a weight, a score, the baseline, a line's amount,
    year and start, and a redundancy's age and pay."""
    data = data_of(case)
    s = data["settings"]
    s.update(vat_rate=0.175, redundancy_weekly_pay_cap=700, employer_nic_rate=0.138,
             termination_nic_threshold=25000, optimism_bias={"costs": 0.2, "savings": 0.05})
    data["organisations"][0]["vat_recovery_rate"] = 0.3
    loan = data["organisations"][0]["loans"][0]
    loan.update(balance=loan["balance"] * 1.5, remaining_years=loan["remaining_years"] + 3)
    data["criteria"][1]["weight"] = 25
    data["options"][2]["scores"]["autonomy"] = 9.5
    for o in data["options"]:
        o.pop("baseline", None)
    data["options"][1]["baseline"] = True
    merger = data["options"][4]
    merger["one_off_costs"][0].update(amount=merger["one_off_costs"][0]["amount"] + 50000, year=3,
                                      low=100_000, high=9_000_000)   # now the widest swing
    merger["savings"][1]["start_year"] = 4
    merger["redundancies"][0].update(age=57, weekly_pay=900)
    # Capacity (V10): the interest on added debt, and a partner's plan retyped year by year.
    s["marginal_interest_rate"] = 0.085
    fin = data["organisations"][1]["finances"]
    fin.update(interest_payable=fin["interest_payable"] * 1.4,
               operating_surplus=fin["operating_surplus"] * 0.9)
    flexed_case = parse_data(data)
    plan = plan_arrays(flexed_case, 30)
    partner = flexed_case.organisations[1]
    def change(wb):
        named(wb, "MarginalInterestRate").value = 0.085
        cap = wb["Capacity"]
        first = next(c for c in range(1, cap.max_column + 1) if cap.cell(4, c).value == 1)
        for r in range(1, cap.max_row + 1):
            for f, figure in enumerate(PLAN_WORDS):
                if cap.cell(r, 2).value == f"{partner.name}: {PLAN_WORDS[figure]}":
                    for t in range(plan.shape[2]):
                        cap.cell(r, first + t).value = float(plan[1, f, t])
        for name, value in (("VATRate", 0.175), ("RedundancyWeeklyPayCap", 700),
                            ("EmployerNICRate", 0.138), ("TerminationNICThreshold", 25000),
                            ("OptimismBiasCosts", 0.2), ("OptimismBiasSavings", 0.05),
                            ("BaselineOption", case.options[1].id)):
            named(wb, name).value = value
        inputs = wb["Inputs"]
        inputs.cell(table_row(inputs, 2, case.organisations[0].id, "Organisations"), 4).value = 0.3
        r = table_row(inputs, 2, loan["id"], "Loans")
        inputs.cell(r, 5).value = loan["balance"]
        inputs.cell(r, 7).value = loan["remaining_years"]
        inputs.cell(table_row(inputs, 2, case.criteria[1].id, "Criteria and weights"), 4).value = 25
        r = table_row(inputs, 1, case.options[2].id, "Scores (0 to ScoreMax, higher is better "
                                                    "for the board)")
        col = 3 + [c.id for c in case.criteria].index("autonomy")
        inputs.cell(r, col).value = 9.5
        ws, name = wb["Lines"], results.options[4].name
        r = line_row(wb, name, "one_off_costs[0]")
        ws.cell(r, MAIN).value = merger["one_off_costs"][0]["amount"]
        ws.cell(r, LOW).value, ws.cell(r, HIGH).value = 100_000, 9_000_000
        ws.cell(r, WHEN).value = 3
        ws.cell(line_row(wb, name, "savings[1]"), WHEN).value = 4
        red = wb["Redundancy"]
        r = next(r for r in range(1, red.max_row + 1) if red.cell(r, 1).value ==
                 results.options[4].name and red.cell(r, 2).value == "redundancies[0]")
        red.cell(r, 6).value = 57
        red.cell(r, 8).value = 900
    return appraise(parse_data(data), monte_carlo=False), edit(raw, change)


def tighten_first_covenant(wb) -> None:
    """The first option's first covenant given a limit no year can meet."""
    ws = wb["Capacity"]
    r = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value == "Limit") + 1
    ws.cell(r, 3).value = 1000 if ws.cell(r, 1).value == "at least" else 0


def money_anchors(case):
    """The largest sample with the board's money anchors on value for money (model-v2.md V8),
    written at [0, £2m] and typed as [−£1m, £3m]: the scores follow the anchors, not capped."""
    data = data_of(case)
    j = next(j for j, c in enumerate(case.criteria) if c.derived)
    data["criteria"][j]["scale_money"] = [0, 2_000_000]
    raw = workbook_bytes(appraise(parse_data(data), monte_carlo=False))
    data["criteria"][j]["scale_money"] = [-1_000_000, 3_000_000]
    crit_id = case.criteria[j].id

    def change(wb):
        inputs = wb["Inputs"]
        r = table_row(inputs, 2, crit_id, "Criteria and weights")
        inputs.cell(r, 6).value, inputs.cell(r, 7).value = -1_000_000, 3_000_000
    return appraise(parse_data(data), monte_carlo=False), edit(raw, change)


def other_jurisdiction(case, raw):
    """Model v2 V7: the second partner moved to Northern Ireland and the case dated January
    2025, the weekly pay cap left to the tables: each redundancy line's cap follows its
    payer's jurisdiction at that date (Great Britain £700, Northern Ireland £729)."""
    data = data_of(case)
    data["date"] = "2025-01-15"
    data["organisations"][1]["jurisdiction"] = "northern_ireland"

    def change(wb):
        inputs = wb["Inputs"]
        r = table_row(inputs, 2, case.organisations[1].id, "Organisations")
        inputs.cell(r, 5).value = "Northern Ireland"
        named(wb, "CaseDate").value = datetime.date(2025, 1, 15)
    return appraise(parse_data(data), monte_carlo=False), edit(raw, change)


def longer_horizon(case, raw):
    data = data_of(case)
    data["settings"]["horizon_years"] = 30
    return appraise(parse_data(data), monte_carlo=False), edit(
        raw, lambda wb: setattr(named(wb, "HorizonYears"), "value", 30))


def mistakes(results, raw) -> dict[str, tuple[bytes, str]]:
    """Each typed mistake in the worked example: the workbook, and words the failing check
    must contain. The last holds two mistakes at once (all weights zero, a horizon too long)."""
    def loan(wb):
        r = line_row(wb, results.options[2].name, "loan_repricing[0]")
        wb["Lines"].cell(r, EXTRA).value = "oak-rfc"

    def organisation(wb):
        wb["Lines"].cell(line_row(wb, results.options[1].name, "savings[0]"), 4).value = "ealm"

    def supplier(wb):
        r = line_row(wb, results.options[1].name, "shared_services[0]")
        wb["Lines"].cell(r, EXTRA + 3).value = "oka"

    def weights_and_horizon(wb):
        inputs = wb["Inputs"]
        for c in results.case.criteria:
            inputs.cell(table_row(inputs, 2, c.id, "Criteria and weights"), 4).value = 0
        named(wb, "HorizonYears").value = 45
    return {
        "loan": (edit(raw, loan), "its loan is found exactly once"),
        "baseline": (edit(raw, lambda wb: setattr(named(wb, "BaselineOption"), "value",
                                                  "stand-alone")), "baseline option id"),
        "organisation": (edit(raw, organisation), "its organisation is found exactly once"),
        "supplier": (edit(raw, supplier), "its supplier is blank or a known organisation"),
        "weights-and-horizon": (edit(raw, weights_and_horizon), "horizon"),
    }
