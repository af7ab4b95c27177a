"""The governance settlement's standard items (deal-terms.md D2.2) and the option's full list.

Each item carries its default deal-breaker flag and the forms for which it is meaningful; on other
forms it is "not applicable" by default. The app preloads these; a case stores only what the
board has recorded.
"""
from __future__ import annotations

from dataclasses import dataclass

NAME_FORMS = ("group_structure", "merger", "transfer_of_engagements")
SEAT_FORMS = ("joint_venture", "group_structure", "merger")
ALL_FORMS = ("standalone", "informal_collaboration", "procurement_consortium", "shared_services",
             "joint_venture", "group_structure", "merger", "transfer_of_engagements")
GOVERNED_FORMS = ("joint_venture", "group_structure", "merger", "transfer_of_engagements")


@dataclass(frozen=True)
class ItemKind:
    id: str
    label: str
    settles: str
    deal_breaker: bool
    forms: tuple[str, ...]          # where the item applies by default


ITEMS: tuple[ItemKind, ...] = (
    ItemKind("name", "Name", "name of the merged body, the parent and each subsidiary", True,
             NAME_FORMS),
    ItemKind("chief_executive", "Chief executive", "who leads; what happens to the other(s); any "
             "exit terms", True, NAME_FORMS),
    ItemKind("chair", "Chair", "who chairs; rotation; vice-chair", True, NAME_FORMS),
    ItemKind("board_seats", "Board seats", "seats per partner and for how long", True,
             SEAT_FORMS),
    ItemKind("independent_members", "Independent members", "number and how appointed", False,
             SEAT_FORMS),
    ItemKind("resident_members", "Resident members", "tenant, resident or service-user board "
             "members", False, SEAT_FORMS),
    ItemKind("head_office", "Head office", "registered and main office", False, NAME_FORMS),
    ItemKind("brands", "Brands", "which brands survive, and for how long", True, NAME_FORMS),
    ItemKind("parent_reserved_powers", "Parent's reserved powers", "what the parent controls in a "
             "subsidiary (boards, budgets, business plans, borrowing, treasury, chief executive)",
             True, ("group_structure",)),
    ItemKind("members_vote", "Members' vote", "which members' resolutions are needed and whether "
             "they will pass", True, NAME_FORMS),
    ItemKind("tenant_representation", "Tenant and user voice", "tenant, resident and service-user "
             "voice after the deal", False, ALL_FORMS),
    ItemKind("local_commitments", "Local commitments", "local authority, stock transfer and "
             "funder commitments that must survive", False, ALL_FORMS),
    ItemKind("staff_terms", "Staff terms", "terms, harmonisation, pension access, redundancy "
             "policy", False, ("shared_services", "joint_venture", "group_structure", "merger",
                               "transfer_of_engagements")),
    ItemKind("exit_and_review", "Exit and review", "how a partner can leave a group or joint "
             "venture, and any review date", False, ("joint_venture", "group_structure")),
)
ITEM = {k.id: k for k in ITEMS}


def label(item: str) -> str:
    if item in ITEM:
        return ITEM[item].label
    return item.removeprefix("custom:").strip() or item


def is_deal_breaker(entry) -> bool:
    if entry.deal_breaker is not None:
        return entry.deal_breaker
    return ITEM[entry.item].deal_breaker if entry.item in ITEM else False


def preloaded(form: str) -> list[dict]:
    """The standard items for a new settlement on ``form``, with their default status."""
    return [{"item": k.id, "proposal": "", "deal_breaker": k.deal_breaker,
             "status": "open" if form in k.forms else "not_applicable"} for k in ITEMS]


def open_deal_breakers(option) -> list:
    g = option.governance
    if g is None:
        return []
    return [e for e in g.items if is_deal_breaker(e) and e.status in ("open", "not_agreed")]
