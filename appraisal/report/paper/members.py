"""The board paper's account of board members' own views (model-v2.md V9).

A sub-section of the non-financial case: how many members' views the leader holds under and,
where views divide, which criteria divide them; Appendix D adds each member's leading option and
the spread of their weights and scores against the board's. Members are named only where the case allows it;
otherwise they are member A, B… in the case's order. Every figure is read from Results.
"""
from __future__ import annotations

from ...charts import members as charts
from ...formatting import pct, score
from ...members import dividing_criteria
from ...results import Results
from .document import BoardPaper


def holds_clause(r: Results) -> str | None:
    """'it leads (or ties) in 2 of 4 board members' own views', or None without members."""
    if not r.leader_holds:
        return None
    k, n = r.leader_holds["members"], r.leader_holds["of"]
    if k == n:
        return (f"it leads (or ties) in every one of the {n} board members' own views"
                if n > 1 else "it leads (or ties) in the one board member's own view given")
    return f"it leads (or ties) in {k} of {n} board members' own views"


def _gave(view, member) -> str:
    parts = (["weights"] if member.weights is not None else []) + \
        (["scores"] if member.scores else [])
    return " and ".join(parts).capitalize() if parts else "The board's figures"


def divide_lines(r: Results, names: list[str]) -> list[str]:
    """For each criterion on which views divide, who sits at each end of the weights."""
    case = r.case
    spread = r.member_spread or {"weights": {}, "scores": {}}
    out = []
    for cid in dividing_criteria(case, spread):
        crit = next(c for c in case.criteria if c.id == cid)
        w = spread["weights"][cid]
        text = crit.name
        if w["count"] >= 2:
            def who(value):
                return ", ".join(names[i] for i, v in enumerate(r.members)
                                 if v.own_weights and abs(v.weights[cid] - value) < 1e-12)
            text += (f": a weight from {pct(w['low'])} ({who(w['low'])}) to {pct(w['high'])} "
                     f"({who(w['high'])}); the board gives it {pct(r.weights[cid])}")
        wide = [o.name for o in case.options if not crit.derived
                and (s := spread["scores"][o.id][cid])["count"] >= 2
                and s["high"] - s["low"] > 4.0]
        if wide:
            text += ("; " if w["count"] >= 2 else ": ") + "scores more than 4 points apart for " \
                + ", ".join(wide)
        out.append(text + ".")
    return out


def members_section(paper: BoardPaper, r: Results) -> None:
    if not r.members:
        return
    case = r.case
    names = charts.labels(r)
    leader = r.option(r.leader).name
    paper.heading("Board members' own views", 3)
    n = len(r.members)
    weighed = sum(v.own_weights for v in r.members)
    scored = sum(bool(m.scores) for m in case.members)
    intro = (f"Before the board agreed its weights and scores, {n} board member"
             f"{'s were' if n != 1 else ' was'} asked for their own view: {weighed} weighed "
             f"the criteria and {scored} scored options themselves (where a member gave no "
             f"weights or scores, the board's stand in). {leader}, the board's leading option, "
             f"{holds_clause(r)}.")
    if not case.members_named:
        intro += " Members are not named in this paper."
    paper.para(intro + " Appendix D gives each member's leading option and the spread of "
               "their weights and scores.")
    lines = divide_lines(r, names)
    if lines:
        paper.para("Views divide most on these criteria:")
        paper.bullets(lines)
    else:
        paper.para("Members' views do not divide sharply on any criterion: no weight differs "
                   "by more than 15 points of the total between members, and no option's "
                   "scores by more than 4 points.")


def members_appendix(paper: BoardPaper, r: Results) -> None:
    """Appendix D's part on members: each member's leading option, then the spread charts."""
    if not r.members:
        return
    case = r.case
    names = charts.labels(r)
    leader = r.option(r.leader).name
    options = {o.id: o.name for o in case.options}
    paper.heading("Board members' own views in detail", 2)
    paper.table(["Member", "Gave", "Their leading option", f"Their score for {leader}",
                 "Their top score"],
                [[names[i], _gave(v, m), options[v.leader],
                  score(v.weighted_scores[r.leader]), score(max(v.weighted_scores.values()))]
                 for i, (v, m) in enumerate(zip(r.members, case.members))],
                [2.0, 1.7, 3.0, 1.5, 1.3], numeric={3, 4})
    if any(v.own_weights for v in r.members):
        paper.chart(charts.weight_spread(r), caption="Each dot is one member's share of the "
                    "total weight; the black bar is the board's.")
    if any(m.scores for m in case.members):
        paper.chart(charts.score_spread(r), caption="Each dot is one member's score, for the "
                    "options and criteria members scored; the black bar is the board's.")
