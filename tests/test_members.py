"""Board members' own views (model-v2.md V9), held to figures worked by hand.

small-case-v2.json: criteria autonomy 40, tenant voice 35, scale 25 (normalised .40/.35/.25);
scores standalone 10/7/3, shared 8/6/5, merger 3/5/9. The board's weighted scores are
standalone 72, shared 65.5, merger 52: the leader is standalone.

Four members, worked by hand (weighted score = 10 × Σ w × score):

- ann weighs 50/30/20 (.5/.3/.2): standalone 5 + 2.1 + 0.6 = 7.7 → 77; shared 4 + 1.8 + 1 → 68;
  merger 1.5 + 1.5 + 1.8 → 48. Leader standalone.
- bob weighs 10/20/70 (.1/.2/.7): standalone 1 + 1.4 + 2.1 → 45; shared 0.8 + 1.2 + 3.5 → 55;
  merger 0.3 + 1 + 6.3 → 76. Leader merger.
- cat gives no weights (the board's .40/.35/.25) but scores merger autonomy 6, voice 7 and
  standalone scale 1: standalone 4 + 2.45 + 0.25 → 67; shared 65.5; merger 2.4 + 2.45 + 2.25 →
  71. Leader merger.
- dee weighs 30/30/30 (a third each) and scores merger autonomy 4: standalone 20/3 → 66.667;
  shared 19/3 → 63.333; merger (4 + 5 + 9)/3 → 60. Leader standalone.

leader_holds: standalone leads for ann and dee: 2 of 4.
Spread of weights (ann, bob, dee): autonomy .1 / .3333 / .5; voice .2 / .3 / .3333;
scale .2 / .3333 / .7; count 3. Scores: merger autonomy from cat 6 and dee 4: low 4, median
(4 + 6)/2 = 5, high 6, count 2; merger voice 7 (cat only); standalone scale 1 (cat only);
everything else unstated: nulls, count 0.
"""
from __future__ import annotations

import copy

import pytest

from appraisal.casefile import CaseError, parse_data
from appraisal.engine import appraise
from appraisal.members import dividing_criteria, member_label

MEMBERS = [
    {"id": "ann", "name": "Ann Patel", "role": "Chair",
     "weights": {"autonomy": 50, "user_voice": 30, "scale_capacity": 20}},
    {"id": "bob", "name": "Bob Jones", "weights": {"autonomy": 10, "user_voice": 20,
                                                   "scale_capacity": 70}},
    {"id": "cat", "name": "Cat Wu", "scores": {"merger": {"autonomy": 6, "user_voice": 7},
                                               "standalone": {"scale_capacity": 1}}},
    {"id": "dee", "name": "Dee Okafor", "weights": {"autonomy": 30, "user_voice": 30,
                                                    "scale_capacity": 30},
     "scores": {"merger": {"autonomy": 4}}},
]


@pytest.fixture
def with_members(small_case_data):
    data = copy.deepcopy(small_case_data)
    data["members"] = copy.deepcopy(MEMBERS)
    return data


def test_each_members_view_by_hand(with_members):
    results = appraise(parse_data(with_members), monte_carlo=False)
    assert results.leader == "standalone"
    got = {m.id: m for m in results.members}
    assert list(got) == ["ann", "bob", "cat", "dee"]
    want = {"ann": ({"standalone": 77, "shared": 68, "merger": 48}, "standalone"),
            "bob": ({"standalone": 45, "shared": 55, "merger": 76}, "merger"),
            "cat": ({"standalone": 67, "shared": 65.5, "merger": 71}, "merger"),
            "dee": ({"standalone": 200 / 3, "shared": 190 / 3, "merger": 60}, "standalone")}
    for mid, (scores, leader) in want.items():
        assert got[mid].weighted_scores == pytest.approx(scores, abs=1e-9)
        assert got[mid].leader == leader
    assert results.leader_holds == {"members": 2, "of": 4}
    # the board's own figures are untouched by its members' views
    assert results.option("standalone").weighted_score == pytest.approx(72.0)


def test_spread_by_hand(with_members):
    spread = appraise(parse_data(with_members), monte_carlo=False).member_spread
    third = 1 / 3
    assert spread["weights"]["autonomy"] == pytest.approx(
        {"low": 0.1, "median": third, "high": 0.5, "count": 3})
    assert spread["weights"]["user_voice"] == pytest.approx(
        {"low": 0.2, "median": 0.3, "high": third, "count": 3})
    assert spread["weights"]["scale_capacity"] == pytest.approx(
        {"low": 0.2, "median": third, "high": 0.7, "count": 3})
    assert spread["scores"]["merger"]["autonomy"] == {"low": 4.0, "median": 5.0, "high": 6.0,
                                                      "count": 2}
    assert spread["scores"]["merger"]["user_voice"] == {"low": 7.0, "median": 7.0, "high": 7.0,
                                                        "count": 1}
    assert spread["scores"]["shared"]["autonomy"] == {"low": None, "median": None, "high": None,
                                                      "count": 0}
    # autonomy's weights run .1 to .5 and scale's .2 to .7: both divide; voice (.2 to .33) not
    case = parse_data(with_members)
    assert dividing_criteria(case, spread) == ["autonomy", "scale_capacity"]


def test_results_json_carries_members_only_when_there_are_some(with_members, small_case_data):
    out = appraise(parse_data(with_members), monte_carlo=False).to_json()
    assert out["members"][1] == {"id": "bob", "weighted_scores": pytest.approx(
        {"standalone": 45, "shared": 55, "merger": 76}), "leader": "merger"}
    assert out["leader_holds"] == {"members": 2, "of": 4}
    assert out["member_spread"]["scores"]["standalone"]["scale_capacity"]["count"] == 1
    plain = appraise(parse_data(small_case_data), monte_carlo=False).to_json()
    assert not {"members", "leader_holds", "member_spread"} & set(plain)


def test_a_tied_view_still_holds(small_case_data):
    """Weights .5/.5/0 on autonomy and scale: standalone 6.5, shared 6.5, merger 6 → tied first."""
    data = copy.deepcopy(small_case_data)
    data["members"] = [{"id": "x", "name": "X", "weights": {"autonomy": 1, "user_voice": 0,
                                                             "scale_capacity": 1}}]
    results = appraise(parse_data(data), monte_carlo=False)
    assert results.members[0].leader == "standalone"
    assert results.leader_holds == {"members": 1, "of": 1}


def _refused(data) -> dict[str, str]:
    with pytest.raises(CaseError) as err:
        parse_data(data)
    return {str(p): m for p, m in err.value.problems}


@pytest.mark.parametrize("member, path, words", [
    ({"weights": {"autonomy": 50, "user_voice": 50}}, "members[0].weights", "'scale_capacity'"),
    ({"weights": {"autonomy": 0, "user_voice": 0, "scale_capacity": 0}}, "members[0].weights",
     "every weight is 0"),
    ({"weights": {"autonomy": 1, "user_voice": 1, "scale_capacity": 1, "brand": 1}},
     "members[0].weights", "unknown criterion 'brand'"),
    ({"scores": {"takeover": {"autonomy": 5}}}, "members[0].scores", "unknown option 'takeover'"),
    ({"scores": {"merger": {"brand": 5}}}, "members[0].scores.merger",
     "unknown criterion 'brand'"),
    ({"scores": {"merger": {"autonomy": 11}}}, "members[0].scores.merger.autonomy", "<= 10"),
    ({"scores": {"merger": {"autonomy": -1}}}, "members[0].scores.merger.autonomy", ">= 0"),
    ({"weights": {"autonomy": -1, "user_voice": 1, "scale_capacity": 1}},
     "members[0].weights.autonomy", ">= 0"),
])
def test_refusals_name_the_field(small_case_data, member, path, words):
    data = copy.deepcopy(small_case_data)
    data["members"] = [{"id": "m", "name": "M", **member}]
    problems = _refused(data)
    assert path in problems, problems
    assert words in problems[path]


def test_value_for_money_may_be_weighed_not_scored(small_case_data):
    data = copy.deepcopy(small_case_data)
    data["criteria"].append({"id": "vfm", "name": "Value for money", "weight": 20,
                             "source": "npv_vs_baseline"})
    weights = {"autonomy": 1, "user_voice": 1, "scale_capacity": 1, "vfm": 1}
    data["members"] = [{"id": "m", "name": "M", "weights": weights}]
    case = parse_data(data)
    results = appraise(case, monte_carlo=False)
    vfm = {o.id: o.scores["vfm"] for o in results.options}
    # equal weights: 10 × (autonomy + voice + scale + vfm) / 4 with vfm derived as for the case
    for o in case.options:
        want = 10 * (sum(o.scores.values()) + vfm[o.id]) / 4
        assert results.members[0].weighted_scores[o.id] == pytest.approx(want)
    assert "vfm" not in results.member_spread["scores"]["merger"]
    data["members"][0]["scores"] = {"merger": {"vfm": 5}}
    problems = _refused(data)
    assert "not score it" in problems["members[0].scores.merger.vfm"]


def test_duplicate_member_ids_and_labels(small_case_data):
    data = copy.deepcopy(small_case_data)
    data["members"] = [{"id": "m", "name": "A"}, {"id": "m", "name": "B"}]
    assert "duplicate id 'm'" in _refused(data)["members[1].id"]
    data["members"][1]["id"] = "n"
    case = parse_data(data)
    assert [member_label(case, i) for i in range(2)] == ["member A", "member B"]
    data["members_named"] = True
    assert member_label(parse_data(data), 1) == "B"


def test_the_worked_example_members():
    """small-case-v2.json's two chairs, against its expected file (model-v2.md's worked example):
    chair-oak weighs 20/40/40, so standalone 2 + 2.8 + 1.2 → 60, shared 1.6 + 2.4 + 2 → 60,
    merger 0.6 + 2 + 3.6 → 62 (leader merger); chair-elm takes the board's weights and scores
    merger autonomy 2 and shared voice 7: standalone 72, shared 65.5 + 0.35 × 10 → 69, merger
    52 − 0.4 × 10 → 48 (leader standalone). The leader holds under 1 of 2 views."""
    import json
    from pathlib import Path

    from appraisal.casefile import load_case
    data = Path(__file__).resolve().parent / "data"
    want = json.loads((data / "small-case-v2.expected.json").read_text(encoding="utf-8"))
    got = appraise(load_case(data / "small-case-v2.json"), monte_carlo=False).to_json()
    assert got["members"] == [
        {"id": m["id"], "leader": m["leader"],
         "weighted_scores": pytest.approx(m["weighted_scores"], abs=1e-9)}
        for m in want["members"]]
    assert got["members"][0]["weighted_scores"] == pytest.approx(
        {"standalone": 60, "shared": 60, "merger": 62})
    assert got["leader_holds"] == want["leader_holds"] == {"members": 1, "of": 2}
    assert got["member_spread"] == want["member_spread"]     # .2/.4/.4 and whole scores: exact


def test_more_than_a_hundred_members_is_refused(small_case_data):
    data = copy.deepcopy(small_case_data)
    data["members"] = [{"id": f"m{i}", "name": f"M {i}"} for i in range(101)]
    problems = _refused(data)
    assert "board members" in problems["members"] and "100" in problems["members"]
