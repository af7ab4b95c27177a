"""The deal terms' parts of a case file (deal-terms.md D1–D5), as pydantic models.

Every field is optional, so a case without them loads and appraises exactly as before. The rules
that join fields together (ids resolve, refs resolve, roles fit) are in :mod:`.checks`.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..limits import LongText, ShortText

LEGAL_FORMS = (
    "registered_society", "charitable_registered_society", "company_limited_by_guarantee",
    "charitable_company", "company_limited_by_shares", "community_interest_company", "cio",
    "scio", "charitable_trust", "unincorporated_association", "royal_charter_body",
    "statutory_body", "other",
)
LegalForm = Literal[
    "registered_society", "charitable_registered_society", "company_limited_by_guarantee",
    "charitable_company", "company_limited_by_shares", "community_interest_company", "cio",
    "scio", "charitable_trust", "unincorporated_association", "royal_charter_body",
    "statutory_body", "other",
]
CharityStatus = Literal["registered", "exempt", "excepted", "none"]
CHARITY_REGISTERS = ("charity_commission", "oscr", "ccni")
HOUSING_REGULATORS = ("rsh", "welsh_government", "shr", "dfc")
CharityRegister = Literal["charity_commission", "oscr", "ccni"]
HousingRegulator = Literal["rsh", "welsh_government", "shr", "dfc"]
Instrument = Literal["bank_loan", "club_or_syndicated_loan", "revolving_credit_facility",
                     "private_placement", "bond_trust_deed", "aggregator_loan",
                     "government_guaranteed", "swap", "other"]

ItemStatus = Literal["agreed", "open", "not_agreed", "not_applicable"]
FindingStatus = Literal["open", "mitigated", "closed"]
ConsentNeeded = Literal["yes", "no", "unknown"]
ConsentStatus = Literal["not_started", "requested", "in_negotiation", "granted",
                        "granted_with_conditions", "refused", "not_required"]
TRIGGERS = ("repricing", "fees", "break_costs", "make_whole", "issuer_substitution",
            "bondholder_resolution", "security_recharging", "asset_cover_retest",
            "covenant_reset", "rating_review", "swap_novation", "guarantee_release",
            "default_if_unconsented")
Trigger = Literal["repricing", "fees", "break_costs", "make_whole", "issuer_substitution",
                  "bondholder_resolution", "security_recharging", "asset_cover_retest",
                  "covenant_reset", "rating_review", "swap_novation", "guarantee_release",
                  "default_if_unconsented"]
ROUTES = ("amalgamation", "transfer_of_engagements", "cio_transfer", "asset_transfer",
          "new_parent", "join_existing_parent", "new_vehicle", "contract_only")
Route = Literal["amalgamation", "transfer_of_engagements", "cio_transfer", "asset_transfer",
                "new_parent", "join_existing_parent", "new_vehicle", "contract_only"]
StepStatus = Literal["not_started", "in_progress", "done", "not_applicable"]
PensionScheme = Annotated[str, Field(strict=True, max_length=200,
                                    pattern=r"^(shps|lgps(:.+)?|other_db|dc_only)$")]
Whole = Annotated[int, Field(strict=True, ge=0, le=10000)]
Id = Annotated[str, Field(strict=True, min_length=1, max_length=200)]


class DealModel(BaseModel):
    model_config = ConfigDict(extra="allow", allow_inf_nan=False, validate_assignment=True)


class GovernanceItem(DealModel):
    item: ShortText
    proposal: LongText = ""
    status: ItemStatus = "open"
    deal_breaker: Annotated[bool, Field(strict=True)] | None = None   # None: D2.2's default
    note: LongText = ""
    owner: ShortText = ""


class Seats(DealModel):
    organisation: Id
    seats: Whole


class Board(DealModel):
    size: Whole | None = None
    independent: Whole = 0
    resident: Whole = 0
    seats: list[Seats] = Field(default_factory=list)
    transition_years: Whole | None = None


class Governance(DealModel):
    items: list[GovernanceItem] = Field(default_factory=list)
    board: Board | None = None


class CostLink(DealModel):
    option: Id
    ref: ShortText


class Finding(DealModel):
    id: Id
    area: ShortText
    organisation: Id | None = None
    option: Id | None = None
    finding: LongText
    severity: Annotated[int, Field(strict=True, ge=1, le=5)]
    status: FindingStatus = "open"
    cost_line: CostLink | None = None
    risk: Id | None = None
    source: ShortText = ""
    owner: ShortText = ""


class LenderConsent(DealModel):
    loan: Id
    consent_needed: ConsentNeeded = "unknown"
    triggers: list[Trigger] = Field(default_factory=list)
    status: ConsentStatus = "not_started"
    note: LongText = ""
    cost_line: ShortText | None = None


class RouteProgress(DealModel):
    option: Id
    step: ShortText
    organisation: Id | None = None
    status: StepStatus = "not_started"
    due: Annotated[str, Field(strict=True, pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None
    note: LongText = ""
