"""The legal route as a timeline: one bar per step, from its start to its finish with every step
at its longest lead time, the critical path marked (deal-terms.md D5.1, D6)."""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..deal.words import short_step
from .base import FONT, GREY, OKABE_ITO, new_figure, short, tidy

CRITICAL = OKABE_ITO[5]       # vermillion
OTHER = OKABE_ITO[0]
DONE = "#BBBBBB"
MAX_BARS = 28


def route_timeline(route, names: dict[str, str]) -> Figure:
    """Bars for the route's steps that apply, in order of their latest start."""
    steps = [s for s in route.steps if s.applies is True]
    steps.sort(key=lambda s: (s.start[1], s.finish[1]))
    steps = steps[:MAX_BARS]
    fig = new_figure(height_in=0.9 + 0.2 * max(len(steps), 1))
    ax = fig.add_subplot(1, 1, 1)
    labels = []
    for k, s in enumerate(steps):
        whose = f"{short(names.get(s.organisation, s.organisation), 18)}: " if s.organisation \
            else ""
        labels.append(whose + short_step(s.id))
        done = s.status in ("done", "not_applicable")
        colour = DONE if done else CRITICAL if s.on_critical_path else OTHER
        width = max(s.finish[1] - s.start[1], 0.4)
        ax.barh(k, width, left=s.start[1], height=0.62, color=colour)
        if s.finish[0] < s.finish[1] and not done:
            ax.plot([s.finish[0]], [k], marker="|", color="black", markersize=7)
    ax.set_yticks(range(len(steps)), labels, fontsize=7, fontfamily=FONT)
    ax.invert_yaxis()
    ax.set_xlabel("Weeks from today at the longest lead times (| marks the earliest finish)",
                  fontsize=7.5, fontfamily=FONT)
    if route.completion_weeks:
        ax.axvline(route.completion_weeks[1], color=GREY, linewidth=0.8, linestyle="--")
    tidy(ax, grid_axis="x")
    ax.legend(handles=[Patch(color=CRITICAL, label="on the critical path"),
                       Patch(color=OTHER, label="other step"), Patch(color=DONE, label="done")],
              fontsize=7, loc="upper center", bbox_to_anchor=(0.5, 1.0 + 0.6 / max(len(steps), 1)),
              ncol=3, frameon=False)
    return fig
