"""Board members' forms (model-v2.md V9): written by ``member-form``, filled in with openpyxl as a
member would in Excel, read back by ``import-members``; bad forms refused naming sheet and cell.

The case is small-case.json (criteria autonomy 40, voice 35, scale 25; scores standalone
10/7/3, shared 8/6/5, merger 3/5/9; the board's leader standalone at 72). Three members reply:

- Ann rates 100/60/40 (normalised .5/.3/.2): standalone 77, shared 68, merger 48 → standalone.
- Bob rates 10/20/70 (.1/.2/.7): standalone 45, shared 55, merger 76 → merger.
- Cat leaves the ratings blank (the board's weights) and scores merger 6 on autonomy:
  merger 2.4 + 1.75 + 2.25 = 6.4 → 64; standalone 72 → standalone.

So the leader holds under 2 of 3 views.
"""
from __future__ import annotations

import copy
import json

import openpyxl
import pytest

from appraisal.casefile import parse_data
from appraisal.cli import main
from appraisal.engine import appraise


@pytest.fixture
def case_file(tmp_path, small_case_data):
    data = copy.deepcopy(small_case_data)
    data["criteria"][0]["scale"] = {"0": "decisions taken elsewhere", "10": "fully independent"}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _form(tmp_path, case_file, name: str):
    out = tmp_path / f"{name.split()[0].lower()}.xlsx"
    assert main(["member-form", str(case_file), "--member", name, "--xlsx", str(out)]) == 0
    return out


def _fill(path, weights=None, scores=None, save_as=None):
    book = openpyxl.load_workbook(path)
    for cell, value in (weights or {}).items():
        book["Weights"][cell] = value
    for cell, value in (scores or {}).items():
        book["Scores"][cell] = value
    book.save(save_as or path)


def test_a_form_shows_what_the_member_needs(tmp_path, case_file):
    book = openpyxl.load_workbook(_form(tmp_path, case_file, "Ann Patel"))
    assert book.sheetnames == ["Start", "Options", "Weights", "Scores", "Form"]
    assert book["Form"].sheet_state == "veryHidden"
    assert book["Start"]["B3"].value == "Ann Patel"
    weights = book["Weights"]
    assert [weights.cell(r, 1).value for r in (5, 6, 7)] == [
        "Autonomy", "Tenant voice", "Scale and capacity"]
    assert (weights["B5"].value, weights["C5"].value) == ("decisions taken elsewhere",
                                                          "fully independent")
    assert weights["D5"].value is None and not weights["D5"].protection.locked
    assert weights.protection.sheet
    rules = [(str(v.sqref), v.formula1, v.formula2) for v in weights.data_validations.dataValidation]
    assert rules == [("D5:D7", "0", "100")]
    scores = book["Scores"]
    assert [scores.cell(r, 1).value for r in (5, 6, 7)] == ["Remain standalone",
                                                            "Shared back office", "Merger"]
    assert [scores.cell(4, c).value for c in (2, 3, 4)] == ["Autonomy", "Tenant voice",
                                                            "Scale and capacity"]
    assert [(str(v.sqref), v.formula1, v.formula2)
            for v in scores.data_validations.dataValidation] == [("B5:D7", "0", "10")]


def test_three_forms_round_trip(tmp_path, case_file):
    ann, bob, cat = (_form(tmp_path, case_file, n) for n in ("Ann Patel", "Bob Jones", "Cat Wu"))
    _fill(ann, weights={"D5": 100, "D6": 60, "D7": 40})
    _fill(bob, weights={"D5": 10, "D6": 20, "D7": 70})
    _fill(cat, scores={"B7": 6})
    out = tmp_path / "new.json"
    assert main(["import-members", str(case_file), str(ann), str(bob), str(cat),
                 "--out", str(out)]) == 0
    case = parse_data(json.loads(out.read_text(encoding="utf-8")))
    assert [(m.id, m.name) for m in case.members] == [
        ("ann_patel", "Ann Patel"), ("bob_jones", "Bob Jones"), ("cat_wu", "Cat Wu")]
    results = appraise(case, monte_carlo=False)
    views = {m.id: m for m in results.members}
    assert views["ann_patel"].weighted_scores == pytest.approx(
        {"standalone": 77, "shared": 68, "merger": 48})
    assert views["bob_jones"].leader == "merger"
    assert views["cat_wu"].weighted_scores["merger"] == pytest.approx(64)
    assert results.leader_holds == {"members": 2, "of": 3}
    # a second form for Ann, made from the new case, comes back filled with her view
    again = tmp_path / "ann2.xlsx"
    assert main(["member-form", str(out), "--member", "Ann Patel", "--xlsx", str(again)]) == 0
    sheet = openpyxl.load_workbook(again)["Weights"]
    assert [sheet[c].value for c in ("D5", "D6", "D7")] == [100, 60, 40]


def _refusal(capsys, tmp_path, case_file, form) -> str:
    out = tmp_path / "refused.json"
    assert main(["import-members", str(case_file), str(form), "--out", str(out)]) == 2
    assert not out.exists()
    return capsys.readouterr().err


def test_a_score_of_11_is_refused_naming_the_cell(capsys, tmp_path, case_file):
    form = _form(tmp_path, case_file, "Ann Patel")
    _fill(form, scores={"C6": 11})
    assert "Scores!C6: 11 is not a score from 0 to 10" in _refusal(capsys, tmp_path, case_file,
                                                                   form)


def test_partial_ratings_and_words_are_refused_naming_the_cells(capsys, tmp_path, case_file):
    form = _form(tmp_path, case_file, "Ann Patel")
    _fill(form, weights={"D5": 100, "D6": "lots"})
    err = _refusal(capsys, tmp_path, case_file, form)
    assert "Weights!D6: 'lots' is not a rating from 0 to 100" in err
    assert "Weights!D7: blank: rate every criterion" in err


def test_a_form_from_another_case_is_refused(capsys, tmp_path, case_file, small_case_data):
    other = copy.deepcopy(small_case_data)
    other["options"][2]["name"] = "Merger with Elm"
    other_file = tmp_path / "other.json"
    other_file.write_text(json.dumps(other), encoding="utf-8")
    form = _form(tmp_path, other_file, "Ann Patel")
    assert "Form!B2: this form was made from another case" in _refusal(
        capsys, tmp_path, case_file, form)


def test_a_missing_sheet_is_refused_naming_it(capsys, tmp_path, case_file):
    form = _form(tmp_path, case_file, "Ann Patel")
    book = openpyxl.load_workbook(form)
    del book["Scores"]
    book.save(form)
    assert "the sheet 'Scores' is missing" in _refusal(capsys, tmp_path, case_file, form)


def test_outputs_may_not_be_inputs(capsys, tmp_path, case_file):
    form = _form(tmp_path, case_file, "Ann Patel")
    before = case_file.read_bytes()
    assert main(["import-members", str(case_file), str(form), "--out", str(case_file)]) == 2
    assert main(["import-members", str(case_file), str(form), "--out", str(form)]) == 2
    assert main(["member-form", str(case_file), "--member", "X", "--xlsx", str(case_file)]) == 2
    assert case_file.read_bytes() == before
    assert "is also an input" in capsys.readouterr().err


def test_not_a_workbook(capsys, tmp_path, case_file):
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    assert "is not an Excel workbook" in _refusal(capsys, tmp_path, case_file, junk)
