"""Step 5, Criteria and weights: what the board values, and how much.

The table edits names, descriptions, weight points and the "derived from NPV" flag; the share
of the total each weight gives is read from ``Results.weights``. Standard criteria (domain.md §3)
are ticked on a pick-list (:mod:`ui.steps.criteria_pick`) and added at weight 0 or an even
share, never at a weight nobody chose; Swing… and AHP… open the weighting dialogs. Removing a
criterion removes its scores in the same undo step; a criterion added is not yet scored.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from appraisal.formatting import money, pct
from appraisal.scales import anchor_texts, suggested_money_anchors
from ui.dialogs.weighting import AhpDialog, SwingDialog
from ui.dialogs.weighting_drafts import option_scores, score_span, score_text
from ui.document import CaseDocument, MergeKey
from ui.steps import criteria_edits as edits
from ui.steps.criteria_pick import CriteriaPickList
from ui.steps.money_question import MoneyQuestion
from ui.steps.when_shown import RefreshWhenShown
from ui.widgets.columns import Column, number_text
from ui.widgets.edit_table import edit_table
from ui.widgets.fields import explanation_label
from ui.widgets.inline_error import InlineError
from ui.widgets.numbers import parse_number
from ui.widgets.table_model import ALIGN, DISPLAY, EDIT, TOOLTIP, CaseTableModel

LEFT = int(Qt.AlignLeft | Qt.AlignVCenter)
METHODS = {"direct": "points typed directly", "swing": "swing weighting",
           "ahp": "pairwise comparison (AHP)"}


class CriteriaModel(CaseTableModel):
    """The criteria as rows: name, weight points, share (from Results), derived flag and
    description."""

    COLUMNS = (
        Column("name", "Criterion", "text"),
        Column("weight", "Weight (points)", "number"),
        Column("share", "Share", "result",
               "Each criterion's share of the total weight, as the engine uses it"),
        Column("span", "Where the options sit (worst to best)", "result",
               "Each criterion's worst and best option by the scores entered, with their "
               "scores: what its weight moves"),
        Column("derived", "Derived from NPV", "check",
               "Scores come from each option's NPV against the baseline (best 10, worst 0) "
               "instead of being typed"),
        Column("zero", "A score of 0 means", "text",
               "What a score of 0 means on this criterion, in the board's words"),
        Column("ten", "A score of 10 means", "text",
               "What a score of 10 means on this criterion, in the board's words"),
        Column("description", "What the board asks", "text"),
    )
    END = {"zero": "0", "ten": "10"}
    CRITERION_ROLE = Qt.UserRole + 1

    def __init__(self, document: CaseDocument, parent=None):
        super().__init__(document, parent)
        self._rows: list[dict] = []

    def refresh(self) -> None:
        rows = self.document.get(("criteria",), []) or []
        if len(rows) != len(self._rows):
            self.beginResetModel()
            self._rows = rows
            self.forget_errors()
            self.endResetModel()
        else:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(self.COLUMNS) - 1))

    def row_count(self) -> int:
        return len(self._rows)

    def row_label(self, row: int) -> str:
        return self._rows[row]["name"]

    def raw(self, row: int, column: int):
        crit = self._rows[row]
        key = self.COLUMNS[column].key
        if key == "share":
            res = self.document.results
            return res.weights.get(crit["id"]) if res is not None else None
        if key == "derived":
            return crit.get("source") == edits.VFM_SOURCE
        if key in self.END:
            if crit.get("source") == edits.VFM_SOURCE:
                return anchor_texts(self.document.case.criteria[row])[
                    edits.ENDS.index(self.END[key])]
            return (crit.get("scale") or {}).get(self.END[key], "")
        return crit.get(key, "")

    def cell_data(self, row: int, column: int, role: int):
        if role == self.CRITERION_ROLE:
            return dict(self._rows[row])
        key = self.COLUMNS[column].key
        if role == EDIT and key in self.END and self._rows[row].get("source") == edits.VFM_SOURCE:
            anchors = self._rows[row].get("scale_money") or self.suggested()
            return number_text(anchors[edits.ENDS.index(self.END[key])]) if anchors else ""
        if column == self.COL_SHARE and role == DISPLAY:
            share = self.raw(row, column)
            return pct(share, 1) if share is not None else ""
        if column == self.COL_SPAN and role in (DISPLAY, TOOLTIP):
            return self.span(row, role == TOOLTIP)
        if column == self.COL_SPAN and role == ALIGN:
            return LEFT
        if column == self.COL_WEIGHT and role == DISPLAY and self.worked_out():
            return f"{round(float(self._rows[row].get('weight', 0)), 2):g}"
        if (column == self.COL_DESCRIPTION and role == TOOLTIP
                and not self.error(row, column)):
            return self._rows[row].get("description") or None
        return None

    def span(self, row: int, every: bool = False) -> str:
        """Where the options sit on the criterion by the scores entered ("from Merger (3) to
        Remain standalone (10)"); with ``every``, each option's score."""
        case = self.document.case
        if row >= len(case.criteria):
            return ""
        criterion = case.criteria[row]
        scores = option_scores(self.document, criterion.id)
        if every:
            return "; ".join(f"{n}: {score_text(v, criterion.derived)}" for n, v in scores)
        return score_span(scores, criterion.derived)

    def worked_out(self) -> bool:
        """Whether the points came from a weighting dialog (shown to two places: the swing
        ratings as given, pairwise weights and an older file's swing shares rounded); typed
        points are shown as typed."""
        weighting = self.document.case.weighting
        return weighting is not None and weighting.method != "direct"

    def suggested(self) -> tuple[float, float] | None:
        """Money anchors suggested from the options' NPVs against the baseline (Results)."""
        res = self.document.results
        if res is None:
            return None
        return suggested_money_anchors([o.npv_vs_baseline for o in res.options])

    def write(self, row: int, column: int, value):
        name = self._rows[row]["name"]
        if column == self.COL_WEIGHT:
            return self.document.edit(
                f"change weight of {name}", lambda d: edits.set_weight(d, row, value),
                merge_key=MergeKey.of("criteria", row, "weight"))
        if column == self.COL_DERIVED:
            return self.document.edit(
                f"{'derive' if value else 'type'} scores of {name}",
                lambda d: edits.set_derived(d, row, value))
        if column == self.COL_NAME:
            return self.document.set_value(("criteria", row, "name"), value,
                                           f"rename criterion {name}")
        key = self.COLUMNS[column].key
        if key in self.END:
            end = self.END[key]
            if self._rows[row].get("source") == edits.VFM_SOURCE:
                try:
                    amount = parse_number(value)
                except ValueError as exc:
                    return [(f"criteria[{row}].scale_money", "value for money's 0 and 10 are "
                             f"amounts of NPV against the baseline: {exc}")]
                suggested = self.suggested()
                return self.document.edit(
                    f"set the NPV that scores {end} on {name}",
                    lambda d: edits.set_money_anchor(d, row, end, amount, suggested),
                    merge_key=MergeKey.of("criteria", row, "scale_money", end))
            return self.document.edit(f"write what {end} means on {name}",
                                      lambda d: edits.set_anchor(d, row, end, value),
                                      merge_key=MergeKey.of("criteria", row, "scale", end))
        return self.document.set_value(("criteria", row, "description"), value,
                                       f"change description of {name}")


class CriteriaStep(QWidget):
    TITLE = "Criteria and weights"

    def _fit_table(self) -> None:
        """Rows fitted to their wrapped descriptions, and the table tall enough for all of them
        (room for two when empty), so it never scrolls inside the step's page: the page scrolls,
        once."""
        view = self.table
        view.resizeRowsToContents()
        rows = self.model.rowCount()
        height = (view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
                  + sum(view.rowHeight(r) for r in range(rows))
                  + max(0, 2 - rows) * view.verticalHeader().defaultSectionSize()
                  + view.horizontalScrollBar().sizeHint().height())
        view.setMinimumHeight(height)

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.model = CriteriaModel(document, self)
        self.table = edit_table(self.model, self, rows=True, name="Criteria")
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Rows fit their wrapped descriptions; when the columns change width (the window is
        # resized, or first laid out) they are fitted again, once the resizing settles.
        self._fit_rows = QTimer(self, singleShot=True, interval=30)
        self._fit_rows.timeout.connect(self._fit_table)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows.start())
        self.model.modelReset.connect(self._fit_rows.start)
        self.model.rowsInserted.connect(self._fit_rows.start)
        self.model.rowsRemoved.connect(self._fit_rows.start)
        self.error = InlineError(self)
        self.method_label = QLabel(self)
        self.method_label.setTextFormat(Qt.PlainText)
        self.method_label.setWordWrap(True)
        self.anchor_label = QLabel(self)
        self.anchor_label.setTextFormat(Qt.PlainText)
        self.anchor_label.setWordWrap(True)
        self.anchor_button = QPushButton("Use these money anchors", self)
        self.anchor_button.clicked.connect(self.accept_suggested_anchors)

        self.add_button = QPushButton("Add criterion", self)
        self.add_button.clicked.connect(lambda: self.add_criterion(None))
        self.pick_list = CriteriaPickList(document, self)
        self.remove_button = QPushButton("Remove selected", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.swing_button = QPushButton("Swing weighting…", self)
        self.swing_button.setToolTip("Rank the criteria and rate each swing against the first")
        self.swing_button.clicked.connect(lambda: self.open_dialog(SwingDialog))
        self.ahp_button = QPushButton("Pairwise (AHP)…", self)
        self.ahp_button.setToolTip("Compare each pair of criteria on a 1–9 scale")
        self.ahp_button.clicked.connect(lambda: self.open_dialog(AhpDialog))

        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.swing_button)
        buttons.addWidget(self.ahp_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation_label(
            "Weights are points: only their proportions matter (the share column shows them). "
            "Weigh with the scores in view: each criterion's worst and best option by the "
            "scores entered (step 6) is shown beside its weight. Tick 'Derived from NPV' for a "
            "value-for-money criterion scored from the money."))
        layout.addWidget(self.pick_list)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        anchors = QHBoxLayout()
        anchors.addWidget(self.anchor_label, 1)
        anchors.addWidget(self.anchor_button)
        layout.addLayout(anchors)
        layout.addWidget(self.method_label)
        layout.addLayout(buttons)
        self.money_question = MoneyQuestion(document, self)
        layout.addWidget(self.money_question)

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
        self.table.setColumnWidth(CriteriaModel.COL_SPAN, 240)     # wraps; the tooltip lists all

    def refresh(self) -> None:
        self.model.refresh()
        if self.model.last_problems:
            self.error.show_problems(self.model.last_problems)
        case = self.document.case
        method = case.weighting.method if case.weighting is not None else "direct"
        text = f"How the weights were set: {METHODS[method]}" + (
            " (the points are the ratings given)." if method == "swing" else ".")
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
        shape = tuple((c.name, c.description, self.model.span(k))
                      for k, c in enumerate(case.criteria))
        if shape != self._row_shape:            # rows fit their descriptions; costly, so rarely
            self._row_shape = shape
            self.table.resizeRowsToContents()
        self.remove_button.setEnabled(bool(case.criteria))
        self.pick_list.refresh()
        self._show_suggestion()
        self.money_question.refresh()

    def suggested_anchors(self) -> tuple[float, float] | None:
        """Money anchors suggested from the options' NPVs against the baseline (Results)."""
        return self.model.suggested()

    def _unanchored(self) -> int | None:
        return next((i for i, c in enumerate(self.document.case.criteria)
                     if c.derived and c.scale_money is None), None)

    def _show_suggestion(self) -> None:
        row, anchors = self._unanchored(), self.suggested_anchors()
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
        row, anchors = self._unanchored(), self.suggested_anchors()
        if row is None or anchors is None:
            return []
        name = self.document.case.criteria[row].name
        problems = self.document.edit(f"fix the money anchors of {name}",
                                      lambda d: edits.set_money_anchors(d, row, anchors))
        self.error.show_problems(problems)
        return problems

    def add_criterion(self, criterion: dict | None) -> list:
        taken = {c.id for c in self.document.case.criteria}
        crit = dict(criterion or {"name": "New criterion", "weight": 10.0, "description": ""})
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
