"""The Scores sheet: normalised weights, the score matrix and the weighted sum (model.md §2).

``w_i = weight_i / Σ weight``; ``weighted = 100 × Σ w_i × score_i / ScoreMax``; rank 1 is the
highest, and scores within ``TieTolerance`` share a rank (1, 2, 2, 4):
``rank = 1 + the number of options scoring more than this one + TieTolerance``.
A value-for-money criterion's scores are derived from NPV vs baseline v:
``ScoreMax × (v − min) / (max − min)``, all ``ScoreMax / 2`` when max = min.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...results import Results
from .cells import col, on, put_formula, put_text, ref
from .inputs import InputsMap
from .styles import RATE, SCORE, WHOLE, print_setup

SHEET = "Scores"
R_NAMES, R_POINTS, R_WEIGHTS, R_HEAD = 3, 4, 5, 7
FIRST_CRIT = 3


@dataclass
class ScoresMap:
    weighted: dict[str, str]
    rank: dict[str, str]
    weights_range: str


def _derived(v: str, vs_range: str) -> str:
    lo, hi = f"MIN({vs_range})", f"MAX({vs_range})"
    return (f"=IF({hi}-{lo}<=TieTolerance*MAX(1,ABS({hi}),ABS({lo})),ScoreMax/2,"
            f"ScoreMax*({v}-{lo})/({hi}-{lo}))")


def write_scores(wb, results: Results, inputs: InputsMap, summary) -> ScoresMap:
    """Write the weights and the score matrix with its weighted sums and ranks."""
    ws = wb.create_sheet(SHEET)
    crits = results.case.criteria
    n_c, n_o = len(crits), len(results.options)
    last_c = FIRST_CRIT + n_c - 1
    wcol, rcol = last_c + 1, last_c + 2
    put_text(ws, 1, 1, "Scores: the weighted-sum matrix", "Title")
    put_text(ws, R_NAMES, 1, "Criterion", "Header")
    put_text(ws, R_POINTS, 1, "Weight (points, from Inputs)")
    put_text(ws, R_WEIGHTS, 1, "Normalised weight")
    points = f"${col(FIRST_CRIT)}${R_POINTS}:${col(last_c)}${R_POINTS}"
    weights = f"${col(FIRST_CRIT)}${R_WEIGHTS}:${col(last_c)}${R_WEIGHTS}"
    for j, c in enumerate(crits):
        k = FIRST_CRIT + j
        put_formula(ws, R_NAMES, k, f"={inputs.criterion_name[c.id]}", "Header")
        put_formula(ws, R_POINTS, k, f"={inputs.weight[c.id]}", "Link", "0.##")
        put_formula(ws, R_WEIGHTS, k, f"={col(k)}{R_POINTS}/SUM({points})", fmt=RATE)
    put_text(ws, R_HEAD, 1, "Option id", "Header")
    put_text(ws, R_HEAD, 2, "Option", "Header")
    for j, c in enumerate(crits):
        put_formula(ws, R_HEAD, FIRST_CRIT + j, f"={col(FIRST_CRIT + j)}{R_NAMES}", "Header")
    put_text(ws, R_HEAD, wcol, "Weighted score (0 to 100)", "Header")
    put_text(ws, R_HEAD, rcol, "Rank", "Header")
    first, last = R_HEAD + 1, R_HEAD + n_o
    scores_col = f"${col(wcol)}${first}:${col(wcol)}${last}"
    weighted, rank = {}, {}
    for i, option in enumerate(results.options):
        r = first + i
        put_text(ws, r, 1, option.id)
        put_text(ws, r, 2, option.name)
        for j, c in enumerate(crits):
            k = FIRST_CRIT + j
            if c.derived:
                put_formula(ws, r, k, _derived(summary.npv_vs_baseline[option.id],
                                               summary.vs_range), fmt=SCORE)
            else:
                put_formula(ws, r, k, f"={inputs.score[(option.id, c.id)]}", "Link", SCORE)
        row_scores = f"${col(FIRST_CRIT)}{r}:${col(last_c)}{r}"
        put_formula(ws, r, wcol, f"=100*SUMPRODUCT({weights},{row_scores})/ScoreMax",
                    "Output", SCORE)
        put_formula(ws, r, rcol, f"=1+SUMPRODUCT(--({scores_col}>${col(wcol)}{r}+TieTolerance))",
                    "Output", WHOLE)
        weighted[option.id] = on(SHEET, ref(r, wcol))
        rank[option.id] = on(SHEET, ref(r, rcol))
    put_text(ws, last + 2, 1, "Derived scores (value for money) follow from NPV vs baseline on "
             "Summary; typed scores link to Inputs.", "Note")
    widths = {"A": 26, "B": 40}
    widths.update({col(FIRST_CRIT + j): 14 for j in range(n_c)})
    widths.update({col(wcol): 14, col(rcol): 7})
    print_setup(ws, widths=widths, freeze=f"C{first}")
    return ScoresMap(weighted, rank, on(SHEET, weights))
