"""Properties the model must have whatever the inputs (hypothesis)."""
from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.casefile import parse_data
from appraisal.engine import appraise

FAST = settings(max_examples=40, deadline=None, database=None)

# (option index, list, main field) of every line of the base case whose main quantity can move.
LINES = [(1, "savings", "annual"), (1, "recurring_costs", "annual"),
         (1, "shared_services", "annual_value"), (1, "one_off_costs", "amount"),
         (2, "savings", "annual"), (2, "loan_repricing", "margin_uplift_bps")]
VFM = {"id": "vfm", "name": "Value for money", "weight": 25, "source": "npv_vs_baseline"}


def _npv_at(data: dict, line: tuple, q: float) -> float:
    o, kind, field = line
    d = copy.deepcopy(data)
    target = d["options"][o][kind][0]
    target[field] = q
    target.pop("low", None)
    target.pop("high", None)
    return appraise(parse_data(d), monte_carlo=False).options[o].npv


# A case refuses figures nearer 0 than a billionth (limits.SMALLEST): draw 0 or a real amount.
quantity = st.one_of(st.just(0.0), st.floats(min_value=1e-2, max_value=5e6))


@FAST
@given(line=st.sampled_from(LINES), q1=quantity, q2=quantity,
       a=st.one_of(st.just(0.0), st.floats(min_value=1e-2, max_value=19)))
def test_npv_is_linear_in_each_main_quantity(case_dict, line, q1, q2, a):
    data = case_dict(settings={"optimism_bias": {"costs": 0.15, "savings": 0.05}})
    if line[2] == "margin_uplift_bps":
        q1, q2 = q1 / 1e4, q2 / 1e4              # basis points stay within 10,000
    f0 = _npv_at(data, line, 0.0)
    f1 = _npv_at(data, line, q1) - f0
    f2 = _npv_at(data, line, q2) - f0
    f12 = _npv_at(data, line, q1 + q2) - f0
    fa = _npv_at(data, line, a * q1) - f0
    tol = 1e-9 * (abs(f1) + abs(f2) + abs(f0) + 1)
    assert f12 == pytest.approx(f1 + f2, abs=tol * 10)
    assert fa == pytest.approx(a * f1, abs=tol * (a + 1) * 10)


def _scored(case_dict, weights, scores, with_vfm):
    data = case_dict()
    for c, w in zip(data["criteria"], weights):
        c["weight"] = w
    for option, (s1, s2) in zip(data["options"], scores):
        option["scores"] = {"autonomy": s1, "scale": s2}
    if with_vfm:
        data["criteria"].append(dict(VFM))
    return data


weight = st.floats(min_value=0.01, max_value=1000)
score = st.integers(min_value=0, max_value=10)
score_pairs = st.lists(st.tuples(score, score), min_size=3, max_size=3)


@FAST
@given(weights=st.tuples(weight, weight), scores=score_pairs,
       k=st.floats(min_value=1e-3, max_value=1e3), with_vfm=st.booleans())
def test_weights_are_scale_free(case_dict, weights, scores, k, with_vfm):
    data = _scored(case_dict, weights, scores, with_vfm)
    before = appraise(parse_data(data), monte_carlo=False)
    for c in data["criteria"]:
        c["weight"] *= k
    after = appraise(parse_data(data), monte_carlo=False)
    assert [o.weighted_score for o in after.options] == pytest.approx(
        [o.weighted_score for o in before.options], abs=1e-9)
    assert [o.rank for o in after.options] == [o.rank for o in before.options]
    assert after.weights == pytest.approx(before.weights)


@FAST
@given(weights=st.tuples(weight, weight), scores=score_pairs, with_vfm=st.booleans(),
       order=st.permutations(range(3)))
def test_ranks_do_not_depend_on_option_order(case_dict, weights, scores, with_vfm, order):
    data = _scored(case_dict, weights, scores, with_vfm)
    before = {o.id: o for o in appraise(parse_data(data), monte_carlo=False).options}
    data["options"] = [data["options"][i] for i in order]
    after = {o.id: o for o in appraise(parse_data(data), monte_carlo=False).options}
    for option_id, b in before.items():
        a = after[option_id]
        assert a.rank == b.rank
        assert a.npv_rank == b.npv_rank
        assert a.weighted_score == pytest.approx(b.weighted_score, abs=1e-9)
        assert a.scores == pytest.approx(b.scores, abs=1e-9)
        assert a.npv == pytest.approx(b.npv, abs=1e-6)


@FAST
@given(savings=st.lists(st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e7)),
                               min_size=3, max_size=3),
       order=st.permutations(range(3)))
def test_derived_value_for_money_scores(case_dict, savings, order):
    # Each option's NPV vs baseline set by one saving; the derived score is
    # 10 × (v − min) / (max − min) over all options, baseline (v = 0) included; all 5 if equal.
    data = case_dict()
    data["criteria"].append(dict(VFM))
    for option, amount in zip(data["options"], savings):
        for kind in ("savings", "recurring_costs", "shared_services", "one_off_costs",
                     "redundancies", "loan_repricing", "pension_cessation"):
            option.pop(kind, None)
        option["savings"] = [{"annual": amount}]
    data["options"] = [data["options"][i] for i in order]
    results = appraise(parse_data(data), monte_carlo=False)
    v = {o.id: o.npv_vs_baseline for o in results.options}
    lo, hi = min(v.values()), max(v.values())
    for o in results.options:
        got = o.scores["vfm"]
        assert 0.0 <= got <= 10.0
        if hi - lo <= 1e-9 * max(1.0, abs(hi), abs(lo)):
            assert got == 5.0
        else:
            assert got == pytest.approx(10 * (v[o.id] - lo) / (hi - lo), abs=1e-9)
    assert results.baseline.npv_vs_baseline == 0.0
