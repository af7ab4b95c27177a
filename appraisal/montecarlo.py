"""Monte Carlo over the drivers, with one common delivery factor (model-v2.md V4).

In each draw every driver d takes one quantile q_d, and each of its lines takes the value at q_d of
its own triangular (low, base, high) (or PERT). With correlation ρ, one standard normal Z (how the
delivery of the change goes as a whole) is drawn per draw, and

- a change driver of the costs family has ``z_d = √ρ·Z + √(1−ρ)·ε_d``,
- a change driver of the savings family ``z_d = −√ρ·Z + √(1−ρ)·ε_d`` (costs overrun when savings
  fall short),
- a baseline driver (all its lines in the baseline) ``z_d = ε_d``,

with independent standard normal ε_d and ``q_d = Φ(z_d)``. A driver drawn without the common
factor (every driver when ρ = 0, and the baseline's own) takes its quantile straight from a
uniform draw, which is the same distribution as Φ of a standard normal.

The NPV of every option in every draw is one matrix product per chunk of draws:
``npv[d, o] = npv[o] + Σ_l (x[d, l] − q_l) × g_l × [line l belongs to option o]``; no Python loop
runs over draws.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .drivers import Drivers
from .finance.lines import LineTable

# Draws × lines per chunk: 2M float64 = 16 MB arrays, under glibc's 32 MB ceiling for reusing
# heap memory, so each chunk's arrays do not cost fresh page faults (1 s of the worst case).
CHUNK_ELEMENTS = 2_000_000
HISTOGRAM_BINS = 40
PERT_GRID = 1025


def normal_cdf(z: np.ndarray) -> np.ndarray:
    """Φ(z) = erfc(−z/√2)/2, erfc by Chebyshev fit (relative error under 1.2e-7).

    >>> [round(float(x), 6) for x in normal_cdf(np.array([-1.959964, 0.0, 1.0]))]
    [0.025, 0.5, 0.841345]
    """
    x = np.abs(z) * np.sqrt(0.5)
    t = 1.0 / (1.0 + 0.5 * x)
    poly = 0.17087277
    for c in (-0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418,
              0.37409196, 1.00002368, -1.26551223):
        poly = c + t * poly
    tail = 0.5 * t * np.exp(poly - x * x)          # Φ(−|z|)
    return np.where(z >= 0, 1.0 - tail, tail)


def rank_correlation(rho: float) -> float:
    """Spearman's rank correlation implied by a Gaussian copula parameter: (6/π)·asin(ρ/2).

    >>> round(rank_correlation(0.5), 4)
    0.4826
    """
    return float(6.0 / np.pi * np.arcsin(rho / 2.0))


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


def pert(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    """PERT quantiles: ``low + (high − low) × B⁻¹(u)`` with Beta(1 + 4(mode − low)/w,
    1 + 4(high − mode)/w), the Beta's inverse read from its tabulated distribution function."""
    width = high - low
    safe = np.where(width > 0, width, 1.0)
    a = 1.0 + 4.0 * (mode - low) / safe
    b = 1.0 + 4.0 * (high - mode) / safe
    grid = np.linspace(0.0, 1.0, PERT_GRID)
    out = np.empty_like(u)
    for k in range(u.shape[1]):                    # one column per line, never per draw
        density = grid ** (a[k] - 1.0) * (1.0 - grid) ** (b[k] - 1.0)
        cdf = np.concatenate(([0.0], np.cumsum((density[1:] + density[:-1]) / 2.0)))
        out[:, k] = np.interp(u[:, k], cdf / cdf[-1], grid)
    return np.where(width > 0, low + width * out, mode)


@dataclass
class MonteCarloDraws:
    """NPV per draw and option, and the figures the results report from it."""

    npv: np.ndarray                 # [draws, O]
    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray
    mean: np.ndarray
    vs_p10: np.ndarray              # the same for the NPV against the baseline
    vs_p50: np.ndarray
    vs_p90: np.ndarray
    vs_mean: np.ndarray
    p_below_baseline: np.ndarray
    p_highest: np.ndarray
    edges: np.ndarray
    counts: np.ndarray              # [O, bins]


def quantiles(rng: np.random.Generator, n: int, drivers: Drivers, rho: float) -> np.ndarray:
    """Each driver's quantile in each of ``n`` draws: float[n, D] (see the module's rule)."""
    common = drivers.change if rho > 0 else np.zeros(drivers.count, dtype=bool)
    q = np.empty((n, drivers.count))
    alone = np.flatnonzero(~common)
    q[:, alone] = rng.random((n, len(alone)))
    shared = np.flatnonzero(common)
    if len(shared):
        z = rng.standard_normal((n, 1))
        eps = rng.standard_normal((n, len(shared)))
        sign = np.where(drivers.savings[shared], -1.0, 1.0)
        eps *= np.sqrt(1.0 - rho)
        eps += (np.sqrt(rho) * sign) * z
        q[:, shared] = normal_cdf(eps)
    return q


def monte_carlo(table: LineTable, drivers: Drivers, g: np.ndarray, npv: np.ndarray,
                baseline: int, draws: int, seed: int, distribution: str = "triangular",
                correlation: float = 0.0) -> MonteCarloDraws:
    """Draw the drivers ``draws`` times with ``seed``; NPV of every option by matrix product.

    Draws are made in chunks so memory stays bounded; the same seed gives the same numbers.
    """
    idx = np.flatnonzero(drivers.of_line >= 0)
    col = drivers.of_line[idx]
    n_opt = len(npv)
    low, high, base = table.low[idx], table.high[idx], table.q[idx]
    weights = np.zeros((len(idx), n_opt))
    weights[np.arange(len(idx)), table.option[idx]] = g[idx]
    shape = pert if distribution == "pert" else triangular
    rng = np.random.default_rng(seed)
    out = np.empty((draws, n_opt))
    chunk = max(1, CHUNK_ELEMENTS // max(1, len(idx)))
    for start in range(0, draws, chunk):
        n = min(chunk, draws - start)
        q = quantiles(rng, n, drivers, correlation)
        u = q[:, col] if drivers.count != len(idx) or np.any(col != np.arange(len(idx))) else q
        x = shape(u, low, base, high)
        x -= base
        out[start:start + n] = npv + x @ weights
    return summarise(out, baseline)


def summarise(out: np.ndarray, baseline: int) -> MonteCarloDraws:
    """Percentiles, means, P(loss against the baseline), P(highest NPV) and histograms."""
    draws, n_opt = out.shape
    p10, p50, p90 = np.percentile(out, [10, 50, 90], axis=0)
    vs_base = out - out[:, [baseline]]
    v10, v50, v90 = np.percentile(vs_base, [10, 50, 90], axis=0)
    top = out.max(axis=1, keepdims=True)
    first_top = np.argmax(out >= top - 1e-6 * np.maximum(1.0, np.abs(top)), axis=1)
    p_highest = np.bincount(first_top, minlength=n_opt) / draws
    lo, hi = float(out.min()), float(out.max())
    if hi - lo < 1e-6:
        lo, hi = lo - 0.5, hi + 0.5
    edges = np.linspace(lo, hi, HISTOGRAM_BINS + 1)
    counts = np.stack([np.histogram(out[:, o], bins=edges)[0] for o in range(n_opt)])
    below = (vs_base < -1e-6).mean(axis=0)
    below[baseline] = 0.0
    return MonteCarloDraws(out, p10, p50, p90, out.mean(axis=0), v10, v50, v90,
                           vs_base.mean(axis=0), below, p_highest, edges, counts)
