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


def test_line_totals_cumulative_net_and_net_total(small_case_path):
    """Totals the outputs print, read from Results rather than summed in the output."""
    r = appraise(load_case(small_case_path), monte_carlo=False)
    merger = r.option("merger")
    nets = [cf.net for cf in merger.cash_flows]
    assert merger.cumulative_net == list(np.cumsum(nets))
    assert merger.cumulative_net[-1] == merger.column_total("net")
    # payback is the first year the cumulative net is back at or above 0 after being below it
    back = next(t for t, v in enumerate(merger.cumulative_net, start=1)
                if v >= 0 and any(w < 0 for w in merger.cumulative_net[:t]))
    assert merger.payback_year == back
    for line in merger.lines:
        assert line.total == sum(line.amounts)
    one_off = next(line for line in merger.lines if line.kind == "one_off_costs")
    assert one_off.total == one_off.amounts[0] > 0


def test_criteria_nearest_switching(small_case_path):
    """Small case: scale 0.25 switches at 0.433962 (0.184 away), autonomy 0.40 at 0.16 (0.24
    away); user voice has no switching weight, so it is left out."""
    r = appraise(load_case(small_case_path), monte_carlo=False)
    assert r.weights["scale_capacity"] == 0.25 and r.weights["autonomy"] == 0.4
    assert abs(r.switching_weights["scale_capacity"] - 0.433962) < 1e-6
    assert abs(r.switching_weights["autonomy"] - 0.16) < 1e-9
    assert r.switching_weights["user_voice"] is None
    assert r.criteria_nearest_switching == ["scale_capacity", "autonomy"]
