"""A new case in the app: no scores, no criteria weighed, and no leader until the board has
chosen, weighed and scored (issue 14; docs/calculations.md, "Missing scores").

Driven through the real widgets: the Criteria step's pick-list, the Scores step's table and its
editor, and the status bar's label.
"""
from __future__ import annotations

from PySide6.QtCore import Qt

from ui.steps.scores import MISSING, NOT_SCORED, ScoreDelegate

CRITERIA, SCORES = 4, 5         # the steps' places in the list


def _new_case(qtbot, window):
    window.new_case()
    qtbot.waitUntil(lambda: window.document.results is not None, timeout=5000)
    return window.document


def _status(window) -> str:
    return window.leader_label.text()


def _pick(qtbot, window, names: list[str], even: bool):
    window.go_to_step(CRITERIA)
    picks = window.step(CRITERIA).pick_list
    for name in names:
        box = next(b for b in picks.boxes.values() if b.accessibleName() == name)
        box.click()
    (picks.even if even else picks.zero).click()
    picks.add_button.click()
    return picks


def test_a_new_cases_status_names_what_is_missing_until_every_option_is_scored(qtbot, window):
    doc = _new_case(qtbot, window)
    qtbot.waitUntil(lambda: _status(window).startswith("Not ranked yet"), timeout=5000)
    assert "Leading option" not in _status(window)
    assert _status(window).startswith("Not ranked yet: no criterion carries weight")

    picks = _pick(qtbot, window, ["Autonomy", "Mission fit"], even=False)
    assert [(c.name, c.weight) for c in doc.case.criteria] == [("Autonomy", 0.0),
                                                               ("Mission fit", 0.0)]
    assert "at weight 0" in picks.note.text()
    qtbot.waitUntil(lambda: "no criterion carries weight" in _status(window), timeout=5000)
    doc.undo_stack.undo()                       # one undo step takes both away
    assert doc.case.criteria == []

    _pick(qtbot, window, ["Autonomy", "Mission fit"], even=True)
    assert [c.weight for c in doc.case.criteria] == [10.0, 10.0]
    qtbot.waitUntil(lambda: "still to score" in _status(window), timeout=5000)
    assert _status(window).startswith(
        "Not ranked yet: still to score Remain standalone on Autonomy and Mission fit; Shared "
        "back office on Autonomy and Mission fit")

    window.go_to_step(SCORES)
    model = window.step(SCORES).model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and model.columnCount() == 4, timeout=5000)
    for row, values in enumerate(([8, 6], [5, 9])):
        for col, value in enumerate(values):
            assert model.setData(model.index(row, col), str(value), Qt.EditRole)
            if (row, col) != (1, 1):
                qtbot.waitUntil(lambda: "Leading option" not in _status(window), timeout=5000)
    # standalone 10 × (0.5 × 8 + 0.5 × 6) = 70; the back office 10 × (0.5 × 5 + 0.5 × 9) = 70:
    # tied, so the first in the case's order leads
    qtbot.waitUntil(lambda: _status(window).startswith(
        "Leading option: Remain standalone — score 70.0"), timeout=5000)
    assert "Before the paper:" in _status(window)      # names and money are still to enter


def test_unscored_cells_are_shown_as_missing_and_read_as_not_scored(qtbot, window):
    doc = _new_case(qtbot, window)
    _pick(qtbot, window, ["Autonomy"], even=True)
    assert doc.set_value(("options", 0, "scores", "autonomy"), 7.0, "score") == []
    window.go_to_step(SCORES)
    step = window.step(SCORES)
    model = step.model
    qtbot.waitUntil(lambda: model.index(0, 1).data() == "70.0", timeout=5000)
    unscored = model.index(1, 0)
    assert unscored.data() == MISSING and unscored.data(Qt.AccessibleTextRole) == NOT_SCORED
    assert unscored.data(Qt.EditRole) is None
    assert "not scored on Autonomy yet" in unscored.data(Qt.ToolTipRole)
    assert model.index(0, 0).data() == "7" and model.index(0, 0).data(Qt.AccessibleTextRole) != \
        NOT_SCORED
    # the weighted score of the unscored option and every rank show the dash
    assert [model.index(r, 1).data() for r in (0, 1)] == ["70.0", MISSING]
    assert [model.index(r, 2).data() for r in (0, 1)] == [MISSING, MISSING]
    assert model.index(1, 2).data(Qt.AccessibleTextRole) == (
        "not ranked until every option is scored")
    assert step.missing_label.text() == model.index(1, 1).data(Qt.ToolTipRole) == (
        "No option can be ranked or recommended until every option is scored. Still to "
        "score: Shared back office on Autonomy.")


def test_the_score_editor_opened_and_left_on_an_unscored_cell_writes_nothing(qtbot, window):
    doc = _new_case(qtbot, window)
    _pick(qtbot, window, ["Autonomy"], even=True)
    window.go_to_step(SCORES)
    step = window.step(SCORES)
    delegate, index = ScoreDelegate(), step.model.index(1, 0)
    editor = delegate.createEditor(step.table.viewport(), None, index)
    delegate.setEditorData(editor, index)
    assert editor.text() == NOT_SCORED
    before = doc.undo_stack.count()
    delegate.setModelData(editor, step.model, index)
    assert doc.undo_stack.count() == before and doc.case.options[1].scores == {}
    editor.setValue(6.5)
    delegate.setModelData(editor, step.model, index)
    assert doc.case.options[1].scores == {"autonomy": 6.5}
    delegate.setEditorData(editor, index)
    editor.setValue(editor.minimum())               # taken back to "not scored"
    delegate.setModelData(editor, step.model, index)
    assert doc.case.options[1].scores.get("autonomy") is None
    editor.deleteLater()


def test_the_board_paper_step_of_an_unscored_case_says_what_blocks_the_recommendation(
        qtbot, window):
    _new_case(qtbot, window)
    _pick(qtbot, window, ["Autonomy"], even=True)
    qtbot.waitUntil(lambda: window.document.results is not None
                    and "autonomy" in window.document.results.weights, timeout=5000)
    window.go_to_step(10)
    step = window.step(10)
    assert step.leader.text() == (
        "No option can be ranked or recommended until every option is scored. Still to score: "
        "Remain standalone on Autonomy; Shared back office on Autonomy.")
    assert "Missing: Autonomy is not scored yet" in step.checks.text()
    assert step.resolution_draft.text().endswith(
        "a recommendation follows once every option is scored.”")
