"""Step 5, Criteria and weights: what the board values, and how much.

The table edits names, descriptions, weight points, the "derived from NPV" flag and what a score
of 0 and of 10 mean on each criterion (model-v2.md V8: for value for money, the NPVs against the
baseline that score 0 and 10, which the step suggests from the options' figures for the board to
confirm); the share of the total each weight gives is read from ``Results.weights``. Standard criteria (domain.md §3)
come from a menu; Swing… and AHP… open the weighting dialogs. Adding or removing a criterion
changes every option's scores in the same undo step, so the case stays valid.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout,
                               QWidget)

from appraisal.formatting import money, pct
from appraisal.scales import suggested_money_anchors
from ui.dialogs.weighting import AhpDialog, SwingDialog
from ui.document import CaseDocument
from ui.steps import criteria_edits as edits
from ui.steps.when_shown import RefreshWhenShown
from ui.widgets.cells import number_text, parse_number
from ui.widgets.cell_errors import CellErrors
from ui.widgets.edit_table import edit_table
from ui.widgets.fields import explanation_label
from ui.widgets.inline_error import InlineError
from ui.widgets.tones import readable_text, refused_background

METHODS = {"direct": "points typed directly", "swing": "swing weighting",
           "ahp": "pairwise comparison (AHP)"}


class CriteriaModel(CellErrors, QAbstractTableModel):
    """The criteria as rows: name, weight points, share (from Results), derived flag, what 0
    and 10 mean, description."""

    COL_NAME, COL_WEIGHT, COL_SHARE, COL_DERIVED, COL_ZERO, COL_TEN, COL_DESCRIPTION = range(7)
    HEADERS = ("Criterion", "Weight (points)", "Share", "Derived from NPV", "A score of 0 means",
               "A score of 10 means", "What the board asks")
    END = {COL_ZERO: "0", COL_TEN: "10"}
    CRITERION_ROLE = Qt.UserRole + 1

    def __init__(self, document: CaseDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._rows: list[dict] = []
        self._errors: dict[tuple[int, int], str] = {}
        self.last_problems: list[tuple[str, str]] = []

    def refresh(self) -> None:
        rows = self.document.get(("criteria",), []) or []
        if len(rows) != len(self._rows):
            self.beginResetModel()
            self._rows = rows
            self._errors.clear()
            self.endResetModel()
        else:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(self.HEADERS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            return ("Each criterion's share of the total weight, as the engine uses it"
                    if section == self.COL_SHARE else None)
        return None

    def flags(self, index):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() == self.COL_SHARE:
            return base
        if index.column() == self.COL_DERIVED:
            return base | Qt.ItemIsUserCheckable
        return base | Qt.ItemIsEditable

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        crit = self._rows[index.row()]
        col = index.column()
        error = self._errors.get((index.row(), col))
        if role == self.CRITERION_ROLE:
            return dict(crit)
        if role in (Qt.DisplayRole, Qt.EditRole):
            if col == self.COL_NAME:
                return crit["name"]
            if col == self.COL_WEIGHT:
                return number_text(crit["weight"])
            if col == self.COL_SHARE:
                res = self.document.results
                share = res.weights.get(crit["id"]) if res is not None else None
                return pct(share, 1) if share is not None else ""
            if col == self.COL_DESCRIPTION:
                return crit.get("description", "")
            if col in self.END:
                return self.anchor_text(crit, self.END[col], role == Qt.EditRole)
            return None
        if role == Qt.CheckStateRole and col == self.COL_DERIVED:
            return Qt.Checked if crit.get("source") == edits.VFM_SOURCE else Qt.Unchecked
        if role == Qt.TextAlignmentRole and col in (self.COL_WEIGHT, self.COL_SHARE):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole:
            if error:
                return error
            if col == self.COL_DERIVED:
                return ("Scores come from each option's NPV against the baseline (best 10, "
                        "worst 0) instead of being typed")
            if col == self.COL_DESCRIPTION:
                return crit.get("description") or None
            if col in self.END:
                return self.anchor_tip(crit, self.END[col])
        if role == Qt.BackgroundRole and error:
            return refused_background()
        if role == Qt.ForegroundRole and error:
            return readable_text(refused_background())
        return None

    def setData(self, index, value, role=Qt.EditRole):  # noqa: N802
        if not index.isValid():
            return False
        row, col = index.row(), index.column()
        name = self._rows[row]["name"]
        if col == self.COL_WEIGHT:
            try:
                points = parse_number(value)
            except ValueError as exc:
                return self._refuse(row, col, [("", f"Weight: {exc}")])
            problems = self.document.edit(
                f"change weight of {name}", lambda d: edits.set_weight(d, row, points),
                merge_key=f"criteria[{row}].weight")
        elif col == self.COL_DERIVED:
            derived = value in (True, Qt.Checked, Qt.Checked.value, 2)
            anchors = self.suggested_anchors()
            problems = self.document.edit(
                f"{'derive' if derived else 'type'} scores of {name}",
                lambda d: edits.set_derived(d, row, derived, anchors))
        elif col in self.END and self._rows[row].get("source") == edits.VFM_SOURCE:
            end = self.END[col]
            try:
                amount = parse_number(value)
            except ValueError as exc:
                return self._refuse(row, col, [("", f"{self.HEADERS[col]}: {exc}")])
            suggested = self.suggested_anchors() or (0.0, 1_000_000.0)
            problems = self.document.edit(
                f"set the NPV that scores {end} on {name}",
                lambda d: edits.set_money_anchor(d, row, end, amount, suggested))
        elif col in self.END:
            end = self.END[col]
            problems = self.document.edit(
                f"write what {end} means on {name}",
                lambda d: edits.set_anchor(d, row, end, str(value)),
                merge_key=f"criteria[{row}].scale.{end}")
        elif col == self.COL_NAME:
            problems = self.document.set_value(("criteria", row, "name"), str(value).strip(),
                                               f"rename criterion {name}")
        elif col == self.COL_DESCRIPTION:
            problems = self.document.set_value(("criteria", row, "description"), str(value),
                                               f"change description of {name}")
        else:
            return False
        if problems:
            return self._refuse(row, col, problems)
        return self._accept(row, col)

    # --- what 0 and 10 mean -----------------------------------------------------------------
    def anchor_text(self, crit: dict, end: str, editing: bool = False) -> str:
        if crit.get("source") == edits.VFM_SOURCE:
            anchors = crit.get("scale_money")
            if anchors is None:
                return "" if editing else ("Weakest option (not fixed)" if end == "0"
                                           else "Strongest option (not fixed)")
            value = anchors[edits.ENDS.index(end)]
            return number_text(value) if editing else f"{money(value)} against the baseline"
        return (crit.get("scale") or {}).get(end, "")

    def anchor_tip(self, crit: dict, end: str) -> str:
        if crit.get("source") == edits.VFM_SOURCE:
            return (f"The NPV against the baseline, in pounds, that the board rates {end}; "
                    "an option beyond it scores past the end of the scale")
        return (f"What a score of {end} means on this criterion, in the board's words; "
                "scores and swing weights are read against it")

    def suggested_anchors(self) -> tuple[float, float] | None:
        """Money anchors suggested from the options' NPVs against the baseline (Results)."""
        res = self.document.results
        if res is None:
            return None
        return suggested_money_anchors([o.npv_vs_baseline for o in res.options])



class CriteriaStep(QWidget):
    TITLE = "Criteria and weights"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.model = CriteriaModel(document, self)
        self.table = edit_table(self.model, self, rows=True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Rows fit their wrapped descriptions; when the columns change width (the window is
        # resized, or first laid out) they are fitted again, once the resizing settles.
        self._fit_rows = QTimer(self, singleShot=True, interval=30)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows.start())
        self.error = InlineError(self)
        self.method_label = QLabel(self)
        self.method_label.setTextFormat(Qt.PlainText)
        self.method_label.setWordWrap(True)
        self.anchor_label = QLabel(self)
        self.anchor_label.setTextFormat(Qt.PlainText)
        self.anchor_label.setWordWrap(True)
        self.anchor_button = QPushButton("Use these money anchors", self)
        self.anchor_button.setToolTip("Fix value for money's 0 and 10 at the amounts suggested; "
                                      "you can type others in the table")
        self.anchor_button.clicked.connect(self.accept_suggested_anchors)

        self.add_button = QPushButton("Add criterion", self)
        self.add_button.clicked.connect(lambda: self.add_criterion(None))
        self.standard_button = QToolButton(self)
        self.standard_button.setText("Add standard criterion")
        self.standard_button.setPopupMode(QToolButton.InstantPopup)
        self.standard_menu = QMenu(self.standard_button)
        self.standard_button.setMenu(self.standard_menu)
        self.remove_button = QPushButton("Remove selected", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.swing_button = QPushButton("Swing weighting…", self)
        self.swing_button.setToolTip("Rank the criteria and rate each swing against the first")
        self.swing_button.clicked.connect(lambda: self.open_dialog(SwingDialog))
        self.ahp_button = QPushButton("Pairwise (AHP)…", self)
        self.ahp_button.setToolTip("Compare each pair of criteria on a 1–9 scale")
        self.ahp_button.clicked.connect(lambda: self.open_dialog(AhpDialog))

        buttons = QHBoxLayout()
        for b in (self.add_button, self.standard_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.swing_button)
        buttons.addWidget(self.ahp_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation_label(
            "Weights are points: only their proportions matter (the share column shows them). "
            "Tick 'Derived from NPV' for a value-for-money criterion scored from the money."))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        anchors = QHBoxLayout()
        anchors.addWidget(self.anchor_label, 1)
        anchors.addWidget(self.anchor_button)
        layout.addLayout(anchors)
        layout.addWidget(self.method_label)
        layout.addLayout(buttons)

        self._row_shape: tuple = ()
        self.when_shown = RefreshWhenShown(self, self.refresh)
        document.changed.connect(self.when_shown.request)
        document.resultsChanged.connect(self.when_shown.request)
        self.refresh()
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(CriteriaModel.COL_NAME,
                                  max(180, min(260, self.table.columnWidth(0))))
        for col in (CriteriaModel.COL_ZERO, CriteriaModel.COL_TEN):
            self.table.setColumnWidth(col, 220)

    def refresh(self) -> None:
        self.model.refresh()
        if self.model.last_problems:
            self.error.show_problems(self.model.last_problems)
        case = self.document.case
        method = case.weighting.method if case.weighting is not None else "direct"
        text = f"How the weights were set: {METHODS[method]}."
        res = self.document.results
        if method == "ahp" and res is not None and res.ahp_consistency:
            cr = res.ahp_consistency["cr"]
            text += f" Consistency ratio {cr:.2f}" + (" (above 0.10: revisit)" if cr > 0.10
                                                       else " (acceptable)") + "."
        self.method_label.setText(text)
        self.ahp_button.setEnabled(2 <= len(case.criteria) <= 10)
        self.ahp_button.setToolTip(
            "Compare each pair of criteria on a 1–9 scale" if self.ahp_button.isEnabled() else
            "Pairwise comparison takes 2 to 10 criteria (Saaty's consistency index stops at 10)")
        shape = tuple((c.name, c.description, tuple(sorted((c.scale or {}).items())))
                      for c in case.criteria)
        if shape != self._row_shape:            # rows fit their descriptions; costly, so rarely
            self._row_shape = shape
            self.table.resizeRowsToContents()
        self.remove_button.setEnabled(len(case.criteria) > 1)
        self._fill_standard_menu()
        self._show_suggestion()

    def _unanchored(self) -> int | None:
        """The value-for-money criterion without money anchors, if any (its row)."""
        return next((i for i, c in enumerate(self.document.case.criteria)
                     if c.derived and c.scale_money is None), None)

    def _show_suggestion(self) -> None:
        row, anchors = self._unanchored(), self.model.suggested_anchors()
        shown = row is not None and anchors is not None
        if shown:
            name = self.document.case.criteria[row].name
            self.anchor_label.setText(
                f"'{name}' is scored from the weakest to the strongest option listed, so its "
                "weight changes meaning when an option is added or removed. Suggested from the "
                f"options' figures: 0 at {money(anchors[0])} and 10 at {money(anchors[1])} "
                "against the baseline.")
        self.anchor_label.setVisible(shown)
        self.anchor_button.setVisible(shown)

    def accept_suggested_anchors(self) -> list:
        row, anchors = self._unanchored(), self.model.suggested_anchors()
        if row is None or anchors is None:
            return []
        name = self.document.case.criteria[row].name
        problems = self.document.edit(f"fix the money anchors of {name}",
                                      lambda d: edits.set_money_anchors(d, row, anchors))
        self.error.show_problems(problems)
        return problems

    def _fill_standard_menu(self) -> None:
        taken = {c.id for c in self.document.case.criteria}
        self.standard_menu.clear()
        for crit in edits.STANDARD_CRITERIA:
            action = self.standard_menu.addAction(crit["name"])
            action.setToolTip(crit["description"])
            action.setEnabled(crit["id"] not in taken)
            action.triggered.connect(lambda _=False, c=crit: self.add_criterion(c))

    def add_criterion(self, criterion: dict | None) -> list:
        taken = {c.id for c in self.document.case.criteria}
        crit = dict(criterion or {"name": "New criterion", "weight": 10.0, "description": ""})
        if crit.get("source") == edits.VFM_SOURCE and self.model.suggested_anchors():
            crit.setdefault("scale_money", list(self.model.suggested_anchors()))
        crit["id"] = crit.get("id") if crit.get("id") not in (None, *taken) else \
            edits.unique_id(crit["name"], taken)
        problems = self.document.edit(f"add criterion {crit['name']}",
                                      lambda d: edits.add_criterion(d, crit))
        self.error.show_problems(problems)
        if not problems:
            self.table.selectRow(self.model.rowCount() - 1)
        return problems

    def remove_selected(self) -> list:
        row = self.table.currentIndex().row()
        if row < 0:
            return []
        name = self.document.get(("criteria", row, "name"), "")
        problems = self.document.edit(f"remove criterion {name}",
                                      lambda d: edits.remove_criterion(d, row))
        self.error.show_problems(problems)
        return problems

    def open_dialog(self, dialog_cls) -> None:
        dialog = dialog_cls(self.document, self)
        dialog.open()
