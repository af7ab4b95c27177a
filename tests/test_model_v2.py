"""Model version 2, parts V1–V3 (model-v2.md): the migration, figures against the baseline,
the horizon and inflation, held to the worked examples and to hand-worked figures.

The worked examples' expected files also carry figures of other parts (V4 drivers, V5 pension
instalments, V6 suppliers, V10 capacity), tested beside them. ``FIELDS`` lists what this file checks; ``PENDING``
names, with the part it waits for, each figure that cannot be checked yet. Remove an entry when
its part lands.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from appraisal.casefile import CaseError, case_to_dict, load_case, parse_data
from appraisal.engine import appraise

DATA = Path(__file__).resolve().parent / "data"
V1_NPVS = json.loads((DATA / "v1-npvs.json").read_text())["cases"]

# Option figures of V1–V3 (and the v1 figures they stand beside), compared to the penny.
FIELDS = ("npv", "npv_vs_baseline", "payback_year", "bcr", "bcr_basis", "one_off_total",
          "funding_low_point", "weighted_score", "rank", "by_organisation", "cash_flows")
# (example, option id, field) → the part whose figures it also needs.
PENDING = {
    ("small-case-v2", "shared", "by_organisation"): "V6: the supplier receives the charge",
}


def _close(got, want, path=""):
    """Every figure of ``want`` (rounded to the penny, ratios to 6 places) present in ``got``."""
    if isinstance(want, dict):
        for k, v in want.items():
            assert k in got, f"{path}.{k} missing"
            _close(got[k], v, f"{path}.{k}")
    elif isinstance(want, list):
        assert len(got) == len(want), f"{path}: {len(got)} entries, expected {len(want)}"
        for i, (g, w) in enumerate(zip(got, want)):
            _close(g, w, f"{path}[{i}]")
    elif isinstance(want, float) or (isinstance(want, int) and not isinstance(want, bool)):
        assert got is not None, f"{path}: None, expected {want}"
        assert got == pytest.approx(want, abs=0.0051, rel=1e-6), f"{path}"
    else:
        assert got == want, f"{path}: {got!r}, expected {want!r}"


EXAMPLES = {"small-case": "small-case.migrated", "small-case-v2": "small-case-v2"}
CASES = [(case, i, field) for case in EXAMPLES for i in range(3) for field in FIELDS]


@pytest.fixture(scope="module")
def examples():
    out = {}
    for case, expected in EXAMPLES.items():
        data = json.loads((DATA / f"{case}.json").read_text())
        got = appraise(parse_data(data), monte_carlo=False).to_json()
        out[case] = got, json.loads((DATA / f"{expected}.expected.json").read_text())
    return out


@pytest.mark.parametrize("case,i,field", CASES)
def test_worked_examples_option_figures(examples, case, i, field):
    got, expected = examples[case]
    want = expected["options"][i]
    for key in ((case, want["id"], "*"), (case, want["id"], field)):
        if key in PENDING and _pending(PENDING[key]):
            pytest.skip(PENDING[key])
    if field == "by_organisation":
        want = {org: {"npv_vs_baseline": v["npv_vs_baseline"]} for org, v in want[field].items()}
        _close(got["options"][i][field], want, field)
    else:
        _close(got["options"][i][field], want[field], field)


def _pending(part: str) -> bool:
    """True while the part is not here: for V6, while a shared service cannot name its
    supplier."""
    if part.startswith("V6"):
        from appraisal.case import SharedServiceLine
        return "supplier" not in SharedServiceLine.model_fields
    return False


@pytest.mark.parametrize("case", EXAMPLES)
def test_worked_examples_case_figures(examples, case):
    got, expected = examples[case]
    for field in ("weights", "switching_weights"):
        _close(got[field], expected[field], field)
    _close(got["horizon_sensitivity"], expected["horizon_sensitivity"], "horizon_sensitivity")


# --- the migration ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(V1_NPVS))
def test_a_version_1_file_gives_version_1_npvs(path):
    case = load_case(Path(__file__).resolve().parent.parent / path)
    assert case.version == 2
    assert case.settings.inflation_rate == 0 and case.settings.discount_schedule == "flat"
    results = appraise(case, monte_carlo=False)
    for option in results.options:
        old = V1_NPVS[path][option.id]
        assert option.npv == pytest.approx(old["npv"], abs=1e-6)
        assert option.npv_vs_baseline == pytest.approx(old["npv_vs_baseline"], abs=1e-6)
        assert option.by_organisation == pytest.approx(old["by_organisation"], abs=1e-6)


def test_saving_writes_version_2_and_reads_back_the_same(case_dict):
    case = parse_data(case_dict())                       # a version 1 dict
    saved = case_to_dict(case)
    assert saved["version"] == 2
    assert saved["settings"]["inflation_rate"] == 0 and saved["settings"]["discount_schedule"] == "flat"
    again = parse_data(saved)
    assert [o.npv for o in appraise(again, monte_carlo=False).options] == \
        [o.npv for o in appraise(case, monte_carlo=False).options]


def test_a_version_2_file_defaults_to_two_per_cent_inflation(case_dict):
    data = case_dict(version=2)
    assert parse_data(data).settings.inflation_rate == 0.02
    results = appraise(parse_data(data), monte_carlo=False).to_json()
    assert results["version"] == 2 and results["inflation_rate"] == 0.02


# --- refusals, each naming its field ----------------------------------------------------------

REFUSED = [
    ({"settings": {"discount_schedule": "declining", "discount_rate": 0.03}},
     "settings.discount_schedule", "3.5%"),
    ({"settings": {"discount_schedule": "stepped"}}, "settings.discount_schedule", "one of"),
    ({"settings": {"inflation_rate": "2%"}}, "settings.inflation_rate", "number"),
    ({"options[2].loan_repricing[0].basis": "nominal"}, "options[2].loan_repricing[0].basis",
     "take no basis"),
    ({"options[1].one_off_costs[0].basis": "nominal"}, "options[1].one_off_costs[0].basis",
     "take no basis"),
    ({"options[1].savings[0].basis": "cash"}, "options[1].savings[0].basis", "one of"),
    ({"options[1].savings[0].renew_every": 5}, "options[1].savings[0].renew_every", "renew"),
    ({"options[1].one_off_costs[0].renew_every": 0}, "options[1].one_off_costs[0].renew_every",
     ">= 1"),
    ({"options[1].one_off_costs[0].renew_every": 2.5},
     "options[1].one_off_costs[0].renew_every", "whole number"),
]


@pytest.mark.parametrize("change,path,words", REFUSED)
def test_refusals_name_the_field(case_dict, set_path, change, path, words):
    data = case_dict(version=2)
    for key, value in change.items():
        if key == "settings":
            data["settings"].update(value)
        else:
            set_path(data, key, value)
    with pytest.raises(CaseError) as err:
        parse_data(data)
    found = dict(err.value.problems)
    assert path in found, err.value.problems
    assert words in found[path]


def test_declining_is_accepted_at_three_and_a_half_per_cent(case_dict):
    data = case_dict(version=2, settings={"discount_schedule": "declining", "horizon_years": 40})
    results = appraise(parse_data(data), monte_carlo=False)
    df = [cf.discount_factor for cf in results.options[0].cash_flows]
    assert df[29] == pytest.approx(1.035 ** -30)
    assert df[30] == pytest.approx(1.035 ** -30 / 1.03)
    assert df[39] == pytest.approx(1.035 ** -30 / 1.03 ** 10)


# --- hand-worked figures ---------------------------------------------------------------------

def _two_options(case_dict, baseline: dict, option: dict, **settings) -> dict:
    """A version 2 case of a baseline and one option, 5 years at 3.5%, no inflation unless set."""
    data = case_dict(version=2, settings={"inflation_rate": 0.0, **settings})
    base, other = data["options"][0], data["options"][1]
    for target, lines in ((base, baseline), (other, option)):
        for kind in ("savings", "recurring_costs", "shared_services", "one_off_costs"):
            target[kind] = lines.get(kind, [])
    data["options"] = [base, other]
    return data


def test_stopping_a_baseline_cost_pays_back_against_the_baseline(case_dict):
    """The baseline pays £10,000 a year; the option pays £30,000 once in year 1 and stops it.

    d = −20,000, +10,000, +10,000, +10,000, +10,000; C = −20,000, −10,000, 0, 10,000, 20,000:
    payback in year 3 (C_3 = 0 counts as paid back), low point −£20,000 in year 1. Costs fall
    against the baseline, so there is no ratio: ΔC = 30,000 × 0.966184 − 10,000 × 4.515050 < 0.
    Its own flows (−£30,000 and nothing back) would never pay back.
    """
    data = _two_options(case_dict, {"recurring_costs": [{"annual": 10000}]},
                        {"one_off_costs": [{"amount": 30000, "year": 1}]})
    shared = appraise(parse_data(data), monte_carlo=False).options[1]
    assert shared.payback_year == 3
    assert shared.funding_low_point == {"amount": -20000.0, "year": 1}
    assert shared.bcr is None and shared.bcr_basis == "costs_no_higher_than_baseline"
    assert shared.one_off_total == 30000.0
    assert shared.npv_vs_baseline == pytest.approx(10000 * 4.515052 - 30000 / 1.035, abs=0.01)


def test_ratio_against_the_baseline(case_dict):
    """Baseline: £10,000 a year of cost. Option: the same cost, £40,000 of savings a year and a
    £100,000 set-up in year 1. ΔB = 40,000 × 4.515052 = 180,602.09; ΔC = 100,000 / 1.035 =
    96,618.36; ratio 1.869232 (on its own flows it would be 180,602.09 / 141,768.88)."""
    cost = {"recurring_costs": [{"annual": 10000}]}
    data = _two_options(case_dict, cost,
                        {**cost, "savings": [{"annual": 40000}],
                         "one_off_costs": [{"amount": 100000, "year": 1}]})
    option = appraise(parse_data(data), monte_carlo=False).options[1]
    annuity = sum(1.035 ** -t for t in range(1, 6))
    assert option.bcr == pytest.approx(40000 * annuity / (100000 / 1.035), rel=1e-12)
    assert option.bcr == pytest.approx(1.869232, abs=1e-6)
    assert option.bcr_basis is None
    assert option.payback_year == 3        # C = −60,000, −20,000, +20,000, ...
    assert option.funding_low_point == {"amount": -60000.0, "year": 1}


def test_the_baseline_has_no_payback_and_no_ratio(case_dict):
    results = appraise(parse_data(case_dict(version=2)), monte_carlo=False)
    base = results.baseline
    assert base.payback_year is None and base.bcr is None and base.bcr_basis is None
    assert base.funding_low_point == {"amount": 0.0, "year": None}


def test_a_loan_margin_is_nominal_and_deflated(case_dict):
    """£1,000,000 at +50 bps for 3 years is £5,000 a year of the day; at 2% inflation that is
    4,901.96, 4,805.84 and 4,711.61 in today's prices. Fees stay as stated."""
    data = case_dict(version=2, settings={"inflation_rate": 0.02})
    merger = appraise(parse_data(data), monte_carlo=False).option("merger")
    loan = [cf.loan_repricing for cf in merger.cash_flows]
    assert loan == pytest.approx([5000 / 1.02, 5000 / 1.02 ** 2, 5000 / 1.02 ** 3, 0, 0])
    assert loan[:3] == pytest.approx([4901.960784, 4805.843906, 4711.611672], abs=1e-6)


def test_a_nominal_saving_is_deflated_after_optimism_bias(case_dict):
    """£12,000 a year fixed in cash, 10% optimism bias on savings, 2% inflation: year 2 is
    12,000 × 0.9 / 1.02² = 10,380.62."""
    data = _two_options(case_dict, {}, {"savings": [{"annual": 12000, "basis": "nominal"}]},
                        inflation_rate=0.02, optimism_bias={"savings": 0.1})
    flows = appraise(parse_data(data), monte_carlo=False).options[1].cash_flows
    assert flows[1].savings == pytest.approx(10380.622837, abs=1e-6)
    assert sum(cf.discounted for cf in flows) == pytest.approx(
        sum(10800 / 1.02 ** t / 1.035 ** t for t in range(1, 6)), abs=1e-6)


def test_a_renewed_cost_falls_again_and_counts_up_front(case_dict):
    """£20,000 in year 1 renewed every 2 years, 10% cost optimism bias: £22,000 in years 1, 3, 5
    (one-off total £66,000), and in 7, 9, ... 29 at the 30-year horizon."""
    data = _two_options(case_dict, {},
                        {"one_off_costs": [{"amount": 20000, "year": 1, "renew_every": 2}]},
                        optimism_bias={"costs": 0.1})
    results = appraise(parse_data(data), monte_carlo=False)
    option = results.options[1]
    assert [cf.one_off_costs for cf in option.cash_flows] == pytest.approx(
        [22000, 0, 22000, 0, 22000])
    assert option.one_off_total == pytest.approx(66000)
    by_t = {h.years: h.npv_vs_baseline["shared"] for h in results.horizon_sensitivity}
    assert sorted(by_t) == [5, 20, 30]
    assert by_t[30] == pytest.approx(-22000 * sum(1.035 ** -t for t in range(1, 30, 2)))


def test_the_horizon_reaches_the_last_loan_year(case_dict, set_path):
    """A loan re-priced for 42 years in a 10-year case: the table runs 10, 20, 30 and 42, and the
    note gives what is paid after year 10."""
    data = case_dict(version=2, settings={"horizon_years": 10, "inflation_rate": 0.0})
    set_path(data, "organisations[0].loans[0].remaining_years", 42)
    results = appraise(parse_data(data), monte_carlo=False)
    assert [h.years for h in results.horizon_sensitivity] == [10, 20, 30, 42]
    assert results.horizon_sensitivity[0].npv_vs_baseline == {
        o.id: o.npv_vs_baseline for o in results.options}
    notes = [w for w in results.warnings if w.path == "options[2]"]
    assert len(notes) == 1
    text = notes[0].message
    assert "from year 11 to year 42" in text and "if savings persist and renewals are as entered" in text
    assert "pays £" in text and "over 42 years its NPV against the baseline would be" in text
