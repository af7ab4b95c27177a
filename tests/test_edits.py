"""Edits that keep a case valid (appraisal.edits), without Qt: the knock-on rules by example,
and properties over any sequence of edits."""
from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appraisal import edits
from appraisal.casefile import parse_data
from appraisal.kinds import KIND_IDS


def test_removing_a_criterion_trims_scores_swing_and_the_pairwise_matrix(case_dict):
    data = case_dict()
    data["criteria"].append({"id": "culture", "name": "Culture", "weight": 10})
    for option in data["options"]:
        option["scores"]["culture"] = 5
        option["rationale"] = {"culture": "why"}
    data["weighting"] = {"method": "ahp", "ahp_order": ["autonomy", "culture", "scale"],
                         "ahp_matrix": [[1, 2, 3], [0.5, 1, 4], [1 / 3, 0.25, 1]],
                         "swing": {"autonomy": 100, "culture": 50, "scale": 20}}
    edits.remove_criterion(data, 2)
    assert [c["id"] for c in data["criteria"]] == ["autonomy", "scale"]
    assert all("culture" not in o["scores"] and "culture" not in o["rationale"]
               for o in data["options"])
    w = data["weighting"]
    assert w["ahp_order"] == ["autonomy", "scale"] and w["ahp_matrix"] == [[1, 3], [1 / 3, 1]]
    assert w["swing"] == {"autonomy": 100, "scale": 20} and w["method"] == "direct"
    parse_data(data)


def test_deleting_an_option_clears_the_recommendation_keeps_its_rationale_and_unlinks_risks(
        case_dict):
    data = case_dict(recommendation={"option": "merger", "rationale": "scale"},
                     risks=[{"risk": "Lender", "option": "merger", "likelihood": 2, "impact": 3},
                            {"risk": "Staff", "option": "shared", "likelihood": 2, "impact": 2}])
    edits.delete_option(data, 2)
    assert data["recommendation"] == {"rationale": "scale"}      # a draft, no option named
    assert [r["option"] for r in data["risks"]] == [None, "shared"]
    parse_data(data)


def test_removing_a_partner_makes_its_lines_joint_and_drops_what_needs_it(case_dict):
    data = case_dict()
    edits.remove_organisation(data, 0)              # Oak: holds the loan merger re-prices
    merger = data["options"][2]
    assert merger["loan_repricing"] == []
    assert merger["pension_cessation"][0]["organisation"] is None
    assert data["options"][1]["shared_services"][0]["recipient"] == "elm"   # kept
    parse_data(data)
    data = case_dict()
    edits.remove_organisation(data, 1)              # Elm receives the shared service
    assert data["options"][1]["shared_services"] == []
    assert data["options"][1]["savings"][0]["organisation"] is None
    parse_data(data)


def _edit(data: dict, draw) -> None:
    """One edit the app could make, chosen by ``draw`` (never one the rules refuse)."""
    n_opt, n_crit, n_org = len(data["options"]), len(data["criteria"]), len(data["organisations"])
    choice = draw(st.sampled_from(["copy_option", "delete_option", "add_criterion",
                                   "remove_criterion", "add_line", "remove_line", "copy_line",
                                   "remove_organisation", "make_baseline"]))
    if choice == "copy_option":
        edits.copy_option(data, draw(st.integers(0, n_opt - 1)))
    elif choice == "delete_option":
        others = [i for i, o in enumerate(data["options"]) if not o.get("baseline")]
        if others:
            edits.delete_option(data, draw(st.sampled_from(others)))
    elif choice == "add_criterion":
        taken = {c["id"] for c in data["criteria"]}
        edits.add_criterion(data, {"id": edits.unique("extra", taken), "name": "Extra",
                                   "weight": 5.0})
    elif choice == "remove_criterion" and n_crit > 1:
        edits.remove_criterion(data, draw(st.integers(0, n_crit - 1)))
    elif choice == "add_line":
        edits.add_line(data, draw(st.integers(0, n_opt - 1)), "savings",
                       {"label": "New", "annual": 1000.0})
    elif choice in ("remove_line", "copy_line"):
        o = draw(st.integers(0, n_opt - 1))
        kinds = [k for k in KIND_IDS if data["options"][o].get(k)]
        if kinds:
            k = draw(st.sampled_from(kinds))
            j = draw(st.integers(0, len(data["options"][o][k]) - 1))
            (edits.remove_line if choice == "remove_line" else edits.copy_line)(data, o, k, j)
    elif choice == "remove_organisation" and n_org > 1:
        edits.remove_organisation(data, draw(st.integers(0, n_org - 1)))
    elif choice == "make_baseline":
        edits.make_baseline(data, draw(st.integers(0, n_opt - 1)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_sequence_of_edits_leaves_a_valid_case_and_undo_restores_it(case_dict, drawn):
    data = case_dict(recommendation={"option": "merger"},
                     risks=[{"risk": "Lender", "option": "merger", "likelihood": 2, "impact": 3}])
    history = []
    for _ in range(drawn.draw(st.integers(1, 8))):
        before = copy.deepcopy(data)
        _edit(data, drawn.draw)
        parse_data(copy.deepcopy(data))             # valid after every edit (raises if not)
        history.append((before, copy.deepcopy(data)))
    for before, after in reversed(history):        # undo: restore each previous state
        assert data == after
        data = copy.deepcopy(before)
    assert data == case_dict(recommendation={"option": "merger"},
                             risks=[{"risk": "Lender", "option": "merger", "likelihood": 2,
                                     "impact": 3}])
