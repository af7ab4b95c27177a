"""The Partners step's legal form and registers (deal-terms.md D1): every field edits the case
as one undoable step, D1's refusals show under the field, its warnings under the page, and an
organisation with no legal form reads "Not known" (the route never guesses one)."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from ui.steps import STEPS

PARTNERS = next(i for i, s in enumerate(STEPS) if s.title == "Partners")


def _panel(window):
    window.go_to_step(PARTNERS)
    step = window.step(PARTNERS)
    step.pages.setCurrentWidget(step.legal)
    return step, step.legal


def _by_name(widget, kind, name):
    found = [w for w in widget.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def _choose(combo: QComboBox, value) -> None:
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def test_legal_form_not_known_when_absent_and_edited_with_undo(window):
    step, panel = _panel(window)
    form = _by_name(panel, QComboBox, "Legal form")
    assert window.document.case.organisations[0].legal_form is None
    assert form.currentText() == "Not known"
    _choose(form, "charitable_registered_society")
    assert window.document.case.organisations[0].legal_form == "charitable_registered_society"
    assert form.currentText() == "Charitable registered society"
    window.document.undo_stack.undo()
    assert window.document.case.organisations[0].legal_form is None
    assert form.currentText() == "Not known"


def test_registers_regulators_numbers_and_schemes_edit_the_case(window):
    step, panel = _panel(window)
    step.list.setCurrentRow(1)                    # Elm Homes
    org = lambda: window.document.case.organisations[1]  # noqa: E731
    _choose(_by_name(panel, QComboBox, "Charity status"), "registered")
    _by_name(panel, QCheckBox, "Charity Commission (England and Wales)").click()
    _by_name(panel, QCheckBox, "Regulator of Social Housing (England)").click()
    assert org().charity_status == "registered"
    assert org().charity_registers == ["charity_commission"]
    assert org().housing_regulators == ["rsh"]
    numbers = _by_name(panel, QLineEdit, "Registration numbers")
    numbers.setText("FCA: 30512R; RSH: L4590")
    numbers.textEdited.emit(numbers.text())
    assert org().registration_numbers == {"fca": "30512R", "rsh": "L4590"}
    _by_name(panel, QCheckBox, "Social Housing Pension Scheme (SHPS)").click()
    fund = _by_name(panel, QLineEdit, "LGPS fund")
    fund.setText("West Yorkshire")
    fund.textEdited.emit(fund.text())     # naming a fund ticks the LGPS box
    assert org().pension_schemes == ["shps", "lgps:West Yorkshire"]
    assert _by_name(panel, QCheckBox, "Local Government Pension Scheme (LGPS)").isChecked()
    # a malformed number list is refused under the field and changes nothing
    numbers.setText("FCA 30512R")
    numbers.textEdited.emit(numbers.text())
    assert "register: number" in panel.registration_numbers.error.text()
    assert org().registration_numbers == {"fca": "30512R", "rsh": "L4590"}
    # each tick was one undo step: undo the fund, then SHPS
    window.document.undo_stack.undo()
    assert org().pension_schemes == ["shps"]
    window.document.undo_stack.undo()
    assert org().pension_schemes == []
    # the first organisation's page shows its own values again
    step.list.setCurrentRow(0)
    assert not _by_name(panel, QCheckBox, "Regulator of Social Housing (England)").isChecked()


def test_d1_refusals_inline_and_warnings_under_the_page(window):
    step, panel = _panel(window)
    doc = window.document
    _choose(_by_name(panel, QComboBox, "Charity status"), "none")
    assert doc.case.organisations[0].charity_status == "none"
    # a charitable form with charity status "none" is refused, naming the status
    _choose(_by_name(panel, QComboBox, "Legal form"), "charitable_company")
    assert doc.case.organisations[0].legal_form is None
    assert "charity status cannot be 'none'" in panel.legal_form.error.text()
    assert panel.legal_form.error.isVisibleTo(panel)
    # a CIO is England and Wales only: refused for an organisation in Scotland
    _choose(_by_name(panel, QComboBox, "Charity status"), "registered")
    doc.set_value(("organisations", 0, "jurisdiction"), "scotland")
    _choose(_by_name(panel, QComboBox, "Legal form"), "cio")
    assert doc.case.organisations[0].legal_form is None
    assert "principal office in England or Wales" in panel.legal_form.error.text()
    # allowed, but said: an English regulator for a Scottish body
    doc.set_value(("organisations", 0, "jurisdiction"), "england")
    assert panel.housing_regulators.tick("rsh") == []
    doc.set_value(("organisations", 0, "jurisdiction"), "scotland")
    doc.recalculate_now()
    assert panel.warnings.text() == (
        "Check: Oak Housing is registered with the Regulator of Social Housing but is in "
        "Scotland: check the registration (cross-border bodies exist).")
    doc.set_value(("organisations", 0, "jurisdiction"), "england")
    doc.recalculate_now()
    assert panel.warnings.text() == "" and not panel.warnings.isVisibleTo(panel)
