"""Non-financial charts: score matrix, weighted scores, value for money, weight sensitivity."""
from __future__ import annotations

import math
import textwrap

import numpy as np
from matplotlib.figure import Figure

from ..formatting import pct
from ..formatting import score as fmt_score
from ..results import Results
from .base import (BLACK, BLUE, FONT, GREY, VERMILLION, label, label_lines, legend_label,
                   money_axis, new_figure, style, tidy)


def non_dominated(results: Results) -> list[str]:
    """Ids of the options that no other beats on both NPV vs baseline and weighted score."""
    return list(results.non_dominated)


def score_text(v: float) -> str:
    """A 0–10 score as typed (7) or, when derived and fractional, to one decimal (4.2)."""
    return f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.1f}"


def score_heatmap(results: Results, *, height_in: float | None = None) -> Figure:
    """Options (rows) against criteria (columns), each cell the 0–10 score, darker is better; a
    score not given yet is a blank cell marked with a dash."""
    crit = results.case.criteria
    opts = results.options
    m = np.array([[o.scores.get(c.id, np.nan) for c in crit] for o in opts], dtype=float)
    fig = new_figure(height_in or max(2.2, 1.6 + 0.32 * len(opts)))
    ax = fig.add_subplot()
    # A mesh of filled cells, not an image: it stays vector in the board paper.
    image = ax.pcolormesh(np.arange(len(crit) + 1) - 0.5, np.arange(len(opts) + 1) - 0.5, m,
                          cmap="cividis", vmin=0, vmax=10, edgecolors="white", linewidth=0.5)
    ax.set_ylim(len(opts) - 0.5, -0.5)          # the first option at the top, as in the case
    fs = 7 if len(crit) <= 8 else 6
    for (r, c), v in np.ndenumerate(m):
        if np.isnan(v):
            ax.text(c, r, "—", ha="center", va="center", fontsize=fs, fontfamily=FONT,
                    color="grey")
            continue
        ax.text(c, r, score_text(v), ha="center", va="center", fontsize=fs, fontfamily=FONT,
                color="white" if v < 5.5 else "black")
    if len(crit) <= 5:
        ax.set_xticks(range(len(crit)),
                      [f"{label_lines(c.name, 18)}\n{pct(results.weights[c.id])}" for c in crit],
                      fontsize=fs, fontfamily=FONT, linespacing=0.95)
    else:
        # Too many columns for their names: numbered, with a key in full beneath (no name is
        # cut and no label is turned on its side to collide with its neighbour).
        ax.set_xticks(range(len(crit)),
                      [f"{k}\n{pct(results.weights[c.id])}" for k, c in enumerate(crit, 1)],
                      fontsize=fs, fontfamily=FONT)
        items = [f"{k}\u00a0{label(c.name, 60)}".replace(" ", "\u00a0")
                 for k, c in enumerate(crit, 1)]
        key = textwrap.wrap("   ".join(items), 75, break_on_hyphens=False, break_long_words=False)
        ax.set_xlabel("\n".join(line.replace("\u00a0", " ") for line in key), fontsize=6.5,
                      fontfamily=FONT, loc="left", linespacing=1.3)
    ax.set_yticks(range(len(opts)), [label_lines(o.name, 30) for o in opts], fontsize=7,
                  fontfamily=FONT, linespacing=0.95)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    # Forty bands (under matplotlib's 50, past which a colour bar is drawn as an image).
    bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.01, boundaries=np.linspace(0, 10, 41),
                       ticks=range(0, 11, 2))
    bar.ax.tick_params(labelsize=7)
    bar.set_label("score (0–10)", fontsize=7, fontfamily=FONT)
    return fig


def weighted_score_bars(results: Results, *, height_in: float | None = None) -> Figure:
    """Horizontal bars of each option's weighted score out of 100; the leader in blue. An option
    without a weighted score yet (a score missing) is left out."""
    opts = [o for o in results.options if o.weighted_score is not None]
    fig = new_figure(height_in or max(1.8, 0.9 + 0.32 * len(opts)))
    ax = fig.add_subplot()
    y = np.arange(len(opts))[::-1]
    values = [o.weighted_score or 0.0 for o in opts]      # None left out above
    ax.barh(y, values, height=0.6,
            color=[BLUE if o.id == results.leader else GREY for o in opts])
    for yi, v in zip(y, values):
        ax.text(v + 1, yi, fmt_score(v), va="center", fontsize=7, fontfamily=FONT)
    ax.set_yticks(y, [label_lines(o.name, 30) for o in opts], fontsize=7.5, linespacing=0.95)
    ax.set_xlim(0, 108)
    tidy(ax, grid_axis="x")
    ax.set_xlabel("Weighted score (out of 100)", fontsize=8, fontfamily=FONT)
    return fig


def value_for_money(results: Results, *, height_in: float = 3.2) -> Figure:
    """NPV vs baseline (y) against weighted score (x); options no other beats on both starred."""
    fig = new_figure(height_in)
    ax = fig.add_subplot()
    front = set(non_dominated(results))
    for i, o in enumerate(results.options):
        if o.weighted_score is None:
            continue                    # not scored yet: no place on the score axis
        best = o.id in front
        ax.scatter(o.weighted_score, o.npv_vs_baseline, s=90 if best else 40,
                   marker="*" if best else "o", color=BLUE if best else GREY,
                   edgecolor=BLACK, linewidth=0.5, zorder=3)
        ax.annotate(label(o.name, 24), (o.weighted_score, o.npv_vs_baseline),
                    xytext=(5, 4), textcoords="offset points", fontsize=7, fontfamily=FONT)
    pts = sorted((o.weighted_score, o.npv_vs_baseline) for o in results.options
                 if o.id in front and o.weighted_score is not None)
    if len(pts) > 1:
        ax.plot(*zip(*pts), color=BLUE, linewidth=0.8, linestyle="--", zorder=2)
    ax.axhline(0, color="black", linewidth=0.7)
    money_axis(ax.yaxis)
    tidy(ax, grid_axis="both")
    ax.margins(x=0.18, y=0.15)
    ax.set_xlabel("Weighted score (out of 100)", fontsize=8, fontfamily=FONT)
    ax.set_ylabel("NPV against the baseline", fontsize=8, fontfamily=FONT)
    ax.scatter([], [], marker="*", s=90, color=BLUE, edgecolor=BLACK, linewidth=0.5,
               label="no other option is better on both")
    fig.legend(frameon=False, loc="outside lower center", prop={"family": FONT, "size": 7})
    return fig


def sensitive_criteria(results: Results, limit: int = 6) -> list[str]:
    """Criteria most likely to change the leader: those with a switching weight, nearest first
    (``Results.criteria_nearest_switching``), then the heaviest of the rest; at most ``limit``,
    in the case's order."""
    nearest = results.criteria_nearest_switching
    rest = sorted((c.id for c in results.case.criteria if c.id not in nearest),
                  key=lambda cid: -results.weights[cid])
    chosen = set((nearest + rest)[:limit])
    return [c.id for c in results.case.criteria if c.id in chosen]


def weight_sensitivity(results: Results, criteria: list[str] | None = None, *,
                       ncols: int = 3) -> Figure:
    """Each option's weighted score as one criterion's weight runs 0–100% (others in proportion).

    One small panel per criterion (``Results.weight_curves`` over ``Results.weight_grid``); the
    solid line marks today's weight, the dotted one the switching weight where there is one.
    ``criteria`` defaults to :func:`sensitive_criteria` (at most six panels).
    """
    wanted = criteria if criteria is not None else sensitive_criteria(results)
    crit = [c for c in results.case.criteria if c.id in wanted]
    n = max(1, len(crit))
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    # The key sits below the panels: room for its rows (each up to two lines of a name),
    # so that it never runs into the panels' axis labels.
    key_cols = min(4, len(results.options) + 2)
    key_rows = math.ceil((len(results.options) + 2) / key_cols)
    bottom = 0.5 + 0.3 * key_rows
    height = 0.3 + bottom + 1.75 * nrows
    fig = new_figure(height, layout=None)
    fig.subplots_adjust(left=0.09, right=0.98, top=1 - 0.3 / height, bottom=bottom / height,
                        wspace=0.12, hspace=0.55)
    grid = np.array(results.weight_grid) * 100
    axes = fig.subplots(nrows, ncols, squeeze=False, sharey=True)
    for k, ax in enumerate(axes.flat):
        if k >= len(crit):
            ax.set_axis_off()
            continue
        c = crit[k]
        curves = np.array(results.weight_curves[c.id])
        for i, o in enumerate(results.options):
            st = style(i)
            ax.plot(grid, curves[:, i], color=st["color"], linestyle=st["linestyle"],
                    linewidth=1.2, label=legend_label(o.name) if k == 0 else None)
        ax.axvline(100 * results.weights[c.id], color=BLACK, linewidth=0.8)
        sw = results.switching_weights.get(c.id)
        if sw is not None:
            ax.axvline(100 * sw, color=VERMILLION, linewidth=1.0, linestyle=":")
        ax.set_title(label(c.name, 30), fontsize=8, fontfamily=FONT, loc="left")
        ax.set_xlim(0, 100)
        if k >= len(crit) - ncols:
            ax.set_xlabel("weight (%)", fontsize=7, fontfamily=FONT)
        tidy(ax)
        ax.tick_params(labelsize=7)
    fig.text(0.012, 0.5 + 0.2 / height, "Weighted score", rotation=90, va="center", fontsize=8,
             fontfamily=FONT)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    handles += [axes.flat[0].plot([], [], color=BLACK, linewidth=0.8)[0],
                axes.flat[0].plot([], [], color=VERMILLION, linestyle=":")[0]]
    labels += ["today's weight", "switching weight"]
    fig.legend(handles, labels, loc="lower center", ncols=key_cols,
               frameon=False, prop={"family": FONT, "size": 7}, bbox_to_anchor=(0.5, 0.0))
    return fig

