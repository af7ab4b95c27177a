"""The workbook of a case not yet fully scored: empty cells, checks that say so, and the ranking
that appears once the scores are typed into the Inputs sheet (recalculated by LibreOffice).

Hand-worked (tests/test_unscored.py): weights 0.6 and 0.4; standalone 68, shared services 62 and
the merger 54 once scored.
"""
from __future__ import annotations

import io

import openpyxl
import pytest

from appraisal.casefile import parse_data
from appraisal.engine import appraise
from appraisal.report.workbook import workbook_bytes
from appraisal.report.workbook.summary import NOT_RANKED
from tests.test_workbook_recalc import SOFFICE, edit, recalculate

GAP = "Every option has a weighted score (no score missing on a criterion with weight)"


def _rows(ws, first_column_values):
    return {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)
            if ws.cell(r, 1).value in first_column_values}


def _unscored_results(case_dict):
    data = case_dict()
    data["options"][1]["scores"].pop("autonomy")
    data["options"][2]["scores"]["scale"] = None
    return appraise(parse_data(data), monte_carlo=False)


def _weighted(wb):
    ws = wb["Scores"]
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Option id")
    wcol = next(c for c in range(1, ws.max_column + 1)
                if ws.cell(head, c).value == "Weighted score (0 to 100)")
    return {ws.cell(r, 1).value: (ws.cell(r, wcol).value, ws.cell(r, wcol + 1).value)
            for r in range(head + 1, head + 4)}


def _check(wb, text):
    ws = wb["Checks"]
    return next(ws.cell(r, 2).value for r in range(1, ws.max_row + 1)
                if ws.cell(r, 1).value == text)


def test_as_written_the_cells_are_empty_and_the_checks_say_why(case_dict):
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(_unscored_results(case_dict))),
                                data_only=True)
    scores = _weighted(wb)
    assert scores["standalone"] == (68.0, None) and scores["shared"] == (None, None)
    assert _check(wb, GAP) is False
    assert _check(wb, "First check that fails") == GAP
    assert wb["Summary"].cell(3, 3).value == NOT_RANKED


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_live_typing_the_missing_scores_ranks_the_options(case_dict, tmp_path):
    raw = workbook_bytes(_unscored_results(case_dict))

    def type_scores(wb):
        ws = wb["Inputs"]
        rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
        head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Option id")
        cols = {ws.cell(head, c).value: c for c in range(3, 5)}
        assert ws.cell(rows["shared"], 3).value is None       # left empty, not 0
        ws.cell(rows["shared"], 3).value = 7
        ws.cell(rows["merger"], 4).value = 9
        assert len(cols) == 2
    (tmp_path / "as-written.xlsx").write_bytes(raw)
    (tmp_path / "scored.xlsx").write_bytes(edit(raw, type_scores))
    out = tmp_path / "out"
    out.mkdir()
    recalculate([tmp_path / "as-written.xlsx", tmp_path / "scored.xlsx"], out)
    before = openpyxl.load_workbook(out / "as-written.xlsx", data_only=True)
    after = openpyxl.load_workbook(out / "scored.xlsx", data_only=True)
    assert _weighted(before)["standalone"][0] == pytest.approx(68.0)
    assert _weighted(before)["merger"][0] in ("", None)
    assert _check(before, GAP) is False
    assert before["Summary"].cell(3, 3).value == NOT_RANKED
    got = _weighted(after)
    assert [got[o][0] for o in ("standalone", "shared", "merger")] == pytest.approx(
        [68.0, 62.0, 54.0])
    assert [got[o][1] for o in ("standalone", "shared", "merger")] == [1, 2, 3]
    assert _check(after, GAP) is True
    assert after["Summary"].cell(3, 3).value == "Remain standalone"
