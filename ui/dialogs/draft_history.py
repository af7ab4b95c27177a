"""Undo and redo inside a weighting dialog, for its own draft.

A weighting dialog edits a draft (ratings and their order, or the pairwise judgements) that
reaches the case only on OK, as one step of the window's undo stack. Until then Ctrl+Z and
Ctrl+Shift+Z (or Ctrl+Y: the platform's keys), and the Undo and Redo buttons left of OK, step
back and forth through the changes made in the dialog, wherever the cursor is in it: a cell's
editor passes the keys on (:func:`ui.widgets.editors.guard`), and the dialog is a window of
its own, so the main window's Undo does not take them while it is open.

:class:`DraftHistory` keeps a stack of snapshots of the draft: the dialog says how to take one
and how to put one back, and calls :meth:`DraftHistory.record` after each change it accepts.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton


class _Change(QUndoCommand):
    """One accepted change of the draft: the snapshots before and after it."""

    def __init__(self, history: DraftHistory, before: Any, after: Any, text: str):
        super().__init__(text)
        self.history, self.before, self.after = history, before, after
        self._done = True               # pushed after the change was made: nothing to redo yet

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.history.put_back(self.after)

    def undo(self) -> None:
        self.history.put_back(self.before)


class DraftHistory(QObject):
    """The undo stack of ``dialog``'s draft, with its keys, and its two buttons at the start of
    ``row`` (the row of OK and Cancel).

    ``snapshot()`` returns the draft's state as a value that compares equal when nothing
    changed; ``restore(state)`` puts such a state back and refreshes what the dialog shows."""

    def __init__(self, dialog: QDialog, row: QHBoxLayout,
                 snapshot: Callable[[], Any], restore: Callable[[Any], None]):
        super().__init__(dialog)
        self.stack = QUndoStack(self)
        self._snapshot, self._restore = snapshot, restore
        self._last = snapshot()
        self.undo_action = self.stack.createUndoAction(dialog, "Undo")
        self.undo_action.setShortcuts(QKeySequence.Undo)
        self.redo_action = self.stack.createRedoAction(dialog, "Redo")
        self.redo_action.setShortcuts(QKeySequence.Redo)
        dialog.addActions([self.undo_action, self.redo_action])
        self.undo_button = self._button(dialog, row, 0, "Undo", self.stack.undo, self.stack.canUndo,
                                        self.stack.canUndoChanged)
        self.redo_button = self._button(dialog, row, 1, "Redo", self.stack.redo, self.stack.canRedo,
                                        self.stack.canRedoChanged)

    @staticmethod
    def _button(dialog: QDialog, row: QHBoxLayout, at: int, label: str, act, can,
                changed) -> QPushButton:
        button = QPushButton(label, dialog)
        row.insertWidget(at, button)
        button.setAccessibleName(label)
        button.setAutoDefault(False)        # Enter in a cell never undoes
        button.setToolTip(f"{label} the last change made in this dialog (nothing reaches the "
                          "case before OK)")
        button.clicked.connect(act)
        button.setEnabled(can())
        changed.connect(button.setEnabled)
        return button

    def record(self, text: str) -> None:
        """A change was made to the draft: make it one step to undo (nothing if no change)."""
        now = self._snapshot()
        if now == self._last:
            return
        before, self._last = self._last, now
        self.stack.push(_Change(self, before, now, text))

    def put_back(self, state: Any) -> None:
        """Undo or redo reached ``state``: the draft and what the dialog shows become it."""
        self._last = state
        self._restore(state)
