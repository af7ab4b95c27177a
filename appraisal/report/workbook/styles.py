"""The workbook's look: the cell styles, UK number formats and print set-up (FAST / ICAEW).

Colour key (shown on the Cover): inputs in blue on pale yellow; constants (rules of law and of
the model) in purple on pale grey; calculations in black; links to another sheet in green; key
outputs in bold on pale blue; figures from Continuum's own run (which do not recalculate) in
grey italics; checks in bold, green when TRUE and red when FALSE.
"""
from __future__ import annotations

import textwrap

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
RATIO = "0.00"
CHECK = '"TRUE";"TRUE";"FALSE"'   # a linked TRUE/FALSE shows as a word, not 1/0
WEEKS = "0.0"

INPUT_FONT = "#0000CC"
INPUT_FILL = "#FFF9D6"
CONSTANT_FONT = "#5B2C83"
CONSTANT_FILL = "#EFEFEF"
LINK_FONT = "#007A33"
OUTPUT_FILL = "#DDEBF7"
HEADER_FILL = "#D9D9D9"
TITLE_COLOUR = "#1F3864"
BOX = {"border": 1, "border_color": "#BFBFBF"}
BASE = {"font_name": "Calibri", "font_size": 10, "valign": "top"}

STYLES: dict[str, dict] = {
    "Input": {**BASE, "font_color": INPUT_FONT, "bg_color": INPUT_FILL, **BOX},
    "Constant": {**BASE, "font_color": CONSTANT_FONT, "bg_color": CONSTANT_FILL, **BOX},
    "Calc": {**BASE, "font_color": "#000000"},
    "Link": {**BASE, "font_color": LINK_FONT},
    "Output": {**BASE, "bold": True, "bg_color": OUTPUT_FILL, **BOX},
    "Engine": {**BASE, "italic": True, "font_color": "#595959"},
    "Check": {**BASE, "bold": True, "align": "center", **BOX},
    "Header": {**BASE, "bold": True, "bg_color": HEADER_FILL, "text_wrap": True},
    "Title": {**BASE, "font_size": 14, "bold": True, "font_color": TITLE_COLOUR},
    "Section": {**BASE, "font_size": 11, "bold": True, "font_color": TITLE_COLOUR},
    "Note": {**BASE, "font_size": 9, "italic": True, "font_color": "#595959"},
    "Label": {**BASE},
    "Wrap": {**BASE, "text_wrap": True},
    "Hyperlink": {**BASE, "font_color": "#0563C1", "underline": 1},
}

DEFAULT_WIDTH = 8.43        # Excel's standard column width, in characters
LINE_POINTS = 13.0          # one line of 10 pt Calibri
PRINTABLE_POINTS = 842 - 2 * 0.4 * 72   # A4 landscape less the side margins
MIN_SCALE = 80              # 9 pt notes print at 7.2 pt, 10 pt text at 8 pt


def _points(chars: float) -> float:
    """A column of ``chars`` characters in points, as LibreOffice prints it (wider than Excel's
    7 pixels a character, so a sheet sized by it fits in either)."""
    return chars * 7.2 + 4


def _header_text(text: str) -> str:
    return text.replace("&", "&&")


def print_setup(sheet, meta, *, freeze: tuple[int, int] | None = None,
                repeat_rows: tuple[int, int] | None = None, repeat_cols: int = 0,
                portrait: bool = False, last_col: int | None = None) -> None:
    """A4, scaled to one page wide when that keeps text at 8 pt or more, else at 80% with the
    label columns (``repeat_cols``) and the heading rows repeated on every page; a header with
    the case title and the sheet, a footer with page x of y, the export date and the version.

    ``meta`` is the :class:`~.cells.Meta` of the export (title, date, version); ``last_col``
    limits the print area (an option sheet prints the years of the exported horizon)."""
    ws = sheet.ws
    ws.set_paper(9)
    if portrait:
        ws.set_portrait()
    else:
        ws.set_landscape()
    ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.7)
    ws.hide_gridlines(1)                    # gridlines on screen, not on paper
    fit_header_rows(sheet)
    last = last_col or sheet.last_col
    width = sum(_points(sheet.widths.get(c, DEFAULT_WIDTH)) for c in range(1, last + 1))
    page = PRINTABLE_POINTS if not portrait else 595 - 2 * 0.4 * 72
    scale = max(MIN_SCALE, min(100, int(100 * page / max(width, 1))))
    ws.set_print_scale(scale)
    if repeat_rows:
        ws.repeat_rows(repeat_rows[0] - 1, repeat_rows[1] - 1)
    if repeat_cols:
        ws.repeat_columns(0, repeat_cols - 1)
    if last_col:                            # print the years in the horizon, across then down
        ws.print_area(0, 0, sheet.last_row - 1, last_col - 1)
        ws.print_across()
    ws.set_header(f"&L&9{_header_text(meta.title[:120])}&R&9&A")
    ws.set_footer(f"&L&9Page &P of &N&C&9Exported {meta.date}&R&9Continuum {meta.version}")
    if freeze:
        ws.freeze_panes(freeze[0] - 1, freeze[1] - 1)


def fit_header_rows(sheet) -> None:
    """Give each row of wrapped headers the height its longest header needs, so that no
    header spills over the row below (neither Excel nor LibreOffice does it on opening)."""
    needed: dict[int, int] = {}
    for (r, c), style in sheet.styles.items():
        if style != "Header":
            continue
        value = sheet.values.get((r, c))
        if value in (None, ""):
            continue
        chars = max(1, int(sheet.widths.get(c, DEFAULT_WIDTH) * 1.05) - 1)
        lines = len(textwrap.wrap(str(value), chars)) or 1
        needed[r] = max(needed.get(r, 1), lines)
    for r, lines in needed.items():
        if lines > 1:
            sheet.ws.set_row(r - 1, LINE_POINTS * lines + 2)


def flag_colours(sheet, first_row: int, column: int, last_row: int) -> None:
    """TRUE in green, FALSE in red; blank cells and headers between the checks stay plain."""
    book = sheet.book
    top = f"{chr(64 + column)}{first_row}" if column <= 26 else None
    rng = (first_row - 1, column - 1, last_row - 1, column - 1)
    green = book.xl.add_format({"font_color": "#006100", "bg_color": "#C6EFCE"})
    red = book.xl.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
    sheet.ws.conditional_format(*rng, {"type": "formula",
                                       "criteria": f"=AND(ISLOGICAL({top}),{top}=TRUE())",
                                       "format": green})
    sheet.ws.conditional_format(*rng, {"type": "formula",
                                       "criteria": f"=AND(ISLOGICAL({top}),{top}=FALSE())",
                                       "format": red})
