"""Autosave: a recovery copy of unsaved work, offered back after a crash.

Every minute a document with unsaved changes is written (atomically) to a recovery file in the
user's data folder: JSON with the file it came from (if any) and the case's data. A clean save or
a clean close removes it. At start-up a recovery file left behind means the program did not
close properly, and the window offers to restore it.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, QTimer

from appraisal.casefile import write_atomic

RECOVERY_FORMAT = "continuum-recovery"
INTERVAL_MS = 60_000


def recovery_dir() -> Path:
    """The folder for recovery files (tests point it elsewhere)."""
    return Path(platformdirs.user_data_dir("Continuum", appauthor=False)) / "recovery"


def recovery_file() -> Path:
    """This run's recovery file (one a running program, so two windows never clash)."""
    return recovery_dir() / f"recovery-{os.getpid()}.json"


def write_recovery(data: dict, original: Path | None, target: Path | None = None) -> Path:
    target = target or recovery_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": RECOVERY_FORMAT, "version": 1,
               "saved_at": _dt.datetime.now().isoformat(timespec="seconds"),
               "path": str(original) if original else None, "case": data}
    write_atomic(target, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return target


def read_recovery(path: Path) -> tuple[Path | None, dict, str]:
    """(original path, case data, when saved) from a recovery file; ValueError if unreadable."""
    try:
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"the recovery file cannot be read ({exc})") from None
    if not isinstance(payload, dict) or payload.get("format") != RECOVERY_FORMAT \
            or not isinstance(payload.get("case"), dict):
        raise ValueError("this is not a recovery file")
    original = Path(payload["path"]) if payload.get("path") else None
    return original, payload["case"], str(payload.get("saved_at") or "")


def left_behind() -> list[Path]:
    """Recovery files of earlier runs that did not close cleanly, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    mine = recovery_file().name
    found = [p for p in folder.glob("recovery-*.json") if p.name != mine]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def remove(path: Path | None = None) -> None:
    try:
        (path or recovery_file()).unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass  # a recovery file that cannot be removed does no harm: it is offered once


class Autosave(QObject):
    """Writes ``document_of()``'s unsaved work every ``interval_ms``; removes it when clean."""

    def __init__(self, document_of, parent: QObject | None = None,
                 interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self._document_of = document_of
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()

    def save_now(self) -> Path | None:
        document = self._document_of()
        if document is None or not document.is_dirty:
            remove()
            return None
        try:
            return write_recovery(document.data, document.path)
        except OSError:
            return None   # no room or no rights: autosave is a safety net, never an error

    def discard(self) -> None:
        remove()
