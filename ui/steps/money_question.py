"""The Criteria step's question: is value for money (from the NPV) one of the criteria?

Only a criterion derived from the NPV brings the money into the weighted score. A board that
leaves it out should say that it weighs the money separately, beside the scores, or the weighted
score's leader can read as the whole answer. The two answers:

- *Yes*: ticks "Derived from NPV" on the criterion already called value for money, or adds the
  standard value-for-money criterion (10 points), in one undoable edit;
- *No*: records that the board weighs the money separately (``weighting.money_separately``),
  which the Before the paper check and the paper read.

Until one is given neither is ticked and the step says the question is open. *No* cannot stand
beside a derived criterion: the step says which to untick instead.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from ui.document import CaseDocument
from ui.steps import criteria_edits as edits
from ui.widgets.inline_error import InlineError

QUESTION = "Is value for money (from each option's NPV) one of the criteria?"
YES = "Yes: a criterion scored from each option's NPV against the baseline"
NO = "No: the board weighs the money separately, beside the scores"


class MoneyQuestion(QGroupBox):
    """The question and its two answers, kept in step with the case."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(QUESTION, parent)
        self.document = document
        self.yes = QRadioButton(YES, self)
        self.no = QRadioButton(NO, self)
        for button in (self.yes, self.no):
            button.setAccessibleName(button.text())
            # Not a group: unanswered shows neither ticked, Tab reaches each answer and the
            # arrows never answer; the case keeps the two apart (refresh).
            button.setAutoExclusive(False)
        self.yes.clicked.connect(lambda: self.answer(True))
        self.no.clicked.connect(lambda: self.answer(False))
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.PlainText)
        self.status.setWordWrap(True)
        self.error = InlineError(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.yes)       # one above the other: the step never scrolls sideways
        layout.addWidget(self.no)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        self.refresh()

    def derived_names(self) -> list[str]:
        return [c.name for c in self.document.case.criteria if c.derived]

    def answered(self) -> bool | None:
        """True: a criterion; False: weighed separately; None: not answered yet."""
        if self.derived_names():
            return True
        weighting = self.document.case.weighting
        return False if weighting is not None and weighting.money_separately else None

    def refresh(self) -> None:
        answer = self.answered()
        self.yes.setChecked(answer is True)
        self.no.setChecked(answer is False)
        derived = self.derived_names()
        self.no.setEnabled(not derived)
        if derived:
            names = " and ".join(f"'{n}'" for n in derived)
            self.no.setToolTip(f"Untick 'Derived from NPV' on {names} first, to weigh the "
                               "money outside the scores")
            self.status.setText(f"Value for money is a criterion: {names} is scored from each "
                                "option's NPV against the baseline, so the money counts in the "
                                "weighted score by its weight.")
        elif answer is False:
            self.no.setToolTip("")
            self.status.setText("The money is not in the weighted score: the paper says the "
                                "board weighs it separately, beside the scores.")
        else:
            self.no.setToolTip("")
            self.status.setText("Not answered yet: without a value-for-money criterion the "
                                "weighted score leaves the money out, so Before the paper asks.")

    def answer(self, as_criterion: bool) -> list:
        """Give an answer as one undoable edit; the problems if the case's rules refuse it."""
        if as_criterion:
            if self.derived_names():
                self.refresh()
                return []
            problems = self.document.edit("make value for money a criterion",
                                          edits.value_for_money_as_a_criterion)
        else:
            if self.derived_names() or self.answered() is False:
                self.refresh()
                return []
            problems = self.document.edit(
                "weigh the money separately, beside the scores",
                lambda d: edits.set_money_separately(d, True))
        self.error.show_problems(problems)
        self.refresh()
        return problems
