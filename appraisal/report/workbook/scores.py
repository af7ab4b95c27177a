"""The Scores sheet: normalised weights, the score matrix, the weighted sum and switching weights.

``w_i = weight_i / Σ weight``; ``weighted = 100 × Σ w_i × score_i / ScoreMax``; rank 1 is the
highest, and scores within ``TieTolerance`` share a rank (1, 2, 2, 4):
``rank = 1 + the number of options scoring more than this one + TieTolerance``.
A value-for-money criterion's scores are derived from NPV vs baseline v:
``ScoreMax × (v − min) / (max − min)``, all ``ScoreMax / 2`` when max = min; with the board's
money anchors (model-v2.md V8) ``ScoreMax × (v − v0) / (v10 − v0)``, not capped.

Switching weights (scoring.switching_weight, closed form for a weighted sum): with criterion c's
weight moved to w and the others in proportion, ``S_o(w) = w × a_o + (1 − w) × R_o`` where
``a_o = 100 × score_oc / ScoreMax`` and ``R_o = (S_o − w_c × a_o) / (1 − w_c)``; the leader T
meets option o at ``w = (R_T − R_o) / ((R_T − R_o) − (a_T − a_o))``. Of the crossings in 0..1
the nearest to the current weight is the switching weight (the smaller if two are as near).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...results import Results
from ...scoring import TIE
from .cells import col, on, ref
from .inputs import InputsMap
from .styles import RATE, SCORE, WHOLE

SHEET = "Scores"
R_NAMES, R_POINTS, R_WEIGHTS, R_DERIVED, R_HEAD = 3, 4, 5, 6, 8
FIRST_CRIT = 3
NONE = -1               # a crossing that does not count (outside 0..1, or the leader itself)


@dataclass
class ScoresMap:
    weighted: dict[str, str]
    rank: dict[str, str]
    weights_range: str
    points_range: str
    weighted_range: str     # the options' weighted scores, empty where not available
    derived_share: str      # the weight on the scores derived from NPV vs baseline


def _derived(v: str, vs_range: str) -> str:
    lo, hi = f"MIN({vs_range})", f"MAX({vs_range})"
    return (f"=IF({hi}-{lo}<=TieTolerance*MAX(1,ABS({hi}),ABS({lo})),ScoreMax/2,"
            f"ScoreMax*({v}-{lo})/({hi}-{lo}))")


def write_scores(ws, results: Results, inputs: InputsMap, summary) -> ScoresMap:
    """Write the weights and the score matrix with its weighted sums and ranks."""
    crits = results.case.criteria
    n_c, n_o = len(crits), len(results.options)
    last_c = FIRST_CRIT + n_c - 1
    wcol, rcol = last_c + 1, last_c + 2
    ws.text(1, 1, "Scores: the weighted-sum matrix", "Title")
    ws.text(R_NAMES, 1, "Criterion", "Header")
    ws.text(R_POINTS, 1, "Weight (points, from Inputs)")
    ws.text(R_WEIGHTS, 1, "Normalised weight")
    points = f"${col(FIRST_CRIT)}${R_POINTS}:${col(last_c)}${R_POINTS}"
    weights = f"${col(FIRST_CRIT)}${R_WEIGHTS}:${col(last_c)}${R_WEIGHTS}"
    for j, c in enumerate(crits):
        k = FIRST_CRIT + j
        ws.formula(R_NAMES, k, f"={inputs.criterion_name[c.id]}", c.name, "Header")
        ws.formula(R_POINTS, k, f"={inputs.weight[c.id]}", c.weight, "Link", "0.##")
        ws.formula(R_WEIGHTS, k, f"=IF(SUM({points})=0,0,{col(k)}{R_POINTS}/SUM({points}))",
                   results.weights[c.id], "Calc", RATE)
        ws.value(R_DERIVED, k, int(c.derived), "Constant", WHOLE)
    ws.text(R_DERIVED, 1, "Derived from NPV vs baseline (1 yes, 0 no)")
    derived_row = f"${col(FIRST_CRIT)}${R_DERIVED}:${col(last_c)}${R_DERIVED}"
    ws.text(R_DERIVED, last_c + 1, "Weight on them:", "Note")
    ws.formula(R_DERIVED, last_c + 2, f"=SUMPRODUCT({weights},{derived_row})",
               sum(results.weights[c.id] for c in crits if c.derived), "Calc", RATE)
    ws.text(R_HEAD, 1, "Option id", "Header")
    ws.text(R_HEAD, 2, "Option", "Header")
    for j, c in enumerate(crits):
        ws.formula(R_HEAD, FIRST_CRIT + j, f"={col(FIRST_CRIT + j)}{R_NAMES}", c.name, "Header")
    ws.text(R_HEAD, wcol, "Weighted score (0 to 100)", "Header")
    ws.text(R_HEAD, rcol, "Rank", "Header")
    first, last = R_HEAD + 1, R_HEAD + n_o
    scores_col = f"${col(wcol)}${first}:${col(wcol)}${last}"
    weighted, rank = {}, {}
    for i, option in enumerate(results.options):
        r = first + i
        ws.text(r, 1, option.id)
        ws.text(r, 2, option.name)
        for j, c in enumerate(crits):
            k = FIRST_CRIT + j
            if c.derived and c.id in inputs.anchors:      # the board's money anchors (V8)
                v0, v10 = inputs.anchors[c.id]
                ws.formula(r, k, f"=ScoreMax*({summary.npv_vs_baseline[option.id]}-{v0})/"
                           f"({v10}-{v0})", option.scores[c.id], "Calc", SCORE)
            elif c.derived:
                ws.formula(r, k, _derived(summary.npv_vs_baseline[option.id], summary.vs_range),
                           option.scores[c.id], "Calc", SCORE)
            else:
                given = inputs.score[(option.id, c.id)]     # empty while not scored
                ws.formula(r, k, f'=IF(ISBLANK({given}),"",{given})', option.scores.get(c.id),
                           "Link", SCORE)
        row_scores = f"${col(FIRST_CRIT)}{r}:${col(last_c)}{r}"
        # No weighted score while a criterion with weight is unscored, or nothing has weight.
        ws.formula(r, wcol, f'=IF(SUM({points})=0,"",IF(SUMPRODUCT(--({weights}>0),'
                   f'--({row_scores}=""))>0,"",100*SUMPRODUCT({weights},{row_scores})/ScoreMax))',
                   option.weighted_score, "Output", SCORE)
        ws.formula(r, rcol, f'=IF(COUNT({scores_col})<ROWS({scores_col}),"",'
                   f"1+SUMPRODUCT(--({scores_col}>${col(wcol)}{r}+TieTolerance)))",
                   option.rank, "Output", WHOLE)
        weighted[option.id] = on(SHEET, ref(r, wcol))
        rank[option.id] = on(SHEET, ref(r, rcol))
    ws.text(last + 1, 1, "Derived scores (value for money) follow from NPV vs baseline on "
            "Summary; typed scores link to Inputs.", "Note")
    if results.scored:
        _switching(ws, results, last + 3, (first, last), wcol, rcol)
    else:
        ws.text(last + 3, 1, "Weighted scores, ranks and switching weights follow once every "
                "option is scored on every criterion with weight (see Checks).", "Note")
    widths = {1: 26, 2: 34}
    widths.update({FIRST_CRIT + j: 13 for j in range(max(n_c, n_o + 2))})
    widths.update({wcol: 13, rcol: 7})
    for column_no, w in widths.items():
        ws.width(column_no, w)
    return ScoresMap(weighted, rank, on(SHEET, weights), on(SHEET, points),
                     on(SHEET, scores_col),
                     on(SHEET, ref(R_DERIVED, last_c + 2)))


def _crossings(results: Results) -> np.ndarray:
    """The figures the crossing cells hold: [criterion, option], NONE where none counts."""
    crits = results.case.criteria
    s = np.array([[o.scores[c.id] for c in crits] for o in results.options])
    w = np.array([results.weights[c.id] for c in crits])
    total = np.array([o.weighted_score for o in results.options])
    lead = next(i for i, o in enumerate(results.options) if o.rank == 1)
    out = np.full((len(crits), len(results.options)), float(NONE))
    for j in range(len(crits)):
        if 1 - w[j] <= TIE:
            continue
        a = 10.0 * s[:, j]
        rest = (total - w[j] * a) / (1 - w[j])
        for o in range(len(results.options)):
            dr, da = rest[lead] - rest[o], a[lead] - a[o]
            if o == lead or abs(dr - da) < TIE:
                continue
            x = dr / (dr - da)
            if -TIE <= x <= 1 + TIE:
                out[j, o] = min(max(x, 0.0), 1.0)
    return out


def _switching(ws, results: Results, top: int, rows: tuple[int, int], wcol: int,
               rcol: int) -> None:
    """The crossing of the leader with each option as one criterion's weight moves."""
    crits, options = results.case.criteria, results.options
    first, last = rows
    n_o = len(options)
    ranks = f"${col(rcol)}${first}:${col(rcol)}${last}"
    totals = f"${col(wcol)}${first}:${col(wcol)}${last}"
    ws.text(top, 1, "Switching weights: the weight of a criterion at which the leader changes",
            "Section")
    ws.text(top + 1, 1, "Leader's row in the matrix", "Label")
    lead = next(i for i, o in enumerate(options) if o.rank == 1)
    ws.formula(top + 1, 3, f"=MATCH(1,{ranks},0)", lead + 1, "Calc", WHOLE)
    ws.text(top + 2, 1, "Leader tied (TRUE/FALSE)", "Label")
    totals_now = [o.weighted_score or 0.0 for o in options]     # all given: the case is scored
    tied = sum(1 for v in totals_now if v >= totals_now[lead] - TIE) > 1
    ws.formula(top + 2, 3, f"=SUMPRODUCT(--({totals}>=INDEX({totals},$C${top + 1})"
               f"-TieTolerance))>1", tied, "Calc")
    L, T = f"$C${top + 1}", f"$C${top + 2}"
    head = top + 4
    heads = ["Criterion", "Current weight"] + [f"Meets {o.name} at" for o in options]
    heads += [f"Distance to {o.name}" for o in options] + ["Switching weight"]
    for column_no, text in enumerate(heads, start=1):
        ws.text(head, column_no, text, "Header")
    cross = _crossings(results)
    d0, sw_col = 3 + n_o, 3 + 2 * n_o
    for j, c in enumerate(crits):
        r = head + 1 + j
        k = col(FIRST_CRIT + j)
        column = f"${k}${first}:${k}${last}"
        wc = f"$B{r}"
        current = results.weights[c.id]
        ws.formula(r, 1, f"={k}${R_NAMES}", c.name, "Link")
        ws.formula(r, 2, f"={k}${R_WEIGHTS}", current, "Link", RATE)
        a_t = f"100*INDEX({column},{L})/ScoreMax"
        r_t = f"(INDEX({totals},{L})-{wc}*{a_t})/(1-{wc})"
        for o in range(n_o):
            i = first + o
            a_o = f"100*${k}${i}/ScoreMax"
            r_o = f"(${col(wcol)}${i}-{wc}*{a_o})/(1-{wc})"
            dr, da = f"({r_t}-{r_o})", f"({a_t}-{a_o})"
            x = f"{dr}/({dr}-{da})"
            ws.formula(r, 3 + o, (
                f"=IFERROR(IF(OR({L}=ROWS($A${first}:$A${i}),ABS({dr}-{da})<TieTolerance),{NONE},"
                f"IF(AND({x}>=-TieTolerance,{x}<=1+TieTolerance),MIN(MAX({x},0),1),{NONE})),"
                f"{NONE})"), float(cross[j, o]), "Calc", "0.0000")
            here = f"{col(3 + o)}{r}"
            ws.formula(r, d0 + o, f"=IF({here}>=0,ABS({here}-{wc}),2)",
                       abs(cross[j, o] - current) if cross[j, o] >= 0 else 2, "Calc", "0.0000")
        crossing = f"$C{r}:${col(2 + n_o)}{r}"
        near = f"MIN(${col(d0)}{r}:${col(d0 + n_o - 1)}{r})"
        sw = results.switching_weights[c.id]
        ws.formula(r, sw_col, (
            f'=IF(OR({wc}>=1-TieTolerance,{T},{near}>1),"n/a",'
            f"IF(SUMPRODUCT(--(ABS({crossing}-({wc}-{near}))<=TieTolerance))>0,"
            f"{wc}-{near},{wc}+{near}))"),
            "n/a" if sw is None else sw, "Output", RATE)
    ws.text(head + len(crits) + 1, 1, "A crossing of −1 does not count: it is the leader "
            "itself, or the two never meet between 0% and 100%. A distance of 2 likewise.",
            "Note")
