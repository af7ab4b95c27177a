"""What is missing before the options can be ranked, in the board's words.

A case may be saved before every option is scored (a new case starts with no scores, and with no
criteria weighted). While an option has no score on a criterion that carries weight, or no
criterion carries weight at all, there is no weighted score for it, no rank for anyone and no
leader (:mod:`appraisal.scoring`). The app's status bar, the "Before the paper" check, the board
paper and the workbook's checks all say why in the one sentence worded here.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from .case import Case

MOST = 4        # options named one by one before "and N more"


def _and(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def blocking(case: Case, unscored: Mapping[str, Sequence[str]]) -> list[tuple[str, list[str]]]:
    """(option name, [criterion names]) of the scores still wanted on criteria with weight, in
    the case's order; scores missing on a criterion of weight 0 hold nothing up."""
    weighted = {c.id: c.name for c in case.criteria if c.weight > 0 and not c.derived}
    out = []
    for option in case.options:
        names = [weighted[cid] for cid in unscored.get(option.id, ()) if cid in weighted]
        if names:
            out.append((option.name, names))
    return out


def gaps_text(gaps: Sequence[tuple[str, Sequence[str]]], most: int = MOST) -> str:
    """'Merger on Autonomy and Scale; Shared services on Autonomy' (at most ``most`` options).

    >>> gaps_text([("Merger", ["Autonomy", "Scale"]), ("Shared services", ["Autonomy"])])
    'Merger on Autonomy and Scale; Shared services on Autonomy'
    """
    parts = [f"{option} on {_and(criteria)}" for option, criteria in gaps[:most]]
    if len(gaps) > most:
        parts.append(f"and {len(gaps) - most} more option{'s' if len(gaps) - most > 1 else ''}")
    return "; ".join(parts)


def no_weight(case: Case) -> bool:
    """No criterion carries weight yet (none chosen, or every weight 0)."""
    return not any(c.weight > 0 for c in case.criteria)


def why_no_leader(case: Case, unscored: Mapping[str, Sequence[str]]) -> str | None:
    """Why no option leads on score (None when every option has a weighted score)."""
    if no_weight(case):
        return ("No option can be ranked yet: no criterion carries weight. Choose the criteria "
                "and weigh them.")
    gaps = blocking(case, unscored)
    if not gaps:
        return None
    return ("No option can be ranked or recommended until every option is scored. Still to "
            f"score: {gaps_text(gaps)}.")


def status_text(case: Case, unscored: Mapping[str, Sequence[str]]) -> str | None:
    """The short form for a status bar: 'Not ranked yet: still to score Merger on Scale'."""
    if no_weight(case):
        return "Not ranked yet: no criterion carries weight"
    gaps = blocking(case, unscored)
    if not gaps:
        return None
    return f"Not ranked yet: still to score {gaps_text(gaps, most=2)}"
