"""The app's side of the 2026 rules (model-v2.md V6–V8): cost sharing groups on Partners, a
shared service's supplier and the exemption refused inline, the breakage-gain tick box, what 0
and 10 mean on each criterion, value for money's money anchors and the 0-to-10 swing dialog."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ui.dialogs.weighting import SwingDialog
from ui.document import CaseDocument
from ui.steps.partners import PartnersStep
from ui.widgets.line_kinds import LoanRepricingModel, SharedServicesModel

SMALL = Path(__file__).resolve().parents[1] / "data" / "small-case.json"


@pytest.fixture
def data():
    return json.loads(SMALL.read_text(encoding="utf-8"))


@pytest.fixture
def document(qtbot, data):
    doc = CaseDocument(copy.deepcopy(data), debounce_ms=0)
    doc.recalculate_now()
    yield doc
    doc.wait_for_monte_carlo(30000)


def _shared(document) -> SharedServicesModel:
    model = SharedServicesModel(document)
    model.set_option(1)                   # "shared": Finance from Oak, to Elm
    return model


# --- Partners -----------------------------------------------------------------------------------
def test_partners_add_a_cost_sharing_group_with_its_members_ticked(qtbot, document):
    step = PartnersStep(document)
    qtbot.addWidget(step)
    assert step.add_cost_sharing_group() == []
    group = document.case.organisations[-1]
    assert group.is_cost_sharing_group and group.members == ["oak", "elm"]
    assert [(b.text(), b.isChecked()) for b in step.member_boxes] == [
        ("Oak Housing", True), ("Elm Homes", True)]
    assert all(b.accessibleName() == b.text() for b in step.member_boxes)
    assert not step.members.isHidden() and step.loans_box.isHidden()
    # One member is not a group: refused inline, with the reason.
    problems = step.set_member("elm", False)
    assert problems and "at least two different members" in step.members_error.text()
    assert document.case.organisations[-1].members == ["oak", "elm"]
    assert step.member_boxes[1].isChecked()


# --- Money: the supplier and the exemption ------------------------------------------------------
def test_exemption_with_a_partner_as_supplier_is_refused_in_one_sentence(qtbot, document):
    model = _shared(document)
    assert model.setData(model.index(0, model.COL_SUPPLIER), "oak", Qt.EditRole)
    assert document.case.options[1].shared_services[0].supplier == "oak"
    model.refresh()
    assert model.index(0, model.COL_SUPPLIER).data() == "Oak Housing"
    cell = model.index(0, model.COL_VAT_TREATMENT)
    assert not model.setData(cell, "cost_sharing_exemption", Qt.EditRole)
    reason = cell.data(Qt.ToolTipRole)
    assert "Supplier: the cost sharing exemption is only for services a cost sharing group " \
           "supplies to its own members, and Oak Housing is not such a group" in reason
    assert reason.count(". ") == 0                     # one sentence
    assert document.case.options[1].shared_services[0].vat_treatment == "standard_rated"


def test_exemption_from_a_group_the_recipient_belongs_to_is_accepted(qtbot, document):
    PartnersStep(document).add_cost_sharing_group()
    model = _shared(document)
    group = document.case.organisations[-1].id
    assert ("Not named" in dict(model.choices(model.COL_SUPPLIER)).values())
    assert model.setData(model.index(0, model.COL_SUPPLIER), group, Qt.EditRole)
    assert model.setData(model.index(0, model.COL_VAT_TREATMENT), "cost_sharing_exemption",
                         Qt.EditRole)
    document.recalculate_now()
    shared = document.results.option("shared")
    assert all(cf.irrecoverable_vat == 0 for cf in shared.cash_flows)


def test_breakage_gain_tick_box_clears_the_warning(qtbot, document):
    document.edit("make the breakage a gain", lambda d: d["options"][2]["loan_repricing"][0]
                  .update(breakage_cost=-50000))
    document.recalculate_now()
    model = LoanRepricingModel(document)
    model.set_option(2)
    cell = model.index(0, model.COL_BREAKAGE_GAIN_CONFIRMED)
    assert model.flags(cell) & Qt.ItemIsUserCheckable
    assert cell.data(Qt.CheckStateRole) == Qt.Unchecked
    path = "options[2].loan_repricing[0].breakage_cost"
    assert path in {str(w.path) for w in document.results.warnings}
    assert model.setData(cell, Qt.Checked, Qt.CheckStateRole)
    assert document.case.options[2].loan_repricing[0].breakage_gain_confirmed is True
    document.recalculate_now()
    assert path not in {str(w.path) for w in document.results.warnings}


def test_a_lines_warning_shows_as_an_icon_on_its_own_cell(qtbot, document):
    document.edit("warn", lambda d: (
        d["options"][2]["loan_repricing"][0].update(breakage_cost=-50000),
        d["options"][1]["shared_services"].append(
            {"label": "Payroll", "recipient": "oak", "annual_value": 1000})))
    document.recalculate_now()
    shared = _shared(document)
    cols = {c.key: k for k, c in enumerate(shared.COLUMNS)}

    def icon(model, row, key):
        return model.index(row, cols[key]).data(Qt.DecorationRole) is not None

    # the new line names no supplier: the icon is on its Supplier cell, and says so
    assert icon(shared, 1, "supplier") and not icon(shared, 1, "annual_value")
    assert shared.index(1, cols["supplier"]).data(Qt.ToolTipRole).startswith(
        "No supplier is named for 'Payroll'")
    assert not icon(shared, 1, "label") and not icon(shared, 1, "recipient")
    loans = LoanRepricingModel(document)
    loans.set_option(2)
    cols = {c.key: k for k, c in enumerate(loans.COLUMNS)}
    assert icon(loans, 0, "breakage_cost") and icon(loans, 0, "breakage_gain_confirmed")
    assert not icon(loans, 0, "label")
    tip = loans.index(0, cols["breakage_cost"]).data(Qt.ToolTipRole)
    assert "confirm the agreement pays the borrower" in tip


# --- Criteria, scores, swing --------------------------------------------------------------------
def test_swing_dialog_asks_about_0_to_10_shows_scores_and_flags_contradictions(qtbot, document):
    document.edit("anchors", lambda d: d["criteria"][0].update(
        scale={"0": "Run by the other board", "10": "Our board decides, as now"}))
    document.recalculate_now()
    dialog = SwingDialog(document)
    qtbot.addWidget(dialog)
    assert dialog.order[0] == "autonomy"
    cell = lambda row, col: dialog.model.index(row, col).data()  # noqa: E731
    assert cell(0, dialog.model.COL_ZERO) == "Run by the other board"
    assert cell(0, dialog.model.COL_TEN) == "Our board decides, as now"
    # The swing in the options: the worst and the best option on autonomy, with their scores;
    # every option's score in the tooltip, in the case's order.
    assert cell(0, dialog.model.COL_SPAN) == "from Merger (3) to Remain standalone (10)"
    assert dialog.model.index(0, dialog.model.COL_SPAN).data(Qt.ToolTipRole) == (
        "Remain standalone: 10; Shared back office: 8; Merger: 3")
    # Rating the third-ranked criterion above the second contradicts the order.
    second, third = dialog.order[1], dialog.order[2]
    assert dialog.type_rating(second, "40")
    assert dialog.type_rating(third, "60")
    assert dialog.contradictions() == [(third, second)]
    name_cell = dialog.model.index(2, dialog.model.COL_NAME)
    assert name_cell.data(Qt.ToolTipRole) == "Rated above a criterion you put higher"
    assert name_cell.data(Qt.BackgroundRole) is not None
    assert not dialog.note.isHidden()
    assert f"{dialog.names[third]} is rated above {dialog.names[second]}" in dialog.note.text()
    assert dialog.type_rating(third, "30")
    assert dialog.contradictions() == [] and dialog.note.isHidden()
    assert name_cell.data(Qt.BackgroundRole) is None


def test_criteria_step_writes_what_0_and_10_mean_and_suggests_money_anchors(qtbot, document):
    from ui.steps.criteria import CriteriaModel, CriteriaStep

    step = CriteriaStep(document)
    qtbot.addWidget(step)
    model = step.model
    assert model.setData(model.index(0, CriteriaModel.COL_ZERO), "Run by the other board",
                         Qt.EditRole)
    assert model.setData(model.index(0, CriteriaModel.COL_TEN), "Our board decides, as now",
                         Qt.EditRole)
    assert document.case.criteria[0].scale == {"0": "Run by the other board",
                                               "10": "Our board decides, as now"}
    document.edit("add value for money", lambda d: d["criteria"].append(
        {"id": "vfm", "name": "Value for money", "weight": 10.0, "source": "npv_vs_baseline"}))
    document.recalculate_now()
    step.refresh()
    assert not step.anchor_button.isHidden() and "Suggested" in step.anchor_label.text()
    assert step.accept_suggested_anchors() == []
    vs = [o.npv_vs_baseline for o in document.results.options]
    anchors = document.case.criteria[-1].scale_money
    assert anchors[0] == 0.0 and anchors[1] >= max(vs)


def test_value_for_moneys_money_anchors_can_be_typed_in_the_criteria_table(qtbot, document):
    from appraisal.scales import suggested_money_anchors
    from ui.steps.criteria import CriteriaModel, CriteriaStep
    from ui.widgets.columns import number_text

    document.edit("add value for money", lambda d: d["criteria"].append(
        {"id": "vfm", "name": "Value for money", "weight": 10.0, "source": "npv_vs_baseline"}))
    document.recalculate_now()
    step = CriteriaStep(document)
    qtbot.addWidget(step)
    step.refresh()
    model, row = step.model, len(document.case.criteria) - 1
    ten = model.index(row, CriteriaModel.COL_TEN)
    suggested = suggested_money_anchors([o.npv_vs_baseline for o in document.results.options])
    assert ten.data(Qt.EditRole) == number_text(suggested[1])      # the suggestion, to edit
    # The board types 10 at £2.5m: 0 starts at the suggestion until it is typed too.
    assert model.setData(ten, "£2.5m", Qt.EditRole)
    assert document.case.criteria[row].scale_money == [suggested[0], 2_500_000.0]
    assert model.setData(model.index(row, CriteriaModel.COL_ZERO), "-100,000", Qt.EditRole)
    assert document.case.criteria[row].scale_money == [-100_000.0, 2_500_000.0]
    assert model.index(row, CriteriaModel.COL_ZERO).data(Qt.EditRole) == "-100000"
    # Words are refused inline, naming what the cell holds; the anchors are unchanged.
    assert not model.setData(ten, "a lot", Qt.EditRole)
    assert "amounts of NPV against the baseline" in model.error(row, CriteriaModel.COL_TEN)
    assert document.case.criteria[row].scale_money == [-100_000.0, 2_500_000.0]


def test_scores_step_shows_the_selected_criterions_anchors(qtbot, document):
    from ui.steps.scores import ScoresStep

    document.edit("anchors", lambda d: d["criteria"][0].update(
        scale={"0": "Run by the other board", "10": "Our board decides, as now"}))
    step = ScoresStep(document)
    qtbot.addWidget(step)
    step.table.setCurrentIndex(step.model.index(0, 0))
    step.refresh()
    assert step.scale_label.text() == ("On Autonomy, a score of 0 means: Run by the other "
                                       "board. A score of 10 means: Our board decides, as now.")
    assert "0: Run by the other board" in step.model.headerData(0, Qt.Horizontal,
                                                                 Qt.ToolTipRole)
