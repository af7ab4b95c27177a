"""Every chart, at every sample's names: no two pieces of text overlap and none runs off the
figure (measured from matplotlib's own text extents after the figure is laid out)."""
from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from appraisal import appraise, charts, load_case
from appraisal.resources import sample_cases

SAMPLES = list(sample_cases())
SLACK = 2.0     # pixels: glyph boxes that merely touch are not a collision


def drawn_texts(fig: Figure) -> list:
    """The text the figure shows: titles, axis labels, tick labels inside the view, in-axes
    text, legends (tick labels matplotlib keeps for ticks outside the view are not drawn)."""
    out = list(fig.texts)
    for ax in fig.get_axes():
        if not ax.get_visible():
            continue
        out += [*ax.texts, ax.title, ax._left_title, ax._right_title, ax.xaxis.label,
                ax.yaxis.label]
        for axis, limits in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            lo, hi = min(limits), max(limits)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                    out += [tick.label1, tick.label2]
        if ax.get_legend() is not None:
            out += list(ax.get_legend().get_texts())
    for legend in fig.legends:
        out += list(legend.get_texts())
    return [t for t in out if t.get_visible() and t.get_text().strip()]


def collisions(fig: Figure) -> list[tuple]:
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in drawn_texts(fig)]
    page = fig.bbox
    found = []
    for i, (a, box) in enumerate(boxes):
        if (box.x0 < page.x0 - SLACK or box.x1 > page.x1 + SLACK or box.y0 < page.y0 - SLACK
                or box.y1 > page.y1 + SLACK):
            found.append(("cut off", a))
        for b, other in boxes[i + 1:]:
            if (min(box.x1, other.x1) - max(box.x0, other.x0) > SLACK
                    and min(box.y1, other.y1) - max(box.y0, other.y0) > SLACK):
                found.append(("overlaps", a, b))
    return found


def test_the_checker_sees_a_collision():
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.text(0.5, 0.5, "Federal group")
    ax.text(0.52, 0.5, "Full merger")
    ax.set_xlabel("a label far too long to fit inside a figure only three inches wide at all")
    found = collisions(fig)
    assert ("overlaps", "Federal group", "Full merger") in found
    assert any(f[0] == "cut off" for f in found)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_no_chart_has_overlapping_or_cut_text(path):
    results = appraise(load_case(path), monte_carlo=False)
    bad = {}
    for name, draw in charts.CHARTS.items():
        found = collisions(draw(results))
        if found:
            bad[name] = found[:3]
    assert not bad, bad


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_every_chart_is_vector(name):
    """No chart embeds a picture (the heat map and its colour bar were images)."""
    results = appraise(load_case(SAMPLES[-1]), monte_carlo=False)
    assert b"<image" not in charts.svg_bytes(charts.CHARTS[name](results))
