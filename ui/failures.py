"""What the user sees if the program itself fails: a plain sentence, never a traceback.

:class:`FailureHook` replaces ``sys.excepthook`` while the app runs (``ui.app.run`` installs it;
tests do not, so that an error still fails the test). An exception that reaches the event loop
is written, with its traceback, to a log file in the user's log folder; the open case is written
to the recovery file (offered back at the next start); then one message says what happened in a
sentence. The app carries on.
"""
from __future__ import annotations

import datetime as _dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QMessageBox, QWidget


LOG_NAME = "continuum.log"
MAX_LOG_BYTES = 1_000_000      # then the log starts afresh, keeping the last one as .old


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir("Continuum", appauthor=False))


def write_log(exc_type, exc, tb, folder: Path | None = None) -> Path | None:
    """Append the traceback to the log file; its path, or None if it cannot be written."""
    path = (folder or log_dir()) / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_suffix(".old"))
        stamp = _dt.datetime.now().isoformat(timespec="seconds")
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {stamp}\n")
            log.write("".join(traceback.format_exception(exc_type, exc, tb)))
        return path
    except OSError:
        return None


def failure_text(exc: BaseException, kept: bool) -> str:
    """'Something went wrong: <the error in a sentence>. Your work has been kept …'"""
    message = " ".join(str(exc).split()).rstrip(".") or "an unexpected error"
    text = f"Something went wrong: {message}."
    if kept:
        return text + " Your work has been kept in the recovery file."
    return text + " Nothing unsaved has been lost."


class FailureHook:
    """``sys.excepthook`` for the running app; ``window_of()`` gives the main window (or None)."""

    def __init__(self, window_of: Callable[[], QWidget | None], log_folder: Path | None = None):
        self._window_of = window_of
        self._log_folder = log_folder
        self._busy = False
        self.previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
            self.previous(exc_type, exc, tb)
            return
        write_log(exc_type, exc, tb, self._log_folder)
        if self._busy:          # a failure while telling of one: the log has it, say no more
            return
        self._busy = True
        try:
            window = self._window_of()
            kept = self._keep_work(window)
            QMessageBox.critical(window, "Something went wrong", failure_text(exc, kept))
        except Exception:       # noqa: BLE001 - the hook must never raise
            write_log(*sys.exc_info(), self._log_folder)
        finally:
            self._busy = False

    @staticmethod
    def _keep_work(window) -> bool:
        """Write the open case's unsaved work to the recovery file; True if there was any."""
        document = getattr(window, "document", None)
        if document is None or not document.is_dirty:
            return False
        try:
            return window.autosave.save_now() is not None
        except (OSError, ValueError, AttributeError):
            return False
