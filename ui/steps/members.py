"""Board members' own views (model-v2.md V9), a tab of the Scores step.

The secretary adds the members, exports a form for each (an Excel workbook the member fills in
offline), imports the completed forms and sees who has replied, each member's leading option
and the spread of their weights and scores against the board's. Two actions set the board's
weights, or its scores, to the members' median (as the engine reports it), each one undo step.
Every figure shown is read from Results; the panel computes none.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFileDialog, QHBoxLayout,
                               QInputDialog, QLabel, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from appraisal.atomic import reason, write_atomic
from appraisal.charts.members import score_spread, weight_spread
from appraisal.member_import import FormError, import_forms
from appraisal.report.member_form import member_for, member_form_bytes
from ui.document import CaseDocument
from ui.steps.when_shown import RefreshWhenShown
from ui.widgets.chart_view import ChartView
from ui.widgets.fields import explanation_label
from ui.widgets.fitting import fit_columns
from ui.widgets.inline_error import InlineError

HEADERS = ("Member", "Role", "Replied with", "Their leading option")


def replied(member) -> str:
    """What a member has given, in words."""
    if member.weights is not None and member.scores:
        return "Weights and scores"
    if member.weights is not None:
        return "Weights"
    if member.scores:
        return "Scores"
    return "Not yet"


class MembersPanel(QWidget):
    TITLE = "Board members' views"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Board members")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.error = InlineError(self)
        self.holds = QLabel(self)
        self.holds.setTextFormat(Qt.PlainText)
        self.named = QCheckBox("The board paper may name members", self)
        self.named.setAccessibleName(self.named.text())
        self.named.toggled.connect(self._named_toggled)

        buttons = QHBoxLayout()
        self.buttons = {}
        for key, text, slot in (
                ("add", "&Add member…", self._ask_add),
                ("remove", "Remove member", self.remove_selected),
                ("export", "&Export form…", self._ask_export),
                ("import", "&Import forms…", self._ask_import),
                ("weights", "Board's weights to members' median", self.weights_to_median),
                ("scores", "Board's scores to members' median", self.scores_to_median)):
            button = QPushButton(text, self)
            button.setAccessibleName(text.replace("&", ""))
            button.clicked.connect(lambda _checked=False, s=slot: s())
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)

        self.charts = QTabWidget(self)
        self.weight_chart = ChartView(self._weight_figure, parent=self)
        self.score_chart = ChartView(self._score_figure, parent=self)
        self.charts.addTab(self.weight_chart, "Spread of weights")
        self.charts.addTab(self.score_chart, "Spread of scores")

        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.holds)
        upper_layout.addLayout(buttons)
        upper_layout.addWidget(self.named)
        upper_layout.addWidget(self.error)
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(self.charts)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation_label(
            "Each member can weigh and score the options on their own before the board agrees "
            "its figures. Export a form for each member, import the forms they send back, and "
            "see where their views divide. Dots are members' views; the black mark is the "
            "board's."))
        layout.addWidget(splitter, 1)

        self.when_shown = RefreshWhenShown(self, self.refresh)
        document.changed.connect(self.when_shown.request)
        document.resultsChanged.connect(self.when_shown.request)
        self.refresh()

    # --- drawing --------------------------------------------------------------------------
    def _weight_figure(self):
        res = self.document.results
        return weight_spread(res, named=True) if res is not None and res.members else None

    def _score_figure(self):
        res = self.document.results
        return score_spread(res, named=True) if res is not None and res.members else None

    def refresh(self) -> None:
        case, res = self.document.case, self.document.results
        leaders = {}
        if res is not None:
            names = {o.id: o.name for o in case.options}
            leaders = {v.id: names.get(v.leader or "", "Not ranked yet") for v in res.members}
        row = self.table.currentRow()
        self.table.setRowCount(len(case.members))
        for r, member in enumerate(case.members):
            for c, text in enumerate((member.name, member.role, replied(member),
                                      leaders.get(member.id, "") if replied(member) != "Not yet"
                                      else "")):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemIsSelectable | Qt.ItemIsEnabled)
                self.table.setItem(r, c, item)
        if 0 <= row < len(case.members):
            self.table.selectRow(row)
        fit_columns(self.table)
        self.named.blockSignals(True)
        self.named.setChecked(case.members_named)
        self.named.blockSignals(False)
        has = bool(case.members)
        for key in ("remove", "export"):
            self.buttons[key].setEnabled(has)
        spread = res.member_spread if res is not None else None
        self.buttons["weights"].setEnabled(bool(spread) and any(
            w["count"] for w in spread["weights"].values()))
        self.buttons["scores"].setEnabled(bool(spread) and any(
            s["count"] for row_ in spread["scores"].values() for s in row_.values()))
        if res is not None and res.leader_holds:
            k, n = res.leader_holds["members"], res.leader_holds["of"]
            lead = next((o.name for o in case.options if o.id == res.leader), res.leader)
            self.holds.setText(f"The board's leading option, {lead}, leads or ties in {k} of "
                               f"{n} members' own views.")
        else:
            self.holds.setText("")
        self.weight_chart.invalidate()
        self.score_chart.invalidate()

    # --- actions ------------------------------------------------------------------------
    def add_member(self, name: str, role: str = "") -> list:
        name = name.strip()
        if not name:
            return []
        member = member_for(self.document.case, name)
        if any(m.id == member.id for m in self.document.case.members):
            self.error.show_message(f"{name} is already a member here.")
            return []
        entry = {"id": member.id, "name": name, **({"role": role} if role else {})}
        problems = self.document.edit(f"add board member {name}",
                                      lambda d: d.setdefault("members", []).append(entry))
        self.error.show_problems(problems)
        return problems

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        members = self.document.case.members
        if not 0 <= row < len(members):
            return
        name = members[row].name
        self.document.edit(f"remove board member {name}", lambda d: d["members"].pop(row))

    def export_form(self, row: int, path: str | Path) -> bool:
        case = self.document.case
        try:
            write_atomic(path, member_form_bytes(case, case.members[row]))
        except OSError as exc:
            self.error.show_message(f"The form could not be saved: {reason(exc)}.")
            return False
        self.error.show_message(f"Form for {case.members[row].name} saved as {Path(path).name}.")
        return True

    def import_paths(self, paths: list[str]) -> bool:
        forms = []
        for p in paths:
            try:
                forms.append((Path(p).name, Path(p).read_bytes()))
            except OSError as exc:
                self.error.show_message(f"{Path(p).name} could not be read: {reason(exc)}.")
                return False
        try:
            new = import_forms(self.document.case, forms)
        except FormError as exc:
            lines = [f"{where}: {msg}" for where, msg in exc.problems[:8]]
            self.error.show_message("The forms were not imported.\n" + "\n".join(lines))
            return False
        members = [m.model_dump(mode="json", exclude_none=True) for m in new.members]
        count = len(forms)
        problems = self.document.edit(
            f"import {count} member form{'s' if count != 1 else ''}",
            lambda d: d.__setitem__("members", members))
        self.error.show_problems(problems)
        return not problems

    def weights_to_median(self) -> None:
        res = self.document.results
        if res is None or not res.member_spread:
            return
        spread = res.member_spread["weights"]

        def mutate(d: dict) -> None:
            for crit in d["criteria"]:
                entry = spread.get(crit["id"])
                if entry and entry["count"]:
                    crit["weight"] = round(100 * entry["median"], 4)

        self.error.show_problems(self.document.edit(
            "set the board's weights to the members' median", mutate))

    def scores_to_median(self) -> None:
        res = self.document.results
        if res is None or not res.member_spread:
            return
        spread = res.member_spread["scores"]

        def mutate(d: dict) -> None:
            for option in d["options"]:
                for cid, entry in spread.get(option["id"], {}).items():
                    if entry["count"]:
                        option.setdefault("scores", {})[cid] = entry["median"]

        self.error.show_problems(self.document.edit(
            "set the board's scores to the members' median", mutate))

    def _named_toggled(self, on: bool) -> None:
        self.document.set_value(("members_named",), True if on else None,
                                text="allow the paper to name members" if on
                                else "keep members unnamed in the paper")

    # --- dialogs ------------------------------------------------------------------------
    def _ask_add(self) -> None:
        name, ok = QInputDialog.getText(self, "Add a board member", "Member's name:")
        if ok:
            self.add_member(name)

    def _ask_export(self) -> None:
        row = max(self.table.currentRow(), 0)
        members = self.document.case.members
        if row >= len(members):
            return
        start = str(Path.home() / f"{members[row].id}-form.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, f"Save the form for {members[row].name}",
                                              start, "Excel workbook (*.xlsx)")
        if path:
            self.export_form(row, path)

    def _ask_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import completed member forms",
                                                str(Path.home()), "Excel workbook (*.xlsx)")
        if paths:
            self.import_paths(paths)
