"""Properties of model version 2, parts V1–V3, whatever the inputs (hypothesis)."""
from __future__ import annotations

import copy

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from appraisal.casefile import parse_data
from appraisal.engine import appraise

FAST = settings(max_examples=40, deadline=None, database=None)

money = st.floats(min_value=0, max_value=2e6, allow_nan=False).map(lambda x: round(x, 2))
year = st.integers(min_value=1, max_value=5)
BASIS_LISTS = ("savings", "recurring_costs", "shared_services", "pension_cessation")


@st.composite
def cases(draw, version: int = 2):
    """The base case with its money lines redrawn: amounts, years, horizon, rate, a baseline
    cost, and (in version 2) inflation, schedule and each line's basis."""
    def edit(data):
        s = data["settings"]
        s["horizon_years"] = draw(st.integers(min_value=5, max_value=40))
        s["discount_rate"] = draw(st.sampled_from([0.0, 0.035, 0.06, 0.1]))
        data["organisations"][0]["loans"][0]["remaining_years"] = draw(
            st.integers(min_value=0, max_value=60))
        base, shared, merger = data["options"]
        base["recurring_costs"] = [{"annual": draw(money)}]
        for line in shared["savings"] + merger["savings"]:
            line["annual"] = draw(money)
        for line in shared["recurring_costs"]:
            line["annual"] = draw(money)
        for line in shared["one_off_costs"]:
            line.update(amount=draw(money), year=draw(year))
        for option in (shared, merger):
            for kind in ("savings", "one_off_costs", "loan_repricing"):
                for line in option.get(kind, []):
                    line.pop("low", None)
                    line.pop("high", None)
        merger["pension_cessation"][0]["amount"] = draw(money)
        if version == 2:
            s["inflation_rate"] = draw(st.sampled_from([0.0, 0.02, 0.05]))
            if s["discount_rate"] == 0.035:
                s["discount_schedule"] = draw(st.sampled_from(["flat", "declining"]))
            for option in (shared, merger):
                for kind in BASIS_LISTS:
                    for line in option.get(kind, []):
                        line["basis"] = draw(st.sampled_from(["real", "nominal"]))
            for line in shared["one_off_costs"]:
                line["renew_every"] = draw(st.one_of(st.none(), st.integers(1, 12)))
                if line["renew_every"] is None:
                    del line["renew_every"]
        data["version"] = version
        return data
    return edit


@FAST
@given(edit=cases())
def test_bcr_above_one_exactly_when_ahead_of_the_baseline(case_dict, edit):
    results = appraise(parse_data(edit(case_dict())), monte_carlo=False)
    for option in results.options:
        if option.baseline:
            continue
        if option.bcr is None:
            assert option.bcr_basis == "costs_no_higher_than_baseline"
            continue
        assert option.bcr_basis is None
        scale = 1e-9 * (abs(option.pv_savings) + abs(option.pv_costs) + 1)
        assume(abs(option.npv_vs_baseline) > scale)
        assert (option.bcr > 1) == (option.npv_vs_baseline > 0)


@FAST
@given(edit=cases())
def test_the_baseline_has_no_payback_and_its_gap_is_nil(case_dict, edit):
    results = appraise(parse_data(edit(case_dict())), monte_carlo=False)
    base = results.baseline
    assert base.payback_year is None and base.bcr is None and base.bcr_basis is None
    assert base.funding_low_point == {"amount": 0.0, "year": None}
    assert all(v == 0 for v in base.by_organisation_vs_baseline.values())
    for option in results.options:
        low = option.funding_low_point
        assert low["amount"] <= 0 and (low["year"] is None) == (low["amount"] == 0)
        if option.payback_year is not None:    # from payback on, never behind the baseline
            gap = [a - b for a, b in zip(option.cumulative_net, base.cumulative_net)]
            assert all(g >= -1e-6 for g in gap[option.payback_year - 1:])


@FAST
@given(edit=cases(version=1))
def test_no_inflation_and_a_flat_schedule_give_version_1_npvs(case_dict, edit):
    """A version 1 case, and the same case in version 2 with inflation 0, a flat schedule and
    every line that may be nominal said to be nominal, give the same NPVs; and each NPV is the
    version 1 sum of its net flows at (1 + r)^−t."""
    v1 = edit(case_dict())
    v2 = copy.deepcopy(v1)
    v2["version"] = 2
    v2["settings"].update(inflation_rate=0.0, discount_schedule="flat")
    for option in v2["options"]:
        for kind in BASIS_LISTS:
            for line in option.get(kind, []):
                line["basis"] = "nominal"
    one = appraise(parse_data(v1), monte_carlo=False)
    two = appraise(parse_data(v2), monte_carlo=False)
    r = v1["settings"]["discount_rate"]
    for a, b in zip(one.options, two.options):
        assert b.npv == a.npv and b.npv_vs_baseline == a.npv_vs_baseline
        assert b.by_organisation == a.by_organisation
        assert a.npv == pytest.approx(
            sum(cf.net / (1 + r) ** cf.year for cf in a.cash_flows), abs=1e-6)


@FAST
@given(edit=cases())
def test_the_horizon_table_starts_with_the_headline(case_dict, edit):
    results = appraise(parse_data(edit(case_dict())), monte_carlo=False)
    table = results.horizon_sensitivity
    first = table[0]
    assert first.years == results.horizon
    assert first.npv_vs_baseline == {o.id: o.npv_vs_baseline for o in results.options}
    assert first.leader == results.leader and first.highest_npv == results.npv_leader
    years = [h.years for h in table]
    assert years == sorted(set(years)) and years[-1] <= 100
