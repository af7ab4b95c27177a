"""What every chart shares: palette, type, figure factory, labels and the SVG/PNG writers.

Figures are built with :class:`matplotlib.figure.Figure` directly (no pyplot, so no global
state: two threads may draw at once) and rendered with the Agg or SVG canvases only.
"""
from __future__ import annotations

import io
import textwrap
import warnings
from typing import Literal

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..formatting import money_k

# Okabe–Ito: distinguishable with every common form of colour blindness.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000")
BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION, YELLOW, BLACK = OKABE_ITO
GREY = "#8C8C8C"
LIGHT = "#E6E6E6"
# Line styles and markers so that series differ without colour too (and in grey print).
LINESTYLES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

FONT = "DejaVu Sans"
WIDTH_IN = 6.7          # an A4 page's frame width (17 cm)
LABEL_CHARS = 28        # option and criterion names are shortened to this in charts


def colour(i: int) -> str:
    """The i-th series colour (cycling through the Okabe–Ito palette)."""
    return OKABE_ITO[i % len(OKABE_ITO)]


def style(i: int) -> dict:
    """Colour, line style and marker of the i-th series."""
    return {"color": colour(i), "linestyle": LINESTYLES[(i // len(OKABE_ITO)) % len(LINESTYLES)],
            "marker": MARKERS[i % len(MARKERS)]}


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """A name cut to ``limit`` characters with an ellipsis, on one line, for labels.

    >>> short("Cymdeithas Tai Gŵyr a'r Fro — shared back office", 20)
    'Cymdeithas Tai Gŵyr…'
    """
    one_line = " ".join(str(text).split())
    if len(one_line) <= limit:
        return one_line
    return one_line[: max(1, limit - 1)].rstrip() + "…"


def label(text: str, limit: int = LABEL_CHARS) -> str:
    """A user's name made safe for a chart label: shortened, '$' kept literal (no mathtext),
    and never starting with '_' (matplotlib would hide it from the legend)."""
    out = short(text, limit).replace("$", r"\$")
    return " " + out if out.startswith("_") else out


def label_lines(text: str, width: int = 16, lines: int = 2) -> str:
    """A label wrapped onto at most ``lines`` lines of ``width`` characters, with an ellipsis."""
    one_line = " ".join(str(text).split())
    wrapped = textwrap.wrap(one_line, width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines - 1] + [short(" ".join(wrapped[lines - 1:]), width)]
    return "\n".join(wrapped).replace("$", r"\$")


def line_name(results, option_id: str, ref: str, label: str) -> str:
    """The name people read for a line: its own label, or for an unlabelled loan re-pricing
    line its lender and the borrowing organisation, "Bank A loan (Oak Housing)", instead of
    the stand-in with the loan's id that Results carries (model.md §1)."""
    kind, _, rest = ref.partition("[")
    if kind != "loan_repricing":
        return label
    try:
        item = results.case.option(option_id).loan_repricing[int(rest.rstrip("]"))]
        org, loan = results.case.loan(item.loan)
    except (KeyError, IndexError, ValueError, StopIteration):
        return label
    if item.label:
        return label
    return f"{loan.lender or 'Loan'} loan ({org.name})"


def driver_name(results, option_id: str, row) -> str:
    """The name people read for a tornado row (a driver): its first line's name, and where it
    moves lines elsewhere, whose: "Payroll bureau (with the baseline's)" (model-v2.md V4)."""
    ref = row.ref
    if ref.startswith("baseline:"):
        return f"{line_name(results, results.baseline.id, ref[9:], row.label)} (the baseline's)"
    if not ref.startswith("driver:"):
        return line_name(results, option_id, ref, row.label)
    owners = {name.split(":", 1)[0] for name in row.lines}
    base = results.baseline.id
    if base in owners:
        return f"{row.label} (with the baseline's)"
    others = len(owners - {option_id})
    return f"{row.label} (shared with {others} other option{'s' if others != 1 else ''})" \
        if others else row.label


def legend_label(text: str, width: int = 24) -> str:
    """A name for a legend entry: wrapped onto two lines rather than cut short, '$' literal,
    never starting with '_' (which would hide it from the legend)."""
    out = label_lines(text, width, 2)
    return " " + out if out.startswith("_") else out


def new_figure(height_in: float = 3.0, width_in: float = WIDTH_IN,
               layout: Literal["constrained", "compressed", "tight"] | None = "constrained"
               ) -> Figure:
    """A blank figure in the house style (white, DejaVu Sans, constrained layout by default;
    ``layout=None`` for small multiples placed by hand, which draw much faster)."""
    fig = Figure(figsize=(width_in, height_in), dpi=100, layout=layout)
    fig.patch.set_facecolor("white")
    return fig


def tidy(ax, *, grid_axis: str | None = "y") -> None:
    """House style for an axes: no top/right spines, light grid, DejaVu Sans 8 pt ticks."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
    for label in ax.get_xticklabels() + ax.get_yticklabels():
        label.set_fontfamily(FONT)
    if grid_axis:
        ax.grid(axis=grid_axis, color=LIGHT, linewidth=0.8)
        ax.set_axisbelow(True)


def money_axis(axis) -> None:
    """Format an axis's ticks as thousands of pounds in the UK style (−£1,234k)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: money_k(v)))


def title(ax, text: str) -> None:
    ax.set_title(text, fontsize=10, fontfamily=FONT, loc="left")


def empty(fig: Figure, message: str) -> Figure:
    """A figure that says plainly there is nothing to draw."""
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=9, color=GREY,
            fontfamily=FONT, wrap=True)
    return fig


def _render(fig: Figure, canvas_cls, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    canvas = canvas_cls(fig)
    with warnings.catch_warnings():
        # DejaVu Sans has no emoji: they draw as boxes, which is acceptable; say nothing.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from")
        warnings.filterwarnings("ignore", message=r".*[Mm]atplotlib currently does not support")
        canvas.print_figure(buf, format=fmt, **kw)
    return buf.getvalue()


def svg_bytes(fig: Figure, *, text_as_text: bool = False) -> bytes:
    """The figure as SVG. By default text is drawn as outlines (no font needed to show it);
    ``text_as_text=True`` keeps it as text in DejaVu Sans, far smaller and quicker to convert,
    for a reader (such as the board paper) that has the font."""
    if not text_as_text:
        return _render(fig, FigureCanvasSVG, "svg")
    # rc_context touches matplotlib's settings for the duration of this render only; the
    # setting is read by the SVG writer alone, so Agg drawing elsewhere is unaffected.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        return _render(fig, FigureCanvasSVG, "svg")


def png_bytes(fig: Figure, dpi: int = 100) -> bytes:
    """The figure as a PNG image."""
    return _render(fig, FigureCanvasAgg, "png", dpi=dpi)


def describe(fig: Figure) -> str:
    """What a figure shows, in words, from its own text: each panel's title, its axes and the
    names along its category axis and in its legend (alternative text for a reader who cannot
    see the chart). Never empty."""
    parts = []
    for ax in fig.get_axes():
        if not ax.get_visible() or not ax.has_data() and not ax.texts:
            continue
        bits = []
        title = ax.get_title() or ax.get_title("left")
        if title:
            bits.append(title.strip())
        x, y = ax.get_xlabel().strip(), ax.get_ylabel().strip()
        if x and y:
            bits.append(f"{y} against {x}")
        elif x or y:
            bits.append(x or y)
        for axis, name in ((ax.get_yticklabels(), "items"), (ax.get_xticklabels(), "items")):
            names = [t.get_text() for t in axis if t.get_text() and not _numberlike(t.get_text())]
            if names:
                bits.append(f"{name}: " + "; ".join(dict.fromkeys(names)))
                break
        legend = ax.get_legend()
        if legend is not None:
            keys = [t.get_text() for t in legend.get_texts() if t.get_text()]
            if keys:
                bits.append("key: " + "; ".join(keys))
        if not bits:
            bits = [t.get_text() for t in ax.texts if t.get_text().strip()]
        if bits:
            parts.append(", ".join(bits))
    text = " ".join(". ".join(parts).split())
    return f"Chart: {text}." if text else "Chart."


def _numberlike(text: str) -> bool:
    return bool(text) and all(c in "0123456789.,−-+£k%x " for c in text)
