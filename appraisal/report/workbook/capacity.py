"""The Capacity sheet: each lender's covenant and golden rule tested year by year on each option
(model-v2.md V10), as planned and pessimistic.

Each test's metric by year (interest cover or gearing of the entity the option forms, from the
partners' outline plans) is Continuum's figure; the limit is an input here, and the headroom
(``value − limit`` for a minimum, ``limit − value`` for a maximum), the breach flags (a headroom
below −1e-9), the tightest headroom and the first breach are live formulas from them. A breach
is not an error of the model: it has its own flag, ``CapacityClear``, on the Cover and Checks,
and does not turn ``ChecksPass`` false.
"""
from __future__ import annotations

from ...results import Results
from .cells import Book, col, on, ref
from .styles import RATIO, WHOLE, flag_colours

SHEET = "Capacity"
FIRST = 4                   # the column of year 1
BREACH = 1e-9               # a headroom within this of 0 is not a breach (model-v2.md V10)
METRIC = {"interest_cover": "interest cover", "gearing": "gearing"}


def has_capacity(results: Results) -> bool:
    return any(getattr(o, "capacity", None) for o in results.options)


def _title(test, results: Results) -> str:
    who = (results.case.organisation(test.organisation).name if test.organisation
           else "the merged body")
    rule = f"{test.lender}'s covenant" if test.loan else "golden rule"
    bound = "at least" if test.bound == "min" else "at most"
    return f"{who}: {rule}, {METRIC.get(test.metric, test.metric)} {bound} the limit"


def _blank(value):
    return "" if value is None else value


def write_capacity(book: Book, ws, results: Results) -> str:
    """Write every option's tests; return the cell of the overall flag (TRUE: no breach)."""
    h = results.horizon
    ws.text(1, 1, "Capacity: lenders' covenants and the board's golden rules, year by year",
            "Title")
    ws.text(2, 1, "The metric figures are Continuum's, from the partners' outline plans (change "
                  "those in Continuum); the limits are inputs and the headroom and breaches "
                  "follow them. Pessimistic: the option's ranged lines at their worse ends. A "
                  "breach is not an error in the model.", "Note")
    row = 4
    flags: list[str] = []
    for option in results.options:
        tests = getattr(option, "capacity", None) or []
        if not tests:
            continue
        ws.text(row, 1, option.name, "Section")
        row += 1
        for test in tests:
            row = _test(ws, results, test, row, h, flags)
    ws.text(row + 1, 1, "No covenant or golden rule broken, as planned or pessimistic")
    formula = f"=AND({','.join(flags)})" if flags else "=TRUE()"
    clear = not any(t.breached for o in results.options for t in (getattr(o, "capacity", None)
                                                                  or []))
    ws.formula(row + 1, 3, formula, clear, "Check")
    book.define("CapacityClear", SHEET, ref(row + 1, 3))
    flag_colours(ws, row + 1, 3, row + 1)
    ws.width(1, 6)
    ws.width(2, 44)
    ws.width(3, 14)
    for c in range(FIRST, FIRST + h):
        ws.width(c, 9)
    return on(SHEET, ref(row + 1, 3))


def _test(ws, results: Results, test, row: int, h: int, flags: list[str]) -> int:
    ws.text(row, 2, _title(test, results), "Header")
    ws.text(row, 3, "Limit", "Header")
    for t in range(1, h + 1):
        ws.value(row, FIRST + t - 1, t, "Constant", WHOLE)
    limit = f"$C${row + 1}"
    ws.value(row + 1, 3, test.limit, "Input", RATIO)
    bound = "min" if test.bound == "min" else "max"
    ws.text(row + 1, 1, bound, "Note")
    last = col(FIRST + h - 1)
    for k, (label, values, first_breach) in enumerate((
            ("As planned", test.values, test.first_breach_year),
            ("Pessimistic", test.stressed_values,
             test.stressed_first_breach_year))):
        r = row + 1 + 4 * k
        ws.text(r, 2, f"{label}: metric (Continuum's figure)")
        ws.text(r + 1, 2, f"{label}: headroom")
        ws.text(r + 2, 2, f"{label}: breach (1 yes, 0 no)")
        ws.text(r + 3, 2, f"{label}: first breach year, or none")
        for t in range(1, h + 1):
            c = col(FIRST + t - 1)
            value = values[t - 1] if t - 1 < len(values) else None
            ws.value(r, FIRST + t - 1, value, "Engine", RATIO)
            room = (None if value is None else
                    value - test.limit if bound == "min" else test.limit - value)
            ws.formula(r + 1, FIRST + t - 1, f'=IF(ISNUMBER({c}{r}),IF($A${row + 1}="min",'
                       f'{c}{r}-{limit},{limit}-{c}{r}),"")', _blank(room), "Calc", RATIO)
            ws.formula(r + 2, FIRST + t - 1, f"=IF(ISNUMBER({c}{r + 1}),--({c}{r + 1}<-"
                       f"CapacityBreach),0)", int(room is not None and room < -BREACH), "Calc",
                       WHOLE)
        breaches = f"${col(FIRST)}{r + 2}:${last}{r + 2}"
        ws.formula(r + 3, 3, f'=IF(MAX({breaches})=0,"none",MATCH(1,{breaches},0))',
                   "none" if first_breach is None else first_breach, "Output", WHOLE)
        flags.append(f"{on(SHEET, ref(r + 3, 3))}=\"none\"")
    return row + 10
