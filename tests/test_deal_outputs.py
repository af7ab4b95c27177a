"""The deal terms in the outputs (deal-terms.md D6): the paper's gate, sections and statement
that it is not legal advice; the workbook's Deal sheet with costs traced by formula."""
from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pypdf
import pytest

from appraisal.casefile import load_case
from appraisal.engine import appraise
from appraisal.report.pdf import board_paper_bytes
from appraisal.report.workbook import workbook_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "sample_cases" / "two_housing_associations.json"


@pytest.fixture(scope="module")
def results():
    return appraise(load_case(SAMPLE), monte_carlo=False)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_sample_gate_for_the_recommended_group(results):
    deal = results.option("federal_group").deal
    assert deal.assessed
    kinds = [g.kind for g in deal.gates]
    assert kinds[:3] == ["governance"] * 3          # chair, reserved powers, members' vote
    assert kinds.count("lender") == 4               # Bank C needs no consent
    assert [g.ref for g in deal.gates if g.kind == "due_diligence"] == ["dd-02"]
    assert deal.route.completion_weeks == (20.0, 59.0)
    merger = results.option("merger").deal
    assert merger.cannot_proceed == ["Board seats"]


def test_paper_prints_the_gate_the_sections_and_not_legal_advice(results):
    reader = pypdf.PdfReader(io.BytesIO(board_paper_bytes(results)))
    text = flat(" ".join(p.extract_text() or "" for p in reader.pages))
    front = flat(" ".join(p.extract_text() or "" for p in reader.pages[1:3]))
    assert "Open points that could stop this." in front
    assert "Kestrel Vale's chair chairs the parent" in front
    assert "takes 20 to 59 weeks from today" in front
    assert "What must be settled" in text
    assert "This paper is not legal advice." in text
    assert "to be confirmed by advisers" in text
    assert "Co-operative and Community Benefit Societies Act 2014" in text or \
        "Housing and Regeneration Act 2008" in text
    assert "Board seats not agreed: on current terms the option cannot proceed" not in front


def test_workbook_deal_sheet_traces_linked_costs_to_the_option_sheets(results):
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(results)))
    values = openpyxl.load_workbook(io.BytesIO(workbook_bytes(results)), data_only=True)
    ws, cached = book["Deal"], values["Deal"]
    pv = {(o.name, line.ref): line.pv for o in results.options for line in o.lines}
    linked = 0
    for row in range(1, ws.max_row + 1):
        formula = ws.cell(row, 9).value
        if isinstance(formula, str) and formula.startswith("="):
            sheet, cell = formula[1:].split("!")
            target = values[sheet.strip("'")][cell.replace("$", "")].value
            assert target == pytest.approx(cached.cell(row, 9).value)
            linked += 1
    assert linked == 8          # one finding and seven consents carry a money line
    assert -1545893 > pv[("Full merger", "pension_cessation[0]")] > -1545894
    checks = book["Checks"]
    flag = [r for r in checks.iter_rows(values_only=True)
            if r[0] and str(r[0]).startswith("Open points that could stop")]
    assert flag and flag[0][1] == "='Deal'!$C$9"
