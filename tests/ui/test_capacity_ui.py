"""The app's side of V10: each partner's plan and covenants, and the Capacity view in Results."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402

from ui.document import CaseDocument  # noqa: E402
from ui.steps.capacity_view import CapacityView  # noqa: E402
from ui.steps.options import OptionsStep  # noqa: E402
from ui.steps.partners import PartnersStep  # noqa: E402
from ui.steps.results import ResultsStep  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "sample_cases" / "two_housing_associations.json"


@pytest.fixture
def document(qtbot):
    doc = CaseDocument(json.loads(SAMPLE.read_text(encoding="utf-8")), debounce_ms=0)
    doc.recalculate_now()
    yield doc
    doc.wait_for_monte_carlo(20000)


def test_the_plan_shows_the_partners_figures_and_each_field_is_named_as_labelled(qtbot, document):
    step = PartnersStep(document)
    qtbot.addWidget(step)
    plan = step.plan
    assert plan.has_plan.isChecked()
    assert plan.figures["operating_surplus"].editor.value() == 14_000_000
    assert plan.figures["housing_assets_at_cost"].editor.value() == 610_000_000
    assert plan.changes.table.rowCount() == 2                  # years 3 and 6
    for field in plan.figures.values():
        assert field.editor.accessibleName() == field.label
        buddy = next(lb for lb in plan.findChildren(QLabel) if lb.buddy() is field.editor)
        assert buddy.text().replace("&", "") == field.label
    form_labels = {field.label for field in plan.figures.values()}
    assert form_labels == {"Operating surplus", "Depreciation", "Capitalised major repairs",
                           "Interest payable", "Net debt", "Housing assets at cost"}
    assert plan.marginal_rate.editor.accessibleName() == "Interest on new borrowing"
    assert plan.loan_choice.count() == 3 and plan.covenants.table.rowCount() == 2
    step.list.setCurrentRow(1)
    assert plan.figures["operating_surplus"].editor.value() == 9_200_000


def test_a_figure_typed_in_moves_the_test_and_undoes_in_one_step(qtbot, document):
    step = PartnersStep(document)
    qtbot.addWidget(step)
    field = step.plan.figures["operating_surplus"]
    assert field.commit(20_000_000.0) == []
    document.recalculate_now()
    cover = document.results.option("standalone").capacity[0]
    # Wealdmoor year 1: (20.0m + 8.5m − 9.0m − the baseline's own lines) / 9.6m.
    assert cover.values[0] > 2.0
    document.undo_stack.undo()
    assert document.get(("organisations", 0, "finances", "operating_surplus")) == 14_000_000


def test_a_covenant_added_then_switched_to_gearing_keeps_its_limit_under_max(qtbot, document):
    step = PartnersStep(document)
    qtbot.addWidget(step)
    plan = step.plan
    plan.loan_choice.setCurrentIndex(2)                        # Bank C
    plan._show_loan()
    plan.add_cover.click()
    covenants = ("organisations", 0, "loans", 2, "covenants")
    added = document.get(covenants)[-1]
    assert added == {"metric": "interest_cover", "min": 1.1, "basis": "underlying"}
    metric = next(c for c in plan.covenants.columns if c.key == "metric")
    assert plan.covenants.commit(len(document.get(covenants)) - 1, metric, "gearing") == []
    assert document.get(covenants)[-1] == {"metric": "gearing", "max": 1.1,
                                           "basis": "underlying"}


def test_removing_a_plan_that_a_covenant_needs_is_refused_with_the_reason(qtbot, document):
    step = PartnersStep(document)
    qtbot.addWidget(step)
    step.plan._toggle_plan(False)
    assert document.get(("organisations", 0, "finances")) is not None
    assert step.plan.plan_error.showing
    assert "business plan" in step.plan.plan_error.text()
    assert step.plan.has_plan.isChecked()


def test_the_capacity_view_tells_the_board_what_breaks(qtbot, document):
    view = CapacityView(document)
    qtbot.addWidget(view)
    view.refresh()
    assert view.chosen() == "federal_group"                    # the recommendation first
    assert view.table.model().rowCount() == 10
    assert "breaks Wealdmoor Housing Association's golden rule on interest cover in 2029" \
        in view.verdict.text()
    merger = next(i for i in range(view.option.count()) if view.option.itemData(i) == "merger")
    assert "breaks a covenant in 2027" in view.option.itemText(merger)
    view.option.setCurrentIndex(merger)
    view.refresh()
    assert "Full merger breaks Wealdmoor Housing Association's interest cover covenant with " \
           "Bank A in 2027 (year 1) as planned" in view.verdict.text()
    assert "(combined)" in view.table.model().index(0, 0).data()
    assert "by turnover" in view.splits.text()


def test_options_that_break_a_test_are_marked_where_options_are_listed(qtbot, document):
    results = ResultsStep(document)
    options = OptionsStep(document)
    qtbot.addWidget(results)
    qtbot.addWidget(options)
    results.refresh()
    model = results.summary.model()
    header = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    col = header.index("Covenants")
    marks = {model.index(r, 0).data(): model.index(r, col).data()
             for r in range(model.rowCount())}
    assert marks["Full merger"] == "⚠ breaks a covenant in 2027"
    assert marks["Joint procurement consortium"] == "all hold"
    texts = [options.list.item(i).text() for i in range(options.list.count())]
    assert "⚠ breaks a covenant in 2027" in texts[4]
    assert "⚠" not in texts[1]
