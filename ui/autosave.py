"""Autosave: a recovery copy of unsaved work, offered back after a crash, never lost to another copy.

Each running copy of the program has its own recovery file in the user's data folder,
``recovery-<process id>-<token>.json``, and holds a lock beside it (``.lock``, a QLockFile that
records the process id) from its first write until it closes. Every minute a document with
unsaved changes is written there atomically: JSON with the owner's process id, the file the work
came from (if any), that file's state on disk when it was opened, and the case's data. A clean
save or a clean close removes it.

Another copy offers a recovery file back only when its owner has gone: its lock can be taken
(QLockFile finds the recorded process no longer running). While a copy decides, it holds that lock,
so no third copy offers the same work at the same time. A recovery file is deleted only when the
person restores it (its work then lives in the restoring copy's own recovery file) or asks for it
to be discarded; otherwise it stays, to be offered again.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from PySide6.QtCore import QLockFile, QObject, QTimer

from appraisal.atomic import write_atomic
from appraisal.casefile import MAX_BYTES
from ui.ondisk import OnDisk

RECOVERY_FORMAT = "continuum-recovery"
INTERVAL_MS = 60_000


def recovery_dir() -> Path:
    """The folder for recovery files (tests point it elsewhere)."""
    return Path(platformdirs.user_data_dir("Continuum", appauthor=False)) / "recovery"


def lock_of(path: Path) -> QLockFile:
    """The lock beside a recovery file, never considered stale by age (only by its owner)."""
    lock = QLockFile(str(Path(path).with_suffix(".lock")))
    lock.setStaleLockTime(0)
    return lock


@dataclass
class Recovered:
    """What a recovery file holds."""

    original: Path | None
    data: dict
    saved_at: str
    pid: int | None = None
    on_disk: OnDisk | None = None


def write_recovery(data: dict, original: Path | None, target: Path,
                   on_disk: OnDisk | None = None) -> Path:
    """Write a recovery file at ``target`` (atomically); raises OSError or ValueError."""
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": RECOVERY_FORMAT, "version": 1, "pid": os.getpid(),
               "saved_at": _dt.datetime.now().isoformat(timespec="seconds"),
               "path": str(original) if original else None,
               "on_disk": on_disk.to_json() if on_disk else None, "case": data}
    write_atomic(target, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return target


def read_recovery(path: Path) -> Recovered:
    """A recovery file's contents; ValueError (in words) if it cannot be read."""
    try:
        if Path(path).stat().st_size > MAX_BYTES * 2:
            raise ValueError("the recovery file is too large to be one of Continuum's")
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, RecursionError, json.JSONDecodeError) as exc:
        raise ValueError(f"the recovery file cannot be read ({type(exc).__name__})") from None
    if not isinstance(payload, dict) or payload.get("format") != RECOVERY_FORMAT \
            or not isinstance(payload.get("case"), dict):
        raise ValueError("this is not a recovery file")
    original = Path(payload["path"]) if isinstance(payload.get("path"), str) else None
    pid = payload.get("pid") if isinstance(payload.get("pid"), int) else None
    return Recovered(original, payload["case"], str(payload.get("saved_at") or ""), pid,
                     OnDisk.from_json(payload.get("on_disk")))


def left_behind(exclude: Path | None = None) -> list[Path]:
    """Recovery files whose owner has gone (its lock can be taken), newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("recovery-*.json"):
        if exclude is not None and path == exclude:
            continue
        lock = claim(path)
        if lock is not None:
            lock.unlock()
            found.append(path)
    return sorted(found, key=_mtime, reverse=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def claim(path: Path) -> QLockFile | None:
    """Hold the lock of a left-behind recovery file while deciding about it; None if its owner
    is still running (or another copy is deciding about it)."""
    lock = lock_of(path)
    return lock if lock.tryLock(0) else None


def discard(path: Path) -> None:
    """Delete a recovery file the person has restored or discarded."""
    try:
        Path(path).unlink()
    except OSError:
        pass        # gone already, or cannot be removed: it will be offered again, no harm


class Recovery:
    """This running copy's recovery file and its lock."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self.token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._lock: QLockFile | None = None

    @property
    def path(self) -> Path:
        return (self.folder or recovery_dir()) / f"recovery-{self.token}.json"

    def write(self, data: dict, original: Path | None, on_disk: OnDisk | None = None) -> Path:
        """Write this copy's unsaved work, first taking the lock that marks it as alive."""
        if self._lock is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = lock_of(self.path)
            if not lock.tryLock(0):
                raise OSError(f"the recovery folder cannot be locked ({lock.error()})")
            self._lock = lock
        return write_recovery(data, original, self.path, on_disk)

    def remove(self) -> None:
        """No unsaved work any more: remove the file, then the lock."""
        discard(self.path)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


class Autosave(QObject):
    """Writes ``document_of()``'s unsaved work every ``interval_ms``; removes it when clean.

    ``on_disk_of()`` gives the state of the document's file when it was opened, kept with the
    work so that a restored case is still checked against changes on disk before it is saved.
    """

    def __init__(self, document_of, parent: QObject | None = None,
                 interval_ms: int = INTERVAL_MS, on_disk_of=lambda: None,
                 folder: Path | None = None):
        super().__init__(parent)
        self._document_of = document_of
        self._on_disk_of = on_disk_of
        self.recovery = Recovery(folder)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()

    @property
    def path(self) -> Path:
        """This copy's recovery file (it exists only while there is unsaved work)."""
        return self.recovery.path

    def save_now(self) -> Path | None:
        document = self._document_of()
        if document is None or not document.is_dirty:
            self.recovery.remove()
            return None
        try:
            return self.recovery.write(document.data, document.path, self._on_disk_of())
        except (OSError, ValueError):
            return None   # no room or no rights: autosave is a safety net, never an error

    def discard(self) -> None:
        self.recovery.remove()
