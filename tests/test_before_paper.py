"""The "Before the paper" check, the defaults of a new case, and the edits that keep a draft."""
from __future__ import annotations

import copy
from pathlib import Path

from appraisal import appraise, parse_data
from appraisal.before_paper import check, missing_inputs, summary
from appraisal.casefile import load_case
from appraisal.defaults import DEFAULT_CRITERIA, STANDARD_CRITERIA, new_case_data
from appraisal.edits import add_organisation, delete_option, set_recommendation

SAMPLES = Path(__file__).resolve().parents[1] / "sample_cases"


def test_a_new_case_lists_every_placeholder_in_the_boards_words():
    found = check(parse_data(new_case_data()))
    missing = [f.text for f in found if f.kind == "missing"]
    assert missing[:3] == ["Our organisation still has the new case's placeholder name",
                           "Partner organisation still has the new case's placeholder name",
                           "Shared back office has no savings or costs yet"]
    assert len(missing) == 3 + len(DEFAULT_CRITERIA) + 1     # names, money, 12 criteria, pick
    assert "Autonomy is not scored yet: every option has the starting score of 5" in missing
    assert missing[-1] == "No option is recommended yet"
    assert [str(f.path) for f in found if f.kind == "suspicious"] == ["criteria"]
    assert summary(missing_inputs(parse_data(new_case_data()))).startswith(
        "Before the paper: 15 things still to enter (first: Our organisation")


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


def test_equal_scores_other_than_the_start_are_a_question_not_a_gap():
    data = new_case_data()
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
    results = appraise(case)
    assert results.recommended == results.leader        # the paper names the leader
    set_recommendation(data, None)
    assert data["recommendation"] == {"rationale": "Cheaper and keeps both boards."}
    data["recommendation"]["rationale"] = " "
    set_recommendation(data, None)
    assert "recommendation" not in data
