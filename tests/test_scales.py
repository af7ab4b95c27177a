"""What 0 and 10 mean on each criterion, and value for money on money anchors (model-v2.md V8)."""
from __future__ import annotations

import pytest

from appraisal.casefile import CaseError, parse_data
from appraisal.engine import appraise
from appraisal.scales import suggested_money_anchors

VFM = {"id": "vfm", "name": "Value for money", "weight": 50, "source": "npv_vs_baseline"}


def _results(data):
    return appraise(parse_data(data), monte_carlo=False)


def _refused(data) -> dict[str, str]:
    with pytest.raises(CaseError) as caught:
        parse_data(data)
    return dict(caught.value.problems)


@pytest.fixture
def vfm(case_dict):
    data = case_dict()
    data["criteria"].append(dict(VFM))
    return data


def test_scale_money_scores_on_the_boards_anchors(vfm):
    """model-v2.md V8: score = 10 × (v − v0) / (v10 − v0), not capped. With anchors £0 and
    £400,000, the baseline scores 0 and the merger, £486,743.05 ahead of it, scores
    10 × 486,743.05 / 400,000 = 12.17: more than 10, not cut back to it."""
    vfm["criteria"][2]["scale_money"] = [0, 400000]
    results = _results(vfm)
    for option in results.options:
        assert option.scores["vfm"] == pytest.approx(10 * option.npv_vs_baseline / 400000)
    assert results.option("standalone").scores["vfm"] == 0.0
    merger = results.option("merger")
    assert round(merger.npv_vs_baseline, 2) == 486743.05
    assert round(merger.scores["vfm"], 2) == 12.17


def test_with_anchors_removing_an_option_keeps_the_other_scores(vfm):
    """The weight keeps one money meaning (model-v2.md V8): the merger's score does not move
    when the shared-service option leaves the list; without anchors (min to max over the options
    listed, model.md §2) it does."""
    vfm["criteria"][2]["scale_money"] = [-1000000, 1000000]
    with_all = _results(vfm).option("merger").scores["vfm"]
    fewer = {**vfm, "options": [o for o in vfm["options"] if o["id"] != "shared"]}
    assert _results(fewer).option("merger").scores["vfm"] == pytest.approx(with_all)
    del vfm["criteria"][2]["scale_money"]
    shared_before = _results(vfm).option("shared").scores["vfm"]
    without_merger = {**vfm, "options": [o for o in vfm["options"] if o["id"] != "merger"]}
    # min to max: the shared option becomes the top of the scale once the merger leaves
    assert shared_before < 10.0
    assert _results(without_merger).option("shared").scores["vfm"] == 10.0


def test_without_anchors_a_warning_says_the_weight_moves_with_the_options(vfm):
    found = {w.path: w.message for w in _results(vfm).warnings}
    assert "adding or removing an option changes what its weight means" in (
        found["criteria[2].scale_money"])
    vfm["criteria"][2]["scale_money"] = [0, 500000]
    assert "criteria[2].scale_money" not in {w.path for w in _results(vfm).warnings}


@pytest.mark.parametrize("where, anchors, words", [
    (0, [0, 10], "only for the value-for-money criterion"),
    (2, [0, 10, 20], "give two amounts"),
    (2, [500000, 500000], "must be above"),
    (2, [500000, 0], "must be above"),
])
def test_scale_money_refused_naming_the_field(vfm, where, anchors, words):
    """model-v2.md V8 clarification: two numbers, rising, on the value-for-money criterion only."""
    vfm["criteria"][where]["scale_money"] = anchors
    assert words in _refused(vfm)[f"criteria[{where}].scale_money"]


def test_scale_anchors_are_kept_and_must_name_0_and_10(case_dict):
    data = case_dict()
    data["criteria"][0]["scale"] = {"0": "Run by the other partner's board",
                                    "10": "Our board decides everything as now"}
    case = parse_data(data)
    assert case.criteria[0].scale["10"] == "Our board decides everything as now"
    data["criteria"][0]["scale"] = {"0": "None", "5": "Some"}
    assert "as \"0\" and \"10\"" in _refused(data)["criteria[0].scale"]


def test_suggested_anchors_span_the_baseline_and_the_options_rounded_outward():
    """The app offers £0 (or the weakest option, if below) and the strongest option, rounded
    outward to two significant figures, for the board to confirm."""
    assert suggested_money_anchors([0.0, 737194.0, 8920860.0]) == (0.0, 9000000.0)
    assert suggested_money_anchors([0.0, -123456.0, 45678.0]) == (-130000.0, 46000.0)
