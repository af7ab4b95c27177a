"""The case file (version 2) as pydantic models (model.md §1, model-v2.md).

The models check each field on its own (types, ranges, enums, finite numbers). The rules that
join fields together (ids unique, references resolve, one baseline, scores only for typed
criteria, years inside the horizon, low <= base <= high) live in :mod:`appraisal.rules`, which reports each broken
rule with the path of the field, e.g. ``options[2].scores.brand: unknown criterion 'brand'``.

Unknown fields are kept (``extra="allow"``) so that a file written by a later version of the
project survives a load and save here.
"""
from __future__ import annotations

from typing import Annotated, ClassVar, Final, Literal, get_args

from pydantic import Field, field_validator

# The building blocks, the parties (V10, D1) and the members (V9) live in their own modules and
# are re-exported here, so that every other module imports the case's parts from this one.
from .case_base import LIMIT, Id, Model, Money, Number, Rate, Score, Text, Year  # noqa: F401
from .case_capacity import CapacityRule
from .case_members import Member
from .case_parties import COST_SHARING_GROUP, Jurisdiction, Loan, Organisation  # noqa: F401
from .deal.models import Finding, Governance, LenderConsent, Route, RouteProgress
from .limits import LongText, ShortText
from .paths import FIELD_WORDS

from .kinds import KIND, KIND_IDS, RANGED_KINDS  # noqa: F401  (RANGED_KINDS: re-exported)

FORMAT: Final = "options-appraisal-case"
VERSION: Final = 2

Form = Literal[
    "standalone",
    "informal_collaboration",
    "procurement_consortium",
    "shared_services",
    "joint_venture",
    "group_structure",
    "merger",
    "transfer_of_engagements",
]
FORMS: tuple[str, ...] = get_args(Form)
Subtype = Literal["federal", "parent_subsidiary", "partial_integration"]
VatTreatment = Literal["standard_rated", "cost_sharing_exemption", "vat_group", "outside_scope"]
ReadinessStatus = Literal["done", "in_progress", "not_started", "not_applicable"]


class OptimismBias(Model):
    costs: Annotated[float, Field(strict=True, ge=0, le=5)] = 0.0
    savings: Rate = 0.0


class MonteCarloSettings(Model):
    draws: Annotated[int, Field(strict=True, ge=1, le=1_000_000)] = 10000
    seed: Annotated[int, Field(strict=True, ge=0, le=2**63 - 1)] = 1
    distribution: Literal["triangular", "pert"] = "triangular"
    # How far the delivery of the change goes well or badly as a whole (model-v2.md V4).
    correlation: Annotated[float, Field(strict=True, ge=0, le=0.99)] = 0.0


Basis = Literal["real", "nominal"]
DEFAULT_INFLATION = 0.02


class Settings(Model):
    first_year: Annotated[int, Field(strict=True, ge=1900, le=2300)] | None = None
    horizon_years: Annotated[int, Field(strict=True, ge=1, le=100)]
    discount_rate: Annotated[float, Field(strict=True, ge=0, le=1)]   # real (model-v2.md V2)
    discount_schedule: Literal["flat", "declining"] = "flat"
    inflation_rate: Annotated[float, Field(strict=True, ge=-0.5, le=1)] = DEFAULT_INFLATION
    vat_rate: Rate = 0.20
    redundancy_weekly_pay_cap: Annotated[float, Field(strict=True, gt=0, le=1e6)] | None = None
    employer_nic_rate: Rate = 0.15
    termination_nic_threshold: Money = 30000.0
    optimism_bias: OptimismBias = Field(default_factory=OptimismBias)
    monte_carlo: MonteCarloSettings = Field(default_factory=MonteCarloSettings)
    # V10: the nominal rate on the debt an option adds, for the capacity test only.
    marginal_interest_rate: Annotated[float, Field(strict=True, gt=-1, le=10)] = 0.06


class Criterion(Model):
    id: Id
    name: Text
    weight: Annotated[float, Field(strict=True, ge=0, le=1e6)]
    description: LongText = ""
    source: Literal["npv_vs_baseline"] | None = None
    scale: dict[str, Text] | None = None          # {"0": text, "10": text}: the anchors (V8)
    scale_money: list[Number] | None = None       # [v0, v10] in pounds, value for money only

    @property
    def derived(self) -> bool:
        return self.source == "npv_vs_baseline"


class RangedLine(Model):
    """A line whose main quantity may carry a ``low``/``high`` range (model.md §1)."""

    label: Text | None = None
    low: Number | None = None
    high: Number | None = None
    # Lines naming the same driver are one uncertain quantity (model-v2.md V4).
    driver: Id | None = None
    # The field a range bounds: set for each kind from the kinds table, below Option.
    main: ClassVar[str] = ""

    @property
    def has_range(self) -> bool:
        return self.low is not None and self.high is not None

    @field_validator("low", "high")
    @classmethod
    def _within_main_limits(cls, end: float | None) -> float | None:
        """A range end is held to its main quantity's own limits (a margin's ±10,000 bps)."""
        main = getattr(cls, "main", None)
        if end is None or main not in cls.model_fields:
            return end
        word = FIELD_WORDS.get(main, "annual amount" if main == "annual" else main.replace("_", " "))
        for bound in cls.model_fields[main].metadata:
            low, high = getattr(bound, "ge", None), getattr(bound, "le", None)
            if low is not None and end < low:
                raise ValueError(f"must be >= {low:g}, the least the {word} may be")
            if high is not None and end > high:
                raise ValueError(f"must be <= {high:g}, the most the {word} may be")
        return end


class SavingLine(RangedLine):
    organisation: Id | None = None
    annual: Money
    basis: Basis = "real"
    start_year: Year = 1
    ramp: Annotated[list[Annotated[float, Field(strict=True, ge=0, le=10)]], Field(min_length=1)] = [1.0]


class RecurringCostLine(RangedLine):
    organisation: Id | None = None
    annual: Money
    basis: Basis = "real"
    start_year: Year = 1


class SharedServiceLine(RangedLine):
    recipient: Id
    annual_value: Money
    vat_treatment: VatTreatment = "standard_rated"
    start_year: Year = 1
    supplier: Id | None = None          # the organisation that supplies it (V6)
    basis: Basis = "real"


class OneOffCostLine(RangedLine):
    organisation: Id | None = None
    amount: Money
    year: Year = 1
    renew_every: Annotated[int, Field(strict=True, ge=1, le=100)] | None = None


class LoanRepricingLine(RangedLine):
    loan: Id
    margin_uplift_bps: Annotated[float, Field(strict=True, ge=-10000, le=10000)]
    one_off_fees: Money = 0.0
    breakage_cost: Number = 0.0
    breakage_gain_confirmed: Annotated[bool, Field(strict=True)] = False


class RedundancyLine(Model):
    label: Text | None = None
    organisation: Id | None = None
    count: Annotated[int, Field(strict=True, ge=1, le=100000)] = 1
    age: Annotated[int, Field(strict=True, ge=16, le=100)]
    years_service: Annotated[int, Field(strict=True, ge=0, le=84)]
    weekly_pay: Money
    cap_weekly_pay: Annotated[bool, Field(strict=True)] = True
    enhancement_multiplier: Annotated[float, Field(strict=True, ge=0, le=20)] = 1.0
    notice_weeks: Annotated[float, Field(strict=True, ge=0, le=104)] = 0.0
    pension_strain: Money = 0.0
    year: Year = 1


class PensionCessationLine(RangedLine):
    """A cessation debt (or, negative, an exit credit) paid in ``instalments`` yearly parts (V5)."""

    organisation: Id | None = None
    amount: Number
    year: Year = 1
    basis: Basis = "real"
    instalments: Annotated[int, Field(strict=True, ge=1, le=100)] = 1


class Option(Model):
    id: Id
    name: Text
    form: Form
    baseline: Annotated[bool, Field(strict=True)] = False
    description: LongText = ""
    subtype: Subtype | None = None
    savings: list[SavingLine] = Field(default_factory=list)
    recurring_costs: list[RecurringCostLine] = Field(default_factory=list)
    shared_services: list[SharedServiceLine] = Field(default_factory=list)
    one_off_costs: list[OneOffCostLine] = Field(default_factory=list)
    redundancies: list[RedundancyLine] = Field(default_factory=list)
    loan_repricing: list[LoanRepricingLine] = Field(default_factory=list)
    pension_cessation: list[PensionCessationLine] = Field(default_factory=list)
    # A score left out (or null) is not scored yet: see appraisal.scoring and docs/calculations.md.
    scores: dict[Id, Score | None] = Field(default_factory=dict)
    rationale: dict[Id, LongText] = Field(default_factory=dict)
    roles: dict[Id, ShortText] | None = None            # deal-terms.md D5.1
    shares: dict[Id, Annotated[float, Field(strict=True, ge=-LIMIT, le=LIMIT)]] | None = None
    # deal-terms.md D2, D4, D5.1
    governance: Governance | None = None
    lender_consents: list[LenderConsent] = Field(default_factory=list)
    route: Route | None = None
    regulated_alteration: list[Id] = Field(default_factory=list)
    vesting_declaration: list[Id] = Field(default_factory=list)
    renamed: list[Id] = Field(default_factory=list)
    staff_transfer: Annotated[bool, Field(strict=True)] = False


# Each kind's line class learns its main quantity from the kinds table, through the Option list
# that holds it: the class need not name its kind.
for _kind in KIND.values():
    _line_class = get_args(Option.model_fields[_kind.id].annotation)[0]
    if issubclass(_line_class, RangedLine):
        _line_class.main = _kind.main or ""


class Recommendation(Model):
    option: Id | None = None     # None: a rationale drafted before an option is chosen
    rationale: LongText = ""


class PaperDetails(Model):
    """How the board paper presents itself: its status, reference, sponsor, marking and the
    resolution the board is asked to pass (all optional; an empty resolution gets a draft)."""

    status: Literal["decision", "discussion"] = "decision"
    reference: Text = ""
    sponsor: Text = ""
    confidentiality: Text = ""
    resolution: LongText = ""


class ReadinessItem(Model):
    item: Text
    status: ReadinessStatus = "not_started"
    note: LongText = ""


class Risk(Model):
    id: Id | None = None                                 # deal-terms.md D3.1, for findings
    risk: LongText
    option: Id | None = None
    likelihood: Annotated[int, Field(strict=True, ge=1, le=5)]
    impact: Annotated[int, Field(strict=True, ge=1, le=5)]
    mitigation: LongText = ""
    owner: Text = ""


class Weighting(Model):
    """How the board arrived at the weights, kept so that it can be revisited.

    ``method`` is ``direct`` (points), ``swing`` (``swing`` maps criterion id to its swing rating,
    0..100, the most important at 100) or ``ahp`` (``ahp_order`` lists criterion ids and
    ``ahp_matrix`` is the reciprocal pairwise matrix in that order).

    ``money_separately``: the board's answer that value for money is not one of the criteria,
    because it weighs the money (the NPV and the financial case) separately, beside the weighted
    scores. (The other answer is a criterion derived from the NPV.)
    """

    method: Literal["direct", "swing", "ahp"] = "direct"
    swing: dict[Id, Annotated[float, Field(strict=True, ge=0, le=100)]] | None = None
    ahp_order: list[Id] | None = None
    ahp_matrix: list[list[Annotated[float, Field(strict=True, gt=0, le=1e6)]]] | None = None
    money_separately: Annotated[bool, Field(strict=True)] = False


class Case(Model):
    format: Literal["options-appraisal-case"] = FORMAT
    version: Literal[2] = VERSION
    title: Text
    prepared_by: Text = ""
    date: Annotated[str, Field(strict=True, pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None
    settings: Settings
    organisations: Annotated[list[Organisation], Field(min_length=1)]
    criteria: list[Criterion]       # may be empty: a new case picks its criteria
    options: Annotated[list[Option], Field(min_length=1)]
    weighting: Weighting | None = None
    recommendation: Recommendation | None = None
    paper: PaperDetails | None = None
    readiness: list[ReadinessItem] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    merged_golden_rules: list[CapacityRule] | None = None
    due_diligence: list[Finding] = Field(default_factory=list)      # deal-terms.md D3
    route_progress: list[RouteProgress] = Field(default_factory=list)   # deal-terms.md D5.1
    members: list[Member] = Field(default_factory=list)
    members_named: Annotated[bool, Field(strict=True)] = False   # may the paper name them?

    # --- convenient look-ups (read only) ---------------------------------------------------
    def organisation(self, org_id: str) -> Organisation:
        return next(o for o in self.organisations if o.id == org_id)

    def loan(self, loan_id: str) -> tuple[Organisation, Loan]:
        for org in self.organisations:
            for loan in org.loans:
                if loan.id == loan_id:
                    return org, loan
        raise KeyError(loan_id)

    @property
    def partners(self) -> list[Organisation]:
        """The organisations that are partners: every one but cost sharing groups (V6)."""
        return [o for o in self.organisations if not o.is_cost_sharing_group]

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    @property
    def baseline(self) -> Option:
        return next(o for o in self.options if o.baseline)

    @property
    def first_year(self) -> int:
        """Calendar year of model year 1: the setting, else the year after the case's date."""
        if self.settings.first_year is not None:
            return self.settings.first_year
        if self.date:
            return int(self.date[:4]) + 1
        return 2027


# Lists of an option that hold money lines, in the order results report them (model.md §3),
# and those whose main quantity may carry a range: both from the one table in kinds.py.
LINE_KINDS = KIND_IDS
# Lists whose lines may say ``"basis": "nominal"`` (model-v2.md V3).
BASIS_KINDS = tuple(k.id for k in KIND.values() if k.basis)
