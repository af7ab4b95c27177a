"""The Board paper step's front matter (issue 17): the cover's status, paper reference, sponsor
and confidentiality marking, and the resolution, with the paper's own draft shown in grey while
the resolution is empty. Each field edits the case; undo puts it back."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from ui.steps import STEPS

PAPER = next(i for i, s in enumerate(STEPS) if s.title == "Board paper")


def _named(widget, kind, name):
    found = [w for w in widget.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def _type(edit: QLineEdit, text: str) -> None:
    edit.setText(text)
    edit.textEdited.emit(text)


def test_cover_fields_edit_the_case(window):
    window.go_to_step(PAPER)
    step = window.step(PAPER)
    doc = window.document
    status = _named(step, QComboBox, "Status")
    assert doc.case.paper is None and status.currentText() == "For decision"
    status.setCurrentIndex(status.findData("discussion"))
    status.activated.emit(status.currentIndex())
    assert doc.case.paper.status == "discussion"
    _type(_named(step, QLineEdit, "Paper reference"), "BD/2026/14")
    _type(_named(step, QLineEdit, "Sponsor"), "Chief Executive")
    _type(_named(step, QLineEdit, "Confidentiality marking"), "Confidential: board only")
    paper = doc.case.paper
    assert (paper.reference, paper.sponsor, paper.confidentiality) == (
        "BD/2026/14", "Chief Executive", "Confidential: board only")
    # clearing a field removes it (the paper then prints none)
    _type(_named(step, QLineEdit, "Sponsor"), "")
    assert doc.case.paper.sponsor == "" and "sponsor" not in doc.get(("paper",))
    for _ in range(5):
        doc.undo_stack.undo()
    assert doc.case.paper is None
    assert status.currentText() == "For decision"
    assert _named(step, QLineEdit, "Paper reference").text() == ""


def test_resolution_shows_the_papers_draft_until_written(window):
    window.go_to_step(PAPER)
    step = window.step(PAPER)
    doc = window.document
    doc.recalculate_now()
    editor = _named(step, QPlainTextEdit, "Resolution")
    assert doc.results.recommended == "standalone"      # the leader, nothing recommended
    assert editor.toPlainText() == ""
    assert step.resolution_draft.text().removeprefix("Draft: “").removesuffix("”") == ("That the board remains as it is (Remain standalone) "
                                        "and reviews the options again when circumstances "
                                        "change.")
    # recommending the merger redrafts it
    step.option.setCurrentIndex(step.option.findData("merger"))
    step.option.activated.emit(step.option.currentIndex())
    doc.recalculate_now()
    assert step.resolution_draft.text().removeprefix("Draft: “").removesuffix("”") == (
        "That the board approves Merger as its preferred option, authorises the next steps "
        "set out in the implementation section, and asks for a further report before any "
        "binding commitment is made.")
    # for discussion: the draft asks for the board's view instead
    status = _named(step, QComboBox, "Status")
    status.setCurrentIndex(status.findData("discussion"))
    status.activated.emit(status.currentIndex())
    doc.recalculate_now()
    assert step.resolution_draft.text().removeprefix("Draft: “").removesuffix("”").startswith("That the board notes the appraisal of the 3 "
                                               "options")
    assert not step.resolution_draft.isHidden()      # the whole draft, under the empty box
    editor.setPlainText("That the board approves the merger with Elm Homes.")
    assert doc.case.paper.resolution == "That the board approves the merger with Elm Homes."
    assert step.resolution_draft.isHidden()          # written: the draft is not printed
    doc.undo_stack.undo()
    assert doc.case.paper.resolution == "" and editor.toPlainText() == ""
    assert not step.resolution_draft.isHidden()
