"""Shared uncertainty (model-v2.md V4) and pension credits and instalments (V5).

The acceptance tests of the drivers and the delivery factor: with ρ = 0 and no shared drivers the
simulation is the independent one; a cost shared by the baseline and an option through a driver
leaves no spread in the difference; ρ near 1 widens the spread of total savings to the comonotone
sum of the lines' own spreads; the same seed gives the same numbers.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from appraisal import montecarlo
from appraisal.casefile import load_case, parse_data
from appraisal.drivers import Drivers
from appraisal.engine import appraise

DATA = Path(__file__).resolve().parent / "data"


def _plain_case(savings: list[dict], *, correlation: float = 0.0, draws: int = 100_000,
                seed: int = 4, baseline_lines: dict | None = None, extra: dict | None = None):
    """One year at a 0% discount rate, so an option's NPV is its lines' sum."""
    option = {"id": "change", "name": "Shared services", "form": "shared_services",
              "savings": savings, "scores": {"autonomy": 5}, **(extra or {})}
    return {
        "format": "options-appraisal-case", "version": 1, "title": "Uncertainty",
        "settings": {"first_year": 2027, "horizon_years": 1, "discount_rate": 0.0,
                     "monte_carlo": {"draws": draws, "seed": seed, "correlation": correlation}},
        "organisations": [{"id": "oak", "name": "Oak Housing"}],
        "criteria": [{"id": "autonomy", "name": "Autonomy", "weight": 1}],
        "options": [{"id": "alone", "name": "Remain standalone", "form": "standalone",
                     "baseline": True, "scores": {"autonomy": 10}, **(baseline_lines or {})},
                    option],
    }


def _triangular_quantile(p: float, low: float, mode: float, high: float) -> float:
    f = (mode - low) / (high - low)
    if p < f:
        return low + math.sqrt(p * (high - low) * (mode - low))
    return high - math.sqrt((1 - p) * (high - low) * (high - mode))


def _triangular_var(low: float, mode: float, high: float) -> float:
    return (low ** 2 + mode ** 2 + high ** 2 - low * mode - low * high - mode * high) / 18


SAVINGS = [{"label": f"Saving {k}", "annual": 100_000.0 + 5_000 * k,
            "low": 60_000.0 + 2_000 * k, "high": 120_000.0 + 9_000 * k} for k in range(20)]


def test_rho_zero_without_shared_drivers_is_the_independent_simulation():
    results = appraise(parse_data(_plain_case(SAVINGS, draws=200_000)))
    mc = results.option("change").monte_carlo
    # the same lines drawn independently by numpy's own triangular sampler, another stream
    rng = np.random.default_rng(99)
    total = sum(rng.triangular(s["low"], s["annual"], s["high"], 200_000) for s in SAVINGS)
    spread = np.percentile(total, 90) - np.percentile(total, 10)
    for name, value in (("p10", 10), ("p50", 50), ("p90", 90)):
        assert mc.vs_baseline[name] == pytest.approx(np.percentile(total, value),
                                                     abs=0.01 * spread), name
    assert mc.vs_baseline["mean"] == pytest.approx(total.mean(), abs=0.005 * spread)
    assert mc.correlation == 0.0
    # and the mean estimates the exact expected figure: the triangular means added up
    exact = sum((s["low"] + s["annual"] + s["high"]) / 3 for s in SAVINGS)
    assert results.option("change").expected_npv_vs_baseline == pytest.approx(exact, abs=1e-6)
    assert mc.vs_baseline["mean"] == pytest.approx(exact, abs=0.005 * spread)


def test_a_cost_shared_with_the_baseline_through_a_driver_leaves_no_spread():
    it = {"label": "IT replacement", "annual": 50_000.0, "low": 40_000.0, "high": 90_000.0,
          "driver": "it-replacement"}
    data = _plain_case([], baseline_lines={"recurring_costs": [dict(it)]},
                       extra={"recurring_costs": [dict(it)]}, draws=20_000)
    option = appraise(parse_data(data)).option("change")
    mc = option.monte_carlo
    assert option.npv_vs_baseline == 0.0
    assert mc.vs_baseline == {"p10": 0.0, "p50": 0.0, "p90": 0.0, "mean": 0.0}
    assert mc.p_npv_vs_baseline_below_zero == 0.0
    assert mc.p90 - mc.p10 > 20_000          # each side's own NPV still spreads
    # no tornado row, no switching value, and the scenarios do not move
    assert option.tornado == []
    assert option.switching_values[0].value is None
    assert option.scenarios == {"pessimistic": 0.0, "base": 0.0, "optimistic": 0.0}
    # drawn apart (no driver), the same cost looked like a risk of its own: the v1 error
    for line in (data["options"][0]["recurring_costs"][0], data["options"][1]["recurring_costs"][0]):
        line.pop("driver")
    apart = appraise(parse_data(data)).option("change")
    assert apart.monte_carlo.vs_baseline["p90"] - apart.monte_carlo.vs_baseline["p10"] > 20_000
    # equal swings keep the drivers' order: the baseline (first in the file) first
    assert [t.ref for t in apart.tornado] == ["baseline:recurring_costs[0]",
                                              "recurring_costs[0]"]
    assert apart.scenarios["pessimistic"] == pytest.approx(-40_000 - 10_000)


def test_rho_near_one_widens_total_savings_to_the_comonotone_spread():
    # Closed forms for the P10-P90 width of a sum of triangulars. Independent (ρ = 0): nearly
    # normal, 2 × 1.2816 × √(Σ var). Comonotone (ρ = 1, every line at the same quantile): the
    # quantiles add, Σ (Q_i(0.9) − Q_i(0.1)).
    independent = 2 * 1.2815516 * math.sqrt(sum(
        _triangular_var(s["low"], s["annual"], s["high"]) for s in SAVINGS))
    comonotone = sum(_triangular_quantile(0.9, s["low"], s["annual"], s["high"])
                     - _triangular_quantile(0.1, s["low"], s["annual"], s["high"])
                     for s in SAVINGS)
    assert comonotone > 4 * independent       # twenty lines: sharing makes a wide difference

    def width(rho: float) -> float:
        mc = appraise(parse_data(_plain_case(SAVINGS, correlation=rho))).option(
            "change").monte_carlo
        return mc.vs_baseline["p90"] - mc.vs_baseline["p10"]

    assert width(0.0) == pytest.approx(independent, rel=0.02)
    near_one = width(0.99)
    assert independent < near_one <= comonotone * 1.01
    assert near_one == pytest.approx(comonotone, rel=0.06)
    # ρ = 1 itself (not allowed in a case, but the draws take it) is the comonotone sum
    case = parse_data(_plain_case(SAVINGS))
    from appraisal.drivers import build_drivers, gradients
    from appraisal.finance.lines import build_lines
    table = build_lines(case)
    g = gradients(table, np.ones(1))
    mc = montecarlo.monte_carlo(table, build_drivers(table, 0), g, np.zeros(2), 0, 100_000, 4,
                                correlation=1.0)
    assert mc.vs_p90[1] - mc.vs_p10[1] == pytest.approx(comonotone, rel=0.002)


def test_the_delivery_factor_moves_costs_against_savings_and_leaves_the_baseline_apart():
    # drivers: a change saving, a change cost, a baseline cost; rank correlation (6/π)asin(ρ/2)
    drivers = Drivers(of_line=np.arange(3), lines=[np.array([k]) for k in range(3)],
                      names=[None] * 3, savings=np.array([True, False, False]),
                      change=np.array([True, True, False]))
    rho = 0.6
    q = montecarlo.quantiles(np.random.default_rng(1), 200_000, drivers, rho)
    ranks = np.corrcoef(q)         # q [driver, draw] is uniform, so Pearson on q is the rank correlation
    implied = montecarlo.rank_correlation(rho)
    assert implied == pytest.approx(6 / math.pi * math.asin(0.3))
    assert ranks[0, 1] == pytest.approx(-implied, abs=0.01)   # savings short when costs overrun
    assert ranks[0, 2] == pytest.approx(0.0, abs=0.01)
    assert ranks[1, 2] == pytest.approx(0.0, abs=0.01)
    assert q.min() >= 0.0 and q.max() <= 1.0
    assert q.mean(axis=1) == pytest.approx([0.5, 0.5, 0.5], abs=0.005)


@pytest.mark.parametrize("distribution", ["triangular", "pert"])
def test_every_draw_is_the_same_however_many_rows_are_worked_at_once(monkeypatch,
                                                                     distribution):
    """Working a chunk of draws a few rows at a time is for speed only: with drivers drawn
    alone (the baseline's), costs and savings moved by the delivery factor, and a driver of two
    lines, every draw of every option is the same to the last bit whatever the block's size."""
    shared = {"driver": "back-office"}
    data = _plain_case(
        [*SAVINGS[:10], {**SAVINGS[10], **shared}, {**SAVINGS[11], **shared}],
        correlation=0.5, draws=3_000,
        baseline_lines={"recurring_costs": [
            {"label": "Repairs", "annual": 50_000.0, "low": 40_000.0, "high": 90_000.0}]},
        extra={"one_off_costs": [{"label": "Set-up", "amount": 300_000.0, "low": 250_000.0,
                                  "high": 500_000.0}]})
    data["settings"]["monte_carlo"]["distribution"] = distribution
    case = parse_data(data)
    from appraisal.drivers import build_drivers, gradients
    from appraisal.finance.lines import build_lines
    table = build_lines(case)
    drivers = build_drivers(table, 0)
    assert drivers.count == 13 and max(len(lines) for lines in drivers.lines) == 2
    g = gradients(table, np.ones(1))

    def draws(rows: int) -> np.ndarray:
        monkeypatch.setattr(montecarlo, "BLOCK_ROWS", rows)
        return montecarlo.monte_carlo(table, drivers, g, np.zeros(2), 0, 3_000, 4,
                                      distribution, 0.5).npv

    whole = draws(1_000)
    assert whole[:, 1].std() > 10_000            # a real spread, not a collapsed one
    for rows in (1, 3, 8):
        assert np.array_equal(draws(rows), whole), rows


def test_same_seed_same_numbers_with_correlation():
    data = _plain_case(SAVINGS, correlation=0.5, draws=5_000,
                       extra={"one_off_costs": [{"label": "Set-up", "amount": 300_000.0,
                                                 "low": 250_000.0, "high": 500_000.0}]})
    first, again = appraise(parse_data(data)), appraise(parse_data(data))
    assert first.option("change").monte_carlo == again.option("change").monte_carlo
    data["settings"]["monte_carlo"]["seed"] = 5
    other = appraise(parse_data(data))
    assert other.option("change").monte_carlo != first.option("change").monte_carlo
    assert first.option("change").monte_carlo.correlation == 0.5
    out = json.loads(json.dumps(first.to_json()))
    mc = out["options"][1]["monte_carlo"]
    assert mc["correlation"] == 0.5 and set(mc["vs_baseline"]) == {"p10", "p50", "p90", "mean"}


def test_correlation_raises_the_chance_of_loss_when_savings_and_costs_are_both_uncertain():
    # Twenty savings against a large uncertain set-up cost: drawn independently the savings
    # average out; with ρ = 0.5 they fall short together as the cost overruns.
    extra = {"one_off_costs": [{"label": "Set-up", "amount": 2_100_000.0, "low": 1_800_000.0,
                                "high": 2_800_000.0}]}
    p = {rho: appraise(parse_data(_plain_case(SAVINGS, correlation=rho, extra=extra))).option(
        "change").monte_carlo.p_npv_vs_baseline_below_zero for rho in (0.0, 0.5)}
    assert p[0.5] > 2 * p[0.0] + 0.05


def test_switching_value_moves_a_line_with_its_driver_in_every_option():
    # Option saving 120k and baseline saving 100k share a driver (an efficiency programme):
    # with a common fraction f both move, f = −vs / (120k − 100k) = −20k / 20k = −1 → value 0.
    line = {"label": "Efficiency programme", "low": 50_000.0, "driver": "efficiency"}
    data = _plain_case([{**line, "annual": 120_000.0, "high": 130_000.0}],
                       baseline_lines={"savings": [{**line, "annual": 100_000.0,
                                                    "high": 110_000.0}]})
    data["options"][1]["one_off_costs"] = [{"label": "Set-up", "amount": 10_000.0}]
    option = appraise(parse_data(data), monte_carlo=False).option("change")
    assert option.npv_vs_baseline == pytest.approx(10_000.0)
    saving, setup = option.switching_values
    # f = −10k / 20k = −0.5: the option's line at 60k, the baseline's at 50k
    assert saving.value == pytest.approx(60_000.0) and saving.change_pct == pytest.approx(-50.0)
    assert setup.value == pytest.approx(20_000.0)        # a line alone, as in model.md
    assert [t.ref for t in option.tornado] == ["driver:efficiency"]
    row = option.tornado[0]
    # low: both at 50k → 50k − 50k − 10k = −10k; high: 130k − 110k − 10k = 10k
    assert (row.npv_vs_baseline_at_low, row.npv_vs_baseline_at_high) == pytest.approx(
        (-10_000.0, 10_000.0))
    assert row.lines == ["alone:savings[0]", "change:savings[0]"]
    assert row.label == "Efficiency programme"     # the first line's: the baseline comes first


def test_pension_credit_in_instalments_past_the_horizon():
    # An exit credit of £90,000 in three yearly parts from year 2 of a 3-year appraisal: −30,000
    # in years 2 and 3 (credits reduce the column); the third part falls past the horizon.
    data = _plain_case([])
    data["settings"].update(horizon_years=3)
    data["options"][1]["pension_cessation"] = [
        {"label": "Exit credit", "organisation": "oak", "amount": -90_000.0, "year": 2,
         "instalments": 3, "low": -120_000.0, "high": -60_000.0}]
    results = appraise(parse_data(data))
    option = results.option("change")
    assert [cf.pension_cessation for cf in option.cash_flows] == [0.0, -30_000.0, -30_000.0]
    assert option.npv == pytest.approx(60_000.0)
    # ranged: the tornado moves the whole amount; low (a larger credit) is the better end
    row = option.tornado[0]
    assert row.ref == "pension_cessation[0]"
    assert (row.npv_vs_baseline_at_low, row.npv_vs_baseline_at_high) == pytest.approx(
        (80_000.0, 40_000.0))
    assert option.expected_npv_vs_baseline == pytest.approx(60_000.0)
    sv = option.switching_values[0]
    # gradient −2/3 per £ (two of three parts inside): value −90,000 − 60,000 / (−2/3) = 0
    assert sv.value == pytest.approx(0.0, abs=1e-9) and sv.change_pct == pytest.approx(-100.0)
    assert option.monte_carlo.vs_baseline["p10"] > 40_000


def test_migrated_v1_example_figures(small_case_path):
    """The uncertainty figures of the version 1 example read through the migration."""
    expected = json.loads((DATA / "small-case.migrated.expected.json").read_text())
    results = appraise(load_case(small_case_path))
    _check_against(results, expected)


def test_v2_example_figures():
    """small-case-v2: a driver shared by the baseline and two options (the payroll bureau), a
    pension credit in instalments with a range, nominal and renewing lines; ρ = 0.25."""
    expected = json.loads((DATA / "small-case-v2.expected.json").read_text())
    results = appraise(load_case(DATA / "small-case-v2.json"))
    _check_against(results, expected)
    merger = results.option("merger")
    assert [t.ref for t in merger.tornado][2] == "driver:payroll-bureau"
    assert merger.tornado[2].lines == ["standalone:recurring_costs[0]",
                                       "shared:recurring_costs[0]", "merger:recurring_costs[0]"]
    # the shared option's bureau is the baseline's own: no row, no switching value
    shared = results.option("shared")
    assert "driver:payroll-bureau" not in [t.ref for t in shared.tornado]
    assert shared.switching_values[1].value is None
    mc = merger.monte_carlo
    assert mc.correlation == 0.25
    # the simulated mean estimates the exact expected figure (£5,080,527.77)
    spread = mc.vs_baseline["p90"] - mc.vs_baseline["p10"]
    assert mc.vs_baseline["mean"] == pytest.approx(merger.expected_npv_vs_baseline,
                                                   abs=0.02 * spread)


def _check_against(results, expected: dict) -> None:
    def same(a, b, places=2):
        if a is None or b is None:
            return a is None and b is None
        return round(a, places) == pytest.approx(b, abs=0.51 * 10 ** -places)

    for want in expected["options"]:
        got = results.option(want["id"])
        assert same(got.expected_npv_vs_baseline, want["expected_npv_vs_baseline"]), want["id"]
        assert [t.ref for t in got.tornado] == [t["ref"] for t in want["tornado"]]
        for g, w in zip(got.tornado, want["tornado"]):
            assert same(g.npv_vs_baseline_at_low, w["npv_vs_baseline_at_low"]), g.ref
            assert same(g.npv_vs_baseline_at_high, w["npv_vs_baseline_at_high"]), g.ref
        assert [s.ref for s in got.switching_values] == [s["ref"] for s in want["switching_values"]]
        for g, w in zip(got.switching_values, want["switching_values"]):
            assert g.base == w["base"]
            assert same(g.value, w["value"]) and same(g.change_pct, w["change_pct"], 6), g.ref
        for name, figures in expected["scenarios"].items():
            assert same(got.scenarios[name], figures[want["id"]]), (want["id"], name)
    as_json = results.to_json()["scenarios"]
    for name, figures in expected["scenarios"].items():
        for option_id, value in figures.items():
            assert same(as_json[name][option_id], value)
