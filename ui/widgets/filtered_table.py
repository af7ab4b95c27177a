"""A record table that shows some of the records of its list (those of one option, say).

Rows map to the stored list: an edit, a removal or a link made in a filtered view reaches the
record it shows, and a record added while filtered is added at the end of the whole list.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.document import CaseDocument
from ui.widgets.columns import Column
from ui.widgets.record_table import RecordTable


class FilteredTable(RecordTable):
    """The records at ``list_path`` that ``keep`` accepts (all of them while it is None)."""

    def __init__(self, document: CaseDocument, list_path: tuple, columns: Sequence[Column],
                 record_name: str, parent: QWidget | None = None):
        self.keep: Callable[[dict], bool] | None = None
        self.rows: list[int] = []         # stored index of each row shown
        super().__init__(document, list_path, columns, record_name, parent)

    def set_filter(self, keep: Callable[[dict], bool] | None) -> None:
        self.keep = keep
        self.set_list_path(self.list_path)

    def shown(self, record: dict) -> dict:
        """A record as the table shows it (a subclass may add columns made from its fields)."""
        return record

    def records(self) -> list[dict]:
        stored = self.document.get(self.list_path) or []
        self.rows = [k for k, r in enumerate(stored) if self.keep is None or self.keep(r)]
        return [self.shown(dict(stored[k])) for k in self.rows]

    def stored_index(self, row: int) -> int:
        self.records()
        return self.rows[row]

    def commit(self, row: int, column: Column, value: Any) -> list:
        return super().commit(self.stored_index(row), column, value)

    def remove_current(self, text: str) -> list:
        row = self.current_row()
        if row < 0:
            return []
        k, path = self.stored_index(row), self.list_path

        def mutate(data: dict) -> None:
            node = data
            for part in path:
                node = node[part]
            del node[k]

        problems = self.document.edit(text, mutate)
        self.error.show_problems(problems)
        return problems
