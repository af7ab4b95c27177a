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
from .base import BLACK, FONT, colour, empty, label, new_figure, tidy

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


def scored_pairs(results: Results) -> list[tuple]:
    """(option, criterion) pairs that at least one member scored, in the case's order."""
    case = results.case
    return [(o, c) for o in case.options for c in case.criteria if not c.derived
            and results.member_spread and results.member_spread["scores"][o.id][c.id]["count"]]


def score_spread(results: Results, named: bool | None = None, limit: int = 24) -> Figure:
    """For each option and criterion a member scored (a row), the members' scores (dots) and
    the board's (a bar), on the 0 to 10 scale. At most ``limit`` rows, the widest first."""
    case = results.case
    pairs = scored_pairs(results)
    if not pairs:
        return empty(new_figure(1.6), "No member has given scores of their own yet.")
    if len(pairs) > limit:
        spread = (results.member_spread or {})["scores"]
        widest = sorted(range(len(pairs)), key=lambda k: -(
            spread[pairs[k][0].id][pairs[k][1].id]["high"]
            - spread[pairs[k][0].id][pairs[k][1].id]["low"]))[:limit]
        pairs = [pairs[k] for k in sorted(widest)]
    names = labels(results, named)
    scorers = [i for i, m in enumerate(case.members) if m.scores]
    fig = new_figure(max(1.9, 1.1 + 0.3 * len(pairs)))
    ax = fig.add_subplot()
    y = np.arange(len(pairs))[::-1]
    n = len(scorers)
    for k, i in enumerate(scorers):
        given = case.members[i].scores or {}
        pts = [(y[r], given[o.id][c.id]) for r, (o, c) in enumerate(pairs)
               if c.id in given.get(o.id, {})]
        if pts:
            offset = (k - (n - 1) / 2) * min(0.5 / n, 0.12)
            ax.scatter([v for _, v in pts], [r + offset for r, _ in pts], s=MARKER_SIZE,
                       color=colour(i), edgecolor="white", linewidth=0.5, zorder=5)
    board = [o.scores.get(c.id) for o, c in pairs]          # None: the board has not scored it
    ax.scatter([np.nan if v is None else v for v in board], y, marker="|", s=220, linewidths=2.5,
               color=BLACK, zorder=4)
    ax.set_yticks(y, [f"{label(o.name, 30)} · {label(c.name, 24)}" for o, c in pairs],
                  fontsize=7.5, fontfamily=FONT)
    ax.set_xlim(-0.3, 10.3)
    ax.set_xticks(range(0, 11, 2))
    ax.set_xlabel("score (0 to 10)", fontsize=8, fontfamily=FONT)
    tidy(ax, grid_axis="x")
    _legend(fig, [(i, names[i]) for i in scorers], "the board's score", "|")
    return fig
