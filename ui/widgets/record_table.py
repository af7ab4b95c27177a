"""A table bound to a list in the case (loans, readiness items, risks): one row a record.

The table redraws from ``document.get(list_path)`` whenever the case changes and sends each edited
cell to the document as one undoable edit. A refused entry puts the case's value back in the cell
and shows the reason under the table.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHeaderView, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from appraisal.formatting import MINUS, money
from ui.document import CaseDocument, path_text
from ui.widgets.inline_error import InlineError

Choices = Sequence[tuple[str, Any]]


@dataclass(frozen=True)
class Column:
    """One column: the record's key, its heading, and how its values are typed."""

    key: str
    header: str
    kind: str = "text"          # text | money | int | number | choice
    choices: Choices | Callable[[CaseDocument], Choices] | None = None
    tooltip: str = ""
    optional: bool = False      # an empty cell removes the key (the default applies)
    width: int = 0              # 0: stretch


def parse_cell(kind: str, text: str) -> Any:
    """The typed value of a cell's text: '£20,000,000' → 20000000.0; raises ValueError."""
    cleaned = text.strip().replace(",", "").replace("£", "").replace(MINUS, "-")
    if kind == "text":
        return text
    if kind == "int":
        try:
            return int(cleaned)
        except ValueError:
            raise ValueError("must be a whole number") from None
    try:
        return float(cleaned)
    except ValueError:
        raise ValueError("must be a number") from None


def show_cell(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "money":
        return money(value)
    if kind == "number" and float(value).is_integer():
        return f"{value:,.0f}"
    return str(value)


class RecordTable(QWidget):
    """An editable table of the records at ``list_path``."""

    currentRowChanged = Signal(int)

    def __init__(self, document: CaseDocument, list_path: tuple, columns: Sequence[Column],
                 record_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.list_path, self.columns = document, tuple(list_path), list(columns)
        self.record_name = record_name
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels([c.header for c in columns])
        for i, c in enumerate(columns):
            if c.tooltip:
                self.table.horizontalHeaderItem(i).setToolTip(c.tooltip)
            mode = QHeaderView.Stretch if not c.width else QHeaderView.Interactive
            self.table.horizontalHeader().setSectionResizeMode(i, mode)
            if c.width:
                self.table.setColumnWidth(i, c.width)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 14)
        self.table.setMinimumHeight(140)
        self.table.setAccessibleName(record_name.capitalize() + "s")
        self.error = InlineError(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        self.table.cellChanged.connect(self._cell_changed)
        self.table.currentCellChanged.connect(lambda r, *_: self.currentRowChanged.emit(r))
        document.changed.connect(self.refresh)
        self.refresh()

    # --- reading ----------------------------------------------------------------------------
    def set_list_path(self, list_path: tuple) -> None:
        self.list_path = tuple(list_path)
        self.error.clear()
        self.table.setRowCount(0)
        self.refresh()

    def records(self) -> list[dict]:
        return self.document.get(self.list_path) or []

    def current_row(self) -> int:
        return self.table.currentRow()

    def refresh(self) -> None:
        records = self.records()
        self.table.blockSignals(True)
        try:
            rebuild = self.table.rowCount() != len(records)
            if rebuild:
                self.table.setRowCount(len(records))
            choices = {c: list(self._choices(col)) for c, col in enumerate(self.columns)
                       if col.kind == "choice"}      # once a refresh, not once a cell
            for r, record in enumerate(records):
                for c, column in enumerate(self.columns):
                    value = record.get(column.key)
                    if column.kind == "choice":
                        self._show_choice(r, c, column, value, rebuild, choices[c])
                    else:
                        self._show_text(r, c, column, value)
        finally:
            self.table.blockSignals(False)

    def _show_text(self, r: int, c: int, column: Column, value: Any) -> None:
        text = show_cell(column.kind, value)
        item = self.table.item(r, c)
        if item is None:
            item = QTableWidgetItem()
            if column.kind != "text":
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.table.setItem(r, c, item)
        if item.text() != text:
            item.setText(text)
            item.setToolTip(text if column.kind == "text" else "")

    def _choices(self, column: Column) -> Choices:
        return column.choices(self.document) if callable(column.choices) else column.choices or ()

    def _show_choice(self, r: int, c: int, column: Column, value: Any, rebuild: bool,
                     choices: list) -> None:
        combo = self.table.cellWidget(r, c)
        labels = [text for text, _data in choices]
        if (rebuild or not isinstance(combo, QComboBox)
                or [combo.itemText(i) for i in range(combo.count())] != labels):
            combo = QComboBox()
            combo.setAccessibleName(column.header)
            for text, data in choices:
                combo.addItem(text, data)
            combo.activated.connect(lambda _i, row=r, col=column, box=combo:
                                    self.commit(row, col, box.currentData()))
            self.table.setCellWidget(r, c, combo)
        index = next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)
        combo.blockSignals(True)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    # --- writing ----------------------------------------------------------------------------
    def _cell_changed(self, r: int, c: int) -> None:
        column = self.columns[c]
        text = self.table.item(r, c).text()
        if column.optional and not text.strip():
            self.commit(r, column, None)
            return
        try:
            value = parse_cell(column.kind, text)
        except ValueError as exc:
            self.error.show_message(f"{self.record_name.capitalize()} {r + 1}, "
                                    f"{column.header.lower()}: {exc}")
            self.refresh()
            return
        self.commit(r, column, value)

    def commit(self, row: int, column: Column, value: Any) -> list:
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
        problems = self.document.edit(text, mutate)
        if problems:
            self.error.show_problems(problems, path_text(path))
            self.refresh()
        else:
            self.error.clear()
        return problems

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
            self.table.setCurrentCell(self.table.rowCount() - 1, 0)
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
