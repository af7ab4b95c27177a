"""The window's file commands: new, open, samples, recent files, save, save as, recovery.

A sample opens as an untitled copy, so Save asks for a new name and the shipped file is never
overwritten. An invalid case file is refused with its problems as plain "field: message" lines.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from appraisal import CaseError, parse_data
from appraisal.casefile import case_to_json, load_case
from appraisal.resources import sample_cases
from ui import autosave
from ui.document import CaseDocument
from ui.new_case import new_case_data
from appraisal.paths import problem_text

CASE_FILTER = "Continuum case (*.continuum *.json);;All files (*)"
CASE_SUFFIXES = (".continuum", ".json")
MAX_RECENT = 8
MAX_PROBLEMS = 15


def problems_text(error: CaseError, data=None) -> str:
    """A CaseError as readable lines, each place in words (names from ``data``, the case's JSON
    as far as it could be read), at most MAX_PROBLEMS of them."""
    lines = [problem_text(path, message, data) for path, message in error.problems]
    if len(lines) > MAX_PROBLEMS:
        lines = lines[:MAX_PROBLEMS] + [f"… and {len(lines) - MAX_PROBLEMS} more"]
    return "\n".join(lines)


def case_file_name(typed: str) -> Path:
    """The name typed in the Save dialog, with .json added unless it ends in a case suffix."""
    path = Path(typed)
    return path if path.suffix.lower() in CASE_SUFFIXES else path.with_name(path.name + ".json")


def sample_title(path: Path) -> str:
    return path.stem.replace("_", " ").replace("-", " ").capitalize()


class FileCommands:
    """Mixed into MainWindow: needs ``document``, ``set_document`` and ``step``."""

    # --- new and open -----------------------------------------------------------------------
    def new_case(self) -> None:
        if self.maybe_save():
            self.set_document(CaseDocument(new_case_data()))

    def open_file(self) -> None:
        if not self.maybe_save():
            return
        folder = str(self.document.path.parent) if self.document.path else self._documents()
        path, _ = QFileDialog.getOpenFileName(self, "Open a case", folder, CASE_FILTER)
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open a case file in this window; a plain message (never a traceback) if it fails."""
        if ask and not self.maybe_save():
            return False
        path = Path(path)
        data = self._read_case(path, "This file is not a valid case", "Could not open the file")
        if data is None:
            return False
        self.set_document(CaseDocument(data, path))
        self.add_recent(path)
        return True

    def open_sample(self, path: Path) -> bool:
        """Open a shipped sample as an untitled copy (Save asks for a new name)."""
        if not self.maybe_save():
            return False
        data = self._read_case(path, "Could not open the sample", "Could not open the sample")
        if data is None:
            return False
        document = CaseDocument(data)
        self.set_document(document, untitled_name=f"{sample_title(path)} (sample copy)")
        return True

    def _read_case(self, path: Path, invalid_title: str, unreadable_title: str) -> dict | None:
        """A case file's data, or None after telling the user plainly why it cannot be opened."""
        try:
            return json.loads(case_to_json(load_case(path)))
        except CaseError as exc:
            QMessageBox.warning(self, invalid_title, f"{path.name} cannot be opened because:\n\n"
                                f"{problems_text(exc, _json_or_none(path))}")
        except OSError as exc:
            QMessageBox.warning(self, unreadable_title,
                                f"{path.name} cannot be opened: {exc.strerror or exc}.")
        return None

    def fill_sample_menu(self) -> None:
        self.sample_menu.clear()
        found = sample_cases()
        for path in found:
            action = self.sample_menu.addAction(sample_title(path))
            action.setToolTip(str(path.name))
            action.triggered.connect(lambda _c=False, p=path: self.open_sample(p))
        if not found:
            self.sample_menu.addAction("No samples found").setEnabled(False)

    # --- recent files -----------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = QSettings().value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def add_recent(self, path: Path) -> None:
        name = str(Path(path).resolve())
        files = [name] + [f for f in self.recent_files() if f != name]
        QSettings().setValue("recentFiles", files[:MAX_RECENT])

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = [f for f in self.recent_files() if Path(f).exists()]
        for i, name in enumerate(files):
            action = self.recent_menu.addAction(f"&{i + 1}  {Path(name).name}")
            action.setToolTip(name)
            action.triggered.connect(lambda _c=False, p=name: self.open_path(p))
        if not files:
            self.recent_menu.addAction("No recent cases").setEnabled(False)

    # --- saving -----------------------------------------------------------------------------
    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        doc = self.document
        start = str(doc.path) if doc.path else str(Path(self._documents()) /
                                                   f"{_stem(doc.case.title)}.json")
        path, _ = QFileDialog.getSaveFileName(self, "Save the case", start, CASE_FILTER)
        if not path:
            return False
        return self.save_to(case_file_name(path))

    def save_to(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except OSError as exc:
            QMessageBox.warning(
                self, "Could not save",
                f"The case could not be saved as {Path(path).name}: {exc}.\n\nNothing has been "
                "lost: the case is still open. Close the file if another program holds it, or "
                "use Save As to choose another folder.")
            return False
        self.untitled_name = ""
        self._update_title()
        self.add_recent(path)
        autosave.remove()
        self.statusBar().showMessage(f"Saved {Path(path).name}", 5000)
        return True

    def maybe_save(self) -> bool:
        """True if the window may drop the open case (saved, discarded, or nothing to save)."""
        if self.document is None or not self.document.is_dirty:
            return True
        name = self.windowTitle().split("[*]")[0]
        answer = QMessageBox.question(
            self, "Save changes?", f"Save the changes to {name} before closing it?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    # --- recovery after a crash -------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """Offer the newest recovery file left by a run that did not close; True if restored."""
        found = autosave.left_behind()
        if not found:
            return False
        restored = False
        try:
            original, data, saved_at = autosave.read_recovery(found[0])
            case = parse_data(data)
        except (ValueError, CaseError):
            original = case = None
        if case is not None:
            name = original.name if original else "an untitled case"
            answer = QMessageBox.question(
                self, "Restore unsaved work?",
                f"Continuum did not close properly last time. Restore the unsaved changes to "
                f"{name} (autosaved {saved_at.replace('T', ' at ')})?",
                QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
            if answer == QMessageBox.Yes:
                document = CaseDocument(data, original)
                document.undo_stack.resetClean()       # restored work is unsaved work
                self.set_document(document, untitled_name="Restored case")
                restored = True
        for path in found:
            autosave.remove(path)
        return restored

    # --- exports ----------------------------------------------------------------------------
    def export(self, key: str) -> None:
        """File → Export: the board paper step does the work (and shows its progress)."""
        from ui.steps import STEPS

        index = len(STEPS) - 1
        self.go_to_step(index)
        self.step(index).export(key)

    @staticmethod
    def _documents() -> str:
        return QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)


def _json_or_none(path: Path):
    """The file's JSON, for the names in its problems; None if it is not JSON at all."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _stem(title: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")[:60] or "case"
