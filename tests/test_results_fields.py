"""Figures the outputs read from Results instead of working out themselves."""
import numpy as np

from appraisal import appraise, load_case
from appraisal.case import Risk
from appraisal.scoring import non_dominated


def test_small_case_leader_gap_and_front(small_case_path):
    r = appraise(load_case(small_case_path), monte_carlo=False)
    # Weighted scores 72.0, 65.5, 52.0 (model.md worked example): the gap is 72.0 − 65.5.
    assert r.leader == "standalone" and r.runner_up == "shared"
    assert abs(r.leader_gap - 6.5) < 1e-9
    # Standalone has the best score, the merger the best NPV, and the shared service beats
    # neither on both counts nor is beaten on both: all three are on the front.
    assert r.non_dominated == ["standalone", "shared", "merger"]
    assert r.risk_ratings == []
    assert r.to_json()["why_leader"]["gap"] == r.leader_gap


def test_non_dominated_drops_an_option_beaten_on_both():
    # Option 2 is beaten by option 1 on NPV (5 > 3) and on score (50 > 40).
    assert non_dominated(np.array([0.0, 5.0, 3.0]), np.array([70.0, 50.0, 40.0])) == [0, 1]
    # A tie on both counts beats nobody: both stay.
    assert non_dominated(np.array([1.0, 1.0]), np.array([50.0, 50.0])) == [0, 1]


def test_risk_ratings_are_likelihood_times_impact(small_case_path):
    case = load_case(small_case_path)
    case = case.model_copy(update={"risks": [Risk(risk="Savings slip", likelihood=4, impact=3)]})
    assert appraise(case, monte_carlo=False).risk_ratings == [12]
