"""The yearly saving at full run rate: what an option saves against the baseline in a year once
every ramp is complete (recurring lines only), worked by hand and read back from the cash flows."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from appraisal import appraise, load_case, parse_data
from appraisal.resources import sample_cases

DATA = Path(__file__).resolve().parent / "data"


def test_worked_example_small_case_v2():
    """small-case-v2: every ramp is [0.5, 1.0], so both options run at full rate from year 2.

    Shared back office: finance team 100,000 − payroll bureau 30,000 − VAT on 150,000 at 20%
    (Elm recovers none) 30,000 = 40,000; the baseline pays the bureau's 30,000, so 70,000.
    Merger: one executive team 300,000 + the nominal cleaning contract 12,000 / 1.02² − the
    larger bureau 36,000 − the loan margin 20,000,000 × 60 bp = 120,000 / 1.02² (a nominal
    figure), = 160,193.77; against the baseline's −30,000: 190,193.77. One-off costs, the
    redundancy, the pension credit and the loan fee are left out.
    """
    data = json.loads((DATA / "small-case-v2.json").read_text(encoding="utf-8"))
    r = appraise(parse_data(data), monte_carlo=False)
    assert r.option("standalone").run_rate == {"saving": 0.0, "year": 1}
    assert r.option("shared").run_rate["year"] == 2
    assert r.option("shared").run_rate["saving"] == pytest.approx(70_000.0, abs=1e-6)
    merger = 300_000 + 12_000 / 1.02 ** 2 - 36_000 - 120_000 / 1.02 ** 2 + 30_000
    assert r.option("merger").run_rate["year"] == 2
    assert r.option("merger").run_rate["saving"] == pytest.approx(merger, abs=1e-6)
    assert round(merger, 2) == 190_193.77
    assert r.to_json()["options"][2]["run_rate"] == r.option("merger").run_rate


def test_a_later_ramp_or_start_moves_the_year():
    data = json.loads((DATA / "small-case-v2.json").read_text(encoding="utf-8"))
    data["options"][1]["savings"][0].update(start_year=3, ramp=[0.25, 0.5, 1.0])
    data["options"][0]["recurring_costs"][0]["start_year"] = 2
    r = appraise(parse_data(data), monte_carlo=False)
    # The saving is at full rate from year 3 + 3 − 1 = 5; the baseline's bureau from year 2.
    assert r.option("shared").run_rate["year"] == 5
    assert r.option("shared").run_rate["saving"] == pytest.approx(70_000.0, abs=1e-6)
    assert r.option("merger").run_rate["year"] == 2        # the baseline's start, its own ramp


def _recurring(case, o, t: int) -> float:
    """Savings less recurring costs, VAT and loan margins in year t, from the cash flows."""
    cf = o.cash_flows[t - 1]
    fees = sum(x.one_off_fees + x.breakage_cost for x in case.option(o.id).loan_repricing) \
        if t == 1 else 0.0
    return cf.savings - cf.recurring_costs - cf.irrecoverable_vat - cf.loan_repricing + fees


@pytest.mark.parametrize("path", list(sample_cases()), ids=lambda p: p.stem)
def test_every_sample_reads_back_from_its_cash_flows(path):
    r = appraise(load_case(path), monte_carlo=False)
    base = r.baseline
    for o in r.options:
        t = o.run_rate["year"]
        assert 1 <= t <= r.horizon
        want = _recurring(r.case, o, t) - _recurring(r.case, base, t)
        assert o.run_rate["saving"] == pytest.approx(want, abs=1e-6), o.id
        # Past that year no ramp moves: the figure is the same a year later unless a loan
        # margin has ended or a nominal line has lost value to inflation.
        if t < r.horizon and not r.case.option(o.id).loan_repricing:
            later = _recurring(r.case, o, t + 1) - _recurring(r.case, base, t + 1)
            assert later == pytest.approx(o.run_rate["saving"], rel=0.03), o.id
