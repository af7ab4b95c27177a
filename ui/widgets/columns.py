"""Table columns and their codecs: how a stored value is shown, edited and read back.

A :class:`Column` names the field it edits, its heading, its tooltip and its ``kind``; the kind
picks the codec, which is the only place that turns stored values into text and typed text into
stored values. Every number goes through the one grammar (:mod:`ui.widgets.numbers`).

Kinds: ``money`` (pounds), ``number`` (a plain decimal: multipliers, weeks, points), ``whole``
(counts, ages, years), ``percent`` (stored as a fraction, typed in percent), ``bps`` (basis
points), ``ramp`` (a list of shares), ``text``, ``check`` (a tick box), ``choice`` (one of the
model's ``choices(column)``; ``organisation``, ``recipient``, ``vat``, ``basis`` and ``loan``
are choices too) and ``result`` (a read-only figure from Results, shown as ``fmt``: money or weeks).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from appraisal.formatting import money
from ui.widgets.numbers import parse_number

CHOICE_KINDS = ("choice", "organisation", "recipient", "supplier", "vat", "basis", "loan")
NUMERIC_KINDS = ("money", "number", "whole", "percent", "bps", "result")


@dataclass(frozen=True)
class Column:
    """One column: the field it edits (or the result it shows) and how it reads and writes.

    ``negative``: whether a number below zero may be typed (the grammar refuses it otherwise);
    ``choices``: for a ``choice`` column, [(value, text)] or a function of the document giving
    them; ``width``: a starting width in pixels (0: sized to the heading and contents).
    """

    key: str
    header: str
    kind: str = "text"
    tip: str = ""
    default: Any = None
    optional: bool = False
    fmt: str = "money"
    negative: bool = True
    choices: Sequence[tuple[Any, str]] | Callable[[Any], Sequence[tuple[Any, str]]] | None = None
    width: int = 0

    @property
    def editable(self) -> bool:
        return self.kind != "result"

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    # --- the codec ------------------------------------------------------------------------
    def parse(self, value: Any) -> Any:
        """The stored value for what was typed; ValueError with a sentence if it cannot be read.
        An optional column takes a blank as "not set" (None)."""
        kind = self.kind
        if kind == "check":
            return value in (True, 2) or getattr(value, "value", None) == 2
        if self.optional and (value is None or str(value).strip() == ""):
            return None
        if kind in ("money", "number"):
            return parse_number(value, negative=self.negative)
        if kind == "whole":
            return int(parse_number(value, negative=self.negative, whole=True))
        if kind == "bps":
            return parse_number(value, negative=self.negative, bps=True)
        if kind == "percent":
            return round(parse_number(value, negative=self.negative, percent=True) / 100.0, 12)
        if kind == "ramp":
            return parse_ramp(value)
        if kind == "text":
            return str(value).strip() or (None if self.optional else "")
        if kind in ("organisation", "supplier"):
            return value or None
        return value

    def display(self, value: Any) -> str:
        """The value as a person reads it in the cell (choices are named by the model)."""
        kind = self.kind
        if value is None or kind == "check":
            return ""
        if kind == "money" or (kind == "result" and self.fmt == "money"):
            return money(value)
        if kind == "percent":
            return f"{100 * value:.10g}%"
        if kind == "ramp":
            return ramp_text(value)
        if kind in ("number", "whole", "bps") or (kind == "result" and self.fmt == "weeks"):
            return number_text(value)
        return str(value)

    def edit_text(self, value: Any) -> Any:
        """What the editor starts with: plain digits for numbers (no £ or separators to trip
        over), the stored value itself for choices."""
        kind = self.kind
        if self.is_choice:
            return value
        if kind == "ramp":
            return ramp_text(value)
        if kind == "percent":
            return "" if value is None else f"{100 * value:.10g}"
        if self.numeric:
            return number_text(value)
        return "" if value is None else str(value)


def number_text(value: float | None) -> str:
    """A stored number as plain text to edit: 50000.0 → '50000', 0.25 → '0.25'."""
    if value is None:
        return ""
    return f"{value:.10g}"


def parse_ramp(text: object) -> list[float]:
    """A ramp: the share of the full saving in each year from the start year.

    ``'50%, 100%'`` → [0.5, 1.0]; ``'0.5 1'`` → [0.5, 1.0]; past the last value it holds.
    Each share is read with the one number grammar (a ``%`` makes it a percentage).
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
            value = parse_number(part, negative=False, percent=True)
        except ValueError:
            raise ValueError(f"'{part}' is not a share: write e.g. 50%, 100%") from None
        out.append(round(value / 100.0, 12) if percent else value)
    return out


def ramp_text(ramp: list[float] | None) -> str:
    """[0.5, 1.0] → '50%, 100%'."""
    return ", ".join(f"{100 * v:g}%" for v in (ramp or [1.0]))
