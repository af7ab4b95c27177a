"""Edits of the criteria that must change several parts of the case at once to keep it valid.

Each function mutates a case's JSON data in place and is passed to ``CaseDocument.edit`` so that
the whole change is one undo step (model.md §1: every option scores every typed criterion; a
derived criterion takes no typed score; the weighting record names existing criteria).
"""
from __future__ import annotations

from appraisal.scales import default_scale
from ui.new_case import DEFAULT_CRITERIA
from ui.widgets.ids import unique_id as _unique_id

DEFAULT_SCORE = 5.0
VFM_SOURCE = "npv_vs_baseline"

# domain.md §3: the defaults, the three more the research offers, and value for money.
STANDARD_CRITERIA: tuple[dict, ...] = tuple(
    {"id": cid, "name": name, "description": text, "weight": float(weight),
     "scale": default_scale(cid)}
    for cid, name, text, weight in DEFAULT_CRITERIA
) + (
    {"id": "mutual_benefit", "name": "Mutual benefit", "weight": 6.0,
     "description": "Whether benefits, risks and costs fall fairly on every partner.",
     "scale": default_scale("mutual_benefit")},
    {"id": "power_balance", "name": "Balance of power", "weight": 6.0,
     "description": "Whether any one partner would dominate the agenda or the decisions.",
     "scale": {"0": "One partner sets the agenda and takes the decisions",
               "10": "Every partner has an equal say"}},
    {"id": "reputational_exposure", "name": "Reputational exposure", "weight": 6.0,
     "description": "10 means little exposure if a partner fails to deliver.",
     "scale": default_scale("reputational_exposure")},
    {"id": "value_for_money", "name": "Value for money", "weight": 10.0, "source": VFM_SOURCE,
     "description": "Scored from each option's NPV against the baseline: the best 10, the "
                    "worst 0."},
)


def unique_id(name: str, taken: set[str]) -> str:
    """An id from a name: 'Tenant voice' → 'tenant_voice' (then tenant_voice_2, …)."""
    return _unique_id(name, taken, sep="_", fallback="criterion")


def as_direct(data: dict) -> None:
    """Weights typed by hand no longer come from swing or AHP: record the method as direct.

    The swing ratings and pairwise matrix are kept, so a dialog can start from them again.
    """
    weighting = data.get("weighting")
    if isinstance(weighting, dict) and weighting.get("method", "direct") != "direct":
        weighting["method"] = "direct"


def add_criterion(data: dict, criterion: dict) -> None:
    """Append a criterion; a typed one gets a score of 5 in every option."""
    data["criteria"].append(dict(criterion))
    if criterion.get("source") != VFM_SOURCE:
        for option in data["options"]:
            option.setdefault("scores", {})[criterion["id"]] = DEFAULT_SCORE
    as_direct(data)


def remove_criterion(data: dict, index: int) -> None:
    """Remove a criterion with its scores, rationales, swing rating and row of the AHP matrix."""
    cid = data["criteria"].pop(index)["id"]
    for option in data["options"]:
        option.get("scores", {}).pop(cid, None)
        option.get("rationale", {}).pop(cid, None)
    weighting = data.get("weighting")
    if isinstance(weighting, dict):
        (weighting.get("swing") or {}).pop(cid, None)
        order = weighting.get("ahp_order") or []
        if cid in order and weighting.get("ahp_matrix"):
            k = order.index(cid)
            weighting["ahp_matrix"] = [[v for j, v in enumerate(row) if j != k]
                                       for i, row in enumerate(weighting["ahp_matrix"]) if i != k]
            weighting["ahp_order"] = [c for c in order if c != cid]
    as_direct(data)


def set_weight(data: dict, index: int, points: float) -> None:
    """Set a criterion's weight in points (the engine normalises)."""
    data["criteria"][index]["weight"] = float(points)
    as_direct(data)


def set_derived(data: dict, index: int, derived: bool,
                anchors: tuple[float, float] | None = None) -> None:
    """Make a criterion derived from NPV (its typed scores go; ``anchors``, when given, become
    its money anchors) or typed again (scores of 5; the money anchors go)."""
    criterion = data["criteria"][index]
    cid = criterion["id"]
    if derived:
        criterion["source"] = VFM_SOURCE
        if anchors is not None:
            criterion["scale_money"] = [float(anchors[0]), float(anchors[1])]
        for option in data["options"]:
            option.get("scores", {}).pop(cid, None)
    else:
        criterion.pop("source", None)
        criterion.pop("scale_money", None)
        for option in data["options"]:
            option.setdefault("scores", {}).setdefault(cid, DEFAULT_SCORE)


ENDS = ("0", "10")


def set_anchor(data: dict, index: int, end: str, text: str) -> None:
    """Write what a score of 0 (``end`` "0") or 10 means on a criterion; both blank removes
    the scale."""
    criterion = data["criteria"][index]
    scale = {e: (criterion.get("scale") or {}).get(e, "") for e in ENDS}
    scale[end] = text.strip()
    if any(scale.values()):
        criterion["scale"] = scale
    else:
        criterion.pop("scale", None)


def set_money_anchor(data: dict, index: int, end: str, value: float,
                     suggested: tuple[float, float]) -> None:
    """Set the NPV against the baseline that scores 0 or 10 on the value-for-money criterion;
    the other end, if not yet set, starts at the suggestion."""
    criterion = data["criteria"][index]
    anchors = list(criterion.get("scale_money") or suggested)
    anchors[ENDS.index(end)] = float(value)
    criterion["scale_money"] = anchors


def set_money_anchors(data: dict, index: int, anchors: tuple[float, float]) -> None:
    """The board accepts both money anchors at once (the suggestion)."""
    data["criteria"][index]["scale_money"] = [float(anchors[0]), float(anchors[1])]

