"""The Sensitivity sheet: tornado (ranked live), scenarios with ranks, switching values, and
the Monte Carlo figures from Continuum's run.

The model is linear in each line's main quantity q, so with g the NPV per unit (the discounted
unit flows on the option sheet): NPV at x = NPV + g × (x − q); the switching value is
``q − NPV vs baseline / g`` ("n/a" for the baseline option or where g = 0); the pessimistic and
optimistic scenarios put every ranged line at its worse or better end (model.md §2). Each
option's tornado rows are ranked by their swing (rounded to ``SwingDecimals``; equal swings keep
the lines' order) and the ranked table the charts read follows that rank, so a flexed input
reorders the chart. The Monte Carlo figures do not move with the inputs.
"""
from __future__ import annotations

from ...results import Results
from .cells import col, span
from .drivers_sheet import DriverCells, write_drivers
from .scores import ScoresMap, derived_score
from .styles import MONEY, RATE, SCORE, WHOLE

SHEET = "Sensitivity"
TORNADO_HEADS = ("No.", "Option", "Driver", "Line", "Low", "NPV vs baseline at low",
                 "High", "NPV vs baseline at high", "Option NPV", "NPV at low", "NPV at high",
                 "Swing against the baseline", "Change at low", "Change at high", "Worse change",
                 "Better change", "Rank in option")
SCENARIOS = ("pessimistic", "base", "optimistic")


def _head(ws, row: int, heads) -> None:
    for c, text in enumerate(heads, start=1):
        ws.text(row, c, text, "Header")


def tornado_rows(results: Results) -> int:
    """Rows the tornado table takes (a note where no line has a range)."""
    return max(1, sum(len(o.tornado) for o in results.options))


def _tornado(ws, results: Results, maps, summary, drivers: DriverCells, row: int):
    """Each uncertain figure (a line, or a driver shared by several lines and options) at its
    low and high, against the baseline (model-v2.md V4): live from the driver workings, each
    option's rows ranked by a live formula (widest swing first; equal swings keep their order)."""
    ws.text(row, 1, "Tornado: each uncertain figure at its low and high (a driver moves every "
            "line that shares it)", "Section")
    _head(ws, row + 1, TORNADO_HEADS)
    r = row + 2
    groups = []
    base = next(i for i, o in enumerate(results.options) if o.baseline)
    for o, option in enumerate(results.options):
        start, last = r, r + len(option.tornado) - 1
        for k, t in enumerate(option.tornado, start=1):
            d = drivers.driver_of(o, base, t.ref)
            first_o, first_ref = drivers.first_line[d]
            first = maps[first_o].lines[first_ref]
            ws.value(r, 1, o + 1, "Label", WHOLE)
            ws.text(r, 2, option.name)
            ws.text(r, 3, t.driver or "")
            ws.text(r, 4, t.label)
            at_low, at_high = t.npv_at_low, t.npv_at_high
            vs, npv = summary.npv_vs_baseline[option.id], summary.npv[option.id]
            swings = f"$L${start}:$L${last}"
            earlier = (f"+SUMPRODUCT(--(ROUND($L${start}:$L{r - 1},SwingDecimals)="
                       f"ROUND($L{r},SwingDecimals)))" if r > start else "")
            for c, formula, v, fmt in (
                    (5, f"={first.low}", t.low, "#,##0"),
                    (6, f"={vs}+{drivers.against(0, d, o)}", t.npv_vs_baseline_at_low, MONEY),
                    (7, f"={first.high}", t.high, "#,##0"),
                    (8, f"={vs}+{drivers.against(1, d, o)}", t.npv_vs_baseline_at_high, MONEY),
                    (9, f"={npv}", option.npv, MONEY),
                    (10, f"=$I{r}+{drivers.cell(0, d, o)}", at_low, MONEY),
                    (11, f"=$I{r}+{drivers.cell(1, d, o)}", at_high, MONEY),
                    (12, f"=ABS($H{r}-$F{r})", t.swing, MONEY),
                    (13, f"=$J{r}-$I{r}", at_low - option.npv, MONEY),
                    (14, f"=$K{r}-$I{r}", at_high - option.npv, MONEY),
                    (15, f"=MIN($M{r},$N{r})", min(at_low, at_high) - option.npv, MONEY),
                    (16, f"=MAX($M{r},$N{r})", max(at_low, at_high) - option.npv, MONEY),
                    (17, f"=1+SUMPRODUCT(--(ROUND({swings},SwingDecimals)>ROUND($L{r},"
                         f"SwingDecimals))){earlier}", k, WHOLE)):
                ws.formula(r, c, formula, v, "Link" if c in (5, 7, 9) else "Calc", fmt)
            r += 1
        if r > start:
            groups.append((option, start, r - 1))
    if not groups:
        ws.text(r, 1, "No line has a low and high range.", "Note")
        r += 1
    first, last = row + 2, max(r - 1, row + 2)
    return r + 1, groups, (first, last)


def _ranked(book, ws, groups, row: int) -> int:
    """Each option's tornado in rank order (what the charts read) with its chart below it, one
    option to a printed page."""
    if not groups:
        return row
    breaks = []
    for option, first, last in groups:
        breaks.append(row - 1)
        ws.text(row, 1, f"Tornado in order of swing: {option.name}", "Section")
        _head(ws, row + 1, ("Rank", "Option", "Line", "Change at low", "Change at high"))
        r = row + 2
        ranks = f"$Q${first}:$Q${last}"
        for k, t in enumerate(option.tornado, start=1):
            ws.value(r, 1, k, "Constant", WHOLE)
            ws.text(r, 2, option.name)
            at = f"MATCH($A{r},{ranks},0)"
            ws.formula(r, 3, f"=INDEX($D${first}:$D${last},{at})", t.label, "Calc")
            ws.formula(r, 4, f"=INDEX($M${first}:$M${last},{at})", t.npv_at_low - option.npv,
                       "Calc", MONEY)
            ws.formula(r, 5, f"=INDEX($N${first}:$N${last},{at})", t.npv_at_high - option.npv,
                       "Calc", MONEY)
            r += 1
        _chart(book, ws, option, row + 2, r - 1, r)
        row = r + CHART_ROWS + 1
    ws.ws.set_h_pagebreaks(breaks + [row - 1])
    return row


CHART_ROWS = 22


def _chart(book, ws, option, first: int, last: int, anchor: int) -> None:
    chart = book.xl.add_chart({"type": "bar"})
    for c, name, colour in ((4, "Line at its low", "#D55E00"), (5, "Line at its high", "#0072B2")):
        chart.add_series({
            "name": name, "categories": [SHEET, first - 1, 2, last - 1, 2],
            "values": [SHEET, first - 1, c - 1, last - 1, c - 1], "fill": {"color": colour},
            "overlap": 100, "gap": 40})
    chart.set_title({"name": f"Tornado: {option.name}"[:120], "name_font": {"size": 12}})
    chart.set_x_axis({"num_format": "£#,##0", "name": "Change in NPV (£)",
                      "num_font": {"size": 10}, "name_font": {"size": 10}})
    chart.set_y_axis({"reverse": True, "label_position": "low", "num_font": {"size": 10}})
    chart.set_legend({"position": "bottom", "font": {"size": 10}})
    chart.set_size({"width": 900, "height": 400})
    ws.ws.insert_chart(anchor, 0, chart, {"x_offset": 10, "y_offset": 5})


def _scenarios(ws, results: Results, summary, scores: ScoresMap, drivers: DriverCells,
               row: int) -> int:
    """Each option's NPV against the baseline with every driver at its worse (pessimistic) or
    better (optimistic) end for that option, live from the driver workings, with the NPV (the
    baseline's base NPV added), the ranks by NPV, and the weighted scores and their ranks (the
    value-for-money scores re-derived from the scenario's NPVs against the baseline)."""
    ws.text(row, 1, "Scenarios: every uncertain figure at its worse or better end for each "
            "option, against the baseline (model version 2)", "Section")
    heads = ["No.", "Option"] + [f"{s.capitalize()} NPV" for s in SCENARIOS]
    heads += [f"{s.capitalize()} NPV vs baseline" for s in SCENARIOS]
    heads += [f"{s.capitalize()} NPV rank" for s in SCENARIOS]
    heads += [f"{s.capitalize()} weighted score" for s in SCENARIOS]
    heads += [f"{s.capitalize()} rank by weighted score" for s in SCENARIOS]
    _head(ws, row + 1, heads)
    top = row + 2
    bottom = top + len(results.options) - 1
    n = len(drivers.rows)
    for o, option in enumerate(results.options):
        r = top + o
        ws.value(r, 1, o + 1, "Label", WHOLE)
        ws.text(r, 2, option.name)
        vs, npv = summary.npv_vs_baseline[option.id], summary.npv[option.id]
        ws.formula(r, 4, f"={npv}", option.npv, "Link", MONEY)
        ws.formula(r, 7, f"={vs}", option.npv_vs_baseline, "Link", MONEY)
        for c, block, name in ((6, 2, "pessimistic"), (8, 3, "optimistic")):
            scen = results.scenarios[name]
            moved = ""
            if n:
                c0 = col(3 + block * drivers.n_options + o)
                moved = f"+SUM(${c0}${drivers.top}:${c0}${drivers.top + n - 1})"
            ws.formula(r, c, f"={vs}{moved}", scen.npv_vs_baseline[option.id], "Output", MONEY)
            ws.formula(r, c - 3, f"={col(c)}{r}+{npv}-{vs}", scen.npv[option.id], "Calc",
                       MONEY)
        for k, name in enumerate(SCENARIOS):
            npvs = span(top, 3 + k, bottom, 3 + k)
            ws.formula(r, 9 + k, f"=1+SUMPRODUCT(--({npvs}>{col(3 + k)}{r}+NpvTieTolerance))",
                       results.scenarios[name].npv_rank[option.id], "Calc", WHOLE)
        _scenario_scores(ws, results, scores, option, r, (top, bottom))
    return bottom + 2


def _scenario_scores(ws, results: Results, scores: ScoresMap, option, r: int,
                     rows: tuple[int, int]) -> None:
    """An option's weighted score and rank in each scenario: its typed scores as on Scores,
    each derived score re-derived from the scenario's NPVs against the baseline."""
    top, bottom = rows
    for k, name in enumerate(SCENARIOS):
        scen, c = results.scenarios[name], 12 + k
        if name == "base":
            weighted = f"={scores.weighted[option.id]}"
        else:
            vs_col = span(top, 6 + k, bottom, 6 + k)
            typed = (f"SUMPRODUCT({scores.weights_range},1-{scores.derived_row},"
                     f"{scores.row_scores[option.id]})")
            derived = "".join(
                f"+{scores.weight[c_.id]}*"
                f"{derived_score(f'{col(6 + k)}{r}', vs_col, scores.anchors.get(c_.id))}"
                for c_ in results.case.criteria if c_.derived)
            weighted = (f'=IF({scores.weighted[option.id]}="","",'
                        f"100*({typed}{derived})/ScoreMax)")
        ws.formula(r, c, weighted, scen.weighted_score[option.id], "Calc", SCORE)
        column = span(top, c, bottom, c)
        ws.formula(r, c + 3, f'=IF(COUNT({column})<ROWS({column}),"",'
                   f"1+SUMPRODUCT(--({column}>{col(c)}{r}+TieTolerance)))",
                   scen.rank[option.id], "Output", WHOLE)


def _switching(ws, results: Results, maps, summary, row: int) -> int:
    ws.text(row, 1, "Switching values: the main quantity at which NPV vs baseline is zero "
            "(Continuum's figures; a line moves with its driver)", "Section")
    _head(ws, row + 1, ("No.", "Option", "Driver (shared by lines)", "Line", "Base", "",
                        "NPV vs baseline", "Switching value", "Change from base"))
    r = row + 2
    for o, option in enumerate(results.options):
        for s in option.switching_values:
            # Continuum's figures: a line moves with every line that shares its driver.
            r = _engine_switching(ws, r, o, option, s)
    return r + 1


def _engine_switching(ws, r: int, o: int, option, s) -> int:
    ws.value(r, 1, o + 1, "Label", WHOLE)
    ws.text(r, 2, option.name)
    ws.text(r, 3, s.ref.removeprefix("driver:") if s.ref.startswith("driver:") else "")
    ws.text(r, 4, s.label)
    ws.value(r, 5, s.base, "Engine", "#,##0")
    ws.value(r, 7, option.npv_vs_baseline, "Engine", MONEY)
    ws.value(r, 8, "n/a" if s.value is None else s.value, "Engine", "#,##0")
    ws.value(r, 9, "n/a" if s.change_pct is None else s.change_pct / 100, "Engine", RATE)
    return r + 1


def _monte_carlo(ws, results: Results, row: int) -> int:
    mcs = [(o, o.monte_carlo) for o in results.options if o.monte_carlo is not None]
    if not mcs:
        return row
    mc = mcs[0][1]
    ws.text(row, 1, "Monte Carlo: Continuum's figures from its own run (they do not "
            "recalculate)", "Section")
    ws.text(row + 1, 1, f"{mc.draws:,} draws, seed {mc.seed}, {mc.distribution} "
            "distributions between each line's low, base and high.", "Note")
    _head(ws, row + 2, ("No.", "Option", "P10 NPV", "P50 NPV", "P90 NPV", "Mean NPV",
                        "P(NPV vs baseline < 0)", "P(highest NPV)"))
    r = row + 3
    for option, m in mcs:
        ws.value(r, 1, results.options.index(option) + 1, "Label", WHOLE)
        ws.text(r, 2, option.name)
        for c, v, fmt in ((3, m.p10, MONEY), (4, m.p50, MONEY), (5, m.p90, MONEY),
                          (6, m.mean, MONEY), (7, m.p_npv_vs_baseline_below_zero, RATE),
                          (8, m.p_highest_npv, RATE)):
            ws.value(r, c, v, "Engine", fmt)
        r += 1
    r += 1
    ws.text(r, 1, "Histogram of NPV (count of draws per bin; Continuum's figures)", "Section")
    _head(ws, r + 1, ("Bin from", "Bin to") + tuple(o.name for o, _ in mcs))
    edges = results.histogram_edges
    r += 2
    for b in range(len(edges) - 1):
        ws.value(r, 1, edges[b], "Engine", MONEY)
        ws.value(r, 2, edges[b + 1], "Engine", MONEY)
        for k, (_, m) in enumerate(mcs):
            ws.value(r, 3 + k, m.histogram_counts[b], "Engine", "#,##0")
        r += 1
    return r + 1


def write_sensitivity(book, ws, results: Results, maps, summary, table, option_ids,
                      scores: ScoresMap) -> None:
    """The sheet; ``table`` is the engine's line table, ``option_ids`` the Inputs id cells."""
    ws.text(1, 1, "Sensitivity: how robust the answer is", "Title")
    # The tornado's rows come first; the driver workings it reads sit just below it.
    drivers = write_drivers(ws, results, table, maps, option_ids, 3 + 2 + tornado_rows(results)
                            + 1)
    row, groups, _ = _tornado(ws, results, maps, summary, drivers, 3)
    row = _ranked(book, ws, groups, drivers.end + 1)
    row = _scenarios(ws, results, summary, scores, drivers, row)
    row = _switching(ws, results, maps, summary, row)
    _monte_carlo(ws, results, row)
    widths = {1: 16, 2: 24, 3: 18, 4: 24}
    widths.update({c: 13 for c in range(5, len(TORNADO_HEADS) + 1)})
    for c, w in widths.items():
        ws.width(c, w)
