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

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .drivers import Drivers
from .finance.lines import LineTable

# Draws × lines per chunk: 2M float64 = 16 MB arrays, under glibc's 32 MB ceiling for reusing
# heap memory, so each chunk's arrays do not cost fresh page faults (1 s of the worst case).
CHUNK_ELEMENTS = 2_000_000
# Rows of a chunk (drivers, then lines) worked on at a time: 8 rows of a chunk's draws (300 kB)
# stay in the processor's cache through the dozen passes each takes, where the whole chunk would
# stream from memory for every pass. Each value gets the same operations either way, and the
# normals are drawn in the same order, so the figures do not depend on it.
BLOCK_ROWS = 8
HISTOGRAM_BINS = 40
PERT_GRID = 1025


class Cancelled(Exception):
    """The simulation was stopped between chunks of draws because its caller no longer wants it."""


def _normal_table() -> tuple[float, float, np.ndarray, np.ndarray]:
    """Φ on a grid of step 1/1024 over −9..9 (from math.erfc), and each step's rise."""
    step = 1.0 / 1024
    grid = -9.0 + step * np.arange(int(18 / step) + 2)
    values = np.array([0.5 * math.erfc(-x / math.sqrt(2.0)) for x in grid])
    rise = np.append(np.diff(values), 0.0)
    return -9.0, 1.0 / step, values, rise


PHI_FROM, PHI_SCALE, PHI_VALUES, PHI_RISE = _normal_table()


def normal_cdf(z: np.ndarray, *, scaled: bool = False) -> np.ndarray:
    """Φ(z), read from a table of math.erfc with linear interpolation (error under 1e-8).

    ``scaled=True`` takes ``(z + 9) × 1024`` instead of z (the draws fold that into their own
    arithmetic) and overwrites it. Beyond ±9, Φ is 0 or 1 to double precision.

    >>> [round(float(x), 6) for x in normal_cdf(np.array([-1.959964, 0.0, 1.0]))]
    [0.025, 0.5, 0.841345]
    """
    p = z if scaled else (np.asarray(z, dtype=float) - PHI_FROM) * PHI_SCALE
    np.clip(p, 0.0, len(PHI_VALUES) - 1.0, out=p)
    i = p.astype(np.intp)
    p -= i
    p *= PHI_RISE[i]
    p += PHI_VALUES[i]
    return p


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


def triangular_deviation(u: np.ndarray, low: np.ndarray, mode: np.ndarray,
                         high: np.ndarray) -> np.ndarray:
    """``triangular(u, ...) − mode``, overwriting ``u``: the move of each line from its base.

    Below the mode ``low − mode + √(w (mode − low)) × √u``, above it
    ``high − mode − √(w (high − mode)) × √(1 − u)``; both are computed whole and one chosen,
    which is faster than working on the two parts apart.

    On 0..2 with the mode at 1, the quantiles 1/8, 0, 1/2 and 1 lie at 0.5, 0, 1 and 2:

    >>> u = np.array([[0.125, 0.0, 0.5, 1.0]])
    >>> x = triangular_deviation(u, np.zeros((1, 1)), np.ones((1, 1)), np.full((1, 1), 2.0))
    >>> [round(float(v), 12) + 0.0 for v in x[0]]
    [-0.5, -1.0, 0.0, 1.0]
    """
    width = high - low
    f = np.divide(mode - low, width, out=np.zeros_like(width), where=width > 0)
    right = u >= f
    below = np.sqrt(u)
    below *= np.sqrt(width * (mode - low))
    below += low - mode
    np.subtract(1.0, u, out=u)
    np.sqrt(u, out=u)
    u *= -np.sqrt(width * (high - mode))
    u += high - mode
    return np.where(right, u, below)


def pert(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    """PERT moves from the base, lines in rows: ``low + (high − low) × B⁻¹(u) − mode`` with
    Beta(1 + 4(mode − low)/w, 1 + 4(high − mode)/w), the Beta's inverse read from its tabulated
    distribution function."""
    width = high - low
    safe = np.where(width > 0, width, 1.0)
    a = 1.0 + 4.0 * (mode - low) / safe
    b = 1.0 + 4.0 * (high - mode) / safe
    grid = np.linspace(0.0, 1.0, PERT_GRID)
    out = np.empty_like(u)
    for k in range(u.shape[0]):                    # one row per line, never per draw
        density = grid ** (a[k, 0] - 1.0) * (1.0 - grid) ** (b[k, 0] - 1.0)
        cdf = np.concatenate(([0.0], np.cumsum((density[1:] + density[:-1]) / 2.0)))
        out[k] = np.interp(u[k], cdf / cdf[-1], grid)
    return np.where(width > 0, low + width * out, mode) - mode


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
    """Each driver's quantile in each of ``n`` draws: float[D, n] (see the module's rule)."""
    plan = _Plan.of(drivers, rho)
    out = np.empty((drivers.count, n))
    plan.fill(rng, out)
    return out[np.argsort(plan.order)]


@dataclass
class _Plan:
    """The drivers in drawing order: those drawn alone (uniform), then the change drivers of the
    costs family, then those of the savings family (each Φ of its share of the delivery)."""

    order: np.ndarray       # drivers in drawing order
    alone: int              # how many are drawn alone
    costs: int              # how many change drivers of the costs family follow
    rho: float

    @classmethod
    def of(cls, drivers: Drivers, rho: float) -> _Plan:
        common = drivers.change if rho > 0 else np.zeros(drivers.count, dtype=bool)
        alone = np.flatnonzero(~common)
        costs = np.flatnonzero(common & ~drivers.savings)
        savings = np.flatnonzero(common & drivers.savings)
        return cls(np.concatenate([alone, costs, savings]), len(alone), len(costs), rho)

    def fill(self, rng: np.random.Generator, out: np.ndarray) -> None:
        """Quantiles into ``out`` [D, n], rows in drawing order."""
        n = out.shape[1]
        rng.random(out=out[:self.alone])
        if self.alone == len(out):
            return
        z = rng.standard_normal(n)
        # (√ρ·(±Z) + √(1−ρ)·ε + 9) × 1024, the table's own index, in place, a block of rows at
        # a time (each block's normals follow the previous block's in the generator's stream)
        scale = math.sqrt(1.0 - self.rho) * PHI_SCALE
        lift = (math.sqrt(self.rho) * PHI_SCALE) * z
        costs_up = lift - PHI_FROM * PHI_SCALE
        savings_up = -PHI_FROM * PHI_SCALE - lift
        split = self.alone + self.costs
        for top in range(self.alone, len(out), BLOCK_ROWS):
            rows = out[top:top + BLOCK_ROWS]
            rng.standard_normal(out=rows)
            rows *= scale
            k = min(len(rows), max(0, split - top))
            rows[:k] += costs_up
            rows[k:] += savings_up
            normal_cdf(rows, scaled=True)


def monte_carlo(table: LineTable, drivers: Drivers, g: np.ndarray, npv: np.ndarray,
                baseline: int, draws: int, seed: int, distribution: str = "triangular",
                correlation: float = 0.0,
                cancelled: Callable[[], bool] | None = None) -> MonteCarloDraws:
    """Draw the drivers ``draws`` times with ``seed``; NPV of every option by matrix product.

    Draws are made in chunks so memory stays bounded; the same seed gives the same numbers.
    ``cancelled`` (no arguments, true to stop) is asked before each chunk; if it says so the run
    stops with :class:`Cancelled` (a newer edit has made the draws pointless).
    Each driver's first line reads its quantile where it is drawn; a driver's further lines
    copy it.
    """
    plan = _Plan.of(drivers, correlation)
    first = np.array([drivers.lines[d][0] for d in plan.order], dtype=int)
    more = [(k, int(l)) for k, d in enumerate(plan.order) for l in drivers.lines[d][1:]]
    rows = np.concatenate([first, np.array([l for _, l in more], dtype=int)])
    copies = np.array([k for k, _ in more], dtype=int)
    n_opt, n_lines = len(npv), len(rows)
    low, high, base = (a[rows][:, None] for a in (table.low, table.high, table.q))
    weights = np.zeros((n_opt, n_lines))
    weights[table.option[rows], np.arange(n_lines)] = g[rows]
    shape = pert if distribution == "pert" else triangular_deviation
    rng = np.random.default_rng(seed)
    out = np.empty((draws, n_opt))
    chunk = max(1, CHUNK_ELEMENTS // max(1, n_lines))
    u = np.empty((n_lines, min(chunk, draws)))
    for start in range(0, draws, chunk):
        if cancelled is not None and cancelled():
            raise Cancelled
        n = min(chunk, draws - start)
        q = u if n == u.shape[1] else np.empty((n_lines, n))     # a shorter last chunk
        plan.fill(rng, q[:drivers.count])
        q[drivers.count:] = q[copies]
        for top in range(0, n_lines, BLOCK_ROWS):       # each line's move, in place
            end = top + BLOCK_ROWS
            q[top:end] = shape(q[top:end], low[top:end], base[top:end], high[top:end])
        out[start:start + n] = (weights @ q).T
    out += npv
    return summarise(out, baseline)


def summarise(out: np.ndarray, baseline: int) -> MonteCarloDraws:
    """Percentiles, means, P(loss against the baseline), P(highest NPV) and histograms.

    Order statistics and histograms read each option's draws laid side by side (the same values,
    found faster); the means keep the draws' own order of summation."""
    draws, n_opt = out.shape
    vs_base = out - out[:, [baseline]]
    by_option = np.ascontiguousarray(out.T)
    p10, p50, p90 = np.percentile(by_option, [10, 50, 90], axis=1)
    v10, v50, v90 = np.percentile(np.ascontiguousarray(vs_base.T), [10, 50, 90], axis=1)
    top = out.max(axis=1, keepdims=True)
    first_top = np.argmax(out >= top - 1e-6 * np.maximum(1.0, np.abs(top)), axis=1)
    p_highest = np.bincount(first_top, minlength=n_opt) / draws
    lo, hi = float(out.min()), float(out.max())
    if hi - lo < 1e-6:
        lo, hi = lo - 0.5, hi + 0.5
    edges = np.linspace(lo, hi, HISTOGRAM_BINS + 1)
    counts = np.stack([np.histogram(row, bins=edges)[0] for row in by_option])
    below = (vs_base < -1e-6).mean(axis=0)
    below[baseline] = 0.0
    return MonteCarloDraws(out, p10, p50, p90, out.mean(axis=0), v10, v50, v90,
                           vs_base.mean(axis=0), below, p_highest, edges, counts)
