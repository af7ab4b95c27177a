"""The analysis steps (Money, Criteria and weights, Scores, Results, Sensitivity) driven offscreen.

Each test opens the worked example in a CaseDocument, wraps a step around it, edits through the
step's own model or widgets and checks the figures on screen against the engine's figures for
the equivalently edited case (``appraise(parse_data(...))``). Monte Carlo is skipped in the
document (``monte_carlo=False`` results are what the steps redraw from first) to keep it fast.
"""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import copy  # noqa: E402
import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402

from appraisal import appraise, parse_data  # noqa: E402
from appraisal.formatting import money, money_k  # noqa: E402
from ui.dialogs.weighting import AhpDialog, SwingDialog  # noqa: E402
from ui.document import CaseDocument  # noqa: E402
from ui.steps import criteria_edits  # noqa: E402
from ui.steps.criteria import CriteriaModel, CriteriaStep  # noqa: E402
from ui.steps.money import MoneyStep  # noqa: E402
from ui.steps.results import ResultsStep  # noqa: E402
from ui.steps.scores import ScoresStep  # noqa: E402
from ui.steps.sensitivity import SensitivityStep  # noqa: E402
from ui.widgets.columns import parse_ramp  # noqa: E402
from ui.widgets.numbers import parse_number  # noqa: E402
from ui.widgets.line_kinds import RedundanciesModel, SavingsModel  # noqa: E402

SMALL = Path(__file__).resolve().parents[1] / "data" / "small-case.json"


@pytest.fixture
def data():
    return json.loads(SMALL.read_text(encoding="utf-8"))


@pytest.fixture
def document(qtbot, data):
    doc = CaseDocument(copy.deepcopy(data), debounce_ms=0)
    yield doc
    doc.wait_for_monte_carlo(30000)


def settle(qtbot, doc):
    """Let the debounced recalculation run, then let Qt deliver the signals."""
    doc.recalculate_now()
    qtbot.wait(1)


def engine(data: dict, monte_carlo: bool = False):
    return appraise(parse_data(data), monte_carlo=monte_carlo)


# --- Money ------------------------------------------------------------------------------------
def test_money_edit_through_model_matches_engine_and_undoes(qtbot, document, data):
    step = MoneyStep(document)
    qtbot.addWidget(step)
    step.select_option("shared")
    model = step.line_tabs["savings"].model
    before = step.npv_label.text()
    assert before == money(engine(data).option("shared").npv)

    cell = model.index(0, SavingsModel.COL_ANNUAL)
    assert model.setData(cell, "£110,000", Qt.EditRole)
    settle(qtbot, document)
    changed = copy.deepcopy(data)
    changed["options"][1]["savings"][0]["annual"] = 110000.0
    expected = engine(changed).option("shared")
    assert document.results.option("shared").npv == pytest.approx(expected.npv, abs=1e-6)
    assert step.npv_label.text() == money(expected.npv)
    assert step.npv_vs_baseline_label.text() == money(expected.npv_vs_baseline)
    assert step.totals["savings"].text() == money(expected.column_total("savings"))
    assert document.undo_stack.undoText() == "change annual saving of Finance team"

    document.undo_stack.undo()
    settle(qtbot, document)
    assert step.npv_label.text() == before
    assert model.index(0, SavingsModel.COL_ANNUAL).data() == "£100,000"


def test_money_refuses_invalid_values_inline(qtbot, document):
    step = MoneyStep(document)
    qtbot.addWidget(step)
    step.select_option("shared")
    tab = step.line_tabs["savings"]
    model = tab.model
    depth = document.undo_stack.count()

    assert not model.setData(model.index(0, SavingsModel.COL_ANNUAL), "-5", Qt.EditRole)
    message = model.index(0, SavingsModel.COL_ANNUAL).data(Qt.ToolTipRole)
    assert "Annual saving" in message and ">= 0" in message
    assert tab.errors.showing and "Annual saving" in tab.errors.text()

    assert not model.setData(model.index(0, SavingsModel.COL_LOW), "200000", Qt.EditRole)
    low_message = model.index(0, SavingsModel.COL_LOW).data(Qt.ToolTipRole)
    assert "Low" in low_message and "above the base" in low_message
    assert document.undo_stack.count() == depth          # nothing applied
    assert document.get(("options", 1, "savings", 0, "annual")) == 100000

    assert model.setData(model.index(0, SavingsModel.COL_ANNUAL), "90000", Qt.EditRole)
    assert not model.index(0, SavingsModel.COL_ANNUAL).data(Qt.ToolTipRole).startswith("Row")


def test_redundancy_row_shows_statutory_weeks_and_pay(qtbot, document):
    step = MoneyStep(document)
    qtbot.addWidget(step)
    step.select_option("merger")
    model = step.line_tabs["redundancies"].model
    row = 0
    assert model.index(row, RedundanciesModel.COL_WEEKS).data() == "14"
    assert model.index(row, RedundanciesModel.COL_PAY_FOR_WEEKS).data() == "£719"
    assert model.index(row, RedundanciesModel.COL_REDUNDANCY_PAY).data() == "£10,066"
    # As you type: a year more service at 45 adds 1.5 weeks (model.md §2).
    assert model.setData(model.index(row, RedundanciesModel.COL_YEARS_SERVICE), "13",
                         Qt.EditRole)
    settle(qtbot, document)
    assert model.index(row, RedundanciesModel.COL_WEEKS).data() == "15"
    result = document.results.option("merger").redundancies[0]
    assert model.index(row, RedundanciesModel.COL_TOTAL).data() == money(result.total)


def test_add_line_is_valid_and_one_undo_step(qtbot, document):
    step = MoneyStep(document)
    qtbot.addWidget(step)
    step.select_option("shared")
    tab = step.line_tabs["one_off_costs"]
    assert tab.add_line() == []
    assert document.undo_stack.undoText() == "add one-off cost to Shared back office"
    assert tab.model.rowCount() == 2
    document.undo_stack.undo()
    assert tab.model.rowCount() == 1


def test_cells_parse_what_people_type():
    assert parse_number("£1,250") == 1250.0 and parse_number("50k") == 50000.0
    assert parse_ramp("50%, 100%") == [0.5, 1.0]
    with pytest.raises(ValueError):
        parse_number("lots")


# --- Criteria and weights ---------------------------------------------------------------------
def test_criteria_add_and_remove_keep_the_case_valid(qtbot, document):
    step = CriteriaStep(document)
    qtbot.addWidget(step)
    flex = next(c for c in criteria_edits.STANDARD_CRITERIA if c["id"] == "flexibility")
    assert step.add_criterion(flex) == []
    assert all("flexibility" not in o.scores for o in document.case.options)   # not scored yet
    assert step.add_criterion(next(c for c in criteria_edits.STANDARD_CRITERIA
                                   if c["id"] == "value_for_money")) == []
    settle(qtbot, document)
    share = step.model.index(3, CriteriaModel.COL_SHARE).data()
    assert share == f"{100 * document.results.weights['flexibility']:.1f}%"
    step.table.selectRow(0)
    assert step.remove_selected() == []
    assert all("autonomy" not in o.scores for o in document.case.options)
    document.undo_stack.undo()
    assert document.case.options[1].scores["autonomy"] == 8


def test_ahp_dialog_textbook_matrix_one_undo_step(qtbot, document):
    dialog = AhpDialog(document)
    qtbot.addWidget(dialog)
    assert dialog.type_judgement(0, 1, "3")
    assert dialog.type_judgement(0, 2, "5")
    assert dialog.type_judgement(1, 2, "3")
    weights, _ci, cr = dialog.computed()
    # Saaty's textbook matrix [[1,3,5],[1/3,1,3],[1/5,1/3,1]]: w ≈ .637/.258/.105, CR ≈ .033.
    assert weights == pytest.approx([0.6370, 0.2583, 0.1047], abs=5e-4)
    assert cr == pytest.approx(0.0332, abs=5e-4)
    assert "0.03" in dialog.cr_label.text() and "acceptable" in dialog.cr_label.text()
    assert dialog.weights_model.index(0, 1).data() == "63.7%"
    depth = document.undo_stack.count()
    dialog.accept()
    assert document.undo_stack.count() == depth + 1
    assert document.case.weighting.method == "ahp"
    assert sum(c.weight for c in document.case.criteria) == pytest.approx(100.0)
    assert document.case.criteria[0].weight == pytest.approx(100 * weights[0])
    document.undo_stack.undo()
    assert document.case.weighting is None and document.case.criteria[0].weight == 40


def test_ahp_dialog_flags_inconsistency(qtbot, document):
    dialog = AhpDialog(document)
    qtbot.addWidget(dialog)
    dialog.set_judgement(0, 1, 9)
    dialog.set_judgement(1, 2, 9)
    dialog.set_judgement(0, 2, 1 / 9)
    assert dialog.computed()[2] > 0.10
    assert "above 0.10" in dialog.cr_label.text()


def test_swing_dialog_writes_weights_and_record(qtbot, document):
    dialog = SwingDialog(document)
    qtbot.addWidget(dialog)
    assert dialog.order[0] == "autonomy"
    assert dialog.type_rating("user_voice", "50")
    assert dialog.type_rating("scale_capacity", "50")
    dialog.accept()
    # The ratings given are the weight points; the engine's shares are ratings over their total.
    assert [c.weight for c in document.case.criteria] == [100, 50, 50]
    document.recalculate_now()
    assert list(document.results.weights.values()) == pytest.approx([0.5, 0.25, 0.25])
    assert document.case.weighting.swing == {"autonomy": 100, "user_voice": 50,
                                             "scale_capacity": 50}


# --- Scores -----------------------------------------------------------------------------------
def test_scores_edit_and_rationale(qtbot, document, data):
    step = ScoresStep(document)
    qtbot.addWidget(step)
    cell = step.model.index(2, 0)                       # Merger × Autonomy
    assert step.model.setData(cell, 6.5, Qt.EditRole)
    assert not step.model.setData(step.model.index(2, 1), 11, Qt.EditRole)
    assert "10" in step.model.index(2, 1).data(Qt.ToolTipRole)
    settle(qtbot, document)
    changed = copy.deepcopy(data)
    changed["options"][2]["scores"]["autonomy"] = 6.5
    expected = engine(changed).option("merger")
    assert step.model.index(2, step.model.col_weighted).data() == f"{expected.weighted_score:.1f}"

    step.table.setCurrentIndex(cell)
    step.rationale.setPlainText("Board")
    step.rationale.moveCursor(QTextCursor.End)
    step.rationale.insertPlainText(" merges")
    assert document.case.options[2].rationale["autonomy"] == "Board merges"
    depth = document.undo_stack.count()
    document.undo_stack.undo()
    assert "autonomy" not in document.case.options[2].rationale
    assert document.undo_stack.count() == depth


# --- Results ----------------------------------------------------------------------------------
def test_results_summary_shows_engine_figures(qtbot, document, data):
    step = ResultsStep(document)
    qtbot.addWidget(step)
    expected = engine(data)
    assert step.summary.column_texts(3) == [money_k(o.npv_vs_baseline) for o in expected.options]
    assert step.summary.column_texts(9) == [str(o.rank) for o in expected.options]
    # Against the baseline (model-v2.md V1): payback, ratio, up-front cost, funding low point.
    assert step.summary.column_texts(4) == ["—", "year 2 (2027)", "year 2 (2027)"][:1] + [
        f"year {o.payback_year} ({expected.first_year + o.payback_year - 1})"
        for o in expected.options[1:]]
    assert step.summary.column_texts(5) == ["—"] + [f"{o.bcr:.2f}" for o in expected.options[1:]]
    assert step.summary.column_texts(6) == [money_k(o.one_off_total) for o in expected.options]
    assert step.summary.column_texts(7) == ["—"] + [
        f"{money_k(o.funding_low_point['amount'])} in {expected.first_year}"
        for o in expected.options[1:]]
    # The horizon table: a row a horizon, the first the headline figures.
    years = [h.years for h in expected.horizon_sensitivity]
    assert step.horizons.column_texts(0) == [f"{t} years" for t in years]
    assert step.horizons.column_texts(2) == [money_k(h.npv_vs_baseline["shared"])
                                             for h in expected.horizon_sensitivity]
    assert step.horizons.text(0, 2) == money_k(expected.option("shared").npv_vs_baseline)
    assert step.basis.text().startswith(f"Over {expected.horizon} years")
    assert step.why.text().startswith("Remain standalone leads Shared back office by ")
    assert "Autonomy +8.0" in step.why.text()
    step.summary.sortByColumn(3, Qt.DescendingOrder)
    assert step.summary.text(0, 0) == "Merger"


# --- Sensitivity ------------------------------------------------------------------------------
def test_weight_slider_drag_is_one_undo_step_and_reranks(qtbot, document, data):
    step = SensitivityStep(document)
    qtbot.addWidget(step)
    slider = step.weights.sliders.sliders["scale_capacity"]
    depth = document.undo_stack.count()
    for value in (40, 60, 80, 95):
        slider.setValue(value)
    assert document.undo_stack.count() == depth + 1
    assert document.undo_stack.undoText() == "change weight of Scale and capacity"
    settle(qtbot, document)
    changed = copy.deepcopy(data)
    changed["criteria"][2]["weight"] = 95.0
    expected = engine(changed)
    assert step.weights.rank_column() == {o.name: o.rank for o in expected.options}
    assert step.weights.rank_column()["Merger"] == 1
    document.undo_stack.undo()
    settle(qtbot, document)
    assert step.weights.rank_column() == {o.name: o.rank for o in engine(data).options}
    assert slider.value() == 25


def test_sensitivity_monte_carlo_table_after_simulation(qtbot, data):
    small = copy.deepcopy(data)
    small["settings"]["monte_carlo"]["draws"] = 2000
    doc = CaseDocument(small, debounce_ms=0)
    step = SensitivityStep(doc)
    qtbot.addWidget(step)
    with qtbot.waitSignal(doc.resultsChanged, timeout=20000,
                          check_params_cb=lambda *a: doc.results.options[1].monte_carlo
                          is not None):
        pass
    expected = engine(small, monte_carlo=True).option("shared").monte_carlo
    assert not step.mc_running
    assert step.mc_table.text(1, 1) == money_k(expected.p10)
    assert "2,000 draws" in step.mc_note.text()
    doc.wait_for_monte_carlo(30000)
