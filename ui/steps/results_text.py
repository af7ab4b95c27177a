"""Sentences the Results and Sensitivity steps show, built from Results (no figure computed).

``why_leader_text`` turns ``Results.why_leader`` (each criterion's points of the gap between
the leader and the runner-up) into words; ``warning_text`` names the place a warning is about
in the board's terms instead of a field path.
"""
from __future__ import annotations

from appraisal.caveats import sentence
from appraisal.results import AppraisalWarning, Results
from appraisal.paths import say as path_words


def signed_points(x: float) -> str:
    """8.0 → '+8.0', −5 → '−5.0' (a true minus sign)."""
    return f"+{x:.1f}" if x >= 0.05 else (f"\u2212{abs(x):.1f}" if x <= -0.05 else "0.0")


def why_leader_text(results: Results, limit: int = 6) -> str:
    """'Standalone leads Shared back office by 6.5 points: Autonomy +8.0, …'.

    The ``limit`` criteria that move the gap most, largest in the leader's favour first, as the
    board paper's table of the gap reads (a large point against the leader is not left out)."""
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


def place(path: str, results: Results) -> str:
    """A warning's field path in words: 'options[1].shared_services[0]' → 'Shared back office ›
    Shared services › Finance from Oak' (the one way places are said:
    :mod:`ui.widgets.problem_text`)."""
    return path_words(path, results.case) if path else ""


def warning_text(warning: AppraisalWarning, results: Results) -> str:
    """'Place in words: Message.' - the loan called 'the loan' where the place already names it,
    worded as the board paper words it."""
    where = place(warning.path, results)
    text = sentence(warning, loan_named=bool(where) and ".loan_repricing[" in warning.path)
    return f"{where}: {text}" if where else text
