"""Table models for an option's money lines: one QAbstractTableModel per line kind.

Each model shows the lines of one list of one option (``options[i].savings`` …) and writes every
edit through :meth:`CaseDocument.set_value` / :meth:`CaseDocument.edit`, so that it is one undo
step, validated by the engine's own rules. Figures that are computed (a line's present value,
a redundancy's statutory weeks and pay) are read from ``document.results``, never worked out
here. ``COL_<KEY>`` constants (``SavingsModel.COL_ANNUAL``) name the columns; ``LINE_ROLE``
returns the line's data; :meth:`set_rows` replaces the rows inside a model reset.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyledItemDelegate

from appraisal.paths import FieldPath, problem_text

from .cells import money_text, number_text, parse_number, parse_ramp, parse_whole, ramp_text
from .tones import readable_text, refused_background

LINE_ROLE = Qt.UserRole + 1     # the line's data (a dict, as in the case file)
RAW_ROLE = Qt.UserRole + 2      # the cell's stored value (or its default), unformatted

VAT_TREATMENTS = (
    ("standard_rated", "Standard-rated"),
    ("cost_sharing_exemption", "Cost sharing exemption"),
    ("vat_group", "VAT group"),
    ("outside_scope", "Outside the scope"),
)
BASES = (
    ("real", "Today's prices"),
    ("nominal", "Fixed in cash"),
)


@dataclass(frozen=True)
class Column:
    """One column: the field it edits (or the result it shows) and how it reads and writes.

    kinds: text, money, number, whole, ramp, organisation (blank = joint), recipient, supplier
    (blank = not named), vat, basis, loan, check; ``result`` columns are read-only figures from
    Results (``fmt`` money/weeks).
    """

    key: str
    header: str
    kind: str
    tip: str = ""
    default: Any = None
    optional: bool = False
    fmt: str = "money"


CHOICE_KINDS = ("organisation", "recipient", "supplier", "vat", "basis", "loan")
NUMERIC_KINDS = ("money", "number", "whole", "result")


def _range(unit: str = "money") -> tuple[Column, Column]:
    return (Column("low", "Low", unit, "The lowest credible value; give low and high together. "
                   "Blank both to remove the range.", optional=True),
            Column("high", "High", unit, "The highest credible value.", optional=True))


PV = Column("pv", "Present value", "result", "This line's discounted value over the horizon "
            "(+ a benefit, − a cost)")


class LineTableModel(QAbstractTableModel):
    """The lines of one kind of one option. Subclasses set KIND, NOUN and COLUMNS."""

    KIND = ""
    NOUN = "line"
    COLUMNS: tuple[Column, ...] = ()
    problemsChanged = Signal(list)   # messages naming the field, for a label under the table

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        for i, col in enumerate(cls.COLUMNS):
            setattr(cls, f"COL_{col.key.upper()}", i)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self._document = document
        self._option = 0
        self._rows: list[dict] = []
        self._results: dict[str, Any] = {}
        self._warnings: dict[int, list[str]] = {}
        self._errors: dict[tuple[int, int], str] = {}
        self._field_warnings: dict[tuple[int, str], list[str]] = {}

    # --- rows ---------------------------------------------------------------------------------
    @property
    def option_index(self) -> int:
        return self._option

    def set_option(self, index: int) -> None:
        self._option = index
        self._errors.clear()
        self.problemsChanged.emit([])
        self.refresh(reset=True)

    def refresh(self, reset: bool = False) -> None:
        """Re-read the rows from the document and the figures from its results."""
        rows = self._document.get(("options", self._option, self.KIND), []) or []
        results, warnings = self._read_results()
        if reset or len(rows) != len(self._rows):
            self.set_rows(rows, results, warnings)
            return
        self._rows, self._results, self._warnings = rows, results, warnings
        if rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(rows) - 1, len(self.COLUMNS) - 1))

    def set_rows(self, rows: list[dict], results: dict | None = None,
                 warnings: dict | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._results = results or {}
        self._warnings = warnings or {}
        self._errors = {k: v for k, v in self._errors.items() if k[0] < len(rows)}
        self.endResetModel()

    def _read_results(self) -> tuple[dict, dict]:
        self._field_warnings: dict[tuple[int, str], list[str]] = {}
        res = self._document.results
        option_id = self._document.get(("options", self._option, "id"))
        if res is None or option_id is None:
            return {}, {}
        try:
            opt = res.option(option_id)
        except StopIteration:
            return {}, {}
        found = {r.ref: r for r in opt.lines if r.kind == self.KIND}
        found.update({r.ref: r for r in opt.redundancies if self.KIND == "redundancies"})
        warnings: dict[int, list[str]] = {}
        for w in res.warnings:
            path = FieldPath.parse(w.path)
            line = path.line()
            if line is not None and line[:2] == (self._option, self.KIND):
                warnings.setdefault(line[2], []).append(w.message)
                if len(path) > 5 and isinstance(path[5], str):
                    self._field_warnings.setdefault((line[2], path[5]), []).append(w.message)
        return found, warnings

    def line_result(self, row: int) -> Any:
        """The LineResult (or RedundancyResult) of a row, from the latest Results."""
        return self._results.get(f"{self.KIND}[{row}]")

    def warnings(self, row: int) -> list[str]:
        return self._warnings.get(row, [])

    def cell_warnings(self, row: int, col: Column) -> list[str]:
        """The warnings a cell carries: every warning of the line on the VAT treatment (where
        shared services are questioned); on a tick box, those about the field it confirms."""
        if col.kind == "vat":
            return self.warnings(row)
        if col.kind == "check" and col.key == "breakage_gain_confirmed":
            return self._field_warnings.get((row, "breakage_cost"), [])
        return []

    def label(self, row: int) -> str:
        line = self._rows[row]
        result = self.line_result(row)
        return line.get("label") or (result.label if result else f"{self.NOUN} {row + 1}")

    # --- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            col = self.COLUMNS[section]
            if role == Qt.DisplayRole:
                return col.header
            if role == Qt.ToolTipRole:
                return col.tip or None
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        col = self.COLUMNS[index.column()]
        if col.kind == "result":
            return base
        if col.kind == "check":
            return base | Qt.ItemIsUserCheckable
        return base | Qt.ItemIsEditable

    def raw(self, row: int, col: Column) -> Any:
        if col.kind == "result":
            result = self.line_result(row)
            return getattr(result, col.key, None) if result is not None else None
        return self._rows[row].get(col.key, col.default)

    def choices(self, column: int) -> list[tuple[str | None, str]]:
        """(value, text) pairs for a choice column: organisations, loans, VAT treatments."""
        kind = self.COLUMNS[column].kind
        case = self._document.case
        if kind == "vat":
            return list(VAT_TREATMENTS)
        if kind == "basis":
            return list(BASES)
        if kind == "loan":
            return [(loan.id, f"{loan.lender or loan.id} ({org.name})")
                    for org in case.organisations for loan in org.loans]
        orgs = [(o.id, o.name) for o in case.organisations]
        if kind == "supplier":
            return [(None, "Not named")] + orgs
        return ([(None, "Joint")] + orgs) if kind == "organisation" else orgs

    def display(self, row: int, column: int) -> str:
        col = self.COLUMNS[column]
        value = self.raw(row, col)
        if col.kind in CHOICE_KINDS:
            return next((t for v, t in self.choices(column) if v == value), value or "")
        if col.kind == "ramp":
            return ramp_text(value)
        if col.kind == "check":
            return ""
        if col.kind == "money" or (col.kind == "result" and col.fmt == "money"):
            return money_text(value)
        if col.kind == "result" and col.fmt == "weeks":
            return "" if value is None else f"{value:g}"
        if col.kind in ("number", "whole"):
            return number_text(value)
        return "" if value is None else str(value)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        col = self.COLUMNS[column]
        error = self._errors.get((row, column))
        if role == Qt.DisplayRole:
            return self.display(row, column)
        if role == Qt.EditRole:
            value = self.raw(row, col)
            if col.kind in CHOICE_KINDS:
                return value
            if col.kind == "ramp":
                return ramp_text(value)
            return number_text(value) if col.kind in NUMERIC_KINDS else (value or "")
        if role == RAW_ROLE:
            return self.raw(row, col)
        if role == LINE_ROLE:
            return dict(self._rows[row])
        if role == Qt.CheckStateRole and col.kind == "check":
            return Qt.Checked if self.raw(row, col) else Qt.Unchecked
        if role == Qt.TextAlignmentRole and col.kind in NUMERIC_KINDS:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole:
            if error:
                return error
            if self.cell_warnings(row, col):
                return "\n".join(self.cell_warnings(row, col))
            return col.tip or None
        if role == Qt.BackgroundRole and error:
            return refused_background()
        if role == Qt.ForegroundRole and error:
            return readable_text(refused_background())
        if role == Qt.DecorationRole and self.cell_warnings(row, col):
            return QApplication.style().standardIcon(QStyle.SP_MessageBoxWarning)
        return None

    # --- editing ------------------------------------------------------------------------------
    def parse(self, col: Column, value: Any) -> Any:
        """The stored value for what was typed; ValueError with a sentence if it cannot be read."""
        if col.kind == "check":
            return value in (True, Qt.Checked, Qt.Checked.value, 2)
        if col.optional and (value is None or str(value).strip() == ""):
            return None
        if col.kind in ("money", "number"):
            return parse_number(value)
        if col.kind == "whole":
            return parse_whole(value)
        if col.kind == "ramp":
            return parse_ramp(value)
        if col.kind in ("organisation", "supplier"):
            return value or None
        if col.kind == "text":
            return str(value).strip() or None
        return value

    def setData(self, index, value, role=Qt.EditRole):  # noqa: N802
        if not index.isValid() or role not in (Qt.EditRole, Qt.CheckStateRole):
            return False
        row, column = index.row(), index.column()
        col = self.COLUMNS[column]
        if col.kind == "result":
            return False
        try:
            parsed = self.parse(col, value)
        except ValueError as exc:
            return self._refuse(row, column, [f"{col.header}: {exc}"])
        text = f"change {col.header.lower()} of {self.label(row)}"
        path = ("options", self._option, self.KIND, row, col.key)
        if col.key in ("low", "high"):
            problems = self._set_range(row, col.key, parsed, text)
        else:
            problems = self._document.set_value(path, parsed, text)
        if problems:
            return self._refuse(row, column, [self._describe(row, p) for p in problems])
        if self._errors.pop((row, column), None) is not None:
            self.problemsChanged.emit(self.problems())
        self.dataChanged.emit(index, index)
        return True

    def _set_range(self, row: int, end: str, value: float | None, text: str):
        """Set low or high; the other end starts at the base value; blank removes both."""
        main = next(c.key for c in self.COLUMNS if c.kind in ("money", "number"))
        other = "high" if end == "low" else "low"

        def mutate(data: dict) -> None:
            line = data["options"][self._option][self.KIND][row]
            if value is None:
                line.pop("low", None)
                line.pop("high", None)
                return
            line[end] = value
            line.setdefault(other, line.get(main, 0.0))

        key = f"options[{self._option}].{self.KIND}[{row}].{end}"
        return self._document.edit(text, mutate, merge_key=key)

    def _describe(self, row: int, problem: tuple[str, str]) -> str:
        path, message = problem
        prefix = f"options[{self._option}].{self.KIND}[{row}]."
        if path.startswith(prefix):
            key = path[len(prefix):]
            header = next((c.header for c in self.COLUMNS if c.key == key), key)
            return f"{header}: {message}"
        return problem_text(path, message, self._document.case)

    def _refuse(self, row: int, column: int, messages: list[str]) -> bool:
        label = self.label(row)
        self._errors[(row, column)] = f"Row {row + 1} ({label}), " + "; ".join(messages)
        cell = self.index(row, column)
        self.dataChanged.emit(cell, cell)
        self.problemsChanged.emit(self.problems())
        return False

    def problems(self) -> list[str]:
        """The messages of the entries refused so far (one per cell), in table order."""
        return [self._errors[k] for k in sorted(self._errors)]


class LineDelegate(QStyledItemDelegate):
    """A combo box for choice columns (organisation, recipient, VAT treatment, loan)."""

    def createEditor(self, parent, option, index):  # noqa: N802
        model = index.model()
        if model.COLUMNS[index.column()].kind in CHOICE_KINDS:
            box = QComboBox(parent)
            for value, text in model.choices(index.column()):
                box.addItem(text, value)
            box.activated.connect(lambda _i, b=box: self.commitData.emit(b))
            return box
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index):  # noqa: N802
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.EditRole))
            editor.setCurrentIndex(max(0, found))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.EditRole)
            return
        super().setModelData(editor, model, index)


__all__ = ["LINE_ROLE", "PV", "RAW_ROLE", "Column", "LineDelegate", "LineTableModel"]
