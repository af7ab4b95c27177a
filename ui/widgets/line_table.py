"""Table models for an option's money lines: one model per line kind, on the shared base.

Each model shows the lines of one list of one option (``options[i].savings`` …) and writes every
edit through :meth:`CaseDocument.set_value` / :meth:`CaseDocument.edit`, so that it is one undo
step, validated by the engine's own rules. Figures that are computed (a line's present value,
a redundancy's statutory weeks and pay) are read from ``document.results``, never worked out
here. ``COL_<KEY>`` constants (``SavingsModel.COL_ANNUAL``) name the columns; ``LINE_ROLE``
returns the line's data; :meth:`set_rows` replaces the rows inside a model reset.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle

from appraisal.paths import path_of
from appraisal.wording import sentence
from ui.document import MergeKey

from .columns import Column
from .table_model import DECORATION, TOOLTIP, CaseTableModel

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


def _range(unit: str = "money") -> tuple[Column, Column]:
    return (Column("low", "Low", unit, "The least this figure could plausibly be: the end of "
                   "the estimate, not a 10th percentile. Give low and high together; blank both "
                   "to remove the range.", optional=True),
            Column("high", "High", unit, "The most this figure could plausibly be: the end of "
                   "the estimate, not a 90th percentile.", optional=True))


PV = Column("pv", "Present value", "result", "This line's discounted value over the horizon "
            "(+ a benefit, − a cost)")


class LineTableModel(CaseTableModel):
    """The lines of one kind of one option. Subclasses set KIND, NOUN and COLUMNS."""

    KIND = ""
    NOUN = "line"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self._document = document
        self._option = 0
        self._rows: list[dict] = []
        self._results: dict[str, Any] = {}
        self._warnings: dict[int, list[str]] = {}
        self._field_warnings: dict[tuple[int, str], list[str]] = {}

    # --- rows ---------------------------------------------------------------------------------
    @property
    def option_index(self) -> int:
        return self._option

    def set_option(self, index: int) -> None:
        self._option = index
        self.forget_errors()
        self.problemsChanged.emit([])
        self.refresh(reset=True)

    def refresh(self, reset: bool = False) -> None:
        """Re-read the rows from the document and the figures from its results."""
        rows = self._document.get(("options", self._option, self.KIND), []) or []
        results, warnings = self._read_results()
        self._field_warnings = self._read_field_warnings()
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
        self.forget_errors(keep_rows=len(rows))
        self.endResetModel()

    def _read_results(self) -> tuple[dict, dict]:
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
            line = w.path.line()
            if line is not None and line[:2] == (self._option, self.KIND):
                warnings.setdefault(line[2], []).append(sentence(w))
        return found, warnings

    def _read_field_warnings(self) -> dict[tuple[int, str], list[str]]:
        """The warnings about a line by (row, field): a shared service's supplier or VAT
        treatment, a loan's breakage; "" for those about the whole line."""
        res = self._document.results
        out: dict[tuple[int, str], list[str]] = {}
        for w in res.warnings if res is not None else []:
            line = w.path.line()
            if line is not None and line[:2] == (self._option, self.KIND):
                field = w.path[4] if len(w.path) > 4 and isinstance(w.path[4], str) else ""
                out.setdefault((line[2], field), []).append(sentence(w))
        return out

    def cell_warnings(self, row: int, column: int) -> list[str]:
        """The warnings a cell carries: those about its own field (a breakage gain also on the
        tick box that confirms it); on the VAT treatment, too, those about the whole line."""
        key = self.COLUMNS[column].key
        found = list(self._field_warnings.get((row, key), []))
        if key == "breakage_gain_confirmed":
            found += self._field_warnings.get((row, "breakage_cost"), [])
        if self.COLUMNS[column].kind == "vat":
            found = self._field_warnings.get((row, ""), []) + found
        return found

    def line_result(self, row: int) -> Any:
        """The LineResult (or RedundancyResult) of a row, from the latest Results."""
        return self._results.get(f"{self.KIND}[{row}]")

    def warnings(self, row: int) -> list[str]:
        return self._warnings.get(row, [])

    def label(self, row: int) -> str:
        line = self._rows[row]
        result = self.line_result(row)
        return line.get("label") or (result.label if result else f"{self.NOUN} {row + 1}")

    # --- the base's questions -----------------------------------------------------------------
    def row_count(self) -> int:
        return len(self._rows)

    def row_label(self, row: int) -> str:
        return f"Row {row + 1} ({self.label(row)})"

    def raw(self, row: int, column: int | Column) -> Any:
        col = column if isinstance(column, Column) else self.COLUMNS[column]
        if col.kind == "result":
            result = self.line_result(row)
            return getattr(result, col.key, None) if result is not None else None
        return self._rows[row].get(col.key, col.default)

    def choices(self, column: int) -> list[tuple[Any, str]]:
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

    def cell_data(self, row: int, column: int, role: int) -> Any:
        if role == RAW_ROLE:
            return self.raw(row, column)
        if role == LINE_ROLE:
            return dict(self._rows[row])
        if role not in (TOOLTIP, DECORATION):
            return None
        found = self.cell_warnings(row, column)
        if found and not self.error(row, column):
            if role == TOOLTIP:
                return "\n".join(found)
            return QApplication.style().standardIcon(QStyle.SP_MessageBoxWarning)
        return None

    def write(self, row: int, column: int, value: Any) -> list:
        col = self.COLUMNS[column]
        text = f"change {col.header.lower()} of {self.label(row)}"
        if col.key in ("low", "high"):
            return self._set_range(row, col.key, value, text)
        return self._document.set_value(("options", self._option, self.KIND, row, col.key),
                                        value, text)

    def _set_range(self, row: int, end: str, value: float | None, text: str):
        """Set low or high; the other end starts at the base value; blank removes both."""
        main = next(c.key for c in self.COLUMNS if c.kind in ("money", "number", "bps"))
        other = "high" if end == "low" else "low"

        def mutate(data: dict) -> None:
            line = data["options"][self._option][self.KIND][row]
            if value is None:              # no range: no shared uncertain figure either
                for key in ("low", "high", "driver"):
                    line.pop(key, None)
                return
            line[end] = value
            line.setdefault(other, line.get(main, 0.0))

        key = MergeKey.of("options", self._option, self.KIND, row, end)
        return self._document.edit(text, mutate, merge_key=key)

    def describe(self, row: int, problem: tuple[str, str]) -> str:
        path, message = path_of(problem[0]), problem[1]
        if len(path) > 4 and path.line() == (self._option, self.KIND, row):
            key = path[4]
            header = next((c.header for c in self.COLUMNS if c.key == key), key)
            return f"{header}: {message}"
        return super().describe(row, problem)


__all__ = ["LINE_ROLE", "PV", "RAW_ROLE", "Column", "LineTableModel"]
