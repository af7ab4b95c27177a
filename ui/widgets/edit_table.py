"""The table view an editing step shows its model in (criteria, scores, money lines).

One cell, or one row, is selected at a time, so that 'Remove selected' and the box under the
table always speak of one thing; the columns start at their set widths and the user may widen
them. Typing into a cell starts editing it (QTableView's own default). Each step adds what is
its own (row colours, stretch, section sizes) after this.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyledItemDelegate, QTableView,
                               QWidget)


def edit_table(model: QAbstractItemModel, parent: QWidget, *, rows: bool = False,
               delegate: type[QStyledItemDelegate] | None = None) -> QTableView:
    """A table on ``model``: single selection (of whole rows when ``rows``), columns the user
    can resize, and the editors of the ``delegate`` class where one is given."""
    table = QTableView(parent)
    table.setModel(model)
    if delegate is not None:
        table.setItemDelegate(delegate(table))
    if rows:
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    return table
