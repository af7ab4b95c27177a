"""``appraise(case) -> Results``: the one function that computes every figure (model.md §2)."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import affordability, members, montecarlo, scoring, sensitivity
from . import horizon as horizons
from .case import Case
from .caveats import case_warnings
from .deal.gate import deal_of
from .deal.notices import deal_warnings
from .drivers import build_drivers, effects, triangular_mean
from .finance import baseline as against
from .finance.capacity import capacity, line_splits, shares_shown
from .finance.lines import COLUMNS, LineTable, build_lines, weekly_pay_cap
from .finance.metrics import column_flows, discount_factors, net_flows, organisation_npv
from .finance.vat import recharge_npv
from .kinds import KIND
from .results import (
    CashFlow,
    HorizonEntry,
    LineResult,
    MonteCarloResult,
    OptionResult,
    RedundancyResult,
    Results,
    Scenario,
)

WEIGHT_GRID_POINTS = 21


def appraise(case: Case, *, monte_carlo: bool = True,
             cancelled: Callable[[], bool] | None = None) -> Results:
    """Appraise a validated case. ``monte_carlo=False`` skips the draws (for live editing).

    ``cancelled`` is asked between chunks of Monte Carlo draws; when it returns true the run stops
    with :class:`appraisal.sensitivity.Cancelled` (the caller has moved on to a newer case)."""
    s = case.settings
    horizon = s.horizon_years
    n_opt = len(case.options)
    years = horizons.horizons(case)                    # H first, the longest last
    long = build_lines(case, years[-1])
    df_long = discount_factors(s.discount_rate, years[-1], s.discount_schedule)
    table, df = long.truncated(horizon), df_long[:horizon]
    cols_long = column_flows(long, n_opt)              # [O, C, T_max]
    cols = cols_long[:, :, :horizon]                   # [O, C, H]
    net = net_flows(cols)                              # [O, H]
    npv = net @ df
    base_i = next(i for i, o in enumerate(case.options) if o.baseline)
    vs_base = npv - npv[base_i]
    pv_cols = cols @ df                                # [O, C]
    by_org = organisation_npv(table, n_opt, len(case.organisations), df)
    by_org = by_org + recharge_npv(case, df)          # a supplier's charge (model-v2.md V6)
    by_org_vs = by_org - by_org[base_i]
    loan_fixed = _loan_fees_by_option(table, n_opt)
    recurring = [against.recurring_net(cols_long[o], f)
                 for o, f in enumerate(_loan_fees_by_option(long, n_opt))]
    settled = [against.settled_year(option) for option in case.options]

    weights, ahp_cr = _weights(case)
    score_m = scoring.score_matrix(case, vs_base)
    weighted = scoring.weighted_scores(score_m, weights)     # NaN where not available
    scored = scoring.complete(weighted)
    rank = scoring.ranks_or_none(weighted)
    npv_rank = scoring.ranks(npv, tol=1e-6)
    leader = scoring.leader_or_none(weighted)
    runner = _runner_up(weighted, leader) if leader is not None else None
    leader_id = ids_of(case)[leader] if leader is not None else None

    g = sensitivity.gradients(table, df)
    drivers = build_drivers(table, base_i)
    at_low = effects(table, drivers, g, table.low, n_opt, base_i)
    at_high = effects(table, drivers, g, table.high, n_opt, base_i)
    expected = vs_base + effects(table, drivers, g, triangular_mean(table), n_opt,
                                 base_i).sum(axis=0)
    scen = sensitivity.scenarios(vs_base, at_low, at_high)
    mc_s = s.monte_carlo
    mc = None
    if monte_carlo and drivers.count:
        mc = montecarlo.monte_carlo(table, drivers, g, npv, base_i, mc_s.draws, mc_s.seed,
                                    mc_s.distribution, mc_s.correlation,
                                    cancelled=cancelled)
    ids = [o.id for o in case.options]

    amounts = table.amounts()
    splits = line_splits(case, table)                 # who takes each line (V10)
    tested = capacity(case, table, splits)
    shares = shares_shown(case, table, splits)
    org_ids = [org.id for org in case.organisations] + ["joint"]
    options = []
    deals = {option.id: deal_of(case, option) for option in case.options}   # deal-terms D5.5
    for o, option in enumerate(case.options):
        mine = np.flatnonzero(table.option == o)
        gap = against.cumulative_gap(net[o], net[base_i])
        bcr, bcr_basis = (None, None) if o == base_i else against.bcr_vs_baseline(
            pv_cols[o], pv_cols[base_i])
        options.append(OptionResult(
            id=option.id, name=option.name, form=option.form, baseline=option.baseline,
            npv=float(npv[o]), npv_vs_baseline=float(vs_base[o]),
            payback_year=None if o == base_i else against.payback_vs_baseline(gap),
            bcr=bcr, bcr_basis=bcr_basis,
            one_off_total=against.one_off_total(cols[o], loan_fixed[o]),
            funding_low_point=against.funding_low_point(gap),
            run_rate=against.run_rate(recurring[o], recurring[base_i],
                                      max(settled[o], settled[base_i])),
            cumulative_vs_baseline=gap.tolist(),
            by_organisation_vs_baseline=dict(zip(org_ids, map(float, by_org_vs[o]))),
            pv_savings=float(pv_cols[o, 0]), pv_costs=float(pv_cols[o, 1:].sum()),
            weighted_score=scoring.optional(weighted)[o], rank=rank[o], npv_rank=npv_rank[o],
            scores={c.id: float(score_m[o, j]) for j, c in enumerate(case.criteria)
                    if not np.isnan(score_m[o, j])},
            by_organisation={**{org.id: float(by_org[o, k])
                                for k, org in enumerate(case.organisations)},
                             "joint": float(by_org[o, -1])},
            cash_flows=_cash_flows(cols[o], net[o], df, case.first_year),
            lines=[_line_result(case, table, amounts, int(l), df) for l in mine],
            redundancies=[_redundancy_result(case, table, int(l)) for l in mine
                          if l in table.redundancy],
            tornado=sensitivity.tornado(table, drivers, g, at_low, at_high, o, base_i,
                                        float(npv[o]), float(vs_base[o]), ids),
            switching_values=sensitivity.switching_values(table, drivers, g, o, base_i,
                                                          float(vs_base[o])),
            scenarios={k: float(v[o]) for k, v in scen.items()},
            monte_carlo=_mc_result(mc, o, mc_s) if mc is not None else None,
            expected_npv_vs_baseline=float(expected[o]),
            capacity=affordability.results_of(case, tested[o]), capacity_shares=shares[o],
            deal=deals[option.id],
        ))

    headline = HorizonEntry(horizon, dict(zip(ids, map(float, vs_base))),
                            ids[scoring.leader_index(npv, tol=1e-6)], leader_id)
    by_horizon = horizons.sensitivity(case, net_flows(cols_long), df_long, years, weights,
                                      headline)
    past_h = horizons.past_horizon(case, cols_long, df_long, by_horizon)
    for i, found in past_h.items():
        options[i].past_horizon = found

    grid = np.linspace(0.0, 1.0, WEIGHT_GRID_POINTS)
    return Results(
        case=case, first_year=case.first_year, horizon=horizon, discount_rate=s.discount_rate,
        weekly_pay_cap=weekly_pay_cap(case),
        weights={c.id: float(weights[j]) for j, c in enumerate(case.criteria)},
        options=options,
        leader=leader_id or "",
        runner_up=case.options[runner].id if runner is not None else None,
        unscored=_unscored(case),
        npv_leader=case.options[scoring.leader_index(npv, tol=1e-6)].id,
        why_leader=({c.id: float(v) for c, v in zip(
            case.criteria, scoring.contributions(score_m, weights, leader, runner))}
            if leader is not None and runner is not None else {}),
        leader_gap=float(weighted[leader] - weighted[runner]) if runner is not None else None,
        non_dominated=([case.options[i].id for i in scoring.non_dominated(vs_base, weighted)]
                       if scored else []),
        risk_ratings=[risk.likelihood * risk.impact for risk in case.risks],
        switching_weights={c.id: _maybe(scoring.switching_weight(score_m, weights, j))
                           if scored else None for j, c in enumerate(case.criteria)},
        weight_grid=grid.tolist(),
        weight_curves={c.id: scoring.weight_curve(score_m, weights, j, WEIGHT_GRID_POINTS).tolist()
                       for j, c in enumerate(case.criteria)} if scored else {},
        scenarios={k: _scenario(case, k, v + npv[base_i], base_i, weights)
                   for k, v in scen.items()},
        histogram_edges=mc.edges.tolist() if mc is not None else [],
        ahp_consistency=None if ahp_cr is None else {"ci": ahp_cr[0], "cr": ahp_cr[1]},
        warnings=(case_warnings(case, None if ahp_cr is None else ahp_cr[1],
                                horizons.past_horizon_warnings(case, past_h, headline))
                  + list(affordability.warnings(case, options, case.first_year))
                  + deal_warnings(case, deals)),
        horizon_sensitivity=by_horizon,
        driver_count=drivers.count, correlation=mc_s.correlation,
        **_member_results(case, score_m, leader_id),
    )


def ids_of(case: Case) -> list[str]:
    return [o.id for o in case.options]


def _unscored(case: Case) -> dict[str, list[str]]:
    """Option id → the typed criteria it has no score for yet (options with none left out)."""
    out: dict[str, list[str]] = {}
    for o, j in scoring.unscored(case):
        out.setdefault(case.options[o].id, []).append(case.criteria[j].id)
    return out


def _member_results(case: Case, score_m: np.ndarray, leader: str | None) -> dict:
    """V9's fields of the results; none when the case has no members. While the case has no
    leader (scores missing) no member's view can hold it: ``leader_holds`` is then None."""
    if not case.members:
        return {}
    views = members.member_views(case, score_m)
    return {"members": views,
            "leader_holds": members.leader_holds(views, leader) if leader is not None else None,
            "member_spread": members.member_spread(case)}


def _loan_fees_by_option(table: LineTable, n_options: int) -> np.ndarray:
    """Each option's loan fees and breakage by year [O, H]: the non-recurring part of the loan
    column, counted in ``one_off_total``."""
    out = np.zeros((n_options, table.horizon))
    loans = np.array([k == "loan_repricing" for k in table.kind], dtype=bool)
    np.add.at(out, table.option[loans], table.fixed[loans])
    return out


def _maybe(x: float | None) -> float | None:
    return None if x is None else float(x)


def _weights(case: Case) -> tuple[np.ndarray, tuple[float, float] | None]:
    """Normalised weights from the case's points; the AHP consistency when weighted by AHP.

    The case's rules have already refused a pairwise matrix that AHP cannot use (model.md §2).
    """
    w = scoring.normalised_weights(case)
    m = case.weighting
    if m is not None and m.method == "ahp" and m.ahp_matrix:
        _, ci, cr = scoring.ahp_weights(m.ahp_matrix)
        return w, (float(ci), float(cr))
    return w, None


def _runner_up(weighted: np.ndarray, leader: int) -> int | None:
    if len(weighted) < 2:
        return None
    rest = weighted.copy()
    rest[leader] = -np.inf
    return int(np.argmax(rest))


def _cash_flows(cols: np.ndarray, net: np.ndarray, df: np.ndarray, first_year: int):
    return [CashFlow(year=t + 1, calendar_year=first_year + t,
                     **{c: float(cols[k, t]) for k, c in enumerate(COLUMNS)},
                     net=float(net[t]), discount_factor=float(df[t]),
                     discounted=float(net[t] * df[t]))
            for t in range(len(net))]


def _line_result(case: Case, table: LineTable, amounts: np.ndarray, l: int, df) -> LineResult:
    ranged = bool(table.ranged[l])
    has_base = KIND[table.kind[l]].ranged       # a main quantity the line is linear in
    org = table.org[l]
    return LineResult(
        ref=table.ref[l], kind=table.kind[l], column=COLUMNS[table.column[l]],
        label=table.label[l],
        organisation=None if org == len(case.organisations) else case.organisations[org].id,
        base=float(table.q[l]) if has_base else None,
        low=float(table.low[l]) if ranged else None, high=float(table.high[l]) if ranged else None,
        amounts=amounts[l].tolist(), pv=float(table.sign[l] * amounts[l] @ df))


def _redundancy_result(case: Case, table: LineTable, l: int) -> RedundancyResult:
    option = case.options[table.option[l]]
    line = option.redundancies[table.index[l]]
    cost = table.redundancy[l]
    return RedundancyResult(
        ref=table.ref[l], label=table.label[l], organisation=line.organisation, count=line.count,
        age=line.age, years_service=line.years_service, weekly_pay=line.weekly_pay,
        weeks=cost.weeks, pay_for_weeks=cost.pay_for_weeks, redundancy_pay=cost.redundancy_pay,
        notice_pay=cost.notice_pay, employer_nic=cost.employer_nic,
        pension_strain=cost.pension_strain, per_person=cost.per_person, total=cost.total,
        year=line.year)


def _mc_result(mc: montecarlo.MonteCarloDraws, o: int, settings) -> MonteCarloResult:
    return MonteCarloResult(
        draws=settings.draws, seed=settings.seed, distribution=settings.distribution,
        p10=float(mc.p10[o]), p50=float(mc.p50[o]), p90=float(mc.p90[o]), mean=float(mc.mean[o]),
        p_npv_vs_baseline_below_zero=float(mc.p_below_baseline[o]),
        p_highest_npv=float(mc.p_highest[o]), histogram_counts=mc.counts[o].tolist(),
        correlation=settings.correlation,
        vs_baseline={"p10": float(mc.vs_p10[o]), "p50": float(mc.vs_p50[o]),
                     "p90": float(mc.vs_p90[o]), "mean": float(mc.vs_mean[o])})


def _scenario(case: Case, name: str, npv: np.ndarray, base_i: int, weights) -> Scenario:
    vs = npv - npv[base_i]
    weighted = scoring.weighted_scores(scoring.score_matrix(case, vs), weights)
    ids = [o.id for o in case.options]
    return Scenario(
        name=name,
        npv=dict(zip(ids, map(float, npv))), npv_vs_baseline=dict(zip(ids, map(float, vs))),
        npv_rank=dict(zip(ids, scoring.ranks(npv, tol=1e-6))),
        weighted_score=dict(zip(ids, scoring.optional(weighted))),
        rank=dict(zip(ids, scoring.ranks_or_none(weighted))))
