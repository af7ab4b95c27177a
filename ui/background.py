"""Work off the GUI thread: one helper for the simulation and the exports.

``Background.run(work, done, failed)`` runs ``work(cancelled)`` on a worker thread, then calls
``done(result)`` or ``failed(exception)`` on the GUI thread (the thread that owns the helper), so
callbacks may touch widgets. ``work`` receives a callable that says whether the job has been
cancelled; long work (the Monte Carlo draws) asks it between chunks and may stop with any
exception. A cancelled job calls neither callback. ``running`` counts the jobs started and not yet
reported; ``runningChanged`` says when it changes. Nothing here knows about cases or figures.

The worker threads never touch Qt and never hold the last reference to anything that does: a
worker gets only its ``work`` and a cancellation check, and leaves its outcome in a plain slot
that the GUI thread collects with a short timer once the thread has ended (so the last reference
to a job's callbacks is always dropped on the GUI thread). Python's cycle collector runs only on
the GUI thread, from a timer (``collect_on_gui_thread``).
"""
from __future__ import annotations

import gc
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

POLL_MS = 10


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


class _Outcome:
    """What a worker thread sees: the work, the cancellation check and a slot for the result."""

    def __init__(self, work: Callable[[Callable[[], bool]], Any], cancelled: Callable[[], bool]):
        self.work, self.cancelled = work, cancelled
        self.ok = False
        self.result: object = None

    def execute(self) -> None:
        try:
            self.result, self.ok = self.work(self.cancelled), True
        except Exception as exc:  # reported to the GUI thread as a failure, never a crash
            self.result, self.ok = exc, False


class _Collector(QObject):
    """Python's cycle collector, run by a timer on the GUI thread instead of at random.

    Left to itself the collector runs at whatever allocation crosses its threshold: on a worker
    thread, or inside a slot of an object that the collection frees (a document dropped while its
    helper's timer is firing), and either crashes Qt. Here automatic collection is off, and the
    GUI thread collects, generation by generation as the thresholds say, from its own timer: at
    the top of the event loop, where no slot of the freed objects can be running."""

    INTERVAL_MS = 250
    FULL_EVERY = 20         # and everything, every 5 s, so an old cycle never waits for long

    def __init__(self) -> None:
        super().__init__()
        self._threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._ticks = 0
        gc.disable()
        self._timer.start()

    def check(self) -> None:
        first, second, third = gc.get_count()
        self._ticks += 1
        if self._ticks % self.FULL_EVERY == 0:
            gc.collect()
        elif first > self._threshold[0]:
            gc.collect(0)
            if second > self._threshold[1]:
                gc.collect(1)
                if third > self._threshold[2]:
                    gc.collect(2)


_collector: _Collector | None = None


def collect_on_gui_thread() -> None:
    """Install the collector discipline above (once; call on the GUI thread with an
    application object in place: the app does at start-up, and every helper does)."""
    global _collector
    if _collector is None:
        _collector = _Collector()


class _Task:
    def __init__(self, job: Job, outcome: _Outcome):
        self.job, self.outcome = job, outcome
        self.thread: threading.Thread | None = None


class Background(QObject):
    """Runs jobs on worker threads (``threads`` at a time) and reports them on the GUI thread."""

    runningChanged = Signal(int)
    _deliver = Signal()     # posted to this thread: reports after ``wait`` come before any timer

    def __init__(self, parent: QObject | None = None, threads: int = 1):
        super().__init__(parent)
        collect_on_gui_thread()
        self._threads = max(1, threads)
        self._waiting: deque[_Task] = deque()
        self._active: list[_Task] = []
        self._finished: list[_Task] = []
        self._jobs: set[Job] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._deliver.connect(self._poll, Qt.ConnectionType.QueuedConnection)

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
        # the worker sees the cancellation flag itself, never the job and its callbacks
        self._waiting.append(_Task(job, _Outcome(work, job._cancelled.is_set)))
        self._start_waiting()
        if not self._timer.isActive():
            self._timer.start(POLL_MS)
        return job

    def cancel_all(self) -> None:
        for job in list(self._jobs):
            job.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job's work is done (tests, closing, exports); true if it was. The
        callbacks follow when the GUI thread next processes events."""
        deadline = time.monotonic() + msecs / 1000
        try:
            while self._active:
                task = self._active[0]
                assert task.thread is not None
                task.thread.join(max(0.0, deadline - time.monotonic()))
                if task.thread.is_alive():
                    return False
                self._active.remove(task)
                self._finished.append(task)
                self._start_waiting()
            return True
        finally:
            if self._finished:
                self._deliver.emit()

    def _start_waiting(self) -> None:
        while self._waiting and len(self._active) < self._threads:
            task = self._waiting.popleft()
            task.thread = threading.Thread(target=task.outcome.execute, name="continuum-work",
                                           daemon=True)
            task.thread.start()
            self._active.append(task)

    def _poll(self) -> None:
        for task in list(self._active):
            assert task.thread is not None
            if not task.thread.is_alive():
                self._active.remove(task)
                self._finished.append(task)
        self._start_waiting()
        done, self._finished[:] = list(self._finished), []
        if not (self._active or self._waiting):
            self._timer.stop()
        else:
            self._timer.setInterval(POLL_MS)
        for task in done:
            self._report(task)

    def _report(self, task: _Task) -> None:
        job, outcome = task.job, task.outcome
        self._jobs.discard(job)
        self.runningChanged.emit(len(self._jobs))
        if job.cancelled():
            return
        callback = job.done if outcome.ok else job.failed
        if callback is not None:
            callback(outcome.result)  # type: ignore[arg-type]
