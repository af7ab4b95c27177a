"""Charts drawn straight onto the PDF page: a small matplotlib renderer for a reportlab canvas.

A chart used to travel matplotlib → SVG text → svglib → reportlab shapes → PDF operators, and
the two conversions took most of the time it took to make the paper. Here matplotlib draws each
path, marker, hatch and line of text through :class:`CanvasRenderer`, which turns it into the
canvas's own operators at once: the chart stays vector (text stays text, in the same embedded
DejaVu Sans as the paper, so it can be searched and copied), and nothing is parsed twice.

The renderer works in points (72 to the inch, as matplotlib's own PDF and SVG writers do); the
figure's layout (constrained or tight) is worked out by matplotlib before it draws.
"""
from __future__ import annotations

import threading
import warnings
from io import BytesIO

import numpy as np
from matplotlib.backend_bases import FigureCanvasBase, GraphicsContextBase, RendererBase
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.transforms import Affine2D
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from .script import printable

FONT = "DejaVuSans"
_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
HATCH_TILE = 72.0       # points a side of one hatch tile, as in matplotlib's PDF writer


def _font(prop) -> str:
    """The paper's DejaVu Sans face for a matplotlib font (every chart is set in DejaVu Sans)."""
    weight = prop.get_weight()
    bold = weight in ("bold", "heavy", "extra bold", "black", "semibold", "demibold") or (
        isinstance(weight, int | float) and weight >= 600)
    italic = prop.get_style() in ("italic", "oblique")
    return FONT + ("-Bold" if bold else "") + ("Oblique" if italic and bold else
                                               "-Oblique" if italic else "")


class CanvasRenderer(RendererBase):
    """matplotlib's drawing calls, made on a reportlab canvas whose origin is the chart's
    lower-left corner (y upwards, as in PDF)."""

    def __init__(self, canv: Canvas, width: float, height: float):
        super().__init__()
        self.canv = canv
        self.width, self.height = width, height

    # --- what matplotlib asks of a vector renderer ------------------------------------------
    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self):
        return self.width, self.height

    def points_to_pixels(self, points):
        return points

    def option_image_nocomposite(self) -> bool:
        return True

    def new_gc(self):
        return GraphicsContextBase()

    # --- paths --------------------------------------------------------------------------
    def _path(self, path: Path, transform, *, simplify: bool | None = None):
        p = self.canv.beginPath()
        x, y = 0.0, 0.0
        for verts, code in path.iter_segments(transform, simplify=simplify, curves=True,
                                              remove_nans=True):
            if code == Path.MOVETO:
                p.moveTo(*verts)
            elif code == Path.LINETO:
                p.lineTo(*verts)
            elif code == Path.CURVE4:
                p.curveTo(*verts)
            elif code == Path.CURVE3:        # a quadratic Bézier as the cubic it equals
                (qx, qy), (ex, ey) = verts[:2], verts[2:]
                p.curveTo(x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y),
                          ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey)
            elif code == Path.CLOSEPOLY:
                p.close()
                continue
            x, y = verts[-2:]
        return p

    def _clip(self, gc) -> None:
        rect = gc.get_clip_rectangle()
        if rect is not None:
            p = self.canv.beginPath()
            x0, y0, w, h = rect.bounds
            p.rect(x0, y0, w, h)
            self.canv.clipPath(p, stroke=0, fill=0)
        clip_path, affine = gc.get_clip_path()
        if clip_path is not None:
            self.canv.clipPath(self._path(clip_path, affine), stroke=0, fill=0)

    def _stroke_style(self, gc) -> bool:
        """Set the pen from ``gc``; False when nothing would show."""
        width = gc.get_linewidth()
        rgba = gc.get_rgb()
        alpha = gc.get_alpha() if gc.get_forced_alpha() else rgba[3]
        if width <= 0 or alpha <= 0:
            return False
        c = self.canv
        c.setStrokeColorRGB(*rgba[:3])
        c.setStrokeAlpha(alpha)
        c.setLineWidth(width)
        c.setLineCap(_CAPS.get(gc.get_capstyle(), 0))
        c.setLineJoin(_JOINS.get(gc.get_joinstyle(), 0))
        offset, dashes = gc.get_dashes()
        if dashes is not None and len(dashes):
            c.setDash(list(dashes), offset or 0)
        return True

    def _fill_style(self, gc, rgb_face) -> bool:
        if rgb_face is None:
            return False
        alpha = gc.get_alpha() if gc.get_forced_alpha() else (
            rgb_face[3] if len(rgb_face) > 3 else 1.0)
        if alpha <= 0:
            return False
        self.canv.setFillColorRGB(*rgb_face[:3])
        self.canv.setFillAlpha(alpha)
        return True

    def draw_path(self, gc, path, transform, rgbFace=None):
        c = self.canv
        c.saveState()
        self._clip(gc)
        fill = self._fill_style(gc, rgbFace)
        stroke = self._stroke_style(gc)
        hatch = gc.get_hatch()
        if fill or stroke:
            simplify = None if rgbFace is None else False
            c.drawPath(self._path(path, transform, simplify=simplify), stroke=int(stroke),
                       fill=int(fill), fillMode=0)
        if hatch:
            self._hatch(gc, path, transform)
        c.restoreState()

    def _hatch(self, gc, path, transform) -> None:
        """The hatch pattern tiled over the path's box, clipped to the path."""
        c = self.canv
        c.saveState()
        c.clipPath(self._path(path, transform, simplify=False), stroke=0, fill=0)
        box = path.get_extents(transform)
        if box.width <= 0 or box.height <= 0:
            c.restoreState()
            return
        rgba = gc.get_hatch_color()
        c.setStrokeColorRGB(*rgba[:3])
        c.setStrokeAlpha(rgba[3] if len(rgba) > 3 else 1.0)
        c.setFillColorRGB(*rgba[:3])
        c.setLineWidth(gc.get_hatch_linewidth())
        c.setDash([])
        tile = gc.get_hatch_path()
        x0 = np.floor(box.x0 / HATCH_TILE) * HATCH_TILE
        y0 = np.floor(box.y0 / HATCH_TILE) * HATCH_TILE
        for x in np.arange(x0, box.x1, HATCH_TILE):
            for y in np.arange(y0, box.y1, HATCH_TILE):
                where = Affine2D().scale(HATCH_TILE).translate(x, y)
                c.drawPath(self._path(tile, where, simplify=False), stroke=1, fill=0)
        c.restoreState()

    def draw_image(self, gc, x, y, im, transform=None):
        h, w = im.shape[:2]
        if w == 0 or h == 0:
            return
        from PIL import Image
        buf = BytesIO()
        Image.fromarray(im).save(buf, format="png")
        c = self.canv
        c.saveState()
        self._clip(gc)
        c.drawImage(ImageReader(BytesIO(buf.getvalue())), x, y, w, h, mask="auto")
        c.restoreState()

    # --- text ---------------------------------------------------------------------------
    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
            return
        rgba = gc.get_rgb()
        alpha = gc.get_alpha() if gc.get_forced_alpha() else rgba[3]
        c = self.canv
        c.saveState()
        self._clip(gc)
        c.setFillColorRGB(*rgba[:3])
        c.setFillAlpha(alpha)
        c.translate(x, y)
        if angle:
            c.rotate(angle)
        c.setFont(_font(prop), prop.get_size_in_points())
        c.drawString(0, 0, printable(s))
        c.restoreState()


class _PaperCanvas(FigureCanvasBase):
    """A figure canvas whose one renderer draws on a reportlab canvas; the layout engine asks
    it for that renderer (:meth:`get_renderer`), so text is measured once, by the renderer
    that draws it."""

    fixed_dpi = 72

    def __init__(self, figure: Figure, renderer: CanvasRenderer):
        super().__init__(figure)
        self.renderer = renderer

    def get_renderer(self) -> CanvasRenderer:
        return self.renderer


_BLANK = Canvas(BytesIO())      # where the shared renderer points between charts

# One renderer for the process, pointed at each chart's canvas in turn: matplotlib caches text
# measurements per renderer, and the charts of a paper share most of their strings (tick
# labels, keys, option names), so they are measured once, not once a chart.
_renderer = CanvasRenderer(_BLANK, 0.0, 0.0)
_renderer_lock = threading.Lock()


def draw_figure(fig: Figure, canv: Canvas) -> None:
    """Draw ``fig`` on ``canv`` with its lower-left corner at the canvas's origin, in points.

    The figure is drawn once: its layout engine (constrained, where it has one) runs inside
    that draw. (matplotlib's ``print_figure`` would draw it twice, once unseen to settle the
    layout and again for the page.)"""
    width, height = fig.get_size_inches()
    with _renderer_lock, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from")
        warnings.filterwarnings("ignore", message=r".*[Mm]atplotlib currently does not support")
        _renderer.canv, _renderer.width, _renderer.height = canv, width * 72, height * 72
        _PaperCanvas(fig, _renderer)
        dpi, fig.dpi = fig.dpi, 72
        try:
            fig.draw(_renderer)
        finally:
            fig.dpi = dpi
            _renderer.canv = _BLANK


class FigureFlowable(Flowable):
    """A matplotlib figure placed in the story at ``scale``, drawn when its page is drawn."""

    def __init__(self, fig: Figure, scale: float):
        super().__init__()
        self.fig = fig
        self.scale = scale
        w, h = fig.get_size_inches()
        self.width, self.height = w * 72 * scale, h * 72 * scale
        self.hAlign = "CENTER"

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        draw_figure(self.fig, self.canv)
        self.canv.restoreState()
