"""The board paper as a Word document: ``board_paper_docx_bytes(results) -> bytes``.

The same story as the PDF (:func:`appraisal.report.pdf.board_paper`), written by the same section
writers into :class:`WordPaper`, which offers the methods of the PDF's ``BoardPaper``. Headings
use Word's own Heading 1–3 styles (the navigation pane shows the outline), tables are Word
tables with a repeating header row, each chart is a picture whose alternative text says what it
shows, and the paper's own text styles are named (``Paper Body``, ``Paper Note``,
``Paper Callout``, ``Paper Status``…) so that a company secretary can restyle them to the house
template. This is the accessible, editable version of the paper.
"""
from __future__ import annotations

import html
import io
import re

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..charts import png_bytes
from ..charts.base import describe
from ..results import Results
from .paper import kit
from .paper.script import plain_text

ACCENT = RGBColor(0x00, 0x72, 0xB2)
MUTED = RGBColor(0x55, 0x55, 0x55)
TEXT_WIDTH_CM = 17.0
# The PDF's style names → the Word document's named styles.
STYLE = {"body": "Paper Body", "small": "Paper Note", "callout": "Paper Callout",
         "cover": "Paper Body", "status": "Paper Status", "title": "Title",
         "h2": "Heading 2", "h3": "Heading 3", "cell": "Paper Table Text"}
_TAG = re.compile(r"<(/?)(b|i|br|font|super|sub|strike|u|a)\b[^>]*?/?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]+>")


def _plain(value) -> str:
    """A table cell or markup as plain text (reportlab Paragraphs give their own text)."""
    if hasattr(value, "getPlainText"):
        return value.getPlainText()
    return "" if value is None else str(value)


def _runs(paragraph, trusted: str) -> None:
    """The paper's markup (<b>, <i>, <br/>, <font>) as Word runs; entities unescaped."""
    bold = italic = False
    pos = 0
    for m in _TAG.finditer(trusted):
        _add_text(paragraph, trusted[pos:m.start()], bold, italic)
        closing, tag = m.group(1) == "/", m.group(2).lower()
        if tag == "b":
            bold = not closing
        elif tag == "i":
            italic = not closing
        elif tag == "br":
            paragraph.add_run().add_break()
        pos = m.end()
    _add_text(paragraph, trusted[pos:], bold, italic)


def _add_text(paragraph, text: str, bold: bool, italic: bool) -> None:
    text = html.unescape(_ANY_TAG.sub("", text))
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None


class WordPaper:
    """A Word document that the paper's section writers fill as they fill the PDF."""

    def __init__(self, title: str, author: str = ""):
        kit.register_fonts()        # table cells may arrive as the PDF's Paragraphs
        self.doc = Document()
        self.title, self.author = title, author
        self.footer = "For decision"
        self._section = 0
        self._setup()

    def _setup(self) -> None:
        doc = self.doc
        sec = doc.sections[0]
        sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
        sec.left_margin = sec.right_margin = Cm(2.0)
        sec.top_margin, sec.bottom_margin = Cm(2.4), Cm(2.0)
        props = doc.core_properties
        props.title, props.author = self.title, self.author
        props.subject = "Board paper: partnership options appraisal"
        props.language = "en-GB"
        normal = doc.styles["Normal"]
        normal.font.name, normal.font.size = "Calibri", Pt(10.5)
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-GB")
        lang.set(qn("w:bidi"), "ar-SA")
        rpr.append(lang)
        for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
            doc.styles[name].font.color.rgb = ACCENT
        self._style("Paper Body", size=10.5, after=5)
        self._style("Paper Note", size=8.5, after=3, colour=MUTED)
        self._style("Paper Callout", size=11, after=6, indent=0.3)
        self._style("Paper Status", size=14, after=10, bold=True)
        self._style("Paper Table Text", size=8.5, after=0)
        self._style("Paper Caption", size=8.5, after=8, colour=MUTED, base="Caption")

    def _style(self, name, *, size, after, colour=None, bold=False, indent=None,
               base="Normal") -> None:
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles[base]
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = bold or None
        if colour is not None:
            style.font.color.rgb = colour
        style.paragraph_format.space_after = Pt(after)
        if indent is not None:
            style.paragraph_format.left_indent = Cm(indent)

    # --- the BoardPaper interface --------------------------------------------------------
    def heading(self, text: str, level: int = 1) -> None:
        if level == 1:
            self._section += 1
            text = f"{self._section}. {text}"
        self.doc.add_heading(_plain(text), level)

    def para(self, text: str, style: str = "body") -> None:
        if style == "title":
            self.doc.add_heading(str(text), 0)
            return
        self.doc.add_paragraph(str(text), STYLE.get(style, "Paper Body"))

    def markup(self, trusted: str, style: str = "body") -> None:
        _runs(self.doc.add_paragraph(style=STYLE.get(style, "Paper Body")), trusted)

    def bullets(self, items: list[str], *, trusted: bool = False) -> None:
        for item in items:
            p = self.doc.add_paragraph(style="List Bullet")
            if trusted:
                _runs(p, item)
            else:
                p.add_run(str(item))

    def table(self, header, rows, widths, *, numeric=frozenset(), bold_last=False,
              compact=False) -> None:
        t = self.doc.add_table(rows=1, cols=len(header))
        t.style = self.doc.styles["Light Grid Accent 1"]
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        total = sum(widths)
        for j, h in enumerate(header):
            self._cell(t.rows[0].cells[j], h, j in numeric, bold=True)
        _repeat_header(t.rows[0])
        for i, row in enumerate(rows):
            cells = t.add_row().cells
            for j, value in enumerate(row):
                self._cell(cells[j], value, j in numeric,
                           bold=bold_last and i == len(rows) - 1)
        for j, w in enumerate(widths):
            for cell in t.columns[j].cells:
                cell.width = Cm(TEXT_WIDTH_CM * w / total)
        self.doc.add_paragraph(style="Paper Table Text")

    @staticmethod
    def _cell(cell, value, right: bool, bold: bool = False) -> None:
        p = cell.paragraphs[0]
        p.style = "Paper Table Text"
        run = p.add_run(_plain(value))
        run.bold = bold or None
        if right:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def chart(self, fig, *, width=None, caption: str | None = None, max_height=None) -> None:
        """The chart as a picture with alternative text: the caption, then what it plots."""
        alt = describe(fig)
        if caption:
            alt = f"{caption} {alt}"
        p = self.doc.add_paragraph(style="Paper Body")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        frac = 1.0 if width is None else min(1.0, width / (TEXT_WIDTH_CM / 2.54 * 72))
        shape = p.add_run().add_picture(io.BytesIO(png_bytes(fig, dpi=120)),
                                        width=Cm(TEXT_WIDTH_CM * frac))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", caption or alt[:80])
        if caption:
            self.doc.add_paragraph(caption, "Paper Caption")

    def add(self, *flowables) -> None:
        """Reportlab flowables that carry text (a Paragraph) keep their text; others are
        layout only (spacers, page breaks) and have no place in a Word flow."""
        for f in flowables:
            if hasattr(f, "getPlainText"):
                self.doc.add_paragraph(f.getPlainText(), "Paper Body")

    def space(self, points: float = 8) -> None:
        return None

    def contents(self) -> None:
        """A contents field Word fills in (References → Update Table, or on printing)."""
        p = self.doc.add_paragraph(style="Paper Body")
        run = p.add_run()
        for tag, attr in (("w:fldChar", "begin"), ("w:instrText", None), ("w:fldChar", "separate")):
            el = OxmlElement(tag)
            if attr is None:
                el.set(qn("xml:space"), "preserve")
                el.text = 'TOC \\o "1-1" \\h \\z \\u'
            else:
                el.set(qn("w:fldCharType"), attr)
            run._r.append(el)
        p.add_run("Right-click here and choose Update Field to list the sections.")
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        p.add_run()._r.append(end)

    def new_page(self, template: str = "body") -> None:
        self.doc.add_page_break()

    def build(self) -> bytes:
        sec = self.doc.sections[0]
        sec.header.paragraphs[0].text = self.title
        sec.header.paragraphs[0].style = "Paper Note"
        sec.footer.paragraphs[0].text = self.footer
        sec.footer.paragraphs[0].style = "Paper Note"
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def board_paper_docx_bytes(results: Results) -> bytes:
    """The board paper as a .docx file's bytes (same sections, tables and charts as the PDF)."""
    from .pdf import board_paper
    with plain_text():              # Word shapes right-to-left text and finds emoji itself
        paper = board_paper(results, WordPaper(results.case.title, results.case.prepared_by))
        return paper.build()
