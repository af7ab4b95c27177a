"""The Board paper step at the window's minimum size (900 by 560) and at 1366 by 768: every
field has room to be used, the page never scrolls sideways, and the resolution's draft (the text
the paper prints while the box is empty) is shown whole under the box, never cut."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QScrollArea

from ui.steps import STEPS

SAMPLE = Path(__file__).resolve().parents[2] / "sample_cases" / "two_housing_associations.json"
PAPER = next(i for i, s in enumerate(STEPS) if s.title == "Board paper")
ROOMY = 300             # px: a field a person can read and type in


@pytest.fixture
def paper(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_path(SAMPLE, ask=False)
    w.document.wait_for_monte_carlo(30000)
    w.go_to_step(PAPER)
    yield w, w.step(PAPER)
    w.document.wait_for_monte_carlo(30000)
    w.document.undo_stack.setClean()


def fields(step) -> dict[str, object]:
    named = {w.accessibleName(): w for kind in (QComboBox, QLineEdit, QPlainTextEdit)
             for w in step.findChildren(kind)}
    return {name: named[name] for name in ("Recommended option", "Rationale", "Status",
                                           "Paper reference", "Sponsor",
                                           "Confidentiality marking", "Resolution")}


def scroll_of(step) -> QScrollArea:
    parent = step.parent()
    while not isinstance(parent, QScrollArea):
        parent = parent.parent()
    return parent


def settle(qtbot, window, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.wait(150)


def test_at_the_minimum_size_the_boxes_stand_one_above_the_other(qtbot, paper):
    window, step = paper
    settle(qtbot, window, 900, 560)
    assert window.width() == 900
    widths = {name: f.width() for name, f in fields(step).items()}
    assert all(w >= ROOMY for w in widths.values()), widths      # side by side, 114 px
    assert not scroll_of(step).horizontalScrollBar().isVisible()  # no sideways scrolling
    assert not step.columns.side_by_side()
    # the draft under the empty box: the whole sentence the paper prints, wrapped, not cut
    draft = step.resolution_draft
    assert draft.isVisible() and draft.text() == (
        "Draft: “That the board approves Federal group, loans kept in the subsidiaries as its "
        "preferred option, authorises the next steps set out in the implementation section, "
        "and asks for a further report before any binding commitment is made.”")
    assert draft.height() >= draft.heightForWidth(draft.width())
    assert draft.width() >= ROOMY


def test_at_1366_the_boxes_stand_side_by_side(qtbot, paper):
    window, step = paper
    settle(qtbot, window, 1366, 768)
    assert step.columns.side_by_side()
    widths = {name: f.width() for name, f in fields(step).items()}
    assert all(w >= ROOMY for w in widths.values()), widths
    assert not scroll_of(step).horizontalScrollBar().isVisible()
    assert not scroll_of(step).verticalScrollBar().isVisible()    # the whole step in view
    draft = step.resolution_draft
    assert draft.isVisible() and draft.height() >= draft.heightForWidth(draft.width())
    # written, the draft is not printed, so it goes; emptied, it is back
    fields(step)["Resolution"].setPlainText("That the board approves the federal group.")
    assert step.document.case.paper.resolution == "That the board approves the federal group."
    assert draft.isHidden()
    step.document.undo_stack.undo()
    assert not draft.isHidden()
    # back down to the minimum: stacked again, then side by side when widened
    settle(qtbot, window, 900, 560)
    assert not step.columns.side_by_side()
    settle(qtbot, window, 1366, 768)
    assert step.columns.side_by_side()
