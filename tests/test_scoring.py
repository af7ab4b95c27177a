"""Weights, weighted scores, ranks, switching weights, AHP and swing weighting (model.md §2)."""
from __future__ import annotations

import numpy as np
import pytest

from appraisal import scoring
from appraisal.casefile import load_case, parse_data
from appraisal.engine import appraise


def test_weighted_score_formula_small_case(small_case_path):
    # Weights 40 : 35 : 25 → 0.40, 0.35, 0.25; score = 100 × Σ w × s / 10 = 10 × Σ w × s.
    #   standalone (10, 7, 3): 10 × (4.0 + 2.45 + 0.75) = 72.0
    #   shared     (8, 6, 5):  10 × (3.2 + 2.10 + 1.25) = 65.5
    #   merger     (3, 5, 9):  10 × (1.2 + 1.75 + 2.25) = 52.0
    results = appraise(load_case(small_case_path), monte_carlo=False)
    assert [o.weighted_score for o in results.options] == pytest.approx([72.0, 65.5, 52.0])
    assert [o.rank for o in results.options] == [1, 2, 3]
    assert results.leader == "standalone" and results.runner_up == "shared"
    # the leader's lead over the runner-up, criterion by criterion, sums to the gap of 6.5
    assert results.why_leader == pytest.approx(
        {"autonomy": 8.0, "user_voice": 3.5, "scale_capacity": -5.0})


@pytest.mark.parametrize("values, ranks", [
    ([50.0, 70.0, 70.0, 10.0], [3, 1, 1, 4]),
    ([80.0, 60.0, 60.0, 20.0], [1, 2, 2, 4]),
    ([5.0, 5.0 + 1e-10, 4.0], [1, 1, 3]),           # within 1e-9: equal
    ([5.0, 5.0 + 1e-8, 4.0], [2, 1, 3]),            # beyond 1e-9: not equal
    ([1.0], [1]),
])
def test_ranks_share_ties(values, ranks):
    assert scoring.ranks(np.array(values)) == ranks


def test_tied_options_share_a_rank_in_a_case(case_dict):
    data = case_dict()
    data["options"].append({"id": "twin", "name": "Twin of shared", "form": "joint_venture",
                            "scores": {"autonomy": 7, "scale": 5}})
    data["options"].append({"id": "jv", "name": "Joint venture", "form": "joint_venture",
                            "scores": {"autonomy": 0, "scale": 0}})
    results = appraise(parse_data(data), monte_carlo=False)
    # standalone 0.6 × 10 + 0.4 × 2 = 6.8 → 68; shared and twin 4.2 + 2.0 → 62; merger 1.8 + 3.6
    # → 54; jv 0.
    assert {o.id: o.rank for o in results.options} == {
        "standalone": 1, "shared": 2, "twin": 2, "merger": 4, "jv": 5}


@pytest.mark.parametrize("v, expected", [
    ([0.0, 50.0, 100.0], [0.0, 5.0, 10.0]),
    ([0.0, -200.0, 600.0], [2.5, 0.0, 10.0]),       # the baseline's 0 lies between
    ([0.0, 0.0, 0.0], [5.0, 5.0, 5.0]),             # max = min: all 5
])
def test_derived_value_for_money_scores(v, expected):
    assert scoring.derived_scores(np.array(v)).tolist() == pytest.approx(expected)


def test_switching_weight_worked_by_hand():
    # small-case.json, autonomy moving from 0.40 (others keep 0.35 : 0.25 = 7/12 : 5/12):
    #   a = 10 × autonomy score: standalone 100, shared 80, merger 30
    #   R = 10 × (7/12 × voice + 5/12 × scale): standalone 640/12 = 53.33, shared 670/12 = 55.83,
    #       merger 800/12 = 66.67
    #   standalone = merger where 100w + 53.33(1 − w) = 30w + 66.67(1 − w): 83.33w = 13.33,
    #     w = 0.16; standalone = shared where 20w = 2.5(1 − w): w = 0.1111. Nearer 0.40: 0.16.
    # scale_capacity from 0.25 (others 8/15 : 7/15): R = 86, 70.67, 39.33; a = 30, 50, 90.
    #   vs shared: 15.33(1 − w) = 20w → w = 15.33 / 35.33 = 0.433962; vs merger 0.4375.
    # user_voice: the leader stays ahead of both at every weight in 0..1 → null.
    scores = np.array([[10, 7, 3], [8, 6, 5], [3, 5, 9]], dtype=float)
    w = np.array([0.40, 0.35, 0.25])
    assert scoring.switching_weight(scores, w, 0) == pytest.approx(0.16, abs=1e-12)
    assert scoring.switching_weight(scores, w, 2) == pytest.approx(46 / 106, abs=1e-12)
    assert scoring.switching_weight(scores, w, 1) is None


def test_switching_weight_null_when_tied_or_only_weighted_criterion():
    scores = np.array([[10, 2], [10, 2], [1, 9]], dtype=float)      # two options tied on top
    assert scoring.switching_weight(scores, np.array([0.5, 0.5]), 0) is None
    scores = np.array([[10, 2], [5, 9]], dtype=float)
    assert scoring.switching_weight(scores, np.array([1.0, 0.0]), 0) is None


def test_switching_weight_equally_near_crossings_take_the_smaller():
    # Two criteria at 0.5 each; c = criterion 0 moves to w, so S(w) = 10 × (w s0 + (1 − w) s1).
    #   A (9, 5):      S = 50 + 40w         (70 now: the leader)
    #   B (6.2, 6.2):  S = 62               meets A at 40w = 12, w = 0.3
    #   C (10, 8/3):   S = 26.67 + 73.33w   meets A at 33.33w = 23.33, w = 0.7
    # Both 0.2 from 0.5: the smaller, 0.3, is reported.
    scores = np.array([[9.0, 5.0], [6.2, 6.2], [10.0, 8 / 3]])
    assert scoring.switching_weight(scores, np.array([0.5, 0.5]), 0) == pytest.approx(0.3)


def test_weight_curve_matches_rescored_weights():
    scores = np.array([[10, 7, 3], [8, 6, 5], [3, 5, 9]], dtype=float)
    w = np.array([0.40, 0.35, 0.25])
    curve = scoring.weight_curve(scores, w, 0, points=11)
    for k, x in enumerate(np.linspace(0, 1, 11)):
        moved = np.array([x, (1 - x) * 7 / 12, (1 - x) * 5 / 12])
        assert curve[k] == pytest.approx(scoring.weighted_scores(scores, moved))


# --- AHP --------------------------------------------------------------------------------------

# Saaty, T. L. (2008) 'Decision making with the analytic hierarchy process', Int. J. Services
# Sciences 1(1), 83-98: "which drink is consumed more in the US?" (7 x 7). Published priorities
# coffee .177, wine .019, tea .042, beer .116, soda .190, milk .129, water .327; CR 0.022.
DRINKS = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
DRINKS_MATRIX = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]

# The 'choosing a leader' worked example (Wikipedia, "Analytic hierarchy process – leader
# example"): criteria Experience, Education, Charisma, Age compared pairwise (4 x 4); published
# priorities .547, .127, .270, .056 and CR .044. Its Experience matrix for Tom, Dick and Harry
# (3 x 3) gives published priorities .217, .717, .066.
LEADER_CRITERIA = [[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]]
LEADER_EXPERIENCE = [[1, 1 / 4, 4], [4, 1, 9], [1 / 4, 1 / 9, 1]]


def _lambda_max(matrix, w):
    """λmax by hand: the mean of (A w)_i / w_i."""
    a = np.asarray(matrix, dtype=float)
    return float(np.mean(a @ w / w))


def test_ahp_saaty_drinks_7x7():
    w, ci, cr = scoring.ahp_weights(DRINKS_MATRIX)
    assert dict(zip(DRINKS, np.round(w, 3))) == {
        "coffee": 0.177, "wine": 0.019, "tea": 0.042, "beer": 0.116, "soda": 0.190,
        "milk": 0.129, "water": 0.327}
    assert round(cr, 3) == 0.022
    assert ci == pytest.approx((_lambda_max(DRINKS_MATRIX, w) - 7) / 6, rel=1e-9)
    assert cr == pytest.approx(ci / 1.32)


def test_ahp_leader_criteria_4x4():
    w, ci, cr = scoring.ahp_weights(LEADER_CRITERIA)
    assert w == pytest.approx([0.547, 0.127, 0.270, 0.056], abs=1e-3)
    assert round(cr, 3) == 0.044
    lam = _lambda_max(LEADER_CRITERIA, w)
    assert ci == pytest.approx((lam - 4) / 3, rel=1e-9) and cr == pytest.approx(ci / 0.90)


def test_ahp_leader_experience_3x3():
    w, ci, cr = scoring.ahp_weights(LEADER_EXPERIENCE)
    assert np.round(w, 3).tolist() == [0.217, 0.717, 0.066]
    lam = _lambda_max(LEADER_EXPERIENCE, w)
    assert cr == pytest.approx((lam - 3) / 2 / 0.58, rel=1e-9)
    assert cr < 0.10


def test_ahp_consistent_matrix_has_cr_zero():
    # a_ij = v_i / v_j for v = (4, 2, 1, 1): perfectly consistent → weights v / 8, CR 0.
    v = np.array([4.0, 2.0, 1.0, 1.0])
    w, ci, cr = scoring.ahp_weights((v[:, None] / v[None, :]).tolist())
    assert w == pytest.approx(v / 8) and abs(ci) < 1e-12 and abs(cr) < 1e-12


def test_ahp_refuses_bad_matrices():
    with pytest.raises(ValueError):
        scoring.ahp_weights([[1, 2], [2, 1]])               # not reciprocal
    with pytest.raises(ValueError):
        scoring.ahp_weights(np.ones((11, 11)).tolist())     # beyond Saaty's table


def test_ahp_inconsistency_is_flagged_in_results(case_dict):
    # 3 criteria, judgements a > b (9), b > c (9) but c > a (9): wildly inconsistent.
    data = case_dict()
    data["criteria"].append({"id": "voice", "name": "Tenant voice", "weight": 10})
    for option in data["options"]:
        option["scores"]["voice"] = 5
    data["weighting"] = {"method": "ahp", "ahp_order": ["autonomy", "scale", "voice"],
                         "ahp_matrix": [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]}
    results = appraise(parse_data(data), monte_carlo=False)
    assert results.ahp_consistency["cr"] > 0.10
    assert any(w.path == "weighting.ahp_matrix" for w in results.warnings)


def test_swing_weights():
    # The most important swing rated 100, others against it: 100, 60, 40 → 0.5, 0.3, 0.2.
    assert scoring.swing_weights({"a": 100, "b": 60, "c": 40}) == pytest.approx(
        {"a": 0.5, "b": 0.3, "c": 0.2})
    assert scoring.swing_weights({"a": 100, "b": 0}) == {"a": 1.0, "b": 0.0}
    with pytest.raises(ValueError):
        scoring.swing_weights({"a": 0, "b": 0})
