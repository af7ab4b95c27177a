"""Sensitivity (model.md §2-3): tornado, switching values and weights proved by re-running the
engine on the changed case, Monte Carlo draws and the three scenarios."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from appraisal import montecarlo, sensitivity
from appraisal.casefile import load_case, parse_data
from appraisal.drivers import build_drivers
from appraisal.engine import appraise
from appraisal.finance.lines import build_lines
from appraisal.finance.metrics import discount_factors

MAIN = {"savings": "annual", "recurring_costs": "annual", "shared_services": "annual_value",
        "one_off_costs": "amount", "loan_repricing": "margin_uplift_bps",
        "pension_cessation": "amount"}


def _ref(ref: str) -> tuple[str, int]:
    kind, index = ref[:-1].split("[")
    return kind, int(index)


def _with_quantity(data: dict, option: int, ref: str, value: float) -> dict:
    """The case with one line's main quantity set to ``value`` (its range dropped)."""
    out = copy.deepcopy(data)
    kind, j = _ref(ref)
    line = out["options"][option][kind][j]
    line[MAIN[kind]] = value
    line.pop("low", None)
    line.pop("high", None)
    return out


def _with_driver_at(data: dict, option_ids: list[str], lines: list[str], end: str) -> dict:
    """The case with every line a tornado row moves (``option id:LIST[index]``) at its ``end``."""
    out = copy.deepcopy(data)
    for name in lines:
        option_id, ref = name.split(":", 1)
        kind, j = _ref(ref)
        line = out["options"][option_ids.index(option_id)][kind][j]
        line[MAIN[kind]] = line[end]
    return out


def _cases(small_case_data, case_dict):
    return {"small": small_case_data, "base": case_dict()}


@pytest.mark.parametrize("which", ["small", "base"])
def test_switching_value_really_brings_npv_vs_baseline_to_zero(small_case_data, case_dict,
                                                               which):
    data = _cases(small_case_data, case_dict)[which]
    results = appraise(parse_data(data), monte_carlo=False)
    checked = 0
    for o, option in enumerate(results.options):
        for row in option.switching_values:
            if row.value is None or row.value < 0:
                continue        # no switching value, or one no case may hold (a negative cost)
            again = appraise(parse_data(_with_quantity(data, o, row.ref, row.value)),
                             monte_carlo=False)
            scale = max(1.0, abs(option.npv_vs_baseline))
            assert abs(again.option(option.id).npv_vs_baseline) <= 1e-6 * scale, row.ref
            checked += 1
    assert checked >= 4


def test_baseline_has_no_switching_values(small_case_path):
    results = appraise(load_case(small_case_path), monte_carlo=False)
    assert results.baseline.switching_values == []        # standalone has no lines
    # (a baseline with lines gives rows with value null: see test_worked_example.py)


@pytest.mark.parametrize("which", ["small", "base"])
def test_tornado_ends_are_re_runs_with_the_driver_at_low_and_high(small_case_data, case_dict,
                                                                  which):
    data = _cases(small_case_data, case_dict)[which]
    results = appraise(parse_data(data), monte_carlo=False)
    ids = [o.id for o in results.options]
    checked = 0
    for option in results.options:
        swings = [r.swing for r in option.tornado]
        assert swings == sorted(swings, reverse=True)
        for row in option.tornado:
            at = {end: appraise(parse_data(_with_driver_at(data, ids, row.lines, end)),
                                monte_carlo=False).option(option.id) for end in ("low", "high")}
            assert row.npv_vs_baseline_at_low == pytest.approx(at["low"].npv_vs_baseline,
                                                               abs=1e-6)
            assert row.npv_vs_baseline_at_high == pytest.approx(at["high"].npv_vs_baseline,
                                                                abs=1e-6)
            checked += 1
    assert checked >= 3


def test_switching_weight_really_ties_the_top_two(small_case_data):
    results = appraise(parse_data(small_case_data), monte_carlo=False)
    checked = 0
    for j, crit in enumerate(small_case_data["criteria"]):
        w = results.switching_weights[crit["id"]]
        if w is None:
            continue
        data = copy.deepcopy(small_case_data)
        rest = sum(c["weight"] for i, c in enumerate(data["criteria"]) if i != j)
        for i, c in enumerate(data["criteria"]):   # c at w, the others in proportion
            c["weight"] = w * 100 if i == j else (1 - w) * 100 * c["weight"] / rest
        again = appraise(parse_data(data), monte_carlo=False)
        top = sorted((o.weighted_score for o in again.options), reverse=True)
        assert top[0] == pytest.approx(top[1], abs=1e-9), crit["id"]
        # the old leader is one of the two now tied
        leader = again.option(results.leader).weighted_score
        assert leader == pytest.approx(top[0], abs=1e-9)
        checked += 1
    assert checked == 2          # autonomy (0.16) and scale_capacity (0.433962)


def test_scenarios_bracket_the_base_and_match_the_tornado(small_case_path, make_case):
    for case in (load_case(small_case_path), make_case()):
        results = appraise(case, monte_carlo=False)
        for option in results.options:
            s = option.scenarios
            vs = option.npv_vs_baseline
            assert s["pessimistic"] <= s["base"] + 1e-9 <= s["optimistic"] + 2e-9
            assert s["base"] == vs
            # each driver's worse end added up
            lows = sum(min(r.npv_vs_baseline_at_low, r.npv_vs_baseline_at_high) - vs
                       for r in option.tornado)
            assert s["pessimistic"] == pytest.approx(vs + lows, abs=1e-6)
    # Hand check, small-case merger: savings at low 279,387.95 (−403,196.06) and the loan at
    # high 346,387.57 (−336,196.44): 682,584.01 − 739,392.50 = −56,808.49; optimistic adds
    # +201,598.03 and +168,098.22 → 1,052,280.26.
    merger = appraise(load_case(small_case_path), monte_carlo=False).option("merger")
    assert round(merger.scenarios["pessimistic"], 2) == pytest.approx(-56808.49, abs=0.011)
    assert round(merger.scenarios["optimistic"], 2) == pytest.approx(1052280.26, abs=0.011)
    scen = appraise(load_case(small_case_path), monte_carlo=False).scenarios
    assert scen["pessimistic"].npv_vs_baseline["merger"] == merger.scenarios["pessimistic"]


# --- Monte Carlo ----------------------------------------------------------------------------

def _draws(case, draws=5000, seed=3, distribution="triangular"):
    table = build_lines(case)
    df = discount_factors(case.settings.discount_rate, case.settings.horizon_years)
    g = sensitivity.gradients(table, df)
    npv = np.zeros(len(case.options))
    np.add.at(npv, table.option, table.sign * (table.amounts() @ df))
    base_i = next(i for i, o in enumerate(case.options) if o.baseline)
    drivers = build_drivers(table, base_i)
    return montecarlo.monte_carlo(table, drivers, g, npv, base_i, draws, seed,
                                  distribution), npv


def test_monte_carlo_same_seed_same_numbers(make_case):
    a, _ = _draws(make_case(), seed=42)
    b, _ = _draws(make_case(), seed=42)
    c, _ = _draws(make_case(), seed=43)
    assert np.array_equal(a.npv, b.npv)
    assert not np.array_equal(a.npv, c.npv)
    r1, r2 = appraise(make_case()), appraise(make_case())
    assert [o.monte_carlo for o in r1.options] == [o.monte_carlo for o in r2.options]


def test_monte_carlo_stops_between_chunks_when_cancelled(make_case, monkeypatch):
    """The hook is asked before every chunk; saying stop ends the run, saying go changes nothing."""
    monkeypatch.setattr(montecarlo, "CHUNK_ELEMENTS", 1000)       # several chunks of draws
    case = make_case(settings={"monte_carlo": {"draws": 5000, "seed": 3}})
    asked = []

    def go_on() -> bool:
        asked.append(1)
        return False

    full = appraise(case, cancelled=go_on)
    ranged = int(build_lines(case).ranged.sum())
    chunk = max(1, 1000 // ranged)
    assert len(asked) == -(-5000 // chunk) > 1                   # once per chunk
    assert [o.monte_carlo for o in full.options] == [o.monte_carlo for o in appraise(case).options]
    asked.clear()

    def stop_after_two() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(sensitivity.Cancelled):
        appraise(case, cancelled=stop_after_two)
    assert len(asked) == 3
    assert appraise(case, monte_carlo=False, cancelled=lambda: True).options  # no draws: not asked


def test_monte_carlo_reports_the_case_settings(make_case):
    results = appraise(make_case(settings={"monte_carlo": {"draws": 1234, "seed": 9}}))
    mc = results.option("shared").monte_carlo
    assert (mc.draws, mc.seed, mc.distribution) == (1234, 9, "triangular")
    assert sum(mc.histogram_counts) == 1234
    assert len(results.histogram_edges) == len(mc.histogram_counts) + 1


def test_collapsed_ranges_give_the_base_npv(case_dict):
    data = case_dict()
    for option in data["options"]:
        for kind in MAIN:
            for line in option.get(kind, []):
                if "low" in line:
                    line["low"] = line["high"] = line[MAIN[kind]]
    results = appraise(parse_data(data))
    for option in results.options:
        mc = option.monte_carlo
        assert mc.p10 == pytest.approx(option.npv, abs=1e-6)
        assert mc.p50 == pytest.approx(option.npv, abs=1e-6)
        assert mc.p90 == pytest.approx(option.npv, abs=1e-6)


def _symmetric_case(case_dict, distribution="triangular"):
    """Every ranged line symmetric about its base, many of them, so the median is the base."""
    data = case_dict(settings={"monte_carlo": {"draws": 20000, "seed": 5,
                                               "distribution": distribution}})
    shared = data["options"][1]
    shared["savings"] = [{"label": f"Saving {k}", "annual": 40000 + 1000 * k,
                          "low": 20000 + 1000 * k, "high": 60000 + 1000 * k} for k in range(6)]
    shared["one_off_costs"] = [{"label": "Set-up", "amount": 60000, "low": 30000,
                                "high": 90000}]
    merger = data["options"][2]
    merger["loan_repricing"][0].update(low=10, high=90)
    return parse_data(data)


@pytest.mark.parametrize("distribution", ["triangular", "pert"])
def test_symmetric_ranges_median_near_base(case_dict, distribution):
    results = appraise(_symmetric_case(case_dict, distribution))
    for option_id in ("shared", "merger"):
        option = results.option(option_id)
        assert abs(option.monte_carlo.p50 - option.npv) <= 0.01 * abs(option.npv)
        assert option.monte_carlo.p10 < option.monte_carlo.p50 < option.monte_carlo.p90


@pytest.mark.parametrize("distribution, mean_of", [
    ("triangular", lambda lo, m, hi: (lo + m + hi) / 3),
    ("pert", lambda lo, m, hi: (lo + 4 * m + hi) / 6),
])
def test_mean_npv_matches_the_analytic_mean(small_case_data, distribution, mean_of):
    # NPV is linear in each quantity, so E[NPV] = npv + Σ g × (E[x] − base), with E[x] the
    # distribution's mean: (low + base + high) / 3 triangular, (low + 4 base + high) / 6 PERT.
    data = copy.deepcopy(small_case_data)
    data["settings"]["monte_carlo"] = {"draws": 200000, "seed": 8, "distribution": distribution}
    results = appraise(parse_data(data))
    for option in results.options[1:]:
        expected = option.npv
        spread = 0.0
        for row in option.tornado:
            line = next(line for line in option.lines if line.ref == row.ref)
            g = (row.npv_at_high - row.npv_at_low) / (row.high - row.low)
            expected += g * (mean_of(row.low, line.base, row.high) - line.base)
            spread += abs(row.npv_at_high - row.npv_at_low)
        assert option.monte_carlo.mean == pytest.approx(expected, abs=0.005 * spread)
        assert option.monte_carlo.distribution == distribution


def test_probabilities(small_case_path, make_case):
    for case in (load_case(small_case_path), make_case()):
        results = appraise(case)
        assert sum(o.monte_carlo.p_highest_npv for o in results.options) == pytest.approx(1.0)
        assert results.baseline.monte_carlo.p_npv_vs_baseline_below_zero == 0.0
    small = appraise(load_case(small_case_path))
    # the shared service's worst case (85,210.03) is still above the standalone's 0
    assert small.option("shared").monte_carlo.p_npv_vs_baseline_below_zero == 0.0
    # the merger beats the shared service unless its savings fall a long way
    assert small.option("merger").monte_carlo.p_highest_npv > 0.9


def test_probability_below_baseline_counts_draws(case_dict):
    # shared: NPV vs baseline crosses 0 inside the savings range, so the share of draws below 0
    # must equal the triangular CDF at the switching value (to sampling error).
    data = case_dict(settings={"monte_carlo": {"draws": 100000, "seed": 2}})
    shared = data["options"][1]
    shared["savings"][0].update(annual=50000, low=0, high=100000)
    shared.pop("one_off_costs")
    results = appraise(parse_data(data))
    option = results.option("shared")
    x = next(r.value for r in option.switching_values if r.ref == "savings[0]")
    # triangular(0, 50,000, 100,000) CDF at x <= 50,000: x² / (100,000 × 50,000)
    cdf = x ** 2 / (100000 * 50000) if x <= 50000 else 1 - (100000 - x) ** 2 / 5e9
    assert option.monte_carlo.p_npv_vs_baseline_below_zero == pytest.approx(cdf, abs=0.006)


def test_triangular_quantiles():
    u = np.array([0.0, 0.25, 0.5, 1.0])
    x = montecarlo.triangular(u, np.zeros(4), np.full(4, 1.0), np.full(4, 2.0))
    # symmetric on 0..2: F(x) = x²/2 below the mode → x = sqrt(2u); 0.25 → 0.7071
    assert x == pytest.approx([0.0, 0.5 ** 0.5, 1.0, 2.0])


def test_tornado_equal_swings_keep_the_line_order(case_dict):
    """model.md §3: widest swing first; equal swings (float noise aside) keep the line order."""
    data = case_dict()
    shared = data["options"][1]
    # A and B have different bases and ends but the same swing, ±£10,000 a year; the one-off
    # set-up cost (£15,000 to £30,000) swings between them and C's £30 range.
    shared["savings"] = [{"label": "A", "annual": 50000, "low": 40000, "high": 60000},
                         {"label": "B", "annual": 70000.3, "low": 60000.3, "high": 80000.3},
                         {"label": "C", "annual": 10, "low": 0, "high": 30}]
    option = appraise(parse_data(data), monte_carlo=False).option("shared")
    assert [t.label for t in option.tornado] == ["A", "B", "Set-up", "C"]
    a, b = option.tornado[0], option.tornado[1]
    assert abs(a.swing - b.swing) < 1e-6


def test_a_pension_cessation_line_gets_a_switching_value_after_loan_repricing():
    """model-v2.md V3: the exit credit of £60,000 in the v2 worked example, paid in three equal
    yearly parts from year 1 in today's prices (not deflated), moves the NPV by
    g = (1/1.035 + 1/1.035² + 1/1.035³) / 3 = 0.933879 per pound; against the merger's NPV
    against the baseline of £5,466,767.49 it switches at −60,000 + 5,466,767.49 / 0.933879 =
    £5,793,828.52 (the expected file's figure), in a row after loan re-pricing; set there, the
    merger's NPV against the baseline is 0."""
    here = Path(__file__).parent / "data" / "small-case-v2.json"
    data = json.loads(here.read_text(encoding="utf-8"))
    results = appraise(parse_data(data), monte_carlo=False)
    merger = next(o for o in results.options if o.id == "merger")
    refs = [s.ref for s in merger.switching_values]
    assert refs[-2:] == ["loan_repricing[0]", "pension_cessation[0]"]
    row = merger.switching_values[-1]
    assert (row.label, row.base) == ("Elm pension exit credit", -60000.0)
    g = sum(1.035 ** -t for t in (1, 2, 3)) / 3
    assert row.value == pytest.approx(-60000 + merger.npv_vs_baseline / g, abs=0.01)
    assert row.value == pytest.approx(5_793_828.52, abs=0.01)
    assert row.change_pct == pytest.approx(100 * (row.value + 60000) / -60000)
    moved = appraise(parse_data(_with_quantity(data, results.options.index(merger),
                                               row.ref, row.value)), monte_carlo=False)
    assert next(o for o in moved.options if o.id == "merger").npv_vs_baseline == \
        pytest.approx(0, abs=0.01)
