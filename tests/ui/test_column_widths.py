"""A column widened by hand keeps its width when the window is resized or the rows change: only
the columns the person has not touched are fitted again."""
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.widgets.fitting import set_by_hand

SAMPLE = Path(__file__).resolve().parents[2] / "sample_cases" / "two_housing_associations.json"
SCORES = 5


@pytest.fixture
def window(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_path(SAMPLE, ask=False)
    yield w
    w.document.wait_for_monte_carlo(30000)
    w.document.undo_stack.setClean()


def drag_edge(header, column: int, by: int) -> None:
    """Drag the right edge of ``column`` in ``header`` by ``by`` pixels, as a mouse does."""
    port = header.viewport()
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    y = header.height() // 2
    QTest.mousePress(port, Qt.LeftButton, Qt.NoModifier, QPoint(edge, y))
    for step in range(1, 5):
        at = QPointF(edge + by * step / 4, y)
        move = QMouseEvent(QEvent.MouseMove, at, port.mapToGlobal(at), Qt.NoButton,
                           Qt.LeftButton, Qt.NoModifier)
        QApplication.sendEvent(port, move)
    QTest.mouseRelease(port, Qt.LeftButton, Qt.NoModifier, QPoint(edge + by, y))


def test_a_column_widened_by_hand_survives_a_window_resize(qtbot, window):
    w = window
    w.go_to_step(SCORES)
    w.document.wait_for_monte_carlo(30000)
    qtbot.wait(80)
    table = w.step(SCORES).table
    header = table.horizontalHeader()
    first, other = 0, 1
    before_other = header.sectionSize(other)
    widened = header.sectionSize(first) + 90
    drag_edge(header, first, 90)
    assert header.sectionSize(first) == widened
    assert set_by_hand(table, first) and not set_by_hand(table, other)

    w.resize(1000, 700)                 # a narrower window: the view refits itself
    qtbot.wait(120)
    assert header.sectionSize(first) == widened
    w.resize(1366, 768)
    qtbot.wait(120)
    assert header.sectionSize(first) == widened
    assert header.sectionSize(other) == before_other     # the others are fitted as before

    table.model().beginResetModel()     # rows replaced (an edit elsewhere): still the person's
    table.model().endResetModel()
    qtbot.wait(60)
    assert header.sectionSize(first) == widened


def test_the_apps_own_fits_are_not_taken_for_the_persons(qtbot, window):
    w = window
    w.go_to_step(SCORES)
    qtbot.wait(80)
    table = w.step(SCORES).table
    w.resize(1000, 700)
    qtbot.wait(120)
    assert not any(set_by_hand(table, c) for c in range(table.model().columnCount()))
