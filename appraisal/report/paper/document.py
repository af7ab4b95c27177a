"""BoardPaper: a small facade over a reportlab platypus story (A4, running header, contents).

Sections append to the paper with :meth:`heading`, :meth:`para`, :meth:`table`, :meth:`chart` …;
:meth:`BoardPaper.build` lays it out once. The contents list on the cover knows its entries
before layout (every section heading is in the story), but not their pages: each page number is
a small PDF form that the cover refers to and that is written when its heading is placed, so the
paper needs no second layout pass to number its contents.
"""
from __future__ import annotations

import io

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether,
                                NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer)

from ...charts import short
from . import kit
from .script import printable

STATUS = "For decision"      # the footer when the paper sets none (cover.status sets it)


class _Template(BaseDocTemplate):
    """Pages of the paper: the cover (no running header) then the body pages."""

    def __init__(self, buf, title: str, author: str, footer: str = STATUS):
        super().__init__(buf, pagesize=kit.PAGE, leftMargin=kit.MARGIN_X,
                         rightMargin=kit.MARGIN_X, topMargin=kit.MARGIN_TOP,
                         bottomMargin=kit.MARGIN_BOTTOM, title=title, author=author,
                         subject="Board paper: partnership options appraisal",
                         creator="Continuum", initialFontName=kit.FONT, lang="en-GB",
                         displayDocTitle=1)
        self.footer = footer
        self.running_title = printable(short(title, 95))
        frame = Frame(kit.MARGIN_X, kit.MARGIN_BOTTOM, kit.FRAME_WIDTH, kit.FRAME_HEIGHT,
                      id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("cover", [frame], onPage=self._footer),
                               PageTemplate("body", [frame], onPage=self._header_footer)])
        self._entries = 0

    def _footer(self, canv, doc) -> None:
        canv.saveState()
        canv.setFont(kit.FONT, 7.5)
        canv.setFillColor(kit.MUTED)
        canv.drawString(kit.MARGIN_X, kit.MARGIN_BOTTOM - 22, self.footer)
        canv.drawRightString(kit.PAGE[0] - kit.MARGIN_X, kit.MARGIN_BOTTOM - 22,
                             f"Page {doc.page}")
        canv.restoreState()

    def _header_footer(self, canv, doc) -> None:
        self._footer(canv, doc)
        canv.saveState()
        canv.setFont(kit.FONT, 7.5)
        canv.setFillColor(kit.MUTED)
        top = kit.PAGE[1] - kit.MARGIN_TOP + 16
        canv.drawString(kit.MARGIN_X, top, self.running_title)
        canv.setStrokeColor(kit.RULE)
        canv.setLineWidth(0.5)
        canv.line(kit.MARGIN_X, top - 5, kit.PAGE[0] - kit.MARGIN_X, top - 5)
        canv.restoreState()

    def afterFlowable(self, flowable) -> None:
        """Each section heading becomes a PDF bookmark, and its page number the contents
        entry's form (see :class:`Contents`)."""
        if isinstance(flowable, Paragraph) and flowable.style.name == "h1":
            text = flowable.getPlainText()
            key = Contents.key(self._entries)
            self._entries += 1
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)
            Contents.number(self.canv, key, self.page)


class Contents(Flowable):
    """The contents list: one line a section heading, dot leaders, then its page number.

    The entries are the paper's level-1 headings, known when the story is complete; each page
    number is drawn from a form named after the entry, which :meth:`number` writes when the
    heading is laid out (a PDF may use a form before it defines it). Each line links to its
    section.
    """

    NUMBER_WIDTH = 24.0

    def __init__(self, entries: list[str]):
        super().__init__()
        self.entries = entries          # filled in as the story grows; read when laid out
        self.style = kit.STYLES["toc1"]

    @staticmethod
    def key(i: int) -> str:
        return f"section-{i}"

    @classmethod
    def number(cls, canv, key: str, page: int) -> None:
        style = kit.STYLES["toc1"]
        canv.beginForm(f"page-{key}", lowerx=-cls.NUMBER_WIDTH, lowery=-style.fontSize * 0.3,
                       upperx=0, uppery=style.fontSize)
        canv.setFont(style.fontName, style.fontSize)
        canv.setFillColor(style.textColor)
        canv.drawRightString(0, 0, str(page))
        canv.endForm()

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.style.leading * len(self.entries)

    def draw(self) -> None:
        canv, style = self.canv, self.style
        font, size = style.fontName, style.fontSize
        dot = stringWidth(".", font, size)
        right = self.width - self.NUMBER_WIDTH - 4
        canv.setFont(font, size)
        canv.setFillColor(style.textColor)
        for i, text in enumerate(self.entries):
            y = self.style.leading * (len(self.entries) - i - 1) + (style.leading - size) / 2
            shown = printable(short(text, 90))
            canv.drawString(0, y, shown)
            start = stringWidth(shown, font, size) + 4
            if right > start:
                canv.drawRightString(right, y, "." * int((right - start) / dot))
            canv.saveState()
            canv.translate(self.width, y)
            canv.doForm(f"page-{self.key(i)}")
            canv.restoreState()
            canv.linkRect("", self.key(i), (0, y - 2, self.width, y + size), relative=1,
                          thickness=0)


class BoardPaper:
    """The story of one board paper, built section by section."""

    def __init__(self, title: str, author: str = ""):
        kit.register_fonts()
        self.title = title
        self.author = author
        self.story: list = []
        self.footer = STATUS
        self._section = 0
        self._headings: list[str] = []       # level-1 headings, for the contents

    # --- text ----------------------------------------------------------------------------
    def heading(self, text: str, level: int = 1) -> None:
        """A numbered section heading (level 1) or a sub-heading (2, 3); text is escaped."""
        if level == 1:
            self._section += 1
            self._headings.append(f"{self._section}. {text}")
            self.story.append(CondPageBreak(kit.FRAME_HEIGHT * 0.25))
            self.story.append(kit.para(f"{self._section}. {text}", "h1"))
        else:
            self.story.append(CondPageBreak(kit.FRAME_HEIGHT * (0.2 if level == 2 else 0.12)))
            self.story.append(kit.para(short(text, 200), f"h{level}"))

    def para(self, text: str, style: str = "body") -> None:
        self.story.append(kit.para(text, style))

    def markup(self, trusted: str, style: str = "body") -> None:
        self.story.append(kit.markup(trusted, style))

    def bullets(self, items: list[str], *, trusted: bool = False) -> None:
        for item in items:
            body = item if trusted else kit.esc(item)
            self.story.append(Paragraph(body, kit.STYLES["bullet"], bulletText="•"))

    # --- blocks --------------------------------------------------------------------------
    def table(self, header, rows, widths, **kw) -> None:
        self.story.append(kit.table(header, rows, widths, **kw))
        self.story.append(Spacer(1, 6))

    def chart(self, fig, *, width: float | None = None, caption: str | None = None,
              max_height: float = kit.FRAME_HEIGHT * 0.45) -> None:
        parts = [kit.chart(fig, width or kit.FRAME_WIDTH, max_height)]
        if caption:
            parts.append(kit.para(caption, "small"))
        last = self.story[-1] if self.story else None
        if isinstance(last, Paragraph) and last.style.name in ("h2", "h3"):
            parts.insert(0, self.story.pop())       # a heading goes over the page with its chart
        elif self._intro_before_chart():
            # A section's heading and its one-paragraph introduction travel with the chart
            # they introduce, rather than being stranded at the foot of a page.
            parts[:0] = [self.story.pop(-2), self.story.pop()]
        self.story.append(KeepTogether(parts))
        self.story.append(Spacer(1, 6))

    def _intro_before_chart(self) -> bool:
        """The story ends with a heading then one body paragraph."""
        if len(self.story) < 2:
            return False
        head, body = self.story[-2], self.story[-1]
        return (isinstance(head, Paragraph) and head.style.name in ("h1", "h2")
                and isinstance(body, Paragraph) and body.style.name == "body")

    def add(self, *flowables) -> None:
        self.story.extend(flowables)

    def space(self, points: float = 8) -> None:
        self.story.append(Spacer(1, points))

    def contents(self) -> None:
        self.story.append(Contents(self._headings))

    def new_page(self, template: str = "body") -> None:
        self.story.append(NextPageTemplate(template))
        self.story.append(PageBreak())

    # --- output --------------------------------------------------------------------------
    def build(self) -> bytes:
        buf = io.BytesIO()
        doc = _Template(buf, self.title, self.author, self.footer)
        doc.build(list(self.story))
        return buf.getvalue()
