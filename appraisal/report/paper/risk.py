"""Sensitivity and risk: tornado, switching values and weights, scenarios, Monte Carlo, risks."""
from __future__ import annotations

from ... import charts
from ...formatting import money, money_k, pct
from ...results import Results, SwitchingValue
from . import kit
from .document import BoardPaper
from .summary import EDGE

SCENARIOS = ("pessimistic", "base", "optimistic")


def sensitivity_and_risk(paper: BoardPaper, r: Results) -> None:
    paper.heading("Sensitivity", 2)
    paper.para(
        "Savings are easy to promise and hard to prove, so this section tests the figures "
        "against the baseline: each uncertain figure alone at its low and high ends (tornado), "
        "the value at which an option would stop beating the baseline (switching values), the "
        "weights at which the leading option would change, every uncertain figure at its worse "
        "or better end together (scenarios), and all of them drawn at random together (Monte "
        "Carlo). An uncertain figure the case shares between options (the same saving in "
        "several options, a cost the baseline also faces) moves in all of them at once.")
    _tornadoes(paper, r)
    _switching_weights(paper, r)
    _scenarios(paper, r)
    _monte_carlo(paper, r)
    paper.para("Every switching value (the value of a line at which an option would no longer "
               "beat the baseline) is listed in Appendix C.", "small")


def switching_values_appendix(paper: BoardPaper, r: Results) -> None:
    paper.heading("Appendix C: Sensitivity in detail")
    _switching_values(paper, r)
    paper.heading("Switching weights", 2)
    paper.para(f"The weight of each criterion at which {r.option(r.leader).name} would stop "
               "being alone at the top (the other weights keep their proportions).", "small")
    rows = [[c.name, pct(r.weights[c.id], 1), switching_weight_text(r.switching_weights.get(c.id))]
            for c in r.case.criteria]
    paper.table(["Criterion", "Weight today", "Switching weight"], rows, [5, 1.5, 1.5],
                numeric={1, 2})
    _weight_chart(paper, r)
    if any(o.monte_carlo is not None for o in r.options):
        paper.heading("Spread of the simulations", 2)
        paper.chart(charts.monte_carlo_histogram(r),
                    caption="Spread of each option's own NPV over the simulations.")


def _tornadoes(paper: BoardPaper, r: Results) -> None:
    paper.heading("Which lines matter most", 3)
    o = r.option(r.recommended)
    if not o.tornado:
        paper.para(f"{o.name}, the recommended option: none of its lines carries a low–high "
                   "range, so there is no tornado for it.")
        return
    paper.chart(charts.tornado(r, o.id), max_height=kit.FRAME_HEIGHT * 0.42,
                caption=f"{kit.short(o.name, 150)} (the recommended option): NPV against the "
                        "baseline with each uncertain figure alone at its low and high ends (a "
                        "figure shared with other options moves in all of them); the vertical "
                        "line is the base.")


def _quantity(sv: SwitchingValue, x: float | None) -> str:
    if x is None:
        return "n/a"
    return f"{x:,.0f} bps".replace("-", "−") if sv.ref.startswith("loan_repricing") else money(x)


def _switching_values(paper: BoardPaper, r: Results) -> None:
    rows = [[kit.short(o.name, 80), charts.line_name(r, o.id, sv.ref, sv.label),
             _quantity(sv, sv.base), _quantity(sv, sv.value),
             "n/a" if sv.change_pct is None else pct(sv.change_pct / 100)]
            for o in r.options if not o.baseline for sv in o.switching_values]
    paper.heading("Switching values", 2)
    if not rows:
        paper.para("No option has a line whose value could be tested.")
        return
    paper.para("The value of each line at which the option's NPV would equal the baseline's, "
               "all else unchanged. A small change means the case rests on that line. A "
               "switching value below zero (a change beyond −100%) means the option stays "
               "ahead of the baseline even if that line came to nothing; 'n/a' means the line "
               "does not move the NPV (a VAT-free service, say).")
    paper.table(["Option", "Line", "Base", "Switching value", "Change"], rows,
                [2.6, 3, 1.4, 1.6, 1.1], numeric={2, 3, 4})


def _switching_weights(paper: BoardPaper, r: Results) -> None:
    paper.heading("How the weights could change the answer", 3)
    leader = r.option(r.leader)
    paper.para(f"For each criterion, the weight at which {leader.name} would stop being alone "
               "at the top (the other weights keep their proportions). 'None' means no weight "
               "from 0% to 100% changes the leader; 'only at 100%' (or 'only at 0%') means "
               "another option would draw level only if that criterion carried all the weight "
               "(or none of it), so in practice it does not change the answer.")
    paper.para("Each criterion's switching weight is listed, and the weighted scores charted "
               "as each weight moves, in Appendix C.", "small")


def _weight_chart(paper: BoardPaper, r: Results) -> None:
    shown = charts.sensitive_criteria(r)
    caption = ("Weighted score of each option as one criterion's weight runs from 0% to 100%; "
               "the vertical line is today's weight, the dotted one the switching weight.")
    if len(shown) < len(r.case.criteria):
        caption += (f" The {len(shown)} criteria shown are those whose weight is nearest to "
                    "changing the leader.")
    paper.chart(charts.weight_sensitivity(r, shown), caption=caption,
                max_height=kit.FRAME_HEIGHT * 0.4)


def switching_weight_text(sw: float | None) -> str:
    """A switching weight for the table: a percentage, or words at the ends of the scale."""
    if sw is None:
        return "None"
    if sw >= 1 - EDGE:
        return "only at 100%"
    if sw <= EDGE:
        return "only at 0%"
    return pct(sw, 1)


def _scenarios(paper: BoardPaper, r: Results) -> None:
    paper.heading("Scenarios", 3)
    paper.para("For each option, every uncertain figure at whichever end is worse for it "
               "against the baseline (pessimistic), at its most likely value (base), and at its "
               "better end (optimistic), with the options' ranks by NPV. These are bounds: "
               "every figure at its worst at once, with no probability attached. The chance of "
               "loss stands beside the pessimistic figure.")
    rows = []
    for o in r.options:
        row = [kit.short(o.name, 100)]
        for k in SCENARIOS:
            s = r.scenarios.get(k)
            row += (["n/a", ""] if s is None
                    else [money_k(s.npv_vs_baseline[o.id]), str(s.npv_rank[o.id])])
        row.append("n/a" if o.baseline or o.monte_carlo is None
                   else kit.probability(o.monte_carlo.p_npv_vs_baseline_below_zero))
        rows.append(row)
    paper.table(["Option", "Pessimistic", "Rank", "Base", "Rank", "Optimistic", "Rank",
                 "Chance of loss"], rows, [3.0, 1.3, 0.6, 1.3, 0.6, 1.3, 0.6, 1.1],
                numeric={1, 2, 3, 4, 5, 6, 7})
    if kit.simulation_note(r):
        paper.para(kit.simulation_note(r), "small")


def _monte_carlo(paper: BoardPaper, r: Results) -> None:
    paper.heading("Monte Carlo simulation", 3)
    sims = [(o, o.monte_carlo) for o in r.options if o.monte_carlo is not None]
    if not sims:
        paper.para("No line carries a low–high range, so no simulation was run. The board "
                   "should ask which figures are uncertain and by how much.")
        return
    mc = sims[0][1]
    paper.para(
        f"Each uncertain figure was drawn from a {mc.distribution} distribution (low, most "
        f"likely, high), {mc.draws:,} times with seed {mc.seed}; the same seed gives the same "
        "figures. A figure shared between options takes the same draw in all of them. P10 and "
        "P90 bound the middle 80% of outcomes of the NPV against the baseline; the mean is "
        "close to the expected NPV.")
    paper.table(["Option", "P10", "P50", "P90", "Mean", "Chance of loss (worst case)",
                 "Highest NPV"],
                [[kit.short(o.name, 100), money_k(m.vs_baseline["p10"]),
                  money_k(m.vs_baseline["p50"]),
                  money_k(m.vs_baseline["p90"]),
                  money_k(m.vs_baseline["mean"]), kit.loss_beside_worst(o),
                  kit.probability(m.p_highest_npv)] for o, m in sims],
                [2.8, 1.1, 1.1, 1.1, 1.1, 2.0, 1.0], numeric={1, 2, 3, 4, 5, 6})
    note = kit.simulation_note(r)
    paper.para((f"{note} " if note else "") + "The spread of each option's NPV over the "
               "simulations is charted in Appendix C.", "small")


def risk_register(paper: BoardPaper, r: Results) -> None:
    """The register on its grid and the highest-rated risks; every risk is in Appendix E."""
    _risks(paper, r, TOP_RISKS)


def full_risk_register(paper: BoardPaper, r: Results) -> None:
    if r.case.risks:
        _risks(paper, r, None)


TOP_RISKS = 4      # the management case lists this many risks, the highest-rated first


def _risks(paper: BoardPaper, r: Results, top: int | None) -> None:
    paper.heading("Risk register", 2)
    risks = r.case.risks
    if not risks:
        paper.para("The case records no risks. A register should at least cover savings not "
                   "realised, lender re-pricing, VAT, culture and trust, and costs falling on "
                   "the smallest partner.")
        return
    numbered = list(enumerate(risks, start=1))
    if top is not None:
        paper.para("Each risk placed by likelihood and impact (1 to 5); the rating is "
                   "likelihood × impact, high from 15.")
        paper.chart(charts.risk_grid(r), width=kit.FRAME_WIDTH * 0.45)
        if len(risks) > top:
            numbered = sorted(numbered, key=lambda nx: -r.risk_ratings[nx[0] - 1])[:top]
            paper.para(f"The {top} highest-rated of the {len(risks)} risks; every risk, with "
                       "its owner, is in Appendix E.", "small")
    names = {o.id: o.name for o in r.case.options}
    rows = [[f"R{n}", x.risk, kit.short(names.get(x.option or "", "All options"), 60),
             str(x.likelihood), str(x.impact), str(r.risk_ratings[n - 1]), x.mitigation,
             x.owner] for n, x in numbered]
    paper.table(["", "Risk", "Option", "L", "I", "L×I", "Mitigation", "Owner"], rows,
                [0.5, 3, 1.6, 0.4, 0.4, 0.55, 3, 1.2], numeric={3, 4, 5})
