"""Offering back the unsaved work of a copy of Continuum that did not close (see :mod:`ui.autosave`).

Only recovery files whose owner has gone are offered, newest first, one question each: Yes
restores the work (its file is deleted once this copy's own recovery file holds it), No keeps it
to be offered again, Discard deletes it. A file that cannot be read is described and deleted
only if the person says so. The work of a copy that is still running is never offered, and never
touched.
"""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from appraisal import CaseError, parse_data
from ui import autosave
from ui.document import CaseDocument


class RecoveryCommands:
    """Mixed into the window (through FileCommands): needs ``autosave`` and ``set_document``."""

    def offer_recovery(self) -> bool:
        """Offer each recovery file left by a copy that did not close; True if one was restored."""
        found = autosave.left_behind(exclude=self.autosave.path)
        for n, path in enumerate(found):
            lock = autosave.claim(path)
            if lock is None:
                continue              # its owner came back, or another copy is offering it
            try:
                restored = self._offer_one(path)
            finally:
                lock.unlock()
            if restored:
                if n + 1 < len(found):
                    self.statusBar().showMessage(
                        "More unsaved work from earlier runs is kept; it will be offered the "
                        "next time Continuum starts.", 15000)
                return True
        return False

    def _offer_one(self, path) -> bool:
        try:
            found = autosave.read_recovery(path)
            parse_data(found.data)
        except (ValueError, CaseError) as exc:
            why = str(exc).splitlines()[0] if isinstance(exc, ValueError) else \
                "it does not hold a valid case"
            answer = QMessageBox.question(
                self, "Unsaved work cannot be restored",
                f"Continuum found unsaved work from an earlier run that it cannot restore "
                f"({why}). Delete it? No keeps the file ({path.name}, in {path.parent}).",
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer == QMessageBox.Yes:
                autosave.discard(path)
            return False
        name = found.original.name if found.original else "an untitled case"
        when = found.saved_at.replace("T", " at ") or "at an unknown time"
        answer = QMessageBox.question(
            self, "Restore unsaved work?",
            f"A copy of Continuum did not close properly. Restore its unsaved changes to {name} "
            f"(autosaved {when})?\n\nYes restores them. No keeps them, to be offered again next "
            "time. Discard deletes them.",
            QMessageBox.Yes | QMessageBox.No | QMessageBox.Discard, QMessageBox.Yes)
        if answer == QMessageBox.Discard:
            autosave.discard(path)
            return False
        if answer != QMessageBox.Yes:
            return False
        document = CaseDocument(found.data, found.original)
        document.undo_stack.resetClean()       # restored work is unsaved work
        self.set_document(document, untitled_name="Restored case")
        self.set_on_disk(found.on_disk)          # still checked against changes on disk
        if self.autosave.save_now() is not None:   # the work now lives in this copy's file
            autosave.discard(path)
        return True
