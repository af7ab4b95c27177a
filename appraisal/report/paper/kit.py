"""The board paper's house style, defined once: fonts, type scale, escaping, tables, charts.

All user text (names, labels, rationales, notes) reaches the page through :func:`esc`, so it is
printed as text and never read as markup. Tables hold Paragraphs (long text wraps) and repeat
their header row when they break across pages.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Set
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ...charts import short
from ...formatting import chance, chance_of_loss
from ...montecarlo import rank_correlation
from ...resources import matplotlib_font
from .script import printable
from .vector import FigureFlowable

PAGE = A4
MARGIN_X = 2.0 * cm
MARGIN_TOP = 2.4 * cm
MARGIN_BOTTOM = 2.0 * cm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN_X
FRAME_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM

FONT = "DejaVuSans"
FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
    f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#0072B2")      # Okabe–Ito blue, as in the charts
RULE = colors.HexColor("#BBBBBB")
HEADER_FILL = colors.HexColor("#E8F0F7")
STRIPE = colors.HexColor("#F6F6F6")

CELL_CHARS = 160        # user text in narrow table cells is cut to this, with an ellipsis
CELL_LIMIT = 600        # no table cell holds more text than this (a row must fit on a page)

_font_lock = threading.Lock()
_fonts_ready = False


def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique, bold oblique) once per process, as a family.

    The TTFs ship inside matplotlib; reportlab embeds the subset used, so Welsh ŵ and ŷ and
    other accents print on any reader.
    """
    global _fonts_ready
    with _font_lock:
        if _fonts_ready:
            return
        for name, file in FONT_FILES.items():
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(matplotlib_font(file))))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=f"{FONT}-Bold",
                                      italic=f"{FONT}-Oblique",
                                      boldItalic=f"{FONT}-BoldOblique")
        _fonts_ready = True


# Control characters other than tab and newline have no place in a PDF text run.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(text: object) -> str:
    """User text made safe for a Paragraph: <, & and > escaped, line breaks kept, no controls.

    >>> esc('<b>&amp;</b>')
    '&lt;b&gt;&amp;amp;&lt;/b&gt;'
    """
    clean = printable(_CONTROL.sub("", "" if text is None else str(text)))
    return _xml_escape(clean).replace("\r\n", "\n").replace("\n", "<br/>")


def esc_short(text: object, limit: int = CELL_CHARS) -> str:
    """User text cut to ``limit`` characters with an ellipsis, then escaped (for narrow cells)."""
    return esc(short("" if text is None else str(text), limit))


def _style(name: str, **kw) -> ParagraphStyle:
    base = {"fontName": FONT, "fontSize": 9.5, "leading": 13, "textColor": INK,
            "splitLongWords": 1, "allowWidows": 0}
    base.update(kw)
    return ParagraphStyle(name, **base)


STYLES = {
    "body": _style("body", spaceAfter=5),
    "small": _style("small", fontSize=8, leading=10.5, spaceAfter=3, textColor=MUTED),
    "bullet": _style("bullet", leftIndent=12, bulletIndent=2, spaceAfter=2),
    "h1": _style("h1", fontName=f"{FONT}-Bold", fontSize=15, leading=19, spaceBefore=4,
                 spaceAfter=8, textColor=ACCENT, keepWithNext=1),
    "h2": _style("h2", fontName=f"{FONT}-Bold", fontSize=11.5, leading=15, spaceBefore=9,
                 spaceAfter=4, keepWithNext=1),
    # h3 usually heads a table: a conditional page break (BoardPaper.heading) keeps it off the
    # foot of a page without pushing a long table whole onto the next one.
    "h3": _style("h3", fontName=f"{FONT}-Bold", fontSize=9.5, leading=13, spaceBefore=6,
                 spaceAfter=3),
    "title": _style("title", fontName=f"{FONT}-Bold", fontSize=24, leading=30, spaceAfter=14,
                    textColor=ACCENT),
    "status": _style("status", fontName=f"{FONT}-Bold", fontSize=14, leading=19, spaceAfter=12,
                     textColor=INK),
    "cover": _style("cover", fontSize=11, leading=16, spaceAfter=4),
    "callout": _style("callout", fontSize=10, leading=14, spaceAfter=6, leftIndent=8,
                      borderPadding=(6, 6, 6, 8), backColor=HEADER_FILL),
    "cell": _style("cell", fontSize=7.5, leading=9.5),
    "cell_num": _style("cell_num", fontSize=7.5, leading=9.5, alignment=TA_RIGHT),
    "cell_head": _style("cell_head", fontName=f"{FONT}-Bold", fontSize=7.5, leading=9.5,
                        alignment=TA_LEFT),
    "cell_head_num": _style("cell_head_num", fontName=f"{FONT}-Bold", fontSize=7.5,
                            leading=9.5, alignment=TA_RIGHT),
    "toc1": _style("toc1", fontSize=10, leading=15, leftIndent=0),
}
# Compact cells for wide tables (cash flows by year, redundancy).
for _name in ("cell", "cell_num", "cell_head", "cell_head_num"):
    STYLES[f"{_name}_compact"] = ParagraphStyle(f"{_name}_compact", parent=STYLES[_name],
                                                fontSize=6.6, leading=8.4)


def para(text: object, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: user text stays text)."""
    return Paragraph(esc(text), STYLES[style])


def markup(trusted: str, style: str = "body") -> Paragraph:
    """A paragraph of the paper's own markup; every user piece inside must come through esc()."""
    return Paragraph(trusted, STYLES[style])


def table(header: list[str], rows: list[list], widths: list[float], *,
          numeric: Set[int] = frozenset(), bold_last: bool = False,
          compact: bool = False) -> Table:
    """A table in the house style: header repeated on every page, Paragraph cells, stripes.

    ``widths`` are fractions of the frame width (they are scaled to sum to 1). Cells that are
    strings are escaped and wrapped; cells that are flowables are used as they are.
    """
    total = sum(widths)
    col_w = [FRAME_WIDTH * w / total for w in widths]

    def cell(value, col: int, head: bool = False):
        if isinstance(value, Flowable):
            return value
        name = (("cell_head" if head else "cell") + ("_num" if col in numeric else "")
                + ("_compact" if compact else ""))
        return Paragraph(esc_short(value, CELL_LIMIT), STYLES[name])

    data = [[cell(h, j, True) for j, h in enumerate(header)]]
    data += [[cell(v, j) for j, v in enumerate(r)] for r in rows]
    t = Table(data, colWidths=col_w, repeatRows=1, hAlign="LEFT")
    cmds = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    cmds += [("BACKGROUND", (0, i), (-1, i), STRIPE) for i in range(2, len(data), 2)]
    if bold_last and len(data) > 1:
        cmds.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
    t.setStyle(TableStyle(cmds))
    return t


def probability(p: float | None) -> str:
    """A simulated share in words: 'under 1%', '32%', 'over 99%' (see formatting.chance)."""
    return chance(p)


def loss_beside_worst(o) -> str:
    """The chance of loss with the worst case beside it (see formatting.chance_of_loss)."""
    return chance_of_loss(o)


def simulation_note(r) -> str:
    """What the chance of loss rests on: draws, independent drivers and the correlation."""
    mc = next((o.monte_carlo for o in r.options if o.monte_carlo is not None), None)
    if mc is None and r.driver_count:
        return ""                   # ranges, but no simulation asked for: nothing to qualify
    if mc is None:
        return ("No line carries a low–high range, so no chance of loss was simulated; the "
                "board should ask which figures are uncertain and by how much.")
    n = r.driver_count
    figures = f"{n} independent uncertain figure{'s' if n != 1 else ''}"
    if mc.correlation > 0:
        together = (f"savings and change costs correlated at {mc.correlation:g} (rank "
                    f"correlation {rank_correlation(mc.correlation):.2f}), as they tend to go "
                    "wrong together")
    else:
        together = "each drawn independently"
    return (f"Chance of loss: the share of {mc.draws:,} simulations worse than the baseline, "
            f"drawing {figures}, {together}. The worst case puts every one at its worse end at "
            "once, with no probability attached.")


def bold(text: object) -> Paragraph:
    """A table cell in bold (user text escaped)."""
    return Paragraph(f"<b>{esc(text)}</b>", STYLES["cell"])


def chart(fig, width: float = FRAME_WIDTH, max_height: float = FRAME_HEIGHT * 0.6) -> Flowable:
    """A matplotlib Figure as vectors on the page, scaled to fit ``width`` × ``max_height``;
    it is drawn straight onto the page when the page is drawn (see :mod:`.vector`)."""
    w, h = fig.get_size_inches()
    return FigureFlowable(fig, min(width / (w * 72), max_height / (h * 72)))
