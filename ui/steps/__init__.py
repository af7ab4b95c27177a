"""The eleven steps of the guided walk, in order.

Every step is a QWidget with a ``TITLE`` and ``__init__(document, parent=None)``; it redraws
from the document and edits only through it. Each step's module is imported by an ordinary
import statement the first time the step is shown (so start-up does not load the charting
libraries, and the layer check sees every import); a step that fails to import or to build is
a fault of the program and is reported as one, never hidden.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtWidgets import QWidget


def _case() -> type[QWidget]:
    from ui.steps.case_step import CaseStep
    return CaseStep


def _partners() -> type[QWidget]:
    from ui.steps.partners import PartnersStep
    return PartnersStep


def _options() -> type[QWidget]:
    from ui.steps.options import OptionsStep
    return OptionsStep


def _money() -> type[QWidget]:
    from ui.steps.money import MoneyStep
    return MoneyStep


def _criteria() -> type[QWidget]:
    from ui.steps.criteria import CriteriaStep
    return CriteriaStep


def _scores() -> type[QWidget]:
    from ui.steps.scores import ScoresStep
    return ScoresStep


def _results() -> type[QWidget]:
    from ui.steps.results import ResultsStep
    return ResultsStep


def _sensitivity() -> type[QWidget]:
    from ui.steps.sensitivity import SensitivityStep
    return SensitivityStep


def _readiness() -> type[QWidget]:
    from ui.steps.readiness import ReadinessStep
    return ReadinessStep


def _deal() -> type[QWidget]:
    from ui.steps.deal import DealStep
    return DealStep


def _board_paper() -> type[QWidget]:
    from ui.steps.board_paper import BoardPaperStep
    return BoardPaperStep


class Step(NamedTuple):
    title: str
    purpose: str                        # one line, under the step's title
    load: Callable[[], type[QWidget]]   # the step's class (its module imported on first use)


STEPS: tuple[Step, ...] = (
    Step("Case", "What is being appraised, by whom, and the rates every figure uses.", _case),
    Step("Partners", "The organisations in the partnership: their loans and legal forms.", _partners),
    Step("Options", "Where each option sits on the continuum, from standalone to merger.",
         _options),
    Step("Money", "Savings, costs, VAT, loans, redundancies and pensions for each option.",
         _money),
    Step("Criteria and weights", "What matters to the board besides money, and how much.",
         _criteria),
    Step("Scores", "How well each option meets each criterion, from 0 to 10.", _scores),
    Step("Results", "The options compared: money, scores and the leading option.", _results),
    Step("Sensitivity", "How far the answer moves when the figures or the weights change.",
         _sensitivity),
    Step("Readiness and risks", "The checklist before going ahead, and the risk register.",
         _readiness),
    Step("Deal", "What must be settled first: governance, due diligence, lenders and the legal "
         "route.", _deal),
    Step("Board paper", "The recommendation, then the board paper and the model to take away.",
         _board_paper),
)
RESULTS_STEP = 6


def build_step(index: int, document, parent: QWidget | None = None) -> QWidget:
    """Step ``index`` built on ``document``."""
    return STEPS[index].load()(document, parent)


def title(index: int, step: QWidget | None = None) -> str:
    """The step's title: its ``TITLE`` once built, else the registry's (no import needed)."""
    return getattr(step, "TITLE", None) or STEPS[index].title


def purpose(index: int) -> str:
    return STEPS[index].purpose
