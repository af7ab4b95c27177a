"""The Deal step's due diligence tab (deal-terms.md D3, D6): one register for the case.

The register can be filtered to one option (its own findings and the joint ones that apply to
every option). A finding is linked to a money line of any option, so that its cost is in the
appraisal, or to a risk of the register; "Price it…" adds a one-off cost for the finding to an
option and links it in one undoable step, so the option's NPV moves at once. Linking a risk
that has no reference yet gives it one.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QInputDialog,
                               QLabel, QPushButton, QVBoxLayout, QWidget)

from appraisal import edits
from appraisal.charts import short
from appraisal.deal.words import AREAS
from appraisal.kinds import KIND
from ui.document import CaseDocument
from ui.widgets.columns import Column
from ui.widgets.editors import guard
from ui.widgets.fields import NotesField, TextField
from ui.widgets.filtered_table import FilteredTable

SEVERITY = [(n, str(n)) for n in range(1, 6)]
FINDING_STATUSES = [("open", "Open"), ("mitigated", "Mitigated"), ("closed", "Closed")]
LINKED_KINDS = tuple(k for k in KIND if k != "savings")     # the lines that cost money
EVERY = "Every option"


def _organisations(document) -> list:
    return [(None, "Joint")] + [(o.id, o.name) for o in document.case.partners]


def _options(document) -> list:
    return [(None, EVERY)] + [(o.id, o.name) for o in document.case.options]


def _cost_lines(document) -> list:
    """Every money line of every option that can price a finding: 'Merger: One-off cost: IT'."""
    out: list[tuple[Any, str]] = [(None, "Not priced")]
    for option in document.case.options:
        for kind in LINKED_KINDS:
            for j, line in enumerate(getattr(option, kind)):
                name = line_words(document, line) or str(j + 1)
                out.append((f"{option.id}|{kind}[{j}]",
                            f"{short(option.name, 24)}: {KIND[kind].noun}: {short(name, 70)}"))
    return out


def line_words(document, line) -> str:
    """A money line's label, or for an unlabelled loan re-pricing its lender and borrower."""
    loan = getattr(line, "loan", None)
    if getattr(line, "label", "") or loan is None:
        return getattr(line, "label", "")
    try:
        org, found = document.case.loan(loan)
    except KeyError:
        return ""
    return f"{found.lender or 'lender not named'} ({org.name})"


def _risks(document) -> list:
    """The risks of the register; one with no reference is offered by its place (``#k``)."""
    return [(None, "None")] + [(r.id or f"#{k}", short(r.risk, 60))
                               for k, r in enumerate(document.case.risks)]


FINDING_COLUMNS = (
    Column("id", "Ref", tip="A short reference, unique in the register.", width=60),
    Column("area", "Area", "choice", "What was examined.", choices=list(AREAS.items()),
           width=195),
    Column("organisation", "Whose", "choice", "The partner it concerns.",
           choices=_organisations, width=195),
    Column("option", "Option", "choice", "The option it affects; every option that involves "
           "the partner if none is chosen.", choices=_options, width=150),
    Column("finding", "Finding", tip="What was found."),
    Column("severity", "Severity", "choice", "5 could stop the deal; 1 is a note.",
           choices=SEVERITY, width=75),
    Column("status", "Status", "choice", "Where it stands.", choices=FINDING_STATUSES,
           width=110),
)
# Edited under the table, for the chosen finding.
COST = Column("cost", "Cost in the appraisal", "choice",
              "The money line that prices the finding, so its cost is in the appraisal.",
              choices=_cost_lines)
RISK = Column("risk", "Risk", "choice", "The risk in the register that covers it.",
              choices=_risks)


class FindingsTable(FilteredTable):
    """The register, shown for every option or filtered to one; rows map to the stored list."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        self.only: str | None = None      # an option id: its findings and the joint ones
        super().__init__(document, ("due_diligence",), FINDING_COLUMNS, "finding", parent)

    def show_option(self, option_id: str | None) -> None:
        self.only = option_id
        self.set_filter(None if option_id is None
                        else lambda f: f.get("option") in (None, option_id))

    def shown(self, record: dict) -> dict:
        link = record.get("cost_line")
        record["cost"] = f"{link['option']}|{link['ref']}" if link else None
        return record

    def commit(self, row: int, column: Column, value: Any) -> list:
        if column.key not in ("cost", "risk"):
            return super().commit(row, column, value)
        k = self.stored_index(row)
        risk_ids = {r.id for r in self.document.case.risks if r.id}

        def mutate(data: dict) -> None:
            finding = data["due_diligence"][k]
            if value is None:
                finding.pop("cost_line" if column.key == "cost" else "risk", None)
            elif column.key == "cost":
                option, _, ref = value.partition("|")
                finding["cost_line"] = {"option": option, "ref": ref}
            elif value.startswith("#"):
                risk = data["risks"][int(value[1:])]      # give the risk a reference
                risk["id"] = edits.unique("r-01", risk_ids)
                finding["risk"] = risk["id"]
            else:
                finding["risk"] = value

        what = "cost line" if column.key == "cost" else "risk"
        return self.document.edit(f"link finding {self.document.case.due_diligence[k].id} "
                                  f"to a {what}", mutate)


class LinkChoice(QComboBox):
    """A link of the chosen finding (its cost line or its risk), picked from a list."""

    def __init__(self, column: Column, table: FindingsTable):
        super().__init__()
        self.column, self.table = column, table
        self.setAccessibleName(column.header)
        self.setToolTip(column.tip)
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        guard(self)
        self.activated.connect(self._picked)

    def show_row(self, row: int) -> None:
        choices = self.column.choices(self.table.document) if callable(
            self.column.choices) else []
        records = self.table.records()
        value = records[row].get(self.column.key) if 0 <= row < len(records) else None
        self.blockSignals(True)
        self.clear()
        for v, text in choices:
            self.addItem(text, v)
        self.setCurrentIndex(max(self.findData(value), 0))
        self.blockSignals(False)

    def _picked(self, _index: int) -> None:
        row = self.table.current_row()
        if row >= 0:
            self.table.error.show_problems(
                self.table.commit(row, self.column, self.currentData()))


class FindingsTab(QWidget):
    """The register with its filter and buttons, and the chosen finding in full under it."""

    def __init__(self, document: CaseDocument, chosen_option: Callable[[], int],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document = d = document
        self.chosen_option = chosen_option     # the Deal step's option, for a joint finding
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show findings for")
        label = QLabel("Show findings &for")
        label.setBuddy(self.filter)
        self.table = FindingsTable(document)
        self.add = QPushButton("Add &finding")
        self.remove = QPushButton("Remove f&inding")
        self.price_button = QPushButton("&Price it…")
        self.price_button.setToolTip(
            "Add a one-off cost for the chosen finding to its option and link it, so the "
            "cost is in the appraisal.")
        at = ("due_diligence", 0)
        self.text = NotesField(d, (*at, "finding"), "Finding", lines=2)
        self.cost = LinkChoice(COST, self.table)
        self.risk = LinkChoice(RISK, self.table)
        self.source = TextField(d, (*at, "source"), "Source",
                                tooltip="Where the finding comes from: a report, a survey.")
        self.owner = TextField(d, (*at, "owner"), "Owner", tooltip="Who deals with it.")
        self.detail = QGroupBox("The chosen finding")
        form = QFormLayout(self.detail)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        cost_row = QHBoxLayout()
        cost_row.addWidget(self.cost, 1)
        cost_row.addWidget(self.price_button)
        form.addRow("Fi&nding", self.text)
        form.addRow("&Cost in the appraisal", cost_row)
        form.addRow("Ris&k", self.risk)
        form.addRow("Sour&ce", self.source)
        form.addRow("O&wner", self.owner)
        for field, buddy in ((self.text, self.text.editor), (cost_row, self.cost),
                             (self.risk, self.risk), (self.source, self.source.editor),
                             (self.owner, self.owner.editor)):
            form.labelForField(field).setBuddy(buddy)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.filter, 1)
        buttons = QHBoxLayout()
        for b in (self.add, self.remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.detail)
        self.filter.activated.connect(lambda _i: self.show_option(self.filter.currentData()))
        self.add.clicked.connect(self.add_finding)
        self.remove.clicked.connect(lambda: self.table.remove_current("remove a finding"))
        self.price_button.clicked.connect(self._ask_price)
        self.table.currentRowChanged.connect(self.show_finding)
        self.table.model.modelReset.connect(lambda: self.show_finding(self.table.current_row()))
        document.changed.connect(self.refresh)
        self.refresh()

    def show_finding(self, row: int) -> None:
        """Show the finding in ``row`` of the table (none: the box is disabled)."""
        records = self.table.records()
        if row < 0 and records:
            self.select(0)          # selecting shows it (currentRowChanged)
            return
        valid = 0 <= row < len(records)
        self.detail.setEnabled(valid)
        if valid:
            k = self.table.rows[row]
            for field in (self.text, self.source, self.owner):
                if field.path[1] != k:
                    field.set_path(("due_diligence", k, field.path[-1]))
        self.cost.show_row(row)
        self.risk.show_row(row)

    def select(self, row: int) -> None:
        """Choose the finding in ``row``, as a click on the table does."""
        self.table.table.setCurrentIndex(self.table.model.index(row, 0))

    def refresh(self) -> None:
        choices = _options(self.document)
        if [(self.filter.itemData(k), self.filter.itemText(k))
                for k in range(self.filter.count())] != choices:
            keep = self.filter.currentData()
            self.filter.clear()
            for value, text in choices:
                self.filter.addItem(text, value)
            found = self.filter.findData(keep)
            self.filter.setCurrentIndex(max(found, 0))
            if found < 0 and self.table.only is not None:
                self.table.show_option(None)
        self.show_finding(self.table.current_row())

    def show_option(self, option_id: str | None) -> None:
        """Filter the register to ``option_id`` (None: every finding), as the picker does."""
        self.filter.setCurrentIndex(max(self.filter.findData(option_id), 0))
        self.table.show_option(option_id)
        self.show_finding(self.table.current_row())

    def add_finding(self) -> list:
        taken = {f.id for f in self.document.case.due_diligence}
        n = len(taken) + 1
        while f"dd-{n:02d}" in taken:
            n += 1
        record = {"id": f"dd-{n:02d}", "area": "stock_condition", "finding": "New finding",
                  "severity": 3}
        if self.table.only is not None:
            record["option"] = self.table.only
        return self.table.append(record, "add a due diligence finding")

    def _ask_price(self) -> None:
        row = self.table.current_row()
        if row < 0:
            self.table.error.show_message("Choose the finding to price first.")
            return
        amount, ok = QInputDialog.getDouble(
            self, "Price the finding", "One-off cost in year 1 (£):", 0.0, 0.0, 1e12, 0)
        if ok and amount > 0:
            self.price(row, amount)

    def price(self, row: int, amount: float, year: int = 1) -> list:
        """Add a one-off cost of ``amount`` in ``year`` for the finding in ``row`` to its option
        (the chosen option for a joint finding) and link it, as one undoable step."""
        k = self.table.stored_index(row)
        case = self.document.case
        finding = case.due_diligence[k]
        option_id = finding.option or case.options[self.chosen_option()].id
        i = next(n for n, o in enumerate(case.options) if o.id == option_id)
        line: dict[str, Any] = {"label": f"Due diligence {finding.id}: "
                                         f"{short(finding.finding, 80)}",
                                "amount": float(amount), "year": year}
        if finding.organisation:
            line["organisation"] = finding.organisation

        def mutate(data: dict) -> None:
            j = edits.add_line(data, i, "one_off_costs", line)
            data["due_diligence"][k]["cost_line"] = {"option": option_id,
                                                     "ref": f"one_off_costs[{j}]"}

        problems = self.document.edit(f"price finding {finding.id}", mutate)
        self.table.error.show_problems(problems)
        return problems
