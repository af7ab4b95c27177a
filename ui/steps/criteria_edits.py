"""Edits of the criteria that must change several parts of the case at once to keep it valid.

Each function mutates a case's JSON data in place and is passed to ``CaseDocument.edit`` so that
the whole change is one undo step (model.md §1: every option scores every typed criterion; a
derived criterion takes no typed score; the weighting record names existing criteria).
"""
from __future__ import annotations

from appraisal.edits import DEFAULT_SCORE, add_criterion, as_direct, remove_criterion  # noqa: F401
from ui.new_case import DEFAULT_CRITERIA
from ui.widgets.ids import unique_id as _unique_id

VFM_SOURCE = "npv_vs_baseline"

# domain.md §3: the defaults, the three more the research offers, and value for money.
STANDARD_CRITERIA: tuple[dict, ...] = tuple(
    {"id": cid, "name": name, "description": text, "weight": float(weight)}
    for cid, name, text, weight in DEFAULT_CRITERIA
) + (
    {"id": "mutual_benefit", "name": "Mutual benefit", "weight": 6.0,
     "description": "Whether benefits, risks and costs fall fairly on every partner."},
    {"id": "power_balance", "name": "Balance of power", "weight": 6.0,
     "description": "Whether any one partner would dominate the agenda or the decisions."},
    {"id": "reputational_exposure", "name": "Reputational exposure", "weight": 6.0,
     "description": "10 means little exposure if a partner fails to deliver."},
    {"id": "value_for_money", "name": "Value for money", "weight": 10.0, "source": VFM_SOURCE,
     "description": "Scored from each option's NPV against the baseline: the best 10, the "
                    "worst 0."},
)


def unique_id(name: str, taken: set[str]) -> str:
    """An id from a name: 'Tenant voice' → 'tenant_voice' (then tenant_voice_2, …)."""
    return _unique_id(name, taken, sep="_", fallback="criterion")


ENDS = ("0", "10")


def set_anchor(data: dict, index: int, end: str, text: str) -> None:
    """Write what a score of 0 (``end`` "0") or 10 means on a criterion (model-v2.md V8); both
    blank removes the scale."""
    criterion = data["criteria"][index]
    scale = {e: (criterion.get("scale") or {}).get(e, "") for e in ENDS}
    scale[end] = (text or "").strip()
    if any(scale.values()):
        criterion["scale"] = scale
    else:
        criterion.pop("scale", None)


def set_money_anchors(data: dict, index: int, anchors: tuple[float, float]) -> None:
    """The board accepts value for money's money anchors (the NPVs that score 0 and 10)."""
    data["criteria"][index]["scale_money"] = [float(anchors[0]), float(anchors[1])]


def set_weight(data: dict, index: int, points: float) -> None:
    """Set a criterion's weight in points (the engine normalises)."""
    data["criteria"][index]["weight"] = float(points)
    as_direct(data)


def set_derived(data: dict, index: int, derived: bool) -> None:
    """Make a criterion derived from NPV (its typed scores go) or typed again (scores of 5)."""
    criterion = data["criteria"][index]
    cid = criterion["id"]
    if derived:
        criterion["source"] = VFM_SOURCE
        for option in data["options"]:
            option.get("scores", {}).pop(cid, None)
    else:
        criterion.pop("source", None)
        for option in data["options"]:
            option.setdefault("scores", {}).setdefault(cid, DEFAULT_SCORE)

