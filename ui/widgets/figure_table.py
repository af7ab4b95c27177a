"""A read-only, sortable table of figures already formatted for people.

Each cell is ``(text, sort_key)``: the text is what the board reads (``−£1,235k``), the key is
the number it sorts by, so sorting by a money column orders by value, not by the text. Numbers
are right-aligned. Used by the Results and Sensitivity steps for every table they show.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView, QWidget

from ui.widgets.fitting import fit_columns, header_lines

SORT_ROLE = Qt.UserRole + 1
Cell = tuple[str, Any] | str


class FigureTable(QTableView):
    """``set_rows(headers, rows)``; rows of cells; sortable when ``sortable``."""

    MAX_COLUMN = 220   # px: a longer option name is elided in the middle (its tooltip is whole)

    def __init__(self, sortable: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.source = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(sortable)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)   # file order at first
        self._shape: tuple | None = None    # headers, tooltips and row lengths shown

    def set_rows(self, headers: list[str], rows: list[list[Cell]],
                 tooltips: dict[int, str] | None = None) -> None:
        """Show ``rows`` under ``headers``. If only the figures changed (same headers, same
        number of rows and cells), the items are updated in place: no model reset, no relayout
        unless a text no longer fits its column."""
        if self._same_shape(headers, rows, tooltips):
            self._update_in_place(rows)
            return
        self._shape = (list(headers), dict(tooltips or {}), [len(r) for r in rows])
        column = self.horizontalHeader().sortIndicatorSection()
        order = self.horizontalHeader().sortIndicatorOrder()
        self.source.setRowCount(0)
        self.source.setColumnCount(len(headers))
        for c, head in enumerate(headers):
            item = QStandardItem(header_lines(head))       # wrapped, never cut
            item.setToolTip((tooltips or {}).get(c, head))
            self.source.setHorizontalHeaderItem(c, item)
        for row in rows:
            items = []
            for cell in row:
                text, key = (cell, cell) if isinstance(cell, str) else cell
                item = QStandardItem(text)
                item.setToolTip(text)
                item.setData(key if key is not None else float("-inf"), SORT_ROLE)
                if not isinstance(cell, str):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                items.append(item)
            self.source.appendRow(items)
        if 0 <= column < len(headers):
            self.proxy.sort(column, order)
        self._fit_columns()

    def _fit_columns(self) -> None:
        fit_columns(self, widest=self.MAX_COLUMN)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self.source.columnCount():
            self._fit_columns()      # the room free at the new width goes to elided names

    def _same_shape(self, headers, rows, tooltips) -> bool:
        return self._shape == (list(headers), dict(tooltips or {}), [len(r) for r in rows])

    def _update_in_place(self, rows: list[list[Cell]]) -> None:
        metrics = self.fontMetrics()
        refit = False
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                text, key = (cell, cell) if isinstance(cell, str) else cell
                key = key if key is not None else float("-inf")
                item = self.source.item(r, c)
                if item.text() != text:
                    item.setText(text)
                    item.setToolTip(text)
                    refit = refit or (metrics.horizontalAdvance(text) + 16 > self.columnWidth(c)
                                      and self.columnWidth(c) < self.MAX_COLUMN)
                if item.data(SORT_ROLE) != key:
                    item.setData(key, SORT_ROLE)
        if refit:
            self._fit_columns()

    def fit_height(self, max_rows: int = 12) -> None:
        """Tall enough for its rows (up to ``max_rows``) so a scroll area carries the rest."""
        rows = min(self.source.rowCount(), max_rows)
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += rows * self.verticalHeader().defaultSectionSize() if rows else 24
        height += self.horizontalScrollBar().sizeHint().height() + 2
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)

    def text(self, row: int, column: int) -> str:
        """The text shown at a row and column, in the order on screen."""
        return self.proxy.index(row, column).data() or ""

    def column_texts(self, column: int) -> list[str]:
        return [self.text(r, column) for r in range(self.proxy.rowCount())]
