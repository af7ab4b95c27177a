"""What a desktop program is expected to do: open files the system hands it, name saved files,
say where a problem is in words, and never show a traceback."""
from __future__ import annotations

import json
import shutil
import sys

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QMessageBox

from appraisal import load_case
from ui import autosave
from ui.app import ContinuumApplication, open_requested_files
from ui.failures import FailureHook, failure_text
from ui.files import CASE_FILTER, case_file_name
from appraisal.paths import problem_text
from appraisal.paths import say as path_words


# --- macOS: a document opened from the Finder arrives as a QFileOpenEvent --------------------
def test_file_open_event_opens_the_case_after_the_save_prompt(qtbot, qapp, window, dialogs,
                                                              case_file, tmp_path):
    assert isinstance(qapp, ContinuumApplication)
    other = tmp_path / "other.json"
    shutil.copyfile(case_file, other)
    window.document.set_value(("title",), "Unsaved change", "change title")   # dirty
    open_requested_files(qapp, window)
    try:
        dialogs.answer = QMessageBox.Discard
        QCoreApplication.postEvent(qapp, QFileOpenEvent(str(other)))
        qtbot.waitUntil(lambda: window.document.path == other, timeout=3000)
    finally:
        qapp.fileOpenRequested.disconnect(window.open_path)
        qapp.listening = False
    assert dialogs.questions and dialogs.questions[-1].startswith("Save changes?")
    assert window.document.case == load_case(other) and not window.document.is_dirty


def test_file_open_event_at_launch_waits_for_the_window(qtbot, qapp, window, case_file,
                                                        tmp_path):
    other = tmp_path / "early.json"
    shutil.copyfile(case_file, other)
    qapp.listening = False
    qapp.sendEvent(qapp, QFileOpenEvent(str(other)))    # before anything listens
    assert qapp.pending_files == [str(other)]
    open_requested_files(qapp, window)
    try:
        qtbot.waitUntil(lambda: window.document.path == other, timeout=3000)
    finally:
        qapp.fileOpenRequested.disconnect(window.open_path)
        qapp.listening = False
    assert qapp.pending_files == []


# --- Save As ----------------------------------------------------------------------------------
def test_save_as_offers_case_files_and_adds_continuum(qtbot, window, dialogs, tmp_path, monkeypatch):
    asked = {}

    def save_dialog(_parent, _title, _start, filters, *_a, **_k):
        asked["filters"] = filters
        return str(tmp_path / "Board case"), ""

    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    assert window.save_as()
    assert asked["filters"] == "Continuum case (*.continuum *.json);;All files (*)" == CASE_FILTER
    assert window.document.path == tmp_path / "Board case.continuum"
    assert load_case(tmp_path / "Board case.continuum") == window.document.case


def test_case_file_names():
    assert case_file_name("/x/board") .name == "board.continuum"
    assert case_file_name("/x/board.JSON").name == "board.JSON"
    assert case_file_name("/x/board.continuum").name == "board.continuum"
    assert case_file_name("/x/options v2.1").name == "options v2.1.continuum"


# --- places in words --------------------------------------------------------------------------
@pytest.fixture
def small(case_file):
    return json.loads(case_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path, words", [
    ("options[2].savings[0].annual", "Merger › Savings › One executive team › annual"),
    ("options[1].shared_services[0].vat_treatment",
     "Shared back office › Shared services › Finance from Oak › VAT treatment"),
    ("options[1].scores.autonomy", "Shared back office › Scores › Autonomy"),
    ("options[1].rationale.user_voice", "Shared back office › Reasons for scores › Tenant voice"),
    ("organisations[0].loans[0].balance", "Partners › Oak Housing › Loans › Bank A › balance"),
    ("criteria[1].weight", "Criteria › Tenant voice › weight"),
    ("settings.discount_rate", "Settings › discount rate"),
    ("settings.optimism_bias.costs", "Settings › Optimism bias › costs"),
    ("settings.horizon_years", "Settings › horizon"),
    ("recommendation.rationale", "Recommendation › rationale"),
    ("weighting.swing.autonomy", "Weights › Swing ratings › Autonomy"),
    ("options[2].redundancies[0].age", "Merger › Redundancies › Elm chief executive › age"),
    ("options[0].savings[0].annual", "Remain standalone › Savings › Saving 1 › annual"),
    ("options[7].name", "Option 8 › name"),
    ("options[1].one_off_costs[1].amount",
     "Shared back office › One-off costs › One-off cost 2 › amount"),
    ("options[2].loan_repricing[0].low",
     "Merger › Loan re-pricing › Bank A loan (Oak Housing) › low"),
    ("risks[0].likelihood", "Risks › Risk 1 › likelihood"),
    ("title", "Title"),
])
def test_path_words(small, path, words):
    assert path_words(path, small) == words
    assert path_words(path, load_case_from(small)) == words     # a Case reads the same


def load_case_from(data):
    from appraisal import parse_data

    return parse_data(data)


def test_problem_text_and_inline_message_use_words(qtbot, window, small):
    assert problem_text("options[2].savings[0].annual", "must be >= 0", small) == \
        "Merger › Savings › One executive team › annual: must be >= 0"
    assert problem_text("", "must be a number") == "must be a number"
    step = window.step(3)                                    # Money: a refused line shows words
    tab = step.line_tabs["savings"]
    tab.errors.show_problems([("options[2].savings[0].annual", "must be >= 0")])
    assert tab.errors.text() == "Merger › Savings › One executive team › annual: must be >= 0"


# --- never a traceback ------------------------------------------------------------------------
def test_failure_hook_says_it_in_a_sentence_logs_and_keeps_work(qtbot, window, dialogs,
                                                                 tmp_path):
    window.document.set_value(("title",), "Work in progress", "change title")
    hook = FailureHook(lambda: window, log_folder=tmp_path / "log")
    before = sys.excepthook
    try:
        raise ValueError("the chart has no options")
    except ValueError:
        hook(*sys.exc_info())
    assert sys.excepthook is before                       # not installed by constructing it
    title, text = dialogs.messages[-1]
    assert title == "Something went wrong"
    assert text == ("Something went wrong: the chart has no options. Your work has been kept "
                    "in the recovery file.")
    assert "Traceback" not in text
    log = (tmp_path / "log" / "continuum.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "ValueError" in log
    assert autosave.read_recovery(window.autosave.path).data["title"] == "Work in progress"


def test_failure_text_without_a_message():
    assert failure_text(RuntimeError(""), kept=False) == (
        "Something went wrong: an unexpected error. Nothing unsaved has been lost.")
