"""The workbook's look: registered named styles, UK number formats, print setup (FAST / ICAEW).

Colour key (shown on the Cover): inputs in blue on pale yellow; calculations in black; links to
another sheet in green; key outputs in bold on pale blue; checks in bold, green when TRUE and
red when FALSE (conditional formatting on the Checks sheet and Cover).
"""
from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# Money with a true minus sign (U+2212), as formatting.money writes it; negatives in red.
MONEY = '£#,##0;[Red]"\u2212"£#,##0'
MONEY_PENCE = '£#,##0.00;[Red]"\u2212"£#,##0.00'
RATE = "0.0%"
RATE_FINE = "0.00%"
FACTOR = "0.000000"
WHOLE = "0"
NUMBER = "#,##0.00"
BPS = '#,##0;"\u2212"#,##0'
SCORE = "0.0"
CHECK = '"TRUE";"TRUE";"FALSE"'   # a linked TRUE/FALSE shows as a word, not 1/0
WEEKS = "0.0"

INPUT_FONT = "0000CC"
INPUT_FILL = "FFF9D6"
LINK_FONT = "007A33"
OUTPUT_FILL = "DDEBF7"
HEADER_FILL = "D9D9D9"
TITLE_COLOUR = "1F3864"

_thin = Side(style="thin", color="BFBFBF")


def _styles() -> list[NamedStyle]:
    box = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
    return [
        NamedStyle(name="Input", font=Font(name="Calibri", size=10, color=INPUT_FONT),
                   fill=PatternFill("solid", fgColor=INPUT_FILL), border=box),
        NamedStyle(name="Calc", font=Font(name="Calibri", size=10, color="000000")),
        NamedStyle(name="Link", font=Font(name="Calibri", size=10, color=LINK_FONT)),
        NamedStyle(name="Output", font=Font(name="Calibri", size=10, bold=True),
                   fill=PatternFill("solid", fgColor=OUTPUT_FILL), border=box),
        NamedStyle(name="Check", font=Font(name="Calibri", size=10, bold=True),
                   alignment=Alignment(horizontal="center"), border=box),
        NamedStyle(name="Header", font=Font(name="Calibri", size=10, bold=True),
                   fill=PatternFill("solid", fgColor=HEADER_FILL),
                   alignment=Alignment(wrap_text=True, vertical="top")),
        NamedStyle(name="Title", font=Font(name="Calibri", size=14, bold=True,
                                           color=TITLE_COLOUR)),
        NamedStyle(name="Section", font=Font(name="Calibri", size=11, bold=True,
                                             color=TITLE_COLOUR)),
        NamedStyle(name="Note", font=Font(name="Calibri", size=9, italic=True, color="595959"),
                   alignment=Alignment(wrap_text=False, vertical="top")),
        NamedStyle(name="Label", font=Font(name="Calibri", size=10)),
    ]


def register_styles(wb) -> None:
    """Register the named styles once per workbook: Input, Calc, Link, Output, Check and more."""
    for style in _styles():
        wb.add_named_style(style)


def print_setup(ws: Worksheet, *, widths: Mapping[str, float] | None = None,
                freeze: str | None = None) -> None:
    """A4 landscape, fitted to one page wide; optional column widths and frozen panes."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    for col, width in (widths or {}).items():
        ws.column_dimensions[col].width = width
    if freeze:
        ws.freeze_panes = freeze
    fit_header_rows(ws)


DEFAULT_WIDTH = 8.43        # Excel's standard column width, in characters
LINE_POINTS = 13.0          # one line of 10 pt Calibri
_LINK = re.compile(r"^='?([^'!]+)'?!\$?([A-Z]+)\$?(\d+)$")


def _header_text(ws: Worksheet, value) -> str:
    """A header's text; a header that links to a name on another sheet shows that name."""
    text = "" if value is None else str(value)
    m = _LINK.match(text)
    if m and m.group(1) in ws.parent.sheetnames:
        linked = ws.parent[m.group(1)][f"{m.group(2)}{m.group(3)}"].value
        return "" if linked is None else str(linked)
    return text


def fit_header_rows(ws: Worksheet) -> None:
    """Give each row of wrapped headers the height its longest header needs, so that no
    header spills over the row below (neither Excel nor LibreOffice does it on opening)."""
    needed: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.style != "Header" or cell.value is None:
                continue
            letter = get_column_letter(cell.column)
            dim = ws.column_dimensions[letter] if letter in ws.column_dimensions else None
            width = dim.width if dim is not None and dim.customWidth else DEFAULT_WIDTH
            chars = max(1, int(width * 1.05) - 1)
            lines = len(textwrap.wrap(_header_text(ws, cell.value), chars)) or 1
            needed[cell.row] = max(needed.get(cell.row, 1), lines)
    for r, lines in needed.items():
        if lines > 1:
            ws.row_dimensions[r].height = LINE_POINTS * lines + 2
