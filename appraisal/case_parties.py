"""The organisations of a case and their loans (model.md §1), with what version 2 adds to them:
an outline business plan and the rules tested on it (model-v2.md V10), and the legal and
regulatory facts the deal terms read (deal-terms.md D1, D4.1).

Re-exported by :mod:`appraisal.case`, which the rest of the project imports them from.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .case_base import Id, Model, Money, Rate, Text
from .case_capacity import CapacityRule, Finances
from .deal.models import (CharityRegister, CharityStatus, HousingRegulator, Instrument,
                          LegalForm, PensionScheme)
from .limits import ShortText

Jurisdiction = Literal["england", "wales", "scotland", "northern_ireland"]
COST_SHARING_GROUP = "cost_sharing_group"   # an organisation kind: not a partner (V6)


class Loan(Model):
    id: Id
    lender: Text = ""
    balance: Money
    margin_bps: Annotated[float, Field(strict=True, ge=-10000, le=10000)] = 0.0
    remaining_years: Annotated[int, Field(strict=True, ge=0, le=200)]
    covenants: list[CapacityRule] = Field(default_factory=list)
    instrument: Instrument | None = None                 # deal-terms.md D4.1


class Organisation(Model):
    id: Id
    name: Text
    kind: Text = ""
    annual_turnover: Money | None = None
    staff: Annotated[int, Field(strict=True, ge=0)] | None = None
    homes: Annotated[int, Field(strict=True, ge=0)] | None = None
    vat_recovery_rate: Rate = 0.0
    jurisdiction: Jurisdiction | None = None
    loans: list[Loan] = Field(default_factory=list)
    members: list[Id] | None = None     # a cost sharing group's member organisations (V6)
    finances: Finances | None = None
    golden_rules: list[CapacityRule] = Field(default_factory=list)
    # deal-terms.md D1.1: absent legal form → every legal-form rule of the route is "not known"
    legal_form: LegalForm | None = None
    charity_status: CharityStatus | None = None
    charity_registers: list[CharityRegister] = Field(default_factory=list)
    housing_regulators: list[HousingRegulator] = Field(default_factory=list)
    registration_numbers: dict[Id, ShortText] = Field(default_factory=dict)
    pension_schemes: list[PensionScheme] = Field(default_factory=list)

    @property
    def is_cost_sharing_group(self) -> bool:
        return self.kind == COST_SHARING_GROUP
