"""Safe input in the real widgets (issue 10, for issue 14's defects): one number grammar in
every field and table, the wheel only on the focused field, Ctrl+Z from any field undoes the
case, and undo steps say what changed in the board's words."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from ui.document import EditCase, MergeKey
from ui.widgets.line_kinds import LoanRepricingModel, SavingsModel

CASE, PARTNERS, MONEY, CRITERIA, SCORES = 0, 1, 3, 4, 5


def _focus(qtbot, window, widget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    widget.setFocus(Qt.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=3000)


def _paste(field, text: str) -> None:
    """Replace the field's text at once, as pasting does."""
    line = field.editor.lineEdit()
    line.selectAll()
    line.insert(text)


def _type(qtbot, field, text: str) -> None:
    editor = field.editor
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor.lineEdit(), text)


def test_5m_typed_in_annual_turnover_is_five_million(qtbot, window):
    window.go_to_step(PARTNERS)
    field = window.step(PARTNERS).turnover
    path = ("organisations", 0, "annual_turnover")
    _focus(qtbot, window, field.editor)
    _type(qtbot, field, "5m")
    assert window.document.get(path) == 5_000_000
    assert not field.error.showing
    _type(qtbot, field, "£1,250k")
    assert window.document.get(path) == 1_250_000


def test_every_money_field_reads_multiples(qtbot, window):
    """The pay cap (a weekly figure) takes "1.2k"; "5m" is read as five million, which the case's
    own rule refuses, and the field says so (the "5" typed on the way was a valid figure)."""
    field = window.step(CASE).pay_cap
    path = ("settings", "redundancy_weekly_pay_cap")
    _focus(qtbot, window, field.editor)
    _type(qtbot, field, "1.2k")
    assert window.document.get(path) == 1_200
    _type(qtbot, field, "5m")
    assert window.document.get(path) == 5 and field.error.showing
    assert "1,000,000" in field.error.text() or "1e+06" in field.error.text()


def test_a_field_refuses_what_it_cannot_read_and_says_why(qtbot, window):
    window.go_to_step(PARTNERS)
    field = window.step(PARTNERS).turnover
    path = ("organisations", 0, "annual_turnover")
    before = window.document.get(path)
    _focus(qtbot, window, field.editor)
    _paste(field, "12.5.3")
    assert window.document.get(path) == before                  # nothing stored, nothing cut
    assert field.error.showing and field.error.text() == "'12.5.3' has more than one decimal point"
    _paste(field, "£12.5")
    assert field.error.text().startswith("'£12.5' has more decimal places than this field keeps")
    assert window.document.get(path) == before
    _type(qtbot, field, "12m")
    assert not field.error.showing and window.document.get(path) == 12_000_000


def test_percent_field_reads_the_grammar(qtbot, window):
    field = window.step(CASE).discount_rate
    _focus(qtbot, window, field.editor)
    _type(qtbot, field, "4.25%")
    assert window.document.case.settings.discount_rate == pytest.approx(0.0425)


def _wheel(widget, up: bool = True) -> None:
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120 if up else -120),
                        Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_never_changes_a_field_without_focus(qtbot, window):
    step = window.step(CASE)
    rate = step.discount_rate.editor
    before = window.document.case.settings.discount_rate
    _focus(qtbot, window, step.title.editor)
    assert not rate.hasFocus()
    _wheel(rate)
    assert window.document.case.settings.discount_rate == before and not rate.hasFocus()
    kind = window.step(PARTNERS).kind.editor                         # a choice box too
    choice = kind.currentIndex()
    _wheel(kind)
    assert kind.currentIndex() == choice
    _focus(qtbot, window, rate)                                     # focused: the wheel steps it
    _wheel(rate)
    assert window.document.case.settings.discount_rate == pytest.approx(before + 0.0025)


def test_ctrl_z_in_a_focused_field_undoes_the_case(qtbot, window):
    step = window.step(CASE)
    editor = step.title.editor
    before = window.document.case.title
    stack = window.document.undo_stack
    _focus(qtbot, window, editor)
    at = stack.index()
    editor.selectAll()
    qtbot.keyClicks(editor, "Changed")
    assert window.document.case.title == "Changed"
    assert stack.undoText() == "change title" and stack.index() == at + 1   # one step
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)          # the cursor is still there
    assert stack.index() == at and stack.redoText() == "change title"   # the window's undo
    assert window.document.case.title == before
    assert editor.text() == before and editor.hasFocus()
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.document.case.title == "Changed"


def test_ctrl_z_in_a_focused_number_field_undoes_the_case(qtbot, window):
    field = window.step(PARTNERS).turnover
    path = ("organisations", 0, "annual_turnover")
    before = window.document.get(path)
    stack = window.document.undo_stack
    _focus(qtbot, window, field.editor)
    at = stack.index()
    _type(qtbot, field, "5m")
    assert window.document.get(path) == 5_000_000 and stack.index() == at + 1
    qtbot.keyClick(field.editor, Qt.Key_Z, Qt.ControlModifier)
    assert window.document.get(path) == before and stack.index() == at


def test_every_table_reads_the_same_grammar(qtbot, window):
    doc = window.document
    window.go_to_step(MONEY)
    money = window.step(MONEY)
    money.select_option("merger")
    savings = money.line_tabs["savings"].model
    assert savings.setData(savings.index(0, SavingsModel.COL_ANNUAL), "£0.32m")
    assert doc.get(("options", 2, "savings", 0, "annual")) == 320_000
    assert not savings.setData(savings.index(0, SavingsModel.COL_ANNUAL), "12.5.3")
    assert "has more than one decimal point" in savings.problems()[-1]
    loans = money.line_tabs["loan_repricing"].model
    assert loans.setData(loans.index(0, LoanRepricingModel.COL_MARGIN_UPLIFT_BPS), "75bp")
    assert doc.get(("options", 2, "loan_repricing", 0, "margin_uplift_bps")) == 75
    partners = window.step(PARTNERS)
    assert partners.loans.set_cell(0, 1, "20.5m")
    assert doc.case.organisations[0].loans[0].balance == 20_500_000
    criteria = window.step(CRITERIA).model
    assert criteria.setData(criteria.index(0, criteria.COL_WEIGHT), "1,5") is False
    assert "commas go between groups of three digits" in criteria.problems()[-1]
    scores = window.step(SCORES).model
    assert not scores.setData(scores.index(0, 0), "7.5.1")
    assert scores.error(0, 0).endswith("'7.5.1' has more than one decimal point")
    assert scores.setData(scores.index(0, 0), "7.5")
    assert doc.case.options[0].scores[doc.case.criteria[0].id] == 7.5


def test_undo_steps_merge_only_with_the_same_key_and_have_a_limit(qtbot, window):
    doc = window.document
    assert doc.undo_stack.undoLimit() == doc.UNDO_LIMIT > 0
    a, b = MergeKey.of("title", 1), MergeKey.of("title", 2)
    assert a == MergeKey.of("title", 1) and a != b and a.id == b.id   # one Qt id, keys compared
    depth = doc.undo_stack.count()
    doc.set_value(("title",), "One", "change title", merge=False)
    doc.edit("change title", lambda d: d.update(title="Two"), merge_key=a)
    doc.edit("change title", lambda d: d.update(title="Three"), merge_key=a)   # merges
    doc.edit("change title", lambda d: d.update(title="Four"), merge_key=b)    # does not
    assert doc.undo_stack.count() == depth + 3
    doc.undo_stack.undo()
    assert doc.case.title == "Three"
    with pytest.raises(ValueError, match="undo text"):
        doc.edit("", lambda d: d.update(title="Five"))
    doc.set_value(("title",), "Six")                    # no text given: the place in words
    assert doc.undo_stack.undoText() == "change title"
    doc.set_value(("options", 1, "savings", 0, "annual"), 120_000.0)
    assert doc.undo_stack.undoText() == ("change Shared back office › Savings › Finance team › "
                                         "annual")
    assert isinstance(doc.undo_stack.command(0), EditCase)
