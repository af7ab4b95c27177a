"""Redundancy by jurisdiction, date and scheme, and the loan breakage gain (model-v2.md V7)."""
from __future__ import annotations

from datetime import date

import pytest

from appraisal.casefile import parse_data
from appraisal.engine import appraise
from appraisal.finance.caps import (GREAT_BRITAIN, NORTHERN_IRELAND, cap_on,
                                    minimum_pension_age, redundancy_date)

CEO = {"label": "Chief executive", "organisation": "elm", "age": 45, "years_service": 12,
       "weekly_pay": 900}


@pytest.mark.parametrize("day, cap, status", [
    (date(2024, 4, 5), 700.0, "before_table"),
    (date(2024, 4, 6), 700.0, "in_force"),
    (date(2025, 4, 5), 700.0, "in_force"),
    (date(2025, 4, 6), 719.0, "in_force"),
    (date(2026, 4, 5), 719.0, "in_force"),
    (date(2026, 4, 6), 751.0, "in_force"),
    (date(2027, 4, 5), 751.0, "in_force"),
    (date(2027, 4, 6), 751.0, "not_yet_known"),
])
def test_great_britain_cap_either_side_of_each_6_april(day, cap, status):
    """Employment Rights Act 1996 s.227(1), as raised by the Employment Rights (Increase of
    Limits) Orders 2024 (SI 2024/213), 2025 (SI 2025/348) and 2026 (SI 2026/310), each in force
    from 6 April."""
    found = cap_on(GREAT_BRITAIN, day)
    assert (found.weekly_pay, found.status) == (cap, status)


@pytest.mark.parametrize("day, cap, status", [
    (date(2023, 4, 5), 669.0, "before_table"),
    (date(2023, 4, 6), 669.0, "in_force"),
    (date(2024, 4, 5), 669.0, "in_force"),
    (date(2024, 4, 6), 729.0, "in_force"),
    (date(2025, 4, 5), 729.0, "in_force"),
    (date(2025, 4, 6), 749.0, "in_force"),
    (date(2026, 4, 5), 749.0, "in_force"),
    (date(2026, 4, 6), 749.0, "not_yet_known"),
])
def test_northern_ireland_cap_either_side_of_each_6_april(day, cap, status):
    """Employment Rights (Northern Ireland) Order 1996 art. 23, as raised by the Employment
    Rights (Increase of Limits) Orders (Northern Ireland) 2023 (S.R. 2023 No. 36), 2024 and 2025,
    each in force from 6 April."""
    found = cap_on(NORTHERN_IRELAND, day)
    assert (found.weekly_pay, found.status) == (cap, status)


def _results(data):
    return appraise(parse_data(data), monte_carlo=False)


@pytest.fixture
def uncapped(case_dict):
    """The base case (dated 22 November 2026) with no cap setting and the merger's chief
    executive (14 statutory weeks, £900 a week) as its one redundancy."""
    data = case_dict()
    del data["settings"]["redundancy_weekly_pay_cap"]
    data["options"][2]["redundancies"] = [dict(CEO, pension_strain=1000)]
    return data


def test_an_organisation_in_northern_ireland_takes_the_northern_ireland_cap(uncapped):
    """Employment Rights (Northern Ireland) Order 1996 art. 23: £749 from 6 April 2025, the
    latest figure held, so 14 × £749 = £10,486 and a warning that a 2026 figure may exist."""
    uncapped["organisations"][1]["jurisdiction"] = "northern_ireland"
    results = _results(uncapped)
    r = results.option("merger").redundancies[0]
    assert r.pay_for_weeks == 749.0 and r.redundancy_pay == pytest.approx(10486.0)
    message = {w.path: w.message for w in results.warnings}["date"]
    assert "Northern Ireland" in message and "£749" in message and "6 April 2025" in message


def test_an_organisation_in_england_takes_the_great_britain_cap_quietly(uncapped):
    """Employment Rights (Increase of Limits) Order 2026, SI 2026/310: £751 from 6 April 2026."""
    uncapped["organisations"][1]["jurisdiction"] = "england"
    results = _results(uncapped)
    assert results.option("merger").redundancies[0].pay_for_weeks == 751.0
    assert "date" not in {w.path for w in results.warnings}


def test_a_case_dated_before_the_table_takes_its_first_figure_with_a_warning(uncapped):
    """ERA 1996 s.227 and SI 2024/213: the table starts on 6 April 2024 (£700)."""
    uncapped["date"] = "2024-01-15"
    results = _results(uncapped)
    assert results.option("merger").redundancies[0].pay_for_weeks == 700.0
    assert "dated before the first" in {w.path: w.message for w in results.warnings}["date"]


@pytest.mark.parametrize("jurisdictions, cap", [
    (("northern_ireland", "northern_ireland"), 749.0),
    (("northern_ireland", "england"), 751.0),
    (("northern_ireland", None), 751.0),
])
def test_a_joint_line_takes_great_britain_unless_every_partner_is_in_northern_ireland(
        uncapped, jurisdictions, cap):
    """model-v2.md V7: a joint redundancy line reads the Great Britain table (ERA 1996 s.227)
    unless every partner is in Northern Ireland (ER(NI)O 1996 art. 23); no jurisdiction means
    Great Britain."""
    for org, where in zip(uncapped["organisations"], jurisdictions):
        org["jurisdiction"] = where
    line = uncapped["options"][2]["redundancies"][0]
    del line["organisation"]
    results = _results(uncapped)
    assert results.option("merger").redundancies[0].pay_for_weeks == cap
    assert results.weekly_pay_cap == cap


def test_a_cost_sharing_group_is_not_a_partner_for_the_joint_line(uncapped):
    """model-v2.md V6/V7: a cost sharing group in England does not stop two Northern Ireland
    partners' joint line taking the Northern Ireland cap."""
    for org in uncapped["organisations"]:
        org["jurisdiction"] = "northern_ireland"
    uncapped["organisations"].append({"id": "csg", "name": "Shared Services", "jurisdiction":
                                      "england", "kind": "cost_sharing_group",
                                      "members": ["oak", "elm"]})
    del uncapped["options"][2]["redundancies"][0]["organisation"]
    assert _results(uncapped).option("merger").redundancies[0].pay_for_weeks == 749.0


def test_the_cap_setting_overrides_every_table(uncapped):
    uncapped["organisations"][1]["jurisdiction"] = "northern_ireland"
    uncapped["settings"]["redundancy_weekly_pay_cap"] = 700
    results = _results(uncapped)
    assert results.option("merger").redundancies[0].pay_for_weeks == 700.0
    assert "date" not in {w.path for w in results.warnings}


@pytest.mark.parametrize("day, age", [
    (date(2028, 3, 31), 55), (date(2028, 4, 1), 55), (date(2028, 4, 5), 55),
    (date(2028, 4, 6), 57), (date(2029, 4, 1), 57)])
def test_minimum_pension_age_rises_to_57_on_6_april_2028(day, age):
    """Finance Act 2004 s.279(1), normal minimum pension age, as amended by Finance Act 2022
    s.10: 55, and 57 from 6 April 2028. Redundancies on 31 March and on 1 April 2028 both fall
    before the rise."""
    assert minimum_pension_age(day) == age


def test_the_date_of_redundancy_is_1_april_of_its_calendar_year():
    """model-v2.md V7: 1 April of calendar year first_year + year − 1."""
    assert redundancy_date(2027, 1) == date(2027, 4, 1)
    assert redundancy_date(2027, 2) == date(2028, 4, 1)
    assert redundancy_date(2027, 3) == date(2029, 4, 1)


@pytest.mark.parametrize("age, year, warned", [
    (56, 2, True),      # 1 April 2028: the age is still 55
    (56, 3, False),     # 1 April 2029: the age is 57, and 56 is below it
    (57, 3, True),
    (54, 1, False),
])
def test_the_strain_warning_uses_the_minimum_pension_age_at_the_date(uncapped, age, year, warned):
    """Finance Act 2004 s.279(1) as amended by Finance Act 2022 s.10; Local Government Pension
    Scheme Regulations 2013 reg. 30(7): a member made redundant at or above the minimum pension
    age takes an unreduced pension, and the employer meets the strain."""
    line = uncapped["options"][2]["redundancies"][0]
    line.update(age=age, years_service=10, year=year, pension_strain=0)
    found = {w.path: w.message for w in _results(uncapped).warnings}
    path = "options[2].redundancies[0]"
    assert (path in found) == warned
    if warned:
        assert "Local Government Pension Scheme" in found[path]
        assert "other schemes differ" in found[path]
        assert ("minimum pension age then (55)" in found[path]) == (year == 2)


@pytest.fixture
def breakage(case_dict):
    data = case_dict()
    data["options"][2]["loan_repricing"][0]["breakage_cost"] = -40000
    return data


def test_a_breakage_gain_is_warned_until_the_agreement_is_confirmed(breakage):
    """Loan agreements' break clauses (research note W9): many fixed-rate facilities compensate
    only the lender; a gain counts only with breakage_gain_confirmed (model-v2.md V7)."""
    path = "options[2].loan_repricing[0].breakage_cost"
    results = _results(breakage)
    message = {w.path: w.message for w in results.warnings}[path]
    assert "breakage gain of £40,000" in message and "Bank A" in message
    breakage["options"][2]["loan_repricing"][0]["breakage_gain_confirmed"] = True
    confirmed = _results(breakage)
    assert path not in {w.path for w in confirmed.warnings}
    # the gain counts either way: the warning asks, it does not remove it
    assert confirmed.option("merger").npv == pytest.approx(results.option("merger").npv)


def test_a_breakage_cost_is_not_warned(case_dict):
    data = case_dict()
    data["options"][2]["loan_repricing"][0]["breakage_cost"] = 40000
    assert "options[2].loan_repricing[0].breakage_cost" not in {
        w.path for w in _results(data).warnings}
