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
from .defaults import DEFAULT_ANCHORS, default_scale  # noqa: F401 - said here too
from .formatting import money
from .paths import FieldPath
from .wording import AppraisalWarning

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
