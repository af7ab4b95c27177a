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


def test_route_timeline_is_the_papers_chart_with_the_critical_path(window, qtbot):
    from matplotlib.colors import to_hex

    from appraisal.charts.route import CRITICAL, OTHER

    window.go_to_step(DEAL)
    step = window.step(DEAL)
    doc = window.document
    merger = next(i for i, o in enumerate(doc.case.options) if o.form == "merger")
    step.option.setCurrentIndex(merger)
    step.tabs.setCurrentIndex(3)
    for i in range(2):                         # two English registered providers
        doc.set_value(("organisations", i, "legal_form"), "charitable_registered_society")
        doc.set_value(("organisations", i, "charity_status"), "exempt")
        doc.set_value(("organisations", i, "housing_regulators"), ["rsh"])
        doc.set_value(("organisations", i, "jurisdiction"), "england")
    doc.recalculate_now()
    qtbot.waitUntil(lambda: not step.timeline.pending, timeout=5000)
    fig = step.timeline.figure
    assert fig is not None and step.timeline.accessibleName() == "Route timeline"
    deal = doc.results.option("merger").deal
    shown = [s for s in deal.route.steps if s.applies is True]
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(ax.patches) == len(shown)
    assert "Members' special resolution" in " ".join(labels)
    # the bars on the critical path are vermillion, the others blue, in the order drawn
    ordered = sorted(shown, key=lambda s: (s.start[1], s.finish[1]))
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [CRITICAL.lower() if s.on_critical_path else OTHER.lower()
                       for s in ordered]
    assert any(s.on_critical_path for s in ordered)
    # recording a step as done greys its bar (route_progress)
    first = ordered[0]
    record = {"option": "merger", "step": first.id, "status": "done"}
    if first.organisation:
        record["organisation"] = first.organisation
    assert not step.progress.append(record, "record progress on the route")
    assert step.progress.model.rowCount() == 1        # the merger's progress only
    doc.recalculate_now()
    qtbot.waitUntil(lambda: not step.timeline.pending, timeout=5000)
    assert to_hex(step.timeline.figure.axes[0].patches[0].get_facecolor()) == "#bbbbbb"
    step.option.setCurrentIndex(0)
    assert step.progress.model.rowCount() == 0
    step.option.setCurrentIndex(merger)
    step.progress.table.setCurrentIndex(step.progress.model.index(0, 0))
    step.remove_progress.click()
    assert doc.case.route_progress == []
    doc.undo_stack.undo()
    assert [p.step for p in doc.case.route_progress] == [first.id]
    doc.undo_stack.undo()
    assert doc.case.route_progress == []
