"""The Case step's inflation rate and discount schedule, and a line's basis in the Money step
(model-v2.md V2, V3), driven through the real widgets."""
from __future__ import annotations

import pytest

from appraisal import appraise
from ui.widgets.line_kinds import OneOffCostsModel, SavingsModel

CASE = 0


def _type(qtbot, field, text: str) -> None:
    line = field.editor.lineEdit()
    field.editor.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def test_inflation_and_schedule_are_entered_with_help_and_named(qtbot, window):
    step = window.step(CASE)
    window.go_to_step(CASE)
    doc = window.document
    for field, words in ((step.inflation, "Inflation rate"),
                         (step.schedule, "Discount schedule"),
                         (step.discount_rate, "Discount rate (real)")):
        assert field.editor.accessibleName() == words
    _type(qtbot, step.inflation, "3")
    qtbot.waitUntil(lambda: doc.case.settings.inflation_rate == pytest.approx(0.03),
                    timeout=2000)
    # A loan margin is fixed in cash: at 3% a year, its cost in today's prices × 1.03^t is the
    # same each year after year 1 (which also carries fees).
    doc.recalculate_now()
    merger = doc.results.option("merger")
    cash = [cf.loan_repricing * 1.03 ** cf.year for cf in merger.cash_flows[1:3]]
    assert cash[0] > 0 and cash[1] == pytest.approx(cash[0])
    assert merger.npv == pytest.approx(appraise(doc.case, monte_carlo=False).option("merger").npv)

    box = step.schedule.editor
    box.setCurrentIndex(box.findData("declining"))
    box.activated.emit(box.currentIndex())
    qtbot.waitUntil(lambda: doc.case.settings.discount_schedule == "declining", timeout=2000)
    _type(qtbot, step.discount_rate, "4")          # declining needs 3.5%: refused, named
    assert step.discount_rate.error.showing or step.schedule.error.showing
    assert doc.case.settings.discount_rate == 0.035


def test_basis_and_renewal_are_columns_where_they_apply():
    assert "basis" in [c.key for c in SavingsModel.COLUMNS]
    assert "basis" not in [c.key for c in OneOffCostsModel.COLUMNS]
    assert "renew_every" in [c.key for c in OneOffCostsModel.COLUMNS]
