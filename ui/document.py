"""The open case: its data, file path, undo stack, validation and (debounced) recalculation.

Inputs flow one way (architecture.md, layer 3): views call :meth:`CaseDocument.edit` (or
:meth:`set_value`) with a mutation of the case's JSON data; the document validates the result
with the engine's own rules, refuses it with the problems if it breaks one (the view shows them
beside the field), otherwise pushes an undoable command, recalculates after a short pause and
emits ``resultsChanged``. Views redraw from ``document.results``; none computes a figure.
"""
from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QSaveFile, QTimer, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from appraisal import Case, CaseError, Results, appraise, parse_data
from appraisal.casefile import case_to_json, load_case
from appraisal.kinds import RANGED_KINDS
from appraisal.paths import FieldPath, say
from ui.background import Background, Job

Problem = tuple[str, str]
Path_ = tuple  # a path into the case data, e.g. ("options", 2, "savings", 0, "annual")



@dataclass(frozen=True)
class MergeKey:
    """What makes edits in a row one undo step: the place edited and, for a field, the visit
    (a run of keystrokes in one focus session). Keys are compared whole in ``mergeWith``; Qt's
    integer id only says "this command may merge" (:attr:`id`, the same for every key)."""

    parts: tuple

    id: ClassVar[int] = 1000

    @classmethod
    def of(cls, *parts: Any) -> MergeKey:
        return cls(tuple(parts))


def path_text(path: Path_) -> str:
    """("options", 2, "scores") → "options[2].scores", the engine's way of naming a field."""
    return str(FieldPath(path))


class EditCase(QUndoCommand):
    """One edit of the case: the data before and after. Edits with the same key merge."""

    def __init__(self, document: CaseDocument, text: str, before: dict, after: dict,
                 merge_key: MergeKey | None, after_case: Case | None = None):
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after
        # The Case already parsed from ``after``, for the first redo only (push redoes at once,
        # so an edit is parsed once); undo and later redos parse again: the stack holds data.
        self._after_case = after_case
        self.merge_key = merge_key

    def id(self) -> int:  # noqa: A003 - Qt's name
        return MergeKey.id if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if (not isinstance(other, EditCase) or self.merge_key is None
                or other.merge_key != self.merge_key):
            return False
        self._after = other._after
        if self._after == self._before:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        case, self._after_case = self._after_case, None
        self._document._install(self._after, case)

    def undo(self) -> None:
        self._document._install(self._before)


class CaseDocument(QObject):
    changed = Signal()              # the case data changed (edit, undo, redo, load)
    resultsChanged = Signal()       # new results are in ``results``
    monteCarloRunning = Signal(bool)
    pathChanged = Signal()
    failed = Signal(str)            # a background appraisal failed: a message for the user

    DEBOUNCE_MS = 50    # a pause in typing this long, then one recalculation
    UNDO_LIMIT = 500    # undo steps kept (each holds two copies of the case's data)

    def __init__(self, data: dict, path: Path | None = None, parent: QObject | None = None,
                 debounce_ms: int | None = None):
        super().__init__(parent)
        self._case = parse_data(data)
        self._data = copy.deepcopy(data)
        self._path = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(self.UNDO_LIMIT)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.results: Results | None = None
        self._generation = 0
        self._timer = QTimer(self, singleShot=True,
                             interval=self.DEBOUNCE_MS if debounce_ms is None else debounce_ms)
        self._timer.timeout.connect(self.recalculate)
        self.background = Background(self)
        self._simulation: Job | None = None     # the full run for the current case, if any
        self._full = False                      # whether ``results`` include the simulation
        self.recalculate()

    @Slot(bool)
    def _on_clean_changed(self, _clean: bool) -> None:
        self.changed.emit()

    # --- opening and saving -----------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, parent: QObject | None = None) -> CaseDocument:
        """Open a case file; raises CaseError (with field paths) if it is not a valid case."""
        case = load_case(path)
        data = json.loads(case_to_json(case))
        return cls(data, Path(path), parent)

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self._path.name if self._path else "Untitled case"

    def save(self, path: str | Path | None = None) -> None:
        """Save atomically (QSaveFile) to ``path`` or the current path; raises OSError."""
        target = Path(path) if path else self._path
        if target is None:
            raise OSError("the case has no file name yet")
        payload = case_to_json(self._case).encode("utf-8")
        f = QSaveFile(str(target))
        if not f.open(QSaveFile.WriteOnly):
            raise OSError(f.errorString())
        if f.write(payload) != len(payload) or not f.commit():
            message = f.errorString()
            f.cancelWriting()
            raise OSError(message)
        self._path = target
        self.undo_stack.setClean()
        self.pathChanged.emit()
        self.changed.emit()

    # --- reading ----------------------------------------------------------------------------
    @property
    def case(self) -> Case:
        """The current case (always valid: invalid edits are refused)."""
        return self._case

    @property
    def data(self) -> dict:
        """A copy of the case's JSON data (mutating it changes nothing: use :meth:`edit`)."""
        return copy.deepcopy(self._data)

    def get(self, path: Path_, default: Any = None) -> Any:
        node: Any = self._data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return copy.deepcopy(node)

    # --- editing ----------------------------------------------------------------------------
    def check(self, mutate: Callable[[dict], None]) -> list[Problem]:
        """The problems a mutation would cause, without applying it."""
        new = copy.deepcopy(self._data)
        mutate(new)
        try:
            parse_data(new)
        except CaseError as exc:
            return exc.problems
        return []

    def edit(self, text: str, mutate: Callable[[dict], None],
             merge_key: MergeKey | None = None) -> list[Problem]:
        """Apply ``mutate`` to a copy of the data; push it as one undo step if the case stays valid.

        ``text`` says what changed in the board's words ("change annual saving of Finance
        team"); it is what Undo and Redo show, and it is required. Returns the problems (and
        changes nothing) if the edit would break a rule. Edits with the same ``merge_key`` in a
        row (keystrokes in one field, a slider drag) are one undo step.
        """
        if not text or not text.strip():
            raise ValueError("every edit needs an undo text in the board's words")
        new = copy.deepcopy(self._data)
        mutate(new)
        if new == self._data:
            return []
        try:
            case = parse_data(new)
        except CaseError as exc:
            return exc.problems
        self.undo_stack.push(EditCase(self, text, copy.deepcopy(self._data), new, merge_key,
                                      after_case=case))
        return []

    def set_value(self, path: Path_, value: Any, text: str | None = None,
                  merge: bool = True) -> list[Problem]:
        """Set one field; ``None`` removes it (so the default applies). ``text`` as for
        :meth:`edit`; without one the place is said in the case's own words ("change Shared
        back office › Savings › Finance team › annual"), never as a field path."""

        def mutate(data: dict) -> None:
            node = data
            for part in path[:-1]:
                node = node[part]
            if value is None:
                if isinstance(node, dict):
                    node.pop(path[-1], None)
            else:
                node[path[-1]] = value

        if text is None:
            words = say(path, self._case)
            text = "change " + (words[:1].lower() + words[1:] if "›" not in words else words)
        return self.edit(text, mutate, merge_key=MergeKey.of(*path) if merge else None)

    def _install(self, data: dict, case: Case | None = None) -> None:
        """Make ``data`` (and ``case``, parsed from it, or parsed now) current (called by undo
        commands only)."""
        self._data = copy.deepcopy(data)
        self._case = case if case is not None else parse_data(self._data)
        self._timer.start()     # the pause runs from the edit, while the views redraw the inputs
        self.changed.emit()

    # --- recalculation ----------------------------------------------------------------------
    @property
    def simulating(self) -> bool:
        """True while the simulation for the current case is running."""
        return self._simulation is not None

    def full_results(self) -> Results | None:
        """The results of the current case if they are complete (simulation included), else None
        (an edit not yet recalculated, or a simulation still running)."""
        current = self.results is not None and self.results.case is self._case
        return self.results if self._full and current else None

    @Slot()
    def recalculate(self) -> None:
        """Quick results at once (no Monte Carlo), then the full run in the background.

        A run still under way for an earlier case is cancelled (it stops at its next chunk of
        draws); the "simulation running" signal goes off when no run is wanted any more."""
        self._generation += 1
        was_running = self._simulation is not None
        if self._simulation is not None:
            self._simulation.cancel()
            self._simulation = None
        self.results = appraise(self._case, monte_carlo=False)
        self._full = not any(getattr(line, "has_range", False) for option in self._case.options
                             for kind in RANGED_KINDS for line in getattr(option, kind))
        self.resultsChanged.emit()
        if self._full:
            if was_running:
                self.monteCarloRunning.emit(False)
            return
        if not was_running:
            self.monteCarloRunning.emit(True)
        case, generation = self._case, self._generation
        self._simulation = self.background.run(
            lambda cancelled: appraise(case, monte_carlo=True, cancelled=cancelled),
            lambda result: self._on_full_result(generation, result),
            lambda exc: self._on_full_failure(generation, exc))

    def recalculate_now(self) -> None:
        """Skip the pause (tests and exports): quick results now."""
        self._timer.stop()
        self.recalculate()

    def wait_for_monte_carlo(self, msecs: int = 30000) -> bool:
        """Block until the background run is done (tests and exports only)."""
        return self.background.wait(msecs)

    def _on_full_result(self, generation: int, result: Results) -> None:
        if generation != self._generation:
            return  # a newer edit has overtaken this run
        self._simulation = None
        self._full = True
        self.monteCarloRunning.emit(False)
        self.results = result
        self.resultsChanged.emit()

    def _on_full_failure(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._simulation = None
        self.monteCarloRunning.emit(False)
        self.failed.emit(f"The simulation could not finish: {exc}")
