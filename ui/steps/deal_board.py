"""The Deal step's board after the deal (deal-terms.md D2.1): its size, each partner's seats,
independent and resident members and the transition, with the board-seat check beside it.

The check is the appraisal's own (the warnings of Results about this option's board), so the
app, the paper and the workbook say the same thing.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from appraisal.paths import FieldPath
from appraisal.wording import sentence
from ui.document import CaseDocument
from ui.widgets.fields import NumberField, int_field
from ui.widgets.tones import style_warning_label

BOARD_KINDS = ("deal_seats_sum", "deal_board_large")


class SeatsField(NumberField):
    """One partner's seats on the board: an entry of ``board.seats``; 0 removes the entry."""

    def __init__(self, document: CaseDocument, path: tuple, organisation: str, label: str):
        self.organisation = organisation
        super().__init__(document, path, label, integer=True, minimum=0, maximum=100,
                         tooltip=f"Seats held by {label.removeprefix('Seats for ')}'s "
                                 "nominees.")

    def value(self) -> Any:
        seats = int(self.editor.value())
        current = [dict(s) for s in self.document.get(self.path) or []]
        entry = next((s for s in current if s.get("organisation") == self.organisation), None)
        if entry is None and seats:
            current.append({"organisation": self.organisation, "seats": seats})
        elif entry is not None and seats:
            entry["seats"] = seats
        elif entry is not None:
            current.remove(entry)
        return current

    def show_value(self, value: Any) -> None:
        entry = next((s for s in value or [] if s.get("organisation") == self.organisation),
                     None)
        self.editor.setValue(entry["seats"] if entry else 0)


class BoardPanel(QGroupBox):
    """The board of the option at ``options[index]``."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__("Board after the deal", parent)
        self.document = d = document
        self.index = 0
        at = ("options", 0, "governance", "board")
        self.size = int_field(d, (*at, "size"), "Board size", minimum=-1, maximum=100,
                              optional_text="Not set",
                              tooltip="The number of seats on the board after the deal.")
        self.independent = int_field(d, (*at, "independent"), "Independent members",
                                     minimum=0, maximum=100,
                                     tooltip="Seats for members appointed for their skills, "
                                             "not nominated by a partner.")
        self.resident = int_field(d, (*at, "resident"), "Resident members", minimum=0,
                                  maximum=100, tooltip="Seats for tenants, residents or "
                                                       "service users.")
        self.transition = int_field(d, (*at, "transition_years"), "Transition years",
                                    minimum=-1, maximum=50, optional_text="Not set",
                                    tooltip="How long the partners' seats are guaranteed.")
        self.fixed = [self.size, self.independent, self.resident, self.transition]
        self.seats: list[SeatsField] = []
        self.check = QLabel()
        self.check.setTextFormat(Qt.PlainText)
        self.check.setWordWrap(True)
        self.check.setAccessibleName("Board-seat check")
        left = QFormLayout()
        for text, field in (("Board si&ze", self.size), ("Independent mem&bers",
                                                         self.independent),
                            ("Resident &members", self.resident),
                            ("Transition &years", self.transition)):
            left.addRow(text, field)
            left.labelForField(field).setBuddy(field.editor)
        self.partner_form = QFormLayout()
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(self.partner_form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.check)
        document.changed.connect(self._partners_changed)
        document.resultsChanged.connect(self.show_check)
        self._partners_changed()

    def _partners_changed(self) -> None:
        partners = [(o.id, o.name) for o in self.document.case.partners]
        if [(f.organisation, f.label) for f in self.seats] == [
                (pid, f"Seats for {name}") for pid, name in partners]:
            return
        while self.partner_form.rowCount():
            self.partner_form.removeRow(0)
        self.seats = []
        path = ("options", self.index, "governance", "board", "seats")
        for pid, name in partners:
            field = SeatsField(self.document, path, pid, f"Seats for {name}")
            self.partner_form.addRow(f"Seats for {name}", field)
            self.partner_form.labelForField(field).setBuddy(field.editor)
            self.seats.append(field)

    def set_option(self, index: int) -> None:
        self.index = index
        for field in self.fixed + self.seats:
            field.set_path(("options", index, "governance", "board", field.path[-1]))
        self.show_check()

    def check_text(self) -> tuple[str, bool]:
        """What the board-seat check says, and whether it is a warning."""
        option = self.document.case.options[self.index]
        board = option.governance.board if option.governance else None
        if board is None or board.size is None:
            return ("Set the board's size and each partner's seats to check that the seats "
                    "add up.", False)
        names = {o.id: o.name for o in self.document.case.organisations}
        parts = [f"{s.seats} {names.get(s.organisation, s.organisation)}"
                 for s in board.seats] + [f"{board.independent} independent",
                                          f"{board.resident} resident"]
        res = self.document.results
        where = FieldPath.of("options", self.index, "governance", "board")
        found = [sentence(w) for w in (res.warnings if res is not None else [])
                 if w.kind in BOARD_KINDS and w.path == where]
        if found:
            return f"Seats: {', '.join(parts)}. " + " ".join(found), True
        return (f"Seats: {', '.join(parts)}: they add up to the board of {board.size}.", False)

    def show_check(self) -> None:
        text, warn = self.check_text()
        self.check.setText(text)
        if warn:
            style_warning_label(self.check)
        else:
            self.check.setPalette(self.palette())
