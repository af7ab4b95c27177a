"""Writing cells safely with XlsxWriter: user text is always text, formulas are always ours and
carry their result, names are defined once.

Every formula is written with the figure it evaluates to (the engine's figure where the engine
has one), so a preview, Protected View or a reader of stored values shows every number without
recalculating. Every string goes through :meth:`Sheet.text`, which stores it as text with the
text prefix (so editing the cell and pressing Enter never turns ``=2*3`` into a formula) and
strips the control characters an xlsx file cannot hold. Formulas never embed user text: they
refer to the cells that hold it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from io import BytesIO

import xlsxwriter
from xlsxwriter.worksheet import CellFormulaTuple, Worksheet

from .styles import STYLES

_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def col(n: int) -> str:
    """Column letters of a 1-based column number: ``col(28)`` → ``AB``."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def clean_text(value) -> str:
    """The text with characters an xlsx file cannot hold removed."""
    return _ILLEGAL.sub("", "" if value is None else str(value))


def quote_sheetname(title: str) -> str:
    """A sheet name as formulas need it: ``'1 Merger'`` (quotes doubled inside)."""
    return "'" + title.replace("'", "''") + "'"


def ref(row: int, column: int, *, abs_row: bool = True, abs_col: bool = True) -> str:
    """An A1 reference, absolute by default: ``ref(4, 5)`` → ``$E$4``."""
    return f"{'$' if abs_col else ''}{col(column)}{'$' if abs_row else ''}{row}"


def span(row1: int, col1: int, row2: int, col2: int) -> str:
    """An absolute range ``$A$1:$B$2``."""
    return f"{ref(row1, col1)}:{ref(row2, col2)}"


def on(sheet: str, address: str) -> str:
    """A reference on another sheet, quoted as Excel needs: ``'1 Merger'!$E$4``."""
    return f"{quote_sheetname(sheet)}!{address}"


class PlainWorksheet(Worksheet):
    """A worksheet that stores our formulas as written: they use only functions Excel has had
    since 2007, so XlsxWriter's thirty-odd rewrites for newer functions are skipped (they were
    most of the time it took to write a workbook)."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        return formula.removeprefix("=")


@dataclass(frozen=True)
class Meta:
    """What every page's header and footer says: the case, the export date, the version."""

    title: str
    date: str
    version: str


class Book:
    """An XlsxWriter workbook with the model's formats, names and sheets."""

    def __init__(self) -> None:
        self.buffer = BytesIO()
        self.xl = xlsxwriter.Workbook(self.buffer, {
            "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False})
        self._formats: dict[tuple, object] = {}
        self.sheets: dict[str, Sheet] = {}
        self.names: dict[str, str] = {}          # defined name → sheet!address

    def fmt(self, style: str, num: str | None = None, **extra):
        key = (style, num, tuple(sorted(extra.items())))
        if key not in self._formats:
            props = dict(STYLES[style])
            if num:
                props["num_format"] = num
            props.update(extra)
            self._formats[key] = self.xl.add_format(props)
        return self._formats[key]

    def sheet(self, title: str) -> Sheet:
        sheet = Sheet(self, title)
        self.sheets[title] = sheet
        return sheet

    def define(self, name: str, sheet: str, address: str) -> str:
        """Define a workbook-level name for ``sheet!address``; returns the name."""
        target = on(sheet, address)
        self.xl.define_name(name, "=" + target)
        self.names[name] = target
        return name

    def close(self) -> bytes:
        self.xl.close()
        return self.buffer.getvalue()


class Sheet:
    """One worksheet, addressed 1-based as the formulas are; remembers what it wrote."""

    def __init__(self, book: Book, title: str) -> None:
        self.book = book
        self.title = title
        self.ws = book.xl.add_worksheet(title, worksheet_class=PlainWorksheet)
        self.values: dict[tuple[int, int], object] = {}
        self.styles: dict[tuple[int, int], str] = {}
        self.widths: dict[int, float] = {}
        self.last_row = 1
        self.last_col = 1

    def _seen(self, row: int, column: int, value, style: str) -> None:
        self.values[(row, column)] = value
        self.styles[(row, column)] = style
        self.last_row = max(self.last_row, row)
        self.last_col = max(self.last_col, column)

    def text(self, row: int, column: int, value, style: str = "Label", **extra) -> None:
        """Store ``value`` as text with the text prefix, never a formula, whatever it starts with."""
        value = clean_text(value)
        self._seen(row, column, value, style)
        if value == "":
            self.ws.write_blank(row - 1, column - 1, None, self.book.fmt(style, **extra))
        else:
            self.ws.write_string(row - 1, column - 1, value,
                                 self.book.fmt(style, quote_prefix=True, **extra))

    def value(self, row: int, column: int, value, style: str = "Input",
              fmt: str | None = None) -> None:
        """Store a number, a boolean or nothing (an input, a constant or the engine's figure)."""
        if isinstance(value, str):
            self.text(row, column, value, style)
            return
        self._seen(row, column, value, style)
        f = self.book.fmt(style, fmt)
        if value is None:
            self.ws.write_blank(row - 1, column - 1, None, f)
        elif isinstance(value, bool):
            self.ws.write_boolean(row - 1, column - 1, value, f)
        else:
            self.ws.write_number(row - 1, column - 1, float(value), f)

    def formula(self, row: int, column: int, formula: str, result, style: str = "Calc",
                fmt: str | None = None, **extra) -> None:
        """Store one of our formulas (it starts with ``=``) with the figure it gives."""
        if not formula.startswith("="):
            raise ValueError(f"not a formula: {formula!r}")
        self._seen(row, column, result, style)
        if isinstance(result, float) and math.isnan(result):      # NaN cannot be stored
            result = 0.0
        if result is None:
            result = ""
        # Stored as write_formula would (ours use no array or newer functions), without its
        # per-cell parsing: most of the cells of a large model are formulas.
        if self.ws._check_dimensions(row - 1, column - 1):
            raise ValueError(f"cell outside the sheet: row {row}, column {column}")
        self.ws.table[row - 1][column - 1] = CellFormulaTuple(
            formula[1:], self.book.fmt(style, fmt, **extra), result)

    def link(self, row: int, column: int, target_sheet: str, text: str) -> None:
        """A link to another sheet of this workbook, showing ``text``."""
        self._seen(row, column, text, "Link")
        self.ws.write_url(row - 1, column - 1, f"internal:{quote_sheetname(target_sheet)}!A1",
                          self.book.fmt("Hyperlink"), string=clean_text(text))

    def width(self, column: int, chars: float) -> None:
        self.widths[column] = chars
        self.ws.set_column(column - 1, column - 1, chars)

    def hide_column(self, column: int) -> None:
        """A helper column a formula needs (an id to look up by) but a person need not read."""
        self.ws.set_column(column - 1, column - 1, self.widths.get(column, 8.43), None,
                           {"hidden": True})

    def hide_row(self, row: int) -> None:
        """A helper row a formula needs (ids to look up by) but a person need not read."""
        self.ws.set_row(row - 1, None, None, {"hidden": True})

    def validate(self, first_row: int, first_col: int, last_row: int, last_col: int,
                 rule: dict) -> None:
        """Data validation with its error message shown (Excel's Stop style)."""
        options = {"error_type": "stop", "show_error": True, "ignore_blank": True, **rule}
        self.ws.data_validation(first_row - 1, first_col - 1, last_row - 1, last_col - 1, options)


FORBIDDEN_SHEET_CHARS = set('[]:*?/\\')
RESERVED_SHEETS = {"history"}


def _cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut at a word break where one is near (not
    mid-word, nor leaving an open bracket or a dangling comma), never ending in a quote."""
    if len(text) <= limit:
        return text.rstrip("' ")
    cut = text[:limit]
    space = cut.rfind(" ")
    if text[limit] != " " and space >= limit // 2:
        cut = cut[:space]
    if cut.count("(") > cut.count(")"):
        before = cut[:cut.rfind("(")].rstrip()
        cut = before if len(before) >= limit // 2 else cut
    return cut.rstrip("' ,;:-–(") or text[:limit].rstrip("' ")


def sheet_title(wanted: str, taken: set[str]) -> str:
    """A safe, unique sheet name: at most 31 characters, none of ``[]:*?/\\``, no edge quote."""
    base = "".join(" " if ch in FORBIDDEN_SHEET_CHARS else ch for ch in clean_text(wanted))
    base = " ".join(base.split()).strip("'") or "Option"
    if base.lower() in RESERVED_SHEETS:
        base = f"{base} (option)"
    title, n = _cut(base, 31), 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title = _cut(base, 31 - len(suffix)) + suffix
        n += 1
    taken.add(title.lower())
    return title
