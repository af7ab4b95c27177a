"""Edits of the criteria that must change several parts of the case at once to keep it valid.

Each function mutates a case's JSON data in place and is passed to ``CaseDocument.edit`` so that
the whole change is one undo step (model.md §1: every option scores every typed criterion; a
derived criterion takes no typed score; the weighting record names existing criteria).
"""
from __future__ import annotations

from appraisal.edits import add_criterion, as_direct, remove_criterion  # noqa: F401
from appraisal.defaults import DERIVED_SOURCE as VFM_SOURCE  # noqa: F401
from appraisal.defaults import STANDARD_CRITERIA  # noqa: F401
from ui.widgets.ids import unique_id as _unique_id


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


def set_money_anchor(data: dict, index: int, end: str, value: float,
                     suggested: tuple[float, float] | None) -> None:
    """Type the NPV against the baseline that scores 0 (``end`` "0") or 10 on value for money;
    the other end, if not yet set, starts at the suggestion (or at the typed amount)."""
    criterion = data["criteria"][index]
    anchors = list(criterion.get("scale_money") or suggested or (value, value))
    anchors[ENDS.index(end)] = float(value)
    criterion["scale_money"] = [float(anchors[0]), float(anchors[1])]


def set_money_anchors(data: dict, index: int, anchors: tuple[float, float]) -> None:
    """The board accepts value for money's money anchors (the NPVs that score 0 and 10)."""
    data["criteria"][index]["scale_money"] = [float(anchors[0]), float(anchors[1])]


def set_weight(data: dict, index: int, points: float) -> None:
    """Set a criterion's weight in points (the engine normalises)."""
    data["criteria"][index]["weight"] = float(points)
    as_direct(data)


def set_derived(data: dict, index: int, derived: bool) -> None:
    """Make a criterion derived from NPV (its typed scores go) or typed again (not yet scored)."""
    criterion = data["criteria"][index]
    cid = criterion["id"]
    if derived:
        criterion["source"] = VFM_SOURCE
        for option in data["options"]:
            option.get("scores", {}).pop(cid, None)
    else:
        criterion.pop("source", None)



def is_value_for_money(criterion: dict) -> bool:
    """A criterion that is value for money by its id or name, derived from the NPV or not."""
    return (criterion.get("id") == "value_for_money"
            or "value for money" in str(criterion.get("name", "")).lower())


def set_money_separately(data: dict, separately: bool) -> None:
    """The board's answer that value for money is (False) or is not (True) one of the criteria
    because it weighs the money separately, beside the scores; kept on the weighting record."""
    weighting = data.setdefault("weighting", {"method": "direct"})
    if separately:
        weighting["money_separately"] = True
    else:
        weighting.pop("money_separately", None)
        if set(weighting) == {"method"} and weighting["method"] == "direct":
            data.pop("weighting")


def value_for_money_as_a_criterion(data: dict) -> str:
    """Make value for money one of the criteria, scored from the NPV: tick "derived from NPV" on
    the criterion already called value for money, or add the standard one (weight 10 points).
    The answer "weighed separately" goes. Returns the criterion's name."""
    set_money_separately(data, False)
    derived = [c for c in data["criteria"] if c.get("source") == VFM_SOURCE]
    if derived:
        return derived[0]["name"]
    for index, criterion in enumerate(data["criteria"]):
        if is_value_for_money(criterion):
            set_derived(data, index, True)
            return criterion["name"]
    vfm = dict(next(c for c in STANDARD_CRITERIA if c.get("source") == VFM_SOURCE))
    vfm["id"] = unique_id(vfm["name"], {c["id"] for c in data["criteria"]}) \
        if any(c["id"] == vfm["id"] for c in data["criteria"]) else vfm["id"]
    add_criterion(data, vfm)
    return vfm["name"]
