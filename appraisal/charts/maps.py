"""Maps: where the options sit on the continuum; the risk register on a likelihood × impact grid."""
from __future__ import annotations

from collections import defaultdict

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..continuum import FORMS, form
from ..results import Results
from .base import (BLACK, BLUE, FONT, GREY, LIGHT, ORANGE, VERMILLION, YELLOW, label_lines,
                   new_figure)

# Group structures sit a little towards autonomy (federal) or integration (partial integration).
SUBTYPE_SHIFT = {"federal": -0.04, "parent_subsidiary": 0.0, "partial_integration": 0.04}


def continuum_position(form_id: str, subtype: str | None = None) -> float:
    """Place of a form on the autonomy–integration axis (appraisal.continuum: 0 … 1)."""
    return form(form_id).position + SUBTYPE_SHIFT.get(subtype or "", 0.0)


def continuum_map(results: Results, *, height_in: float | None = None) -> Figure:
    """The eight forms from standalone to merger on one axis, each option placed on its form.

    Options on the same form stack upwards; the recommended option is drawn in blue, the
    baseline in grey.
    """
    case = results.case
    stacks: dict[str, int] = defaultdict(int)
    placed = []
    for o in case.options:
        placed.append((o, continuum_position(o.form, o.subtype), stacks[o.form]))
        stacks[o.form] += 1
    levels = max(stacks.values(), default=1)
    fig = new_figure(height_in or 1.9 + 0.4 * levels)
    ax = fig.add_subplot()
    ax.set_xlim(-0.07, 1.07)
    top = levels * 1.1 + 0.85
    ax.set_ylim(-1.35, top + 0.1)
    ax.set_axis_off()
    ax.annotate("", xy=(1.06, -0.35), xytext=(-0.06, -0.35),
                arrowprops={"arrowstyle": "<->", "color": GREY, "linewidth": 1.2})
    for k, f in enumerate(FORMS):
        low = k % 2 == 1        # stagger neighbours' labels so that close forms do not collide
        ax.plot([f.position] * 2, [-0.45, -0.25], color=GREY, linewidth=1)
        if low:
            ax.plot([f.position] * 2, [-0.45, -0.72], color=LIGHT, linewidth=0.8)
        ax.text(f.position, -0.95 if low else -0.5, f.name.replace(" ", "\n", 1), ha="center",
                va="top", fontsize=6.5, fontfamily=FONT)
    ax.text(-0.06, top, "← more autonomy", ha="left", va="top", fontsize=7,
            fontfamily=FONT, color=GREY, style="italic")
    ax.text(1.06, top, "more integration →", ha="right", va="top",
            fontsize=7, fontfamily=FONT, color=GREY, style="italic")
    rec = results.recommended
    order = sorted(range(len(placed)), key=lambda i: placed[i][1])
    raised = {i: (k % 2 == 1) for k, i in enumerate(order)}   # neighbours' labels alternate
    for i, (o, x, level) in enumerate(placed):
        col = BLUE if o.id == rec else (GREY if o.baseline else ORANGE)
        y = 0.15 + level * 1.1
        ax.plot([x], [y], marker="o", markersize=7, color=col, markeredgecolor=BLACK,
                markeredgewidth=0.5, zorder=3)
        ty = y + (0.62 if raised[i] else 0.2)
        if raised[i]:
            ax.plot([x, x], [y, ty], color=LIGHT, linewidth=0.8, zorder=1)
        ax.text(x, ty, label_lines(o.name, 18), ha="center", va="bottom", fontsize=6.3,
                fontfamily=FONT, linespacing=1.0, fontweight="bold" if o.id == rec else "normal")
    return fig


def risk_grid(results: Results, *, height_in: float = 3.4) -> Figure:
    """A 5 × 5 grid of likelihood (x) against impact (y); each risk a numbered dot in its cell.

    Numbers follow the order of the case's risk register (R1, R2 …); the cell colours run from
    low (likelihood × impact up to 4) through medium (5–12) to high (15 and above).
    """
    fig = new_figure(height_in, width_in=4.6)
    ax = fig.add_subplot()
    for lk in range(1, 6):
        for im in range(1, 6):
            p = lk * im
            shade = LIGHT if p <= 4 else (YELLOW if p <= 12 else VERMILLION)
            ax.add_patch(Rectangle((lk - 0.5, im - 0.5), 1, 1, facecolor=shade, alpha=0.45,
                                   edgecolor="white", linewidth=1.5))
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, r in enumerate(results.case.risks, start=1):
        cells[(r.likelihood, r.impact)].append(n)
    for (lk, im), ns in cells.items():
        names = [f"R{n}" for n in ns]
        if len(names) > 6:
            names = names[:5] + [f"+{len(ns) - 5}"]
        text = "\n".join(" ".join(names[i:i + 2]) for i in range(0, len(names), 2))
        ax.text(lk, im, text, ha="center", va="center", fontsize=6.5, fontfamily=FONT,
                fontweight="bold", linespacing=1.1)
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(np.arange(1, 6))
    ax.set_yticks(np.arange(1, 6))
    ax.tick_params(labelsize=7, length=0)
    ax.set_xlabel("Likelihood (1 rare – 5 almost certain)", fontsize=8, fontfamily=FONT)
    ax.set_ylabel("Impact (1 minor – 5 severe)", fontsize=8, fontfamily=FONT)
    ax.set_aspect("equal")
    for side in ax.spines.values():
        side.set_visible(False)
    return fig
