"""Outputs read their figures from Results: the paper's loan timing comes from the line's
yearly amounts, its redundancy working is written in pence when pence make the sum add up, and
the charts pick the criteria nearest a switching weight the way Results orders them."""
from __future__ import annotations

import io
import re

import pypdf
import pytest

from appraisal import appraise, load_case, parse_data
from appraisal.charts.scores import sensitive_criteria
from appraisal.report.paper.closing import _timing
from appraisal.report.pdf import board_paper_bytes


def _merger_loan(results):
    return next(line for line in results.option("merger").lines if line.kind == "loan_repricing")


@pytest.mark.parametrize("loan, line, expected", [
    ({}, {}, "years 1–3; fees in year 1"),                  # oak-rcf runs 3 of the 5 years
    ({"remaining_years": 9}, {}, "years 1–5; fees in year 1"),      # cut at the period's end
    ({"remaining_years": 1}, {}, "year 1; fees in year 1"),
    ({"remaining_years": 0}, {"one_off_fees": 2500}, "fees in year 1"),  # the loan has ended
    ({}, {"one_off_fees": 2500, "breakage_cost": -4000}, "years 1–3; fees in year 1"),
    ({}, {"margin_uplift_bps": 0, "low": 0}, "any uplift until the loan or the period ends; "
                                             "fees in year 1"),  # nothing at base to read
])
def test_loan_timing_reads_the_years_from_the_line(case_dict, loan, line, expected):
    data = case_dict()
    data["organisations"][0]["loans"][0].update(loan)
    data["options"][2]["loan_repricing"][0].update(line)
    results = appraise(parse_data(data), monte_carlo=False)
    assert _timing(results, "merger", _merger_loan(results)) == expected


def test_redundancy_working_in_pence_adds_up(case_dict):
    data = case_dict()
    data["options"][2]["redundancies"][0].update(weekly_pay=500.5, enhancement_multiplier=1.5)
    results = appraise(parse_data(data), monte_carlo=False)
    x = results.option("merger").redundancies[0]
    # age 45, 12 years: 14 weeks × £500.50 (under the £719 cap) × 1.5 = £10,510.50.
    assert (x.weeks, x.pay_for_weeks, x.redundancy_pay) == (14, 500.5, 10510.5)
    pages = pypdf.PdfReader(io.BytesIO(board_paper_bytes(results))).pages
    body = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pages))
    assert re.sub(r"\s+", "", (
        "Chief executive: 14 weeks × £500.50 × 1.5 (enhanced terms) = £10,510.50 redundancy "
        "pay, plus £0.00 notice, £0.00 employer NIC and £1,000.00 pension strain = £11,510.50 "
        "a person; × 1 = £11,510.50 in year 1 (2027).")) in body


def test_sensitive_criteria_start_with_those_nearest_a_switching_weight(small_case_path):
    results = appraise(load_case(small_case_path), monte_carlo=False)
    nearest = results.criteria_nearest_switching
    assert nearest                                       # the worked example has one at least
    for limit in range(1, len(results.case.criteria) + 1):
        chosen = sensitive_criteria(results, limit)
        assert len(chosen) == limit
        assert set(nearest[:limit]) <= set(chosen)
        assert chosen == [c.id for c in results.case.criteria if c.id in chosen]
