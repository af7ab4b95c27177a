"""The Deal step: four tabs for the chosen option, each counting what is still open; the
standard settlement items preloaded; every loan recorded in one go; undo puts it back."""
from __future__ import annotations

from ui.steps import STEPS

DEAL = next(i for i, s in enumerate(STEPS) if s.title == "Deal")


def test_deal_step_preloads_the_settlement_and_counts_open_deal_breakers(window):
    window.go_to_step(DEAL)
    step = window.step(DEAL)
    assert step.option.accessibleName() == "Option"
    merger = next(i for i, o in enumerate(window.document.case.options) if o.form == "merger")
    step.option.setCurrentIndex(merger)
    assert step.tabs.count() == 4
    assert step.tabs.tabText(0) == "&Governance (0 open deal-breakers)"
    assert not step.add_standard_items()
    option = window.document.case.options[merger]
    items = {i.item: i for i in option.governance.items}
    # a merger: name, chief executive, chair, board seats, brands and members' vote are
    # deal-breakers by default; parent's reserved powers is for a group and does not apply
    assert items["parent_reserved_powers"].status == "not_applicable"
    assert step.tabs.tabText(0) == "&Governance (6 open deal-breakers)"
    assert step.governance.model.rowCount() == 14
    window.document.undo_stack.undo()
    assert window.document.case.options[merger].governance is None


def test_deal_step_records_every_loan_and_lists_the_route(window):
    window.go_to_step(DEAL)
    step = window.step(DEAL)
    merger = next(i for i, o in enumerate(window.document.case.options) if o.form == "merger")
    step.option.setCurrentIndex(merger)
    loans = [loan.id for org in window.document.case.organisations for loan in org.loans]
    assert "Not yet recorded" in step.unrecorded.text()
    assert not step.record_every_loan()
    recorded = [c.loan for c in window.document.case.options[merger].lender_consents]
    assert recorded == loans
    assert step.unrecorded.text() == "Every partner's loan is recorded for this option."
    # no legal form recorded: the route's form-dependent steps are not known, never guessed
    assert step.route.rowCount() > 0
    assert "cannot be decided" in step.route_summary.text()
