"""What 0 and 10 mean on each criterion (model-v2.md V8).

A criterion may carry ``scale``: ``{"0": text, "10": text}``, the board's own words for the two
ends of its 0..10 scale. Swing weights are rated on the swing from 0 to 10 of that scale, so the
weights apply to the scores exactly as model.md §2 says.

The value-for-money criterion may carry ``scale_money``: ``[v0, v10]``, the NPV against the
baseline (pounds) that the board rates 0 and 10. Its score is then ``10 × (v − v0) / (v10 − v0)``,
not capped, and its weight keeps one money meaning whatever options are listed
(:func:`appraisal.scoring.derived_scores`).
"""
from __future__ import annotations

import math
from collections.abc import Iterator

from .case import Case
from .formatting import money
from .paths import FieldPath
from .results import AppraisalWarning

Problem = tuple[str, str]
ENDS = ("0", "10")


def problems(case: Case) -> Iterator[Problem]:
    """Anchors that cannot be read: a scale without exactly "0" and "10"; scale_money that is
    not two numbers rising, or on a criterion the board scores itself."""
    for i, crit in enumerate(case.criteria):
        at = f"criteria[{i}]"
        if crit.scale is not None:
            keys = set(crit.scale)
            if keys != set(ENDS):
                extra = sorted(keys - set(ENDS))
                yield f"{at}.scale", ('give what a score of 0 and of 10 mean, as "0" and "10"'
                                      + (f" ({', '.join(extra)} is not one of them)"
                                         if extra else ""))
        if crit.scale_money is None:
            continue
        if not crit.derived:
            yield f"{at}.scale_money", ("money anchors are only for the value-for-money "
                                        "criterion, whose score comes from the NPV")
        elif len(crit.scale_money) != 2:
            yield f"{at}.scale_money", ("give two amounts: the NPV against the baseline that "
                                        "scores 0, then the one that scores 10")
        elif not crit.scale_money[1] > crit.scale_money[0]:
            yield f"{at}.scale_money", ("the amount that scores 10 must be above the amount "
                                        "that scores 0")


def warnings(case: Case) -> Iterator[AppraisalWarning]:
    """The value-for-money criterion without money anchors: its weight means a different sum of
    money whenever an option is added or removed."""
    for i, crit in enumerate(case.criteria):
        if crit.derived and crit.scale_money is None and crit.weight > 0:
            yield AppraisalWarning("money_anchors_missing",
                                   FieldPath.of("criteria", i, "scale_money"),
                                   {"criterion": crit.name})


def _nice(x: float, up: bool) -> float:
    """x rounded outward to two significant figures."""
    if x == 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(abs(x))) - 1)
    return (math.ceil(x / step) if up else math.floor(x / step)) * step


def suggested_money_anchors(npv_vs_baseline: list[float]) -> tuple[float, float]:
    """Anchors to offer the board: 0 at the lower of the baseline (£0) and the weakest option,
    10 at the strongest, each rounded outward to two significant figures.

    >>> suggested_money_anchors([0.0, 3_730_491.0, -1_234_567.0, 8_920_860.0])
    (-1300000.0, 9000000.0)
    >>> suggested_money_anchors([0.0, 0.0])
    (0.0, 1000000.0)
    """
    lo = min(0.0, *npv_vs_baseline)
    hi = max(0.0, *npv_vs_baseline)
    lo, hi = _nice(lo, up=False), _nice(hi, up=True)
    if hi <= lo:
        hi = lo + 1_000_000.0
    return float(lo), float(hi)


def describe_money_anchors(anchors: list[float]) -> dict[str, str]:
    """The anchors as the two ends of the scale, in words for people."""
    return {"0": f"{money(anchors[0])} against the baseline",
            "10": f"{money(anchors[1])} against the baseline"}


# What 0 and 10 mean on the criteria Continuum offers (domain.md §3), as a starting point the
# board rewrites in its own words. Scores run from the worst plausible outcome (0) to the best
# (10), whatever option is being scored.
DEFAULT_ANCHORS: dict[str, dict[str, str]] = {
    "autonomy": {"0": "Our board no longer decides our strategy; another body does",
                 "10": "Our board decides everything, as it does now"},
    "brand_identity": {"0": "Our name and identity disappear",
                       "10": "Our name, identity and fundraising brand carry on unchanged"},
    "user_voice": {"0": "Tenants and users lose any say in the services",
                   "10": "Tenants and users shape the aims and check the results"},
    "local_accountability": {"0": "Local links and promises to councils are broken",
                             "10": "Every local commitment and link is kept and reported on"},
    "service_outcomes": {"0": "Services get worse and stay worse",
                         "10": "Services clearly improve, with no dip while things change"},
    "economies_of_scope": {"0": "Nothing is gained from combining services or know-how",
                           "10": "Combined services, donors and campaigning add a great deal"},
    "scale_capacity": {"0": "Less able to bid, build or borrow; finances more fragile",
                       "10": "Much stronger capacity to bid, build and borrow"},
    "mission_fit": {"0": "The option pulls us away from our purpose",
                    "10": "The option serves our purpose better than anything else could"},
    "culture_trust": {"0": "Open conflict or distrust between the partners",
                      "10": "Shared values and willing, trusting partners"},
    "governance_simplicity": {"0": "Tangled boards and unclear accountability",
                              "10": "One clear board and clear lines of accountability"},
    "flexibility": {"0": "Locked in: no way to change course or leave",
                    "10": "Easy to change course, leave or go further later"},
    "deliverability": {"0": "Very likely to fail or badly disrupt staff and services",
                       "10": "Straightforward to carry out, with little disruption"},
    "mutual_benefit": {"0": "Costs and risks fall on one partner while others take the gains",
                       "10": "Every partner, the smallest included, gains its fair share"},
    "reputational_exposure": {"0": "A serious risk to our reputation with funders and the public",
                              "10": "No added risk to our reputation"},
}


def default_scale(criterion_id: str) -> dict[str, str] | None:
    """Starting anchors for a criterion Continuum knows, or None."""
    found = DEFAULT_ANCHORS.get(criterion_id)
    return dict(found) if found else None


def anchor_texts(criterion) -> tuple[str, str]:
    """What a score of 0 and of 10 mean on a criterion, in words for people: the board's
    anchors; for value for money its money anchors or, without them, the options' range."""
    if criterion.derived:
        if criterion.scale_money is not None and len(criterion.scale_money) == 2:
            ends = describe_money_anchors(criterion.scale_money)
            return ends["0"], ends["10"]
        return ("The weakest option's NPV against the baseline",
                "The strongest option's NPV against the baseline")
    scale = criterion.scale or {}
    return (scale.get("0") or "Not written down", scale.get("10") or "Not written down")
