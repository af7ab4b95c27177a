"""Results: the one object every output reads (architecture.md, layer 2), and results JSON v2.

Built only by :func:`appraisal.engine.appraise`. The app, the PDF, the workbook and the JSON all
read these figures; none computes one of its own. Money is float64 pounds at full precision.

An option's money (cash flows, lines, redundancies) is here; the sensitivity analysis's results
are in :mod:`appraisal.results_sensitivity` and the capacity test's in
:mod:`appraisal.results_capacity`, all importable from this module.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from .case import Case
from .kinds import COLUMN_IDS as COLUMNS
from .results_capacity import CapacityResult
from .results_sensitivity import (
    HorizonEntry,
    MonteCarloResult,
    PastHorizon,
    Scenario,
    SwitchingValue,
    TornadoRow,
)
from .wording import AppraisalWarning as AppraisalWarning   # defined with its words

__all__ = ["RESULTS_FORMAT", "RESULTS_VERSION", "AppraisalWarning", "CapacityResult", "CashFlow",
           "HorizonEntry", "LineResult", "MonteCarloResult", "OptionResult", "PastHorizon",
           "RedundancyResult", "Results", "Scenario", "SwitchingValue", "TornadoRow"]

RESULTS_FORMAT = "options-appraisal-results"
RESULTS_VERSION = 2


@dataclass
class CashFlow:
    """One year of an option: positive amounts per column, the net and its discounted value."""

    year: int
    calendar_year: int
    savings: float
    recurring_costs: float
    irrecoverable_vat: float
    loan_repricing: float
    redundancy: float
    pension_cessation: float
    one_off_costs: float
    net: float
    discount_factor: float
    discounted: float

    def to_json(self) -> dict:
        out: dict[str, float] = {"year": self.year}
        out.update({c: getattr(self, c) for c in COLUMNS})
        out.update(net=self.net, discount_factor=self.discount_factor, discounted=self.discounted)
        return out


@dataclass
class LineResult:
    """A money line of an option with its yearly amounts (positive) and signed present value."""

    ref: str                    # e.g. "savings[0]"
    kind: str                   # the option's list: savings, recurring_costs, ...
    column: str                 # the results column it feeds
    label: str
    organisation: str | None    # None: joint
    base: float | None          # main quantity (None for redundancy and pension lines)
    low: float | None
    high: float | None
    amounts: list[float]        # per year, positive
    pv: float                   # signed: + for savings, − for costs

    @property
    def total(self) -> float:
        """Undiscounted total of the line's yearly amounts over the horizon (positive)."""
        return float(sum(self.amounts))


@dataclass
class RedundancyResult:
    """A redundancy line worked through, for the board paper and the app."""

    ref: str
    label: str
    organisation: str | None
    count: int
    age: int
    years_service: int
    weekly_pay: float
    weeks: float
    pay_for_weeks: float
    redundancy_pay: float
    notice_pay: float
    employer_nic: float
    pension_strain: float
    per_person: float
    total: float
    year: int


@dataclass
class OptionResult:
    id: str
    name: str
    form: str
    baseline: bool
    npv: float
    npv_vs_baseline: float
    payback_year: int | None
    bcr: float | None
    pv_savings: float
    pv_costs: float
    weighted_score: float | None        # None: a score on a weighted criterion is missing
    rank: int | None                    # by weighted score; None until every option is scored
    npv_rank: int                       # by NPV
    scores: dict[str, float]            # every criterion, derived ones filled in
    by_organisation: dict[str, float]   # NPV per organisation id, then "joint"
    cash_flows: list[CashFlow]
    lines: list[LineResult]
    redundancies: list[RedundancyResult]
    tornado: list[TornadoRow] = field(default_factory=list)
    switching_values: list[SwitchingValue] = field(default_factory=list)
    # NPV against the baseline: pessimistic/base/optimistic, every driver at this option's worse
    # or better end (model-v2.md V4)
    scenarios: dict[str, float] = field(default_factory=dict)
    monte_carlo: MonteCarloResult | None = None
    expected_npv_vs_baseline: float = 0.0   # every ranged line at its triangular mean
    # Against the baseline (model-v2.md V1); payback_year and bcr above are too.
    bcr_basis: str | None = None        # "costs_no_higher_than_baseline" where bcr is None
    one_off_total: float = 0.0          # undiscounted non-recurring items over years 1..H
    funding_low_point: dict = field(default_factory=lambda: {"amount": 0.0, "year": None})
    # The yearly saving at full run rate: the recurring net flow against the baseline's in the
    # first year every ramp of both is complete (finance.baseline.run_rate)
    run_rate: dict = field(default_factory=lambda: {"saving": 0.0, "year": 1})
    by_organisation_vs_baseline: dict[str, float] = field(default_factory=dict)
    past_horizon: PastHorizon | None = None   # None: no flow after H, or no longer horizon
    cumulative_vs_baseline: list[float] = field(default_factory=list)   # C_t, read by payback
    capacity: list[CapacityResult] = field(default_factory=list)
    capacity_shares: list[dict] = field(default_factory=list)   # [{"ref", "shares": {id: f}}]
    deal: Any = None                    # appraisal.deal.gate.Deal (deal-terms.md D5.5)

    @property
    def capacity_breached(self) -> bool:
        """Any covenant or golden rule broken, in the base case or the pessimistic one."""
        return any(test.breached for test in self.capacity)

    def column_total(self, column: str) -> float:
        """Undiscounted total of one column (or of ``net``) over the horizon."""
        return sum(getattr(cf, column) for cf in self.cash_flows)

    @property
    def cumulative_net(self) -> list[float]:
        """Undiscounted net accumulated year by year: the series payback reads (model.md §2)."""
        return list(accumulate(cf.net for cf in self.cash_flows))

    def to_json(self) -> dict:
        out = {
            "id": self.id, "name": self.name, "form": self.form,
            "npv": self.npv, "npv_vs_baseline": self.npv_vs_baseline,
            "expected_npv_vs_baseline": self.expected_npv_vs_baseline,
            "payback_year": self.payback_year, "bcr": self.bcr, "bcr_basis": self.bcr_basis,
            "one_off_total": self.one_off_total, "funding_low_point": self.funding_low_point,
            "run_rate": self.run_rate,
            "weighted_score": self.weighted_score, "rank": self.rank, "npv_rank": self.npv_rank,
            "scores": self.scores,
            "by_organisation": {k: {"npv": v,
                                    "npv_vs_baseline": self.by_organisation_vs_baseline.get(k)}
                                for k, v in self.by_organisation.items()},
            "cash_flows": [cf.to_json() for cf in self.cash_flows],
            "tornado": [t.to_json() for t in self.tornado],
            "switching_values": [s.to_json() for s in self.switching_values],
            "scenarios": self.scenarios,
            "capacity": [t.to_json() for t in self.capacity],
            "capacity_shares": self.capacity_shares,
        }
        if self.deal is not None:
            out["deal"] = self.deal.to_json()
        if self.monte_carlo is not None:
            out["monte_carlo"] = self.monte_carlo.to_json()
        return out


@dataclass
class Results:
    case: Case
    first_year: int
    horizon: int
    discount_rate: float
    weekly_pay_cap: float
    weights: dict[str, float]
    options: list[OptionResult]
    # The top weighted score (first in file order if tied); "" while an option has no weighted
    # score (a score missing, or no weight): see ``scored``, and ``null`` in the results JSON.
    leader: str
    runner_up: str | None
    npv_leader: str                              # highest NPV (first in file order if tied)
    why_leader: dict[str, float]                 # criterion → points of the gap to the runner-up
    leader_gap: float | None                     # leader's weighted score less the runner-up's
    non_dominated: list[str]                     # options no other beats on NPV and score both
    risk_ratings: list[int]                      # likelihood × impact, one per case.risks entry
    switching_weights: dict[str, float | None]
    weight_grid: list[float]                     # 0..1, for weight_curves
    weight_curves: dict[str, list[list[float]]]  # criterion → [grid point][option] score
    scenarios: dict[str, Scenario]
    histogram_edges: list[float]
    ahp_consistency: dict[str, float] | None     # {"ci": .., "cr": ..} when weighted by AHP
    warnings: list[AppraisalWarning]
    driver_count: int = 0                        # independent uncertain quantities (V4)
    correlation: float = 0.0                     # the delivery factor's ρ (V4)
    horizon_sensitivity: list[HorizonEntry] = field(default_factory=list)   # H first
    members: list = field(default_factory=list)          # members.MemberView, file order (V9)
    leader_holds: dict[str, int] | None = None           # {"members": k, "of": n} (V9)
    member_spread: dict | None = None                    # V9; None when the case has no members
    unscored: dict[str, list[str]] = field(default_factory=dict)   # option → criteria not scored

    @property
    def scored(self) -> bool:
        """Has every option a weighted score, so that there are ranks and a leader?"""
        return bool(self.leader)

    @property
    def discount_schedule(self) -> str:
        return self.case.settings.discount_schedule

    @property
    def inflation_rate(self) -> float:
        return self.case.settings.inflation_rate

    def option(self, option_id: str) -> OptionResult:
        return next(o for o in self.options if o.id == option_id)

    @property
    def baseline(self) -> OptionResult:
        return next(o for o in self.options if o.baseline)

    @property
    def criteria_nearest_switching(self) -> list[str]:
        """Criteria with a switching weight, the one nearest its current weight first.

        The distance is |switching weight − normalised weight|; equal distances keep the case's
        order. The criteria whose weight could most easily change the leader come first.
        """
        found = [(abs(sw - self.weights[cid]), k, cid)
                 for k, (cid, sw) in enumerate(self.switching_weights.items()) if sw is not None]
        return [cid for _, _, cid in sorted(found)]

    @property
    def recommended(self) -> str:
        """The case's recommendation if the authors gave one, else the top weighted score.

        "" while the case is not scored (:attr:`scored`): nothing is recommended then, not even
        an option the authors named (the paper says which scores it waits for instead)."""
        if not self.leader:
            return ""
        rec = self.case.recommendation
        return rec.option if rec is not None and rec.option is not None else self.leader

    def to_json(self) -> dict:
        """Results JSON v2 (model.md §3, model-v2.md), with the extra fields this project adds."""
        out = {
            "format": RESULTS_FORMAT, "version": RESULTS_VERSION,
            "case_title": self.case.title,
            "first_year": self.first_year, "horizon_years": self.horizon,
            "discount_rate": self.discount_rate, "discount_schedule": self.discount_schedule,
            "inflation_rate": self.inflation_rate, "weekly_pay_cap": self.weekly_pay_cap,
            "weights": self.weights,
            "leader": self.leader or None, "npv_leader": self.npv_leader,
            "options": [o.to_json() for o in self.options],
            "switching_weights": self.switching_weights,
            "why_leader": {"leader": self.leader or None, "runner_up": self.runner_up,
                           "gap": self.leader_gap, "contributions": self.why_leader},
            "non_dominated": self.non_dominated,
            "risk_ratings": self.risk_ratings,
            "scenarios": {k: s.npv_vs_baseline for k, s in self.scenarios.items()},
            "scenario_details": {k: s.to_json() for k, s in self.scenarios.items()},
            "drivers": self.driver_count,
            "horizon_sensitivity": [h.to_json() for h in self.horizon_sensitivity],
            "warnings": [str(w) for w in self.warnings],
        }
        if self.unscored:
            out["unscored"] = self.unscored
        if self.histogram_edges:
            out["monte_carlo_histogram_edges"] = self.histogram_edges
        if self.ahp_consistency is not None:
            out["ahp_consistency"] = self.ahp_consistency
        if self.members:
            out["members"] = [m.to_json() for m in self.members]
            out["leader_holds"] = self.leader_holds
            out["member_spread"] = self.member_spread
        return out
