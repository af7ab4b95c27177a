"""Work off the GUI thread (ui.background) and the document's simulation indicator (issue 10)."""
from __future__ import annotations

import threading

import pytest

from appraisal import appraise
from appraisal.case import RANGED_KINDS
from ui.background import Background


def test_callbacks_run_on_the_gui_thread_and_the_count_follows(qtbot):
    bg = Background()
    gui = threading.get_ident()
    seen = []
    counts = []
    bg.runningChanged.connect(counts.append)
    bg.run(lambda cancelled: threading.get_ident(), lambda worker: seen.append(
        ("done", worker != gui, threading.get_ident() == gui)))
    bg.run(lambda cancelled: 1 / 0, failed=lambda exc: seen.append(
        ("failed", type(exc).__name__, threading.get_ident() == gui)))
    assert bg.running == 2
    qtbot.waitUntil(lambda: bg.running == 0, timeout=5000)
    assert sorted(seen) == [("done", True, True), ("failed", "ZeroDivisionError", True)]
    assert counts[:2] == [1, 2] and counts[-1] == 0


def test_a_cancelled_job_stops_at_its_next_check_and_reports_nothing(qtbot):
    bg = Background()
    started, checks, seen = threading.Event(), [], []

    def work(cancelled):
        started.set()
        while not cancelled():
            checks.append(1)
            threading.Event().wait(0.005)
        raise RuntimeError("stopped")

    job = bg.run(work, seen.append, seen.append)
    assert started.wait(5)
    job.cancel()
    assert bg.wait(5000)
    qtbot.waitUntil(lambda: bg.running == 0, timeout=5000)
    assert seen == [] and job.cancelled()


def _ranged(case) -> int:
    return sum(1 for o in case.options for kind in RANGED_KINDS for line in getattr(o, kind)
               if line.has_range)


def _drop_every_range(data: dict) -> None:
    for option in data["options"]:
        for kind in RANGED_KINDS:
            for line in option.get(kind, []):
                line.pop("low", None)
                line.pop("high", None)


def test_removing_every_range_while_the_simulation_runs_turns_the_indicator_off(qtbot, window):
    """The bug: the run in flight was dropped as stale and nothing said it had ended."""
    doc = window.document
    signals: list[bool] = []
    doc.monteCarloRunning.connect(signals.append)
    doc.recalculate_now()                       # a run starts for a case with ranges
    assert _ranged(doc.case) == 3 and doc.simulating
    assert not window.simulation_label.isHidden()

    assert doc.edit("remove every range", _drop_every_range) == []   # while it is in flight
    assert _ranged(doc.case) == 0
    qtbot.waitUntil(lambda: not doc.simulating, timeout=5000)      # the typing pause, then…
    doc.wait_for_monte_carlo(10000)
    qtbot.wait(50)                                                  # any late report delivered
    assert signals[-1] is False and not doc.simulating
    assert window.simulation_label.isHidden()
    assert doc.background.running == 0
    assert doc.full_results() is doc.results                       # no draws needed: complete
    assert all(o.monte_carlo is None for o in doc.results.options)

    doc.undo_stack.undo()                                           # the ranges are back
    qtbot.waitUntil(lambda: doc.full_results() is not None, timeout=20000)
    assert signals[-1] is False and window.simulation_label.isHidden()
    full = appraise(doc.case)
    assert [o.monte_carlo for o in doc.results.options] == [o.monte_carlo for o in full.options]


@pytest.mark.parametrize("edits", [3])
def test_a_run_of_edits_leaves_one_simulation_and_the_newest_figures(qtbot, window, edits):
    doc = window.document
    for i in range(edits):
        doc.set_value(("settings", "discount_rate"), 0.031 + 0.001 * i, "change discount rate",
                      merge=False)
        doc.recalculate_now()
        assert doc.simulating and doc.full_results() is None
    qtbot.waitUntil(lambda: doc.full_results() is not None, timeout=20000)
    assert doc.results.discount_rate == pytest.approx(0.033)
    assert window.simulation_label.isHidden()
    qtbot.waitUntil(lambda: doc.background.running == 0, timeout=20000)


def test_cycles_are_collected_by_the_gui_threads_timer_never_automatically(qtbot):
    """A document dropped while its helper still reports must not be freed by a collection that
    starts inside one of its own slots or on a worker thread: automatic collection is off, and
    the GUI thread's timer collects the cycle a moment later."""
    import gc
    import weakref

    from PySide6.QtCore import QObject

    from ui.background import collect_on_gui_thread

    collect_on_gui_thread()
    assert not gc.isenabled()

    class Owner(QObject):
        def __init__(self):
            super().__init__()
            self.background = Background(self)
            self.seen = []
            self.background.run(lambda cancelled: 42, lambda value: self.seen.append(value))

    owner = Owner()
    gone, seen = weakref.ref(owner), owner.seen
    owner.cycle = owner                     # a reference cycle: only a collection frees it
    del owner                               # dropped while its job is still to report
    qtbot.waitUntil(lambda: seen == [42], timeout=5000)

    def collected() -> bool:
        [[] for _ in range(1000)]           # new objects, as a running app makes: past each threshold
        return gone() is None

    qtbot.waitUntil(collected, timeout=15000)
    assert not gc.isenabled()
