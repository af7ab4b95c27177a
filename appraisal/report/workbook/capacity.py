"""The Capacity sheet: each lender's covenant and golden rule tested year by year on each option
(model-v2.md V10), as planned and pessimistic, every figure a live formula.

The partners' outline plans and each test's limit are inputs; each option's lines come from its
option sheet (:mod:`.capacity_flows` lays out how they fall on each partner and each tested
entity). For each test, per year: the metric (interest cover = EBITDA-MRI, or EBITDA, over
interest payable, on the rule's basis; gearing = net debt over housing assets at cost), blank
where the year is not tested or the denominator is not above 0; the headroom (``value − limit``
for a minimum, ``limit − value`` for a maximum); the headroom in money (what could be lost before
the limit bites); the breach flag (a headroom below −CapacityBreach); then the tightest headroom,
its first year and the first breach. A breach is not an error of the model: it has its own flag,
``CapacityClear``, on the Cover and Checks, and does not turn ``ChecksPass`` false.
"""
from __future__ import annotations

from ...results import Results
from .capacity_figures import SCENARIOS, CapacityFigures, num_den
from .capacity_flows import YEAR_ROW, Columns, FlowWriter, OptionBlocks
from .cells import Book, col, on, ref
from .option_sheet import OptionSheetMap
from .styles import MONEY, RATIO, WHOLE, flag_colours

SHEET = "Capacity"
BREACH = 1e-9               # a headroom within this of 0 is not a breach (model-v2.md V10)
METRIC = {"interest_cover": "interest cover", "gearing": "gearing"}


def has_capacity(results: Results) -> bool:
    return any(getattr(o, "capacity", None) for o in results.options)


def _title(test, results: Results) -> str:
    who = (results.case.organisation(test.organisation).name if test.organisation
           else "the merged body")
    rule = f"{test.lender or 'its lender'}'s covenant" if test.loan else "golden rule"
    basis = "all items" if test.basis == "all" else "underlying"
    what = METRIC.get(test.metric, test.metric)
    if test.metric == "interest_cover":
        what += " (EBITDA)" if test.definition == "ebitda" else " (EBITDA less major repairs)"
    return f"{who}: {rule}, {what}, {basis}"


def write_capacity(book: Book, ws, results: Results, figures: CapacityFigures, inputs,
                   option_maps: list[OptionSheetMap], grid) -> str:
    """Write every option's tests; return the cell of the overall flag (TRUE: no breach)."""
    cols = Columns(figures.partners, figures.years)
    ws.text(1, 1, "Capacity: lenders' covenants and the board's golden rules, year by year",
            "Title")
    ws.text(2, 1, "The partners' plans and each limit are inputs; everything else follows the "
                  "option sheets. Pessimistic: the option's ranged lines at their worse ends. "
                  "An outline test for the board, not a lender's compliance certificate. A "
                  "breach is not an error in the model.", "Note")
    ws.text(YEAR_ROW, 2, "Year", "Header")
    for i, (c, _, _) in enumerate(cols.year_cols()):
        ws.value(YEAR_ROW, c, i + 1, "Constant", WHOLE)
    flows = FlowWriter(ws, figures, inputs, cols, grid)
    row = flows.plan(YEAR_ROW + 2)
    flags: list[str] = []
    for o, option in enumerate(results.options):
        tests = getattr(option, "capacity", None) or []
        if not tests:
            continue
        ws.text(row, 1, option.name, "Section")
        row, blocks = flows.option(row + 1, o, option_maps[o])
        for spec, test in zip(figures.specs[o], tests):
            row = _test(ws, results, figures, inputs, cols, o, spec, test, blocks, row, flags)
    ws.text(row + 1, 1, "No covenant or golden rule broken, as planned or pessimistic")
    formula = f"=AND({','.join(flags)})" if flags else "=TRUE()"
    clear = not any(t.breached for o in results.options for t in (getattr(o, "capacity", None)
                                                                  or []))
    ws.formula(row + 1, 3, formula, clear, "Check")
    book.define("CapacityClear", SHEET, ref(row + 1, 3))
    flag_colours(ws, row + 1, 3, row + 1)
    ws.width(1, 10)
    ws.width(2, 50)
    ws.width(3, 14)
    for c in range(cols.op, cols.first):
        ws.width(c, 11)
    for c, _, _ in cols.year_cols():
        ws.width(c, 11)
    return on(SHEET, ref(row + 1, 3))


def _test(ws, results, figures, inputs, cols: Columns, o: int, spec, test,
          blocks: OptionBlocks, row: int, flags: list[str]) -> int:
    """One test: its limit and years, then per scenario the metric, headroom, money headroom,
    breach and tightest-year rows, with the tightest headroom, its year and the first breach."""
    ws.text(row, 2, _title(test, results), "Header")
    ws.text(row, 3, "Limit", "Header")
    limit_row, years_row = row + 1, row + 2
    minimum = test.bound == "min"
    ws.text(limit_row, 1, "at least" if minimum else "at most", "Note")
    ws.text(limit_row, 2, f"Limit on {METRIC.get(test.metric, test.metric)}")
    ws.value(limit_row, 3, test.limit, "Input", RATIO)
    ws.validate(limit_row, 3, limit_row, 3, {
        "validate": "decimal", "criteria": ">=", "value": 0, "error_title": "Limit",
        "error_message": "A limit is a number of at least 0: interest cover 1.1 times is "
                         "1.1; gearing of 70% is 0.7."})
    ws.text(years_row, 2, "Tested in years 1 to")
    tested = (f"=MIN(HorizonYears,{inputs.loan_years[spec.loan]})" if spec.loan
              else "=HorizonYears")
    ws.formula(years_row, 3, tested, spec.years, "Calc", WHOLE)
    lim, yrs = f"$C${limit_row}", f"$C${years_row}"
    r = years_row + 1
    for s, label in enumerate(SCENARIOS):
        e = blocks.entity[(spec.entity, s)]
        num_v, den_v = num_den(spec, figures.entity(o, spec.entity, s))
        num, den = _parts(spec, e)
        metric, head, money, breach, tight = range(r, r + 5)
        low_row, low_year, first = r + 5, r + 6, r + 7
        words = ((metric, "metric"), (head, "headroom"), (money, "headroom in money (£)"),
                 (breach, "breach (1 yes, 0 no)"), (tight, "at the tightest (1 yes, 0 no)"),
                 (low_row, "tightest headroom, or none"), (low_year, "year of the tightest, "
                                                                     "or none"),
                 (first, "first breach year, or none"))
        for at, text in words:
            ws.text(at, 2, f"{label}: {text}")
        vals = _values(num_v, den_v, spec.years, test.limit, minimum, figures.years)
        lo = min((h for h in vals[1] if h != ""), default=None)
        sign = "" if minimum else "-"
        for i, (c, x, _) in enumerate(cols.year_cols()):
            n, d = num(x), den(x)
            ws.formula(metric, c, f'=IF(AND({x}${YEAR_ROW}<={yrs},{d}>0),{n}/{d},"")',
                       vals[0][i], "Calc", RATIO)
            ws.formula(head, c, f'=IF(ISNUMBER({x}{metric}),{sign}({x}{metric}-{lim}),"")',
                       vals[1][i], "Calc", RATIO)
            ws.formula(money, c, f'=IF(ISNUMBER({x}{metric}),{sign}({n}-{lim}*{d}),"")',
                       vals[2][i], "Calc", MONEY)
            h = vals[1][i]
            ws.formula(breach, c, f"=IF(ISNUMBER({x}{head}),--({x}{head}<-CapacityBreach),0)",
                       int(h != "" and h < -BREACH), "Calc", WHOLE)
            ws.formula(tight, c, f"=IF(ISNUMBER({x}{head}),--({x}{head}<=$C${low_row}+"
                       f"CapacityBreach),0)", int(h != "" and lo is not None and h <= lo + BREACH),
                       "Calc", WHOLE)
        span = lambda r_: f"${col(cols.first)}{r_}:${col(cols.first + figures.years - 1)}{r_}"
        low = test.min_headroom if s == 0 else test.stressed_min_headroom
        first_breach = test.first_breach_year if s == 0 else test.stressed_first_breach_year
        ws.formula(low_row, 3, f'=IF(COUNT({span(head)})=0,"none",MIN({span(head)}))',
                   "none" if low["value"] is None else low["value"], "Output", RATIO)
        ws.formula(low_year, 3, f'=IF(COUNT({span(head)})=0,"none",MATCH(1,{span(tight)},0))',
                   "none" if low["year"] is None else low["year"], "Output", WHOLE)
        ws.formula(first, 3, f'=IF(MAX({span(breach)})=0,"none",MATCH(1,{span(breach)},0))',
                   "none" if first_breach is None else first_breach, "Output", WHOLE)
        flags.append(f"{on(SHEET, ref(first, 3))}=\"none\"")
        r = first + 2
    return r + 1


def _parts(spec, e: dict[str, int]):
    """The metric's numerator and denominator in year column ``x``, on the rule's basis."""
    rule = spec.rule
    if rule.metric == "gearing":
        return (lambda x: f"{x}{e['net_debt']}"), (lambda x: f"{x}{e['assets']}")
    every = rule.basis_or_default == "all"
    one_off = f"+{{x}}{e['one_off']}" if every else ""
    repairs = f"-{{x}}{e['repairs']}" if rule.definition_or_default == "ebitda_mri" else ""
    num = f"({{x}}{e['surplus']}{one_off}+{{x}}{e['depreciation']}{repairs})"
    den = f"({{x}}{e['interest']}" + (f"+{{x}}{e['fees']})" if every else ")")
    return (lambda x: num.format(x=x)), (lambda x: den.format(x=x))


def _values(num, den, tested: int, limit: float, minimum: bool, years: int):
    """The stored results: metric, headroom and money headroom per year ("" where untested)."""
    out: tuple[list, list, list] = ([], [], [])
    sign = 1.0 if minimum else -1.0
    for t in range(years):
        if t < tested and den[t] > 0:
            value = float(num[t] / den[t])
            out[0].append(value)
            out[1].append(sign * (value - limit))
            out[2].append(float(sign * (num[t] - limit * den[t])))
        else:
            for row in out:
                row.append("")
    return out
