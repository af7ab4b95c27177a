"""One tab of the Money step: the lines of one kind for the chosen option.

A keyboard-editable table (model: :mod:`ui.widgets.line_kinds`), Add and Remove buttons, the
reasons for refused entries in red under the table, the engine's warnings about these lines
(VAT eligibility, loans running past the horizon, pension strain) and the column's total.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from appraisal.formatting import money
from appraisal.kinds import KIND, RESULT_COLUMNS
from ui.document import CaseDocument
from ui.widgets.edit_table import edit_table
from ui.widgets.inline_error import InlineError
from ui.widgets.line_table import LineTableModel
from ui.widgets.table_model import ColumnDelegate, fit_columns
from ui.widgets.tones import style_warning_label

# The results columns in words, in model.md §3 order.
COLUMN_NAMES = {c.id: c.words for c in RESULT_COLUMNS}


def new_line(model_cls: type[LineTableModel], case) -> dict | None:
    """A valid line to add: model.md's defaults at zero; None if it needs a loan and none exists."""
    line = dict(model_cls.NEW)
    field = KIND[model_cls.KIND].organisation
    if field == "recipient":            # a line that must name a partner: the first
        line[field] = case.organisations[0].id
    if field == "loan":                 # a line that must name a loan: the first there is
        loans = [loan.id for org in case.organisations for loan in org.loans]
        if not loans:
            return None
        line[field] = loans[0]
    return line


class LineTab(QWidget):
    """The table of one kind of line, with its buttons, messages and total."""

    def __init__(self, document: CaseDocument, model_cls: type[LineTableModel],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.model_cls = model_cls
        self.model = model_cls(document, self)
        self.table = edit_table(self.model, self, rows=True, delegate=ColumnDelegate)
        self.table.setEditTriggers(self.table.editTriggers() | QAbstractItemView.SelectedClicked)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setAccessibleName(f"{model_cls.NOUN} lines")

        self.add_button = QPushButton(f"Add {model_cls.NOUN}", self)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton("Remove selected", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.copy_button = QPushButton("Copy to other options…", self)
        self.copy_button.setToolTip("Add the selected line to other options as well; with a "
                                    "range, it and its copies become one uncertain figure")
        self.copy_button.clicked.connect(self.copy_selected)
        self.total = QLabel(self)
        self.total.setTextFormat(Qt.PlainText)
        self.errors = InlineError(self)
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setVisible(hasattr(self.model, "detail"))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.notes = QLabel(self)
        self.notes.setTextFormat(Qt.PlainText)
        style_warning_label(self.notes)
        self.notes.hide()
        self.model.problemsChanged.connect(
            lambda msgs: self.errors.show_problems([("", m) for m in msgs]))

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.errors)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        self._sized = False

    # --- redraw -------------------------------------------------------------------------------
    def set_option(self, index: int) -> None:
        self.model.set_option(index)
        self._after_refresh()

    def refresh(self) -> None:
        self.model.refresh()
        self._after_refresh()

    def _after_refresh(self) -> None:
        if not self._sized and self.model.rowCount():
            fit_columns(self.table)
            self._sized = True
        self.add_button.setEnabled(new_line(self.model_cls, self.document.case) is not None)
        if not self.add_button.isEnabled():
            self.add_button.setToolTip("Add a loan to a partner first (Partners step)")
        self.remove_button.setEnabled(self.model.rowCount() > 0)
        self.copy_button.setEnabled(self.model.rowCount() > 0
                                    and len(self.document.get(("options",), []) or []) > 1)
        self._show_notes()
        self._show_total()
        self._show_detail()

    def _show_detail(self) -> None:
        if not hasattr(self.model, "detail"):
            return
        row = self.table.currentIndex().row()
        if row < 0 and self.model.rowCount():
            row = 0
        self.detail.setText(self.model.detail(row) if 0 <= row < self.model.rowCount()
                            else "Add a line to see its statutory weeks and pay.")

    def _show_notes(self) -> None:
        lines = [f"Line {row + 1} ({self.model.label(row)}): {message}"
                 for row in range(self.model.rowCount()) for message in self.model.warnings(row)]
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))

    def _show_total(self) -> None:
        res = self.document.results
        option_id = self.document.get(("options", self.model.option_index, "id"))
        column = KIND[self.model_cls.KIND].column
        if res is None or option_id is None:
            self.total.clear()
            return
        try:
            total = res.option(option_id).column_total(column)
        except StopIteration:
            self.total.clear()
            return
        horizon = res.horizon
        self.total.setText(f"Total {COLUMN_NAMES[column]} over {horizon} years: {money(total)}")

    # --- editing ------------------------------------------------------------------------------
    def _option_name(self) -> str:
        return self.document.get(("options", self.model.option_index, "name"), "the option")

    def add_line(self) -> list:
        line = new_line(self.model_cls, self.document.case)
        if line is None:
            return []
        option, kind = self.model.option_index, self.model_cls.KIND

        def mutate(data: dict) -> None:
            data["options"][option].setdefault(kind, []).append(line)

        problems = self.document.edit(f"add {self.model_cls.NOUN} to {self._option_name()}",
                                      mutate)
        self.errors.show_problems(problems)
        if not problems:
            row = self.model.rowCount() - 1
            self.table.setCurrentIndex(self.model.index(row, 0))
        return problems

    def selected_row(self) -> int | None:
        row = self.table.currentIndex().row()
        if row < 0 and self.model.rowCount():
            row = 0
        return row if 0 <= row < self.model.rowCount() else None

    def copy_selected(self) -> None:
        """Copy the current line to options the user ticks (one undo step)."""
        from ui.dialogs.uncertainty import CopyLineDialog
        row = self.selected_row()
        if row is None:
            return
        CopyLineDialog(self.document, self.model.option_index, self.model_cls.KIND, row,
                       self).exec()

    def remove_selected(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        if not rows:
            return []
        row = rows[0]
        option, kind = self.model.option_index, self.model_cls.KIND
        label = self.model.label(row)

        def mutate(data: dict) -> None:
            del data["options"][option][kind][row]

        problems = self.document.edit(
            f"remove {self.model_cls.NOUN} {label} from {self._option_name()}", mutate)
        self.errors.show_problems(problems)
        return problems
