"""The parts of a case that V10's capacity test reads (model-v2.md V10), as pydantic models.

A partner's business plan in outline (``finances``, with year-by-year ``plan`` overrides), the
rules tested on it (a loan's ``covenants``, a partner's ``golden_rules``, the case's
``merged_golden_rules``) and the per-year figures a plan entry may change. Each field is checked
on its own here; the rules that join fields (a covenant needs its partner's finances, a plan year
inside the horizon, ``interest_cover`` with ``min``) are in :mod:`appraisal.capacity_rules`, so
that each refusal names its field with a message a person can act on.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from .limits import ShortText

LIMIT = 1e12
Signed = Annotated[float, Field(strict=True, ge=-LIMIT, le=LIMIT)]
Money = Annotated[float, Field(strict=True, ge=0, le=LIMIT)]

# The six figures of an outline plan, in the order they are entered and shown.
PLAN_FIGURES = ("operating_surplus", "depreciation", "capitalised_major_repairs",
                "interest_payable", "net_debt", "housing_assets_at_cost")
SIGNED_FIGURES = ("operating_surplus", "net_debt")      # may be negative; the rest >= 0

METRICS = ("interest_cover", "gearing")
BOUND_OF_METRIC = {"interest_cover": "min", "gearing": "max"}
BASES = ("underlying", "all")
DEFINITIONS = ("ebitda_mri", "ebitda")
SCOPES = ("borrower", "group")


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", allow_inf_nan=False, validate_assignment=True)


class PlanYear(BaseModel):
    """An override of some of the six figures from model year ``year`` on (it carries forward)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True)

    year: Annotated[int, Field(strict=True, ge=1)]
    operating_surplus: Signed | None = None
    depreciation: Money | None = None
    capitalised_major_repairs: Money | None = None
    interest_payable: Money | None = None
    net_debt: Signed | None = None
    housing_assets_at_cost: Money | None = None


class Finances(BaseModel):
    """A partner's plan in today's prices, without any of the case's own lines (V10)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True)

    operating_surplus: Signed
    depreciation: Money
    capitalised_major_repairs: Money
    interest_payable: Money
    net_debt: Signed
    housing_assets_at_cost: Money
    plan: list[PlanYear] = Field(default_factory=list)


class CapacityRule(_Model):
    """A covenant or a golden rule: ``interest_cover`` with ``min`` or ``gearing`` with ``max``.

    Kept loose here (any text, either bound) so that :mod:`appraisal.capacity_rules` can say
    exactly what is wrong with a rule rather than a schema's generic complaint.
    """

    metric: ShortText
    min: Signed | None = None
    max: Signed | None = None
    basis: ShortText | None = None
    definition: ShortText | None = None
    scope: ShortText | None = None

    @property
    def limit(self) -> float:
        value = self.min if self.metric == "interest_cover" else self.max
        if value is None:       # refused on reading the case (appraisal.capacity_rules)
            raise ValueError(f"a {self.metric} rule with no limit")
        return float(value)

    @property
    def bound(self) -> str:
        return BOUND_OF_METRIC[self.metric]

    @property
    def basis_or_default(self) -> str:
        return self.basis or "underlying"

    @property
    def definition_or_default(self) -> str | None:
        if self.metric != "interest_cover":
            return None
        return self.definition or "ebitda_mri"
