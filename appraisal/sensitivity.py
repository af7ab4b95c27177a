"""How robust the answer is: tornado, switching values, scenarios and Monte Carlo (model.md §2).

Every line is linear in its main quantity q, so an option's NPV moves by ``g_l × Δq_l`` where
``g_l = sign_l × Σ_t unit_l[t] × df_t`` is the line's NPV gradient. The tornado, switching values
and scenarios are exact from g; the Monte Carlo draws are one matrix product per chunk of draws,
never a re-run of the engine.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .kinds import RANGED_KINDS
from .finance.lines import LineTable
from .results import SwitchingValue, TornadoRow

# Draws × lines per chunk: 2M float64 = 16 MB arrays, under glibc's 32 MB ceiling for reusing
# heap memory, so each chunk's arrays do not cost fresh page faults (1 s of the worst case).
CHUNK_ELEMENTS = 2_000_000
HISTOGRAM_BINS = 40
# Tornado swings that agree to a millionth of a pound count as equal (float noise, not a figure), so
# they keep the lines' order (model.md §3); the rounding is a sort key, never a reported value.
SWING_DECIMALS = 6


class Cancelled(Exception):
    """The simulation was stopped between chunks of draws because its caller no longer wants it."""


def gradients(table: LineTable, df: np.ndarray) -> np.ndarray:
    """NPV change of a line's option per unit of the line's main quantity: float[L]."""
    return table.sign * (table.unit @ df)


def tornado(table: LineTable, g: np.ndarray, option: int, npv: float) -> list[TornadoRow]:
    """Each ranged line of the option alone at low and at high; widest swing first.

    Equal swings keep the order of the lines (savings, recurring costs, shared services,
    one-off costs, loan re-pricing, each in file order).
    """
    rows = []
    for l in np.flatnonzero((table.option == option) & table.ranged):
        at_low = npv + g[l] * (table.low[l] - table.q[l])
        at_high = npv + g[l] * (table.high[l] - table.q[l])
        rows.append(TornadoRow(table.ref[l], table.label[l], float(table.low[l]),
                               float(table.high[l]), float(at_low), float(at_high)))
    rows.sort(key=lambda r: -round(r.swing, SWING_DECIMALS))
    return rows


def switching_values(table: LineTable, g: np.ndarray, option: int, npv_vs_baseline: float,
                     is_baseline: bool) -> list[SwitchingValue]:
    """The main quantity of each line at which the option's NPV vs baseline would be 0.

    ``value = q − npv_vs_baseline / g``; ``None`` for the baseline option and where the line does
    not move the NPV (g = 0); ``change_pct = 100 × (value − q) / q``, ``None`` where q = 0.

    Worked example (small-case.json, the shared service): NPV vs baseline £246,488.45 and a
    savings gradient of 4.031961 per £ of annual saving give 100,000 − 61,133.65 = £38,866.35,
    a change of −61.13%.
    """
    rows = []
    for l in np.flatnonzero(table.option == option):
        if table.kind[l] not in RANGED_KINDS:
            continue
        q = float(table.q[l])
        value = None
        if not is_baseline and abs(g[l]) > 1e-12:
            value = float(q - npv_vs_baseline / g[l])
        change = None if value is None or q == 0 else 100.0 * (value - q) / q
        rows.append(SwitchingValue(table.ref[l], table.label[l], q, value, change))
    return rows


def scenario_npvs(table: LineTable, g: np.ndarray, npv: np.ndarray) -> dict[str, np.ndarray]:
    """NPV per option with every ranged line at its worse end, at base, and at its better end.

    The worse end of a line is whichever of low and high gives its option the lower NPV.
    """
    ranged = table.ranged
    d_low = np.where(ranged, g * (np.nan_to_num(table.low) - table.q), 0.0)
    d_high = np.where(ranged, g * (np.nan_to_num(table.high) - table.q), 0.0)
    worse = np.zeros_like(npv)
    better = np.zeros_like(npv)
    np.add.at(worse, table.option, np.minimum(d_low, d_high))
    np.add.at(better, table.option, np.maximum(d_low, d_high))
    return {"pessimistic": npv + worse, "base": npv.copy(), "optimistic": npv + better}


def triangular(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Triangular quantiles at probabilities ``u`` (inverse CDF); a collapsed range gives its value.

    Below the mode ``x = low + sqrt(u (high − low)(mode − low))``, above it
    ``x = high − sqrt((1 − u)(high − low)(high − mode))``: one square root per draw.

    >>> float(triangular(np.array([0.5]), np.array([0.0]), np.array([1.0]), np.array([2.0]))[0])
    1.0
    """
    width = high - low
    f = np.divide(mode - low, width, out=np.zeros_like(width), where=width > 0)
    left = u < f
    s = np.where(left, u * (width * (mode - low)), (1.0 - u) * (width * (high - mode)))
    np.sqrt(s, out=s)
    return np.where(left, low + s, high - s)


def pert(rng: np.random.Generator, size: tuple, low, mode, high) -> np.ndarray:
    """PERT draws: ``low + (high − low) × Beta(1 + 4(mode − low)/w, 1 + 4(high − mode)/w)``."""
    width = high - low
    safe = np.where(width > 0, width, 1.0)
    a = 1.0 + 4.0 * (mode - low) / safe
    b = 1.0 + 4.0 * (high - mode) / safe
    x = rng.beta(np.broadcast_to(a, size), np.broadcast_to(b, size))
    return np.where(width > 0, low + width * x, mode)


@dataclass
class MonteCarloDraws:
    """NPV per draw and option, and the figures the results report from it."""

    npv: np.ndarray                 # [draws, O]
    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray
    mean: np.ndarray
    p_below_baseline: np.ndarray
    p_highest: np.ndarray
    edges: np.ndarray
    counts: np.ndarray              # [O, bins]


def monte_carlo(table: LineTable, g: np.ndarray, npv: np.ndarray, baseline: int, draws: int,
                seed: int, distribution: str = "triangular",
                cancelled: Callable[[], bool] | None = None) -> MonteCarloDraws:
    """Draw every ranged line independently, ``draws`` times with ``seed``; NPV by matrix product.

    ``npv_draw[d, o] = npv[o] + Σ_l (x[d, l] − q_l) × g_l × [line l belongs to option o]``.
    Draws are made in chunks so memory stays bounded; the same seed gives the same numbers.
    ``cancelled`` (no arguments, true to stop) is asked before each chunk; if it says so the run
    stops with :class:`Cancelled` (a newer edit has made the draws pointless).
    """
    idx = np.flatnonzero(table.ranged)
    n_opt = len(npv)
    low, high, base = table.low[idx], table.high[idx], table.q[idx]
    weights = np.zeros((len(idx), n_opt))
    weights[np.arange(len(idx)), table.option[idx]] = g[idx]
    rng = np.random.default_rng(seed)
    out = np.empty((draws, n_opt))
    chunk = max(1, CHUNK_ELEMENTS // max(1, len(idx)))
    for start in range(0, draws, chunk):
        if cancelled is not None and cancelled():
            raise Cancelled
        n = min(chunk, draws - start)
        if distribution == "pert":
            x = pert(rng, (n, len(idx)), low, base, high)
        else:
            x = triangular(rng.random((n, len(idx))), low, base, high)
        out[start:start + n] = npv + (x - base) @ weights
    p10, p50, p90 = np.percentile(out, [10, 50, 90], axis=0)
    vs_base = out - out[:, [baseline]]
    top = out.max(axis=1, keepdims=True)
    first_top = np.argmax(out >= top - 1e-6 * np.maximum(1.0, np.abs(top)), axis=1)
    p_highest = np.bincount(first_top, minlength=n_opt) / draws
    lo, hi = float(out.min()), float(out.max())
    if hi - lo < 1e-6:
        lo, hi = lo - 0.5, hi + 0.5
    edges = np.linspace(lo, hi, HISTOGRAM_BINS + 1)
    counts = np.stack([np.histogram(out[:, o], bins=edges)[0] for o in range(n_opt)])
    return MonteCarloDraws(out, p10, p50, p90, out.mean(axis=0), (vs_base < -1e-6).mean(axis=0),
                           p_highest, edges, counts)
