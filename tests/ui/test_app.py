"""The desktop app driven through its real widgets (offscreen): edit, undo, save, export, recover."""
from __future__ import annotations

import copy
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from appraisal import appraise, load_case, parse_data
from appraisal.formatting import money_k
from appraisal.resources import sample_cases
from ui import autosave
from ui.document import CaseDocument
from ui.export import KINDS, write_message
from appraisal.defaults import DEFAULT_READINESS, new_case_data
from ui.steps import RESULTS_STEP, STEPS

CASE, PARTNERS, OPTIONS, READINESS, BOARD = 0, 1, 2, 8, 10


def type_into(qtbot, spin_or_edit, text: str) -> None:
    """Select all and type, as a user would (each keystroke is an edit)."""
    line = spin_or_edit.lineEdit() if hasattr(spin_or_edit, "lineEdit") else spin_or_edit
    spin_or_edit.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def engine_npv_vs_baseline(data: dict, option_id: str) -> float:
    return appraise(parse_data(data), monte_carlo=False).option(option_id).npv_vs_baseline


def wait_results(qtbot, window) -> None:
    window.document.recalculate_now()
    qtbot.waitUntil(lambda: window.leader_label.text() == window.status_text(), timeout=2000)


def test_discount_rate_typed_moves_npv_to_engine_figure_and_undo_restores(qtbot, window):
    doc = window.document
    window.go_to_step(CASE)
    before = window.leader_label.text()
    leader = doc.results.leader
    field = window.step(CASE).discount_rate
    type_into(qtbot, field.editor, "7")
    qtbot.waitUntil(lambda: doc.case.settings.discount_rate == 0.07, timeout=2000)
    wait_results(qtbot, window)

    changed = doc.data
    best = doc.results.npv_leader
    expected = engine_npv_vs_baseline(changed, best)
    assert doc.results.option(best).npv_vs_baseline == pytest.approx(expected, abs=1e-6)
    assert money_k(expected) in window.leader_label.text()
    assert window.leader_label.text() != before
    assert window.isWindowModified() and "[*]" in window.windowTitle()

    # the keystrokes of one visit are one undo step with the field's name
    assert doc.undo_stack.count() == 1
    assert window.actions_.undo.text() == "&Undo change discount rate (real)"
    window.actions_.undo.trigger()
    wait_results(qtbot, window)
    assert doc.case.settings.discount_rate == 0.035
    assert field.editor.value() == pytest.approx(3.5)
    assert window.leader_label.text() == before
    assert doc.results.leader == leader
    assert not window.isWindowModified()


def test_saving_changed_through_the_document_reaches_results(qtbot, window):
    doc = window.document
    path = ("options", 2, "savings", 0, "annual")
    assert doc.set_value(path, 340000.0, "change saving") == []
    wait_results(qtbot, window)
    data = doc.data
    assert data["options"][2]["savings"][0]["annual"] == 340000.0
    assert doc.results.option("merger").npv_vs_baseline == pytest.approx(
        engine_npv_vs_baseline(data, "merger"), abs=1e-6)


def test_invalid_entry_shows_reason_inline_and_changes_nothing(qtbot, window):
    step = window.step(CASE)
    window.go_to_step(CASE)
    type_into(qtbot, step.discount_rate.editor, "-5")
    assert step.discount_rate.error.showing
    assert step.discount_rate.error.text() == "must be >= 0 (found -0.05)"
    assert window.document.case.settings.discount_rate == 0.035
    assert window.document.undo_stack.count() == 0
    type_into(qtbot, step.discount_rate.editor, "4")
    assert not step.discount_rate.error.showing
    assert window.document.case.settings.discount_rate == 0.04

    type_into(qtbot, step.date.editor, "2026-13")
    assert step.date.error.text().startswith("must be a date written as YYYY-MM-DD")
    assert window.document.case.date == "2026-11-22"


def test_horizon_of_zero_years_is_refused(qtbot, window):
    step = window.step(CASE)
    type_into(qtbot, step.horizon.editor, "0")
    assert "must be >= 1" in step.horizon.error.text()
    assert window.document.case.settings.horizon_years == 5


def test_save_and_reopen_gives_an_equal_case(qtbot, window, case_file):
    step = window.step(CASE)
    type_into(qtbot, step.title.editor, "Oak and Elm, revised")
    assert window.document.undo_stack.count() == 1      # a run of keystrokes, one undo step
    assert window.save()
    assert not window.isWindowModified()
    reopened = CaseDocument.open(case_file)
    assert reopened.case == window.document.case
    assert load_case(case_file).title == "Oak and Elm, revised"
    assert str(case_file.resolve()) in window.recent_files()


def test_save_error_is_a_message_and_nothing_is_lost(qtbot, window, dialogs, tmp_path):
    window.document.set_value(("title",), "Changed", "change title")
    assert not window.save_to(tmp_path / "no-such-folder" / "case.json")
    assert dialogs.messages and dialogs.messages[-1][0] == "Could not save"
    assert "Nothing has been lost" in dialogs.messages[-1][1]
    assert window.document.is_dirty and window.document.case.title == "Changed"


@pytest.mark.parametrize("key", ["pdf", "docx", "xlsx"])
def test_export_writes_the_file_off_the_gui_thread(qtbot, window, tmp_path, key):
    step = window.step(BOARD)
    target = tmp_path / f"out{KINDS[key].suffix}"
    with qtbot.waitSignal(step.exporter.finished, timeout=60000) as blocker:
        step.export(key, target)
    assert blocker.args == [key, str(target)]
    payload = target.read_bytes()
    assert len(payload) > 1000 and payload.startswith(KINDS[key].magic)
    assert not step.open_button.isHidden()
    assert step.status.text() == f"Saved {KINDS[key].what} as {target.name}."


def test_export_reuses_the_current_full_results(qtbot, window, tmp_path, monkeypatch):
    """No second appraisal when the document's results (with the simulation) are current; a
    fresh one when an edit has not been simulated yet."""
    import ui.export

    calls = []
    real = ui.export.appraise
    monkeypatch.setattr(ui.export, "appraise", lambda *a, **k: calls.append(1) or real(*a, **k))
    doc, step = window.document, window.step(BOARD)
    qtbot.waitUntil(lambda: doc.full_results() is not None, timeout=20000)
    with qtbot.waitSignal(step.exporter.finished, timeout=60000):
        step.export("xlsx", tmp_path / "a.xlsx")
    assert calls == []
    doc.set_value(("settings", "discount_rate"), 0.041, "change discount rate")
    assert doc.full_results() is None                       # the edit is not recalculated yet
    with qtbot.waitSignal(step.exporter.finished, timeout=60000):
        step.export("xlsx", tmp_path / "b.xlsx")
    assert calls == [1]


def test_export_to_a_missing_folder_is_a_clear_message(qtbot, window, tmp_path):
    step = window.step(BOARD)
    key = "pdf"
    with qtbot.waitSignal(step.exporter.failed, timeout=60000):
        step.export(key, tmp_path / "missing" / "paper.pdf")
    text = step.export_error.text()
    assert step.export_error.showing
    assert "does not exist" in text


def test_write_message_names_the_file_and_the_remedy(tmp_path):
    text = write_message(PermissionError(13, "Permission denied"), tmp_path / "model.xlsx",
                         "the Excel model")
    assert "model.xlsx" in text and "open in another program" in text
    assert "Nothing has been lost" in text


def test_autosave_then_restore_after_a_crash(qtbot, window, dialogs, case_file):
    from ui.main_window import MainWindow

    window.document.set_value(("title",), "Unsaved work", "change title")
    written = window.autosave.save_now()
    assert written is not None and written.exists()
    found = autosave.read_recovery(written)
    assert found.original == case_file and found.data["title"] == "Unsaved work"

    # a crashed run leaves its file behind, its lock gone with it
    crashed = written.with_name("recovery-1.json")
    written.rename(crashed)
    dialogs.answer = QMessageBox.Yes
    restored = MainWindow()
    qtbot.addWidget(restored)
    assert restored.offer_recovery()
    assert restored.document.case.title == "Unsaved work"
    assert restored.document.path == case_file
    assert restored.document.is_dirty and restored.isWindowModified()
    assert not crashed.exists()
    restored.document.undo_stack.setClean()

    # saving cleanly removes this run's recovery file
    window.autosave.save_now()
    assert window.autosave.path.exists()
    assert window.save()
    assert not window.autosave.path.exists()


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, window, dialogs):
    window.document.set_value(("title",), "Not yet saved", "change title")
    dialogs.answer = QMessageBox.Cancel
    assert not window.close()
    assert window.isVisible()
    assert dialogs.questions and dialogs.questions[-1].startswith("Save changes?")
    dialogs.answer = QMessageBox.Discard
    assert window.close()


def test_invalid_case_file_shows_field_problems_not_a_traceback(qtbot, window, dialogs,
                                                                 tmp_path, small_case_data):
    bad = copy.deepcopy(small_case_data)
    bad["settings"]["discount_rate"] = -1
    bad["options"][1]["scores"].pop("autonomy")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert not window.open_path(path, ask=False)
    title, text = dialogs.messages[-1]
    assert title == "This file is not a valid case"
    assert "Settings › discount rate: must be >= 0" in text    # the place in words
    assert "settings.discount_rate" not in text
    assert "Traceback" not in text


def test_new_case_is_valid_with_default_items(qtbot, window):
    window.new_case()
    case = window.document.case
    assert len(case.organisations) == 2 and len(case.options) == 2
    assert case.baseline.form == "standalone"
    assert [r.item for r in case.readiness] == list(DEFAULT_READINESS)
    assert len(case.criteria) == 0 and len(case.risks) == 9     # criteria: the board picks
    assert all(o.scores == {} for o in case.options)             # and scores: none counted
    assert parse_data(new_case_data()) is not None


def test_options_step_adds_renames_and_deletes(qtbot, window):
    step = window.step(OPTIONS)
    window.go_to_step(OPTIONS)
    step.add_option("group_structure")
    case = window.document.case
    added = case.options[-1]
    assert added.form == "group_structure" and added.name == "Group structure"
    assert added.scores == {}                   # not scored: a dash, never a placeholder 5
    assert step.list.currentRow() == 3 and step.subtype.isEnabled()
    step.subtype.editor.setCurrentIndex(step.subtype.editor.findData("federal"))
    step.subtype.editor.activated.emit(step.subtype.editor.currentIndex())
    assert window.document.case.options[-1].subtype == "federal"
    type_into(qtbot, step.name.editor, "Federal group")
    assert window.document.case.options[-1].name == "Federal group"
    step.delete_current()
    assert [o.id for o in window.document.case.options] == ["standalone", "shared", "merger"]
    step.list.setCurrentRow(0)
    assert not step.delete_button.isEnabled()   # the baseline stays


def test_partners_step_refuses_removing_a_named_organisation(qtbot, window):
    step = window.step(PARTNERS)
    step.list.setCurrentRow(1)                   # Elm: named by savings and redundancy lines
    step.remove_organisation()
    assert len(window.document.case.organisations) == 2
    assert "elm" in step.list_error.text()
    step.add_organisation()
    assert window.document.case.organisations[-1].name == "Partner 3"
    step.add_new_loan()
    assert window.document.case.organisations[-1].loans[0].remaining_years == 10


def test_readiness_defaults_and_status(qtbot, window):
    step = window.step(READINESS)
    step.add_default_items()
    assert [r.item for r in window.document.case.readiness] == list(DEFAULT_READINESS)
    combo = step.readiness.cell_editor(0, 1)
    assert combo.accessibleName() == "Status" and combo.currentText() == "Not started"
    combo.setCurrentIndex(combo.findData("done"))
    combo.activated.emit(combo.currentIndex())
    assert window.document.case.readiness[0].status == "done"
    step.add_default_risks()
    assert len(window.document.case.risks) == 9


def test_step_navigation_and_results_key(qtbot, window):
    window.actions_.steps[2].trigger()
    assert window.current_step() == 2 and window.step_title.text() == "3. Options"
    window.actions_.results.trigger()
    assert window.current_step() == RESULTS_STEP
    assert window.actions_.results.shortcut().toString() == "F5"
    assert window.actions_.steps[-1].shortcut().toString() == "Ctrl+0"   # the board paper
    keys = [a.shortcut().toString() for a in window.actions_.steps]
    assert len([k for k in keys if k]) == len(set(k for k in keys if k))   # none twice
    assert window.stack.count() == len(STEPS)


def test_simulation_shown_in_status_bar(qtbot, window):
    window.document.monteCarloRunning.emit(True)
    assert not window.simulation_label.isHidden()
    window.document.monteCarloRunning.emit(False)
    assert window.simulation_label.isHidden()


def test_sample_opens_as_untitled_copy_and_save_asks_for_a_name(qtbot, window, dialogs,
                                                                tmp_path):
    samples = sample_cases()
    if not samples:
        pytest.skip("no sample cases shipped yet")
    sample = samples[0]
    before = sample.read_bytes()
    assert window.open_sample(sample)
    assert window.document.path is None and "(sample copy)" in window.windowTitle()
    assert window.document.case == load_case(sample)
    dialogs.save_path = str(tmp_path / "mine")
    assert window.save()
    assert window.document.path == tmp_path / "mine.continuum"
    assert sample.read_bytes() == before
    assert load_case(tmp_path / "mine.continuum") == window.document.case


def test_window_layout_is_remembered(qtbot, window, case_file):
    from ui.document import CaseDocument
    from ui.main_window import MainWindow

    from PySide6.QtCore import QSettings

    window.go_to_step(4)
    window.splitter.setSizes([230, 900])
    window.save_layout()
    assert QSettings().value("window/geometry") == window.saveGeometry()
    again = MainWindow(CaseDocument.open(case_file))   # a case from a file: its step again
    qtbot.addWidget(again)
    assert again.current_step() == 4
    assert again.splitter.saveState() == window.splitter.saveState()
    blank = MainWindow()                                # a new case starts at the first step
    qtbot.addWidget(blank)
    assert blank.current_step() == 0


def test_loan_cell_typed_as_money(qtbot, window):
    step = window.step(PARTNERS)
    step.list.setCurrentRow(0)
    cell = step.loans.model.index(0, 1)
    assert cell.data() == "£20,000,000"
    assert step.loans.set_cell(0, 1, "£25,000,000")
    assert window.document.case.organisations[0].loans[0].balance == 25_000_000
    assert not step.loans.set_cell(0, 1, "lots")
    assert step.loans.error.text() == ("Loan 1, Balance: 'lots' is not a number: write digits, "
                                       "e.g. 50,000, £50k or 1.2m")
    assert cell.data() == "£25,000,000"
    assert step.loans.set_cell(0, 1, "22.5m")            # the same grammar as the Money tables
    assert window.document.case.organisations[0].loans[0].balance == 22_500_000
    assert not step.loans.error.showing and cell.data(Qt.BackgroundRole) is None
    assert step.loans.set_cell(0, 2, "150bp")
    assert window.document.case.organisations[0].loans[0].margin_bps == 150


def test_recovery_declined_keeps_the_file_and_only_discard_deletes_it(qtbot, dialogs, tmp_path):
    """Issue 15, fault 3: answering No deleted the recovery file."""
    from ui.main_window import MainWindow

    target = autosave.recovery_dir() / "recovery-2.json"
    autosave.write_recovery(new_case_data(), None, target)
    dialogs.answer = QMessageBox.No
    w = MainWindow()
    qtbot.addWidget(w)
    assert not w.offer_recovery()
    assert target.exists() and not w.document.is_dirty
    assert not w.offer_recovery() and target.exists()        # offered again, still kept
    assert len(dialogs.questions) == 2
    dialogs.answer = QMessageBox.Discard
    assert not w.offer_recovery()
    assert not target.exists()


def test_every_step_is_built_from_its_own_class(qtbot, window):
    for index, step in enumerate(STEPS):
        assert type(window.step(index)) is step.load()
        assert window.step(index).TITLE == step.title
