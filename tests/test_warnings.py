"""Warnings for the board: each fires on a crafted case, names the line, else stays quiet."""
from __future__ import annotations

import pytest

from appraisal.casefile import parse_data
from appraisal.engine import appraise

FOURTH = {"id": "collab", "name": "Informal collaboration", "form": "informal_collaboration",
          "scores": {"autonomy": 9, "scale": 3}}


def _warnings(data) -> dict[str, str]:
    return {w.path: w.message for w in appraise(parse_data(data), monte_carlo=False).warnings}


@pytest.fixture
def quiet(case_dict):
    """The base case with a fourth option over 30 years: no warning at all. (Over a shorter
    horizon every option with a saving has flows past it, and a note says so.)"""
    data = case_dict(settings={"horizon_years": 30})
    data["options"].append(dict(FOURTH))
    data["options"][1]["shared_services"][0]["supplier"] = "oak"
    return data


def test_a_clean_case_has_no_warnings(quiet):
    assert _warnings(quiet) == {}


def test_fewer_than_four_options(case_dict):
    found = _warnings(case_dict())
    assert "only 3 options" in found["options"]


def test_zero_weight(quiet):
    quiet["criteria"][1]["weight"] = 0
    found = _warnings(quiet)
    assert "'Scale' carries no weight" in found["criteria[1].weight"]


def _loan_only_past_five_years(data: dict) -> dict:
    """The merger over 5 years with a loan of 7 and no savings: only the loan runs past H."""
    data["settings"]["horizon_years"] = 5
    data["organisations"][0]["loans"][0]["remaining_years"] = 7
    data["options"][2]["savings"] = []
    return data


def test_loan_repriced_past_the_horizon_with_pv_of_the_interest_left_out(quiet):
    # £1,000,000 at +50 bps = £5,000 a year; 7 years left on a 5-year horizon → years 6 and 7
    # are left out: 5,000 / 1.035^6 + 5,000 / 1.035^7 = 5,000 × (0.813501 + 0.785991)
    # = 5,000 × 1.599492 = £7,997.46. The note runs to the 30-year horizon of the table.
    found = _warnings(_loan_only_past_five_years(quiet))
    message = found["options[2]"]
    assert "continue past the 5-year appraisal period" in message
    assert "from year 6 to year 30" in message
    assert "gains £0 and pays £7,997" in message
    pv = sum(5000 / 1.035 ** t for t in (6, 7))
    assert round(pv, 2) == 7997.46


def test_a_margin_cut_past_the_horizon_is_written_in_the_house_style(quiet):
    # −50 bps: what the merger pays after year 5 is a saving, −£7,997, with a true minus.
    data = _loan_only_past_five_years(quiet)
    data["options"][2]["loan_repricing"][0].update(margin_uplift_bps=-50, low=-90, high=-20)
    message = _warnings(data)["options[2]"]
    assert "pays \u2212£7,997" in message


def test_loan_within_the_horizon_is_quiet(quiet):
    quiet["organisations"][0]["loans"][0]["remaining_years"] = 5
    assert _warnings(quiet) == {}


GROUP = {"id": "csg", "name": "Oak and Elm Services", "kind": "cost_sharing_group",
         "members": ["oak", "elm"]}


def _exempt(data):
    """The shared service supplied, exempt, by a cost sharing group of Oak and Elm that carries
    its own running costs (model-v2.md V6)."""
    data["organisations"].append(dict(GROUP))
    shared = data["options"][1]
    shared["recurring_costs"].append({"label": "Group's running costs", "organisation": "csg",
                                      "annual": 10000})
    shared["shared_services"][0].update(supplier="csg", vat_treatment="cost_sharing_exemption")
    return data


def test_cost_sharing_exemption(quiet):
    _exempt(quiet)
    message = _warnings(quiet)["options[1].shared_services[0]"]
    assert "cost sharing exemption" in message
    assert "apportionment" not in message          # Elm recovers none of its VAT


def test_cost_sharing_exemption_with_partial_recovery_notes_apportionment(quiet):
    quiet["organisations"][1]["vat_recovery_rate"] = 0.2
    _exempt(quiet)
    message = _warnings(quiet)["options[1].shared_services[0]"]
    assert "Elm Homes recovers 20% of its VAT" in message and "apportionment" in message


def test_recovery_at_15_percent_is_not_above_the_threshold(quiet):
    quiet["organisations"][1]["vat_recovery_rate"] = 0.15
    _exempt(quiet)
    assert "apportionment" not in _warnings(quiet)["options[1].shared_services[0]"]


def test_vat_group_without_common_control(quiet):
    quiet["options"][1]["shared_services"][0]["vat_treatment"] = "vat_group"
    message = _warnings(quiet)["options[1].shared_services[0]"]
    assert "common control" in message and "shared services" in message


@pytest.mark.parametrize("form", ["group_structure", "merger", "transfer_of_engagements"])
def test_vat_group_with_common_control_is_quiet(quiet, form):
    quiet["options"][1]["form"] = form
    quiet["options"][1]["shared_services"][0]["vat_treatment"] = "vat_group"
    assert _warnings(quiet) == {}


def test_redundancy_at_55_with_no_pension_strain(quiet):
    quiet["options"][2]["redundancies"][0].update(age=55, pension_strain=0)
    message = _warnings(quiet)["options[2].redundancies[0]"]
    assert "aged 55" in message and "pension strain" in message


@pytest.mark.parametrize("age, strain", [(54, 0), (60, 25000)])
def test_redundancy_under_55_or_with_strain_is_quiet(quiet, age, strain):
    quiet["options"][2]["redundancies"][0].update(age=age, pension_strain=strain)
    assert _warnings(quiet) == {}


def test_savings_all_after_year_3(quiet):
    quiet["options"][2]["savings"][0]["start_year"] = 4
    message = _warnings(quiet)["options[2].savings"]
    assert "'Merger'" in message and "after year 3" in message


def test_one_saving_by_year_3_is_enough(quiet):
    quiet["options"][2]["savings"][0]["start_year"] = 4
    quiet["options"][2]["savings"].append({"annual": 1000, "start_year": 3})
    assert _warnings(quiet) == {}


def test_warnings_reach_the_results_json(case_dict):
    results = appraise(parse_data(case_dict()), monte_carlo=False)
    assert any(w.startswith("options: only 3 options") for w in results.to_json()["warnings"])


def _weighted_case(small_case_data, weighting, weights):
    from appraisal import parse_data
    data = dict(small_case_data)
    data["criteria"] = [dict(c, weight=w) for c, w in zip(data["criteria"], weights)]
    data["weighting"] = weighting
    return parse_data(data)


def test_weights_that_drifted_from_their_ahp_matrix_are_flagged(small_case_data):
    from appraisal import appraise
    # A consistent matrix: autonomy twice user voice, four times scale (weights 4/7, 2/7, 1/7).
    ahp = {"method": "ahp", "ahp_order": ["autonomy", "user_voice", "scale_capacity"],
           "ahp_matrix": [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]}
    matching = _weighted_case(small_case_data, ahp, [400 / 7, 200 / 7, 100 / 7])
    assert not [w for w in appraise(matching, monte_carlo=False).warnings
                if w.path == "weighting.ahp_matrix"]
    drifted = _weighted_case(small_case_data, ahp, [40, 35, 25])
    found = [w for w in appraise(drifted, monte_carlo=False).warnings
             if w.path == "weighting.ahp_matrix"]
    # Shares 0.40/0.35/0.25 against 0.571/0.286/0.143: the largest gap is 0.171.
    assert len(found) == 1 and "differ by up to 17.1%" in found[0].message


def test_weights_that_drifted_from_their_swing_ratings_are_flagged(small_case_data):
    from appraisal import appraise
    swing = {"method": "swing", "swing": {"autonomy": 100, "user_voice": 50, "scale_capacity": 50}}
    matching = _weighted_case(small_case_data, swing, [50, 25, 25])
    assert not [w for w in appraise(matching, monte_carlo=False).warnings
                if w.path == "weighting.swing"]
    drifted = _weighted_case(small_case_data, swing, [40, 35, 25])
    found = [w for w in appraise(drifted, monte_carlo=False).warnings if w.path == "weighting.swing"]
    # 0.40 against 0.50 on autonomy, 0.35 against 0.25 on user voice: 10.0%.
    assert len(found) == 1 and "differ by up to 10.0%" in found[0].message
