"""The Members sheet (model-v2.md V9): each board member's weights and scores, their weighted
scores and leading option as live formulas, and how many members' views the leader holds under.

A member's own weight points and scores are inputs (typed here); where a member gave none the
cell links to the board's figure on Scores, so a change to the board's weights or scores flows
into every member who accepted them. A value-for-money score is always the derived one from
Scores (a member may weigh it, never score it). For each member:
``w_i = points_i / Σ points``; ``weighted = 100 × Σ w_i × score_i / ScoreMax``; the leader is
the first option within ``TieTolerance`` of the top; the board's leader holds for the member
when its score is within ``TieTolerance`` of the member's top.
"""
from __future__ import annotations

from ...members import holds_for
from ...results import Results
from .cells import col, on, ref
from .scores import FIRST_CRIT, R_HEAD, R_POINTS
from .scores import SHEET as SCORES
from .styles import RATE, SCORE, WHOLE

SHEET = "Members"


def write_members(ws, results: Results) -> None:
    """Write one block per member below a summary of who leads for whom."""
    case = results.case
    crits, options = case.criteria, case.options
    n_c, n_o = len(crits), len(options)
    last_c = FIRST_CRIT + n_c - 1
    wcol = last_c + 1
    board_first, board_last = R_HEAD + 1, R_HEAD + n_o
    totals = f"{SCORES}!${col(wcol)}${board_first}:${col(wcol)}${board_last}"
    ws.text(1, 1, "Members: each board member's own view", "Title")
    if not results.scored:          # no leader to hold: the views wait for the board's scores
        ws.text(2, 1, "Members' views are compared with the board's leading option once every "
                "option is scored on every criterion with weight (see Checks).", "Note")
        return
    ws.text(2, 1, "Yellow cells are the member's own figures; links take the board's where the "
            "member gave none. Weighted scores and leaders are formulas.", "Note")
    ws.text(4, 1, "Board's leading option (row on Scores)", "Label")
    lead = next(i for i, o in enumerate(results.options) if o.id == results.leader)
    board_lead = ref(4, 3)
    ws.formula(4, 3, f"=MATCH(1,INDEX(--({totals}>=MAX({totals})-TieTolerance),0),0)",
               lead + 1, "Calc", WHOLE)
    ws.text(5, 1, "Members whose own view puts it first (alone or tied)", "Label")
    holds_cell = (5, 3)
    ws.text(5, 4, f"of {len(results.members)}", "Note")
    top = 7
    holds_cells = []
    for member, view in zip(case.members, results.members):
        holds_cells.append(_member_block(ws, results, member, view, top, board_lead))
        top += n_o + 8
    ws.formula(*holds_cell, "=" + "+".join(holds_cells), (results.leader_holds or {"members": 0})["members"],
               "Output", WHOLE)
    ws.width(1, 26)
    ws.width(2, 34)
    for j in range(n_c + 2):
        ws.width(FIRST_CRIT + j, 13)


def _member_block(ws, results: Results, member, view, top: int, board_lead: str) -> str:
    """One member's weights, scores, weighted scores and leader; the address of 'holds'."""
    case = results.case
    crits, options = case.criteria, case.options
    n_c, n_o = len(crits), len(options)
    last_c = FIRST_CRIT + n_c - 1
    wcol = last_c + 1
    ws.text(top, 1, member.name, "Section")
    if member.role:
        ws.text(top, 2, member.role, "Note")
    r_pts, r_w, r_head = top + 1, top + 2, top + 3
    ws.text(r_pts, 1, "Weight (points)")
    ws.text(r_w, 1, "Normalised weight")
    pts = f"${col(FIRST_CRIT)}${r_pts}:${col(last_c)}${r_pts}"
    ws.text(r_head, 1, "Option id", "Header")
    ws.text(r_head, 2, "Option", "Header")
    for j, c in enumerate(crits):
        k = FIRST_CRIT + j
        if member.weights is not None:
            ws.value(r_pts, k, member.weights[c.id], "Input", "0.##")
        else:
            ws.formula(r_pts, k, f"={SCORES}!{ref(R_POINTS, k)}", c.weight, "Link", "0.##")
        ws.formula(r_w, k, f"={col(k)}{r_pts}/SUM({pts})", view.weights[c.id], "Calc", RATE)
        ws.text(r_head, k, c.name, "Header")
    ws.text(r_head, wcol, "Weighted score (0 to 100)", "Header")
    weights = f"${col(FIRST_CRIT)}${r_w}:${col(last_c)}${r_w}"
    first, last = r_head + 1, r_head + n_o
    col_range = f"${col(wcol)}${first}:${col(wcol)}${last}"
    own = member.scores or {}
    for i, option in enumerate(options):
        r = first + i
        board_row = R_HEAD + 1 + i
        ws.text(r, 1, option.id)
        ws.text(r, 2, option.name)
        for j, c in enumerate(crits):
            k = FIRST_CRIT + j
            given = own.get(option.id, {}).get(c.id)
            if given is not None:
                ws.value(r, k, given, "Input", SCORE)
            else:
                ws.formula(r, k, f"={SCORES}!{ref(board_row, k)}",
                           results.option(option.id).scores[c.id], "Link", SCORE)
        row_scores = f"${col(FIRST_CRIT)}{r}:${col(last_c)}{r}"
        ws.formula(r, wcol, f"=100*SUMPRODUCT({weights},{row_scores})/ScoreMax",
                   view.weighted_scores[option.id], "Output", SCORE)
    names = f"$B${first}:$B${last}"
    r_lead = last + 1
    ws.text(r_lead, 1, "Their leading option", "Label")
    leader_row = f"MATCH(1,INDEX(--({col_range}>=MAX({col_range})-TieTolerance),0),0)"
    leader_name = next(o.name for o in options if o.id == view.leader)
    ws.formula(r_lead, 2, f"=INDEX({names},{leader_row})", leader_name, "Output")
    r_holds = last + 2
    ws.text(r_holds, 1, "Puts the board's leader first (1 yes, 0 no)", "Label")
    holds = int(holds_for(view, results.leader))
    ws.formula(r_holds, 2, f"=IF(INDEX({col_range},{board_lead})>=MAX({col_range})"
               f"-TieTolerance,1,0)", holds, "Output", WHOLE)
    return on(SHEET, ref(r_holds, 2))
