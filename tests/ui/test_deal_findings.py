"""The Deal step's due diligence tab (deal-terms.md D3): the register filtered by option, a
finding linked to a money line (priced into an option, whose NPV moves by the cost's present
value) or to a risk, each an undoable edit of the case."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox

from ui.steps import STEPS

DEAL = next(i for i, s in enumerate(STEPS) if s.title == "Deal")
COL = {"option": 3, "severity": 5}


def _tab(window):
    window.go_to_step(DEAL)
    step = window.step(DEAL)
    step.tabs.setCurrentWidget(step.due_diligence)
    return step, step.due_diligence


def _pick(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _named(tab, name: str) -> QComboBox:
    found = [c for c in tab.findChildren(QComboBox) if c.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def test_filter_findings_by_option(window):
    step, tab = _tab(window)
    doc = window.document
    assert not tab.add_finding() and not tab.add_finding()
    _pick(tab.table.cell_editor(0, COL["option"]), "merger")
    assert [f.option for f in doc.case.due_diligence] == ["merger", None]
    show = _named(tab, "Show findings for")
    assert [show.itemText(k) for k in range(show.count())] == [
        "Every option", "Remain standalone", "Shared back office", "Merger"]
    _pick(show, "shared")                  # the merger's finding is not the shared office's
    assert tab.table.model.rowCount() == 1
    assert tab.table.model.display(0, 0) == "dd-02"
    _pick(show, "merger")                  # its own finding and the joint one
    assert tab.table.model.rowCount() == 2
    # an edit in a filtered view reaches the right finding
    _pick(show, "shared")
    _pick(tab.table.cell_editor(0, COL["severity"]), 5)
    assert [f.severity for f in doc.case.due_diligence] == [3, 5]
    # a finding added while filtered belongs to the option shown
    assert not tab.add_finding()
    assert doc.case.due_diligence[-1].option == "shared"
    assert tab.table.model.rowCount() == 2
    tab.table.table.setCurrentIndex(tab.table.model.index(1, 0))
    assert not tab.table.remove_current("remove a finding")
    assert [f.id for f in doc.case.due_diligence] == ["dd-01", "dd-02"]
    doc.undo_stack.undo()
    assert [f.id for f in doc.case.due_diligence] == ["dd-01", "dd-02", "dd-03"]


def test_pricing_a_finding_puts_its_cost_in_the_appraisal(window):
    step, tab = _tab(window)
    doc = window.document
    tab.add_finding()
    _pick(tab.table.cell_editor(0, COL["option"]), "merger")
    doc.recalculate_now()
    before = doc.results.option("merger").npv_vs_baseline
    assert not tab.price(0, 100_000)
    merger = doc.case.option("merger")
    assert merger.one_off_costs[-1].amount == 100_000
    assert doc.case.due_diligence[0].cost_line.model_dump() == {
        "option": "merger", "ref": "one_off_costs[1]"}
    doc.recalculate_now()
    # £100,000 in year 1, raised 10% for optimism bias, discounted at 3.5%: −£106,280.19
    after = doc.results.option("merger").npv_vs_baseline
    assert after - before == pytest.approx(-110_000 / 1.035, abs=0.01)
    tab.select(0)
    combo = _named(tab, "Cost in the appraisal")
    assert combo.currentText().startswith("Merger: One-off cost: Due diligence dd-01")
    # unlinking keeps the line (it may price other things); undo removes the priced line
    _pick(combo, None)
    assert doc.case.due_diligence[0].cost_line is None
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.case.due_diligence[0].cost_line is None
    assert len(doc.case.option("merger").one_off_costs) == 1
    doc.recalculate_now()
    assert doc.results.option("merger").npv_vs_baseline == pytest.approx(before, abs=1e-6)
    # linking an existing line: the legal costs of the merger
    _pick(_named(tab, "Cost in the appraisal"), "merger|one_off_costs[0]")
    assert doc.case.due_diligence[0].cost_line.ref == "one_off_costs[0]"


def test_link_a_finding_to_a_risk(window):
    step, tab = _tab(window)
    doc = window.document
    tab.add_finding()
    doc.edit("add a risk", lambda d: d.setdefault("risks", []).append(
        {"risk": "Lender refuses consent", "likelihood": 2, "impact": 4}))
    tab.select(0)
    combo = _named(tab, "Risk")
    assert combo.itemText(1) == "Lender refuses consent"
    _pick(combo, "#0")                      # a risk with no reference is given one
    assert doc.case.risks[0].id == "r-01"
    assert doc.case.due_diligence[0].risk == "r-01"
    doc.undo_stack.undo()
    assert doc.case.risks[0].id is None and doc.case.due_diligence[0].risk is None


def test_the_chosen_finding_in_full(window):
    step, tab = _tab(window)
    doc = window.document
    tab.add_finding()
    tab.add_finding()
    assert not tab.detail.isEnabled() or tab.table.current_row() == 1
    tab.select(0)
    assert tab.detail.isEnabled()
    tab.text.editor.setPlainText("Stock survey covers 62% of homes")
    tab.source.editor.setText("Asset report")
    tab.source.editor.textEdited.emit("Asset report")
    first = doc.case.due_diligence[0]
    assert (first.finding, first.source) == ("Stock survey covers 62% of homes",
                                             "Asset report")
    assert doc.case.due_diligence[1].finding == "New finding"
    tab.select(1)
    assert tab.text.editor.toPlainText() == "New finding"
    doc.undo_stack.undo()
    assert doc.case.due_diligence[0].source == ""


def test_price_it_asks_for_the_amount(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    step, tab = _tab(window)
    doc = window.document
    tab.add_finding()
    asked = []

    def answer(*args, **_kw):
        asked.append(args[2])
        return 250_000.0, True

    monkeypatch.setattr(QInputDialog, "getDouble", answer)
    step.option.setCurrentIndex(1)          # a joint finding is priced in the chosen option
    tab.select(0)
    tab.price_button.click()
    assert asked == ["One-off cost in year 1 (£):"]
    shared = doc.case.options[1]
    assert shared.one_off_costs[-1].amount == 250_000
    assert doc.case.due_diligence[0].cost_line.model_dump() == {
        "option": shared.id, "ref": f"one_off_costs[{len(shared.one_off_costs) - 1}]"}
    # Cancel changes nothing
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **k: (0.0, False))
    tab.price_button.click()
    assert len(doc.case.options[1].one_off_costs) == len(shared.one_off_costs)
