"""Charts drawn onto the paper's pages (report.paper.vector): each figure is drawn once, with its
constrained layout settled in that one draw, by a renderer that measures each string once."""
from __future__ import annotations

import io

import pypdf
from reportlab.pdfgen.canvas import Canvas

from appraisal.charts.base import new_figure
from appraisal.report.paper import kit, vector


def _figure():
    fig = new_figure(2.0, 4.0)                    # constrained layout, 100 dpi, as every chart
    ax = fig.add_subplot()
    ax.plot([2026, 2027, 2028], [1.5, 2.5, 2.0], label="As planned")
    ax.set_ylabel("Interest cover")
    ax.set_title("Wealdmoor loan covenant", loc="left")
    return fig


def _page(fig) -> bytes:
    kit.register_fonts()
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(4 * 72, 2 * 72), invariant=1)
    vector.draw_figure(fig, canv)
    canv.showPage()
    canv.save()
    return buf.getvalue()


def test_a_figure_is_drawn_once_with_its_layout_and_keeps_its_resolution():
    fig = _figure()
    draws = []
    original = fig.draw
    fig.draw = lambda renderer: (draws.append(renderer), original(renderer))[1]
    before = fig.axes[0].get_position().bounds
    data = _page(fig)
    assert len(draws) == 1                       # print_figure drew it twice (once unseen)
    assert fig.axes[0].get_position().bounds != before      # constrained layout ran
    assert fig.dpi == 100                        # the figure is left as it was found
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Interest cover" in text and "Wealdmoor loan covenant" in text and "2027" in text


def test_a_string_is_measured_once_across_charts_and_the_page_is_unchanged(monkeypatch):
    first = _page(_figure())
    calls = []
    measure = vector.CanvasRenderer.get_text_width_height_descent
    monkeypatch.setattr(vector.CanvasRenderer, "get_text_width_height_descent",
                        lambda self, s, prop, ismath: (calls.append(s),
                                                       measure(self, s, prop, ismath))[1])
    second = _page(_figure())                   # a new figure with the same words
    assert calls == []
    assert second == first                      # measured once or twice, the same page
