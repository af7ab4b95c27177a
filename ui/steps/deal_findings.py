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

from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from appraisal import edits
from appraisal.charts import short
from appraisal.deal.words import AREAS
from appraisal.kinds import KIND
from ui.document import CaseDocument
from ui.widgets.columns import Column
from ui.widgets.record_table import RecordTable

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
                name = getattr(line, "label", "") or _loan_name(document, line) or str(j + 1)
                out.append((f"{option.id}|{kind}[{j}]",
                            f"{short(option.name, 24)}: {KIND[kind].noun}: {short(name, 40)}"))
    return out


def _loan_name(document, line) -> str:
    loan = getattr(line, "loan", None)
    if loan is None:
        return ""
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
    Column("id", "Ref", tip="A short reference, unique in the register.", width=70),
    Column("area", "Area", "choice", "What was examined.", choices=list(AREAS.items()),
           width=160),
    Column("organisation", "Whose", "choice", "The partner it concerns.",
           choices=_organisations, width=150),
    Column("option", "Option", "choice", "The option it affects; every option that involves "
           "the partner if none is chosen.", choices=_options, width=150),
    Column("finding", "Finding", tip="What was found."),
    Column("severity", "Severity", "choice", "5 could stop the deal; 1 is a note.",
           choices=SEVERITY, width=80),
    Column("status", "Status", "choice", "Where it stands.", choices=FINDING_STATUSES,
           width=110),
    Column("cost", "Cost in the appraisal", "choice",
           "The money line that prices the finding, so its cost is in the appraisal.",
           choices=_cost_lines, width=280),
    Column("risk", "Risk", "choice", "The risk in the register that covers it.",
           choices=_risks, width=200),
    Column("owner", "Owner", tip="Who deals with it.", width=120),
)


class FindingsTable(RecordTable):
    """The register, shown for every option or filtered to one; rows map to the stored list."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        self.only: str | None = None      # an option id: its findings and the joint ones
        self.rows: list[int] = []         # stored index of each row shown
        super().__init__(document, ("due_diligence",), FINDING_COLUMNS, "finding", parent)

    def show_option(self, option_id: str | None) -> None:
        self.only = option_id
        self.set_list_path(("due_diligence",))

    def records(self) -> list[dict]:
        stored = self.document.get(("due_diligence",)) or []
        self.rows = [k for k, f in enumerate(stored)
                     if self.only is None or f.get("option") in (None, self.only)]
        out = []
        for k in self.rows:
            f = dict(stored[k])
            link = f.get("cost_line")
            f["cost"] = f"{link['option']}|{link['ref']}" if link else None
            out.append(f)
        return out

    def stored_index(self, row: int) -> int:
        self.records()
        return self.rows[row]

    def commit(self, row: int, column: Column, value: Any) -> list:
        k = self.stored_index(row)
        key = column.key
        risk_ids = {r.id for r in self.document.case.risks if r.id}

        def mutate(data: dict) -> None:
            finding = data["due_diligence"][k]
            if key == "cost":
                if value is None:
                    finding.pop("cost_line", None)
                else:
                    option, _, ref = value.partition("|")
                    finding["cost_line"] = {"option": option, "ref": ref}
            elif key == "risk" and isinstance(value, str) and value.startswith("#"):
                risk = data["risks"][int(value[1:])]      # give the risk a reference
                risk["id"] = edits.unique("r-01", risk_ids)
                finding["risk"] = risk["id"]
            elif value is None:
                finding.pop(key, None)
            else:
                finding[key] = value

        return self.document.edit(f"change {column.header.lower()} of finding "
                                  f"{self.document.case.due_diligence[k].id}", mutate)

    def remove_current(self, text: str) -> list:
        row = self.current_row()
        if row < 0:
            return []
        k = self.stored_index(row)
        problems = self.document.edit(text, lambda data: data["due_diligence"].pop(k))
        self.error.show_problems(problems)
        return problems


class FindingsTab(QWidget):
    """The register with its filter, its buttons and the note on what is linked."""

    def __init__(self, document: CaseDocument, chosen_option: Callable[[], int],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
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
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.filter, 1)
        buttons = QHBoxLayout()
        for b in (self.add, self.remove, self.price_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.filter.activated.connect(lambda _i: self.table.show_option(
            self.filter.currentData()))
        self.add.clicked.connect(self.add_finding)
        self.remove.clicked.connect(lambda: self.table.remove_current("remove a finding"))
        self.price_button.clicked.connect(self._ask_price)
        document.changed.connect(self.refresh)
        self.refresh()

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

    def show_option(self, option_id: str | None) -> None:
        """Filter the register to ``option_id`` (None: every finding), as the picker does."""
        self.filter.setCurrentIndex(max(self.filter.findData(option_id), 0))
        self.table.show_option(option_id)

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
