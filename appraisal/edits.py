"""Edits of a case that change several parts at once to keep it valid (model.md §1).

Pure functions over a case's JSON data (the dict the app edits and saves): each changes ``data``
in place, so the app passes one to ``CaseDocument.edit`` and the whole change is one undo step
(undo restores the data as it was). An edit that would still break a rule (removing the
baseline, the last option, criterion or partner) is left to the case's rules to refuse, as the
app's document does. Each carries its knock-on rules with it:

- removing an option clears the recommendation naming it (keeping its rationale as a draft)
  and unlinks the risks naming it;
- removing a criterion removes its scores, reasons, swing rating and row and column of the
  pairwise matrix; adding one leaves it unscored (no option scores it yet); either records the weights
  as set directly (the method's weights no longer apply);
- removing an organisation makes its lines joint lines,
  and the lines that cannot be joint go with it (a shared service it receives, a re-pricing of
  one of its loans), so no line names a partner or loan that is not in the case.
"""
from __future__ import annotations

import copy
from typing import Any

from .defaults import NEW_ORGANISATION
from .kinds import KIND, KIND_IDS



def unique(base: str, taken: set[str]) -> str:
    """``base``, else ``base_2``, ``base_3``… (ids stay unique)."""
    if base not in taken:
        return base
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


# --- options ---------------------------------------------------------------------------------
def delete_option(data: dict, index: int) -> None:
    """Remove option ``index`` and the references to it (recommendation, risks' option)."""
    gone = data["options"].pop(index)
    if (data.get("recommendation") or {}).get("option") == gone["id"]:
        set_recommendation(data, None)
    for risk in data.get("risks", []):
        if risk.get("option") == gone["id"]:
            risk["option"] = None


def copy_option(data: dict, index: int) -> int:
    """Put a copy of option ``index`` after it (not the baseline; a new id); its index."""
    option = copy.deepcopy(data["options"][index])
    option["id"] = unique(f"{option['id']}_copy", {o["id"] for o in data["options"]})
    option["name"] = f"{option.get('name', '')} (copy)".strip()
    option.pop("baseline", None)
    data["options"].insert(index + 1, option)
    return index + 1


def set_recommendation(data: dict, option_id: str | None) -> None:
    """Name the board's preferred option, or none; a rationale already written is kept either
    way (a draft without an option is kept in the file and printed once an option is named)."""
    rationale = (data.get("recommendation") or {}).get("rationale", "")
    if option_id is None and not rationale.strip():
        data.pop("recommendation", None)
    elif option_id is None:
        data["recommendation"] = {"rationale": rationale}
    else:
        data["recommendation"] = {"option": option_id, "rationale": rationale}


def make_baseline(data: dict, index: int) -> None:
    for i, option in enumerate(data["options"]):
        if i == index:
            option["baseline"] = True
        else:
            option.pop("baseline", None)


def set_form(data: dict, index: int, form_id: str) -> None:
    option = data["options"][index]
    option["form"] = form_id
    if form_id != "group_structure":
        option.pop("subtype", None)


# --- criteria --------------------------------------------------------------------------------
def as_direct(data: dict) -> None:
    """Weights typed by hand no longer come from swing or AHP: record the method as direct.

    The swing ratings and pairwise matrix are kept, so a dialog can start from them again.
    """
    weighting = data.get("weighting")
    if isinstance(weighting, dict) and weighting.get("method", "direct") != "direct":
        weighting["method"] = "direct"


def add_criterion(data: dict, criterion: dict) -> None:
    """Append a criterion, not yet scored by any option (its scores are the board's to give)."""
    data["criteria"].append(copy.deepcopy(criterion))
    as_direct(data)


def remove_criterion(data: dict, index: int) -> None:
    """Remove a criterion with its scores, reasons, swing rating and row of the AHP matrix."""
    cid = data["criteria"].pop(index)["id"]
    for option in data["options"]:
        option.get("scores", {}).pop(cid, None)
        option.get("rationale", {}).pop(cid, None)
    weighting = data.get("weighting")
    if isinstance(weighting, dict):
        (weighting.get("swing") or {}).pop(cid, None)
        order = weighting.get("ahp_order") or []
        if cid in order:
            k = order.index(cid)
            if weighting.get("ahp_matrix"):
                weighting["ahp_matrix"] = [[v for j, v in enumerate(row) if j != k]
                                           for i, row in enumerate(weighting["ahp_matrix"])
                                           if i != k]
            weighting["ahp_order"] = [c for c in order if c != cid]
    as_direct(data)


# --- lines -----------------------------------------------------------------------------------
def add_line(data: dict, option: int, kind: str, line: dict) -> int:
    """Append a line of ``kind`` to an option; its index in the list."""
    KIND[kind]                                          # KeyError for a list of no lines
    lines = data["options"][option].setdefault(kind, [])
    lines.append(copy.deepcopy(line))
    return len(lines) - 1


def remove_line(data: dict, option: int, kind: str, index: int) -> None:
    del data["options"][option][kind][index]


def copy_line(data: dict, option: int, kind: str, index: int) -> int:
    lines = data["options"][option][kind]
    lines.insert(index + 1, copy.deepcopy(lines[index]))
    return index + 1


# --- organisations ---------------------------------------------------------------------------
def add_organisation(data: dict, name: str = "") -> int:
    """Add a partner named ``name`` (else "Partner N") with a new id and no loans; its index.

    The id comes from the name ("Elm Housing" → ``elm_housing``), kept unique; the kind, nation
    and VAT recovery start as :data:`appraisal.defaults.NEW_ORGANISATION` says.
    """
    orgs = data.setdefault("organisations", [])
    name = name.strip() or f"Partner {len(orgs) + 1}"
    stem = "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_") or "partner"
    org = {"id": unique(stem, {o["id"] for o in orgs}), "name": name,
           **copy.deepcopy(NEW_ORGANISATION)}
    orgs.append(org)
    return len(orgs) - 1


def remove_organisation(data: dict, index: int) -> None:
    """Remove a partner: its lines become joint; a shared service it receives and a
    re-pricing of one of its loans go with it (they cannot stand without it)."""
    org = data["organisations"].pop(index)
    loans = {loan.get("id") for loan in org.get("loans", [])}
    for option in data["options"]:
        for kind_id in KIND_IDS:
            field = KIND[kind_id].organisation
            lines = option.get(kind_id) or []
            if field == "organisation":
                for line in lines:
                    if line.get(field) == org["id"]:
                        line[field] = None
            else:
                gone = {org["id"]} if field == "recipient" else loans
                option[kind_id] = [line for line in lines if line.get(field) not in gone]


def snapshot(data: dict) -> Any:
    """A copy to restore on undo."""
    return copy.deepcopy(data)
