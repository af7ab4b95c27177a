"""Weights and weighted scores (model.md §2, non-financial), and the ways boards set weights.

The weighted-sum model: ``w_i = weight_i / Σ weight``;
``weighted_score = 100 × Σ w_i × score_i / 10``; rank 1 the highest, scores within 1e-9 share a
rank (1, 2, 2, 4).

A score may be missing (not yet given): it is NaN in the score matrix, never 0. An option with a
missing score on a criterion that carries weight has no weighted score (NaN); a missing score on a
criterion of weight 0 changes nothing. With no weight at all (no criteria yet, or every weight 0)
no option has a weighted score. Ranks and the leader exist only when every option has one
(docs/calculations.md, "Missing scores").
"""
from __future__ import annotations

import numpy as np

from .case import Case

TIE = 1e-9

# Saaty's (1980) random consistency index for n = 1..10.
RANDOM_INDEX = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)


def normalised_weights(case: Case) -> np.ndarray:
    """Each criterion's weight as a share of the total (all 0 while no criterion has weight)."""
    raw = np.array([c.weight for c in case.criteria], dtype=float)
    total = raw.sum()
    return raw / total if total > 0 else raw


def unscored(case: Case) -> list[tuple[int, int]]:
    """(option, criterion) indices of the typed scores not given yet, options in file order."""
    return [(o, j) for o, option in enumerate(case.options)
            for j, crit in enumerate(case.criteria)
            if not crit.derived and option.scores.get(crit.id) is None]


def complete(weighted: np.ndarray) -> bool:
    """Has every option a weighted score (so ranks and a leader mean something)?"""
    return bool(len(weighted)) and not bool(np.isnan(weighted).any())


def derived_scores(npv_vs_baseline: np.ndarray,
                   anchors: list[float] | None = None) -> np.ndarray:
    """Value-for-money scores: ``10 × (v − min) / (max − min)``, all 5 when max = min.

    The baseline (v = 0) is among the options, so it takes part in min and max.
    With the board's money ``anchors`` ``[v0, v10]`` (model-v2.md V8, ``scale_money``) the score
    is ``10 × (v − v0) / (v10 − v0)`` instead, not capped at 0 or 10.

    >>> derived_scores(np.array([0.0, 50.0, 100.0])).tolist()
    [0.0, 5.0, 10.0]
    >>> derived_scores(np.array([0.0, 1e6, 3e6]), [0.0, 2e6]).tolist()
    [0.0, 5.0, 15.0]
    """
    if anchors is not None:
        v0, v10 = float(anchors[0]), float(anchors[1])
        return 10.0 * ((npv_vs_baseline - v0) / (v10 - v0))
    lo, hi = float(npv_vs_baseline.min()), float(npv_vs_baseline.max())
    if hi - lo <= TIE * max(1.0, abs(hi), abs(lo)):
        return np.full(npv_vs_baseline.shape, 5.0)
    return 10.0 * ((npv_vs_baseline - lo) / (hi - lo))   # ratio first: the top is exactly 10


def score_matrix(case: Case, npv_vs_baseline: np.ndarray) -> np.ndarray:
    """Scores 0..10 as an array [option, criterion], derived criteria filled in, NaN where a
    typed score is not given yet."""
    m = np.zeros((len(case.options), len(case.criteria)))
    for j, crit in enumerate(case.criteria):
        if crit.derived:
            m[:, j] = derived_scores(npv_vs_baseline, crit.scale_money)
        else:
            m[:, j] = [_given(o.scores.get(crit.id)) for o in case.options]
    return m


def _given(score: float | None) -> float:
    return np.nan if score is None else score


def weighted_scores(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``100 × Σ w_i × score_i / 10`` per option (weights already normalised).

    NaN for an option missing a score on a criterion with weight, and for every option when no
    criterion has weight; a missing score where the weight is 0 counts for nothing.
    """
    used = weights > 0
    if not used.any():
        return np.full(scores.shape[0], np.nan)
    return 10.0 * np.where(used[None, :], scores, 0.0) @ weights


def ranks(values: np.ndarray, tol: float = TIE) -> list[int]:
    """Competition ranks, highest first; values within ``tol`` share a rank.

    >>> ranks(np.array([50.0, 70.0, 70.0, 10.0]))
    [3, 1, 1, 4]
    """
    return [1 + int(np.sum(values > v + tol)) for v in values]


def ranks_or_none(values: np.ndarray, tol: float = TIE) -> list[int | None]:
    """:func:`ranks`, or no rank for anyone while an option has no weighted score (a rank among
    some of the options would read as a ranking of all of them)."""
    if not complete(values):
        return [None] * len(values)
    return list(ranks(values, tol))


def leader_index(values: np.ndarray, tol: float = TIE) -> int:
    """The top option: the highest value, the first in file order if tied."""
    top = values.max()
    return int(np.flatnonzero(values >= top - tol)[0])


def leader_or_none(values: np.ndarray, tol: float = TIE) -> int | None:
    """:func:`leader_index`, or None while an option has no weighted score."""
    return leader_index(values, tol) if complete(values) else None


def optional(values: np.ndarray) -> list[float | None]:
    """Floats for the results, None where not available (NaN)."""
    return [None if np.isnan(v) else float(v) for v in values]


def switching_weight(scores: np.ndarray, weights: np.ndarray, c: int) -> float | None:
    """The normalised weight of criterion c at which the leader stops being alone at the top.

    c's weight moves to w and the others keep their proportions, so each option's score is
    linear in w: ``S_o(w) = w × a_o + (1 − w) × R_o`` with ``a_o = 10 × score_oc`` and ``R_o``
    the score from the other criteria, renormalised. The leader T meets option o where
    ``w = (R_T − R_o) / ((R_T − R_o) − (a_T − a_o))``. Of the crossings in 0..1 the one nearest
    the current weight is reported (the smaller if two are equally near); ``None`` if there is
    none, if the leader is already tied, or if c is the only criterion with weight.

    Worked example (small-case.json, autonomy at 0.40): the leader, standalone, meets the merger
    at 0.16 and the shared service at 0.111; 0.16 is nearer, so it is the switching weight.
    """
    wc = float(weights[c])
    if wc >= 1.0 - TIE:
        return None
    current = weighted_scores(scores, weights)
    top = leader_index(current)
    if np.sum(current >= current[top] - TIE) > 1:
        return None
    others = weights.copy()
    others[c] = 0.0
    others = others / (1.0 - wc)
    a = 10.0 * scores[:, c]
    r = 10.0 * scores @ others
    best: float | None = None
    for o in range(len(current)):
        if o == top:
            continue
        dr, da = r[top] - r[o], a[top] - a[o]
        denom = dr - da
        if abs(denom) < TIE:
            continue
        w = dr / denom
        if -TIE <= w <= 1 + TIE:
            w = min(max(w, 0.0), 1.0)
            if best is None or abs(w - wc) < abs(best - wc) - TIE or (
                    abs(abs(w - wc) - abs(best - wc)) <= TIE and w < best):
                best = w
    return best


def weight_curve(scores: np.ndarray, weights: np.ndarray, c: int, points: int = 21) -> np.ndarray:
    """Each option's weighted score as c's weight runs 0→1, others in proportion: [points, O]."""
    grid = np.linspace(0.0, 1.0, points)
    rest = weights.copy()
    rest[c] = 0.0
    if rest.sum() > 0:
        rest = rest / rest.sum()
    a = 10.0 * scores[:, c]
    r = 10.0 * scores @ rest
    return grid[:, None] * a[None, :] + (1.0 - grid[:, None]) * r[None, :]


def non_dominated(npv_vs_baseline: np.ndarray, weighted: np.ndarray) -> list[int]:
    """Indices of the options that no other beats on both NPV vs baseline and weighted score.

    Option b beats a when it is at least as good on both and strictly better on one.

    >>> non_dominated(np.array([0.0, 5.0, 3.0]), np.array([70.0, 50.0, 40.0]))
    [0, 1]
    """
    n = len(weighted)
    out = []
    for a in range(n):
        beaten = any(
            npv_vs_baseline[b] >= npv_vs_baseline[a] and weighted[b] >= weighted[a]
            and (npv_vs_baseline[b] > npv_vs_baseline[a] or weighted[b] > weighted[a])
            for b in range(n) if b != a)
        if not beaten:
            out.append(a)
    return out


def contributions(scores: np.ndarray, weights: np.ndarray, first: int, second: int) -> np.ndarray:
    """Each criterion's share of the gap in weighted score between two options (sums to it)."""
    return 10.0 * weights * (scores[first] - scores[second])


def ahp_weights(matrix: list[list[float]]) -> tuple[np.ndarray, float, float]:
    """AHP weights from a reciprocal pairwise matrix: (weights, CI, CR).

    Weights are the principal right eigenvector, normalised to sum to 1;
    ``CI = (λmax − n)/(n − 1)``, ``CR = CI / RI`` with Saaty's random index (n = 1..10);
    a CR above 0.10 calls for the comparisons to be revisited. n > 10 is refused.
    """
    a = np.asarray(matrix, dtype=float)
    n = a.shape[0]
    if a.shape != (n, n) or n == 0:
        raise ValueError("the pairwise matrix must be square")
    if n > len(RANDOM_INDEX):
        raise ValueError("AHP here takes at most 10 criteria (Saaty's random index stops at 10)")
    if np.any(a <= 0) or not np.allclose(a * a.T, 1.0, rtol=1e-6):
        raise ValueError("the pairwise matrix must be positive and reciprocal (a_ji = 1 / a_ij)")
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    vec = np.abs(vectors[:, k].real)
    w = vec / vec.sum()
    lam = float(values[k].real)
    if n <= 2:
        return w, 0.0, 0.0
    ci = (lam - n) / (n - 1)
    return w, ci, ci / RANDOM_INDEX[n - 1]


def swing_weights(ratings: dict[str, float]) -> dict[str, float]:
    """Swing weighting: each criterion's swing rated 0..100 against the most important (100).

    Weights are the ratings divided by their total.

    >>> swing_weights({"a": 100, "b": 50, "c": 50})
    {'a': 0.5, 'b': 0.25, 'c': 0.25}
    """
    total = float(sum(ratings.values()))
    if total <= 0:
        raise ValueError("at least one swing must be rated above 0")
    return {k: v / total for k, v in ratings.items()}
