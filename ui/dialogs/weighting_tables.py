"""The weighting dialogs' tables, on the one table model (:class:`CaseTableModel`).

Both dialogs edit a draft of their own (:mod:`ui.dialogs.weighting_drafts`: ratings, or the
pairwise matrix) and write it to the case in one undoable edit on OK, so these models' ``write``
changes the draft, not the document, and says so with ``edited``; everything else (the number
grammar, a refused entry kept on its cell with its reason, choice editors, alignment) is the
base's, as in every other table of the app. The models hold the draft, never the dialog, so no
reference cycle runs through a Qt object.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal

from appraisal.formatting import pct
from ui.dialogs.weighting_drafts import (SAATY_CHOICES, PairwiseDraft, SwingDraft,
                                         judgement_words, nearest_saaty, parse_judgement,
                                         saaty_text, score_text)
from ui.widgets.fitting import header_lines
from ui.widgets.columns import Column
from ui.widgets.table_model import (ACCESSIBLE, ALIGN, BACKGROUND, CENTRE, DISPLAY, FOREGROUND,
                                    TOOLTIP, CaseTableModel)
from ui.widgets.tones import readable_text, refused_background


class DraftModel(CaseTableModel):
    """A table over a dialog's draft: columns whose key is in ``READ_ONLY`` only show."""

    READ_ONLY: frozenset[str] = frozenset()

    def flags(self, index):
        if self.column(index.column()).key in self.READ_ONLY or not self.editable(index.row()):
            return Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return super().flags(index)

    def editable(self, row: int) -> bool:
        return True


class SwingModel(DraftModel):
    """Swing weighting: the criteria in the board's order, the 0 and 10 of each, the swing in
    these options, the rating given (the first counts 100) and the weight it gives."""

    COLUMNS = (
        Column("name", "Criterion (most important swing first)", "text"),
        Column("zero", "A score of 0 means", "text"),
        Column("ten", "A score of 10 means", "text"),
        Column("span", "Where the options sit (worst to best)", "text",
               "Each criterion's worst and best option by the scores entered: the board still "
               "rates the whole swing from 0 to 10"),
        Column("rating", "Swing rating", "number",
               "How much this swing matters against the first, which counts 100", negative=False),
        Column("weight", "Weight", "result",
               "The rating's share of all the ratings: the weight the criterion gets"),
    )
    READ_ONLY = frozenset({"name", "zero", "ten", "span"})

    edited = Signal()           # a rating was accepted

    def __init__(self, draft: SwingDraft, document, parent=None):
        super().__init__(document, parent)
        self.draft = draft

    def row_count(self) -> int:
        return len(self.draft.order)

    def row_label(self, row: int) -> str:
        return self.draft.names[self.draft.order[row]]

    def editable(self, row: int) -> bool:
        return row > 0                                  # the first swing counts 100

    def raw(self, row: int, column: int) -> Any:
        cid = self.draft.order[row]
        key = self.COLUMNS[column].key
        if key == "name":
            return self.draft.names[cid]
        if key in ("zero", "ten"):
            return self.draft.anchors[cid][key == "ten"]
        if key == "span":
            return self.draft.spans[cid]
        if key == "rating":
            return self.draft.ratings[cid]
        return self.draft.weights().get(cid)

    def cell_data(self, row: int, column: int, role: int) -> Any:
        cid = self.draft.order[row]
        key = self.COLUMNS[column].key
        if key == "weight" and role == DISPLAY:
            weight = self.raw(row, column)
            return pct(weight, 1) if weight is not None else ""
        if key == "rating" and role == ACCESSIBLE:
            return f"Swing rating of {self.draft.names[cid]}"
        if key == "span" and role == TOOLTIP:
            return "; ".join(f"{n}: {score_text(v, self.draft.derived(cid))}"
                             for n, v in self.draft.scores[cid]) or None
        if key == "name" and cid in self.draft.flagged():
            if role == BACKGROUND:
                return refused_background()
            if role == FOREGROUND:
                return readable_text(refused_background())
            if role == TOOLTIP:
                return "Rated above a criterion you put higher"
        if key in ("name", "zero", "ten") and role == TOOLTIP:
            return self.raw(row, column) or None              # read in full
        return None

    def write(self, row: int, column: int, value: Any) -> list:
        if not 0 <= value <= 100:
            return [("", f"a swing rating is from 0 to 100, not {value:g} (the first "
                         "criterion's swing counts 100)")]
        self.draft.ratings[self.draft.order[row]] = float(value)
        self.refresh()
        self.edited.emit()
        return []

    def refresh(self) -> None:
        """Every figure again (a rating changes every weight)."""
        if self.row_count():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.row_count() - 1, len(self.COLUMNS) - 1))

    def reset(self) -> None:
        self.beginResetModel()
        self.forget_errors()
        self.endResetModel()


class PairwiseModel(DraftModel):
    """The pairwise grid: a row and a column per criterion, named by it. Above the diagonal the
    board's judgements (row against column); below it their reciprocals, which follow."""

    edited = Signal()           # a judgement was accepted

    def __init__(self, draft: PairwiseDraft, document, parent=None):
        super().__init__(document, parent)
        self.draft = draft
        self._columns = [Column(cid, name, "choice", choices=SAATY_CHOICES)
                         for cid, name in zip(draft.ids, draft.names)]

    def column(self, index: int) -> Column:
        return self._columns[index]

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else len(self._columns)

    def row_count(self) -> int:
        return len(self.draft.ids)

    def row_label(self, row: int) -> str:
        return self.draft.names[row]

    def flags(self, index):
        if index.row() >= index.column():
            return Qt.ItemIsEnabled
        return super().flags(index)

    def raw(self, row: int, column: int) -> Any:
        return nearest_saaty(float(self.draft.matrix[row, column]))

    def display(self, row: int, column: int) -> str:
        return "1" if row == column else saaty_text(self.raw(row, column))

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt's name
        if not 0 <= section < len(self._columns):
            return None
        name = self.draft.names[section]
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return header_lines(name, 24)       # a column heading is broken, never cut
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole, Qt.ToolTipRole):
            return name
        return None

    def cell_data(self, row: int, column: int, role: int) -> Any:
        if role == ALIGN:
            return CENTRE
        if role in (TOOLTIP, ACCESSIBLE) and not self.error(row, column):
            if row == column:
                return f"{self.draft.names[row]} against itself"
            return judgement_words(self.draft.names[row], self.draft.names[column],
                                   self.raw(row, column))
        return None

    def write(self, row: int, column: int, value: Any) -> list:
        try:
            judgement = parse_judgement(value)
        except ValueError as exc:
            return [("", str(exc))]
        self.draft.set_judgement(row, column, judgement)
        self.judgement_changed(row, column)
        self.edited.emit()
        return []

    def judgement_changed(self, row: int, column: int) -> None:
        for r, c in ((row, column), (column, row)):
            self.dataChanged.emit(self.index(r, c), self.index(r, c))


class WeightsModel(DraftModel):
    """The weights a draft gives: criterion and its share, read only."""

    COLUMNS = (Column("name", "Criterion", "text"),
               Column("weight", "Weight", "result", "The criterion's share of the total weight"))
    READ_ONLY = frozenset({"name"})

    def __init__(self, draft: PairwiseDraft, document, parent=None):
        super().__init__(document, parent)
        self.draft = draft
        self.names = draft.names

    def row_count(self) -> int:
        return len(self.names)

    def row_label(self, row: int) -> str:
        return self.names[row]

    def raw(self, row: int, column: int) -> Any:
        return self.names[row] if column == 0 else float(self.draft.computed()[0][row])

    def cell_data(self, row: int, column: int, role: int) -> Any:
        if column == 1 and role == DISPLAY:
            return pct(self.raw(row, column), 1)
        if column == 0 and role == TOOLTIP:
            return self.names[row]
        return None

    def refresh(self) -> None:
        if self.names:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.names) - 1, 1))
