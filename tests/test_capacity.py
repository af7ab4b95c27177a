"""V10 (model-v2.md): the partners' plans against lenders' covenants and golden rules.

A small case worked by hand, with no inflation so that each figure can be checked on paper:

    Oak: surplus 6.0m, depreciation 3.0m, major repairs 2.5m, interest 4.0m (5.0m from year 3),
         net debt 90m, housing assets 150m; turnover 30m.  EBITDA-MRI 6.5m, cover 1.625x.
    Elm: surplus 4.0m, depreciation 2.0m, major repairs 2.0m, interest 3.0m, net debt 50m,
         housing assets 80m; turnover 20m.  EBITDA cover 2.0x.
    Marginal rate on added debt 5%.
"""
from __future__ import annotations

import copy
from dataclasses import fields

import pytest

from appraisal.case import VERSION
from appraisal.casefile import CaseError, parse_data
from appraisal.engine import appraise
from appraisal.finance.capacity import MEASURED_FIELDS, capacity
from appraisal.finance.lines import build_lines
from appraisal.results import CapacityResult

CAPACITY_CASE = {
    "format": "options-appraisal-case", "version": VERSION,
    "title": "Capacity worked by hand", "date": "2026-11-22",
    "settings": {"first_year": 2027, "horizon_years": 4, "discount_rate": 0.035,
                 "inflation_rate": 0.0, "marginal_interest_rate": 0.05,
                 "redundancy_weekly_pay_cap": 719, "monte_carlo": {"draws": 200, "seed": 3}},
    "organisations": [
        {"id": "oak", "name": "Oak Housing", "annual_turnover": 30e6,
         "finances": {"operating_surplus": 6e6, "depreciation": 3e6,
                      "capitalised_major_repairs": 2.5e6, "interest_payable": 4e6,
                      "net_debt": 90e6, "housing_assets_at_cost": 150e6,
                      "plan": [{"year": 3, "interest_payable": 5e6}]},
         "loans": [{"id": "oak-bank", "lender": "Bank A", "balance": 60e6, "remaining_years": 3,
                    "covenants": [{"metric": "interest_cover", "min": 1.25, "basis": "all"},
                                  {"metric": "gearing", "max": 0.65, "basis": "underlying"}]}],
         "golden_rules": [{"metric": "interest_cover", "min": 1.4}]},
        {"id": "elm", "name": "Elm Homes", "annual_turnover": 20e6,
         "finances": {"operating_surplus": 4e6, "depreciation": 2e6,
                      "capitalised_major_repairs": 2e6, "interest_payable": 3e6,
                      "net_debt": 50e6, "housing_assets_at_cost": 80e6},
         "loans": [{"id": "elm-bond", "lender": "Bond investors", "balance": 40e6,
                    "remaining_years": 10,
                    "covenants": [{"metric": "interest_cover", "min": 1.1,
                                   "basis": "underlying", "definition": "ebitda"}]}],
         "golden_rules": [{"metric": "interest_cover", "min": 1.3},
                          {"metric": "gearing", "max": 0.65}]},
    ],
    "criteria": [{"id": "autonomy", "name": "Autonomy", "weight": 60},
                 {"id": "scale", "name": "Scale", "weight": 40}],
    "options": [
        {"id": "standalone", "name": "Remain standalone", "form": "standalone", "baseline": True,
         "scores": {"autonomy": 10, "scale": 2}},
        {"id": "group", "name": "Group structure", "form": "group_structure",
         "savings": [{"label": "Shared back office", "annual": 100000}],
         "scores": {"autonomy": 6, "scale": 6}},
        {"id": "merger", "name": "Merger", "form": "merger",
         "savings": [{"label": "One executive", "annual": 100000}],
         "one_off_costs": [{"label": "Integration", "amount": 500000, "year": 1}],
         "scores": {"autonomy": 2, "scale": 9}},
    ],
}


def _case(edit=None):
    data = copy.deepcopy(CAPACITY_CASE)
    if edit is not None:
        edit(data)
    return parse_data(data)


@pytest.fixture(scope="module")
def results():
    return appraise(_case(), monte_carlo=False)


def _test(option, organisation, loan, metric):
    return next(t for t in option.capacity if (t.organisation, t.loan, t.metric)
                == (organisation, loan, metric))


def test_standalone_partners_are_tested_alone_on_their_plans(results):
    tests = results.option("standalone").capacity
    assert [(t.organisation, t.loan, t.metric, t.entity) for t in tests] == [
        ("oak", "oak-bank", "interest_cover", ["oak"]),
        ("oak", "oak-bank", "gearing", ["oak"]),
        ("oak", None, "interest_cover", ["oak"]),
        ("elm", "elm-bond", "interest_cover", ["elm"]),
        ("elm", None, "interest_cover", ["elm"]),
        ("elm", None, "gearing", ["elm"]),
    ]
    cover = tests[0]
    # 6.5m / 4m, the plan's year-3 interest of 5m carried forward; the loan is repaid after 3.
    assert cover.values == pytest.approx([1.625, 1.625, 1.3, None], nan_ok=True)
    assert cover.values[3] is None and cover.headroom[3] is None
    assert tests[2].values == pytest.approx([1.625, 1.625, 1.3, 1.3])
    assert tests[3].values == pytest.approx([2.0] * 4)           # EBITDA: (4m + 2m) / 3m


def test_a_golden_rule_breach_is_found_and_warned(results):
    rule = _test(results.option("standalone"), "oak", None, "interest_cover")
    assert rule.headroom == pytest.approx([0.225, 0.225, -0.1, -0.1])
    assert rule.first_breach_year == 3
    assert rule.min_headroom == {"value": pytest.approx(-0.1), "year": 3}
    text = [w.message for w in results.warnings if "Remain standalone" in w.message]
    assert len(text) == 1     # no ranges: the pessimistic case breaks in the same year
    assert "Oak Housing's golden rule on interest cover" in text[0]
    assert "2029 (year 3)" in text[0] and "\u22120.10x" in text[0] and "£500,000 short" in text[0]


def test_money_headroom_is_the_metric_headroom_times_its_denominator(results):
    interest = [4e6, 4e6, 5e6, 5e6]
    for test in results.option("standalone").capacity:
        org = {"oak": 0, "elm": 1}[test.entity[0]]
        fin = CAPACITY_CASE["organisations"][org]["finances"]
        den = (interest if org == 0 else [3e6] * 4) if test.metric == "interest_cover" \
            else [fin["housing_assets_at_cost"]] * 4
        for h, m, d in zip(test.headroom, test.headroom_money, den):
            assert (h is None) == (m is None)
            if h is not None:
                assert m == pytest.approx(h * d, abs=1e-6)


def test_a_group_keeps_each_partner_apart_and_splits_a_joint_line_by_turnover(results):
    group = results.option("group")
    assert group.capacity_shares == [{"ref": "savings[0]",
                                      "shares": {"oak": pytest.approx(0.6),
                                                 "elm": pytest.approx(0.4)}}]
    assert all(t.entity in (["oak"], ["elm"]) for t in group.capacity)
    # Oak takes 60% of the £100,000 saving: (6.5m + 60k) / 4m; cash saved repays debt.
    assert _test(group, "oak", "oak-bank", "interest_cover").values[0] == pytest.approx(1.64)
    assert _test(group, "oak", "oak-bank", "gearing").values[:2] == pytest.approx(
        [(90e6 - 60e3) / 150e6, (90e6 - 120e3) / 150e6])
    # Elm's 40%: (4m + 40k + 2m) / 3m.
    assert _test(group, "elm", "elm-bond", "interest_cover").values[0] == pytest.approx(
        6.04e6 / 3e6)


def test_an_options_own_shares_split_its_joint_lines():
    def edit(d):
        d["options"][1]["shares"] = {"oak": 0.25, "elm": 0.75}
    group = appraise(_case(edit), monte_carlo=False).option("group")
    assert group.capacity_shares[0]["shares"] == {"oak": 0.25, "elm": 0.75}
    assert _test(group, "oak", "oak-bank", "interest_cover").values[0] == pytest.approx(
        6.525e6 / 4e6)


def test_a_merger_combines_the_partners_figures(results):
    merger = results.option("merger")
    assert [(t.organisation, t.loan, t.metric) for t in merger.capacity] == [
        ("oak", "oak-bank", "interest_cover"), ("oak", "oak-bank", "gearing"),
        ("elm", "elm-bond", "interest_cover"),
        (None, None, "interest_cover"), (None, None, "gearing")]
    assert all(t.entity == ["oak", "elm"] for t in merger.capacity)
    cover_all = merger.capacity[0]
    # Year 1, all items: (10m + 100k − 500k + 5m − 4.5m) / 7m.
    assert cover_all.values[0] == pytest.approx(10.1e6 / 7e6)
    # Year 2: 400k borrowed in year 1 costs 5%: 20k; (10m + 100k + 5m − 4.5m) / 7.02m.
    assert cover_all.values[1] == pytest.approx(10.6e6 / 7.02e6)
    # Gearing: the year-1 deficit of 400k, then 320k after year 2's saving net of interest.
    assert merger.capacity[1].values[:2] == pytest.approx([140.4e6 / 230e6, 140.32e6 / 230e6])
    assert merger.capacity[2].values[0] == pytest.approx(15.1e6 / 7e6)   # EBITDA, underlying


def test_a_merger_without_its_own_rules_takes_the_strictest_partner_rules(results):
    merged = [t for t in results.option("merger").capacity if t.organisation is None]
    assert [(t.metric, t.limit, t.bound, t.derived) for t in merged] == [
        ("interest_cover", 1.4, "min", True), ("gearing", 0.65, "max", True)]
    assert any("merged body's board has set no golden rules" in w.message
               and w.path == "options[2]" for w in results.warnings)


def test_a_merged_body_with_its_own_rules_is_held_to_them():
    def edit(d):
        d["merged_golden_rules"] = [{"metric": "interest_cover", "min": 1.3}]
    r = appraise(_case(edit), monte_carlo=False)
    merged = [t for t in r.option("merger").capacity if t.organisation is None]
    assert [(t.limit, t.derived) for t in merged] == [(1.3, False)]
    assert not any("set no golden rules" in w.message for w in r.warnings)


def test_stressed_takes_each_ranged_line_at_its_worse_end():
    def edit(d):
        d["options"][1]["savings"][0].update(low=0, high=150000)
    group = appraise(_case(edit), monte_carlo=False).option("group")
    cover = _test(group, "oak", None, "interest_cover")
    # The saving at 0: Oak's plan alone, 1.3x in years 3 and 4, so the golden rule breaks.
    assert cover.stressed_min_headroom == {"value": pytest.approx(-0.1), "year": 3}
    assert cover.stressed_first_breach_year == 3
    assert cover.min_headroom["value"] == pytest.approx((6.5e6 + 60e3) / 5e6 - 1.4)


def test_results_json_carries_capacity_on_every_option(results):
    out = results.to_json()
    for option in out["options"]:
        assert "capacity" in option and "capacity_shares" in option
    first = out["options"][0]["capacity"][0]
    assert first["stressed"]["min_headroom"] == {"value": pytest.approx(0.05), "year": 3}


def test_each_result_carries_the_engines_figures_as_measured():
    """The figures are declared once (Measured): a result holds the engine's, unchanged."""
    case = _case()
    outcomes = capacity(case, build_lines(case))
    found = appraise(case, monte_carlo=False)
    for option, measured in zip(found.options, outcomes):
        assert [t.measured() for t in option.capacity] == [m.measured() for m in measured]
        assert [(t.organisation, t.loan) for t in option.capacity] == [
            (m.spec.organisation, m.spec.loan) for m in measured]
    # The baseline moves no plan: Oak's all-items cover is 6.5m / 4.0m in years 1 and 2, and
    # 6.5m / 5.0m in year 3 (its plan's override); the loan is repaid after year 3.
    oak = found.options[0].capacity[0]
    assert oak.values[:3] == [pytest.approx(1.625), pytest.approx(1.625), pytest.approx(1.3)]
    assert oak.values[3] is None and not oak.breached
    assert set(MEASURED_FIELDS) < {f.name for f in fields(CapacityResult)}


def _covenant_without_finances(d):
    del d["organisations"][1]["finances"]
    d["organisations"][1]["golden_rules"] = []
    d["options"] = d["options"][:2]


REFUSED = [
    ("covenant on a partner with no plan", _covenant_without_finances,
     "organisations[1].loans[0].covenants[0]", "no"),
    ("covenant without a basis",
     lambda d: d["organisations"][0]["loans"][0]["covenants"][0].pop("basis"),
     "organisations[0].loans[0].covenants[0].basis", "basis"),
    ("interest cover with a maximum",
     lambda d: d["organisations"][0]["golden_rules"][0].update(max=2),
     "organisations[0].golden_rules[0].max", "interest cover takes a 'min'"),
    ("gearing without its limit",
     lambda d: d["organisations"][1]["golden_rules"][1].pop("max"),
     "organisations[1].golden_rules[1].max", "limit"),
    ("negative limit",
     lambda d: d["organisations"][0]["golden_rules"][0].update(min=-1),
     "organisations[0].golden_rules[0].min", "0 or more"),
    ("unknown metric",
     lambda d: d["organisations"][0]["golden_rules"][0].update(metric="asset_cover"),
     "organisations[0].golden_rules[0].metric", "asset_cover"),
    ("unknown basis",
     lambda d: d["organisations"][0]["loans"][0]["covenants"][0].update(basis="cash"),
     "organisations[0].loans[0].covenants[0].basis", "cash"),
    ("scope on a golden rule",
     lambda d: d["organisations"][0]["golden_rules"][0].update(scope="group"),
     "organisations[0].golden_rules[0].scope", "covenant"),
    ("definition on gearing",
     lambda d: d["organisations"][1]["golden_rules"][1].update(definition="ebitda"),
     "organisations[1].golden_rules[1].definition", "interest cover"),
    ("merged rule with a scope",
     lambda d: d.update(merged_golden_rules=[{"metric": "gearing", "max": 0.7, "scope": "group"}]),
     "merged_golden_rules[0].scope", "covenant"),
    ("plan year beyond the horizon",
     lambda d: d["organisations"][0]["finances"]["plan"][0].update(year=9),
     "organisations[0].finances.plan[0].year", "horizon"),
    ("plan year twice",
     lambda d: d["organisations"][0]["finances"]["plan"].append({"year": 3, "net_debt": 1.0}),
     "organisations[0].finances.plan[1].year", "twice"),
    ("plan figure missing",
     lambda d: d["organisations"][0]["finances"].pop("depreciation"),
     "organisations[0].finances.depreciation", ""),
    ("unknown figure in a plan year",
     lambda d: d["organisations"][0]["finances"]["plan"][0].update(turnover=1.0),
     "organisations[0].finances.plan[0].turnover", ""),
    ("merged partner without a plan",
     lambda d: (d["organisations"][1].pop("finances"), d["organisations"][1].update(
         golden_rules=[], loans=[])),
     "organisations[1].finances", "Merger"),
    ("shares not adding up",
     lambda d: d["options"][1].update(shares={"oak": 0.5, "elm": 0.4}),
     "options[1].shares", "add up to 1"),
    ("shares naming a partner not involved",
     lambda d: d["options"][1].update(roles={"elm": "not_involved"}, shares={"oak": 0.5,
                                                                             "elm": 0.5}),
     "options[1].shares", "'elm'"),
    ("unknown role",
     lambda d: d["options"][1].update(roles={"oak": "owner"}), "options[1].roles", "owner"),
    ("role for an unknown organisation",
     lambda d: d["options"][1].update(roles={"yew": "member"}), "options[1].roles", "yew"),
    ("marginal rate at -100%",
     lambda d: d["settings"].update(marginal_interest_rate=-1.0),
     "settings.marginal_interest_rate", ""),
]


@pytest.mark.parametrize("name,edit,path,words", REFUSED, ids=[r[0] for r in REFUSED])
def test_a_broken_capacity_rule_is_refused_naming_the_field(name, edit, path, words):
    data = copy.deepcopy(CAPACITY_CASE)
    edit(data)
    with pytest.raises(CaseError) as caught:
        parse_data(data)
    found = {p: m for p, m in caught.value.problems}
    assert path in found, caught.value.problems
    assert words in found[path]


def test_a_partner_not_involved_in_a_merger_stays_apart():
    def edit(d):
        d["options"][2]["roles"] = {"elm": "not_involved"}
    merger = appraise(_case(edit), monte_carlo=False).option("merger")
    assert _test(merger, "oak", "oak-bank", "interest_cover").entity == ["oak"]
    assert _test(merger, "elm", "elm-bond", "interest_cover").entity == ["elm"]
    assert _test(merger, "elm", None, "gearing").entity == ["elm"]   # its own rules again
    # The joint lines fall to Oak alone: (6.5m + 100k − 500k) / 4m.
    assert _test(merger, "oak", "oak-bank", "interest_cover").values[0] == pytest.approx(1.525)


def test_a_group_covenant_is_tested_on_the_group_in_a_group_structure_only():
    def edit(d):
        d["organisations"][1]["loans"][0]["covenants"][0]["scope"] = "group"
    r = appraise(_case(edit), monte_carlo=False)
    group = _test(r.option("group"), "elm", "elm-bond", "interest_cover")
    assert group.entity == ["oak", "elm"]
    # EBITDA on the group: (6m + 60k + 4m + 40k + 3m + 2m) / (4m + 3m).
    assert group.values[0] == pytest.approx(15.1e6 / 7e6)
    assert _test(r.option("standalone"), "elm", "elm-bond", "interest_cover").entity == ["elm"]

    def not_involved(d):
        edit(d)
        d["options"][1]["roles"] = {"elm": "not_involved"}
    alone = _test(appraise(_case(not_involved), monte_carlo=False).option("group"),
                  "elm", "elm-bond", "interest_cover")
    assert alone.entity == ["elm"] and alone.values[0] == pytest.approx(2.0)


def test_a_cost_sharing_groups_lines_fall_to_its_members_and_its_recharge_moves_money():
    def edit(d):
        d["organisations"].append({"id": "csg", "name": "Shared Services CSG",
                                   "kind": "cost_sharing_group", "members": ["oak", "elm"]})
        d["options"][1]["recurring_costs"] = [{"label": "Running the group", "annual": 50000,
                                               "organisation": "csg"}]
        d["options"][1]["shared_services"] = [{"label": "Finance from Oak", "recipient": "elm",
                                               "supplier": "oak", "annual_value": 200000,
                                               "vat_treatment": "outside_scope"}]
    group = appraise(_case(edit), monte_carlo=False).option("group")
    assert {"ref": "recurring_costs[0]", "shares": {"oak": 0.6, "elm": 0.4}} in [
        {"ref": s["ref"], "shares": {k: round(v, 9) for k, v in s["shares"].items()}}
        for s in group.capacity_shares]
    # Oak: + 60k saving − 30k running costs + 200k received; Elm: + 40k − 20k − 200k paid.
    assert _test(group, "oak", None, "interest_cover").values[0] == pytest.approx(
        (6.5e6 + 60e3 - 30e3 + 200e3) / 4e6)
    assert _test(group, "elm", "elm-bond", "interest_cover").values[0] == pytest.approx(
        (6e6 + 40e3 - 20e3 - 200e3) / 3e6)
