"""Step 6, Scores: each option scored 0–10 on each criterion, with the reason for each score;
a second tab holds the board members' own views (:mod:`ui.steps.members`).

Cells are coloured on the cividis scale (sequential, colour-blind safe) with black or white text
chosen for contrast, so they read in light and dark themes. Derived (value-for-money) scores and
the weighted score and rank are read from Results and cannot be typed. The rationale of the
selected cell is edited in the box under the matrix; a run of typing is one undo step.

A score not given yet is shown as missing: an empty cell with a muted dash, read out as "not
scored" (never as 0). While any option is unscored on a criterion with weight, the weighted score
of that option and every rank show the same dash, and the note above the matrix says what is
still to score (docs/calculations.md, "Missing scores"). The editor can also take a score back
to "not scored" (below 0).
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (QDoubleSpinBox, QLabel, QPlainTextEdit, QSplitter,
                               QStyledItemDelegate, QTabWidget, QVBoxLayout, QWidget)

from appraisal.formatting import score as fmt_score
from appraisal.scales import anchor_texts
from appraisal.scoring_words import why_no_leader
from ui.document import CaseDocument, MergeKey
from ui.steps.members import MembersPanel
from ui.steps.when_shown import RefreshWhenShown
from ui.widgets.columns import Column
from ui.widgets.edit_table import edit_table
from ui.widgets.editors import guard
from ui.widgets.fields import explanation_label
from ui.widgets.fitting import header_lines
from ui.widgets.inline_error import InlineError
from ui.widgets.table_model import (ACCESSIBLE, ALIGN, BACKGROUND, CENTRE, DISPLAY, EDIT, FONT,
                                     FOREGROUND, TOOLTIP, CaseTableModel)
from ui.widgets.tones import score_colour, score_text_colour

SCORE_ROLE = Qt.UserRole + 1
MISSING = "—"                   # shown in a cell with no score yet
NOT_SCORED = "not scored"       # what a screen reader says for it
NOT_RANKED = "not ranked until every option is scored"
UNSET = -0.5                    # the editor's value for "not scored"


class ScoreModel(CaseTableModel):
    """Options (rows) × criteria (columns), then the weighted score and rank from Results.

    The model reads the case and results as they were at its last :meth:`refresh` (a snapshot),
    so the rows Qt asks about always match the row count it was given. Its columns follow the
    case's criteria: a typed criterion is a score column (0 to 10, the one number grammar), a
    derived one a read-only figure.
    """

    WEIGHTED = Column("weighted", "Weighted score", "result")
    RANK = Column("rank", "Rank", "result")

    def __init__(self, document: CaseDocument, parent=None):
        super().__init__(document, parent)
        self._shape = (0, 0)
        self._case = document.case
        self._results: dict = {}
        self._columns: tuple[Column, ...] = ()

    @property
    def criteria(self):
        return self._case.criteria

    @property
    def options(self):
        return self._case.options

    @property
    def col_weighted(self) -> int:
        return len(self.criteria)

    def _criterion_columns(self) -> tuple[Column, ...]:
        return tuple(Column(c.id, c.name, "result" if c.derived else "number",
                            c.description or c.name, negative=False, optional=True)
                     for c in self.criteria) + (self.WEIGHTED, self.RANK)

    def refresh(self) -> bool:
        """Take a new snapshot; True if the table's shape changed (a reset)."""
        case, res = self.document.case, self.document.results
        results = {o.id: o for o in res.options} if res is not None else {}
        shape = (len(case.options), len(case.criteria))
        if shape != self._shape:
            self.beginResetModel()
            self._case, self._results, self._shape = case, results, shape
            self._columns = self._criterion_columns()
            self.forget_errors()
            self.endResetModel()
            return True
        self._case, self._results = case, results
        self._columns = self._criterion_columns()
        if shape[0]:
            self.dataChanged.emit(self.index(0, 0), self.index(shape[0] - 1, shape[1] + 1))
            self.headerDataChanged.emit(Qt.Horizontal, 0, shape[1] + 1)
            self.headerDataChanged.emit(Qt.Vertical, 0, shape[0] - 1)
        return False

    # --- the base's questions -----------------------------------------------------------------
    def column(self, index: int) -> Column:
        return self._columns[index]

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def row_count(self) -> int:
        return self._shape[0]

    def row_label(self, row: int) -> str:
        return self.options[row].name

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Vertical:
            if role == Qt.DisplayRole and section < len(self.options):
                return self.options[section].name
            return None
        if section < len(self.criteria):
            crit = self.criteria[section]
            if role == Qt.DisplayRole:
                name = crit.name + (" (from NPV)" if crit.derived else "")
                return header_lines(name)
            if role == Qt.AccessibleTextRole:
                return crit.name
            if role == Qt.ToolTipRole:
                zero, ten = anchor_texts(crit)
                return f"{crit.description or crit.name}\n0: {zero}\n10: {ten}"
            return None
        return super().headerData(section, orientation, role)

    def _result(self, row: int):
        return self._results.get(self.options[row].id)

    def value(self, row: int, col: int) -> float | None:
        """The cell's score: typed from the case, derived from Results."""
        crit = self.criteria[col]
        if not crit.derived:
            return self.options[row].scores.get(crit.id)
        result = self._result(row)
        return result.scores.get(crit.id) if result is not None else None

    def raw(self, row: int, column: int):
        if column < len(self.criteria):
            return self.value(row, column)
        result = self._result(row)
        if result is None:
            return None
        return result.weighted_score if column == self.col_weighted else result.rank

    def cell_data(self, row: int, col: int, role: int):
        if col >= len(self.criteria):
            value = self.raw(row, col)
            missing = value is None and self._result(row) is not None
            if role == DISPLAY:
                if value is None:
                    return MISSING if missing else ""
                return fmt_score(value) if col == self.col_weighted else str(value)
            if role == SCORE_ROLE:
                return value
            if missing and role == ACCESSIBLE:
                return NOT_RANKED if col != self.col_weighted else "no weighted score yet"
            if missing and role == FOREGROUND:
                return _muted()
            if missing and role == TOOLTIP:
                return why_no_leader(self._case, self._unscored()) or NOT_RANKED
            return None
        option, crit = self.options[row], self.criteria[col]
        value = self.value(row, col)
        error = self.error(row, col)
        rationale = option.rationale.get(crit.id, "")
        if role == DISPLAY:
            if value is None:
                return "" if crit.derived else MISSING + (" ✎" if rationale else "")
            return (f"{value:.1f}" if crit.derived else f"{value:g}") + (" ✎" if rationale else "")
        if role == SCORE_ROLE:
            return value
        if role == ACCESSIBLE and value is None and not crit.derived:
            return NOT_SCORED
        if role == FOREGROUND and value is None and not error:
            return _muted()
        if role == ALIGN:
            return CENTRE
        if role == BACKGROUND and not error and value is not None:
            return score_colour(value)
        if role == FOREGROUND and not error and value is not None:
            return score_text_colour(value)
        if role == FONT and crit.derived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == TOOLTIP and not error:
            if crit.derived:
                return "Derived from the option's NPV against the baseline (best 10, worst 0)"
            if value is None:
                return f"{option.name} is not scored on {crit.name} yet"
            return rationale or f"{option.name} on {crit.name}: no reason recorded yet"
        return None

    def _unscored(self) -> dict[str, list[str]]:
        res = self.document.results
        return res.unscored if res is not None else {}

    def data(self, index, role=DISPLAY):
        if role == EDIT and index.isValid() and index.column() < len(self.criteria):
            return self.value(index.row(), index.column())
        return super().data(index, role)

    def write(self, row: int, column: int, value):
        option, crit = self.options[row], self.criteria[column]
        if isinstance(value, (int, float)) and value < 0:
            value = None                            # taken back to "not scored"
        return self.document.set_value(("options", row, "scores", crit.id), value,
                                       f"score {option.name} on {crit.name}")


def _muted():
    from PySide6.QtWidgets import QApplication
    return QApplication.palette().color(QPalette.Disabled, QPalette.Text)


class ScoreDelegate(QStyledItemDelegate):
    """A 0–10 spin box in half points for typed scores; below 0 it reads "not scored", so an
    unscored cell opened and left is not given a score nobody typed."""

    def createEditor(self, parent, option, index):
        spin = guard(QDoubleSpinBox(parent))
        spin.setRange(UNSET, 10.0)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSpecialValueText(NOT_SCORED)
        return spin

    def setEditorData(self, editor, index):
        value = index.data(Qt.EditRole)
        editor.setValue(UNSET if value is None else float(value))

    def setModelData(self, editor, model, index):
        editor.interpretText()
        value = editor.value()
        if value <= UNSET and index.data(Qt.EditRole) is None:
            return                                  # still not scored: nothing to write
        model.setData(index, None if value <= UNSET else value, Qt.EditRole)


class ScoresStep(QWidget):
    TITLE = "Scores"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.model = ScoreModel(document, self)
        self.table = edit_table(self.model, self, delegate=ScoreDelegate, name="Scores")
        self.error = InlineError(self)
        self.missing_label = QLabel(self)           # what is still to score, while anything is
        self.missing_label.setTextFormat(Qt.PlainText)
        self.missing_label.setWordWrap(True)
        self.scale_label = QLabel(self)
        self.scale_label.setTextFormat(Qt.PlainText)
        self.scale_label.setWordWrap(True)
        self.rationale_label = QLabel(self)
        self.rationale_label.setTextFormat(Qt.PlainText)
        self.rationale = guard(QPlainTextEdit(self))
        self.rationale.setPlaceholderText("Why this score? The board paper quotes it.")
        self.rationale.setAccessibleName("Rationale of the selected score")
        self.rationale.textChanged.connect(self._rationale_typed)
        self._cell: tuple[int, str] | None = None
        self._filling = False
        self._row_names: tuple = ()
        self.table.selectionModel().currentChanged.connect(lambda cur, _prev: self._select(cur))

        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.scale_label)
        lower_layout.addWidget(self.rationale_label)
        lower_layout.addWidget(self.rationale)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.error)
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        board = QWidget(self)
        layout = QVBoxLayout(board)
        layout.addWidget(explanation_label(
            "0 is the worst and 10 the best for the board. Darker cells score lower. Select a "
            "cell to record why; ✎ marks a score with a reason. Value for money is scored from "
            "the NPV and cannot be typed. A dash is a score not given yet: it counts as "
            "nothing, never as 0, and no option is ranked until every option is scored."))
        layout.addWidget(self.missing_label)
        layout.addWidget(splitter, 1)
        self.members = MembersPanel(document, self)      # members' own views (V9), beside
        self.tabs = QTabWidget(self)
        self.tabs.addTab(board, "The board's scores")
        self.tabs.addTab(self.members, "Board members' views")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)

        self.when_shown = RefreshWhenShown(self, self.refresh)
        document.changed.connect(self.when_shown.request)
        document.resultsChanged.connect(self.when_shown.request)
        self.refresh()
        if self.model.rowCount() and self.model.columnCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _results_first(self) -> None:
        """Show the weighted score and rank first, beside the option names, so a wide set of
        criteria never pushes them off screen (the model keeps its order; only the view moves)."""
        header = self.table.horizontalHeader()
        last = self.model.columnCount() - 1
        if last < 1:
            return
        for visual, logical in enumerate((last - 1, last)):
            if header.visualIndex(logical) != visual:
                header.moveSection(header.visualIndex(logical), visual)

    def refresh(self) -> None:
        self.model.refresh()
        self._results_first()
        self.error.show_problems(self.model.last_problems)
        res = self.document.results
        why = why_no_leader(res.case, res.unscored) if res is not None else None
        self.missing_label.setText(why or "")
        self.missing_label.setVisible(bool(why))
        names = tuple(o.name for o in self.model.options)
        if names != self._row_names:        # rows fit the option names; costly, so rarely
            self._row_names = names
            self.table.resizeRowsToContents()
        self._select(self.table.currentIndex())

    def _select(self, index) -> None:
        case = self.document.case
        valid = index.isValid() and index.column() < len(case.criteria) and \
            index.row() < len(case.options)
        self._filling = True
        if not valid:
            self._cell = None
            self.scale_label.setText("")
            self.rationale_label.setText("Select a score to record the reason for it.")
            self.rationale.setPlainText("")
            self.rationale.setEnabled(False)
        else:
            option, crit = case.options[index.row()], case.criteria[index.column()]
            cell = (index.row(), crit.id)
            zero, ten = anchor_texts(crit)
            self.scale_label.setText(f"On {crit.name}, a score of 0 means: {zero}. "
                                     f"A score of 10 means: {ten}.")
            self.rationale_label.setText(f"Reason for the score of {option.name} on {crit.name}:")
            self.rationale.setEnabled(True)
            text = option.rationale.get(crit.id, "")
            if cell != self._cell or self.rationale.toPlainText() != text:
                self.rationale.setPlainText(text)
            self._cell = cell
        self._filling = False

    def _rationale_typed(self) -> None:
        if self._filling or self._cell is None:
            return
        row, cid = self._cell
        text = self.rationale.toPlainText()
        option_name = self.document.get(("options", row, "name"), "")
        crit_name = next((c.name for c in self.document.case.criteria if c.id == cid), cid)

        def mutate(data: dict) -> None:
            reasons = data["options"][row].setdefault("rationale", {})
            if text.strip():
                reasons[cid] = text
            else:
                reasons.pop(cid, None)

        problems = self.document.edit(f"change reason for {option_name} on {crit_name}", mutate,
                                      merge_key=MergeKey.of("options", row, "rationale", cid))
        self.error.show_problems(problems)
