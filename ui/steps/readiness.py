"""Step 9, Readiness and risks: the checklist before going ahead, and the risk register.

The research is wary of pass marks, so each readiness item has a status and a note, never a
score (domain.md §4). The default items and risks can be added to any case at any time.
"""
from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.document import CaseDocument
from appraisal.defaults import readiness_items, risk_items
from ui.widgets.columns import Column
from ui.widgets.fields import explanation_label
from ui.widgets.record_table import RecordTable

STATUSES = [("not_started", "Not started"), ("in_progress", "In progress"), ("done", "Done"),
            ("not_applicable", "Not applicable")]
SCALE = [(n, f"{n}") for n in range(1, 6)]


def option_choices(document: CaseDocument) -> list[tuple[object, str]]:
    return [(None, "All options")] + [(o.id, o.name or o.id) for o in document.case.options]


READINESS_COLUMNS = (
    Column("item", "Item", tip="Something to have in place before going ahead."),
    Column("status", "Status", "choice", "Where it stands now.", choices=STATUSES, width=130),
    Column("note", "Note", tip="Evidence, owner or what is still needed."),
)
RISK_COLUMNS = (
    Column("risk", "Risk", tip="What could go wrong."),
    Column("option", "Option", "choice", "The option it belongs to, or all options.",
           choices=option_choices, width=170),
    Column("likelihood", "Likelihood", "choice", "1 = rare … 5 = almost certain.",
           choices=SCALE, width=90),
    Column("impact", "Impact", "choice", "1 = minor … 5 = severe.", choices=SCALE, width=80),
    Column("mitigation", "Mitigation", tip="What will be done to reduce it."),
    Column("owner", "Owner", width=120, tip="Who watches it."),
)


def _add_missing(data: dict, key: str, field: str, defaults: list[dict]) -> None:
    have = {entry.get(field) for entry in data.get(key, [])}
    data.setdefault(key, []).extend(d for d in defaults if d[field] not in have)


class ReadinessStep(QWidget):
    TITLE = "Readiness and risks"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.readiness = RecordTable(document, ("readiness",), READINESS_COLUMNS, "item")
        self.risks = RecordTable(document, ("risks",), RISK_COLUMNS, "risk")

        ready_box = QGroupBox("Readiness checklist")
        ready_layout = QVBoxLayout(ready_box)
        ready_layout.addWidget(explanation_label(
            "A status and a note for each item; there is no pass mark. Type in the cells."))
        ready_layout.addWidget(self.readiness, 1)
        self.add_item = QPushButton("Add &item")
        self.remove_item = QPushButton("&Remove item")
        self.default_items = QPushButton("Add the &usual items")
        self.default_items.setToolTip("Add the standard readiness items this case lacks.")
        ready_layout.addLayout(self._row(self.add_item, self.remove_item, self.default_items))

        risk_box = QGroupBox("Risk register")
        risk_layout = QVBoxLayout(risk_box)
        risk_layout.addWidget(explanation_label(
            "Likelihood and impact from 1 (low) to 5 (high); the board paper plots them."))
        risk_layout.addWidget(self.risks, 1)
        self.add_risk = QPushButton("Add ris&k")
        self.remove_risk = QPushButton("Remo&ve risk")
        self.default_risks = QPushButton("Add the usual ri&sks")
        self.default_risks.setToolTip("Add the standard partnership risks this case lacks.")
        risk_layout.addLayout(self._row(self.add_risk, self.remove_risk, self.default_risks))

        layout = QVBoxLayout(self)
        layout.addWidget(ready_box, 1)
        layout.addWidget(risk_box, 1)

        self.add_item.clicked.connect(lambda: self.readiness.append(
            {"item": "New item", "status": "not_started", "note": ""}, "add a readiness item"))
        self.remove_item.clicked.connect(
            lambda: self.readiness.remove_current("remove a readiness item"))
        self.default_items.clicked.connect(self.add_default_items)
        self.add_risk.clicked.connect(lambda: self.risks.append(
            {"risk": "New risk", "option": None, "likelihood": 3, "impact": 3,
             "mitigation": "", "owner": ""}, "add a risk"))
        self.remove_risk.clicked.connect(lambda: self.risks.remove_current("remove a risk"))
        self.default_risks.clicked.connect(self.add_default_risks)

    @staticmethod
    def _row(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        return row

    def add_default_items(self) -> list:
        problems = self.document.edit(
            "add the usual readiness items",
            lambda data: _add_missing(data, "readiness", "item", readiness_items()))
        self.readiness.error.show_problems(problems)
        return problems

    def add_default_risks(self) -> list:
        problems = self.document.edit(
            "add the usual risks", lambda data: _add_missing(data, "risks", "risk", risk_items()))
        self.risks.error.show_problems(problems)
        return problems
