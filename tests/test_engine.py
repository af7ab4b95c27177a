"""The engine against the spec's worked example, small-case.json (model.md, examples/).

small-case.expected.json rounds money to the penny, ratios to 6 places and the BCR and
switching-value percentages to 2 places; every figure in it is checked at that rounding.
"""
from __future__ import annotations

import json
import math

import pytest

from appraisal.casefile import load_case, parse_data
from appraisal.engine import appraise
from appraisal.finance.lines import COLUMNS


def same(actual, expected, places: int) -> bool:
    """``actual`` rounded to ``places`` equals the file's ``expected`` (None matches None)."""
    if expected is None or actual is None:
        return actual is None and expected is None
    return round(actual, places) == pytest.approx(expected, abs=0.51 * 10 ** -places)


@pytest.fixture(scope="module")
def small(small_case_path):
    return appraise(load_case(small_case_path))


@pytest.fixture(scope="module")
def expected(small_expected):
    return {o["id"]: o for o in small_expected["options"]}


def test_weights(small, small_expected):
    assert small.weights == pytest.approx(small_expected["weights"], abs=1e-12)


@pytest.mark.parametrize("option_id", ["standalone", "shared", "merger"])
def test_headline_figures(small, expected, option_id):
    got, want = small.option(option_id), expected[option_id]
    assert same(got.npv, want["npv"], 2)
    assert same(got.npv_vs_baseline, want["npv_vs_baseline"], 2)
    assert got.payback_year == want["payback_year"]
    assert same(got.bcr, want["bcr"], 2)
    assert same(got.weighted_score, want["weighted_score"], 6)
    assert got.rank == want["rank"]


@pytest.mark.parametrize("option_id", ["standalone", "shared", "merger"])
def test_cash_flows_every_column(small, expected, option_id):
    got, want = small.option(option_id).cash_flows, expected[option_id]["cash_flows"]
    assert len(got) == len(want) == 5
    for g, w in zip(got, want):
        assert g.year == w["year"] and g.calendar_year == 2026 + w["year"]
        for column in (*COLUMNS, "net", "discounted"):
            assert same(getattr(g, column), w[column], 2), (option_id, g.year, column)
        assert same(g.discount_factor, w["discount_factor"], 6)
    # the NPV is the sum of the discounted column
    assert sum(cf.discounted for cf in got) == pytest.approx(small.option(option_id).npv,
                                                             abs=1e-6)


@pytest.mark.parametrize("option_id", ["standalone", "shared", "merger"])
def test_by_organisation(small, expected, option_id):
    got = small.option(option_id).by_organisation
    want = expected[option_id]["by_organisation"]
    # every organisation in file order, then joint
    assert list(got) == ["oak", "elm", "joint"]
    for org, value in want.items():
        assert same(got[org], value["npv"], 2), (option_id, org)
    assert sum(got.values()) == pytest.approx(small.option(option_id).npv, abs=1e-6)


@pytest.mark.parametrize("option_id", ["standalone", "shared", "merger"])
def test_tornado(small, expected, option_id):
    got, want = small.option(option_id).tornado, expected[option_id]["tornado"]
    assert [t.ref for t in got] == [t["ref"] for t in want]      # sorted by swing as in the file
    for g, w in zip(got, want):
        assert same(g.npv_at_low, w["npv_at_low"], 2) and same(g.npv_at_high, w["npv_at_high"], 2)


@pytest.mark.parametrize("option_id", ["standalone", "shared", "merger"])
def test_switching_values(small, expected, option_id):
    got, want = small.option(option_id).switching_values, expected[option_id]["switching_values"]
    assert [s.ref for s in got] == [s["ref"] for s in want]
    for g, w in zip(got, want):
        assert g.base == w["base"]
        assert same(g.value, w["value"], 2) and same(g.change_pct, w["change_pct"], 2)


def test_switching_weights(small, small_expected):
    want = small_expected["switching_weights"]
    assert set(small.switching_weights) == set(want)
    for c, w in want.items():
        assert same(small.switching_weights[c], w, 6), c


def test_results_json_round_trip_keeps_full_precision(small):
    text = json.dumps(small.to_json(), allow_nan=False)
    back = json.loads(text)
    merger = next(o for o in back["options"] if o["id"] == "merger")
    assert merger["npv"] == small.option("merger").npv      # not rounded
    assert back["format"] == "options-appraisal-results" and back["version"] == 2


# --- §2 rules not exercised by the small case -----------------------------------------------

def test_columns_are_positive_and_net_subtracts_costs(make_case):
    results = appraise(make_case(), monte_carlo=False)
    for option in results.options:
        for cf in option.cash_flows:
            costs = [getattr(cf, c) for c in COLUMNS[1:]]
            assert cf.savings >= 0 and all(c >= 0 for c in costs)
            assert cf.net == pytest.approx(cf.savings - sum(costs))
            assert cf.discounted == pytest.approx(cf.net / 1.035 ** cf.year)


def test_savings_ramp_start_year_and_last_value_held(case_dict):
    # annual 10,000 from year 2 with ramp [0.2, 0.6]: years 1..5 → 0, 2,000, 6,000, 6,000, 6,000.
    data = case_dict()
    data["options"][1]["savings"] = [{"annual": 10000, "start_year": 2, "ramp": [0.2, 0.6]}]
    option = appraise(parse_data(data), monte_carlo=False).option("shared")
    assert [cf.savings for cf in option.cash_flows] == [0.0, 2000.0, 6000.0, 6000.0, 6000.0]


def test_loan_repricing_stops_at_remaining_years(make_case):
    # oak-rcf: £1,000,000 at +50 bps = £5,000 a year for min(3, 5) = 3 years.
    option = appraise(make_case(), monte_carlo=False).option("merger")
    assert [cf.loan_repricing for cf in option.cash_flows] == [5000.0] * 3 + [0.0] * 2
    assert option.by_organisation["oak"] == pytest.approx(
        -5000 * sum(1.035 ** -t for t in (1, 2, 3)) - 100000 / 1.035 ** 2)


def test_appraise_without_monte_carlo_has_no_draws(make_case):
    results = appraise(make_case(), monte_carlo=False)
    assert all(o.monte_carlo is None for o in results.options)
    assert "monte_carlo" not in results.to_json()["options"][1]


def test_no_ranged_lines_no_monte_carlo(case_dict):
    data = case_dict()
    for option in data["options"]:
        for kind in ("savings", "one_off_costs", "loan_repricing"):
            for line in option.get(kind, []):
                line.pop("low", None)
                line.pop("high", None)
    results = appraise(parse_data(data))
    assert all(o.monte_carlo is None for o in results.options)
    assert results.histogram_edges == []


def test_zero_discount_rate_npv_is_plain_sum(make_case):
    results = appraise(make_case(settings={"discount_rate": 0.0}), monte_carlo=False)
    for option in results.options:
        assert option.npv == pytest.approx(sum(cf.net for cf in option.cash_flows))
        assert all(cf.discount_factor == 1.0 for cf in option.cash_flows)


def test_results_are_finite_and_serialisable(make_case):
    results = appraise(make_case())
    json.dumps(results.to_json(), allow_nan=False)       # raises on NaN or infinity
    assert all(math.isfinite(o.npv) for o in results.options)


def test_loan_line_without_label_is_named_by_lender_and_id(small_case_path):
    merger = appraise(load_case(small_case_path), monte_carlo=False).option("merger")
    row = next(r for r in merger.tornado if r.ref == "loan_repricing[0]")
    assert row.label == "Bank A (oak-rcf)"
    labelled = next(r for r in merger.switching_values if r.ref == "savings[0]")
    assert labelled.label == "One executive team"
