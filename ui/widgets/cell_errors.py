"""Refused cell edits remembered per cell, for table models that write through the document."""
from __future__ import annotations

from appraisal.paths import problem_text


class CellErrors:
    """Mixed into a QAbstractTableModel with ``document``: keeps each refused cell's reason.

    ``_errors`` maps (row, column) to the reason in the case's own words; ``last_problems``
    holds the problems of the latest edit (empty after one that was accepted).
    """

    def _refuse(self, row: int, col: int, problems: list[tuple[str, str]]) -> bool:
        """Remember why the edit of a cell was refused, redraw the cell, and report failure."""
        self.last_problems = problems
        self._errors[(row, col)] = "; ".join(problem_text(p, m, self.document.case)
                                             for p, m in problems)
        self.dataChanged.emit(self.index(row, col), self.index(row, col))
        return False

    def _accept(self, row: int, col: int) -> bool:
        """Forget a cell's refusal once an edit of it is accepted, redraw it, report success."""
        self._errors.pop((row, col), None)
        self.last_problems = []
        self.dataChanged.emit(self.index(row, col), self.index(row, col))
        return True
