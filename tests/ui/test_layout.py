"""The window's layout as a person sees it: headings never cut, long names elided in the middle
with the whole name in the tooltip, one scroll area a step, and a minimum size at which the
status bar still says everything (or elides it with the whole text in its tooltip)."""
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QStyle, QTableView, QToolTip

from ui import steps
from ui.widgets.fitting import cell_tooltip, is_elided

SAMPLE = Path(__file__).resolve().parents[2] / "sample_cases" / "two_housing_associations.json"
MONEY, SCORES, RESULTS = 3, 5, steps.RESULTS_STEP


@pytest.fixture
def big_window(qtbot):
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


def settle(qtbot, window) -> None:
    window.document.wait_for_monte_carlo(30000)
    qtbot.wait(80)


def cut_headings(table: QTableView) -> list[str]:
    """Each heading line wider than its column leaves room for (the header's own margins)."""
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    margin = header.style().pixelMetric(QStyle.PM_HeaderMargin, None, header)
    model = table.model()
    cut = []
    for c in range(model.columnCount()):
        if header.isSectionHidden(c):
            continue
        text = model.headerData(c, Qt.Horizontal, Qt.DisplayRole) or ""
        widest = max(metrics.horizontalAdvance(line) for line in str(text).split("\n"))
        if widest + 2 * margin > header.sectionSize(c):
            cut.append(f"{text!r}: {widest + 2 * margin} px in {header.sectionSize(c)} px")
    return cut


def test_no_heading_is_cut_at_1366_by_768(qtbot, big_window):
    w = big_window
    w.go_to_step(MONEY)
    settle(qtbot, w)
    money = w.step(MONEY)
    tables = [t for t in money.findChildren(QTableView) if t.model().columnCount()]
    assert tables, "the Money step shows its line tables"
    for tab in range(money.tabs.count()) if hasattr(money, "tabs") else [0]:
        if hasattr(money, "tabs"):
            money.tabs.setCurrentIndex(tab)
        qtbot.wait(20)
    w.go_to_step(SCORES)
    settle(qtbot, w)
    scores = w.step(SCORES).table
    w.go_to_step(RESULTS)
    settle(qtbot, w)
    results = w.step(RESULTS)
    checked = tables + [scores, results.summary, results.horizons, results.by_organisation]
    for table in checked:
        assert table.model().columnCount() > 1
        assert cut_headings(table) == [], table.accessibleName() or type(table).__name__
    # the headings are whole: the score table's last columns are there, wrapped not cut
    heads = [scores.model().headerData(c, Qt.Horizontal) for c in
             range(scores.model().columnCount())]
    assert heads[-2:] == ["Weighted score", "Rank"]
    assert any("\n" in h and "…" not in h for h in heads)   # long criterion names wrap


def test_an_elided_name_shows_in_full_in_its_tooltip(qtbot, big_window):
    w = big_window
    w.go_to_step(RESULTS)
    settle(qtbot, w)
    table = w.step(RESULTS).summary
    name = "Federal group, loans kept in the subsidiaries"
    row = table.column_texts(0).index(name)
    index = table.model().index(row, 0)
    table.setColumnWidth(0, 120)                        # as if the user narrowed it
    qtbot.wait(10)
    assert table.textElideMode() == Qt.ElideMiddle      # start and end of the name stay
    assert is_elided(table, index)
    assert cell_tooltip(table, index) == name
    # and a person hovering there sees it (the real tooltip event, through the view)
    rect = table.visualRect(index)
    viewport = table.viewport()
    event = QHelpEvent(QEvent.ToolTip, rect.center(), viewport.mapToGlobal(rect.center()))
    QApplication.sendEvent(viewport, event)
    assert QToolTip.text() == name
    QToolTip.hideText()
    # a short figure that fits is not elided and keeps its own tooltip
    npv = table.model().index(row, 2)
    assert not is_elided(table, npv)
    table.setColumnWidth(0, 400)
    qtbot.wait(10)
    assert not is_elided(table, index)
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.ToolTip, QPoint(1, 1),
                                                 viewport.mapToGlobal(QPoint(1, 1))))
