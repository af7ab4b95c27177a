"""Warnings on the statutory and contractual figures behind redundancy and loan lines
(model-v2.md V7): the weekly pay cap a table could not give for the date, pension strain at the
minimum pension age, and a loan breakage gain the agreement may not pay.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..case import Case
from ..paths import FieldPath
from ..wording import AppraisalWarning
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
            yield AppraisalWarning("pay_cap_table", FieldPath.of("date"), {
                "status": found.status, "where": JURISDICTION_NAME[found.table],
                "cap": found.entry.weekly_pay, "start": _long(found.entry.start)})


def option_warnings(case: Case, i: int, option) -> Iterator[AppraisalWarning]:
    at = FieldPath.of("options", i)
    for j, line in enumerate(option.redundancies):
        when = redundancy_date(case.first_year, line.year)
        age = minimum_pension_age(when)
        if line.age >= age and line.pension_strain == 0:
            yield AppraisalWarning("pension_strain_missing", at / "redundancies" / j,
                                   {"age": line.age, "date": _long(when), "min_age": age})
    for j, line in enumerate(option.loan_repricing):
        if line.breakage_cost < 0 and not line.breakage_gain_confirmed:
            owner, loan = case.loan(line.loan)
            yield AppraisalWarning("breakage_gain", at / "loan_repricing" / j / "breakage_cost", {
                "gain": -line.breakage_cost, "owner": owner.name,
                "lender": loan.lender or "its lender", "loan": loan.id})
