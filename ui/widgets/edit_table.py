"""The table view an editing step shows its model in (criteria, scores, money lines).

One cell, or one row, is selected at a time, so that 'Remove selected' and the box under the
table always speak of one thing; the columns start at their set widths and the user may widen
them. Typing into a cell starts editing it (QTableView's own default); Tab leaves the table. Each step adds what is
its own (row colours, stretch, section sizes) after this.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyledItemDelegate, QTableView,
                               QWidget)

from ui.widgets.fitting import keep_fitted


def edit_table(model: QAbstractItemModel, parent: QWidget, *, rows: bool = False,
               delegate: type[QStyledItemDelegate] | None = None,
               name: str = "") -> QTableView:
    """A table on ``model``: single selection (of whole rows when ``rows``), columns the user
    can resize, and the editors of the ``delegate`` class where one is given; ``name`` is what a
    screen reader calls it. Tab moves on to the next control (the arrows move between cells),
    so a table is one stop in the form's order, not a trap."""
    table = QTableView(parent)
    if name:
        table.setAccessibleName(name)
    table.setTabKeyNavigation(False)
    table.setModel(model)
    if delegate is not None:
        table.setItemDelegate(delegate(table))
    if rows:
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    keep_fitted(table)
    return table
