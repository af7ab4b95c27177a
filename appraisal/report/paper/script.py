"""Text the PDF can draw: right-to-left scripts shaped and put in visual order, and characters
the embedded font lacks (emoji, mostly) shown by name rather than as an empty box.

ReportLab draws glyphs left to right, one code point at a time, so Arabic or Hebrew would print
backwards with its letters unjoined: :func:`printable` joins the letters (arabic-reshaper) and
orders each line for display (python-bidi). A character DejaVu Sans cannot draw becomes its
Unicode name in brackets, '🏠' → '[house building]', which a reader can at least understand.
The Word version needs none of this (Word shapes text and falls back to an emoji font itself),
so it switches it off with :func:`plain_text`.
"""
from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.pdfbase import pdfmetrics

_RTL = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
_ACTIVE: ContextVar[bool] = ContextVar("pdf_script", default=True)
_JOINERS = {"\u200d", "\ufe0f", "\ufe0e"}      # zero-width joiner, variation selectors


@lru_cache(maxsize=4)
def _drawable(font: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def printable(text: str, font: str = "DejaVuSans") -> str:
    """``text`` as the PDF should draw it (see the module's note); other text is unchanged.

    >>> printable("Cartrefi \\U0001F3E0")
    'Cartrefi [house building]'
    """
    if not _ACTIVE.get() or text.isascii():
        return text
    if _RTL.search(text):
        text = "\n".join(get_display(arabic_reshaper.reshape(line))
                         for line in text.split("\n"))
    try:
        drawable = _drawable(font)
    except KeyError:                     # the font is not registered yet: nothing to check
        return text
    if all(ord(c) in drawable or c in "\n\t" for c in text):
        return text
    return "".join(_fallback(c, drawable) for c in text)


def _fallback(c: str, drawable: frozenset[int]) -> str:
    if c in _JOINERS:                    # glue between emoji: nothing to show once named
        return ""
    if ord(c) in drawable or c in "\n\t ":
        return c
    if unicodedata.category(c) in ("Mn", "Cf"):
        return ""
    return f"[{unicodedata.name(c, 'symbol').lower()}]"


@contextmanager
def plain_text():
    """Leave text as it is while building the Word version."""
    token = _ACTIVE.set(False)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
