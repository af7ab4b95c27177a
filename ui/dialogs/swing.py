"""Swing weighting on the 0-to-10 swing of each criterion (model-v2.md V8).

The board puts the criteria in order of how much the swing from 0 to 10 on each matters (the
words for 0 and 10 are shown beside it, with where the options sit on it: the worst and best
option by the scores entered),
then rates every other swing against the first, which counts 100. A rating above that of a
criterion the board put higher contradicts the order it gave, and is flagged on the row and under
the table. The ratings are typed into the table like any other number (the one grammar) and shown
as given; the weight each gives is shown beside it.

On OK the ratings themselves become the weight points (the engine uses each weight's share of
the total, so the weights are exactly the ratings over their total,
:func:`appraisal.scoring.swing_weights`), and the record of the ratings is written with them, in
one undoable edit.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.dialogs.draft_history import DraftHistory
from ui.dialogs.weighting_drafts import SwingDraft
from ui.dialogs.weighting_tables import SwingModel
from ui.document import CaseDocument
from ui.widgets.edit_table import edit_table
from ui.widgets.table_model import ColumnDelegate, fit_columns
from ui.widgets.tones import style_error_label


class SwingDialog(QDialog):
    """Rank the criteria by their 0-to-10 swing, then rate each against the most important."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        from ui.dialogs.weighting import lay_out

        super().__init__(parent)
        self.setWindowTitle("Swing weighting")
        self.document = document
        self.draft = SwingDraft(document)
        self.order, self.ratings, self.names = (self.draft.order, self.draft.ratings,
                                                self.draft.names)

        self.model = SwingModel(self.draft, document, self)
        self.table = edit_table(self.model, self, rows=True, delegate=ColumnDelegate,
                                name="Swings to rate")
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.up = QPushButton("Move up", self)
        self.down = QPushButton("Move down", self)
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(+1))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        style_error_label(self.note)
        self.note.hide()
        moves = QHBoxLayout()
        moves.addWidget(self.up)
        moves.addWidget(self.down)
        moves.addStretch(1)
        self.error = lay_out(
            self, "Picture each criterion moving from what a score of 0 means to what a score "
            "of 10 means, as written beside it (where the options sit on it, by the scores "
            "entered, is shown next). 1. Put the criteria in order: the swing that would matter "
            "most to the board at the top. 2. Rate every other swing against that one, which "
            "counts 100: a swing half as important is 50. The weights are the ratings over "
            "their total, and they apply to the 0 to 10 scores as they stand.",
            self.table, moves, self.note)
        self.model.problemsChanged.connect(self._show_refusals)
        self.model.edited.connect(self._flag)
        self.history = DraftHistory(self, self.button_row, self._snapshot, self._restore)
        self.model.edited.connect(lambda: self.history.record("change a swing rating"))
        self.resize(1180, 620)
        fit_columns(self.table, stretch=SwingModel.COL_SPAN, widest=230)
        self.table.resizeRowsToContents()
        self._flag()

    # --- what each row shows ----------------------------------------------------------------
    def contradictions(self) -> list[tuple[str, str]]:
        """(criterion, the one above it that it outrates), as the draft finds them."""
        return self.draft.contradictions()

    def _flag(self) -> None:
        """Say under the table which ratings contradict the order (the rows are tinted)."""
        found = self.draft.contradictions()
        self.note.setText(" ".join(
            f"{self.names[cid]} is rated above {self.names[above]}, which you put higher: "
            "change the rating or the order." for cid, above in found))
        self.note.setVisible(bool(found))

    def _show_refusals(self, messages: list[str]) -> None:
        if messages:
            self.error.show_message(messages[-1])
        else:
            self.error.clear()

    # --- editing ------------------------------------------------------------------------------
    def rating_text(self, cid: str) -> str:
        """The rating as the table shows it."""
        return self.model.index(self.order.index(cid), SwingModel.COL_RATING).data()

    def set_rating(self, cid: str, value: float) -> None:
        self.ratings[cid] = float(value)
        self.model.refresh()
        self._flag()
        self.history.record("change a swing rating")

    def _snapshot(self) -> tuple[tuple[str, ...], tuple[tuple[str, float], ...]]:
        return tuple(self.order), tuple(sorted(self.ratings.items()))

    def _restore(self, state: tuple[tuple[str, ...], tuple[tuple[str, float], ...]]) -> None:
        """Undo or redo in the dialog: the order and ratings become ``state``."""
        order, ratings = state
        moved = tuple(self.order) != order
        self.order[:] = order           # the draft's own list and dict, changed in place
        self.ratings.clear()
        self.ratings.update(ratings)
        if moved:                       # rows change places: the table is laid out again
            self.model.reset()
            self.table.resizeRowsToContents()
            self.table.setFocus()
        else:                           # only figures change: an open cell stays open
            self.model.forget_errors()
            self.model.refresh()
        self.error.clear()
        self._flag()

    def type_rating(self, cid: str, text: str) -> bool:
        """Type a rating into its cell, as a person would; False (and the reason under the
        table) if it is refused."""
        index = self.model.index(self.order.index(cid), SwingModel.COL_RATING)
        return self.model.setData(index, text)

    def move(self, step: int) -> None:
        row = self.table.currentIndex().row()
        if not self.draft.move(row, step):
            return
        self.model.reset()
        self.error.clear()
        self.table.resizeRowsToContents()
        self.table.selectRow(row + step)
        self._flag()
        self.history.record("move a swing")

    def weights(self) -> dict[str, float]:
        return self.draft.weights()

    def accept(self) -> None:
        from ui.dialogs.weighting import apply_weights

        if not self.weights():
            self.error.show_message("At least one swing must be rated above 0.")
            return
        record = {"method": "swing", "swing": {cid: self.ratings[cid] for cid in self.order}}
        points = {cid: self.ratings[cid] for cid in self.order}
        problems = self.document.edit(
            "weigh criteria by swing weighting",
            lambda data: apply_weights(data, points, record, as_points=True))
        if problems:
            self.error.show_problems(problems)
            return
        super().accept()
