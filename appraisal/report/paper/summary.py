"""The first two pages: the cover (with the contents) and the executive summary.

The board may read no further, so these pages carry the decision sought, the recommendation and
the rule behind it, every option's key figures in one table, and one sentence on robustness.
"""
from __future__ import annotations

from ...formatting import money_k, pct, score, year_label
from ...horizon_words import (
    PAYBACK_MEANS,
    RATIO_MEANS,
    leader_holds_sentence,
    past_horizon_sentence,
    ratio_text,
)
from ...results import OptionResult, Results
from . import affordability, cover, deal, kit
from .document import BoardPaper
from .members import holds_clause


def executive_summary(paper: BoardPaper, r: Results) -> None:
    paper.heading("Executive summary")
    paper.markup(cover.resolution_markup(r), "callout")
    paper.markup(f"<b>Recommendation.</b> {recommendation_text(r)}")
    paper.markup(f"<b>Yearly saving at full run rate.</b> {kit.esc(run_rate_sentence(r))}")
    paper.markup(cover.basis_markup(r), "small")
    paper.para("Every option against the baseline (thousands of pounds): the NPV with every "
               "figure at its most likely value, and expected, with every uncertain figure at "
               f"the mean of its range; payback is {PAYBACK_MEANS}; the ratio is {RATIO_MEANS}; "
               "the up-front cost is the undiscounted total of one-off items; the funding low "
               "point is the most the option is behind the baseline, cumulatively and "
               "undiscounted, and the year it happens.", "small")
    paper.table(
        ["Option", "NPV vs baseline", "Expected NPV vs baseline", "Benefit– cost ratio",
         "Payback", "Up-front cost", "Funding low point", "Score (of 100)",
         "Chance of loss (worst case)"],
        [_key_row(r, o) for o in r.options],
        [2.2, 1.0, 1.05, 0.95, 1.15, 0.95, 1.15, 0.95, 1.7],
        numeric={1, 2, 3, 5, 6, 7, 8}, compact=True)
    if kit.simulation_note(r):
        paper.para(kit.simulation_note(r), "small")
    rec_sentence = recommended_robustness(r)
    if rec_sentence:
        paper.markup(f"<b>How robust is the recommendation?</b> {kit.esc(rec_sentence)}")
    past = past_horizon_sentence(r)
    later = " ".join(x for x in (past, leader_holds_sentence(r, condition=past is None)) if x)
    if len(r.horizon_sensitivity) > 1:
        later += " Appendix A gives every option's later years."
    paper.markup(f"<b>After year {r.horizon}.</b> {kit.esc(later)}")
    paper.markup(f"<b>How robust is this?</b> {kit.esc(robustness_sentence(r))}")
    deal.gate(paper, r)               # open points that could stop this (deal-terms.md D6)
    warnings = cover.decision_warnings(r)
    if warnings:
        paper.markup("<b>Before deciding, note:</b>")
        paper.bullets(warnings)
    affordability.page_two(paper, r)


def run_rate_sentence(r: Results) -> str:
    """What the recommended option (and the leader, if another) saves in a year against the
    baseline once every ramp is complete, from Results' ``run_rate``: savings less recurring
    costs, irrecoverable VAT and loan margins, in today's prices, one-off items left out."""
    rec = r.option(r.recommended)
    if rec.baseline:
        text = (f"{rec.name}, the recommended option, is the baseline, so it saves nothing "
                "against it.")
    else:
        text = f"Once every saving has ramped up, {_run_rate_words(r, rec)}."
    if r.leader != r.recommended:
        leader = r.option(r.leader)
        text += (f" {leader.name}, the highest weighted score, "
                 + ("is the baseline." if leader.baseline
                    else _run_rate_words(r, leader, named=False) + "."))
    return text + (" Savings less recurring costs, irrecoverable VAT and loan margins, against "
                   "the baseline's, in today's prices; one-off costs left out.")


def _run_rate_words(r: Results, o: OptionResult, named: bool = True) -> str:
    saving, year = o.run_rate["saving"], r.first_year + o.run_rate["year"] - 1
    who = f"{o.name} " if named else ""
    if round(saving / 1000.0) == 0:
        return f"{who}runs level with the baseline (from {year})"
    if saving > 0:
        return f"{who}saves {money_k(saving)} a year against the baseline (from {year})"
    return f"{who}costs {money_k(-saving)} a year more than the baseline (from {year})"


def recommended_robustness(r: Results) -> str | None:
    """For a recommended option that is not the top scorer: its own money test and its chance
    of doing worse than the baseline (all from Results); None when it is the leader."""
    if r.recommended == r.leader:
        return None
    rec = r.option(r.recommended)
    parts = [f"{rec.name}, the recommended option, does not have the highest weighted score"]
    money_part = _savings_clause(rec)
    if money_part:
        parts.append(money_part)
    mc = rec.monte_carlo
    if mc is not None and not rec.baseline:
        parts.append(f"it does worse than the baseline in "
                     f"{kit.probability(mc.p_npv_vs_baseline_below_zero)} of {mc.draws:,} "
                     "simulations")
    return "; ".join(parts) + "."


def _key_row(r: Results, o: OptionResult) -> list:
    name = kit.bold(kit.short(o.name, 120)) if o.id == r.recommended else kit.short(o.name, 120)
    if o.baseline:
        name = kit.short(o.name, 110) + " (baseline)"
    name = affordability.flagged_name(r, o) or name
    payback = "—" if o.baseline else year_label(o.payback_year, r.first_year)
    return [name, money_k(o.npv_vs_baseline), money_k(o.expected_npv_vs_baseline),
            ratio_text(o), payback, money_k(o.one_off_total), cover.low_point(r, o),
            score(o.weighted_score),
            kit.loss_beside_worst(o)]


def recommendation_text(r: Results) -> str:
    """The recommendation, its rationale, and the rule used when the authors gave none (escaped)."""
    rec = r.option(r.recommended)
    leader = r.option(r.leader)
    name = f"<b>{kit.esc(rec.name)}</b>"
    if r.case.recommendation is not None and r.case.recommendation.option is not None:
        text = f"The authors recommend {name}."
        rationale = r.case.recommendation.rationale.strip()
        if rationale:
            text += f" {kit.esc(rationale)}"
        if rec.id != leader.id:
            text += (f" Note that the highest weighted score belongs to "
                     f"{kit.esc(leader.name)} ({score(leader.weighted_score)} against "
                     f"{score(rec.weighted_score)}).")
        return text
    text = (f"The case records no recommendation, so this paper names the option with the "
            f"highest weighted score (the first in the case's order if two are level): {name}, "
            f"with {score(rec.weighted_score)} out of 100 and an NPV against the baseline of "
            f"{money_k(rec.npv_vs_baseline)}.")
    money_leader = r.option(r.npv_leader)
    if money_leader.id != rec.id:
        text += (f" On money alone the leader would be {kit.esc(money_leader.name)}, with an NPV "
                 f"against the baseline of {money_k(money_leader.npv_vs_baseline)} and a "
                 f"weighted score of {score(money_leader.weighted_score)}: the board is "
                 f"choosing between them.")
    return text


def robustness_sentence(r: Results) -> str:
    """One plain sentence joining switching weights, switching values and Monte Carlo.

    Every figure is read from Results: the switching weight nearest today's weight, the leader's
    largest saving's switching value as a share of plan (value / base), and the leader's
    probability of the highest NPV. Missing pieces get a different phrasing, never a blank:
    a switching weight of 0% or 100% is no real threshold (the leader changes only if that
    criterion carried all the weight or none), so it is not quoted as one.
    """
    leader = r.option(r.leader)
    parts = [_weight_clause(r, leader.name)]
    money_part = _savings_clause(leader)
    if money_part:
        parts.append(money_part)
    held = holds_clause(r)
    if held:
        parts.append(held)
    mc = leader.monte_carlo
    if mc is not None:
        parts.append(_share_clause(mc.p_highest_npv, mc.draws))
    else:
        parts.append("no line carries a low–high range, so no simulation was run")
    return "; ".join(parts) + "."


def _share_clause(p: float, draws: int) -> str:
    """How often the leader has the highest NPV, without rounding a rare event to '0%'."""
    if p <= 0:
        return f"none of the {draws:,} simulations gives it the highest NPV"
    if p >= 1:
        return f"it has the highest NPV in every one of {draws:,} simulations"
    share = ("under 1%" if pct(p) == "0%" else "over 99%" if pct(p) == "100%" else pct(p))
    return f"it has the highest NPV in {share} of {draws:,} simulations"


EDGE = 1e-9     # a switching weight this close to 0 or 1 is the end of the scale, not a threshold


def _weight_clause(r: Results, name: str) -> str:
    crit = {c.id: c for c in r.case.criteria}
    if r.runner_up is not None and r.leader_gap is not None and abs(r.leader_gap) <= EDGE:
        runner = r.option(r.runner_up)
        return (f"{name} is level on weighted score with {runner.name} and is named first only "
                "because it comes first in the case, so any change of weight decides between "
                "them")
    found = next(((c, sw) for c in r.criteria_nearest_switching
                  if (sw := r.switching_weights[c]) is not None and EDGE < sw < 1 - EDGE), None)
    if found is None:
        return (f"{name} leads on weighted score, and no re-weighting of any one criterion "
                "alone puts another option ahead of it")
    cid, sw = found
    way = "rises above" if sw > r.weights[cid] else "falls below"
    return (f"{name} leads on weighted score unless the weight of "
            f"'{crit[cid].name}' {way} {_weight_pct(sw)} (it is {pct(r.weights[cid])} today)")


def _weight_pct(w: float) -> str:
    """A weight as a whole percentage, or to one place where that would read 0% or 100%."""
    whole = pct(w)
    return pct(w, 1) if whole in ("0%", "100%") else whole


def _savings_clause(o: OptionResult) -> str | None:
    """The leader's largest saving against its switching value; else, for a leader below the
    baseline with no saving to test, how far below it is (both figures from Results)."""
    if o.baseline:
        return None
    savings = [line for line in o.lines if line.kind == "savings" and line.base]
    top = max(savings, key=lambda line: line.base or 0.0) if savings else None
    sv = None if top is None else next(
        (s for s in o.switching_values if s.ref == top.ref), None)
    if top is None or sv is None or sv.change_pct is None:
        if o.npv_vs_baseline < 0:
            return f"its NPV is {money_k(-o.npv_vs_baseline)} below the baseline's"
        return None
    share = 1 + sv.change_pct / 100
    label = top.label
    if share <= 0:
        return (f"its NPV stays above the baseline's even if the saving '{label}' "
                "delivers nothing")
    if share > 1:
        return (f"its NPV matches the baseline's only if the saving '{label}' reaches "
                f"{pct(share)} of plan")
    return (f"its NPV stays above the baseline's unless the saving '{label}' falls below "
            f"{pct(share)} of plan")
