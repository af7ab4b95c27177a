"""Affordability charts: each covenant or golden rule's metric by year against its limit (V10).

One small panel per test of an option: the metric as planned (solid), in the pessimistic case
(dashed) and the limit (a black line), with a breach marked by a red cross. Figures are read from
:class:`appraisal.results.Results`; nothing is recomputed here.
"""
from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..affordability import limit_text, test_name
from ..results import Results
from .base import BLUE, FONT, ORANGE, VERMILLION, empty, label_lines, new_figure, tidy

PANEL_HEIGHT_IN = 1.75


def _axis_text(metric: str):
    if metric == "gearing":
        return FuncFormatter(lambda v, _pos: f"{100 * v:.0f}%")
    return FuncFormatter(lambda v, _pos: f"{v:.2f}x")


def capacity_tests(results: Results, option_id: str | None = None, *, columns: int = 2,
                   tests: list[int] | None = None) -> Figure:
    """Small multiples: the option's tests (all, or those at ``tests``), one panel each."""
    option = results.option(option_id or results.recommended)
    chosen = [option.capacity[i] for i in (tests if tests is not None
                                             else range(len(option.capacity)))]
    if not chosen:
        return empty(new_figure(1.2), f"{option.name}: no covenant or golden rule to test "
                                      "(enter the partners' business plans and their loans' "
                                      "covenants)")
    columns = max(1, min(columns, len(chosen)))
    rows = math.ceil(len(chosen) / columns)
    fig = new_figure(0.3 + PANEL_HEIGHT_IN * rows)
    first = results.first_year
    chars = 100 // columns - 2 if columns > 1 else 90      # a title's line fits its panel
    for k, test in enumerate(chosen):
        ax = fig.add_subplot(rows, columns, k + 1)
        years = [first + t for t in range(len(test.values))]
        base = [math.nan if v is None else v for v in test.values]
        worse = [math.nan if v is None else v for v in test.stressed_values]
        ax.plot(years, worse, color=ORANGE, linestyle="--", linewidth=1.3,
                label="Pessimistic")
        ax.plot(years, base, color=BLUE, linewidth=1.6, marker="o", markersize=2.5,
                label="As planned")
        ax.axhline(test.limit, color="black", linewidth=0.9, linestyle=(0, (4, 2)),
                   label="Limit")
        sign = 1.0 if test.bound == "min" else -1.0
        for series, size in ((base, 28), (worse, 18)):
            hits = [(y, v) for y, v in zip(years, series)
                    if not math.isnan(v) and sign * (v - test.limit) < -1e-9]
            if hits:
                ax.scatter([y for y, _ in hits], [v for _, v in hits], marker="x",
                           color=VERMILLION, s=size, zorder=5, linewidths=1.4)
        name = test_name(results.case, test)
        ax.set_title(label_lines(f"{name[:1].upper()}{name[1:]}, {limit_text(test)}", chars, 3),
                     fontsize=7.5, fontfamily=FONT, loc="left")
        ax.yaxis.set_major_formatter(_axis_text(test.metric))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))
        tidy(ax)
        ax.tick_params(labelsize=7)
    handles, labels = fig.axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncols=3, frameon=False,
               prop={"family": FONT, "size": 7}, bbox_to_anchor=(0.5, 0.0))
    foot = 0.3 / (0.3 + PANEL_HEIGHT_IN * rows)
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):       # new_figure's layout: room for the key
        engine.set(rect=(0, foot, 1, 1 - foot))
    return fig
