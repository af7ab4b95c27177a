"""Redrawing after an edit: steps behind another wait, charts are drawn once and only on screen.

The window holds the worked example. Figures are checked against the engine's own for the
same edited case; chart drawing is counted on the chart views (``draw_count``) and on the
chart function itself (a counting wrapper around the view's factory).
"""
from __future__ import annotations

import copy
import json

from appraisal import appraise, parse_data
from appraisal.formatting import money_k
from ui.steps import RESULTS_STEP
from ui.widgets.chart_view import ChartView

CASE = 0


def counting(view: ChartView) -> list:
    """Wrap the view's chart function so that each figure it builds is counted."""
    calls: list = []
    make = view._factory

    def counted():
        calls.append(1)
        return make()

    view._factory = counted
    return calls


def npv_texts_for_rate(data: dict, rate: float) -> list[str]:
    changed = copy.deepcopy(data)
    changed["settings"]["discount_rate"] = rate
    return [money_k(o.npv) for o in appraise(parse_data(changed), monte_carlo=False).options]


def test_chart_waits_while_another_step_is_in_front_then_draws_once(qtbot, window, case_file):
    data = json.loads(case_file.read_text(encoding="utf-8"))
    doc = window.document
    window.go_to_step(RESULTS_STEP)
    results = window.step(RESULTS_STEP)
    view = results.chart_views["npv"]
    qtbot.waitUntil(lambda: not view.pending, timeout=5000)
    builds = counting(view)
    drawn = view.draw_count

    window.go_to_step(CASE)
    for rate in (0.031, 0.032, 0.033):
        doc.set_value(("settings", "discount_rate"), rate, "change discount rate", merge=False)
        doc.recalculate_now()
    doc.wait_for_monte_carlo(10000)
    qtbot.wait(ChartView.PAUSE_MS + 100)
    assert builds == [] and view.draw_count == drawn      # behind the Case step: not drawn
    assert results.when_shown.due                           # and its tables wait too
    assert results.summary.column_texts(2) != npv_texts_for_rate(data, 0.033)

    window.go_to_step(RESULTS_STEP)
    assert results.summary.column_texts(2) == npv_texts_for_rate(data, 0.033)   # at once
    qtbot.waitUntil(lambda: not view.pending, timeout=5000)
    qtbot.wait(ChartView.PAUSE_MS + 100)
    assert len(builds) == 1 and view.draw_count == drawn + 1
    # the other chart tabs are not on screen: still not drawn
    assert results.chart_views["cash_flow"].draw_count == 0


def test_chart_on_screen_is_drawn_once_after_a_run_of_edits(qtbot, window, case_file):
    data = json.loads(case_file.read_text(encoding="utf-8"))
    doc = window.document
    window.go_to_step(RESULTS_STEP)
    results = window.step(RESULTS_STEP)
    view = results.chart_views["npv"]
    qtbot.waitUntil(lambda: not view.pending, timeout=5000)
    doc.wait_for_monte_carlo(10000)
    qtbot.waitUntil(lambda: not view.pending, timeout=5000)
    builds = counting(view)

    for rate in (0.031, 0.032, 0.033, 0.034):
        doc.set_value(("settings", "discount_rate"), rate, "change discount rate", merge=False)
        doc.recalculate_now()
        # the table shows the engine's figure straight away; the chart waits for a pause
        assert results.summary.column_texts(2) == npv_texts_for_rate(data, rate)
        assert view.pending and builds == []
    doc.wait_for_monte_carlo(10000)
    qtbot.waitUntil(lambda: not view.pending, timeout=5000)
    qtbot.wait(ChartView.PAUSE_MS + 100)
    assert len(builds) == 1
    assert view.figure is not None


def test_score_colours_come_from_a_table_of_tenths():
    from matplotlib import colormaps
    from PySide6.QtGui import QColor

    from ui.widgets.tones import score_colour, score_text_colour

    r, g, b, _ = colormaps["cividis"](0.65)
    assert score_colour(6.5) == QColor.fromRgbF(r, g, b)
    assert score_colour(6.54) == score_colour(6.5) and score_colour(12) == score_colour(10)
    assert score_text_colour(0) == QColor("#FFFFFF")        # white on dark blue
    assert score_text_colour(10) == QColor("#000000")       # black on yellow
