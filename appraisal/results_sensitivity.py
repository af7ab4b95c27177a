"""Results of the sensitivity analysis: tornado rows, switching values, Monte Carlo, scenarios
and the horizon sensitivity (model.md §2, model-v2.md V2 and V4).

Part of :class:`appraisal.results.Results`, which re-exports every class here; built only by
:func:`appraisal.engine.appraise` from :mod:`appraisal.sensitivity`, :mod:`appraisal.montecarlo`
and :mod:`appraisal.horizon`.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TornadoRow:
    """A driver of the option's NPV against the baseline, all its lines at low and at high.

    ``ref`` is the line's ``LIST[index]`` for a driver of one line (``baseline:LIST[index]``
    for one of the baseline's), ``driver:NAME`` for a driver of several (model-v2.md V4);
    ``label``, ``low`` and ``high`` are its first line's. ``npv_at_low``/``npv_at_high`` are the
    option's own NPV at the ends (its own lines moved), ``lines`` every line the driver moves as
    ``option id:LIST[index]``.
    """

    ref: str
    label: str
    low: float
    high: float
    npv_vs_baseline_at_low: float
    npv_vs_baseline_at_high: float
    npv_at_low: float
    npv_at_high: float
    driver: str | None = None
    lines: list[str] = field(default_factory=list)

    @property
    def swing(self) -> float:
        return abs(self.npv_vs_baseline_at_high - self.npv_vs_baseline_at_low)

    def to_json(self) -> dict:
        return {"ref": self.ref, "label": self.label, "driver": self.driver,
                "low": self.low, "high": self.high,
                "npv_vs_baseline_at_low": self.npv_vs_baseline_at_low,
                "npv_vs_baseline_at_high": self.npv_vs_baseline_at_high,
                "npv_at_low": self.npv_at_low, "npv_at_high": self.npv_at_high,
                "lines": self.lines}


@dataclass
class SwitchingValue:
    ref: str
    label: str
    base: float
    value: float | None
    change_pct: float | None

    def to_json(self) -> dict:
        return {"ref": self.ref, "label": self.label, "base": self.base, "value": self.value,
                "change_pct": self.change_pct}


@dataclass
class MonteCarloResult:
    draws: int
    seed: int
    distribution: str
    p10: float
    p50: float
    p90: float
    mean: float
    p_npv_vs_baseline_below_zero: float
    p_highest_npv: float
    histogram_counts: list[int]         # over Results.histogram_edges, shared by all options
    correlation: float = 0.0            # ρ of the delivery factor (model-v2.md V4)
    vs_baseline: dict[str, float] = field(default_factory=dict)   # p10, p50, p90, mean

    def to_json(self) -> dict:
        return {"draws": self.draws, "seed": self.seed, "correlation": self.correlation,
                "distribution": self.distribution,
                "p10": self.p10, "p50": self.p50, "p90": self.p90, "mean": self.mean,
                "vs_baseline": self.vs_baseline,
                "p_npv_vs_baseline_below_zero": self.p_npv_vs_baseline_below_zero,
                "p_highest_npv": self.p_highest_npv, "histogram_counts": self.histogram_counts}


@dataclass
class Scenario:
    """Every driver at each option's worse (pessimistic) or better (optimistic) end, or at base.

    ``npv_vs_baseline`` is each option's own scenario figure (model-v2.md V4); ``npv`` adds the
    baseline's base NPV to it, and the scores and ranks follow from those figures.
    """

    name: str
    npv: dict[str, float]
    npv_vs_baseline: dict[str, float]
    npv_rank: dict[str, int]
    weighted_score: dict[str, float | None]      # None: a score missing (docs/calculations.md)
    rank: dict[str, int | None]                  # None until every option is scored

    def to_json(self) -> dict:
        return {"npv": self.npv, "npv_vs_baseline": self.npv_vs_baseline,
                "npv_rank": self.npv_rank, "weighted_score": self.weighted_score, "rank": self.rank}


@dataclass
class PastHorizon:
    """What an option gains and pays after year H up to the longest horizon computed (present
    values, positive), and its NPV against the baseline there (model-v2.md V2)."""

    from_year: int                     # H + 1
    to_year: int                       # the longest horizon of horizon_sensitivity
    gains: float
    pays: float
    npv_vs_baseline: float             # over to_year years


@dataclass
class HorizonEntry:
    """The appraisal at one horizon of ``horizon_sensitivity`` (model-v2.md V2)."""

    years: int
    npv_vs_baseline: dict[str, float]
    highest_npv: str                   # highest NPV at this horizon (first in file order if tied)
    leader: str | None                 # top weighted score at this horizon; None until scored

    def to_json(self) -> dict:
        return {"years": self.years, "npv_vs_baseline": self.npv_vs_baseline,
                "highest_npv": self.highest_npv, "leader": self.leader}
