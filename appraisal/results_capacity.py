"""Results of the financial capacity test: each covenant or golden rule, year by year (V10).

Part of :class:`appraisal.results.Results`, which re-exports :class:`CapacityResult`. Its
figures are declared once, in :class:`appraisal.finance.capacity.Measured`, which the engine
fills; a result adds what the test is and whose it is.
"""
from __future__ import annotations

from dataclasses import dataclass

from .finance.capacity import Measured


@dataclass
class CapacityResult(Measured):
    """One covenant or golden rule tested year by year on an option (model-v2.md V10): its
    figures (:class:`~appraisal.finance.capacity.Measured`: values, headroom and money headroom
    by year, the tightest year and the first breach, as planned and pessimistic), what it tests
    and whose it is."""

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
