"""Writing cells safely: user text is always text, formulas are always ours, names are defined.

Every user string (titles, option and organisation names, ids, labels) goes through
:func:`put_text`, which stores it as a string cell even when it starts with ``=``, ``+``, ``-``
or ``@``, and strips the control characters an xlsx file cannot hold. Formulas never embed user
text: they refer to the cells that hold it.
"""
from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

col = get_column_letter


def clean_text(value: str) -> str:
    """The text with characters an xlsx file cannot hold removed."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def put_text(ws: Worksheet, row: int, column: int, value: str | None, style: str = "Label"):
    """Store ``value`` as a text cell, never a formula, whatever it starts with."""
    cell = ws.cell(row=row, column=column)
    cell.value = clean_text(value if value is not None else "")
    cell.data_type = "s"
    cell.style = style
    return cell


def put_value(ws: Worksheet, row: int, column: int, value, style: str = "Input",
              fmt: str | None = None):
    """Store a number or boolean (an input, or a value Continuum computed)."""
    if isinstance(value, str):
        return put_text(ws, row, column, value, style)
    cell = ws.cell(row=row, column=column, value=value)
    cell.style = style
    if fmt:
        cell.number_format = fmt
    return cell


def put_formula(ws: Worksheet, row: int, column: int, formula: str, style: str = "Calc",
                fmt: str | None = None):
    """Store one of our formulas (it must start with ``=``)."""
    if not formula.startswith("="):
        raise ValueError(f"not a formula: {formula!r}")
    cell = ws.cell(row=row, column=column, value=formula)
    cell.style = style
    if fmt:
        cell.number_format = fmt
    return cell


def ref(row: int, column: int, *, abs_row: bool = True, abs_col: bool = True) -> str:
    """An A1 reference, absolute by default: ``ref(4, 5)`` → ``$E$4``."""
    return f"{'$' if abs_col else ''}{col(column)}{'$' if abs_row else ''}{row}"


def span(row1: int, col1: int, row2: int, col2: int) -> str:
    """An absolute range ``$A$1:$B$2``."""
    return f"{ref(row1, col1)}:{ref(row2, col2)}"


def on(sheet: str, address: str) -> str:
    """A reference on another sheet, quoted as Excel needs: ``'1 Merger'!$E$4``."""
    return f"{quote_sheetname(sheet)}!{address}"


def define(wb, name: str, sheet: str, address: str) -> str:
    """Define a workbook-level name for ``sheet!address``; returns the name."""
    wb.defined_names[name] = DefinedName(name, attr_text=on(sheet, address))
    return name


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
