"""The app's uncertainty edits (issue 12): copy a line to other options sharing a driver, give
every line without a range one, pension ranges, credits and instalments in the Money step, and
the correlation setting; each edit one undo step."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from appraisal.ranges import give_ranges  # noqa: E402
from ui.dialogs.uncertainty import CopyLineDialog, RangesDialog  # noqa: E402
from ui.document import CaseDocument  # noqa: E402
from ui.steps.case_step import CaseStep  # noqa: E402
from ui.steps.sensitivity import SensitivityStep  # noqa: E402
from ui.widgets.line_kinds import PensionCessationModel  # noqa: E402


@pytest.fixture
def document(small_case_path):
    return CaseDocument(json.loads(small_case_path.read_text(encoding="utf-8")), debounce_ms=0)


def test_copy_a_saving_to_other_options_shares_one_driver_in_one_undo_step(qtbot, document):
    # small-case: the shared option's finance-team saving (60k..120k) copied to the merger
    dialog = CopyLineDialog(document, 1, "savings", 0)
    qtbot.addWidget(dialog)
    names = {i: box.text() for i, box in dialog.boxes.items()}
    assert names == {0: "Remain standalone", 2: "Merger"}
    assert not dialog.boxes[0].isChecked() and dialog.boxes[2].isChecked()  # not the baseline
    assert dialog.boxes[2].accessibleName() == "Merger"
    steps = document.undo_stack.count()
    dialog.accept()
    assert document.undo_stack.count() == steps + 1
    original = document.get(("options", 1, "savings", 0))
    copy = document.get(("options", 2, "savings", 1))
    assert original["driver"] == copy["driver"] == "finance-team"
    assert {k: v for k, v in copy.items()} == original
    document.recalculate_now()
    merger = document.results.option("merger")
    assert "driver:finance-team" in [t.ref for t in merger.tornado]
    document.undo_stack.undo()
    assert len(document.get(("options", 2, "savings"))) == 1
    assert "driver" not in document.get(("options", 1, "savings", 0))


def test_copy_needs_an_option_ticked(qtbot, document):
    dialog = CopyLineDialog(document, 1, "savings", 0)
    qtbot.addWidget(dialog)
    for box in dialog.boxes.values():
        box.setChecked(False)
    steps = document.undo_stack.count()
    dialog.accept()
    assert document.undo_stack.count() == steps
    assert "Tick at least one option" in dialog.error.text()


def test_give_every_line_without_a_range_a_range_in_one_undo_step(qtbot, document):
    dialog = RangesDialog(document)
    qtbot.addWidget(dialog)
    # small-case: 6 lines may carry a range; 3 have one (two savings, the loan); the shared
    # service, the set-up and the legal costs have none
    assert dialog.missing() == 3
    assert dialog.ends("savings") == (0.30, 0.10) and dialog.ends("costs") == (0.10, 0.30)
    dialog.fields["costs"][1].setValue(50)          # costs: −10% / +50%
    steps = document.undo_stack.count()
    dialog.accept()
    assert document.undo_stack.count() == steps + 1
    legal = document.get(("options", 2, "one_off_costs", 0))      # £150,000
    assert (legal["low"], legal["high"]) == (135000.0, 225000.0)
    service = document.get(("options", 1, "shared_services", 0))  # £150,000 a year
    assert (service["low"], service["high"]) == (135000.0, 225000.0)
    kept = document.get(("options", 1, "savings", 0))             # its own range kept
    assert (kept["low"], kept["high"]) == (60000, 120000)
    assert RangesDialog(document).missing() == 0
    document.undo_stack.undo()
    assert "low" not in document.get(("options", 2, "one_off_costs", 0))


def test_give_ranges_keeps_a_credit_the_right_way_round():
    data = {"options": [{"pension_cessation": [{"amount": -60000.0}],
                         "loan_repricing": [{"loan": "x", "margin_uplift_bps": 50.0}]}]}
    assert give_ranges(data) == 2
    credit = data["options"][0]["pension_cessation"][0]
    assert (credit["low"], credit["high"]) == (-66000.0, -42000.0)   # a smaller credit is worse
    loan = data["options"][0]["loan_repricing"][0]
    assert (loan["low"], loan["high"]) == (45.0, 65.0)


def test_pension_lines_take_a_range_a_credit_and_instalments(qtbot, document):
    model = PensionCessationModel(document)
    model.set_option(2)
    headers = [c.header for c in model.COLUMNS]
    assert ["Low", "High", "Shared figure", "Year", "Instalments"] == headers[3:8]
    document.edit("add a pension line", lambda d: d["options"][2].setdefault(
        "pension_cessation", []).append({"label": "Exit credit", "amount": 0.0, "year": 1}))
    model.refresh()
    col = {c.key: i for i, c in enumerate(model.COLUMNS)}
    assert model.setData(model.index(0, col["amount"]), "-90k", Qt.EditRole)
    assert model.setData(model.index(0, col["instalments"]), "3", Qt.EditRole)
    assert model.setData(model.index(0, col["low"]), "-120k", Qt.EditRole)
    assert model.setData(model.index(0, col["high"]), "-60k", Qt.EditRole)
    line = document.get(("options", 2, "pension_cessation", 0))
    assert line == {"label": "Exit credit", "amount": -90000.0, "year": 1, "instalments": 3,
                    "low": -120000.0, "high": -60000.0}
    document.recalculate_now()
    flows = [cf.pension_cessation for cf in document.results.option("merger").cash_flows]
    assert flows == pytest.approx([-30000.0, -30000.0, -30000.0, 0.0, 0.0])
    # a driver without a range is refused, naming the column
    assert model.setData(model.index(0, col["low"]), "", Qt.EditRole)   # range removed
    assert not model.setData(model.index(0, col["driver"]), "exit", Qt.EditRole)
    assert "Shared figure" in model.problems()[0]


def test_correlation_setting_says_what_it_means(qtbot, document):
    step = CaseStep(document)
    qtbot.addWidget(step)
    field = step.correlation
    assert field.editor.accessibleName() == "Correlation of the change"
    assert "Savings tend to fall short together" in field.explanation.text()
    field.editor.setValue(0.5)
    assert document.get(("settings", "monte_carlo", "correlation")) == 0.5
    assert "rank correlation of 0.48" in field.explanation.text()


def test_sensitivity_puts_the_chance_of_loss_beside_the_pessimistic_figure(qtbot, document):
    document.recalculate_now()
    step = SensitivityStep(document)
    qtbot.addWidget(step)
    step.refresh()
    headers = [" ".join(step.scenarios.model().headerData(c, Qt.Horizontal).split())
               for c in range(step.scenarios.model().columnCount())]
    assert headers[1:4] == ["Pessimistic: NPV vs baseline", "Pessimistic: rank",
                            "Chance of loss"]
    index = step.option_picker.findData("merger")
    step.option_picker.setCurrentIndex(index)
    text = step.drivers_note.text()
    assert text.startswith("What moves Merger against the baseline most: One executive team")
