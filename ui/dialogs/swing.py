"""Swing weighting on the 0-to-10 swing of each criterion (model-v2.md V8).

The board puts the criteria in order of how much the swing from 0 to 10 on each matters (the
words for 0 and 10 are shown beside it, with the options' scores on it), then rates every other
swing against the first, which counts 100. A rating above that of a criterion the board put
higher contradicts the order it gave, and is flagged on the row and under the table. On OK the
weights (the ratings over their total, :func:`appraisal.scoring.swing_weights`) and the record of
the ratings are written in one undoable edit.
"""
from __future__ import annotations

import textwrap

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSpinBox, QWidget)

from appraisal.formatting import pct
from appraisal.formatting import score as fmt_score
from appraisal.scales import anchor_texts
from appraisal.scoring import swing_weights
from ui.document import CaseDocument
from ui.widgets.tones import refused_background, style_error_label

COL_NAME, COL_ZERO, COL_TEN = range(3)


class SwingDialog(QDialog):
    """Rank the criteria by their 0-to-10 swing, then rate each against the most important."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        from ui.dialogs.weighting import _item, _lay_out, _table

        super().__init__(parent)
        self._item = _item
        self.setWindowTitle("Swing weighting")
        self.document = document
        criteria = document.case.criteria
        self.criteria = {c.id: c for c in criteria}
        self.names = {c.id: c.name for c in criteria}
        saved = document.case.weighting
        if saved is not None and saved.swing and set(saved.swing) == set(self.names):
            ratings = {cid: float(v) for cid, v in saved.swing.items()}
        else:
            top = max(c.weight for c in criteria) or 1.0
            ratings = {c.id: round(100.0 * c.weight / top) for c in criteria}
        self.order = sorted(self.names, key=lambda cid: -ratings[cid])
        self.ratings = ratings
        self.ratings[self.order[0]] = 100.0

        res = document.results
        self.option_names = [o.name for o in res.options] if res is not None else []
        n = len(self.option_names)
        self.col_rating, self.col_weight = 3 + n, 4 + n
        self.table = _table(len(self.order), [
            "Criterion (most important\nswing first)", "A score of 0 means", "A score of 10 means",
            *("\n".join(textwrap.wrap(name, 14, max_lines=3, placeholder="…"))
              for name in self.option_names),
            "Swing\nrating", "Weight"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.Interactive)
        for col in (COL_ZERO, COL_TEN):
            header.setSectionResizeMode(col, QHeaderView.Stretch)
        for k, name in enumerate(self.option_names):
            self.table.horizontalHeaderItem(3 + k).setToolTip(
                f"{name}'s score on each criterion")
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.up = QPushButton("Move up", self)
        self.down = QPushButton("Move down", self)
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(+1))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        style_error_label(self.note)
        moves = QHBoxLayout()
        moves.addWidget(self.up)
        moves.addWidget(self.down)
        moves.addStretch(1)
        self.error = _lay_out(
            self, "Picture each criterion moving from what a score of 0 means to what a score "
            "of 10 means, as written beside it. 1. Put the criteria in order: the swing that "
            "would matter most to the board at the top. 2. Rate every other swing against that "
            "one, which counts 100: a swing half as important is 50. The weights are the "
            "ratings over their total, and they apply to the 0 to 10 scores as they stand.",
            self.table, moves, self.note)
        self.resize(1180, 620)
        self._fill()
        self.table.setColumnWidth(COL_NAME, 190)

    # --- what each row shows ----------------------------------------------------------------
    def options_scores(self, cid: str) -> list[str]:
        """Each option's score on a criterion, in the case's order, as the board reads it."""
        res = self.document.results
        if res is None:
            return []
        derived = self.criteria[cid].derived
        return [fmt_score(o.scores[cid]) if derived else f"{o.scores[cid]:g}"
                for o in res.options]

    def contradictions(self) -> list[tuple[str, str]]:
        """(criterion, the one above it that it outrates) for each rating above that of a
        criterion the board put higher in the order."""
        out = []
        for k, cid in enumerate(self.order):
            higher = [c for c in self.order[:k] if self.ratings[cid] > self.ratings[c]]
            if higher:
                out.append((cid, higher[-1]))
        return out

    def _fill(self) -> None:
        weights = self.weights()
        for row, cid in enumerate(self.order):
            zero, ten = anchor_texts(self.criteria[cid])
            self.table.setItem(row, COL_NAME, self._item(self.names[cid]))
            self.table.setItem(row, COL_ZERO, self._item(zero))
            self.table.setItem(row, COL_TEN, self._item(ten))
            for k, text in enumerate(self.options_scores(cid)):
                self.table.setItem(row, 3 + k, self._item(text, True))
            spin = QSpinBox(self.table)
            spin.setRange(0, 100)
            spin.setValue(int(round(self.ratings[cid])))
            spin.setEnabled(row > 0)
            spin.setAccessibleName(f"Swing rating of {self.names[cid]}")
            spin.valueChanged.connect(lambda v, c=cid: self.set_rating(c, v))
            self.table.setCellWidget(row, self.col_rating, spin)
            self.table.setItem(row, self.col_weight,
                               self._item(pct(weights.get(cid), 1) if weights else "", True))
        for col in range(3, self.col_weight + 1):
            self.table.resizeColumnToContents(col)
        self.table.resizeRowsToContents()
        self._flag()

    def _flag(self) -> None:
        """Mark each rating that contradicts the order, and say so under the table."""
        found = self.contradictions()
        flagged = {cid for cid, _ in found}
        for row, cid in enumerate(self.order):
            item = self.table.item(row, COL_NAME)
            item.setBackground(QBrush(refused_background()) if cid in flagged else QBrush())
            item.setToolTip("Rated above a criterion you put higher" if cid in flagged else "")
        self.note.setText(" ".join(
            f"{self.names[cid]} is rated above {self.names[above]}, which you put higher: "
            "change the rating or the order." for cid, above in found))
        self.note.setVisible(bool(found))

    # --- editing ------------------------------------------------------------------------------
    def set_rating(self, cid: str, value: float) -> None:
        self.ratings[cid] = float(value)
        weights = self.weights()
        for row, c in enumerate(self.order):
            self.table.item(row, self.col_weight).setText(pct(weights.get(c), 1) if weights else "")
        self._flag()

    def move(self, step: int) -> None:
        row = self.table.currentRow()
        new = row + step
        if row < 0 or not 0 <= new < len(self.order):
            return
        self.order[row], self.order[new] = self.order[new], self.order[row]
        self.ratings[self.order[0]] = 100.0
        self._fill()
        self.table.selectRow(new)

    def weights(self) -> dict[str, float]:
        try:
            return swing_weights(self.ratings)
        except ValueError:
            return {}

    def accept(self) -> None:
        from ui.dialogs.weighting import apply_weights

        weights = self.weights()
        record = {"method": "swing", "swing": {cid: self.ratings[cid] for cid in self.order}}
        problems = self.document.edit(
            "weigh criteria by swing weighting",
            lambda data: apply_weights(data, weights, record))
        if problems:
            self.error.show_problems(problems)
            return
        super().accept()
