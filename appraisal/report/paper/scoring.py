"""The non-financial case (criteria, weights, scores, why the leader leads); value for money."""
from __future__ import annotations

from ... import charts, scales
from ...charts.scores import score_text
from ...formatting import pct, score
from ...results import Results
from . import kit, members
from .document import BoardPaper

NARROW_LEAD = 2.0       # points out of 100: a lead smaller than this is called narrow

METHODS = {
    "direct": "direct points: the board gave each criterion points, turned into shares of 100%",
    "swing": "swing weighting: the board rated the swing from 0 to 10 on each criterion's scale "
             "(from the words for 0 to the words for 10), the most important at 100, and the "
             "ratings became shares of 100%",
    "ahp": "pairwise comparison (AHP): the board compared the criteria two at a time and the "
           "weights are the principal eigenvector of that matrix",
}


def _criterion_cell(c):
    name = c.name + (" (derived from NPV)" if c.derived else "")
    text = f"<b>{kit.esc_short(name, 120)}</b>"
    if c.description:
        text += f"<br/>{kit.esc_short(c.description, 300)}"
    return kit.markup(text, "cell")


def non_financial_case(paper: BoardPaper, r: Results) -> None:
    case = r.case
    paper.heading("Non-financial benefits", 2)
    method = case.weighting.method if case.weighting else "direct"
    text = f"Weights were set by {METHODS[method]}."
    if r.ahp_consistency is not None:
        cr = r.ahp_consistency["cr"]
        text += (f" The consistency ratio is {cr:.3f}; "
                 + ("above 0.10, so the comparisons should be revisited." if cr > 0.10
                    else "within the usual 0.10 limit."))
    paper.para(text + " Each option is scored 0 to 10 on each criterion (10 best for the "
               "board); the weighted score is the weighted average, out of 100.")
    paper.para(culture_text(r))
    paper.para(money_text(r))
    paper.para("Each score is read on the criterion's own scale: what a score of 0 and a score "
               "of 10 mean is written beside each criterion in Appendix D, and each weight says "
               "how much the swing from that 0 to that 10 matters.")
    paper.table(["Criterion", "Weight given", "Share"],
                [[c.name + (" (derived from NPV)" if c.derived else ""), f"{c.weight:g}",
                  pct(r.weights[c.id], 1)] for c in case.criteria],
                [5, 1.2, 1.2], numeric={1, 2}, compact=True)
    paper.chart(charts.score_heatmap(r), caption="Scores by option and criterion; darker is "
                "lower. The share under each criterion is its weight.")
    _why_leader(paper, r)
    members.members_section(paper, r)


def rationale_appendix(paper: BoardPaper, r: Results) -> None:
    case = r.case
    paper.heading("Appendix D: Why each score was given")
    paper.heading("The criteria and their scales", 2)
    paper.table(["Criterion and what the board asks", "Weight given", "Share",
                 "A score of 0 means", "A score of 10 means"],
                [[_criterion_cell(c), f"{c.weight:g}", pct(r.weights[c.id], 1),
                  *scales.anchor_texts(c)] for c in case.criteria],
                [3.2, 0.9, 0.8, 2.6, 2.6], numeric={1, 2})
    why_leader_table(paper, r)
    for o in case.options:
        rows = [[c.name, score_text(r.option(o.id).scores[c.id]),
                 "Derived from NPV against the baseline." if c.derived
                 else (o.rationale.get(c.id) or "No rationale recorded.")]
                for c in case.criteria]
        paper.heading(kit.short(o.name, 120), 3)
        paper.table(["Criterion", "Score", "Rationale"], rows, [2.5, 0.7, 6.5], numeric={1})
    members.members_appendix(paper, r)


CULTURE_WORDS = ("culture", "trust", "ethos", "values")


def culture_text(r: Results) -> str:
    """Whether culture and trust are weighed as a criterion (the research: they decide
    whether a partnership works, so they are criteria, not reasons given afterwards)."""
    found = [c for c in r.case.criteria
             if c.id == "culture_trust" or any(w in c.name.lower() for w in CULTURE_WORDS)]
    if not found:
        return ("No criterion weighs culture and trust. Trust and good working relationships "
                "are among the strongest influences on whether a partnership works, so the "
                "board should ask how well the partners' ways of working fit before it "
                "decides.")
    names = "; ".join(f"'{c.name}' ({pct(r.weights[c.id], 1)} of the weight)" for c in found)
    what = "a criterion" if len(found) == 1 else "criteria"
    excuse = "a reason" if len(found) == 1 else "reasons"
    return (f"Culture and trust are weighed as {what} here, not left as {excuse} given "
            f"afterwards: {names}.")


def money_text(r: Results) -> str:
    """How the money enters the weighing: as a criterion scored from the NPV, or beside the
    scores (the board's answer on the Criteria step), or, unanswered, not at all."""
    derived = [c for c in r.case.criteria if c.derived]
    if derived:
        names = "; ".join(f"'{c.name}' ({pct(r.weights[c.id], 1)} of the weight)"
                          for c in derived)
        return (f"Value for money is one of the criteria, scored from each option's NPV "
                f"against the baseline: {names}.")
    if r.case.weighting is not None and r.case.weighting.money_separately:
        return ("Value for money is not one of the criteria: the board weighs the money (the "
                "financial case) separately, beside the weighted scores.")
    return ("No criterion scores value for money, so the weighted score leaves the money out; "
            "read it beside the financial case.")


def _why_leader(paper: BoardPaper, r: Results) -> None:
    leader = r.option(r.leader)
    if r.runner_up is None or not r.why_leader:
        paper.para(f"{leader.name} is the only option, so it leads by default.")
        return
    runner = r.option(r.runner_up)
    gap = r.leader_gap
    paper.heading("Why the leader leads", 3)
    paper.para(
        f"{leader.name} scores {score(leader.weighted_score)} and the runner-up, {runner.name}, "
        f"{score(runner.weighted_score)}: a gap of {score(gap)} points, split by criterion in "
        "Appendix D.")
    paper.para(lead_reading(r))


def why_leader_table(paper: BoardPaper, r: Results) -> None:
    """The leader's gap to the runner-up, criterion by criterion (weight × difference)."""
    if r.runner_up is None or not r.why_leader:
        return
    crit = {c.id: c.name for c in r.case.criteria}
    paper.heading("Why the leader leads, criterion by criterion", 2)
    paper.para("Points of the gap between the leader and the runner-up (weight × difference in "
               "score); positive points favour the leader.", "small")
    rows = sorted(r.why_leader.items(), key=lambda kv: -kv[1])
    paper.table(["Criterion", "Points of the gap"],
                [[crit[k], f"{v:+.1f}".replace("-", "−")] for k, v in rows]
                + [["Total", f"{r.leader_gap:+.1f}".replace("-", "−")]],
                [6, 2], numeric={1}, bold_last=True)


def lead_reading(r: Results) -> str:
    """What the split of the gap means: where the lead comes from and how narrow it is."""
    crit = {c.id: c.name for c in r.case.criteria}
    assert r.runner_up is not None, "a reading of the lead needs a runner-up"
    leader, runner = r.option(r.leader), r.option(r.runner_up)
    ahead = max(r.why_leader.items(), key=lambda kv: kv[1])
    behind = min(r.why_leader.items(), key=lambda kv: kv[1])
    text = (f"{leader.name} owes most of its lead to '{crit[ahead[0]]}' "
            f"({f'{ahead[1]:+.1f}'.replace('-', '−')} points)")
    if behind[1] < 0:
        text += (f", while {runner.name} does better on '{crit[behind[0]]}' "
                 f"({f'{behind[1]:+.1f}'.replace('-', '−')})")
    text += "."
    if r.leader_gap is not None and r.leader_gap < NARROW_LEAD:
        text += (f" A lead of {score(r.leader_gap)} points out of 100 is narrow: a point or two "
                 "on a few scores could reverse it, so the board should be confident of the "
                 "scores that carry it.")
    return text


def value_for_money(paper: BoardPaper, r: Results) -> None:
    paper.heading("Value for money", 2)
    front = [r.option(i) for i in r.non_dominated]
    names = "; ".join(o.name for o in front)
    paper.para(
        "Money and everything else on one chart: NPV against the baseline (up) and weighted "
        "score (right). An option is worth a closer look when no other option is better on "
        "both; the others are beaten on both counts by at least one alternative.")
    paper.chart(charts.value_for_money(r))
    if len(front) == 1:
        paper.para(f"{names} is better than or equal to every other option on both counts.")
    else:
        paper.para(f"No other option beats these on both counts: {names}. Choosing between "
                   "them is a judgement of how much money the board would give up for the "
                   "non-financial benefits.")

