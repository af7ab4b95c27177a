"""The standard criteria as a pick-list the board ticks (domain.md §3, :mod:`appraisal.defaults`).

A new case starts with no criteria. This panel on the Criteria step lists the criteria Continuum
knows (the twelve of domain.md, three more from the research, and value for money from the
NPV), each with its description as a tooltip. The board ticks those it will use and adds them in
one undo step, each with its anchors (what 0 and 10 mean, to rewrite in its own words) and, as it
chooses, a weight of 0 (to weigh next) or an even share. Nothing is weighted or scored silently.
The list is open while the case has no criteria, and folds away behind its title button once it
has some (so that the criteria table keeps the room), to be opened again at will.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QGridLayout, QHBoxLayout, QLabel,
                               QPushButton, QRadioButton, QToolButton, QVBoxLayout, QWidget)

from appraisal.defaults import STANDARD_CRITERIA, picked_criteria
from ui.document import CaseDocument
from ui.steps import criteria_edits as edits

COLUMNS = 3
ZERO_TEXT = "Weight 0 (weigh them next)"
EVEN_TEXT = "An even share each"


TITLE = "Standard criteria to pick from"


class CriteriaPickList(QWidget):
    """Tick standard criteria and add them, at weight 0 or an even share."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.toggle = QToolButton(self)
        self.toggle.setText(TITLE)
        self.toggle.setAccessibleName(TITLE)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self._open)
        self.body = QWidget(self)
        self._opened_for: bool | None = None      # whether the case had criteria when last set
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for k, item in enumerate(STANDARD_CRITERIA):
            box = QCheckBox(item["name"], self.body)
            box.setToolTip(item["description"])
            box.setAccessibleName(item["name"])
            box.setAccessibleDescription(item["description"])
            box.toggled.connect(self._update_button)
            self.boxes[item["id"]] = box
            grid.addWidget(box, k // COLUMNS, k % COLUMNS)
        self.zero = QRadioButton(ZERO_TEXT, self.body)
        self.zero.setAccessibleName(ZERO_TEXT)
        self.even = QRadioButton(EVEN_TEXT, self.body)
        self.even.setAccessibleName(EVEN_TEXT)
        self.even.setToolTip("Each gets the average weight of the criteria already weighted "
                             "(10 points when none is)")
        self.zero.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.zero)
        group.addButton(self.even)
        self.add_button = QPushButton("Add the ticked criteria", self.body)
        self.add_button.clicked.connect(self.add_ticked)
        self.note = QLabel(self.body)
        self.note.setTextFormat(Qt.PlainText)
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.zero)
        row.addWidget(self.even)
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel("Tick the criteria the board will weigh the options on. Each comes with "
                       "what a score of 0 and of 10 means, to rewrite in the board's words. "
                       "None carries weight until you give it some, and no option is scored "
                       "on it until the board scores it.", self.body)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(row)
        layout.addWidget(self.note)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.toggle)
        outer.addWidget(self.body)
        self.refresh()

    def _open(self, opened: bool) -> None:
        self.toggle.setArrowType(Qt.DownArrow if opened else Qt.RightArrow)
        self.body.setVisible(opened)

    def ticked(self) -> list[str]:
        return [cid for cid, box in self.boxes.items() if box.isChecked() and box.isEnabled()]

    def refresh(self) -> None:
        """Criteria already in the case are shown ticked and cannot be added again. The list is
        opened while the case has no criteria and folded when a case with criteria is shown."""
        have = {c.id for c in self.document.case.criteria}
        if self._opened_for != bool(have):
            if self._opened_for is None or not have:
                self.toggle.setChecked(not have)
                self._open(not have)
            self._opened_for = bool(have)
        for cid, box in self.boxes.items():
            if cid in have:
                box.blockSignals(True)
                box.setChecked(True)
                box.blockSignals(False)
            elif not box.isEnabled():
                box.setChecked(False)
            box.setEnabled(cid not in have)
        self._update_button()

    def _update_button(self) -> None:
        self.add_button.setEnabled(bool(self.ticked()))

    def add_ticked(self) -> list:
        ids = self.ticked()
        if not ids:
            return []
        existing = [c.model_dump(mode="json") for c in self.document.case.criteria]
        chosen = picked_criteria(ids, existing, even=self.even.isChecked())

        def mutate(data: dict) -> None:
            for criterion in chosen:
                edits.add_criterion(data, criterion)
        n = len(chosen)
        problems = self.document.edit(f"add {n} standard criteri{'a' if n != 1 else 'on'}",
                                      mutate)
        if not problems:
            weight = "an even share each" if self.even.isChecked() else "weight 0: weigh them next"
            self.note.setText(f"Added {n} criteri{'a' if n != 1 else 'on'} at {weight}; "
                              "score each option on them in the Scores step.")
        self.refresh()
        return problems
