"""Board members' views (model-v2.md V9): the spread of their weights and of their scores.

Each dot is one member's stated view; the board's agreed figure is the black bar. Members are
named, or called member A, B… where the case does not allow names (``labels``).
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..members import member_label
from ..results import Results
from .base import BLACK, FONT, GREY, colour, empty, label, new_figure, tidy

MARKER_SIZE = 34


def labels(results: Results, named: bool | None = None) -> list[str]:
    """Each member's label: their name if ``named`` (default: as the case allows)."""
    case = results.case
    if named is None:
        named = case.members_named
    return [m.name if named else member_label(case.model_copy(update={"members_named": False}),
                                                   i) for i, m in enumerate(case.members)]


def _legend(fig: Figure, shown: list[tuple[int, str]], board: str, bar: str) -> None:
    """Members (index in the case, label), each in their colour, then the board's mark."""
    handles = [Line2D([], [], linestyle="", marker="o", color=colour(i), label=label(n, 22))
               for i, n in shown]
    handles.append(Line2D([], [], linestyle="", marker=bar, markersize=12, mew=2.5, color=BLACK,
                          label=board))
    fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 5),
               fontsize=7, frameon=False, prop={"family": FONT, "size": 7})


def weight_spread(results: Results, named: bool | None = None) -> Figure:
    """For each criterion, each member's share of the weight (a dot) and the board's (a bar)."""
    case = results.case
    views = [(i, v) for i, v in enumerate(results.members) if v.own_weights]
    crit = case.criteria
    fig = new_figure(max(2.2, 1.3 + 0.34 * len(crit)))
    if not views:
        return empty(fig, "No member has given weights yet.")
    names = labels(results, named)
    ax = fig.add_subplot()
    y = np.arange(len(crit))[::-1]
    n = len(views)
    for k, (i, view) in enumerate(views):
        offset = (k - (n - 1) / 2) * min(0.5 / max(n, 1), 0.12)
        ax.scatter([100 * view.weights[c.id] for c in crit], y + offset, s=MARKER_SIZE,
                   color=colour(i), edgecolor="white", linewidth=0.5, zorder=5)
    ax.scatter([100 * results.weights[c.id] for c in crit], y, marker="|", s=260,
               linewidths=2.5, color=BLACK, zorder=4)
    ax.set_yticks(y, [label(c.name) for c in crit], fontsize=8, fontfamily=FONT)
    ax.set_xlabel("share of the total weight (%)", fontsize=8, fontfamily=FONT)
    ax.set_xlim(0, max(5.0, 5 * np.ceil(1.1 * 100 * max(
        [max(v.weights.values()) for _, v in views] + list(results.weights.values())) / 5)))
    tidy(ax, grid_axis="x")
    _legend(fig, [(i, names[i]) for i, _ in views], "the board's weight", "|")
    return fig


def score_spread(results: Results, named: bool | None = None) -> Figure:
    """For each option (a panel) and typed criterion, members' scores (dots), the board's (bar)."""
    case = results.case
    crit = [c for c in case.criteria if not c.derived]
    scorers = [i for i, m in enumerate(case.members) if m.scores]
    opts = case.options
    if not scorers or not crit:
        return empty(new_figure(1.6), "No member has given scores of their own yet.")
    names = labels(results, named)
    fig = new_figure(0.9 + 1.25 * len(opts))
    axes = fig.subplots(len(opts), 1, sharex=True, squeeze=False)[:, 0]
    x = np.arange(len(crit))
    for r, (ax, option) in enumerate(zip(axes, opts)):
        for k, i in enumerate(scorers):
            given = case.members[i].scores.get(option.id, {})
            pts = [(j, given[c.id]) for j, c in enumerate(crit) if c.id in given]
            if pts:
                offset = (k - (len(scorers) - 1) / 2) * min(0.5 / len(scorers), 0.1)
                ax.scatter([j + offset for j, _ in pts], [v for _, v in pts], s=MARKER_SIZE * 0.8,
                           color=colour(i), edgecolor="white", linewidth=0.5, zorder=5)
        ax.scatter(x, [option.scores.get(c.id, np.nan) for c in crit], marker="_", s=300,
                   linewidths=2.5, color=BLACK, zorder=4)
        ax.set_ylim(-0.5, 10.5)
        ax.set_yticks([0, 5, 10])
        ax.set_title(label(option.name, 50), fontsize=8, fontfamily=FONT, loc="left", pad=2)
        tidy(ax, grid_axis="y")
    axes[-1].set_xticks(x, [label(c.name, 16) for c in crit], fontsize=7, fontfamily=FONT,
                        rotation=25 if len(crit) > 4 else 0,
                        ha="right" if len(crit) > 4 else "center")
    axes[-1].set_xlim(-0.6, len(crit) - 0.4)
    fig.supylabel("score (0–10)", fontsize=8, fontfamily=FONT, color=GREY)
    _legend(fig, [(i, names[i]) for i in scorers], "the board's score", "_")
    return fig
