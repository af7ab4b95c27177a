"""The window's layout as a person sees it: headings never cut, long names elided in the middle
with the whole name in the tooltip, one scroll area a step, and a minimum size at which the
status bar still says everything (or elides it with the whole text in its tooltip)."""
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractScrollArea, QApplication, QScrollArea, QStyle, QTableView,
                               QTabWidget, QToolTip)

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


def test_the_weighted_score_and_rank_are_on_screen_beside_the_names_at_1366(qtbot, big_window):
    w = big_window
    w.go_to_step(SCORES)
    settle(qtbot, w)
    table = w.step(SCORES).table
    model, header = table.model(), table.horizontalHeader()
    last = model.columnCount() - 1
    assert [model.headerData(c, Qt.Horizontal) for c in (last - 1, last)] == [
        "Weighted score", "Rank"]
    assert [header.visualIndex(c) for c in (last - 1, last)] == [0, 1]
    for c in (last - 1, last):
        left = table.columnViewportPosition(c)
        assert 0 <= left and left + table.columnWidth(c) <= table.viewport().width()
    leader = w.document.results.leader
    row = [o.id for o in w.document.case.options].index(leader)
    assert model.index(row, last).data() == "1"


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


def nested_scrolling(window, index: int) -> list[str]:
    """What scrolls inside the step's own page while the page scrolls too: a scroll area inside
    the step at all, or a table or text box showing its vertical scroll bar while the page shows
    its own. Every tab of the step is looked at."""
    page = window.stack.widget(index)
    step = page.widget()
    found = [f"a scroll area inside {steps.title(index)}"
             for _ in step.findChildren(QScrollArea)]
    for tabs in [None] + step.findChildren(QTabWidget):
        for t in range(tabs.count()) if tabs is not None else [None]:
            if tabs is not None:
                tabs.setCurrentIndex(t)
            QTest.qWait(30)                # laid out, and boxes fitted to their text
            if not page.verticalScrollBar().isVisible():
                continue
            for view in step.findChildren(QAbstractScrollArea):
                bar = view.verticalScrollBar()
                if view.isVisible() and bar.isVisible() and bar.maximum() > 0:
                    where = tabs.tabText(t) if tabs is not None else ""
                    found.append(f"{steps.title(index)} {where}: "
                                 f"{view.accessibleName() or type(view).__name__}")
    return found


def test_at_the_minimum_size_each_step_scrolls_once_and_the_status_bar_fits(qtbot, big_window):
    w = big_window
    w.resize(w.minimumSize())
    qtbot.wait(50)
    assert (w.width(), w.height()) == (w.minimumSize().width(), w.minimumSize().height())
    assert w.minimumSize().width() <= 1024 and w.minimumSize().height() <= 600
    problems = []
    for i in range(len(steps.STEPS)):
        w.go_to_step(i)
        settle(qtbot, w)
        problems += nested_scrolling(w, i)
        # the way on is always on screen: the step list and both buttons lie inside the window
        for button in (w.back_button, w.next_button):
            corner = button.mapTo(w, button.rect().bottomRight())
            assert w.rect().contains(corner), f"{button.text()} cut off on {steps.title(i)}"
    assert problems == [], "\n".join(problems)
    # the status bar says it all, or as much as fits with the whole in its tooltip
    label = w.leader_label
    full = w.status_text()
    assert len(full) > 60 and label.text() == full
    assert label.mapTo(w, label.rect().topRight()).x() <= w.width()
    if label.is_elided():
        assert label.shown_text().endswith("…")
        assert label.toolTip() == full
    else:
        assert label.shown_text() == full
    w.resize(1366, 768)
    qtbot.wait(50)
    assert not label.is_elided() or label.toolTip() == full


def test_the_status_bar_never_widens_the_window(qtbot, big_window):
    w = big_window
    w.resize(w.minimumSize())
    qtbot.wait(50)
    label = w.leader_label
    label.setText("Leading option: " + "a very long option name indeed " * 8)
    qtbot.wait(20)
    assert w.width() == w.minimumSize().width()
    assert label.is_elided() and label.toolTip() == label.text()
    assert label.fontMetrics().horizontalAdvance(label.shown_text()) <= label.width()


def test_a_chart_scrolled_out_of_the_page_waits_until_it_is_scrolled_into_view(qtbot,
                                                                                big_window):
    from ui.widgets.chart_view import ChartView

    w = big_window
    w.go_to_step(RESULTS)
    settle(qtbot, w)
    page = w.stack.widget(RESULTS)
    chart = w.step(RESULTS).capacity.chart       # at the foot of the Results page
    page.verticalScrollBar().setValue(0)
    qtbot.wait(50)
    assert chart.isVisible() and not chart.on_screen()
    drawn = chart.draw_count
    w.document.set_value(("settings", "discount_rate"), 0.031, "change discount rate",
                         merge=False)
    w.document.recalculate_now()
    w.document.wait_for_monte_carlo(30000)
    qtbot.wait(ChartView.PAUSE_MS + 150)
    assert chart.draw_count == drawn and not chart.pending      # out of sight: not redrawn
    page.ensureWidgetVisible(chart, 0, 0)
    qtbot.waitUntil(lambda: chart.draw_count == drawn + 1, timeout=10000)
    assert chart.on_screen() and not chart.pending


@pytest.mark.parametrize("checked", [False, True])
def test_tick_boxes_stand_out_in_the_dark_theme(qapp, checked):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from ui.app import dark_palette
    from ui.widgets.tick_style import TickStyle

    style = TickStyle()
    palette = dark_palette()
    image = QImage(20, 20, QImage.Format_RGB32)
    base = palette.color(palette.ColorRole.Base)
    image.fill(base)
    option = QStyleOptionViewItem()
    option.rect = QRect(2, 2, 16, 16)
    option.palette = palette
    option.state = QStyle.State_Enabled | (QStyle.State_On if checked else QStyle.State_Off)
    painter = QPainter(image)
    style.drawPrimitive(QStyle.PE_IndicatorItemViewItemCheck, option, painter)
    painter.end()
    edge = [image.pixelColor(x, 10).lightness() for x in range(0, 6)]     # the left side
    assert max(edge) - base.lightness() > 80          # the outline shows against the cell
    inside = [image.pixelColor(x, y).lightness() for x in range(7, 13) for y in range(7, 13)]
    assert (max(inside) - base.lightness() > 100) == checked     # and the tick only if ticked
