"""The live Excel model recalculated by LibreOffice equals the engine, before and after a person
types into it, and every typed mistake turns the master flag FALSE naming the check.

Every workbook that needs recalculating (each sample, the worked example and a hostile case as
written and flexed; the largest sample with every kind of input flexed, with the horizon
lengthened, and with each mistake) goes through ONE headless LibreOffice run per module, with a
private profile set to recalculate on load. Skipped with a reason when LibreOffice is absent.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest

from appraisal.engine import appraise
from appraisal.report.workbook import workbook_bytes
from tests.test_workbook import KEYS, LARGEST, all_cases, assert_horizon, named
from tests.test_workbook_capacity import assert_capacity, capacity_rows
from tests.workbook_flexes import (
    edit,
    every_kind_flexed,
    flexed,
    longer_horizon,
    mistakes,
    money_anchors,
    other_jurisdiction,
    tighten_first_covenant,
)

__all__ = ["SOFFICE", "edit", "recalculate"]       # the members' workbook test reads these

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
# Flexed as well as written (the others' formulas are the same rules, proven as written).
FLEXED = ("small-case", "v2-case", LARGEST, "hostile")
ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>"""


def recalculate(paths: list[Path], outdir: Path) -> None:
    """Recalculate workbooks with ONE headless LibreOffice run (a private profile)."""
    profile = Path(tempfile.mkdtemp(prefix="lo-workbook-"))
    (profile / "user").mkdir()
    (profile / "user" / "registrymodifications.xcu").write_text(ALWAYS_RECALCULATE)
    try:
        subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", "xlsx", "--outdir", str(outdir), *map(str, paths)],
                       check=True, capture_output=True, timeout=540)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """key → (engine results it must equal, bytes as written, workbook after LibreOffice)."""
    todo: dict[str, tuple] = {}
    for key, case in all_cases().items():
        results = appraise(case)
        raw = workbook_bytes(results)
        todo[key] = (results, raw)
        if key in FLEXED:
            todo[f"{key}.flexed"] = flexed(case, results, raw)
        if key == LARGEST:
            for name in ("pessimistic", "optimistic"):
                todo[f"scenario.{name}"] = (results, edit(raw, lambda wb, name=name: setattr(
                    named(wb, "Scenario"), "value", name)))
            todo["every-kind"] = every_kind_flexed(case, results, raw)
            todo["covenant-tightened"] = (results, edit(raw, tighten_first_covenant))
            todo["horizon-30"] = longer_horizon(case, raw)
            todo["jurisdiction"] = other_jurisdiction(case, raw)
            todo["money-anchors"] = money_anchors(case)
        if key == "small-case":
            for name, (book, words) in mistakes(results, raw).items():
                todo[f"mistake.{name}"] = (words, book)
    base = tmp_path_factory.mktemp("recalc")
    (base / "in").mkdir()
    paths = {}
    for n, (key, (_, raw)) in enumerate(todo.items()):
        paths[key] = base / "in" / f"{n}.xlsx"
        paths[key].write_bytes(raw)
    recalculate(list(paths.values()), base / "out")
    return {key: (expected, raw, openpyxl.load_workbook(base / "out" / paths[key].name,
                                                        data_only=True))
            for key, (expected, raw) in todo.items()}


def assert_table(wb, results, organisations: bool = True) -> None:
    table = results_table_at(wb)
    assert list(table) == [o.id for o in results.options]
    for o in results.options:
        row = table[o.id]
        assert row["Option"] == o.name
        assert row["NPV"] == pytest.approx(o.npv, rel=1e-12, abs=1e-8), (o.id, row["NPV"])
        assert row["NPV vs baseline"] == pytest.approx(o.npv_vs_baseline, rel=1e-12, abs=1e-8)
        assert row["Payback year"] == ("n/a" if o.payback_year is None else o.payback_year)
        assert row["Benefit-cost ratio"] == (pytest.approx(o.bcr) if o.bcr is not None else
                                             "n/a" if o.baseline else "no extra cost")
        assert row["Weighted score"] == pytest.approx(o.weighted_score, abs=1e-9)
        assert (row["Rank"], row["NPV rank"]) == (o.rank, o.npv_rank)
    org = wb["By organisation"]
    for r in range(7, 7 + len(results.options) if organisations else 7):
        o = results.options[int(org.cell(r, 1).value) - 1]
        got = [org.cell(r, c).value for c in range(3, 4 + len(results.case.organisations))]
        assert got == pytest.approx(list(o.by_organisation.values()), rel=1e-12, abs=1e-8)
    assert wb["Summary"]["C3"].value == results.option(results.leader).name


def assert_sensitivity(wb, results) -> None:
    """Scenario results and ranks, each tornado row at low and high, and each option's tornado
    in rank order (what its chart reads) equal the engine's (issue 16)."""
    ws = wb["Sensitivity"]
    top = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith(
        "Scenarios:")) + 2
    for i, o in enumerate(results.options):
        r = top + i
        assert ws.cell(r, 2).value == o.name
        for k, name in enumerate(("pessimistic", "base", "optimistic")):
            scen = results.scenarios[name]
            assert ws.cell(r, 3 + k).value == pytest.approx(scen.npv[o.id], rel=1e-9, abs=1e-6)
            assert ws.cell(r, 6 + k).value == pytest.approx(scen.npv_vs_baseline[o.id],
                                                            rel=1e-9, abs=1e-6)
            assert ws.cell(r, 9 + k).value == scen.npv_rank[o.id]
            w, rank = scen.weighted_score[o.id], scen.rank[o.id]
            assert ws.cell(r, 12 + k).value == (pytest.approx(w, abs=1e-9) if w is not None
                                                else pytest.approx(None)) or w is None and \
                ws.cell(r, 12 + k).value in (None, "")
            assert ws.cell(r, 15 + k).value == rank or rank is None and \
                ws.cell(r, 15 + k).value in (None, "")
    rows = {}
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 17).value is None or ws.cell(r, 2).value is None:
            break
        rows[(ws.cell(r, 2).value, ws.cell(r, 4).value)] = r
    for o in results.options:
        mine = [t for t in o.tornado if (o.name, t.label) in rows]
        for t in mine:
            r = rows[(o.name, t.label)]
            assert ws.cell(r, 6).value == pytest.approx(t.npv_vs_baseline_at_low, rel=1e-9)
            assert ws.cell(r, 8).value == pytest.approx(t.npv_vs_baseline_at_high, rel=1e-9)
        ranked = sorted(mine, key=lambda t: ws.cell(rows[(o.name, t.label)], 17).value)
        assert [t.label for t in ranked] == [t.label for t in mine]
        if mine:
            head = next(r for r in range(1, ws.max_row + 1)
                        if ws.cell(r, 1).value == f"Tornado in order of swing: {o.name}") + 2
            assert [ws.cell(head + k, 3).value for k in range(len(mine))] == [
                t.label for t in mine]


def results_table_at(wb) -> dict[str, dict]:
    """The Results rows of a recalculated copy (LibreOffice may not keep the table's name)."""
    ws = wb["Summary"]
    top = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Option ID")
    head = [ws.cell(top, c).value for c in range(1, 10)]
    rows = {}
    for r in range(top + 1, ws.max_row + 1):
        if ws.cell(r, 1).value in (None, ""):
            break
        rows[ws.cell(r, 1).value] = dict(zip(head, (ws.cell(r, c).value for c in range(1, 10))))
    return rows


@pytest.mark.parametrize("key", KEYS)
def test_every_stored_result_equals_libreoffices_recalculation(key, books):
    """The stored figure of every formula cell is what LibreOffice computes from the inputs."""
    _, raw, recalculated = books[key]
    stored = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    formulas = openpyxl.load_workbook(io.BytesIO(raw))
    wrong = []
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type != "f":
                    continue
                x = stored[ws.title][c.coordinate].value
                y = recalculated[ws.title][c.coordinate].value
                if isinstance(x, bool) or isinstance(y, bool):
                    same = bool(x) == bool(y) and isinstance(y, (bool, int))
                elif isinstance(x, (int, float)) and isinstance(y, (int, float)):
                    same = abs(x - y) <= 1e-9 * max(1.0, abs(x))
                else:
                    same = x == y or (x in (None, "") and y in (None, ""))
                if not same:
                    wrong.append((ws.title, c.coordinate, x, y))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("key", KEYS)
def test_recalculated_models_equal_the_engine(key, books):
    results, _, wb = books[key]
    assert_table(wb, results)
    assert_sensitivity(wb, results)
    if any(o.capacity for o in results.options):
        assert_capacity(wb, results)
    assert named(wb, "ChecksPass").value in (True, 1)


@pytest.mark.parametrize("key", FLEXED)
def test_flexed_models_equal_the_engine(key, books):
    flexed_results, _, flexed_wb = books[f"{key}.flexed"]
    if len(flexed_results.horizon_sensitivity) > 1:
        assert_horizon(flexed_wb, flexed_results)
    assert_table(flexed_wb, flexed_results)
    assert named(flexed_wb, "ChecksPass").value in (True, 1)


def test_every_kind_of_input_flexed_moves_the_model_as_the_engine(books):
    results, _, wb = books["every-kind"]
    assert_table(wb, results)
    assert_capacity(wb, results)         # plan, loan term, added-debt rate and lines flexed
    assert_sensitivity(wb, results)      # a range widened: the tornado reorders, live
    merger = results.options[4]
    assert merger.tornado[0].label.startswith("Due diligence")
    assert books[LARGEST][0].options[4].tornado[0].label != merger.tornado[0].label
    assert named(wb, "ChecksPass").value in (True, 1)
    before = books[LARGEST][0]
    assert results.baseline.id != before.baseline.id
    assert all(abs(a.npv - b.npv) > 1 for a, b in zip(results.options[2:], before.options[2:]))


@pytest.mark.parametrize("name", ["pessimistic", "optimistic"])
def test_the_scenario_switch_moves_every_ranged_line_to_its_end(name, books):
    """Issue 12: Scenario on Inputs set to pessimistic (optimistic) puts every ranged line at
    its worse (better) end, so no option's NPV rises (falls) and one moves; the model's checks
    still hold. (The engine's scenarios measure against a baseline whose own uncertainties
    stay apart, so they are not the same figures.)"""
    results, _, wb = books[f"scenario.{name}"]
    table = results_table_at(wb)
    moved = [table[o.id]["NPV"] - o.npv for o in results.options]
    worse = name == "pessimistic"
    assert all((d <= 1e-6) if worse else (d >= -1e-6) for d in moved)
    assert any(abs(d) > 1 for d in moved)
    assert named(wb, "ChecksPass").value in (True, 1)


def test_a_tighter_covenant_shows_a_breach_without_failing_the_model_checks(books):
    """Issue 19: a limit typed on Capacity moves the headroom and breach flags; a breach turns
    CapacityClear (its own flag on the cover) false and leaves ChecksPass true."""
    results, _, wb = books["covenant-tightened"]
    test = results.options[0].capacity[0]
    first_tested = next(t for t, v in enumerate(test.values, start=1) if v is not None)
    assert capacity_rows(wb)[0][("As planned", "first breach year, or none")][1] == first_tested
    assert named(wb, "CapacityClear").value in (False, 0)
    assert wb["Cover"]["A9"].value in (False, 0)
    assert named(wb, "ChecksPass").value in (True, 1)


def test_lengthening_the_horizon_to_30_years_equals_the_engine_at_30(books):
    """Acceptance: HorizonYears 10 → 30 in the largest sample, recalculated."""
    results, _, wb = books["horizon-30"]
    assert results.horizon == 30
    assert_table(wb, results)
    assert_capacity(wb, results)
    assert named(wb, "ChecksPass").value in (True, 1)
    assert_horizon_first(wb, results)


def test_money_anchors_typed_move_the_scores_as_the_engine(books):
    """V8: value for money scored against the board's money anchors, live, not capped."""
    results, _, wb = books["money-anchors"]
    assert_table(wb, results)
    crit = next(c for c in results.case.criteria if c.derived)
    scores = wb["Scores"]
    j = 3 + [c.id for c in results.case.criteria].index(crit.id)
    got = {results.options[int(scores.cell(r, 1).value) - 1].id: scores.cell(r, j).value for r in range(9, 9 + len(
        results.options))}
    assert got == pytest.approx({o.id: o.scores[crit.id] for o in results.options}, abs=1e-9)
    assert max(got.values()) > 10                           # not capped at 10
    assert named(wb, "ChecksPass").value in (True, 1)


def test_the_weekly_pay_cap_follows_each_payers_jurisdiction_at_the_case_date(books):
    """V7 as a live lookup from the cap table on Constants: each line's cap, and so every NPV,
    equals the engine's after a partner moves to Northern Ireland and the date moves back."""
    results, _, wb = books["jurisdiction"]
    assert_table(wb, results)
    red = wb["Redundancy"]
    head = {red.cell(4, c).value: c for c in range(1, red.max_column + 1)}
    caps = {}
    for r in range(5, red.max_row + 1):
        if red.cell(r, 2).value is None:
            break
        caps[(red.cell(r, 1).value, red.cell(r, 2).value)] = (
            red.cell(r, head["Weekly pay cap's table"]).value,
            red.cell(r, head["Weekly pay cap (£)"]).value)
    kestrel = results.case.organisations[1].id
    want = {}
    for o, case_option in zip(results.options, results.case.options):
        for red_line, line in zip(o.redundancies, case_option.redundancies):
            ni = line.organisation == kestrel
            want[(o.name, red_line.ref)] = (("Northern Ireland", 729) if ni
                                            else ("Great Britain", 700))
    assert caps == want and {v[1] for v in caps.values()} == {700, 729}
    assert named(wb, "ChecksPass").value in (True, 1)


def assert_horizon_first(wb, results) -> None:
    """The Horizon sheet's first column follows HorizonYears."""
    assert wb["Horizon"]["C5"].value == results.horizon


@pytest.mark.parametrize("mistake", ["loan", "baseline", "organisation", "supplier",
                                     "weights-and-horizon"])
def test_a_typed_mistake_turns_the_master_flag_false_and_names_the_check(mistake, books):
    words, _, wb = books[f"mistake.{mistake}"]
    assert named(wb, "ChecksPass").value in (False, 0)
    failing = wb["Cover"]["B7"].value
    assert isinstance(failing, str) and words in failing, failing
    assert wb["Cover"]["A6"].value in (False, 0)           # never an error value
    if mistake == "weights-and-horizon":
        checks = wb["Checks"]
        flag = {checks.cell(r, 1).value: checks.cell(r, 2).value for r in range(6, 40)}
        assert flag["The weights are not all zero"] in (False, 0)
        assert flag["Normalised weights sum to 1"] in (False, 0)     # #DIV/0! shown as FALSE
