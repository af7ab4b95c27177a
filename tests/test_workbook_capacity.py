"""The Capacity sheet of the Excel model (model-v2.md V10, issue 19): the plan figures are inputs
and every metric, headroom and breach is a live formula whose stored result is the engine's.

The worked example (``capacity-example.json``) is checked against its expected file to the
penny; the samples with covenants against the engine. LibreOffice's recalculation, as written and
after flexing, is in ``test_workbook_recalc.py`` (it reads :func:`assert_capacity` from here).
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from appraisal.casefile import load_case
from appraisal.engine import appraise
from appraisal.finance.capacity import capacity
from appraisal.finance.lines import build_lines
from appraisal.report.workbook import workbook_bytes
from appraisal.report.workbook.capacity_figures import CapacityFigures, num_den
from appraisal.resources import sample_cases

EXAMPLE = Path(__file__).resolve().parent / "data"
WORDS = {"metric": ("values", "stressed_values"),
         "headroom in money (£)": ("headroom_money", "stressed_headroom_money")}


def capacity_rows(wb) -> list[dict]:
    """Every test on the Capacity sheet, in order: per scenario its year rows and summary."""
    ws = wb["Capacity"]
    first = next(c for c in range(1, ws.max_column + 1) if ws.cell(4, c).value == 1)
    tests: list[dict] = []
    for r in range(5, ws.max_row + 1):
        label = ws.cell(r, 2).value
        if ws.cell(r, 3).value == "Limit" and label:
            tests.append({"title": label, "limit_row": r + 1})
            continue
        if not tests or not isinstance(label, str) or ": " not in label:
            continue
        scenario, _, what = label.partition(": ")
        if scenario not in ("As planned", "Pessimistic"):
            continue
        years = [ws.cell(r, c).value for c in range(first, ws.max_column + 1)]
        tests[-1][(scenario, what)] = (years, ws.cell(r, 3).value)
    return tests


def _blank(v):
    return None if v in ("", None) else v


def assert_capacity(wb, results) -> None:
    """Each test's metric and money headroom by year, as planned and pessimistic, and its
    tightest headroom, that year and its first breach equal the engine's."""
    tests = capacity_rows(wb)
    expected = [t for o in results.options for t in o.capacity]
    assert len(tests) == len(expected) > 0
    h = results.horizon
    for got, test in zip(tests, expected):
        assert wb["Capacity"].cell(got["limit_row"], 3).value == pytest.approx(test.limit)
        for s, scenario in enumerate(("As planned", "Pessimistic")):
            for what, names in WORDS.items():
                years, _ = got[(scenario, what)]
                want = getattr(test, names[s])
                assert [_blank(v) for v in years[h:]] == [None] * len(years[h:])
                for v, w in zip(years[:h], want):
                    assert _blank(v) == (None if w is None else pytest.approx(w, rel=1e-9,
                                                                                 abs=1e-6))
            low = test.min_headroom if s == 0 else test.stressed_min_headroom
            breach = test.first_breach_year if s == 0 else test.stressed_first_breach_year
            tight = got[(scenario, "tightest headroom, or none")][1]
            assert (None if tight == "none" else tight) == (
                None if low["value"] is None else pytest.approx(low["value"], abs=1e-9))
            year = got[(scenario, "year of the tightest, or none")][1]
            assert (None if year == "none" else year) == low["year"]
            first = got[(scenario, "first breach year, or none")][1]
            assert (None if first == "none" else first) == breach


@pytest.fixture(scope="module")
def example():
    case = load_case(EXAMPLE / "capacity-example.json")
    results = appraise(case, monte_carlo=False)
    expected = json.loads((EXAMPLE / "capacity-example.expected.json").read_text())
    return results, workbook_bytes(results), expected


def test_the_worked_example_is_stored_to_the_penny(example):
    """Every stored metric and money headroom equals the worked example's expected file."""
    results, raw, expected = example
    wb = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    tests = capacity_rows(wb)
    want = [t for o in expected["options"] for t in o["capacity"]]
    assert len(tests) == len(want)
    for got, test in zip(tests, want):
        years, _ = got[("As planned", "metric")]
        for v, w in zip(years, test["values"]):
            assert _blank(v) == (None if w is None else pytest.approx(w, abs=5e-7))
        money, _ = got[("As planned", "headroom in money (£)")]
        for v, w in zip(money, test["headroom_money"]):
            assert _blank(v) == (None if w is None else pytest.approx(w, abs=0.005))
        first = got[("As planned", "first breach year, or none")][1]
        assert (None if first == "none" else first) == test["first_breach_year"]
    assert_capacity(wb, results)


def test_the_merger_group_year_2_figure_worked_by_hand(example):
    """The engine's worked figure (group option, Oak, year 2): Oak's 60% of the joint lines
    moved its year-1 cash by −£132,000, so the added debt is £132,000 and its interest in year 2
    0.06 × 132,000 / 1.02 = £7,764.71; interest cover (6,000,000 + 240,000 − 72,000 + 3,000,000
    − 2,500,000) / 4,007,764.71 = 1.66377. The sheet's rows give the same."""
    results, raw, _ = example
    ws = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)["Capacity"]
    first = next(c for c in range(1, ws.max_column + 1) if ws.cell(4, c).value == 1)
    found = [r for r in range(1, ws.max_row + 1)
             if ws.cell(r, 2).value == "interest on the debt the option adds (£)"]
    assert any(ws.cell(r, first + 1).value == pytest.approx(7764.71, abs=0.01) for r in found)
    values = [t for o in results.options for t in o.capacity if o.form == "group_structure"
              and t.organisation == "oak" and t.metric == "interest_cover"]
    assert values and values[0].values[1] == pytest.approx(1.66377, abs=1e-5)


@pytest.mark.parametrize("path", [p for p in sample_cases() if "housing" in p.stem
                                  or "procurement" in p.stem], ids=lambda p: p.stem)
def test_stored_capacity_equals_the_engine(path):
    """The samples with covenants (a merger, a group, a cost sharing group, supplier
    recharges): every stored test figure equals the engine's, with no breach hidden."""
    results = appraise(load_case(path), monte_carlo=False)
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(results)), data_only=True)
    assert_capacity(wb, results)


def test_the_sheets_working_equals_the_engines_own_sums():
    """The figures the sheet's rows are built from (line shares, recharges, added debt) give
    the engine's metric in every tested year, as planned and at the worse ends."""
    for path in sample_cases():
        case = load_case(path)
        results = appraise(case, monte_carlo=False)
        if not any(o.capacity for o in results.options):
            continue
        table = build_lines(case, results.horizon)
        figures = CapacityFigures(results, table, results.horizon)
        engine = capacity(case, table)
        for o, outcomes in enumerate(engine):
            for spec, outcome in zip(figures.specs[o], outcomes):
                for s, values in enumerate((outcome.values, outcome.stressed_values)):
                    num, den = num_den(spec, figures.entity(o, spec.entity, s))
                    for t, v in enumerate(values):
                        if v is not None:
                            assert num[t] / den[t] == pytest.approx(v, rel=1e-12)
