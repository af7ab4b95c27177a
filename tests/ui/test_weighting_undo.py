"""Undo and redo inside the weighting dialogs, for their own draft: Ctrl+Z in a cell steps back
through the changes made in the dialog, Ctrl+Shift+Z forward again, and OK is still one step of
the window's undo stack (the small case: autonomy 40, tenant voice 35, scale and capacity 25
points, so the swing ratings start at 100, 88 and 62)."""
from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication  # noqa: E402

from ui.dialogs.weighting import AhpDialog, SwingDialog  # noqa: E402
from ui.dialogs.weighting_tables import SwingModel  # noqa: E402
from ui.document import CaseDocument  # noqa: E402

SMALL = Path(__file__).resolve().parents[1] / "data" / "small-case.json"
RATING = SwingModel.COL_RATING


@pytest.fixture
def document(qtbot):
    doc = CaseDocument(json.loads(SMALL.read_text(encoding="utf-8")), debounce_ms=0)
    doc.recalculate_now()
    yield doc
    doc.wait_for_monte_carlo(30000)


def shown(dialog: SwingDialog) -> list[str]:
    return [dialog.model.index(r, RATING).data() for r in range(3)]


def open_dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)


def type_in_cell(qtbot, dialog: SwingDialog, row: int, text: str) -> None:
    """Type into the rating cell's own editor and press Enter, as a person does."""
    index = dialog.model.index(row, RATING)
    dialog.table.setCurrentIndex(index)
    dialog.table.setFocus()
    dialog.table.edit(index)
    editor = dialog.table.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.state() == QAbstractItemView.NoState, timeout=3000)


def test_ctrl_z_in_a_swing_cell_undoes_the_dialogs_own_changes(qtbot, document):
    dialog = SwingDialog(document)
    open_dialog(qtbot, dialog)
    assert shown(dialog) == ["100", "88", "62"]
    assert not dialog.history.undo_button.isEnabled()
    type_in_cell(qtbot, dialog, 1, "60")
    type_in_cell(qtbot, dialog, 2, "50")
    assert shown(dialog) == ["100", "60", "50"]

    # Ctrl+Z with the cursor inside a cell's open editor: the last rating goes back.
    index = dialog.model.index(1, RATING)
    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    editor = dialog.table.indexWidget(index)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)
    assert shown(dialog) == ["100", "60", "62"]
    assert dialog.ratings["scale_capacity"] == 62
    assert dialog.table.indexWidget(index) is editor and editor.hasFocus()   # still open
    qtbot.keyClick(editor, Qt.Key_Escape)
    qtbot.waitUntil(lambda: dialog.table.state() == QAbstractItemView.NoState, timeout=3000)
    # … and again from the table: back to where the dialog started; then forward once.
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key_Z, Qt.ControlModifier)
    assert shown(dialog) == ["100", "88", "62"]
    assert not dialog.history.undo_button.isEnabled() and dialog.history.redo_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert shown(dialog) == ["100", "60", "62"]
    # The weights beside follow the draft: 100/222 = 45.0%, 60/222 = 27.0%, 62/222 = 27.9%.
    assert [dialog.model.index(r, SwingModel.COL_WEIGHT).data() for r in range(3)] == [
        "45.0%", "27.0%", "27.9%"]

    # A move is undone too: the order and the first swing's 100 come back.
    dialog.table.selectRow(1)
    dialog.move(-1)
    assert dialog.order[0] == "user_voice" and dialog.ratings["user_voice"] == 100
    dialog.history.undo_button.click()
    assert dialog.order == ["autonomy", "user_voice", "scale_capacity"]
    assert shown(dialog) == ["100", "60", "62"]

    # OK writes the draft as it stands, as ONE step of the window's stack.
    depth = document.undo_stack.count()
    dialog.accept()
    assert document.undo_stack.count() == depth + 1
    assert [c.weight for c in document.case.criteria] == [100, 60, 62]
    document.undo_stack.undo()
    assert [c.weight for c in document.case.criteria] == [40, 35, 25]


def test_ctrl_z_in_the_pairwise_grid_undoes_a_judgement(qtbot, document):
    dialog = AhpDialog(document)
    open_dialog(qtbot, dialog)
    start = dialog.judgement_text(0, 1)
    combo = dialog.grid.indexWidget(dialog.model.index(0, 1))
    combo.setFocus()
    combo.setCurrentIndex(combo.findData(1 / 3))
    combo.activated.emit(combo.currentIndex())
    assert dialog.judgement_text(0, 1) == "1/3" and dialog.judgement_text(1, 0) == "3"
    qtbot.keyClick(combo, Qt.Key_Z, Qt.ControlModifier)
    assert dialog.judgement_text(0, 1) == start == "1" and combo.currentText() == "1"
    assert dialog.judgement_text(1, 0) == "1"
    # [[1,1,2],[1,1,1],[1/2,1,1]]: rows' geometric means 1.260 : 1 : 0.794, autonomy 41.3%.
    assert dialog.computed()[0][0] == pytest.approx(0.413, abs=3e-3)
    assert dialog.weights_model.index(0, 1).data() == "41.3%"
    qtbot.keyClick(combo, Qt.Key_Y, Qt.ControlModifier)
    assert dialog.judgement_text(0, 1) == "1/3" and dialog.judgement_text(1, 0) == "3"
    # [[1,1/3,2],[3,1,1],[1/2,1,1]]: geometric means 0.874 : 1.442 : 0.794, autonomy 28.1%.
    assert dialog.computed()[0][0] == pytest.approx(0.281, abs=3e-3)
    assert dialog.weights_model.index(0, 1).data() == "28.1%"
    depth = document.undo_stack.count()
    dialog.accept()
    assert document.undo_stack.count() == depth + 1
    assert document.case.weighting.ahp_matrix[0][1] == pytest.approx(1 / 3)
