"""Money charts: NPV against the baseline, cumulative cash flow, tornado, Monte Carlo histogram.

Every figure is read from :class:`appraisal.results.Results`; nothing is recomputed here.
"""
from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure

from ..formatting import money_k
from ..results import Results
from .base import (BLUE, FONT, GREY, VERMILLION, driver_name, empty, label, label_lines,
                   legend_label, money_axis, new_figure, style, tidy)


def npv_bars(results: Results, *, height_in: float | None = None) -> Figure:
    """Horizontal bars: each option's NPV against the baseline (model.md §2), labelled £k."""
    opts = results.options
    fig = new_figure(height_in or max(1.8, 0.9 + 0.36 * len(opts)))
    ax = fig.add_subplot()
    y = np.arange(len(opts))[::-1]
    vals = [o.npv_vs_baseline for o in opts]
    colours = [GREY if o.baseline else (BLUE if v >= 0 else VERMILLION)
               for o, v in zip(opts, vals)]
    ax.barh(y, vals, color=colours, height=0.6)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, [label_lines(o.name + (" (baseline)" if o.baseline else ""), 30)
                      for o in opts], fontsize=7.5, linespacing=0.95)
    span = max((abs(v) for v in vals), default=0.0) or 1.0
    for yi, v in zip(y, vals):
        ax.text(v + (0.01 * span if v >= 0 else -0.01 * span), yi, money_k(v), va="center",
                ha="left" if v >= 0 else "right", fontsize=7, fontfamily=FONT)
    ax.set_xlim(min(0.0, min(vals)) - 0.25 * span, max(0.0, max(vals)) + 0.25 * span)
    money_axis(ax.xaxis)
    tidy(ax, grid_axis="x")
    ax.set_xlabel("NPV against the baseline", fontsize=8, fontfamily=FONT)
    return fig


def cash_flow_lines(results: Results, *, height_in: float = 3.0) -> Figure:
    """Cumulative undiscounted net cash flow per option against the baseline's, by calendar
    year: where a line is at or above zero from some year on, the option has paid back
    (model-v2.md V1); its lowest point is the funding low point."""
    fig = new_figure(height_in)
    ax = fig.add_subplot()
    for i, o in enumerate(results.options):
        years = [cf.calendar_year for cf in o.cash_flows]
        ax.plot(years, o.cumulative_vs_baseline, label=legend_label(o.name),
                linewidth=1.6, markersize=3.5, **style(i))
    ax.axhline(0, color="black", linewidth=0.8)
    money_axis(ax.yaxis)
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    tidy(ax)
    ax.set_ylabel("Cumulative cash vs baseline", fontsize=8, fontfamily=FONT)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0),
              prop={"family": FONT, "size": 7})
    return fig


def tornado(results: Results, option_id: str | None = None, *, max_rows: int = 10,
            height_in: float | None = None) -> Figure:
    """The option's NPV against the baseline with each driver at its low and high ends.

    Rows come from ``OptionResult.tornado`` (widest swing first, model-v2.md V4); the line marks
    the base figure. Defaults to the leading option.
    """
    o = results.option(option_id or results.leader or results.npv_leader)
    rows = o.tornado[:max_rows]
    fig = new_figure(height_in or max(1.8, 1.0 + 0.34 * len(rows)))
    if not rows:
        return empty(fig, f"{label(o.name, 40)}: no line carries a low–high range")
    ax = fig.add_subplot()
    y = np.arange(len(rows))[::-1]
    base = o.npv_vs_baseline
    # Colour says worse or better than the base, whichever end of the input does it; the
    # low end is hatched, so the input's direction can still be read.
    shown = set()
    for yi, r in zip(y, rows):
        for end, npv, hatch in (("low", r.npv_vs_baseline_at_low, "////"),
                                ("high", r.npv_vs_baseline_at_high, None)):
            worse = npv < base
            key = ("worse" if worse else "better", end)
            ax.barh(yi, npv - base, left=base, color=VERMILLION if worse else BLUE, height=0.6,
                    hatch=hatch, edgecolor="white", linewidth=0,
                    label=None if key in shown else
                    f"{key[0]} than base, input at its {end} value")
            shown.add(key)
    ax.axvline(base, color="black", linewidth=0.9)
    ax.set_yticks(y, [label_lines(driver_name(results, o.id, r), 30)
                      for r in rows], fontsize=7.5, linespacing=0.95)
    money_axis(ax.xaxis)
    tidy(ax, grid_axis="x")
    whole = textwrap.fill(f"NPV of {label(o.name, 10_000)} against the baseline", 90)
    ax.set_xlabel(f"{whole}\n(base {money_k(base)})", fontsize=8, fontfamily=FONT)
    fig.legend(frameon=False, loc="outside lower center", ncols=2,
               prop={"family": FONT, "size": 7})
    return fig


def monte_carlo_histogram(results: Results, option_ids: list[str] | None = None, *,
                          height_in: float = 2.8) -> Figure:
    """Distribution of NPV over the Monte Carlo draws: one outline per option, shared bins.

    An option whose draws all fall in one bin (no uncertain line, e.g. the baseline) is drawn
    as a vertical line at its NPV instead, so that its spike does not flatten the others.
    """
    fig = new_figure(height_in)
    edges = results.histogram_edges
    chosen = [o for o in results.options
              if o.monte_carlo is not None and (option_ids is None or o.id in option_ids)]
    if not edges or not chosen:
        return empty(fig, "No Monte Carlo simulation: no line carries a low–high range")
    ax = fig.add_subplot()
    for i, o in enumerate(results.options):
        if o not in chosen:
            continue
        assert o.monte_carlo is not None         # ``chosen`` holds simulated options only
        counts = o.monte_carlo.histogram_counts
        st = style(i)
        if sum(1 for c in counts if c) <= 1:
            ax.axvline(o.npv, color=st["color"], linestyle=st["linestyle"], linewidth=1.5,
                       label=legend_label(f"{o.name} (certain)"))
        else:
            ax.stairs(counts, edges, label=legend_label(o.name), color=st["color"],
                      linewidth=1.5, linestyle=st["linestyle"], fill=False)
    money_axis(ax.xaxis)
    tidy(ax)
    ax.set_xlabel("NPV (each option's draws)", fontsize=8, fontfamily=FONT)
    ax.set_ylabel("Draws", fontsize=8, fontfamily=FONT)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0),
              prop={"family": FONT, "size": 7})
    return fig
