"""The one grammar for numbers a person types, in every field and every table cell.

A pure function, no widgets. It reads what a finance director writes on paper:

- digits with an optional decimal point: ``50000``, ``0.5``, ``.5``;
- thousands separated by commas in groups of three: ``1,250,000`` (``1,25`` is refused);
- a pound sign before the digits, and spaces around the parts: ``£ 50k``, ``1.2 m``
  (a space between digits, ``50 000``, is refused: it is ambiguous);
- a multiple after the digits: ``k`` thousands, ``m`` millions, ``bn`` billions
  (any case; ``5m`` is 5,000,000, never 5);
- a minus sign (``-`` or ``−``) or accounting brackets ``(1,000)`` for a negative amount, where
  the column allows one;
- with ``percent=True`` a trailing ``%`` is allowed (the number is then in percent units);
  with ``bps=True`` a trailing ``bp``/``bps`` is allowed.

Nothing is ever truncated or guessed: ``12.5.3``, ``5 m 3`` and ``1.5`` where a whole number is
needed are refused, each with a sentence that says why in plain words. The arithmetic is decimal
(``1.15m`` is exactly 1,150,000), and the result is a float (or an int for whole numbers).
"""
from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

MINUS = "\u2212"
MULTIPLES = {"": 1, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
EXAMPLE = "e.g. 50,000, £50k or 1.2m"

_SHAPE = re.compile(r"""^(?P<digits>[0-9][0-9,]*(\.[0-9]*)?|\.[0-9]+)
                         (?P<multiple>[a-z]*)$""", re.VERBOSE)
_GROUPED = re.compile(r"^[0-9]{1,3}(,[0-9]{3})*(\.[0-9]*)?$")


def parse_number(text: object, *, negative: bool = True, whole: bool = False,
                 percent: bool = False, bps: bool = False) -> float:
    """The number in ``text``; ValueError with a sentence for the person if it cannot be read.

    >>> parse_number("£1.5k")
    1500.0
    >>> parse_number("5m")
    5000000.0
    >>> parse_number("(2,500)")
    -2500.0
    """
    if isinstance(text, bool):
        raise ValueError("enter a number")
    if isinstance(text, (int, float)):
        return _checked(float(text), str(text), negative=negative, whole=whole)
    raw = "" if text is None else str(text)
    shown = raw.strip()
    if not shown:
        raise ValueError("enter a number")
    if re.search(r"[0-9.,]\s+[0-9]", shown):
        raise ValueError(f"'{shown}' has a space between its digits: write it without, "
                         "e.g. 50000 or 50,000")
    body = shown.lower().replace(MINUS, "-").replace(" ", "").replace("\u00a0", "")
    sign = 1
    if body.startswith("(") and body.endswith(")"):
        sign, body = -1, body[1:-1]
    if body.startswith(("-", "+")):
        if body[0] == "-":
            sign = -sign
        body = body[1:]
    body = body.removeprefix("£")
    if body.startswith(("-", "+")) and sign == 1:          # "£-50" as well as "-£50"
        sign, body = (-1 if body[0] == "-" else 1), body[1:]
    if percent and body.endswith("%"):
        body = body[:-1]
    elif bps and re.search(r"bps?$", body):
        body = re.sub(r"bps?$", "", body)
    if body.count(".") > 1:
        raise ValueError(f"'{shown}' has more than one decimal point")
    match = _SHAPE.match(body)
    if match is None:
        raise ValueError(f"'{shown}' is not a number: write digits, {EXAMPLE}")
    digits, multiple = match["digits"], match["multiple"]
    if multiple not in MULTIPLES:
        raise ValueError(f"'{shown}' ends in '{multiple}', which is not a multiple: use k for "
                         "thousands, m for millions or bn for billions")
    if "," in digits and not _GROUPED.match(digits):
        raise ValueError(f"'{shown}': commas go between groups of three digits, e.g. 1,250,000")
    try:
        amount = Decimal(digits.replace(",", "")) * MULTIPLES[multiple] * sign
    except InvalidOperation:
        raise ValueError(f"'{shown}' is not a number: write digits, {EXAMPLE}") from None
    return _checked(float(amount), shown, negative=negative, whole=whole,
                    exact=amount == amount.to_integral_value())


def _checked(value: float, shown: str, *, negative: bool, whole: bool,
             exact: bool | None = None) -> float:
    if not math.isfinite(value):
        raise ValueError("enter a finite number")
    if value < 0 and not negative:
        raise ValueError(f"'{shown}' is negative: this figure cannot be below zero")
    if whole and not (value.is_integer() if exact is None else exact):
        raise ValueError(f"'{shown}' is not a whole number")
    return value


def parse_whole(text: object, *, negative: bool = True) -> int:
    """A whole number (ages, years, counts): ``'12'`` → 12, ``'1k'`` → 1000; ``'1.5'`` refused."""
    return int(parse_number(text, negative=negative, whole=True))
