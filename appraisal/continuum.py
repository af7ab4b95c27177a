"""The partnership continuum: the eight forms, in order from most autonomy to most integration.

Each form has a plain-English definition for help text and the board paper, its place on the
autonomy–integration axis (0 = fully independent, 1 = one body), what the partners keep and what
they give up, and the money lines that typically apply (domain.md §1). Form follows function:
buying suggests a procurement group, sharing services a back-office vehicle, growth a merger.
"""
from __future__ import annotations

from dataclasses import dataclass

from .kinds import KIND, KIND_IDS


def lines(*kinds: str) -> tuple[str, ...]:
    """Kinds of money line from the one table (appraisal.kinds), in its order; a kind the table
    does not hold is refused when this module loads.

    >>> lines("one_off_costs", "savings")
    ('savings', 'one_off_costs')
    """
    unknown = [k for k in kinds if k not in KIND]
    if unknown:
        raise KeyError(f"not a kind of money line: {', '.join(unknown)}")
    return tuple(k for k in KIND_IDS if k in kinds)


@dataclass(frozen=True)
class Form:
    id: str
    name: str
    position: float                 # 0 (standalone) .. 1 (one body)
    definition: str
    keeps: str
    gives_up: str
    typical_lines: tuple[str, ...]  # kinds of money line usual for this form (kinds.py)
    can_vat_group: bool             # common control, so a VAT group is open to it


FORMS: tuple[Form, ...] = (
    Form("standalone", "Standalone", 0.0,
         "Each organisation keeps its own board, brand, systems and loans. This is the baseline "
         "and should carry the honest cost of standing still, including any decline.",
         "full independence, its own brand and local voice",
         "the savings and capacity that scale could bring",
         lines("recurring_costs", "one_off_costs"), False),
    Form("informal_collaboration", "Informal collaboration", 0.12,
         "Joint working without a binding agreement or a new body: a shared strategy, referrals, "
         "joint training or shared access points.",
         "sovereignty, brand and loans untouched; easy to leave",
         "little: some staff time and a coordinator",
         lines("savings", "recurring_costs"), False),
    Form("procurement_consortium", "Procurement consortium", 0.28,
         "A formal group that buys or bids together while each member stays independent. It may "
         "be incorporated, and in some places membership is mandatory.",
         "independence and brand; choice of what to buy jointly",
         "some freedom over suppliers and specifications; a management fee",
         lines("savings", "recurring_costs", "one_off_costs"), False),
    Form("shared_services", "Shared services", 0.42,
         "A partner or a jointly owned vehicle supplies back-office services (finance, IT, HR) "
         "to members that stay independent. VAT is charged on the supplies unless the cost "
         "sharing exemption applies or the members are in one VAT group.",
         "independence, brand and loans",
         "direct control of back-office staff and systems; VAT may become a cost",
         lines("savings", "shared_services", "one_off_costs", "redundancies"), False),
    Form("joint_venture", "Joint venture", 0.52,
         "A jointly owned vehicle for one activity, such as a development company, that shares "
         "its risk and reward between the partners.",
         "independence outside the venture",
         "control of the shared activity; exposure to a partner's failure",
         lines("savings", "recurring_costs", "one_off_costs"), False),
    Form("group_structure", "Group structure", 0.7,
         "A common parent with subsidiaries. Federal groups keep strong local boards; parent and "
         "subsidiary groups give the parent control; partial integration merges some functions "
         "and keeps the brands. Loans can often stay in the subsidiaries, limiting re-pricing.",
         "brands, local boards and, often, existing loans",
         "ultimate control to the parent; some board sovereignty",
         lines("savings", "recurring_costs", "one_off_costs", "redundancies",
               "loan_repricing"), True),
    Form("merger", "Merger", 0.92,
         "The organisations become one body. The largest savings, and the largest exposure: "
         "lenders may re-price whole loan portfolios, and redundancy, pension cessation, rebrand "
         "and culture costs fall in the first years.",
         "the combined mission and assets, in one stronger body",
         "separate boards, brands and local identity",
         lines("savings", "one_off_costs", "redundancies", "loan_repricing",
               "pension_cessation"), True),
    Form("transfer_of_engagements", "Transfer of engagements", 1.0,
         "One organisation's engagements pass to another that continues; the usual legal route "
         "for registered societies. Usually one brand survives.",
         "the continuing body's identity and governance",
         "the transferring body's existence, board and usually its brand",
         lines("savings", "one_off_costs", "redundancies", "loan_repricing",
               "pension_cessation"), True),
)

BY_ID = {f.id: f for f in FORMS}

SUBTYPES = {
    "federal": "Federal: a light parent; subsidiaries keep strong boards and most decisions.",
    "parent_subsidiary": "Parent and subsidiary: the parent sets strategy and controls the "
                         "subsidiaries.",
    "partial_integration": "Partial integration: some functions merged in the parent, brands "
                           "and front-line services kept apart.",
}


def form(form_id: str) -> Form:
    """The form with this id (a KeyError names an unknown one)."""
    return BY_ID[form_id]
