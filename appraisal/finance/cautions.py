"""Warnings on the statutory and contractual figures behind redundancy and loan lines
(model-v2.md V7): the weekly pay cap a table could not give for the date, pension strain at the
minimum pension age, and a loan breakage gain the agreement may not pay.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..case import Case
from ..formatting import money
from ..results import AppraisalWarning
from .caps import JURISDICTION_NAME, cap_lookup, minimum_pension_age, redundancy_date


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def case_warnings(case: Case) -> Iterator[AppraisalWarning]:
    """A cap table that has no figure for the case's date, once for each table a line reads."""
    if case.settings.redundancy_weekly_pay_cap is not None:
        return
    seen: set[str] = set()
    for option in case.options:
        for line in option.redundancies:
            found = cap_lookup(case, line.organisation)
            if found.table in seen or found.status in ("in_force", "undated"):
                continue
            seen.add(found.table)
            where = JURISDICTION_NAME[found.table]
            entry = found.entry
            if found.status == "before_table":
                text = (f"the case is dated before the first weekly pay cap Continuum holds for "
                        f"{where}, so {money(entry.weekly_pay)} (from {_long(entry.start)}) is "
                        "used: enter the cap that applied in the settings")
            else:
                text = (f"Continuum holds no weekly pay cap for {where} for the case's date: the "
                        f"latest known, {money(entry.weekly_pay)} (from {_long(entry.start)}), "
                        "is used; enter the current cap in the settings if it has been raised")
            yield AppraisalWarning("date", text)


def option_warnings(case: Case, i: int, option) -> Iterator[AppraisalWarning]:
    at = f"options[{i}]"
    for j, line in enumerate(option.redundancies):
        when = redundancy_date(case.first_year, line.year)
        age = minimum_pension_age(when)
        if line.age >= age and line.pension_strain == 0:
            yield AppraisalWarning(f"{at}.redundancies[{j}]", (
                f"staff aged {line.age} made redundant around {_long(when)}, at or above the "
                f"minimum pension age then ({age}), with no pension strain entered: in the "
                "Local Government Pension Scheme such members get their pension unreduced, so "
                "the employer usually pays a strain cost; other schemes differ, so ask the "
                "scheme's actuary"))
    for j, line in enumerate(option.loan_repricing):
        if line.breakage_cost < 0 and not line.breakage_gain_confirmed:
            owner, loan = case.loan(line.loan)
            yield AppraisalWarning(f"{at}.loan_repricing[{j}].breakage_cost", (
                f"a breakage gain of {money(-line.breakage_cost)} is counted on "
                f"{owner.name}'s loan from {loan.lender or 'its lender'} ({loan.id}): many "
                "fixed-rate loan agreements compensate only the lender, so confirm the "
                "agreement pays the borrower before relying on it"))
