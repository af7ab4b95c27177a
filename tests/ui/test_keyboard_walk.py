"""A blank case taken to a board paper by keyboard alone (issue 14): every field is reached with
Tab from where the person is and found by its accessible name, which is its visible label; the
steps are changed with Ctrl+digit; nothing is clicked and no value is set behind the form."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from ui.main_window import MainWindow

TABS = 150


def focused() -> QWidget:
    return QApplication.focusWidget()


def name_of(widget: QWidget | None) -> str:
    """What a screen reader says the focused control is called (its accessible name)."""
    if widget is None:
        return ""
    if widget.accessibleName():       # set: a combo box's interface says its value instead
        return widget.accessibleName()
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Name) if face is not None else ""


@pytest.fixture
def walk(qtbot):
    QSettings().setValue("recentFiles", [])
    window = MainWindow(start_page=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def tab_to(qtbot, name: str) -> QWidget:
    """Press Tab until the field named ``name`` has the focus (it must be reachable)."""
    for _ in range(TABS):
        widget = focused()
        if widget is not None and name_of(widget) == name:
            return widget
        qtbot.keyClick(widget, Qt.Key_Tab)
    seen = []
    for _ in range(40):
        seen.append(f"{type(focused()).__name__}:{name_of(focused())}")
        qtbot.keyClick(focused(), Qt.Key_Tab)
    raise AssertionError(f"Tab never reached a field named {name!r}; it went {seen}")


def type_in(qtbot, name: str, text: str) -> QWidget:
    widget = tab_to(qtbot, name)
    qtbot.keyClick(widget, Qt.Key_A, Qt.ControlModifier)      # Tab selects; Ctrl+A to be sure
    qtbot.keyClicks(widget, text)
    return widget


def step(qtbot, window, number: int) -> None:
    from ui.steps import STEPS
    qtbot.keyClick(focused() or window, Qt.Key_0 + number % 10, Qt.ControlModifier)
    target = len(STEPS) - 1 if number == 10 else number - 1   # Ctrl+0: the board paper
    qtbot.waitUntil(lambda: window.current_step() == target, timeout=3000)


def type_cells(qtbot, table, values: list[str], move=Qt.Key_Down) -> None:
    """Type ``values`` into the current cell and the cells after it, Enter after each."""
    for value in values:
        qtbot.keyClicks(table, value[0])
        editor = focused()
        qtbot.keyClicks(editor, value[1:])
        qtbot.keyClick(editor, Qt.Key_Return)
        qtbot.waitUntil(lambda: table.state() == QAbstractItemView.NoState, timeout=3000)
        qtbot.keyClick(table, move)


def test_a_blank_case_to_a_board_paper_by_keyboard_alone(qtbot, walk, dialogs, tmp_path):
    window = walk
    qtbot.keyClick(tab_to(qtbot, "New case"), Qt.Key_Space)
    assert not window.on_start_page and window.current_step() == 0
    doc = window.document

    type_in(qtbot, "Title", "Oak and Elm: working together")
    type_in(qtbot, "Prepared by", "Director of Finance")
    assert doc.case.title == "Oak and Elm: working together"
    assert doc.case.prepared_by == "Director of Finance"

    step(qtbot, window, 2)                              # Partners
    orgs = tab_to(qtbot, "Organisations")
    qtbot.keyClick(orgs, Qt.Key_Home)
    type_in(qtbot, "Name", "Oak Housing")
    orgs = tab_to(qtbot, "Organisations")
    qtbot.keyClick(orgs, Qt.Key_Down)
    type_in(qtbot, "Name", "Elm Homes")
    assert [o.name for o in doc.case.organisations] == ["Oak Housing", "Elm Homes"]

    step(qtbot, window, 4)                              # Money: the shared back office
    picker = tab_to(qtbot, "Option")
    qtbot.keyClick(picker, Qt.Key_End)
    qtbot.keyClick(tab_to(qtbot, "Add saving"), Qt.Key_Space)
    table = tab_to(qtbot, "saving lines")
    annual = window.step(3).line_tabs["savings"].model.COL_ANNUAL
    qtbot.keyClick(table, Qt.Key_Home)
    for _ in range(annual):
        qtbot.keyClick(table, Qt.Key_Right)
    assert table.currentIndex().column() == annual
    type_cells(qtbot, table, ["120k"])
    assert doc.case.options[1].savings[0].annual == 120_000

    step(qtbot, window, 5)                              # Criteria: a new case has none
    assert doc.case.criteria == []
    for name in ("Autonomy", "Culture and trust"):     # ticked on the pick-list
        qtbot.keyClick(tab_to(qtbot, name), Qt.Key_Space)
    qtbot.keyClick(tab_to(qtbot, "Weight 0 (weigh them next)"), Qt.Key_Right)
    assert name_of(focused()) == "An even share each" and focused().isChecked()
    qtbot.keyClick(tab_to(qtbot, "Add the ticked criteria"), Qt.Key_Space)
    assert [(c.name, c.weight) for c in doc.case.criteria] == [("Autonomy", 10.0),
                                                               ("Culture and trust", 10.0)]
    assert doc.case.criteria[0].scale["10"] == "Our board decides everything, as it does now"

    step(qtbot, window, 6)                              # Scores
    scores = tab_to(qtbot, "Scores")                   # options down, criteria across
    qtbot.keyClick(scores, Qt.Key_Home, Qt.ControlModifier)     # the weighted score comes first
    assert scores.model().headerData(scores.currentIndex().column(), Qt.Horizontal) == \
        "Weighted score"
    for _ in range(2):                                  # past it and the rank, to the scores
        qtbot.keyClick(scores, Qt.Key_Right)
    assert scores.currentIndex().row() == 0 and scores.currentIndex().column() == 0
    type_cells(qtbot, scores, ["8", "4"], move=Qt.Key_Right)    # Remain standalone
    qtbot.keyClick(scores, Qt.Key_Down)
    qtbot.keyClick(scores, Qt.Key_Home)
    for _ in range(2):
        qtbot.keyClick(scores, Qt.Key_Right)
    type_cells(qtbot, scores, ["6", "7"], move=Qt.Key_Right)    # the shared back office
    assert [o.scores for o in doc.case.options] == [
        {"autonomy": 8, "culture_trust": 4}, {"autonomy": 6, "culture_trust": 7}]

    step(qtbot, window, 10)                             # Board paper
    box = tab_to(qtbot, "Recommended option")
    qtbot.keyClick(box, Qt.Key_End)
    assert doc.case.recommendation.option == "shared_services"
    type_in(qtbot, "Rationale", "Cheaper to run and keeps both boards.")
    dialogs.save_path = str(tmp_path / "paper")
    qtbot.keyClick(tab_to(qtbot, "Export the board paper (PDF)…"), Qt.Key_Space)
    qtbot.waitUntil(lambda: (tmp_path / "paper.pdf").exists(), timeout=60000)
    assert (tmp_path / "paper.pdf").read_bytes()[:5] == b"%PDF-"
    assert window.leader_label.text().startswith("Leading option: Shared back office — score 65.0")
