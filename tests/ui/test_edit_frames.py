"""The frames the editing steps and the weighting dialogs share: one table set-up
(ui.widgets.edit_table) and one dialog frame (explanation, body, inline error, OK/Cancel)."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtWidgets import (QAbstractItemView, QDialogButtonBox, QHeaderView,  # noqa: E402
                               QTableView)

from ui.dialogs.weighting import AhpDialog, SwingDialog  # noqa: E402
from ui.document import CaseDocument  # noqa: E402
from ui.steps.criteria import CriteriaStep  # noqa: E402
from ui.steps.money import MoneyStep  # noqa: E402
from ui.steps.scores import ScoreDelegate, ScoresStep  # noqa: E402
from ui.widgets.inline_error import InlineError  # noqa: E402
from ui.widgets.table_model import ColumnDelegate  # noqa: E402


@pytest.fixture
def document(small_case_path):
    return CaseDocument(json.loads(small_case_path.read_text(encoding="utf-8")), debounce_ms=0)


def _interactive(table: QTableView) -> bool:
    header = table.horizontalHeader()
    return all(header.sectionResizeMode(i) == QHeaderView.Interactive
               for i in range(table.model().columnCount()))


def test_editing_tables_select_one_thing_and_let_columns_be_widened(qtbot, document):
    criteria, scores, money = CriteriaStep(document), ScoresStep(document), MoneyStep(document)
    for step in (criteria, scores, money):
        qtbot.addWidget(step)
    lines = money.findChildren(QTableView)
    assert len(lines) == 7                                  # one tab a kind of line
    for table in [criteria.table, scores.table, *lines]:
        assert table.selectionMode() == QAbstractItemView.SingleSelection
        assert _interactive(table)
        assert table.editTriggers() & QAbstractItemView.AnyKeyPressed     # typing edits
    assert criteria.table.selectionBehavior() == QAbstractItemView.SelectRows
    assert scores.table.selectionBehavior() == QAbstractItemView.SelectItems
    assert isinstance(scores.table.itemDelegate(), ScoreDelegate)
    for table in lines:
        assert table.selectionBehavior() == QAbstractItemView.SelectRows
        assert isinstance(table.itemDelegate(), ColumnDelegate)
        assert table.editTriggers() & QAbstractItemView.SelectedClicked


def _frame(dialog):
    layout = dialog.layout()
    return [layout.itemAt(i).widget() or layout.itemAt(i).layout() for i in range(layout.count())]


@pytest.mark.parametrize("dialog_class", [SwingDialog, AhpDialog])
def test_weighting_dialogs_share_one_frame(qtbot, document, dialog_class):
    dialog = dialog_class(document)
    qtbot.addWidget(dialog)
    parts = _frame(dialog)
    row = parts[-1]             # the draft's Undo and Redo, then OK and Cancel
    buttons = row.itemAt(row.count() - 1).widget()
    assert isinstance(buttons, QDialogButtonBox) and parts[-2] is dialog.error
    assert [row.itemAt(i).widget().text() for i in range(2)] == ["Undo", "Redo"]
    assert isinstance(dialog.error, InlineError)
    layout = dialog.layout()
    assert [layout.stretch(i) for i in range(layout.count())] == [0, 1] + [0] * (len(parts) - 2)
    with qtbot.waitSignal(dialog.rejected):
        buttons.button(QDialogButtonBox.Cancel).click()
    assert document.case.weighting is None


def test_ok_in_the_frame_writes_the_swing_weights(qtbot, document):
    dialog = SwingDialog(document)
    qtbot.addWidget(dialog)
    assert dialog.type_rating("user_voice", "50")
    assert dialog.type_rating("scale_capacity", "50")
    with qtbot.waitSignal(dialog.accepted):
        row = _frame(dialog)[-1]
        row.itemAt(row.count() - 1).widget().button(QDialogButtonBox.Ok).click()
    assert [c.weight for c in document.case.criteria] == [100, 50, 50]
    assert document.case.weighting.method == "swing"
