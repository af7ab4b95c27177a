"""Redundancy costs (model.md §2), worked by hand and checked through appraise().

Statutory weeks (ERA 1996 s.162): count back at most 20 complete years; the k-th year back was
worked at age ``age − k`` and earns 1.5 weeks at 41+, 1 week at 22..40, 0.5 week under 22;
nothing under 2 years of service.
"""
from __future__ import annotations

import pytest

from appraisal.casefile import parse_data
from appraisal.engine import appraise
from appraisal.finance.redundancy import statutory_weeks


@pytest.mark.parametrize("age, years, weeks", [
    # model.md's worked example: ages 44..41 → 4 × 1.5 = 6; ages 40..33 → 8 × 1 = 8: 14 weeks.
    (45, 12, 14.0),
    (30, 1, 0.0),      # under 2 complete years: nothing
    (50, 0, 0.0),
    (30, 2, 2.0),      # exactly 2 years: ages 29, 28 → 1 + 1
    # 20-year limit: age 64 with 30 years counts only ages 63..44, all 41+ → 20 × 1.5 = 30.
    (64, 30, 30.0),
    (61, 40, 30.0),    # ages 60..41: still 20 × 1.5 = 30 (the statutory maximum)
    # age 60, 25 years → 20 counted: ages 59..41 = 19 × 1.5 = 28.5, age 40 → 1: 29.5.
    (60, 25, 29.5),
    # under 22: age 24 with 6 years → ages 23, 22 → 2 × 1; ages 21..18 → 4 × 0.5 = 2: 4 weeks.
    (24, 6, 4.0),
    (18, 2, 1.0),      # ages 17, 16 → 2 × 0.5
    # the 41 boundary: age 42 with 3 years → age 41 → 1.5; ages 40, 39 → 2: 3.5 weeks.
    (42, 3, 3.5),
    (41, 3, 3.0),      # ages 40, 39, 38 → all 1 week
    # the 22 boundary: age 23 with 3 years → age 22 → 1; ages 21, 20 → 0.5 + 0.5: 2 weeks.
    (23, 3, 2.0),
])
def test_statutory_weeks(age, years, weeks):
    assert statutory_weeks(age, years) == weeks


def _one_line(make_case, line: dict, settings: dict | None = None, **top):
    """Appraise a case whose merger has this one redundancy line; its RedundancyResult."""
    case = make_case(settings=settings or {}, **top)
    data = case.model_dump(mode="json", exclude_unset=True)
    merger = data["options"][2]
    merger["redundancies"] = [line]
    results = appraise(parse_data(data), monte_carlo=False)
    return results, results.option("merger").redundancies[0]


def test_worked_example_capped(make_case):
    # model.md: age 45, 12 years → 14 weeks; £900 a week capped at £719 → 14 × 719 = £10,066.
    # No notice: NIC is 15% × (0 + max(0, 10,066 − 30,000)) = 0. Total £10,066.
    _, r = _one_line(make_case, {"age": 45, "years_service": 12, "weekly_pay": 900})
    assert (r.weeks, r.pay_for_weeks, r.redundancy_pay) == (14.0, 719.0, 10066.0)
    assert (r.notice_pay, r.employer_nic, r.pension_strain) == (0.0, 0.0, 0.0)
    assert r.total == 10066.0


def test_under_two_years_costs_only_notice(make_case):
    # 1 year's service: no statutory pay; 4 weeks' notice at £600 = £2,400 + 15% NIC £360.
    _, r = _one_line(make_case, {"age": 30, "years_service": 1, "weekly_pay": 600,
                                 "notice_weeks": 4})
    assert r.weeks == 0.0 and r.redundancy_pay == 0.0
    assert r.notice_pay == 2400.0 and r.employer_nic == pytest.approx(360.0)
    assert r.total == pytest.approx(2760.0)


def test_cap_off_uses_actual_pay(make_case):
    # cap_weekly_pay false: 14 × £900 = £12,600.
    _, r = _one_line(make_case, {"age": 45, "years_service": 12, "weekly_pay": 900,
                                 "cap_weekly_pay": False})
    assert r.pay_for_weeks == 900.0 and r.redundancy_pay == 12600.0 and r.total == 12600.0


def test_pay_below_cap_is_not_raised(make_case):
    # £500 a week is under the £719 cap: 14 × 500 = £7,000.
    _, r = _one_line(make_case, {"age": 45, "years_service": 12, "weekly_pay": 500})
    assert r.redundancy_pay == 7000.0


def test_enhancement_multiplies_statutory_pay(make_case):
    # 2.5 × 14 × 719 = £25,165 (below the £30,000 NIC threshold, so no NIC).
    _, r = _one_line(make_case, {"age": 45, "years_service": 12, "weekly_pay": 900,
                                 "enhancement_multiplier": 2.5})
    assert r.redundancy_pay == pytest.approx(25165.0) and r.employer_nic == 0.0


def test_notice_at_actual_pay_with_nic(make_case):
    # Notice is never capped: 12 × £900 = £10,800; NIC 15% × 10,800 = £1,620;
    # 10,066 + 10,800 + 1,620 = £22,486 (the merger's redundancy column in small-case.json).
    _, r = _one_line(make_case, {"age": 45, "years_service": 12, "weekly_pay": 900,
                                 "notice_weeks": 12})
    assert r.notice_pay == 10800.0
    assert r.employer_nic == pytest.approx(1620.0)
    assert r.total == pytest.approx(22486.0)


def test_nic_on_award_above_threshold(make_case):
    # Age 60, 25 years → 29.5 weeks; £2,000 uncapped → £59,000; 13 weeks' notice → £26,000.
    # NIC = 15% × (26,000 + (59,000 − 30,000)) = 15% × 55,000 = £8,250.
    # Total = 59,000 + 26,000 + 8,250 + strain 40,000 = £133,250.
    _, r = _one_line(make_case, {"age": 60, "years_service": 25, "weekly_pay": 2000,
                                 "cap_weekly_pay": False, "notice_weeks": 13,
                                 "pension_strain": 40000})
    assert r.weeks == 29.5 and r.redundancy_pay == 59000.0 and r.notice_pay == 26000.0
    assert r.employer_nic == pytest.approx(8250.0)
    assert r.total == pytest.approx(133250.0)


def test_nic_rate_and_threshold_settings(make_case):
    # Rate 13.8% and threshold £20,000: 2.0 × 30 × 719 = £43,140 (age 64, 30 years → 30 weeks);
    # NIC = 0.138 × (43,140 − 20,000) = 0.138 × 23,140 = £3,193.32.
    _, r = _one_line(make_case, {"age": 64, "years_service": 30, "weekly_pay": 1000,
                                 "enhancement_multiplier": 2.0},
                     settings={"employer_nic_rate": 0.138, "termination_nic_threshold": 20000})
    assert r.redundancy_pay == pytest.approx(43140.0)
    assert r.employer_nic == pytest.approx(3193.32)
    assert r.total == pytest.approx(46333.32)


def test_count_pension_strain_year_and_organisation(make_case):
    # 3 people, each: 14 × 719 = 10,066 + strain 25,000 = £35,066; × 3 = £105,198 in year 2,
    # charged to elm; discounted at 3.5%: 105,198 × 0.9335107 (1/1.035²) = £98,203.46.
    results, r = _one_line(make_case, {"organisation": "elm", "count": 3, "age": 45,
                                       "years_service": 12, "weekly_pay": 900,
                                       "pension_strain": 25000, "year": 2})
    assert r.per_person == pytest.approx(35066.0)
    assert r.total == pytest.approx(105198.0)
    merger = results.option("merger")
    assert [cf.redundancy for cf in merger.cash_flows] == [0.0, 105198.0, 0.0, 0.0, 0.0]
    line = next(l for l in merger.lines if l.kind == "redundancies")
    assert line.organisation == "elm"
    assert line.pv == pytest.approx(-105198.0 / 1.035 ** 2, abs=1e-6)
    assert round(-line.pv, 2) == 98203.46


@pytest.mark.parametrize("date_, cap", [("2025-05-01", 719.0), ("2026-04-06", 751.0),
                                        ("2024-04-05", 700.0)])
def test_cap_from_dated_table_when_setting_absent(case_dict, date_, cap):
    data = case_dict(date=date_)
    del data["settings"]["redundancy_weekly_pay_cap"]
    data["options"][2]["redundancies"] = [{"age": 45, "years_service": 12, "weekly_pay": 900}]
    results = appraise(parse_data(data), monte_carlo=False)
    assert results.weekly_pay_cap == cap
    r = results.option("merger").redundancies[0]
    assert r.pay_for_weeks == cap and r.redundancy_pay == pytest.approx(14 * cap)


def test_cap_without_date_or_setting_is_latest_known(case_dict):
    data = case_dict()
    del data["date"]
    del data["settings"]["redundancy_weekly_pay_cap"]
    assert appraise(parse_data(data), monte_carlo=False).weekly_pay_cap == 751.0


def test_setting_beats_dated_table(make_case):
    # date 2026-11-22 would give £751, but the setting says £719.
    results, r = _one_line(make_case, {"age": 45, "years_service": 12, "weekly_pay": 900})
    assert results.weekly_pay_cap == 719.0 and r.pay_for_weeks == 719.0
