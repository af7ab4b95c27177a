"""Work off the GUI thread: one helper for the simulation and the exports.

``Background.run(work, done, failed)`` runs ``work(cancelled)`` on a worker thread, then calls
``done(result)`` or ``failed(exception)`` on the GUI thread (the thread that owns the helper), so
callbacks may touch widgets. ``work`` receives a callable that says whether the job has been
cancelled; long work (the Monte Carlo draws) asks it between chunks and may stop with any
exception. A cancelled job calls neither callback. ``running`` counts the jobs started and not yet
reported; ``runningChanged`` says when it changes. Nothing here knows about cases or figures.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class Job:
    """A handle on one piece of background work: cancel it, or ask whether it was cancelled."""

    def __init__(self, done: Callable[[Any], None] | None,
                 failed: Callable[[Exception], None] | None):
        self._cancelled = threading.Event()
        self.done, self.failed = done, failed

    def cancel(self) -> None:
        """Ask the work to stop at its next check; its callbacks will not be called."""
        self._cancelled.set()

    def cancelled(self) -> bool:
        return self._cancelled.is_set()


_collection_lock = threading.Lock()
_workers = 0


def _hold_collection(delta: int) -> None:
    """Keep Python's cycle collector off while any worker runs: a collection started on a worker
    thread may free Qt objects that belong to the GUI thread, which crashes Qt. Cycles left
    meanwhile are collected on the next allocation after the last worker ends."""
    global _workers
    with _collection_lock:
        _workers += delta
        if _workers == 1 and delta > 0:
            gc.disable()
        elif _workers == 0:
            gc.enable()


class _Runnable(QRunnable):
    def __init__(self, job: Job, work: Callable[[Callable[[], bool]], Any],
                 report: Callable[[Job, bool, object], None]):
        super().__init__()
        self._job, self._work, self._report = job, work, report

    def run(self) -> None:
        _hold_collection(+1)
        try:
            try:
                result: object = self._work(self._job.cancelled)
                ok = True
            except Exception as exc:  # reported to the GUI thread as a failure, never a crash
                result, ok = exc, False
            try:
                self._report(self._job, ok, result)
            except RuntimeError:
                pass  # the helper was deleted while the work ran: nobody is left to tell
        finally:
            _hold_collection(-1)


class Background(QObject):
    """Runs jobs on its own pool (``threads`` at a time) and reports them on the GUI thread."""

    runningChanged = Signal(int)
    _finished = Signal(object, bool, object)    # job, succeeded, result or exception

    def __init__(self, parent: QObject | None = None, threads: int = 1):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._jobs: set[Job] = set()
        self._finished.connect(self._report)    # queued: emitted from the worker thread

    @property
    def running(self) -> int:
        """How many jobs have been started and not yet reported (cancelled ones included until
        their work stops)."""
        return len(self._jobs)

    def run(self, work: Callable[[Callable[[], bool]], Any],
            done: Callable[[Any], None] | None = None,
            failed: Callable[[Exception], None] | None = None) -> Job:
        """Start ``work(cancelled)``; ``done(result)`` or ``failed(exc)`` follow on this thread."""
        job = Job(done, failed)
        self._jobs.add(job)
        self.runningChanged.emit(len(self._jobs))
        self._pool.start(_Runnable(job, work, self._finished.emit))
        return job

    def cancel_all(self) -> None:
        for job in list(self._jobs):
            job.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job's work is done (tests, closing, exports); true if it was."""
        return self._pool.waitForDone(msecs)

    @Slot(object, bool, object)
    def _report(self, job: Job, ok: bool, result: object) -> None:
        self._jobs.discard(job)
        self.runningChanged.emit(len(self._jobs))
        if job.cancelled():
            return
        callback = job.done if ok else job.failed
        if callback is not None:
            callback(result)
