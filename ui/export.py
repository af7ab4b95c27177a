"""Exports of the board paper (PDF) and the model (Excel), off the GUI thread.

The job appraises the case in full (with the simulation), asks the report writer for the file's
bytes and writes them atomically, so a failure leaves any earlier file untouched. It never
touches a widget: it reports through signals, and the window shows the message (Anki's
operations model, architecture.md). A writer that is not installed, a read-only folder or a file
held open in Excel each give a plain message; nothing in the case is lost.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from appraisal import Case, appraise
from appraisal.casefile import write_atomic


@dataclass(frozen=True)
class ExportKind:
    key: str
    module: str
    function: str
    what: str           # for messages: "the board paper"
    suffix: str
    file_filter: str
    magic: bytes        # how a good file starts


KINDS = {
    "pdf": ExportKind("pdf", "appraisal.report.pdf", "board_paper_bytes", "the board paper",
                      ".pdf", "PDF documents (*.pdf)", b"%PDF"),
    "xlsx": ExportKind("xlsx", "appraisal.report.workbook", "workbook_bytes", "the Excel model",
                       ".xlsx", "Excel workbooks (*.xlsx)", b"PK"),
}


def writer(kind: ExportKind):
    """The report writer's function, or None if this version does not include it."""
    try:
        return getattr(importlib.import_module(kind.module), kind.function)
    except (ImportError, AttributeError):
        return None


def available(key: str) -> bool:
    return writer(KINDS[key]) is not None


def write_message(error: OSError, path: Path, what: str) -> str:
    """A plain message for a failed write, naming the file and what to do."""
    if isinstance(error, PermissionError):
        return (f"Could not save {what} as {path.name}: the file is open in another program "
                f"(such as Excel), or the folder {path.parent} cannot be written to. Close the "
                "file or choose another folder, then export again. Nothing has been lost.")
    if isinstance(error, FileNotFoundError):
        return (f"Could not save {what}: the folder {path.parent} does not exist. "
                "Choose another folder. Nothing has been lost.")
    reason = error.strerror or str(error)
    return f"Could not save {what} as {path.name}: {reason}. Nothing has been lost."


class ExportSignals(QObject):
    progress = Signal(str)
    finished = Signal(str, str)     # kind key, the path written
    failed = Signal(str, str)       # kind key, a message for the user


class ExportJob(QRunnable):
    """Appraise ``case`` in full and write one export to ``path``."""

    def __init__(self, kind: ExportKind, case: Case, path: Path):
        super().__init__()
        self.kind, self.case, self.path = kind, case, Path(path)
        self.signals = ExportSignals()
        self.setAutoDelete(True)

    def run(self) -> None:
        signals, kind = self.signals, self.kind
        make = writer(kind)
        if make is None:
            signals.failed.emit(kind.key, f"Exporting {kind.what} is not available in this "
                                          "version.")
            return
        try:
            signals.progress.emit("Working out the figures…")
            results = appraise(self.case, monte_carlo=True)
            signals.progress.emit(f"Writing {kind.what}…")
            payload = make(results)
        except Exception as exc:  # a writer's failure is a message, never a crash
            signals.failed.emit(kind.key, f"Could not produce {kind.what}: {exc}")
            return
        try:
            signals.progress.emit("Saving…")
            write_atomic(self.path, payload)
        except OSError as exc:
            signals.failed.emit(kind.key, write_message(exc, self.path, kind.what))
            return
        signals.finished.emit(kind.key, str(self.path))


class Exporter(QObject):
    """Runs export jobs one at a time on its own pool; relays their signals."""

    progress = Signal(str)
    finished = Signal(str, str)     # kind key, path
    failed = Signal(str, str)       # kind key, message
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running = 0
        self._signals: set[ExportSignals] = set()

    @property
    def busy(self) -> bool:
        return self._running > 0

    def export(self, key: str, case: Case, path: str | Path) -> None:
        job = ExportJob(KINDS[key], case, Path(path))
        # Connected to this object's own slots, so they run on the GUI thread (queued).
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        self._signals.add(job.signals)   # keep the signal object alive until it reports
        self._running += 1
        self.busyChanged.emit(True)
        self.pool.start(job)

    @Slot(str)
    def _progress(self, text: str) -> None:
        self.progress.emit(text)

    @Slot(str, str)
    def _finished(self, key: str, path: str) -> None:
        self._end()
        self.finished.emit(key, path)

    @Slot(str, str)
    def _failed(self, key: str, message: str) -> None:
        self._end()
        self.failed.emit(key, message)

    def _end(self) -> None:
        self._running -= 1
        if not self._running:
            self._signals.clear()
            self.busyChanged.emit(False)

    def wait(self, msecs: int = 60000) -> bool:
        return self.pool.waitForDone(msecs)
