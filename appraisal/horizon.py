"""The horizon (model-v2.md V2): the appraisal at longer horizons, and what lies past H.

The headline figures stop at the case's horizon H. To show which way that cuts, the appraisal is
repeated at 20 and 30 years (where longer than H) and out to the last year of any finite flow
(a loan's last re-priced year, a pension instalment) when that is past both H and 30, never past
100. Only the horizon changes: every line runs on by its own rules, so the lines are built once
over the longest horizon and each shorter one reads the first T years.
"""
from __future__ import annotations

import numpy as np

from . import scoring
from .case import Case
from .paths import FieldPath
from .results import AppraisalWarning, HorizonEntry, PastHorizon

LONGER = (20, 30)
LONGEST = 100
PERSIST = "if savings persist and renewals are as entered"


def last_flow_year(case: Case) -> int:
    """The last year of any finite flow of any option (renewals never end, so do not count).

    A loan's re-pricing runs to its ``remaining_years``; a pension line to
    ``year + instalments − 1``; other one-off items fall in their year.
    """
    last = 0
    for option in case.options:
        for repricing in option.loan_repricing:
            last = max(last, case.loan(repricing.loan)[1].remaining_years)
        for pension in option.pension_cessation:
            parts = getattr(pension, "instalments", None) or 1
            last = max(last, pension.year + int(parts) - 1)
        for kind in ("one_off_costs", "redundancies"):
            for item in getattr(option, kind):
                last = max(last, item.year)
    return last


def horizons(case: Case) -> list[int]:
    """``{H} ∪ ({20, 30} ∩ (H, 100]) ∪ {L}`` in increasing order, L only when past H and 30.

    A 10-year case whose longest loan runs 33 years gives [10, 20, 30, 33].
    """
    h = case.settings.horizon_years
    years = {h} | {t for t in LONGER if h < t <= LONGEST}
    last = min(last_flow_year(case), LONGEST)
    if last > h and last > max(LONGER):
        years.add(last)
    return sorted(years)


def sensitivity(case: Case, net: np.ndarray, df: np.ndarray, years: list[int],
                weights: np.ndarray, headline: HorizonEntry) -> list[HorizonEntry]:
    """The appraisal at each horizon T: NPV against the baseline, highest NPV and leader.

    ``net`` [O, T_max] and ``df`` [T_max] cover the longest horizon. The value-for-money scores
    are re-derived from each T's NPV against the baseline; the entry for H is the headline's.
    """
    base_i = next(i for i, o in enumerate(case.options) if o.baseline)
    ids = [o.id for o in case.options]
    out = []
    for t in years:
        if t == headline.years:
            out.append(headline)
            continue
        npv = net[:, :t] @ df[:t]
        vs = npv - npv[base_i]
        weighted = scoring.weighted_scores(scoring.score_matrix(case, vs), weights)
        out.append(HorizonEntry(
            years=t, npv_vs_baseline=dict(zip(ids, map(float, vs))),
            highest_npv=ids[scoring.leader_index(npv, tol=1e-6)],
            leader=_id(ids, scoring.leader_or_none(weighted))))
    return out


def _id(ids: list[str], index: int | None) -> str | None:
    return None if index is None else ids[index]


def past_horizon(case: Case, cols: np.ndarray, df: np.ndarray,
                 table: list[HorizonEntry]) -> dict[int, PastHorizon]:
    """For each option with flows past H, the present value of what it gains and what it pays
    after year H up to the longest horizon, and its NPV against the baseline there.

    ``cols`` [O, C, T_max] are the positive amounts by column (savings first, then costs).
    Keyed by option index. Empty where no longer horizon is computed.
    """
    h = case.settings.horizon_years
    far = table[-1]
    if far.years <= h:
        return {}
    later = cols[:, :, h:far.years]
    pv = later @ df[h:far.years]                            # [O, C]
    moving = np.any(later != 0, axis=(1, 2))
    return {i: PastHorizon(h + 1, far.years, float(pv[i, 0]), float(pv[i, 1:].sum()),
                           far.npv_vs_baseline[option.id])
            for i, option in enumerate(case.options) if moving[i]}


def past_horizon_warnings(case: Case, found: dict[int, PastHorizon],
                          headline: HorizonEntry) -> dict[int, AppraisalWarning]:
    """The two-sided note, one per option with flows past H: what it gains and what it pays
    after the appraisal period, and (but for the baseline) its NPV against the baseline over the
    longest horizon beside the headline figure."""
    h = case.settings.horizon_years
    out = {}
    for i, p in found.items():
        option = case.options[i]
        out[i] = AppraisalWarning("past_horizon", FieldPath.of("options", i), {
            "horizon": h, "from_year": p.from_year, "to_year": p.to_year, "persist": PERSIST,
            "gains": p.gains, "pays": p.pays, "baseline": option.baseline,
            "npv_long": p.npv_vs_baseline, "npv_headline": headline.npv_vs_baseline[option.id]})
    return out
