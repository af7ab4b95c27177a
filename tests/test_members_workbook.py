"""The Excel model's Members sheet (model-v2.md V9): each member's weighted scores and leader are
live formulas that LibreOffice recalculates to the engine's figures, as written and after a
member's weights are flexed in the workbook.

Members as tests/test_members.py (small-case.json): ann 77/68/48 (standalone), bob 45/55/76
(merger), cat 67/65.5/71 (merger), dee 66.667/63.333/60 (standalone); 2 of 4 hold. Flexed: bob
weighs 100/0/0 (autonomy only), so his scores become the autonomy column × 10: standalone 100,
shared 80, merger 30, and his leader standalone: 3 of 4 hold.
"""
from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import openpyxl
import pytest

from appraisal.casefile import parse_data
from appraisal.engine import appraise
from appraisal.report.workbook import workbook_bytes
from tests.test_members import MEMBERS
from tests.test_workbook_recalc import SOFFICE, edit, recalculate

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
DATA = Path(__file__).resolve().parent / "data"


def _case(members):
    data = json.loads((DATA / "small-case.json").read_text(encoding="utf-8"))
    data["members"] = copy.deepcopy(members)
    return parse_data(data)


def _block(ws, name: str) -> dict:
    """A member's weighted scores by option name, leader and holds, read from the sheet."""
    top = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == name)
    head = top + 3
    wcol = next(c for c in range(1, ws.max_column + 1)
                if ws.cell(head, c).value == "Weighted score (0 to 100)")
    scores, r = {}, head + 1
    while ws.cell(r, 1).value != "Their leading option":
        scores[ws.cell(r, 2).value] = ws.cell(r, wcol).value
        r += 1
    return {"scores": scores, "leader": ws.cell(r, 2).value, "holds": ws.cell(r + 1, 2).value,
            "weights_row": top + 1}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("members-book")
    raw = workbook_bytes(appraise(_case(MEMBERS), monte_carlo=False))
    written = openpyxl.load_workbook(io.BytesIO(raw))["Members"]
    row = _block(written, "Bob Jones")["weights_row"]

    def flex(wb):
        for column, value in zip("CDE", (100, 0, 0)):
            wb["Members"][f"{column}{row}"] = value

    (tmp / "written.xlsx").write_bytes(raw)
    (tmp / "flexed.xlsx").write_bytes(edit(raw, flex))
    out = tmp / "out"
    out.mkdir()
    recalculate([tmp / "written.xlsx", tmp / "flexed.xlsx"], out)
    return {k: openpyxl.load_workbook(out / f"{k}.xlsx", data_only=True)["Members"]
            for k in ("written", "flexed")}


def _check(ws, members):
    results = appraise(_case(members), monte_carlo=False)
    names = {o.id: o.name for o in results.case.options}
    for member, view in zip(results.case.members, results.members):
        got = _block(ws, member.name)
        assert got["scores"] == pytest.approx(
            {names[k]: v for k, v in view.weighted_scores.items()}, abs=1e-9)
        assert got["leader"] == names[view.leader]
    assert ws["C5"].value == results.leader_holds["members"]
    return results


def test_written_sheet_recalculates_to_the_engine(books):
    results = _check(books["written"], MEMBERS)
    assert results.leader_holds == {"members": 2, "of": 4}
    assert _block(books["written"], "Bob Jones")["scores"] == pytest.approx(
        {"Remain standalone": 45, "Shared back office": 55, "Merger": 76})


def test_flexed_weights_move_the_members_view(books):
    members = copy.deepcopy(MEMBERS)
    members[1]["weights"] = {"autonomy": 100, "user_voice": 0, "scale_capacity": 0}
    results = _check(books["flexed"], members)
    assert _block(books["flexed"], "Bob Jones")["scores"] == pytest.approx(
        {"Remain standalone": 100, "Shared back office": 80, "Merger": 30})
    assert results.leader_holds == {"members": 3, "of": 4}


def test_no_members_no_sheet():
    data = json.loads((DATA / "small-case.json").read_text(encoding="utf-8"))
    raw = workbook_bytes(appraise(parse_data(data), monte_carlo=False))
    assert "Members" not in openpyxl.load_workbook(io.BytesIO(raw)).sheetnames
