"""Board members' own views (model-v2.md V9): each member's weighted scores and leader, how many
members' views the case's leader holds under, and the spread of the views they stated.

A member's weights (a full set, or none: then the case's) and scores (any they give; the rest are
the case's) are scored by model.md §2 exactly as the case is; value-for-money scores are derived
from the NPVs as for the case, so a member may weigh that criterion but never score it.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .case import Case, Member
from .scoring import TIE, leader_or_none, optional, weighted_scores

Problem = tuple[str, str]


@dataclass
class MemberView:
    id: str
    name: str
    weighted_scores: dict[str, float | None]  # None: a score on a weighted criterion missing
    leader: str | None                        # None until every option has a weighted score
    weights: dict[str, float]                 # normalised, as the member's view uses them
    own_weights: bool = False                 # the member gave weights (else the case's)

    def to_json(self) -> dict:
        return {"id": self.id, "weighted_scores": self.weighted_scores, "leader": self.leader}


def check_members(case: Case) -> Iterator[Problem]:
    """The cross-field rules of V9, each named by its field."""
    crit_ids = [c.id for c in case.criteria]
    derived = {c.id for c in case.criteria if c.derived}
    option_ids = {o.id for o in case.options}
    seen: set[str] = set()
    for m, member in enumerate(case.members):
        at = f"members[{m}]"
        if member.id in seen:
            yield f"{at}.id", f"duplicate id '{member.id}'"
        seen.add(member.id)
        if member.weights is not None:
            for cid in member.weights:
                if cid not in crit_ids:
                    yield f"{at}.weights", f"unknown criterion '{cid}'"
            missing = [cid for cid in crit_ids if cid not in member.weights]
            if missing:
                yield f"{at}.weights", (
                    "a member who gives weights gives one for every criterion; missing "
                    + ", ".join(f"'{cid}'" for cid in missing))
            if member.weights and all(v == 0 for v in member.weights.values()):
                yield f"{at}.weights", "every weight is 0: at least one must carry weight"
        for oid, row in (member.scores or {}).items():
            if oid not in option_ids:
                yield f"{at}.scores", f"unknown option '{oid}'"
                continue
            for cid in row:
                if cid in derived:
                    yield f"{at}.scores.{oid}.{cid}", (
                        "value for money is scored from the NPVs; a member may weigh it but "
                        "not score it")
                elif cid not in crit_ids:
                    yield f"{at}.scores.{oid}", f"unknown criterion '{cid}'"


def member_weights(case: Case, member: Member) -> np.ndarray:
    """The member's weights, normalised (the case's where the member gave none)."""
    if member.weights is None:
        raw = np.array([c.weight for c in case.criteria], dtype=float)
    else:
        raw = np.array([member.weights[c.id] for c in case.criteria], dtype=float)
    total = raw.sum()
    return raw / total if total > 0 else raw


def member_scores(case: Case, member: Member, case_scores: np.ndarray) -> np.ndarray:
    """The case's score matrix [option, criterion] with the member's own scores put in."""
    out = case_scores.copy()
    col = {c.id: j for j, c in enumerate(case.criteria)}
    row = {o.id: i for i, o in enumerate(case.options)}
    for oid, given in (member.scores or {}).items():
        for cid, value in given.items():
            out[row[oid], col[cid]] = float(value)
    return out


def member_views(case: Case, case_scores: np.ndarray) -> list[MemberView]:
    """Each member's weighted scores and leader, in file order."""
    ids = [o.id for o in case.options]
    views = []
    for member in case.members:
        w = member_weights(case, member)
        ws = weighted_scores(member_scores(case, member, case_scores), w)
        views.append(MemberView(
            id=member.id, name=member.name,
            weighted_scores=dict(zip(ids, optional(ws))),
            leader=None if (top := leader_or_none(ws)) is None else ids[top],
            weights={c.id: float(w[j]) for j, c in enumerate(case.criteria)},
            own_weights=member.weights is not None))
    return views


def holds_for(view: MemberView, leader: str) -> bool:
    """Does the member's own view put ``leader`` first, alone or tied (within 1e-9)? Not while
    the member's view has an option without a weighted score."""
    given = [v for v in view.weighted_scores.values() if v is not None]
    mine = view.weighted_scores[leader]
    if mine is None or len(given) < len(view.weighted_scores):
        return False
    return mine >= max(given) - TIE


def leader_holds(views: list[MemberView], leader: str) -> dict[str, int]:
    """``{"members": k, "of": n}``: the members whose view puts the case's leader first."""
    return {"members": sum(holds_for(v, leader) for v in views), "of": len(views)}


def _summary(values: list[float]) -> dict:
    if not values:
        return {"low": None, "median": None, "high": None, "count": 0}
    return {"low": float(min(values)), "median": float(np.median(values)),
            "high": float(max(values)), "count": len(values)}


def member_spread(case: Case) -> dict:
    """The spread of the views members stated (V9): normalised weights per criterion, scores
    per option and typed criterion; the median of an even count the mean of the middle two."""
    stated = [m.weights for m in case.members if m.weights is not None]
    weights = {}
    for c in case.criteria:
        weights[c.id] = _summary([w[c.id] / sum(w.values()) for w in stated])
    scores: dict[str, dict] = {}
    for o in case.options:
        scores[o.id] = {c.id: _summary([m.scores[o.id][c.id] for m in case.members
                                        if m.scores and c.id in m.scores.get(o.id, {})])
                        for c in case.criteria if not c.derived}
    return {"weights": weights, "scores": scores}


def dividing_criteria(case: Case, spread: dict, gap: float = 0.15) -> list[str]:
    """Criteria on which members' views divide: normalised weights from lowest to highest
    further apart than ``gap``, or any option's scores more than 4 points apart; case order."""
    out = []
    for c in case.criteria:
        w = spread["weights"][c.id]
        wide = w["count"] >= 2 and w["high"] - w["low"] > gap
        if not c.derived:
            for o in case.options:
                s = spread["scores"][o.id][c.id]
                wide = wide or (s["count"] >= 2 and s["high"] - s["low"] > 4.0)
        if wide:
            out.append(c.id)
    return out


def member_label(case: Case, index: int) -> str:
    """How a member is named in what the board reads: their name if the case allows it, else
    'member A', 'member B'… (AA, AB… after Z)."""
    if case.members_named:
        return case.members[index].name
    letters, n = "", index
    while True:
        letters = chr(ord("A") + n % 26) + letters
        n = n // 26 - 1
        if n < 0:
            break
    return f"member {letters}"
