"""The Criteria step's weighting parts, driven through the real widgets: where the options sit
on each criterion beside its weight, the points as given (swing) or rounded (pairwise), and the
question whether value for money is one of the criteria, answered so that Before the paper is
satisfied. Values are hand-worked on the small case (autonomy 40, tenant voice 35, scale 25
points; scores autonomy 10/8/3, voice 7/6/5, scale 3/5/9)."""
from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from appraisal.before_paper import check  # noqa: E402
from ui.dialogs.weighting import AhpDialog  # noqa: E402
from ui.document import CaseDocument  # noqa: E402
from ui.steps.criteria import CriteriaModel, CriteriaStep  # noqa: E402
from ui.steps.money_question import NO, YES  # noqa: E402

SMALL = Path(__file__).resolve().parents[1] / "data" / "small-case.json"
QUESTION = "No criterion is value for money from the NPV"


@pytest.fixture
def document(qtbot):
    doc = CaseDocument(json.loads(SMALL.read_text(encoding="utf-8")), debounce_ms=0)
    doc.recalculate_now()
    yield doc
    doc.wait_for_monte_carlo(30000)


@pytest.fixture
def step(qtbot, document):
    widget = CriteriaStep(document)
    qtbot.addWidget(widget)
    return widget


def _column(step, col, role=Qt.DisplayRole):
    return [step.model.index(r, col).data(role) for r in range(step.model.rowCount())]


def test_each_criterion_shows_its_worst_and_best_option_beside_its_weight(step, document):
    assert _column(step, CriteriaModel.COL_SPAN) == [
        "from Merger (3) to Remain standalone (10)",
        "from Merger (5) to Remain standalone (7)",
        "from Remain standalone (3) to Merger (9)",
    ]
    assert _column(step, CriteriaModel.COL_SPAN, Qt.ToolTipRole)[2] == (
        "Remain standalone: 3; Shared back office: 5; Merger: 9")
    assert not (step.model.flags(step.model.index(0, CriteriaModel.COL_SPAN))
                & Qt.ItemIsEditable)
    # A score typed in the Scores step moves the words here.
    document.set_value(("options", 2, "scores", "autonomy"), 9.5, "score")
    document.recalculate_now()
    step.refresh()
    assert _column(step, CriteriaModel.COL_SPAN)[0] == (
        "from Shared back office (8) to Remain standalone (10)")


def test_pairwise_points_are_shown_rounded_and_typed_points_as_given(qtbot, step, document):
    assert step.model.setData(step.model.index(0, CriteriaModel.COL_WEIGHT), "42.125")
    assert _column(step, CriteriaModel.COL_WEIGHT)[0] == "42.125"          # typed: as given
    dialog = AhpDialog(document)
    qtbot.addWidget(dialog)
    assert dialog.type_judgement(0, 1, "3")
    assert dialog.type_judgement(0, 2, "5")
    assert dialog.type_judgement(1, 2, "3")
    dialog.accept()
    document.recalculate_now()
    step.refresh()
    # Saaty's textbook matrix: 63.70 / 25.83 / 10.47 points, to two places.
    assert _column(step, CriteriaModel.COL_WEIGHT) == ["63.7", "25.83", "10.47"]
    assert step.model.index(0, CriteriaModel.COL_WEIGHT).data(Qt.EditRole).startswith("63.69")
    assert "pairwise comparison" in step.method_label.text()


def test_money_question_unanswered_then_weighed_separately(qtbot, step, document):
    question = step.money_question
    assert question.yes.accessibleName() == YES and question.no.accessibleName() == NO
    assert not question.yes.isChecked() and not question.no.isChecked()
    assert "Not answered yet" in question.status.text()
    assert any(f.text.startswith(QUESTION) for f in check(document.case))
    depth = document.undo_stack.count()
    question.no.click()
    assert document.undo_stack.count() == depth + 1
    assert document.case.weighting.money_separately is True
    assert question.no.isChecked() and not question.yes.isChecked()
    assert "weighs it separately" in question.status.text()
    assert not any(f.text.startswith(QUESTION) for f in check(document.case))
    # The answer survives swing weighting, and goes with undo.
    from ui.dialogs.weighting import SwingDialog
    swing = SwingDialog(document)
    qtbot.addWidget(swing)
    swing.accept()
    assert document.case.weighting.method == "swing"
    assert document.case.weighting.money_separately is True
    document.undo_stack.undo()
    document.undo_stack.undo()
    step.refresh()
    assert document.case.weighting is None and not question.no.isChecked()


def test_money_question_yes_adds_value_for_money_scored_from_the_npv(qtbot, step, document):
    question = step.money_question
    question.yes.click()
    document.recalculate_now()
    step.refresh()
    vfm = document.case.criteria[-1]
    assert (vfm.name, vfm.derived, vfm.weight) == ("Value for money", True, 10.0)
    assert len(document.case.criteria) == 4
    assert question.yes.isChecked() and not question.no.isEnabled()
    assert "'Value for money' is scored from each option's NPV" in question.status.text()
    assert not any(f.text.startswith(QUESTION) for f in check(document.case))
    # Its scores come from Results: worst and best by NPV against the baseline.
    scores = {o.name: o.scores[vfm.id] for o in document.results.options}
    low, high = min(scores, key=scores.get), max(scores, key=scores.get)
    assert _column(step, CriteriaModel.COL_SPAN)[3] == (
        f"from {low} ({scores[low]:.1f}) to {high} ({scores[high]:.1f})")


def test_money_question_yes_ticks_an_existing_value_for_money_criterion(qtbot, step, document):
    document.edit("rename", lambda d: d["criteria"][2].update(name="Value for money"))
    step.money_question.yes.click()
    assert len(document.case.criteria) == 3
    assert document.case.criteria[2].derived
    assert all("scale_capacity" not in o.scores for o in document.case.options)


def test_money_question_answered_by_keyboard(qtbot, step, document):
    step.show()
    qtbot.waitExposed(step)
    step.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is step, timeout=3000)
    step.money_question.yes.setFocus(Qt.TabFocusReason)
    for _ in range(40):
        if QApplication.focusWidget() is step.money_question.no:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert QApplication.focusWidget().accessibleName() == NO
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)
    assert document.case.weighting.money_separately is True


def test_an_older_files_swing_shares_are_shown_rounded(qtbot, document):
    """Swing weighting once wrote shares summing to 100 (100/170 → 58.82352941…): the table
    shows them to two places, never as 58.82352941."""
    def older(data):
        for c, share in zip(data["criteria"], (100 / 1.7, 50 / 1.7, 20 / 1.7)):
            c["weight"] = share
        data["weighting"] = {"method": "swing",
                             "swing": {"autonomy": 100, "user_voice": 50, "scale_capacity": 20}}
    document.edit("an older swing", older)
    step = CriteriaStep(document)
    qtbot.addWidget(step)
    assert _column(step, CriteriaModel.COL_WEIGHT) == ["58.82", "29.41", "11.76"]
