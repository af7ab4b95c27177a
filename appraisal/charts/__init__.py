"""Charts shared by the app and the board paper: each takes Results and returns a Figure.

Every function has the shape ``chart(results, **options) -> matplotlib.figure.Figure``. Figures
are built without pyplot (no global state) and drawn with the Agg or SVG canvases; the app puts
them in its own canvas, the board paper draws them as vectors straight onto its pages (report.paper.vector).
Colours are Okabe–Ito (colour-blind safe), type is DejaVu Sans, money axes read ``−£1,234k``.

Public functions:
    continuum_map(results)             options placed between standalone and merger
    npv_bars(results)                  NPV against the baseline, by option
    cash_flow_lines(results)           cumulative net cash flow per option, by year
    score_heatmap(results)             the score matrix, options × criteria
    weighted_score_bars(results)       weighted score out of 100, by option
    value_for_money(results)           NPV vs baseline against weighted score; non-dominated starred
    tornado(results, option_id=None)   the option's NPV with each ranged line at low and high
    weight_sensitivity(results, criteria=None)  weighted score as each criterion's weight moves
    sensitive_criteria(results) -> [ids]  the (at most six) criteria weight_sensitivity shows
    monte_carlo_histogram(results, option_ids=None)  distribution of NPV over the draws
    risk_grid(results)                 the risk register on a likelihood × impact grid
    capacity_tests(results, option_id=None)  each covenant's metric by year against its limit
    non_dominated(results) -> [ids]    options no other beats on both NPV and weighted score
    svg_bytes(fig), png_bytes(fig, dpi=100)   render a figure in memory
    short(text, limit)                 a label cut with an ellipsis
    line_name(results, option_id, ref, label)  a line's name for people (loans by lender)
"""
from .base import OKABE_ITO, driver_name, line_name, png_bytes, short, svg_bytes
from .capacity import capacity_tests
from .maps import continuum_map, continuum_position, risk_grid
from .money import cash_flow_lines, monte_carlo_histogram, npv_bars, tornado
from .scores import (non_dominated, score_heatmap, sensitive_criteria, value_for_money,
                     weight_sensitivity, weighted_score_bars)

# Every chart the app and the paper can ask for, by name, in the order the paper uses them.
CHARTS = {
    "continuum_map": continuum_map,
    "npv_bars": npv_bars,
    "cash_flow_lines": cash_flow_lines,
    "score_heatmap": score_heatmap,
    "weighted_score_bars": weighted_score_bars,
    "value_for_money": value_for_money,
    "tornado": tornado,
    "weight_sensitivity": weight_sensitivity,
    "monte_carlo_histogram": monte_carlo_histogram,
    "risk_grid": risk_grid,
    "capacity_tests": capacity_tests,
}

__all__ = ["CHARTS", "OKABE_ITO", "capacity_tests", "cash_flow_lines", "continuum_map",
           "continuum_position", "driver_name", "line_name", "monte_carlo_histogram",
           "non_dominated", "npv_bars", "png_bytes",
           "risk_grid", "score_heatmap", "sensitive_criteria", "short", "svg_bytes", "tornado",
           "value_for_money", "weight_sensitivity", "weighted_score_bars"]
