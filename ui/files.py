"""The window's file commands: new, open, samples, recent files, save, save as.

A sample opens as an untitled copy, so Save asks for a new name and the shipped file is never
overwritten. An invalid case file is refused with its problems as plain "field: message" lines
(named from what could be read of it, never by reading it again). A file that is read-only (by
its permission bits, so for an administrator too) opens read-only: Save becomes Save As. Before
saving over the file it came from, the window checks that the file on disk is still the one it
opened; if another program or another copy of Continuum has changed it, the person chooses to
save a copy, overwrite it, or cancel. Recovery after a crash is in :mod:`ui.recovery`.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from appraisal import CaseError
from appraisal.atomic import reason
from appraisal.casefile import FileRefused, case_to_json, load_case
from appraisal.paths import problem_text
from appraisal.resources import sample_cases, sample_line, sample_title
from ui.document import CaseDocument
from appraisal.defaults import new_case_data
from ui.ondisk import OnDisk, read_only
from ui.recovery import RecoveryCommands

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
    """The name typed in the Save dialog, with .continuum added unless it ends in a case suffix."""
    path = Path(typed)
    return (path if path.suffix.lower() in CASE_SUFFIXES
            else path.with_name(path.name + CASE_SUFFIXES[0]))


class FileCommands(RecoveryCommands):
    """Mixed into MainWindow: needs ``document``, ``set_document`` and ``step``.

    ``on_disk`` is the state of the open case's file when it was opened or last saved (None for
    a new case or a sample); ``read_only`` is True while the open file may not be written.
    """

    on_disk: OnDisk | None = None
    read_only = False

    # --- new and open -----------------------------------------------------------------------
    def new_case(self) -> None:
        if self.maybe_save():
            self.set_document(CaseDocument(new_case_data()))
            self.set_on_disk(None)

    def set_on_disk(self, on_disk: OnDisk | None) -> None:
        """Remember the open file's state on disk and whether it may be written."""
        self.on_disk = on_disk
        path = self.document.path if self.document is not None else None
        self.read_only = path is not None and read_only(path)
        self._update_title()

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
        on_disk = OnDisk.of(path)         # before reading: a change meanwhile is then noticed
        data = self._read_case(path, "This file is not a valid case", "Could not open the file")
        if data is None:
            return False
        self.set_document(CaseDocument(data, path))
        self.set_on_disk(on_disk)
        self.add_recent(path)
        if self.read_only:
            self.statusBar().showMessage(f"{path.name} is read-only: Save will ask for a new "
                                         "name", 10000)
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
        self.set_on_disk(None)
        return True

    def _read_case(self, path: Path, invalid_title: str, unreadable_title: str) -> dict | None:
        """A case file's data, or None after telling the user plainly why it cannot be opened."""
        try:
            return json.loads(case_to_json(load_case(path)))
        except FileRefused as exc:    # not a case file at all (a folder, a device, too large)
            QMessageBox.warning(self, unreadable_title, f"{exc.name} cannot be opened: {exc.why}.")
        except CaseError as exc:      # named from what was read: the file is never read again
            QMessageBox.warning(self, invalid_title, f"{path.name} cannot be opened because:\n\n"
                                f"{problems_text(exc, exc.data)}")
        except OSError as exc:
            QMessageBox.warning(self, unreadable_title,
                                f"{path.name} cannot be opened: {reason(exc)}.")
        return None

    def fill_sample_menu(self) -> None:
        self.sample_menu.clear()
        found = sample_cases()
        for path in found:
            action = self.sample_menu.addAction(sample_title(path))
            action.setToolTip(sample_line(path))
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
        if self.read_only or read_only(self.document.path):
            QMessageBox.information(
                self, "The file is read-only",
                f"{self.document.path.name} is read-only, so it is left as it is. Choose a new "
                "name for your version of the case.")
            return self.save_as(copy=True)
        return self.save_to(self.document.path)

    def save_as(self, copy: bool = False) -> bool:
        doc = self.document
        if doc.path and copy:
            start = str(doc.path.with_name(f"{doc.path.stem} (my copy){doc.path.suffix}"))
        elif doc.path:
            start = str(doc.path)
        else:
            start = str(Path(self._documents()) / suggested_name(doc.case.title))
        path, _ = QFileDialog.getSaveFileName(self, "Save the case", start, CASE_FILTER)
        if not path:
            return False
        return self.save_to(case_file_name(path))

    def save_to(self, path: Path) -> bool:
        path = Path(path)
        if path.exists() and read_only(path):
            QMessageBox.warning(self, "Could not save", f"{path.name} is read-only, so it is "
                                "left as it is. Nothing has been lost: the case is still open. "
                                "Use Save As to choose another name.")
            return False
        if self._changed_on_disk(path):
            choice = self.ask_changed_on_disk(path)
            if choice == "copy":
                return self.save_as(copy=True)
            if choice != "overwrite":
                return False
        try:
            self.document.save(path)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(
                self, "Could not save",
                f"The case could not be saved as {path.name}: {exc}.\n\nNothing has been "
                "lost: the case is still open. Close the file if another program holds it, or "
                "use Save As to choose another folder.")
            return False
        self.untitled_name = ""
        self.set_on_disk(OnDisk.of(path))
        self.add_recent(path)
        self.autosave.discard()
        self.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    def _changed_on_disk(self, path: Path) -> bool:
        """True if ``path`` is the file the case came from and it has changed since."""
        known = self.on_disk
        if known is None:
            return False
        try:
            same = os.path.realpath(known.path) == os.path.realpath(path)
        except OSError:
            same = False
        return same and known.changed()

    def ask_changed_on_disk(self, path: Path) -> str:
        """'copy', 'overwrite' or 'cancel': what to do about a file changed since it was opened."""
        box = QMessageBox(QMessageBox.Warning, "The file has changed",
                          f"{path.name} has been changed by another program (or another copy of "
                          "Continuum) since you opened it. Saving over it would replace those "
                          "changes with yours.", QMessageBox.NoButton, self)
        copy = box.addButton("Save as a &copy…", QMessageBox.AcceptRole)
        overwrite = box.addButton("&Overwrite", QMessageBox.DestructiveRole)
        box.addButton(QMessageBox.Cancel)
        box.setDefaultButton(copy)
        box.exec()
        clicked = box.clickedButton()
        return "copy" if clicked is copy else "overwrite" if clicked is overwrite else "cancel"

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


def suggested_name(title: str) -> str:
    """A file name for a new case: its whole title (only the characters no file system takes
    replaced), ending in .continuum; "case" for an empty title.

    >>> suggested_name("Oak & Elm: options appraisal 2027/28")
    'Oak & Elm - options appraisal 2027-28.continuum'
    """
    stem = re.sub(r"\s*[\\/:*?\"<>|]+\s*", lambda m: " - " if ":" in m.group() else "-", title)
    stem = re.sub(r"\s+", " ", stem).strip(" .-")[:200].strip(" .-")
    return f"{stem or 'case'}{CASE_SUFFIXES[0]}"
