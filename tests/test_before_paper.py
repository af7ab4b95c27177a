"""The "Before the paper" check, the defaults of a new case, and the edits that keep a draft."""
from __future__ import annotations

import copy
from pathlib import Path

from appraisal import appraise, parse_data
from appraisal.before_paper import check, missing_inputs, summary
from appraisal.casefile import load_case
from appraisal.defaults import STANDARD_CRITERIA, new_case_data, picked_criteria
from appraisal.edits import add_organisation, delete_option, set_recommendation

SAMPLES = Path(__file__).resolve().parents[1] / "sample_cases"


def test_a_new_case_lists_every_placeholder_in_the_boards_words():
    found = check(parse_data(new_case_data()))
    missing = [f.text for f in found if f.kind == "missing"]
    assert missing == ["Our organisation still has the new case's placeholder name",
                       "Partner organisation still has the new case's placeholder name",
                       "Shared back office has no savings or costs yet",
                       "No criteria chosen yet: pick the board's criteria and weigh them",
                       "No option is recommended yet"]
    assert [str(f.path) for f in found if f.kind == "suspicious"] == ["criteria"]
    assert summary(missing_inputs(parse_data(new_case_data()))).startswith(
        "Before the paper: 4 things still to enter (first: Our organisation")


def test_a_new_case_counts_no_placeholder_scores_or_weights():
    data = new_case_data()
    assert data["criteria"] == []
    assert [o["scores"] for o in data["options"]] == [{}, {}]
    results = appraise(parse_data(data), monte_carlo=False)
    assert not results.scored and results.leader == ""
    assert [o.weighted_score for o in results.options] == [None, None]
    assert [o.npv for o in results.options] == [0.0, 0.0]     # no money placeholders either


def test_picked_criteria_come_with_anchors_and_the_weight_the_board_chose():
    data = new_case_data()
    zero = picked_criteria(["autonomy", "value_for_money", "mission_fit"], data["criteria"],
                           even=False)
    assert [c["id"] for c in zero] == ["autonomy", "mission_fit", "value_for_money"]  # list order
    assert [c["weight"] for c in zero] == [0.0, 0.0, 0.0]
    assert zero[0]["scale"]["0"].startswith("Our board no longer decides")
    assert zero[2]["source"] == "npv_vs_baseline" and "scale" not in zero[2]
    data["criteria"] = [{"id": "autonomy", "name": "Autonomy", "weight": 30.0},
                        {"id": "brand_identity", "name": "Brand", "weight": 10.0},
                        {"id": "flexibility", "name": "Flexibility", "weight": 0.0}]
    even = picked_criteria(["autonomy", "culture_trust"], data["criteria"], even=True)
    assert [(c["id"], c["weight"]) for c in even] == [("culture_trust", 20.0)]   # (30 + 10) / 2
    assert [c["weight"] for c in picked_criteria(["culture_trust"], [], even=True)] == [10.0]


def test_unscored_cells_are_named_by_criterion_and_option():
    data = new_case_data()
    data["criteria"] = picked_criteria(["autonomy", "culture_trust"], [], even=True)
    data["options"][0]["scores"] = {"autonomy": 8, "culture_trust": None}
    found = [f for f in check(parse_data(data)) if "not scored" in f.text]
    assert [(f.text, str(f.path)) for f in found] == [
        ("Autonomy is not scored yet for Shared back office", "options[1].scores.autonomy"),
        ("Culture and trust is not scored yet", "options[0].scores.culture_trust")]
    data["criteria"][0]["weight"] = data["criteria"][1]["weight"] = 0
    assert "No criterion carries weight yet, so no option can be ranked" in check_texts(data)


def test_a_55_year_old_without_strain_and_a_line_without_a_range_are_flagged():
    case = load_case(SAMPLES / "two_housing_associations.json")
    data = case.model_dump(mode="json", exclude_none=True)
    merger = next(i for i, o in enumerate(data["options"]) if o.get("redundancies"))
    line = data["options"][merger]["redundancies"][0]
    line.update(age=57, pension_strain=0.0)
    texts = [f.text for f in check(parse_data(data))]
    name = data["options"][merger]["name"]
    assert any(t.startswith(name) and "aged 57 with no pension strain" in t for t in texts)
    line.update(age=54)
    assert not any("pension strain" in t for t in check_texts(data))


def check_texts(data: dict) -> list[str]:
    return [f.text for f in check(parse_data(data))]


def test_value_for_money_as_a_criterion_or_in_the_rationale_answers_the_question():
    data = new_case_data()
    question = "No criterion is value for money from the NPV"
    assert any(t.startswith(question) for t in check_texts(data))
    data["recommendation"] = {"rationale": "The board weighs the NPV separately from scores."}
    assert not any(t.startswith(question) for t in check_texts(data))
    data.pop("recommendation")
    vfm = copy.deepcopy(next(c for c in STANDARD_CRITERIA if c["id"] == "value_for_money"))
    data["criteria"].append(vfm)
    assert not any(t.startswith(question) for t in check_texts(data))


def test_the_boards_answer_that_money_is_weighed_separately_answers_the_question():
    data = new_case_data()
    question = "No criterion is value for money from the NPV"
    data["weighting"] = {"method": "direct", "money_separately": False}
    assert any(t.startswith(question) for t in check_texts(data))
    data["weighting"]["money_separately"] = True
    assert not any(t.startswith(question) for t in check_texts(data))


def test_equal_scores_are_a_question_not_a_gap():
    data = new_case_data()
    data["criteria"] = picked_criteria(["autonomy"], [], even=True)
    for option in data["options"]:
        option["scores"]["autonomy"] = 6.0
    found = {f.text: f.kind for f in check(parse_data(data))}
    assert found["Autonomy does not tell the options apart: every option scores 6"] == "suspicious"


def test_add_organisation_names_and_ids_a_new_partner_validly():
    data = new_case_data()
    assert add_organisation(data, "Elm Homes") == 2
    assert add_organisation(data) == 3
    orgs = data["organisations"]
    assert [(o["id"], o["name"]) for o in orgs[2:]] == [("elm_homes", "Elm Homes"),
                                                       ("partner_4", "Partner 4")]
    assert orgs[2]["loans"] == orgs[3]["loans"] == []
    assert orgs[2]["loans"] is not orgs[3]["loans"]
    found = check_texts(data)
    assert "Partner 4 still has the new case's placeholder name" in found
    assert not any(t.startswith("Elm Homes") for t in found)


def test_a_rationale_without_an_option_is_a_valid_draft_the_paper_does_not_print():
    data = new_case_data()
    set_recommendation(data, "shared_services")
    data["recommendation"]["rationale"] = "Cheaper and keeps both boards."
    delete_option(data, 1)
    assert data["recommendation"] == {"rationale": "Cheaper and keeps both boards."}
    case = parse_data(data)
    assert case.recommendation.option is None
    data["criteria"] = picked_criteria(["autonomy"], [], even=True)
    data["options"][0]["scores"] = {"autonomy": 6}
    results = appraise(parse_data(data))
    assert results.recommended == results.leader == "standalone"   # the paper names the leader
    set_recommendation(data, None)
    assert data["recommendation"] == {"rationale": "Cheaper and keeps both boards."}
    data["recommendation"]["rationale"] = " "
    set_recommendation(data, None)
    assert "recommendation" not in data
