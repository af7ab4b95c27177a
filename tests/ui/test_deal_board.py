"""The Deal step's governance tab: the board after the deal is edited per option (size, each
partner's seats, independent and resident members) with the board-seat check of deal-terms.md
D2.1 shown beside it in the appraisal's own words; undo puts the case back."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox

from ui.steps import STEPS

DEAL = next(i for i, s in enumerate(STEPS) if s.title == "Deal")


def _spin(widget, name: str) -> QAbstractSpinBox:
    found = [w for w in widget.findChildren(QAbstractSpinBox) if w.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def test_board_seats_per_option_with_the_seat_check(window):
    window.go_to_step(DEAL)
    step = window.step(DEAL)
    doc = window.document
    merger = next(i for i, o in enumerate(doc.case.options) if o.form == "merger")
    step.option.setCurrentIndex(merger)
    panel = step.board
    assert panel.check.text().startswith("Set the board's size")
    _spin(panel, "Board size").setValue(10)
    _spin(panel, "Seats for Oak Housing").setValue(5)
    _spin(panel, "Seats for Elm Homes").setValue(3)
    _spin(panel, "Independent members").setValue(1)
    doc.recalculate_now()
    board = doc.case.options[merger].governance.board
    assert (board.size, board.independent, board.resident) == (10, 1, 0)
    assert [(s.organisation, s.seats) for s in board.seats] == [("oak", 5), ("elm", 3)]
    assert panel.check.text() == (
        "Seats: 5 Oak Housing, 3 Elm Homes, 1 independent, 0 resident. The board seats add up "
        "to 9 (partners' seats, independent and resident members) but the board's size is 10.")
    _spin(panel, "Resident members").setValue(1)
    doc.recalculate_now()
    assert panel.check.text() == ("Seats: 5 Oak Housing, 3 Elm Homes, 1 independent, "
                                  "1 resident: they add up to the board of 10.")
    # another option has its own board
    step.option.setCurrentIndex(0)
    assert _spin(panel, "Board size").value() == _spin(panel, "Board size").minimum()
    assert doc.case.options[0].governance is None
    step.option.setCurrentIndex(merger)
    assert _spin(panel, "Seats for Oak Housing").value() == 5
    # each entry is one undo step
    doc.undo_stack.undo()
    assert doc.case.options[merger].governance.board.resident == 0
    for _ in range(4):
        doc.undo_stack.undo()
    assert doc.case.options[merger].governance is None
    assert _spin(panel, "Seats for Oak Housing").value() == 0
