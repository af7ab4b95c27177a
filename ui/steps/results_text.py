"""Sentences the Results and Sensitivity steps show, built from Results (no figure computed).

``why_leader_text`` turns ``Results.why_leader`` (each criterion's points of the gap between
the leader and the runner-up) into words. Warnings are worded by :mod:`appraisal.wording`.
"""
from __future__ import annotations

from appraisal.formatting import score as fmt_score
from appraisal.results import Results
from appraisal.scoring_words import why_no_leader


def signed_points(x: float) -> str:
    """8.0 → '+8.0', −5 → '−5.0' (a true minus sign)."""
    return f"+{x:.1f}" if x >= 0.05 else (f"\u2212{abs(x):.1f}" if x <= -0.05 else "0.0")


MISSING = "—"       # a weighted score or rank not available yet (a score missing)


def score_cell(value: float | None) -> tuple[str, float | None]:
    """A weighted score for a figure table: its text and the value it sorts by."""
    return (MISSING if value is None else fmt_score(value)), value


def rank_cell(rank: int | None) -> tuple[str, int | None]:
    return (MISSING if rank is None else str(rank)), rank


def why_leader_text(results: Results, limit: int = 6) -> str:
    """'Standalone leads Shared back office by 6.5 points: Autonomy +8.0, …'.

    The ``limit`` criteria that move the gap most, largest in the leader's favour first, as the
    board paper's table of the gap reads (a large point against the leader is not left out).
    While the options cannot be ranked, why not (what is still to score)."""
    if not results.scored:
        return why_no_leader(results.case, results.unscored) or ""
    if results.runner_up is None:
        return f"{results.option(results.leader).name} is the only option."
    leader = results.option(results.leader)
    runner = results.option(results.runner_up)
    names = {c.id: c.name for c in results.case.criteria}
    parts = sorted(results.why_leader.items(), key=lambda kv: -abs(kv[1]))
    words = [f"{names.get(cid, cid)} {signed_points(v)}"
             for cid, v in sorted(parts[:limit], key=lambda kv: -kv[1]) if abs(v) >= 0.05]
    if len(parts) > limit:
        words.append("…")
    gap = results.leader_gap
    if abs(gap) < 1e-9:
        return f"{leader.name} and {runner.name} are level on weighted score."
    text = f"{leader.name} leads {runner.name} by {gap:.1f} points: " + ", ".join(words)
    return text if text.endswith("…") else text + "."
