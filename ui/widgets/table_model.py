"""The one table model every table in the app is built on, and its editors.

:class:`CaseTableModel` shows rows of the case in declared :class:`~ui.widgets.columns.Column`\\ s
and sends every edit to the document as one undoable step. A subclass says what its rows are
(``row_count``, ``raw``), how an accepted value is written (``write``, returning the problems the
document's rules found) and how a row is named for people (``row_label``). The base does the
rest, the same way in every table: shown text and editor text through the column's codec
(typed numbers through the one grammar), right-aligned figures, tick boxes, choice columns,
read-only results, and a refused entry kept on the cell (tinted, its reason in the tooltip) and
listed by :meth:`problems` for the message under the table.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from appraisal.paths import problem_text
from ui.widgets.columns import Column
from ui.widgets.editors import guard
from ui.widgets.fitting import fit_columns, header_lines
from ui.widgets.tones import readable_text, refused_background

Problem = tuple[str, str]
__all__ = ["CaseTableModel", "ColumnDelegate", "fit_columns"]

# The roles as plain integers: comparing with these is quick, where looking an enum up on ``Qt``
# in every call of ``data`` (hundreds of calls a repaint) is not.
DISPLAY, EDIT, CHECK, ALIGN, TOOLTIP, DESCRIPTION, BACKGROUND, FOREGROUND, DECORATION, FONT, \
    ACCESSIBLE = (int(r) for r in (
        Qt.DisplayRole, Qt.EditRole, Qt.CheckStateRole, Qt.TextAlignmentRole, Qt.ToolTipRole,
        Qt.AccessibleDescriptionRole, Qt.BackgroundRole, Qt.ForegroundRole, Qt.DecorationRole,
        Qt.FontRole, Qt.AccessibleTextRole))
RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
CENTRE = int(Qt.AlignCenter)


class CaseTableModel(QAbstractTableModel):
    """Rows of the case in declared columns. Subclasses set ``COLUMNS`` (or override
    :meth:`column`/``columnCount`` for columns that follow the case) and implement ``row_count``,
    ``raw``, ``write`` and ``row_label``."""

    COLUMNS: tuple[Column, ...] = ()
    problemsChanged = Signal(list)   # messages naming the cell, for a label under the table

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        for i, col in enumerate(cls.__dict__.get("COLUMNS", ())):
            setattr(cls, f"COL_{col.key.upper()}", i)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self._errors: dict[tuple[int, int], str] = {}
        self.last_problems: list[Problem] = []

    # --- what a subclass provides -----------------------------------------------------------
    def row_count(self) -> int:
        raise NotImplementedError

    def raw(self, row: int, column: int) -> Any:
        """The cell's stored value (or its column's default), unformatted."""
        raise NotImplementedError

    def write(self, row: int, column: int, value: Any) -> list[Problem]:
        """Send an accepted value to the document; the problems if its rules refuse it."""
        raise NotImplementedError

    def row_label(self, row: int) -> str:
        return f"Row {row + 1}"

    def column(self, index: int) -> Column:
        return self.COLUMNS[index]

    def choices(self, column: int) -> list[tuple[Any, str]]:
        """(value, text) pairs of a choice column."""
        found = self.column(column).choices
        return list(found(self.document) if callable(found) else found or ())

    def cell_data(self, row: int, column: int, role: int) -> Any:
        """Anything a subclass shows beyond the codec's (colours, icons, tooltips); None: the
        base decides."""
        return None

    # --- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and 0 <= section < self.columnCount():
            col = self.column(section)
            if role == Qt.DisplayRole:
                return header_lines(col.header)      # a long heading wraps, never cut
            if role == Qt.AccessibleTextRole:
                return col.header
            if role == Qt.ToolTipRole:
                return col.tip or None
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        col = self.column(index.column())
        if not col.editable:
            return base
        if col.kind == "check":
            return base | Qt.ItemIsUserCheckable
        return base | Qt.ItemIsEditable

    def display(self, row: int, column: int) -> str:
        col, value = self.column(column), self.raw(row, column)
        if col.is_choice:
            return next((t for v, t in self.choices(column) if v == value), value or "")
        return col.display(value)

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        special = self.cell_data(row, column, role)
        if special is not None:
            return special
        if role == DISPLAY:
            return self.display(row, column)
        col = self.column(column)
        if role == EDIT:
            return col.edit_text(self.raw(row, column))
        if role == ALIGN:
            return RIGHT if col.numeric else None
        if role == CHECK:
            if col.kind == "check":
                return Qt.Checked if self.raw(row, column) else Qt.Unchecked
            return None
        if role not in (TOOLTIP, DESCRIPTION, BACKGROUND, FOREGROUND):
            return None
        error = self._errors.get((row, column))
        if role == TOOLTIP:
            return error or col.tip or None
        if role == DESCRIPTION:
            return error or None
        if not error:
            return None
        if role == BACKGROUND:
            return refused_background()
        return readable_text(refused_background())

    # --- editing ------------------------------------------------------------------------------
    def setData(self, index, value, role=Qt.EditRole):
        if not index.isValid() or role not in (Qt.EditRole, Qt.CheckStateRole):
            return False
        row, column = index.row(), index.column()
        col = self.column(column)
        if not col.editable:
            return False
        try:
            parsed = col.parse(value)
        except ValueError as exc:
            return self._refuse(row, column, [f"{col.header}: {exc}"])
        problems = self.write(row, column, parsed)
        if problems:
            return self._refuse(row, column, [self.describe(row, p) for p in problems],
                                problems)
        self.last_problems = []
        if self._errors.pop((row, column), None) is not None:
            self.problemsChanged.emit(self.problems())
        self.dataChanged.emit(index, index)
        return True

    def describe(self, row: int, problem: Problem) -> str:
        """A refusal of the document's rules in the case's own words."""
        path, message = problem
        return problem_text(path, message, self.document.case)

    def _refuse(self, row: int, column: int, messages: list[str],
                problems: list[Problem] | None = None) -> bool:
        self.last_problems = problems if problems is not None else [("", m) for m in messages]
        self._errors[(row, column)] = f"{self.row_label(row)}, " + "; ".join(messages)
        cell = self.index(row, column)
        self.dataChanged.emit(cell, cell)
        self.problemsChanged.emit(self.problems())
        return False

    def forget_errors(self, keep_rows: int | None = None) -> None:
        """Drop remembered refusals (all, or those beyond ``keep_rows`` rows)."""
        self._errors = {k: v for k, v in self._errors.items()
                        if keep_rows is not None and k[0] < keep_rows}

    def error(self, row: int, column: int) -> str | None:
        return self._errors.get((row, column))

    def problems(self) -> list[str]:
        """The messages of the entries refused so far (one per cell), in table order."""
        return [self._errors[k] for k in sorted(self._errors)]


class ColumnDelegate(QStyledItemDelegate):
    """A combo box for choice columns (committed as soon as a choice is made); the view's own
    line editor, pre-filled with plain digits, for the others."""

    def createEditor(self, parent, option, index):
        model = index.model()
        if model.column(index.column()).is_choice:
            box = QComboBox(parent)
            box.setAccessibleName(model.column(index.column()).header)
            for value, text in model.choices(index.column()):
                box.addItem(text, value)
            box.activated.connect(lambda _i, b=box: self.commitData.emit(b))
            return guard(box)
        editor = super().createEditor(parent, option, index)
        editor.setAccessibleName(model.column(index.column()).header)
        return guard(editor)

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.EditRole))
            editor.setCurrentIndex(max(0, found))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.EditRole)
            return
        super().setModelData(editor, model, index)
