"""The ten steps of the guided walk, in order, and a stand-in for a step that cannot be shown.

Every step is a QWidget with a ``TITLE`` and ``__init__(document, parent=None)``; it redraws
from the document and edits only through it. A step whose module is missing or broken is shown
as a plain notice, so the rest of the app keeps working.
"""
from __future__ import annotations

import importlib
import sys
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

# (module, class, title, one-line purpose)
STEPS: tuple[tuple[str, str, str, str], ...] = (
    ("ui.steps.case_step", "CaseStep", "Case",
     "What is being appraised, by whom, and the rates every figure uses."),
    ("ui.steps.partners", "PartnersStep", "Partners",
     "The organisations in the partnership and their loans."),
    ("ui.steps.options", "OptionsStep", "Options",
     "Where each option sits on the continuum, from standalone to merger."),
    ("ui.steps.money", "MoneyStep", "Money",
     "Savings, costs, VAT, loans, redundancies and pensions for each option."),
    ("ui.steps.criteria", "CriteriaStep", "Criteria and weights",
     "What matters to the board besides money, and how much."),
    ("ui.steps.scores", "ScoresStep", "Scores",
     "How well each option meets each criterion, from 0 to 10."),
    ("ui.steps.results", "ResultsStep", "Results",
     "The options compared: money, scores and the leading option."),
    ("ui.steps.sensitivity", "SensitivityStep", "Sensitivity",
     "How far the answer moves when the figures or the weights change."),
    ("ui.steps.readiness", "ReadinessStep", "Readiness and risks",
     "The checklist before going ahead, and the risk register."),
    ("ui.steps.board_paper", "BoardPaperStep", "Board paper",
     "The recommendation, then the board paper and the model to take away."),
)
RESULTS_STEP = 6


class PlaceholderStep(QWidget):
    """Shown where a step cannot be loaded yet."""

    TITLE = ""

    def __init__(self, document=None, parent: QWidget | None = None, title: str = "",
                 reason: str = ""):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(f"{title}\n\nThis step is being built.")
        label.setTextFormat(Qt.PlainText)
        label.setAlignment(Qt.AlignCenter)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.reason = reason


def step_class(module: str, name: str):
    """The step's class, or None (and a note on stderr) if its module cannot be imported."""
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            traceback.print_exc(file=sys.stderr)
        return None
    except Exception:  # a step under construction must not stop the app
        traceback.print_exc(file=sys.stderr)
        return None


def build_step(index: int, document, parent: QWidget | None = None) -> QWidget:
    """Step ``index`` built on ``document``, or a placeholder if it cannot be built."""
    module, name, title, _purpose = STEPS[index]
    cls = step_class(module, name)
    if cls is not None:
        try:
            return cls(document, parent)
        except Exception:
            traceback.print_exc(file=sys.stderr)
    return PlaceholderStep(document, parent, title=title)


def title(index: int, step: QWidget | None = None) -> str:
    """The step's title: its ``TITLE`` once built, else the registry's (no import needed)."""
    return getattr(step, "TITLE", None) or STEPS[index][2]


def purpose(index: int) -> str:
    return STEPS[index][3]
