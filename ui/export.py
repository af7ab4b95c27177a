"""Exports of the board paper (PDF or Word) and the model (Excel), off the GUI thread.

The job reuses the document's complete results when they are current (the simulation included);
only if they are not does it appraise the case in full. It asks the report writer for the
file's bytes and writes them atomically, so a failure leaves any earlier file untouched. The
work runs through :class:`ui.background.Background`, which reports on the GUI thread (Anki's
operations model, architecture.md). A read-only folder or a file held open in Excel each give a
plain message; nothing in the case is lost.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from appraisal import Case, Results, appraise
from appraisal.atomic import ReadOnlyFile, write_atomic
from ui.background import Background


@dataclass(frozen=True)
class ExportKind:
    key: str
    what: str           # for messages: "the board paper"
    suffix: str
    file_filter: str
    magic: bytes        # how a good file starts


KINDS = {
    "pdf": ExportKind("pdf", "the board paper", ".pdf", "PDF documents (*.pdf)", b"%PDF"),
    "docx": ExportKind("docx", "the board paper (Word)", ".docx", "Word documents (*.docx)",
                       b"PK"),
    "xlsx": ExportKind("xlsx", "the Excel model", ".xlsx", "Excel workbooks (*.xlsx)", b"PK"),
}


def writer(key: str) -> Callable[[Results], bytes]:
    """The report writer for ``key`` (imported when first asked for: it loads the charting and
    PDF libraries, which start-up does not need)."""
    if key == "pdf":
        from appraisal.report.pdf import board_paper_bytes
        return board_paper_bytes
    if key == "docx":
        from appraisal.report.docx import board_paper_docx_bytes
        return board_paper_docx_bytes
    from appraisal.report.workbook import workbook_bytes
    return workbook_bytes


def write_message(error: OSError, path: Path, what: str) -> str:
    """A plain message for a failed write, naming the file and what to do."""
    if isinstance(error, ReadOnlyFile):
        return (f"Could not save {what} as {path.name}: that file is read-only, so it is left "
                "as it is. Choose another name, then export again. Nothing has been lost.")
    if isinstance(error, PermissionError):
        return (f"Could not save {what} as {path.name}: the file is open in another program "
                f"(such as Excel), or the folder {path.parent} cannot be written to. Close the "
                "file or choose another folder, then export again. Nothing has been lost.")
    if isinstance(error, FileNotFoundError):
        return (f"Could not save {what}: the folder {path.parent} does not exist. "
                "Choose another folder. Nothing has been lost.")
    reason = error.strerror or str(error)
    return f"Could not save {what} as {path.name}: {reason}. Nothing has been lost."


class Exporter(QObject):
    """Runs exports one at a time in the background; says how far each has got."""

    progress = Signal(str)
    finished = Signal(str, str)     # kind key, path
    failed = Signal(str, str)       # kind key, message
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.background = Background(self)
        self.background.runningChanged.connect(lambda n: self.busyChanged.emit(n > 0))

    @property
    def busy(self) -> bool:
        return self.background.running > 0

    def export(self, key: str, case: Case, path: str | Path,
               results: Results | None = None) -> None:
        """Write ``key`` for ``case`` to ``path``; ``results``, if given, are the case's complete
        results (reused as they are); otherwise the case is appraised in full first."""
        kind, path = KINDS[key], Path(path)
        if results is not None and results.case is not case:
            results = None              # figures of another version of the case: never used

        def work(cancelled: Callable[[], bool]) -> str:
            full = results
            if full is None:
                self.progress.emit("Working out the figures…")     # queued to the GUI thread
                full = appraise(case, monte_carlo=True, cancelled=cancelled)
            self.progress.emit(f"Writing {kind.what}…")
            try:
                payload = writer(key)(full)
            except Exception as exc:  # a writer's failure is a message, never a crash
                raise _Failure(f"Could not produce {kind.what}: {exc}") from exc
            self.progress.emit("Saving…")
            try:
                write_atomic(path, payload)
            except OSError as exc:
                raise _Failure(write_message(exc, path, kind.what)) from exc
            return str(path)

        self.background.run(work, lambda written: self.finished.emit(key, written),
                            lambda exc: self.failed.emit(key, _message(exc, kind)))

    def wait(self, msecs: int = 60000) -> bool:
        return self.background.wait(msecs)


class _Failure(Exception):
    """An export that could not be made, with the message for the person."""


def _message(exc: Exception, kind: ExportKind) -> str:
    return str(exc) if isinstance(exc, _Failure) else f"Could not produce {kind.what}: {exc}"
