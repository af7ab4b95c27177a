"""The weights panel of the Sensitivity step: a slider per criterion that re-ranks live.

Moving a slider edits the criterion's weight (points) through the document; a whole drag is one
undo step. The ranks and switching weights beside the sliders are read from Results.
"""
from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QSlider, QVBoxLayout, QWidget

from appraisal.formatting import pct
from ui.document import CaseDocument, MergeKey
from ui.steps import criteria_edits as edits
from ui.widgets.columns import number_text
from ui.widgets.fields import explanation_label
from ui.widgets.figure_table import FigureTable
from ui.widgets.inline_error import InlineError
from ui.steps.results_text import rank_cell, score_cell

_DRAGS = itertools.count(1)


class WeightSliders(QWidget):
    """One slider a criterion (0–100 points, more if a weight is above 100)."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.sliders: dict[str, QSlider] = {}
        self.points: dict[str, QLabel] = {}
        self.shares: dict[str, QLabel] = {}
        self._drag = next(_DRAGS)
        self._ids: list[str] = []
        self.grid = QGridLayout()
        self.error = InlineError(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def refresh(self) -> None:
        criteria = self.document.case.criteria
        ids = [c.id for c in criteria]
        if ids != self._ids:
            self._build(criteria)
        res = self.document.results
        for c in criteria:
            slider = self.sliders[c.id]
            if not slider.isSliderDown():
                slider.blockSignals(True)
                slider.setMaximum(max(100, int(round(c.weight + 0.5))))
                slider.setValue(int(round(c.weight)))
                slider.blockSignals(False)
            self.points[c.id].setText(number_text(round(c.weight, 2)))
            share = res.weights.get(c.id) if res is not None else None
            self.shares[c.id].setText(pct(share, 1) if share is not None else "")

    def _build(self, criteria) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.sliders.clear()
        self.points.clear()
        self.shares.clear()
        self._ids = [c.id for c in criteria]
        for col, head in enumerate(("Criterion", "Weight (points)", "", "Share")):
            label = QLabel(head, self)
            label.setTextFormat(Qt.PlainText)
            self.grid.addWidget(label, 0, col)
        for row, c in enumerate(criteria, start=1):
            name = QLabel(c.name, self)
            name.setTextFormat(Qt.PlainText)
            name.setToolTip(c.description or c.name)
            slider = QSlider(Qt.Horizontal, self)
            slider.setRange(0, 100)
            slider.setPageStep(5)
            slider.setMinimumWidth(160)
            slider.setAccessibleName(f"Weight of {c.name}")
            slider.valueChanged.connect(lambda v, cid=c.id: self.move(cid, v))
            slider.sliderReleased.connect(self._end_drag)
            points, share = QLabel(self), QLabel(self)
            for lab in (points, share):
                lab.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
                lab.setMinimumWidth(48)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(slider, row, 1)
            self.grid.addWidget(points, row, 2)
            self.grid.addWidget(share, row, 3)
            self.sliders[c.id], self.points[c.id], self.shares[c.id] = slider, points, share
        self.grid.setColumnStretch(1, 1)

    def _end_drag(self) -> None:
        self._drag = next(_DRAGS)

    def move(self, cid: str, value: int) -> list:
        """Write a slider's value as the criterion's weight; one drag is one undo step."""
        ids = [c.id for c in self.document.case.criteria]
        if cid not in ids:
            return []
        index = ids.index(cid)
        name = self.document.case.criteria[index].name
        problems = self.document.edit(
            f"change weight of {name}", lambda d: edits.set_weight(d, index, float(value)),
            merge_key=MergeKey.of("weight slider", cid, self._drag))
        self.error.show_problems(problems)
        return problems


class WeightsPanel(QWidget):
    """Sliders on the left; the live ranking and the switching weights on the right."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.sliders = WeightSliders(document, self)
        self.ranks = FigureTable(parent=self)
        self.ranks.setAccessibleName("Ranking at these weights")
        self.switching = FigureTable(parent=self)
        self.switching.setAccessibleName("Switching weights")
        left = QGroupBox("Weights (drag to test; Undo puts them back)", self)
        QVBoxLayout(left).addWidget(self.sliders)
        right = QGroupBox("Ranking at these weights", self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.ranks)
        right_layout.addWidget(QLabel("Switching weights", self))
        right_layout.addWidget(explanation_label(
            "The share of the total weight at which the leading option would stop leading, "
            "the other weights keeping their proportions."))
        right_layout.addWidget(self.switching)
        right_layout.addStretch(1)
        layout = QGridLayout(self)
        layout.addWidget(left, 0, 0)
        layout.addWidget(right, 0, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)

    def refresh(self) -> None:
        self.sliders.refresh()
        res = self.document.results
        if res is None:
            return
        self.ranks.set_rows(["Option", "Weighted score", "Rank"], [
            [o.name, score_cell(o.weighted_score), rank_cell(o.rank)]
            for o in res.options])
        self.ranks.fit_height()
        rows = []
        for c in res.case.criteria:
            sw = res.switching_weights.get(c.id)
            rows.append([c.name, (pct(res.weights.get(c.id), 1), res.weights.get(c.id)),
                         (pct(sw, 1) if sw is not None else "none in 0–100%", sw)])
        self.switching.set_rows(["Criterion", "Share now", "Switching weight"], rows)
        self.switching.fit_height(max_rows=16)

    def rank_column(self) -> dict[str, int]:
        """Option name → rank as the table shows it (for tests and screen readers)."""
        return {self.ranks.text(r, 0): int(self.ranks.text(r, 2))
                for r in range(self.ranks.proxy.rowCount())}
