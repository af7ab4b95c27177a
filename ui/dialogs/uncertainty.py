"""Two edits that give a case its uncertainty, each one undo step (model-v2.md V4).

- :class:`CopyLineDialog`: copy a line to other options; a line with a range and its copies share
  one driver, so a saving typed once moves together in the shared services, group and merger.
- :class:`RangesDialog`: give every line without a range a range of −x% / +y% of its base, with
  separate suggestions for savings and costs, written into the lines where they can be seen and
  changed.

The changes themselves are :mod:`appraisal.ranges`; these dialogs only ask and apply.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from appraisal.kinds import KIND, RANGED_KINDS
from appraisal.ranges import COSTS_RANGE, SAVINGS_RANGE, copy_line, give_ranges
from ui.document import CaseDocument
from ui.widgets.fields import explanation_label
from ui.widgets.inline_error import InlineError


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, dialog)
    buttons.button(QDialogButtonBox.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class CopyLineDialog(QDialog):
    """Choose the options a line is copied to."""

    def __init__(self, document: CaseDocument, option: int, kind: str, row: int,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.option, self.kind, self.row = document, option, kind, row
        data = document.data
        line = data["options"][option][kind][row]
        self.label = line.get("label") or f"{KIND[kind].noun} {row + 1}"
        self.setWindowTitle(f"Copy '{self.label}' to other options")
        ranged = kind in RANGED_KINDS and line.get("low") is not None
        layout = QVBoxLayout(self)
        layout.addWidget(explanation_label(
            f"The {KIND[kind].word} '{self.label}' is added, as it stands, to each option "
            "ticked below. "
            + ("It has a range, so it and its copies become one uncertain figure: they move "
               "together in every draw, the tornado and the scenarios."
               if ranged else
               "It has no range, so the copies are the same certain figure; give it a range "
               "first to make them one uncertain figure.")))
        box = QGroupBox("Copy to")
        form = QVBoxLayout(box)
        self.boxes: dict[int, QCheckBox] = {}
        for i, o in enumerate(data["options"]):
            if i == option:
                continue
            check = QCheckBox(o.get("name") or o.get("id", f"Option {i + 1}"), box)
            check.setAccessibleName(check.text())
            check.setChecked(not o.get("baseline", False))
            form.addWidget(check)
            self.boxes[i] = check
        layout.addWidget(box)
        self.error = InlineError(self)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Copy"))

    def targets(self) -> list[int]:
        return [i for i, check in self.boxes.items() if check.isChecked()]

    def accept(self) -> None:
        targets = self.targets()
        if not targets:
            self.error.show_problems([("", "Tick at least one option to copy the line to.")])
            return
        names = ", ".join(self.boxes[i].text() for i in targets)
        problems = self.document.edit(
            f"copy {self.label} to {names}",
            lambda data: copy_line(data, self.option, self.kind, self.row, targets))
        if problems:
            self.error.show_problems(problems)
            return
        super().accept()


def _percent(value: float, label: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.0, 100.0)
    spin.setDecimals(0)
    spin.setSuffix("%")
    spin.setValue(100 * value)
    spin.setAccessibleName(label)
    return spin


class RangesDialog(QDialog):
    """Give every line without a range a range of −x% / +y% of its base."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Give lines a range")
        missing = self.missing()
        layout = QVBoxLayout(self)
        layout.addWidget(explanation_label(
            f"{missing} line{'s' if missing != 1 else ''} in this case "
            f"{'have' if missing != 1 else 'has'} no low and high. Each is given a range below "
            "and above its most likely figure, written into the line, where you can see and "
            "change it. Lines that already have a range keep it. The low and high are the ends "
            "of the estimate, the least and the most the figure could plausibly be."))
        self.fields = {}
        for family, title, (down, up), note in (
                ("savings", "Savings", SAVINGS_RANGE,
                 "Savings more often fall short than exceed the plan."),
                ("costs", "Costs (pension debts and loan margins included)", COSTS_RANGE,
                 "Costs more often overrun than come in under.")):
            box = QGroupBox(title)
            form = QFormLayout(box)
            low = _percent(down, f"{title}: below the most likely figure by")
            high = _percent(up, f"{title}: above the most likely figure by")
            row = QHBoxLayout()
            row.addWidget(QLabel("−", box))
            row.addWidget(low)
            row.addWidget(QLabel("/  +", box))
            row.addWidget(high)
            row.addStretch(1)
            form.addRow(row)
            form.addRow(explanation_label(note))
            layout.addWidget(box)
            self.fields[family] = (low, high)
        self.error = InlineError(self)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Give ranges"))

    def missing(self) -> int:
        """How many lines could take a range and have none."""
        data = self.document.data
        return sum(1 for o in data.get("options", []) for kind in RANGED_KINDS
                   for line in o.get(kind, []) or []
                   if line.get("low") is None and line.get("high") is None)

    def ends(self, family: str) -> tuple[float, float]:
        low, high = self.fields[family]
        return low.value() / 100.0, high.value() / 100.0

    def accept(self) -> None:
        savings, costs = self.ends("savings"), self.ends("costs")
        problems = self.document.edit(
            "give lines without a range a range",
            lambda data: give_ranges(data, savings, costs))
        if problems:
            self.error.show_problems(problems)
            return
        super().accept()
