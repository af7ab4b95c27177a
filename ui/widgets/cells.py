"""Reading what a person types into a table cell, and writing stored values back as text.

Pure functions (no widgets): amounts accept ``50000``, ``£50,000``, ``50k`` or ``1.2m``; a ramp
accepts ``50%, 100%`` or ``0.5, 1``. Each raises ValueError with a sentence for the person.
"""
from __future__ import annotations

import math
import re

from appraisal.formatting import money

_SPACE = re.compile(r"[\s,£]")


def parse_number(text: object) -> float:
    """A number from a cell: ``'£50,000'`` → 50000.0, ``'50k'`` → 50000.0, ``'1.2m'`` → 1200000.0.

    >>> parse_number("£1.5k")
    1500.0
    """
    if isinstance(text, bool):
        raise ValueError("enter a number")
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        raw = _SPACE.sub("", str(text)).lower().replace("\u2212", "-")
        scale = 1.0
        if raw.endswith("k"):
            raw, scale = raw[:-1], 1e3
        elif raw.endswith("m"):
            raw, scale = raw[:-1], 1e6
        try:
            value = float(raw) * scale
        except ValueError:
            raise ValueError(f"'{text}' is not a number: enter digits, e.g. 50000 or 50k") from None
    if not math.isfinite(value):
        raise ValueError("enter a finite number")
    return value


def parse_whole(text: object) -> int:
    """A whole number (ages, years of service, counts, years): ``'12'`` → 12; ``'1.5'`` refused."""
    value = parse_number(text)
    if value != int(value):
        raise ValueError(f"'{text}' is not a whole number")
    return int(value)


def parse_ramp(text: object) -> list[float]:
    """A ramp: the share of the full saving in each year from the start year.

    ``'50%, 100%'`` → [0.5, 1.0]; ``'0.5 1'`` → [0.5, 1.0]; past the last value it holds.

    >>> parse_ramp("25%, 75%, 100%")
    [0.25, 0.75, 1.0]
    """
    if isinstance(text, (list, tuple)):
        return [float(v) for v in text]
    parts = [p for p in re.split(r"[,;\s]+", str(text).strip()) if p]
    if not parts:
        raise ValueError("enter at least one share, e.g. 50%, 100%")
    out = []
    for part in parts:
        percent = part.endswith("%")
        try:
            value = float(part.rstrip("%"))
        except ValueError:
            raise ValueError(f"'{part}' is not a share: write e.g. 50%, 100%") from None
        out.append(value / 100.0 if percent else value)
    return out


def ramp_text(ramp: list[float] | None) -> str:
    """[0.5, 1.0] → '50%, 100%'."""
    return ", ".join(f"{100 * v:g}%" for v in (ramp or [1.0]))


def number_text(value: float | None) -> str:
    """A stored number as plain text to edit: 50000.0 → '50000', 0.25 → '0.25'."""
    if value is None:
        return ""
    return f"{value:.10g}"


def money_text(value: float | None) -> str:
    """A stored amount for display: whole pounds, UK style; blank when absent."""
    return "" if value is None else money(value)
