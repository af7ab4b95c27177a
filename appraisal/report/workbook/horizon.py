"""The Horizon sheet: the appraisal at longer horizons, as live formulas (model-v2.md V2).

At each horizon T (the first is ``HorizonYears``; the others are typed here and may be changed
up to ``MaxYears``) each option's NPV is Σ_{t<=T} net_t × df_t over the net flow of every built
year; the NPV against the baseline, the NPV rank and the highest NPV follow; the value-for-money
scores are re-derived from T's NPV against the baseline and the weighted score moves by the
weight on them: ``S_T = S_H + 100 × w_derived × (v_T − v_H) / ScoreMax``; the leader is ranked 1.
Figures past the horizon count savings and renewals as entered ("if savings persist").
"""
from __future__ import annotations

import numpy as np

from ... import scoring
from ...results import Results
from .cells import col, on
from .option_layout import DF_ROW, T_ROW
from .styles import MONEY, SCORE, WHOLE
from .summary import NOT_RANKED

SHEET = "Horizon"
TOP = 5                 # the row of the horizons
FIRST = 3               # the column of the first horizon


def _engine(results: Results, timeline, years: list[int]) -> dict[str, np.ndarray]:
    """The figures each block stores, from the engine's flows and factors: [T, option]."""
    net = np.array(timeline.net_all)
    df = np.array(timeline.df)
    base = next(i for i, o in enumerate(results.options) if o.baseline)
    npv = np.array([net[:, :t] @ df[:t] for t in years])
    vs = npv - npv[:, [base]]
    derived = np.array([scoring.derived_scores(v) for v in vs])
    crits = results.case.criteria
    share = sum(results.weights[c.id] for c in crits if c.derived)
    weighted = np.array([np.nan if o.weighted_score is None else o.weighted_score
                         for o in results.options])                 # NaN: not scored yet
    scores = weighted[None, :] + 100 * share * (derived - derived[[0]]) / 10
    return {"npv": npv, "vs": vs, "derived": derived, "weighted": scores}


def write_horizon(ws, results: Results, maps, scores, timeline, grid) -> None:
    years = [entry.years for entry in results.horizon_sensitivity] or [results.horizon]
    n_t, n_o = len(years), len(results.options)
    figures = _engine(results, timeline, years)
    entries = {e.years: e for e in results.horizon_sensitivity}
    ws.text(1, 1, "Horizon: the answer at longer horizons", "Title")
    ws.text(2, 1, "Past the horizon, figures assume savings persist and renewals are as "
            "entered. The first horizon is HorizonYears; change the others (up to MaxYears).",
            "Note")
    ws.text(TOP, 2, "Horizon (years)", "Header")
    rule = {"validate": "integer", "criteria": "between", "minimum": 1,
            "maximum": timeline.years, "error_title": "Horizon",
            "error_message": f"A whole number of years from 1 to {timeline.years}."}
    for k, t in enumerate(years):
        if k == 0:
            ws.formula(TOP, FIRST + k, "=HorizonYears", t, "Link", WHOLE)
        else:
            ws.value(TOP, FIRST + k, t, "Input", WHOLE)
            ws.validate(TOP, FIRST + k, TOP, FIRST + k, rule)
    last_c = FIRST + n_t - 1
    names = f"$B${TOP + 4}:$B${TOP + 3 + n_o}"          # the first block's names
    blocks = {}
    row = TOP + 3
    for key, title, fmt in (("vs", "NPV against the baseline (£)", MONEY),
                            ("npv", "NPV (£)", MONEY), ("npv_rank", "NPV rank", WHOLE),
                            ("derived", "Value-for-money score, re-derived", SCORE),
                            ("weighted", "Weighted score", SCORE),
                            ("rank", "Rank by weighted score", WHOLE)):
        ws.text(row, 1, title, "Section")
        blocks[key] = (row + 1, fmt)
        for i, option in enumerate(results.options):
            ws.text(row + 1 + i, 1, option.id)
            ws.text(row + 1 + i, 2, option.name)
        row += n_o + 2
    for k, t in enumerate(years):
        c = col(FIRST + k)
        cell = f"{c}${TOP}"

        def rng(key: str, c: str = c) -> str:
            first = blocks[key][0]
            return f"{c}${first}:{c}${first + n_o - 1}"
        for i, (option, m) in enumerate(zip(results.options, maps)):
            r = {key: blocks[key][0] + i for key in blocks}
            t_row, df_row = on(m.sheet, grid.row_span(T_ROW)), on(m.sheet, grid.row_span(DF_ROW))
            ws.formula(r["npv"], FIRST + k, f"=SUMPRODUCT(--({t_row}<={cell}),{m.net_all_row},"
                       f"{df_row})", float(figures["npv"][k, i]), "Calc", MONEY)
            ids = f"$A${blocks['npv'][0]}:$A${blocks['npv'][0] + n_o - 1}"
            ws.formula(r["vs"], FIRST + k, f"={c}{r['npv']}-SUMPRODUCT(--({ids}=BaselineOption),"
                       f"{rng('npv')})", float(figures["vs"][k, i]), "Output", MONEY)
            ws.formula(r["npv_rank"], FIRST + k, f"=1+SUMPRODUCT(--({rng('npv')}>{c}{r['npv']}"
                       f"+NpvTieTolerance))", scoring.ranks(figures["npv"][k], tol=1e-6)[i],
                       "Calc", WHOLE)
            vs = rng("vs")
            lo, hi = f"MIN({vs})", f"MAX({vs})"
            ws.formula(r["derived"], FIRST + k, (
                f"=IF({hi}-{lo}<=TieTolerance*MAX(1,ABS({hi}),ABS({lo})),ScoreMax/2,"
                f"ScoreMax*({c}{r['vs']}-{lo})/({hi}-{lo}))"), float(figures["derived"][k, i]),
                "Calc", SCORE)
            first_col = col(FIRST)
            given = scores.weighted[option.id]             # empty while not scored
            ws.formula(r["weighted"], FIRST + k, (
                f'=IF({given}="","",{given}+100*{scores.derived_share}*({c}{r["derived"]}-'
                f"${first_col}{r['derived']})/ScoreMax)"),
                scoring.optional(figures["weighted"][k])[i], "Calc", SCORE)
            ws.formula(r["rank"], FIRST + k, f'=IF(COUNT({rng("weighted")})<ROWS({rng("weighted")}),"",'
                       f"1+SUMPRODUCT(--({rng('weighted')}>{c}{r['weighted']}+TieTolerance)))",
                       scoring.ranks_or_none(figures["weighted"][k])[i], "Calc", WHOLE)
        entry = entries.get(t)
        for at, key, label, winner in ((TOP + 1, "npv_rank", "Highest NPV",
                                        entry.highest_npv if entry else results.npv_leader),
                                       (TOP + 2, "rank", "Leader by weighted score",
                                        entry.leader if entry else results.leader)):
            ws.text(at, 2, label, "Section")
            ws.formula(at, FIRST + k, f'=IF(COUNT({rng(key)})<ROWS({rng(key)}),"{NOT_RANKED}",'
                       f"INDEX({names},MATCH(1,{rng(key)},0)))",
                       results.option(winner).name if winner else NOT_RANKED, "Output",
                       text_wrap=True)
    ws.width(1, 16)
    ws.width(2, 34)
    for column in range(FIRST, last_c + 1):
        ws.width(column, 18)
