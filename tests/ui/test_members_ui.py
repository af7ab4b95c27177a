"""The board members' tab of the Scores step (model-v2.md V9): add members, export and import
forms, who has replied, their leaders, and the board's figures set to the members' median as one
undo step. Figures are the hand-worked ones of tests/test_members.py (small-case.json)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import openpyxl
import pytest

from ui.document import CaseDocument

SMALL = Path(__file__).resolve().parents[1] / "data" / "small-case.json"


@pytest.fixture
def document(qtbot):
    doc = CaseDocument(json.loads(SMALL.read_text(encoding="utf-8")), debounce_ms=0)
    yield doc
    doc.wait_for_monte_carlo(30000)


@pytest.fixture
def step(qtbot, document):
    from ui.steps.scores import ScoresStep
    widget = ScoresStep(document)
    qtbot.addWidget(widget)
    return widget


def settle(qtbot, doc):
    doc.recalculate_now()
    qtbot.wait(1)


def _cells(panel, column: int) -> list[str]:
    return [panel.table.item(r, column).text() for r in range(panel.table.rowCount())]


def test_add_export_import_and_see_who_replied(qtbot, tmp_path, document, step):
    panel = step.members
    assert step.tabs.tabText(1) == "Board members' views"
    for name in ("Ann Patel", "Bob Jones", "Cat Wu"):
        assert panel.add_member(name) == []
    settle(qtbot, document)
    assert _cells(panel, 0) == ["Ann Patel", "Bob Jones", "Cat Wu"]
    assert _cells(panel, 2) == ["Not yet"] * 3
    forms = []
    for row, ratings in enumerate(([100, 60, 40], [10, 20, 70], None)):
        path = tmp_path / f"form{row}.xlsx"
        assert panel.export_form(row, path)
        if ratings:
            book = openpyxl.load_workbook(path)
            for cell, value in zip(("D5", "D6", "D7"), ratings):
                book["Weights"][cell] = value
            book.save(path)
            forms.append(str(path))
    assert panel.import_paths(forms)
    settle(qtbot, document)
    assert _cells(panel, 2) == ["Weights", "Weights", "Not yet"]
    # Ann: standalone 77 leads; Bob: merger 76 leads (worked in tests/test_members.py)
    assert _cells(panel, 3) == ["Remain standalone", "Merger", ""]
    assert document.results.leader_holds == {"members": 2, "of": 3}
    # one undo step takes both forms back out
    document.undo_stack.undo()
    settle(qtbot, document)
    assert _cells(panel, 2) == ["Not yet"] * 3


def test_a_bad_form_is_refused_in_words(qtbot, tmp_path, document, step):
    panel = step.members
    panel.add_member("Ann Patel")
    path = tmp_path / "ann.xlsx"
    panel.export_form(0, path)
    book = openpyxl.load_workbook(path)
    book["Scores"]["C6"] = 11
    book.save(path)
    assert not panel.import_paths([str(path)])
    assert "Scores!C6: 11 is not a score from 0 to 10" in panel.error.text()
    assert document.case.members[0].scores is None


def test_board_weights_to_members_median_is_one_undo_step(qtbot, document, step):
    """Ann .5/.3/.2, Bob .1/.2/.7, Dee a third each: medians 1/3, .3, 1/3 → 33.3333 / 30 /
    33.3333 points; undo restores 40 / 35 / 25."""
    data = document.data
    data["members"] = [
        {"id": "ann", "name": "Ann", "weights": {"autonomy": 50, "user_voice": 30,
                                                 "scale_capacity": 20}},
        {"id": "bob", "name": "Bob", "weights": {"autonomy": 10, "user_voice": 20,
                                                 "scale_capacity": 70},
         "scores": {"merger": {"autonomy": 6}}},
        {"id": "dee", "name": "Dee", "weights": {"autonomy": 30, "user_voice": 30,
                                                 "scale_capacity": 30},
         "scores": {"merger": {"autonomy": 4}}}]
    document.edit("add members", lambda d: d.__setitem__("members", copy.deepcopy(
        data["members"])))
    settle(qtbot, document)
    step.members.weights_to_median()
    assert [c.weight for c in document.case.criteria] == pytest.approx([33.3333, 30, 33.3333])
    step.members.scores_to_median()
    assert document.case.option("merger").scores["autonomy"] == 5.0
    assert document.case.option("merger").scores["user_voice"] == 5.0    # no member scored it
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert [c.weight for c in document.case.criteria] == [40, 35, 25]
    assert document.case.option("merger").scores["autonomy"] == 3


def test_inputs_are_named_as_labelled(step):
    panel = step.members
    assert panel.named.accessibleName() == panel.named.text()
    for button in panel.buttons.values():
        assert button.accessibleName() == button.text().replace("&", "")
