"""Two ways for a board to arrive at weights: swing weighting and AHP pairwise comparison.

Both dialogs work the weights out with :mod:`appraisal.scoring` (``swing_weights``,
``ahp_weights``) and, on OK, write them as weight points together with the record of how they
were set (``case["weighting"]``) in ONE undoable edit of the case. Both tables are built on the
app's one table model (:mod:`ui.dialogs.weighting_tables`).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QLayout, QVBoxLayout, QWidget)

from ui.dialogs.draft_history import DraftHistory
from ui.dialogs.weighting_drafts import SAATY, PairwiseDraft, nearest_saaty, saaty_text
from ui.dialogs.weighting_tables import PairwiseModel, WeightsModel
from ui.document import CaseDocument
from ui.widgets.edit_table import edit_table
from ui.widgets.fields import explanation_label
from ui.widgets.inline_error import InlineError
from ui.widgets.table_model import ColumnDelegate
from ui.widgets.tones import style_error_label

CR_LIMIT = 0.10
CELL_WIDTH = 118        # a judgement column: long criterion names are elided in the middle

__all__ = ["SAATY", "AhpDialog", "SwingDialog", "apply_weights", "nearest_saaty",
           "saaty_text"]


def apply_weights(data: dict, weights: dict[str, float], weighting: dict,
                  as_points: bool = False) -> None:
    """Write the weights with the record of the method. ``weights`` are fractions, written as
    points summing to 100, or (``as_points``) points already, written as they are (swing
    ratings: the ratings given are the points). Anything else the case's record holds (the
    board's answer on value for money) is kept."""
    for criterion in data["criteria"]:
        if criterion["id"] in weights:
            value = float(weights[criterion["id"]])
            criterion["weight"] = value if as_points else 100.0 * value
    kept = {k: v for k, v in (data.get("weighting") or {}).items()
            if k not in ("method", "swing", "ahp_order", "ahp_matrix")}
    data["weighting"] = {**weighting, **kept}


def lay_out(dialog: QDialog, explanation: str, main: QWidget | QLayout,
            *below: QWidget | QLayout) -> InlineError:
    """Both dialogs' frame, top to bottom: the explanation, ``main`` (it takes the spare
    height), the parts ``below``, the inline error for a refused edit (returned), OK/Cancel."""
    layout = QVBoxLayout(dialog)
    layout.addWidget(explanation_label(explanation))
    for k, part in enumerate((main, *below)):
        add = layout.addLayout if isinstance(part, QLayout) else layout.addWidget
        add(part, 1 if k == 0 else 0)
    error = InlineError(dialog)
    layout.addWidget(error)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    row = QHBoxLayout()                 # the draft's Undo and Redo on the left, OK on the right
    row.addWidget(buttons, 1)
    layout.addLayout(row)
    dialog.button_row = row
    return error


class JudgementDelegate(ColumnDelegate):
    """The scale's list in a judgement cell, named for a screen reader by the pair it judges;
    each choice shows its value (3, 1/3) and says what it means in its tooltip."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's name
        editor = super().createEditor(parent, option, index)
        model = index.model()
        editor.setAccessibleName(f"{model.row_label(index.row())} against "
                                 f"{model.row_label(index.column())}")
        for k in range(editor.count()):
            meaning = editor.itemText(k)
            editor.setItemData(k, meaning, Qt.ToolTipRole)
            editor.setItemText(k, saaty_text(editor.itemData(k)))
        return editor


class AhpDialog(QDialog):
    """Compare each pair of criteria on Saaty's 1–9 scale; weights and consistency live."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Pairwise comparison (AHP)")
        self.document = document
        self.draft = PairwiseDraft(document)
        self.ids, self.names = self.draft.ids, self.draft.names
        n = len(self.ids)

        self.model = PairwiseModel(self.draft, document, self)
        self.grid = edit_table(self.model, self, delegate=JudgementDelegate,
                               name="Pairwise comparisons")
        for header in (self.grid.horizontalHeader(), self.grid.verticalHeader()):
            header.setTextElideMode(Qt.ElideMiddle)
        self.grid.setTextElideMode(Qt.ElideMiddle)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.grid.horizontalHeader().setDefaultSectionSize(CELL_WIDTH)
        self.grid.verticalHeader().setMaximumWidth(220)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.grid.verticalHeader().setDefaultSectionSize(
            self.grid.fontMetrics().height() + 16)
        for i in range(n):
            for j in range(i + 1, n):
                self.grid.openPersistentEditor(self.model.index(i, j))
        self.model.problemsChanged.connect(self._show_refusals)
        self.model.edited.connect(self._update)

        self.weights_model = WeightsModel(self.draft, document, self)
        self.weights_table = edit_table(self.weights_model, self, name="Weights")
        self.weights_table.verticalHeader().setVisible(False)
        self.weights_table.setTextElideMode(Qt.ElideMiddle)
        self.weights_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.weights_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeToContents)
        self.cr_label = QLabel(self)
        self.cr_label.setWordWrap(True)
        self.cr_label.setTextFormat(Qt.PlainText)
        body = QHBoxLayout()
        body.addWidget(self.grid, 3)
        body.addWidget(self.weights_table, 1)
        self.error = lay_out(
            self, "Each cell says how much more important the row's criterion is than the "
            "column's: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more "
            "important; 1/3 … 1/9 when the column's criterion is the more important. Pick from "
            "the list or type the value (3, or 1/3); the cells below the diagonal follow.",
            body, self.cr_label)
        self.history = DraftHistory(self, self.button_row, lambda: self.matrix.tolist(),
                                    self._restore)
        self.model.edited.connect(lambda: self.history.record("change a judgement"))
        self.resize(min(1280, 520 + CELL_WIDTH * n), min(720, 300 + 40 * n))
        self._update()

    def judgement_text(self, i: int, j: int) -> str:
        """What the grid shows for row i against column j."""
        return self.model.index(i, j).data()

    def type_judgement(self, i: int, j: int, text: str) -> bool:
        """Type or pick a judgement, as a person would; False (the reason under the grid) if it
        is refused."""
        return self.model.setData(self.model.index(i, j), text)

    def set_judgement(self, i: int, j: int, value: float) -> None:
        """Row i against column j (i < j); the mirror cell takes the reciprocal."""
        self.draft.set_judgement(i, j, value)
        self.model.judgement_changed(i, j)
        self._update()
        self.history.record("change a judgement")

    def _restore(self, matrix: list[list[float]]) -> None:
        """Undo or redo in the dialog: the judgements become ``matrix``."""
        self.draft.matrix[:, :] = matrix
        self.model.forget_errors()
        n = len(self.ids)
        for i in range(n):
            for j in range(i + 1, n):
                self.model.judgement_changed(i, j)
        self.error.clear()
        self._update()

    @property
    def matrix(self) -> np.ndarray:
        return self.draft.matrix

    def computed(self) -> tuple[np.ndarray, float, float]:
        """(weights, CI, CR) of the current matrix, from appraisal.scoring.ahp_weights."""
        return self.draft.computed()

    def _show_refusals(self, messages: list[str]) -> None:
        if messages:
            self.error.show_message(messages[-1])
        else:
            self.error.clear()

    def _update(self) -> None:
        _weights, _ci, cr = self.computed()
        self.weights_model.refresh()
        n = len(self.ids)
        if n <= 2:
            self.cr_label.setText("With two criteria the comparisons are always consistent.")
            self.cr_label.setPalette(self.palette())
        elif cr > CR_LIMIT:
            self.cr_label.setText(
                f"Consistency ratio {cr:.2f}: above 0.10, so some judgements contradict each "
                "other. Look again at the strongest preferences: if A is more important than B "
                "and B than C, A should be more important than C by more still.")
            style_error_label(self.cr_label)
        else:
            self.cr_label.setText(f"Consistency ratio {cr:.2f}: acceptable (0.10 or less).")
            self.cr_label.setPalette(self.palette())

    def accept(self) -> None:
        weights, _ci, _cr = self.computed()
        record = {"method": "ahp", "ahp_order": list(self.ids),
                  "ahp_matrix": self.matrix.tolist()}
        problems = self.document.edit(
            "weigh criteria by pairwise comparison (AHP)",
            lambda data: apply_weights(
                data, {cid: float(w) for cid, w in zip(self.ids, weights)}, record))
        if problems:
            self.error.show_problems(problems)
            return
        super().accept()


# The swing dialog lives in its own module; it is offered from here with the AHP dialog.
from ui.dialogs.swing import SwingDialog  # noqa: E402
