"""Warnings for the board: things the figures rest on that someone must confirm (not errors).

Each is noticed here as a kind, a place and its figures; :mod:`appraisal.wording` words it.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from . import scales, scoring
from .case import Case
from .continuum import form
from .finance import cautions, vat
from .paths import FieldPath
from .results import AppraisalWarning

LATE_SAVINGS_YEAR = 3
PARTIAL_RECOVERY = 0.15


def case_warnings(case: Case, ahp_cr: float | None,
                  past_horizon: dict[int, AppraisalWarning] | None = None) -> list[AppraisalWarning]:
    """Every warning for the case, in a stable order (case-wide first, then by option).

    ``past_horizon`` holds, by option index, the engine's note on what continues past the
    horizon (model-v2.md V2); it leads that option's warnings.
    """
    out = list(_case_wide(case, ahp_cr))
    out.extend(scales.warnings(case))
    out.extend(vat.case_warnings(case))
    out.extend(cautions.case_warnings(case))
    for i, option in enumerate(case.options):
        if past_horizon and i in past_horizon:
            out.append(past_horizon[i])
        out.extend(_option(case, i, option))
        out.extend(vat.option_warnings(case, i, option))
        out.extend(cautions.option_warnings(case, i, option))
    return out


def _case_wide(case: Case, ahp_cr: float | None) -> Iterator[AppraisalWarning]:
    if len(case.options) < 4:
        yield AppraisalWarning("short_list", FieldPath.of("options"),
                               {"count": len(case.options)})
    for i, crit in enumerate(case.criteria):
        if crit.weight == 0:
            yield AppraisalWarning("no_weight", FieldPath.of("criteria", i, "weight"),
                                   {"criterion": crit.name})
    yield from _scores_wanted(case)
    yield from _weights_match_method(case)
    if ahp_cr is not None and ahp_cr > 0.10:
        yield AppraisalWarning("ahp_inconsistent", FieldPath.of("weighting", "ahp_matrix"),
                               {"ratio": ahp_cr})


def _scores_wanted(case: Case) -> Iterator[AppraisalWarning]:
    """No weight at all, or an option not scored on a criterion with weight: then no option is
    ranked (appraisal.scoring); nothing is said of a missing score that carries no weight."""
    if not any(c.weight > 0 for c in case.criteria):
        yield AppraisalWarning("no_weights", FieldPath.of("criteria"))
        return
    for i, option in enumerate(case.options):
        names = [c.name for c in case.criteria if c.weight > 0 and not c.derived
                 and option.scores.get(c.id) is None]
        if names:
            yield AppraisalWarning("unscored", FieldPath.of("options", i, "scores"),
                                   {"option": option.name, "criteria": names})


WEIGHT_MATCH = 0.005   # half a percentage point: the weights shown to the board round to whole %


def _weights_match_method(case: Case) -> Iterator[AppraisalWarning]:
    """Weights recorded as coming from swing or AHP should still be the ones that method gives.

    The engine always uses the criteria's own weights; a hand edit of those (or of the swing
    ratings or pairwise matrix) can leave the two apart, and the paper would then describe a
    method the weights no longer follow.
    """
    w = case.weighting
    if w is None or w.method == "direct":
        return
    if w.method == "ahp" and w.ahp_matrix and w.ahp_order:
        ids, derived = list(w.ahp_order), scoring.ahp_weights(w.ahp_matrix)[0]
        where = FieldPath.of("weighting", "ahp_matrix")
    elif w.method == "swing" and w.swing:
        ids = list(w.swing)
        ratings = scoring.swing_weights(w.swing) if sum(w.swing.values()) > 0 else None
        if ratings is None:
            return
        derived = np.array([ratings[c] for c in ids])
        where = FieldPath.of("weighting", "swing")
    else:
        return
    points = {c.id: c.weight for c in case.criteria}
    total = sum(points.get(c, 0.0) for c in ids)
    if total <= 0:
        return
    shares = np.array([points.get(c, 0.0) / total for c in ids])
    gap = float(np.max(np.abs(shares - derived)))
    if gap > WEIGHT_MATCH:
        yield AppraisalWarning("weights_drift", where, {"method": w.method, "gap": gap})


def _option(case: Case, i: int, option) -> Iterator[AppraisalWarning]:
    at = FieldPath.of("options", i)
    for j, line in enumerate(option.shared_services):
        path = at / "shared_services" / j
        recipient = case.organisation(line.recipient)
        if line.vat_treatment == "cost_sharing_exemption":
            partial = recipient.vat_recovery_rate > PARTIAL_RECOVERY
            yield AppraisalWarning("cost_sharing_exemption", path, {
                "recipient": recipient.name,
                "recovery": recipient.vat_recovery_rate if partial else None})
        if line.vat_treatment == "vat_group" and not form(option.form).can_vat_group:
            yield AppraisalWarning("vat_group_without_control", path, {"form": option.form})
    if option.savings and all(line.start_year > LATE_SAVINGS_YEAR for line in option.savings):
        yield AppraisalWarning("late_savings", at / "savings",
                               {"option": option.name, "year": LATE_SAVINGS_YEAR})
