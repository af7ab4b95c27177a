"""The Partners step's "Legal form and registers" page (deal-terms.md D1).

One organisation's legal form, charity status and registers, housing regulators, registration
numbers and pension schemes. The legal route (the Deal step) is generated from these: a legal
form left as "Not known" makes every step that depends on it "not known", never a guess. A
combination the law does not allow (a CIO outside England and Wales, a charitable form that is
not a charity…) is refused under the field that was changed; one that is allowed but worth a
second look (a regulator outside its own country, a housing association with no regulator) is
said in the warnings under the page, in the same words as the board paper.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from appraisal.deal.words import LEGAL_FORMS, REGISTERS, REGULATORS
from appraisal.paths import FieldPath
from appraisal.wording import sentence
from ui.document import CaseDocument
from ui.widgets.editors import guard
from ui.widgets.fields import _SESSIONS, BoundField, ChoiceField, explanation_label
from ui.widgets.tones import style_warning_label

NOT_KNOWN = "Not known"
LEGAL_FORM_CHOICES = [(NOT_KNOWN, None)] + [
    (text[:1].upper() + text[1:], value) for value, text in LEGAL_FORMS.items()
    if value is not None]
CHARITY_STATUS_CHOICES = [("Not stated", None), ("Registered charity", "registered"),
                          ("Exempt charity", "exempt"), ("Excepted charity", "excepted"),
                          ("Not a charity", "none")]
REGISTER_CHOICES = [("Charity Commission (England and Wales)", "charity_commission"),
                    ("OSCR (Scotland)", "oscr"), (REGISTERS["ccni"], "ccni")]
REGULATOR_CHOICES = [(f"{REGULATORS['rsh']} (England)", "rsh"),
                     (f"{REGULATORS['welsh_government']} (Wales)", "welsh_government"),
                     (f"{REGULATORS['shr']}", "shr"), (REGULATORS["dfc"], "dfc")]
SCHEME_CHOICES = [("Social Housing Pension Scheme (SHPS)", "shps"),
                  ("Local Government Pension Scheme (LGPS)", "lgps"),
                  ("Another defined benefit scheme", "other_db"),
                  ("Defined contribution only", "dc_only")]
NUMBERS_HELP = ("Each register and its number, separated by semicolons, e.g. "
                "\"FCA: 7481; RSH: L4127\". Printed in the paper as given, never checked.")


class TickList(BoundField):
    """A list of values from ``choices`` = [(shown text, value)], one tick box each; each tick
    box's accessible name is its text. The list keeps the order of the choices."""

    def __init__(self, document: CaseDocument, path: tuple, label: str,
                 choices: Sequence[tuple[str, str]], *, explanation: str = "",
                 tooltip: str = "", parent: QWidget | None = None):
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for text, value in choices:
            tick = QCheckBox(text)
            tick.setAccessibleName(text)
            guard(tick)
            layout.addWidget(tick)
            self.boxes[value] = tick
        self._extra: list[str] = []      # values this version does not offer: kept as they are
        super().__init__(document, path, label, box, explanation, tooltip, parent)
        box.setAccessibleName(label)
        for tick in self.boxes.values():
            tick.toggled.connect(self._ticked)

    def _ticked(self, *_args) -> None:
        self._session = next(_SESSIONS)     # each click is its own undo step
        self._changed()

    def value(self) -> Any:
        return [v for v, tick in self.boxes.items() if tick.isChecked()] + self._extra

    def show_value(self, value: Any) -> None:
        values = list(value or [])
        self._extra = [v for v in values if v not in self.boxes]
        for v, tick in self.boxes.items():
            tick.blockSignals(True)
            tick.setChecked(v in values)
            tick.blockSignals(False)

    def tick(self, value: str, on: bool = True) -> list:
        """Tick or untick one choice, as a click does; the problems if it is refused."""
        self.boxes[value].blockSignals(True)
        self.boxes[value].setChecked(on)
        self.boxes[value].blockSignals(False)
        self._session = next(_SESSIONS)
        return self.commit(self.value())


class SchemeList(TickList):
    """Pension schemes: the LGPS tick box has a fund name beside it ("lgps:West Yorkshire")."""

    def __init__(self, document: CaseDocument, path: tuple, label: str, **kw):
        self.fund = QLineEdit()
        self.fund.setPlaceholderText("Fund, if known")
        self.fund.setAccessibleName("LGPS fund")
        self.fund.setClearButtonEnabled(True)
        super().__init__(document, path, label, SCHEME_CHOICES, **kw)
        lgps = self.boxes["lgps"]
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        holder = self.editor.layout()
        index = holder.indexOf(lgps)
        holder.removeWidget(lgps)
        row.addWidget(lgps)
        row.addWidget(self.fund, 1)
        holder.insertLayout(index, row)
        self._typing = False
        self.fund.textEdited.connect(self._fund_edited)

    def _ticked(self, *_args) -> None:
        self._typing = False
        super()._ticked()

    def _fund_edited(self, _text: str) -> None:
        if not self._typing:                # a run of keystrokes in the fund is one undo step
            self._session = next(_SESSIONS)
            self._typing = True
        if self.fund.text().strip() and not self.boxes["lgps"].isChecked():
            self.boxes["lgps"].blockSignals(True)
            self.boxes["lgps"].setChecked(True)
            self.boxes["lgps"].blockSignals(False)
        self._changed()

    def value(self) -> Any:
        out = []
        for v, tick in self.boxes.items():
            if tick.isChecked():
                fund = self.fund.text().strip()
                out.append(f"lgps:{fund}" if v == "lgps" and fund else v)
        return out + self._extra

    def show_value(self, value: Any) -> None:
        values = list(value or [])
        lgps = next((v for v in values if v == "lgps" or v.startswith("lgps:")), None)
        super().show_value(["lgps" if v == lgps else v for v in values])
        if not self.fund.hasFocus():
            self.fund.setText(lgps.partition(":")[2] if lgps else "")


def numbers_text(numbers: dict) -> str:
    """'FCA: 7481; RSH: L4127' from {"fca": "7481", "rsh": "L4127"}."""
    return "; ".join(f"{register_name(k)}: {v}" for k, v in numbers.items())


def register_name(key: str) -> str:
    words = key.replace("_", " ")
    return words.upper() if len(words) <= 4 else words[:1].upper() + words[1:]


def parse_numbers(text: str) -> dict:
    """The map of register to number from 'FCA: 7481; RSH: L4127' (keys as in the case file:
    lower case, spaces as underscores). An entry without a colon is refused, by its place."""
    out: dict[str, str] = {}
    for k, part in enumerate(p for p in text.split(";") if p.strip()):
        name, colon, number = part.partition(":")
        if not colon or not name.strip() or not number.strip():
            raise ValueError(f"write each entry as register: number (entry {k + 1} is "
                             f"\"{part.strip()}\")")
        out["_".join(name.strip().lower().split())] = number.strip()
    return out


class NumbersField(BoundField):
    """Registration numbers as one line of text."""

    def __init__(self, document: CaseDocument, path: tuple, label: str, **kw):
        edit = QLineEdit()
        edit.setPlaceholderText("FCA: 7481; RSH: L4127")
        edit.setClearButtonEnabled(True)
        super().__init__(document, path, label, edit, **kw)
        edit.textEdited.connect(self._changed)

    def value(self) -> Any:
        return parse_numbers(self.editor.text())

    def show_value(self, value: Any) -> None:
        if self.editor.hasFocus():
            try:
                if parse_numbers(self.editor.text()) == (value or {}):
                    return
            except ValueError:
                pass
        self.editor.setText(numbers_text(value or {}))


class LegalFormPanel(QWidget):
    """The D1 fields of the organisation at ``row``, and the warnings about them."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = d = document
        self.row = 0
        at = ("organisations", 0)
        self.legal_form = ChoiceField(
            d, (*at, "legal_form"), "Legal form", LEGAL_FORM_CHOICES,
            explanation="Decides the legal route of each option. Leave it as Not known "
                        "rather than guess: the route then says which steps cannot be decided.",
            tooltip="The organisation's legal form, as in its rules or articles.")
        self.charity_status = ChoiceField(
            d, (*at, "charity_status"), "Charity status", CHARITY_STATUS_CHOICES,
            tooltip="Registered with a charity regulator, exempt (for example a charitable "
                    "registered society in England), excepted, or not a charity.")
        self.charity_registers = TickList(
            d, (*at, "charity_registers"), "Charity registers", REGISTER_CHOICES,
            tooltip="Every charity register it is on; a cross-border charity may be on more "
                    "than one.")
        self.housing_regulators = TickList(
            d, (*at, "housing_regulators"), "Housing regulators", REGULATOR_CHOICES,
            explanation="None ticked: not a registered provider or social landlord.",
            tooltip="The regulators it is registered with as a social landlord.")
        self.registration_numbers = NumbersField(
            d, (*at, "registration_numbers"), "Registration numbers", explanation=NUMBERS_HELP)
        self.pension_schemes = SchemeList(
            d, (*at, "pension_schemes"), "Pension schemes",
            explanation="Used for the pension steps of the route (SHPS with TPT, LGPS "
                        "admission); the costs themselves are money lines of an option.")
        self.fields: list[BoundField] = [
            self.legal_form, self.charity_status, self.charity_registers,
            self.housing_regulators, self.registration_numbers, self.pension_schemes]
        box = QGroupBox("Legal form and registers")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for text, field in (("L&egal form", self.legal_form),
                            ("&Charity status", self.charity_status),
                            ("Charity reg&isters", self.charity_registers),
                            ("Ho&using regulators", self.housing_regulators),
                            ("Registration num&bers", self.registration_numbers),
                            ("Pension sche&mes", self.pension_schemes)):
            form.addRow(text, field)
            label = form.labelForField(field)
            label.setBuddy(field.editor if not isinstance(field, TickList)
                           else next(iter(field.boxes.values())))
            if isinstance(field, TickList):
                label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.warnings = QLabel()
        self.warnings.setTextFormat(Qt.PlainText)
        self.warnings.setAccessibleName("Warnings about the legal form")
        style_warning_label(self.warnings)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.warnings)
        layout.addWidget(explanation_label(
            "Not legal advice: confirm each partner's legal form and registrations from its "
            "own rules and the registers themselves."))
        layout.addStretch(1)
        document.resultsChanged.connect(self.show_warnings)
        self.show_warnings()

    def set_organisation(self, row: int) -> None:
        self.row = row
        for field in self.fields:
            field.set_path(("organisations", row, field.path[-1]))
        self.show_warnings()

    def warning_lines(self) -> list[str]:
        """The warnings about this organisation's legal form and registers, as sentences."""
        res = self.document.results
        if res is None:
            return []
        mine = FieldPath.of("organisations", self.row)
        return [sentence(w) for w in res.warnings
                if w.path.startswith(mine) and w.kind.startswith("deal_")]

    def show_warnings(self) -> None:
        lines = self.warning_lines()
        self.warnings.setText("\n".join(f"Check: {line}" for line in lines))
        self.warnings.setVisible(bool(lines))
