"""Warnings for the board: things the figures rest on that someone must confirm (not errors)."""
from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from . import scales, scoring
from .case import Case
from .continuum import form
from .finance import cautions, vat
from .results import AppraisalWarning

LATE_SAVINGS_YEAR = 3
PARTIAL_RECOVERY = 0.15


_LOAN = re.compile(r"^.*?'s loan from .*? \([^)]*\)")


def sentence(warning: AppraisalWarning, *, loan_named: bool = False) -> str:
    """A warning's message as a sentence for people; with ``loan_named`` (the reader has just
    been told which loan), the loan is called 'the loan'.

    >>> w = AppraisalWarning("p", "Oak's loan from Bank A (oak-1) runs 1 year past")
    >>> sentence(w, loan_named=True)
    'The loan runs 1 year past.'
    """
    text = warning.message.strip()
    if loan_named:
        text = _LOAN.sub("the loan", text, count=1)
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


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
        yield AppraisalWarning("options", (
            f"only {len(case.options)} options on the short list: the Green Book asks for at "
            "least four (business as usual, a do-minimum, the preferred way and at least one "
            "more)"))
    for i, crit in enumerate(case.criteria):
        if crit.weight == 0:
            yield AppraisalWarning(f"criteria[{i}].weight", (
                f"'{crit.name}' carries no weight, so its scores do not affect the ranking"))
    yield from _weights_match_method(case)
    if ahp_cr is not None and ahp_cr > 0.10:
        yield AppraisalWarning("weighting.ahp_matrix", (
            f"the pairwise comparisons are inconsistent (consistency ratio {ahp_cr:.2f}, above "
            "0.10): revisit the judgements before relying on these weights"))


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
        where = "weighting.ahp_matrix"
    elif w.method == "swing" and w.swing:
        ids = list(w.swing)
        ratings = scoring.swing_weights(w.swing) if sum(w.swing.values()) > 0 else None
        if ratings is None:
            return
        derived = np.array([ratings[c] for c in ids])
        where = "weighting.swing"
    else:
        return
    points = {c.id: c.weight for c in case.criteria}
    total = sum(points.get(c, 0.0) for c in ids)
    if total <= 0:
        return
    shares = np.array([points.get(c, 0.0) / total for c in ids])
    gap = float(np.max(np.abs(shares - derived)))
    if gap > WEIGHT_MATCH:
        method = "pairwise comparison (AHP)" if w.method == "ahp" else "swing weighting"
        yield AppraisalWarning(where, (
            f"the criteria's weights no longer match the {method} they are recorded as coming "
            f"from (they differ by up to {gap:.1%}): run the {method} again, or treat the "
            "weights as set directly"))


def _option(case: Case, i: int, option) -> Iterator[AppraisalWarning]:
    at = f"options[{i}]"
    for j, line in enumerate(option.shared_services):
        path = f"{at}.shared_services[{j}]"
        recipient = case.organisation(line.recipient)
        if line.vat_treatment == "cost_sharing_exemption":
            text = ("the cost sharing exemption is assumed: confirm HMRC's five conditions (an "
                    "independent group; members whose activities are exempt or non-business; "
                    "services directly necessary for those activities; exact reimbursement of "
                    "each member's share of costs, with no uplift; no distortion of competition)")
            if recipient.vat_recovery_rate > PARTIAL_RECOVERY:
                text += (f"; {recipient.name} recovers {recipient.vat_recovery_rate:.0%} of its "
                         "VAT, so an apportionment of mixed-use services is likely")
            yield AppraisalWarning(path, text)
        if line.vat_treatment == "vat_group" and not form(option.form).can_vat_group:
            yield AppraisalWarning(path, (
                f"a VAT group needs common control, which a {option.form.replace('_', ' ')} "
                "does not give: only group structures, mergers and transfers of engagements can "
                "group for VAT"))
    if option.savings and all(line.start_year > LATE_SAVINGS_YEAR for line in option.savings):
        yield AppraisalWarning(f"{at}.savings", (
            f"every saving of '{option.name}' starts after year {LATE_SAVINGS_YEAR}: late "
            "savings are the least certain, so test them in the sensitivity analysis"))
