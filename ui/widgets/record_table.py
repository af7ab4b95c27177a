"""A table bound to a list in the case (loans, readiness items, risks): one row a record.

The table is a view on a :class:`RecordModel`, the shared table model over the records at
``list_path``; it redraws whenever the case changes and sends each edited cell to the document
as one undoable edit. Numbers are read with the one grammar (a balance of "20m" is £20,000,000);
a refused entry leaves the case's value in the cell and shows the reason under the table. Choice
columns show their combo boxes all the time.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTableView, QVBoxLayout, QWidget

from ui.document import CaseDocument
from ui.widgets.columns import Column
from ui.widgets.fitting import keep_fitted
from ui.widgets.inline_error import InlineError
from ui.widgets.table_model import TOOLTIP, CaseTableModel, ColumnDelegate

__all__ = ["RecordModel", "RecordTable", "RecordView"]


class RecordModel(CaseTableModel):
    """The records of a :class:`RecordTable` in its columns. The table says what the records
    are (``records``) and how a value is written (``commit``), so a table that shows its records
    differently from how they are stored (the rule table's one "Limit") needs no model of its
    own."""

    def __init__(self, table: RecordTable, columns: Sequence[Column], record_name: str):
        super().__init__(table.document, table)
        self.COLUMNS = tuple(columns)
        self.record_name = record_name
        self._table = table
        self._rows: list[dict] = []
        self._choices: list = []

    def refresh(self, reset: bool = False) -> bool:
        """Re-read the records; True if the rows were replaced (a reset). Nothing is redrawn
        when neither the records nor the choices offered (option names…) have changed."""
        rows = self._table.records()
        choices = [self.choices(c) for c, col in enumerate(self.COLUMNS) if col.is_choice]
        if reset or len(rows) != len(self._rows) or choices != self._choices:
            self.beginResetModel()
            self._rows, self._choices = rows, choices
            self.forget_errors(keep_rows=None if reset else len(rows))
            self.endResetModel()
            return True
        if rows == self._rows:
            return False
        self._rows = rows
        self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.COLUMNS) - 1))
        return False

    def row_count(self) -> int:
        return len(self._rows)

    def row_label(self, row: int) -> str:
        return f"{self.record_name.capitalize()} {row + 1}"

    def raw(self, row: int, column: int) -> Any:
        col = self.COLUMNS[column]
        return self._rows[row].get(col.key, col.default)

    def cell_data(self, row: int, column: int, role: int) -> Any:
        if role != TOOLTIP or self.COLUMNS[column].kind != "text" or self.error(row, column):
            return None
        return self.display(row, column) or self.COLUMNS[column].tip or None  # read in full

    def write(self, row: int, column: int, value: Any) -> list:
        return self._table.commit(row, self.COLUMNS[column], value)


class RecordView(QTableView):
    """The table's view; ``rowCount`` as a table widget has it."""

    def rowCount(self) -> int:  # noqa: N802 - as QTableWidget names it
        return self.model().rowCount()


class RecordTable(QWidget):
    """An editable table of the records at ``list_path``."""

    currentRowChanged = Signal(int)

    def __init__(self, document: CaseDocument, list_path: tuple, columns: Sequence[Column],
                 record_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.columns = document, list(columns)
        self.record_name = record_name
        self._list_path = tuple(list_path)
        self.model = RecordModel(self, columns, record_name)
        self.table = RecordView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(ColumnDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 14)
        self.table.setAccessibleName(record_name.capitalize() + "s")
        # every column fits its heading and contents; the last free-text one takes the rest
        free = [i for i, c in enumerate(self.columns) if not c.width and c.kind == "text"]
        keep_fitted(self.table, stretch=free[-1] if free else None)
        self.table.horizontalHeader().setStretchLastSection(not free)
        self.error = InlineError(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        self.model.problemsChanged.connect(self._show_problems)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._fit_height)
        self._fit_height()
        self.model.modelReset.connect(self._open_choices)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.currentRowChanged.emit(current.row()))
        document.changed.connect(self.refresh)
        self.refresh()

    def _fit_height(self, *_args) -> None:
        """Tall enough for every row (and room for two when empty), so the table never scrolls
        inside the step's page: the page scrolls, once."""
        view = self.table
        rows = max(self.model.rowCount(), 2)
        height = (view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
                  + rows * view.verticalHeader().defaultSectionSize()
                  + view.horizontalScrollBar().sizeHint().height())
        view.setMinimumHeight(height)

    @property
    def list_path(self) -> tuple:
        return self._list_path

    # --- reading ----------------------------------------------------------------------------
    def set_list_path(self, list_path: tuple) -> None:
        self._list_path = tuple(list_path)
        self.error.clear()
        self.model.refresh(reset=True)

    def records(self) -> list[dict]:
        """The records as the table shows them (a subclass may show them otherwise)."""
        return self.document.get(self.list_path) or []

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def refresh(self) -> None:
        self.model.refresh()     # the view puts open combo boxes back on the case's values

    def _open_choices(self) -> None:
        """Choice cells show their combo box all the time (as a form would)."""
        for c, column in enumerate(self.columns):
            if column.is_choice:
                for r in range(self.model.rowCount()):
                    self.table.openPersistentEditor(self.model.index(r, c))

    def cell_editor(self, row: int, column: int) -> QWidget | None:
        """The combo box open in a choice cell."""
        return self.table.indexWidget(self.model.index(row, column))

    def _show_problems(self, messages: list[str]) -> None:
        if messages:
            self.error.show_message(messages[-1])
        else:
            self.error.clear()

    # --- writing ----------------------------------------------------------------------------
    def commit(self, row: int, column: Column, value: Any) -> list:
        """Write one cell's value as one undoable edit; the problems if it is refused (the
        model keeps the reason on the cell and the message under the table)."""
        path = (*self.list_path, row, column.key)

        def mutate(data: dict) -> None:
            node = data
            for part in path[:-1]:
                node = node[part]
            if value is None:
                node.pop(column.key, None)
            else:
                node[column.key] = value

        text = f"change {column.header.lower()} of {self.record_name} {row + 1}"
        return self.document.edit(text, mutate)

    def set_cell(self, row: int, column: int, text: Any) -> bool:
        """Type ``text`` into a cell, as a person would; False (and a reason) if refused."""
        ok = self.model.setData(self.model.index(row, column), text, Qt.EditRole)
        if ok:
            self.error.clear()
        return ok

    def append(self, record: dict, text: str) -> list:
        """Add a record at the end as one undoable edit; select it."""
        path = self.list_path

        def mutate(data: dict) -> None:
            node = data
            for part in path[:-1]:
                node = node[part]
            node.setdefault(path[-1], []).append(record)

        problems = self.document.edit(text, mutate)
        self.error.show_problems(problems)
        if not problems:
            self.table.setCurrentIndex(self.model.index(self.model.rowCount() - 1, 0))
        return problems

    def remove_current(self, text: str) -> list:
        row = self.current_row()
        if row < 0:
            return []
        path = self.list_path

        def mutate(data: dict) -> None:
            node = data
            for part in path:
                node = node[part]
            del node[row]

        problems = self.document.edit(text, mutate)
        self.error.show_problems(problems)
        return problems

