"""Results of the financial capacity test: each covenant or golden rule, year by year (V10).

Part of :class:`appraisal.results.Results`, which re-exports :class:`CapacityResult`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CapacityResult:
    """One covenant or golden rule tested year by year on an option (model-v2.md V10).

    Per-year lists run over years 1..H, None where the year is not tested (a loan repaid) or the
    metric is undefined (no interest payable, no assets). ``stressed_*`` are the same with the
    option's ranged lines at their worse ends (the pessimistic case).
    """

    organisation: str | None            # None: a merged body's rule
    loan: str | None                    # None: a golden rule
    lender: str | None
    metric: str                         # interest_cover | gearing
    limit: float
    bound: str                          # min | max
    basis: str                          # underlying | all
    definition: str | None              # interest cover: ebitda_mri | ebitda
    derived: bool                       # a merged rule taken from the partners' strictest
    entity: list[str]
    values: list[float | None]
    headroom: list[float | None]
    headroom_money: list[float | None]
    min_headroom: dict
    first_breach_year: int | None
    stressed_values: list[float | None]
    stressed_headroom_money: list[float | None]
    stressed_min_headroom: dict
    stressed_first_breach_year: int | None

    @property
    def breached(self) -> bool:
        """Broken in the base case or in the pessimistic one."""
        return self.first_breach_year is not None or self.stressed_first_breach_year is not None

    def to_json(self) -> dict:
        return {
            "organisation": self.organisation, "loan": self.loan, "metric": self.metric,
            "limit": self.limit, "bound": self.bound, "basis": self.basis,
            "definition": self.definition, "entity": self.entity, "values": self.values,
            "headroom": self.headroom, "headroom_money": self.headroom_money,
            "min_headroom": self.min_headroom, "first_breach_year": self.first_breach_year,
            "stressed": {"min_headroom": self.stressed_min_headroom,
                         "first_breach_year": self.stressed_first_breach_year},
        }
