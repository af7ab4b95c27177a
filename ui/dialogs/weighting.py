"""Two ways for a board to arrive at weights: swing weighting and AHP pairwise comparison.

Both dialogs work the weights out with :mod:`appraisal.scoring` (``swing_weights``,
``ahp_weights``) and, on OK, write them as points summing to 100 together with the record of
how they were set (``case["weighting"]``) in ONE undoable edit of the case.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox,
                               QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLayout,
                               QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from appraisal.formatting import pct
from appraisal.scoring import RANDOM_INDEX, ahp_weights
from ui.document import CaseDocument
from ui.widgets.fields import explanation_label
from ui.widgets.inline_error import InlineError
from ui.widgets.tones import style_error_label

# Saaty's scale: how much more important the row's criterion is than the column's.
SAATY = [9, 8, 7, 6, 5, 4, 3, 2, 1] + [1 / k for k in range(2, 10)]
CR_LIMIT = 0.10


def apply_weights(data: dict, weights: dict[str, float], weighting: dict) -> None:
    """Weights (fractions) written as points summing to 100, with the record of the method."""
    for criterion in data["criteria"]:
        if criterion["id"] in weights:
            criterion["weight"] = 100.0 * float(weights[criterion["id"]])
    data["weighting"] = weighting


def saaty_text(value: float) -> str:
    """3 → '3', 1/3 → '1/3'."""
    return str(int(round(value))) if value >= 1 else f"1/{int(round(1 / value))}"


def nearest_saaty(ratio: float) -> float:
    """The scale value nearest a ratio of weights, on a log scale (ratio 2.4 → 2)."""
    if ratio <= 0 or not np.isfinite(ratio):
        return 1.0
    return min(SAATY, key=lambda v: abs(np.log(v) - np.log(ratio)))


def _table(rows: int, headers: list[str]) -> QTableWidget:
    table = QTableWidget(rows, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
    return table


def _lay_out(dialog: QDialog, explanation: str, main: QWidget | QLayout,
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
    layout.addWidget(buttons)
    return error


def _item(text: str, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align_right:
        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    return item


class AhpDialog(QDialog):
    """Compare each pair of criteria on Saaty's 1–9 scale; weights and consistency live."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Pairwise comparison (AHP)")
        self.document = document
        criteria = document.case.criteria
        self.ids = [c.id for c in criteria]
        self.names = [c.name for c in criteria]
        n = len(self.ids)
        if n > len(RANDOM_INDEX):
            raise ValueError("pairwise comparison takes at most 10 criteria")
        self.matrix = np.ones((n, n))
        saved = document.case.weighting
        if saved is not None and saved.ahp_matrix and sorted(saved.ahp_order or []) == sorted(
                self.ids):
            pos = [saved.ahp_order.index(cid) for cid in self.ids]
            self.matrix = np.array(saved.ahp_matrix, dtype=float)[np.ix_(pos, pos)]
        else:
            w = [c.weight for c in criteria]
            for i in range(n):
                for j in range(i + 1, n):
                    v = nearest_saaty(w[i] / w[j]) if w[i] > 0 and w[j] > 0 else 1.0
                    self.matrix[i, j], self.matrix[j, i] = v, 1.0 / v

        grid_widget = QWidget(self)
        grid = QGridLayout(grid_widget)
        self.combos: dict[tuple[int, int], QComboBox] = {}
        self.mirrors: dict[tuple[int, int], QLabel] = {}
        for k, name in enumerate(self.names):
            head = QLabel(f"{k + 1}", grid_widget)
            head.setToolTip(name)
            head.setAlignment(Qt.AlignCenter)
            grid.addWidget(head, 0, k + 1)
            grid.addWidget(QLabel(f"{k + 1}. {name}", grid_widget), k + 1, 0)
        for i in range(n):
            for j in range(n):
                if i < j:
                    box = QComboBox(grid_widget)
                    for v in SAATY:
                        box.addItem(saaty_text(v), v)
                    box.setCurrentIndex(SAATY.index(nearest_saaty(self.matrix[i, j])))
                    box.setToolTip(f"How much more important is '{self.names[i]}' than "
                                   f"'{self.names[j]}'? 1/3 … 1/9: the second is the more "
                                   "important.")
                    box.setAccessibleName(f"{self.names[i]} against {self.names[j]}")
                    box.currentIndexChanged.connect(
                        lambda _k, a=i, b=j, bx=box: self.set_judgement(a, b, bx.currentData()))
                    self.combos[(i, j)] = box
                    grid.addWidget(box, i + 1, j + 1)
                else:
                    label = QLabel("1" if i == j else saaty_text(self.matrix[i, j]), grid_widget)
                    label.setAlignment(Qt.AlignCenter)
                    if i > j:
                        self.mirrors[(i, j)] = label
                    grid.addWidget(label, i + 1, j + 1)
        scroll = QScrollArea(self)
        scroll.setWidget(grid_widget)
        scroll.setWidgetResizable(True)

        self.weights_table = _table(n, ["Criterion", "Weight"])
        self.cr_label = QLabel(self)
        self.cr_label.setWordWrap(True)
        self.cr_label.setTextFormat(Qt.PlainText)
        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addWidget(self.weights_table, 2)
        self.error = _lay_out(
            self, "Each cell says how much more important the row's criterion is than the "
            "column's: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more "
            "important; 1/3 … 1/9 when the column's criterion is the more important.",
            body, self.cr_label)
        self.resize(min(1200, 420 + 80 * n), 460)
        self._update()

    def set_judgement(self, i: int, j: int, value: float) -> None:
        """Row i against column j (i < j); the mirror cell takes the reciprocal."""
        self.matrix[i, j] = float(value)
        self.matrix[j, i] = 1.0 / float(value)
        if (i, j) in self.combos:
            box = self.combos[(i, j)]
            box.blockSignals(True)
            box.setCurrentIndex(SAATY.index(nearest_saaty(value)))
            box.blockSignals(False)
        self.mirrors[(j, i)].setText(saaty_text(self.matrix[j, i]))
        self._update()

    def computed(self) -> tuple[np.ndarray, float, float]:
        """(weights, CI, CR) of the current matrix, from appraisal.scoring.ahp_weights."""
        return ahp_weights(self.matrix.tolist())

    def _update(self) -> None:
        weights, _ci, cr = self.computed()
        for row, name in enumerate(self.names):
            self.weights_table.setItem(row, 0, _item(name))
            self.weights_table.setItem(row, 1, _item(pct(float(weights[row]), 1), True))
        self.weights_table.resizeColumnToContents(1)
        n = len(self.ids)
        if n <= 2:
            self.cr_label.setText("With two criteria the comparisons are always consistent.")
            self.cr_label.setStyleSheet("")
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

__all__ = ["AhpDialog", "SwingDialog", "apply_weights"]
