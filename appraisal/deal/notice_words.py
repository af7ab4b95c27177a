"""Sentences for the deal terms' warnings; :mod:`appraisal.wording` registers them as kinds."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .words import REGULATORS, short_step

P = Mapping[str, Any]
PLACE = {"england": "England", "wales": "Wales", "scotland": "Scotland",
         "northern_ireland": "Northern Ireland"}
FIELDS = {"legal_form": "the partners' legal form", "roles": "who transfers to whom (roles)",
          "charity_status": "the partners' charity status", "jurisdiction":
          "the partners' jurisdiction", "staff": "whether the partners employ staff"}


def _regulator_elsewhere(p: P, people: bool) -> str:
    return (f"{p['name']} is registered with the {REGULATORS[p['regulator']]} but is in "
            f"{PLACE[p['jurisdiction']]}: check the registration (cross-border bodies exist)")


def _unregistered(p: P, people: bool) -> str:
    return (f"{p['name']} is a housing association with no housing regulator recorded: is it a "
            "registered provider or social landlord?")


def _exempt_elsewhere(p: P, people: bool) -> str:
    return (f"{p['name']} is recorded as an exempt charity, a status that exists only in England "
            "and Wales")


def _society_exempt(p: P, people: bool) -> str:
    return (f"{p['name']} is a charitable registered society registered with the Regulator of "
            "Social Housing, which makes it an exempt charity under current law (the Law "
            "Commission has consulted on ending that): check its charity status")


def _governance_missing(p: P, people: bool) -> str:
    return (f"the governance settlement for '{p['option']}' is not recorded: who leads, who "
            "chairs and how the board seats fall are the usual deal-breakers")


def _seats_sum(p: P, people: bool) -> str:
    return (f"the board seats add up to {p['total']} (partners' seats, independent and resident "
            f"members) but the board's size is {p['size']}")


def _board_large(p: P, people: bool) -> str:
    return (f"a board of {p['size']} is larger than the 12 or so that sector codes expect "
            "(the code and figure are to be confirmed by advisers)")


def _not_agreed(p: P, people: bool) -> str:
    return (f"'{p['item']}' is a deal-breaker that is not agreed: '{p['option']}' cannot proceed "
            "on the current terms")


def _lenders_unrecorded(p: P, people: bool) -> str:
    n = p["count"]
    return (f"lender position not recorded for {n} loan{'s' if n != 1 else ''} of the partners "
            f"in '{p['option']}': each is treated as possibly needing consent")


def _consent_uncosted(p: P, people: bool) -> str:
    return (f"the consent for the loan from {p['loan']} may bring re-pricing, fees or break costs, and "
            "the cost of this consent is not in the appraisal: link it to a money line")


def _route_not_known(p: P, people: bool) -> str:
    what = ", ".join(FIELDS.get(f, f.replace("_", " ")) for f in p["fields"])
    return (f"{p['steps']} step{'s' if p['steps'] != 1 else ''} of the legal route for "
            f"'{p['option']}' cannot be decided without {what}: they are shown as not known")


def _progress_stale(p: P, people: bool) -> str:
    step = short_step(p["step"]) if people else p["step"]
    return (f"progress is recorded for the step '{step}' of '{p['option']}', which no longer "
            "applies; the record is kept")


def _finding_unpriced(p: P, people: bool) -> str:
    return (f"due diligence finding {p['id']} is severe and open, but neither priced into an "
            "option nor registered as a risk: priced or registered?")


def _finding_outside(p: P, people: bool) -> str:
    return (f"due diligence finding {p['id']} is about an organisation that takes part in no "
            "option")


NOTICE_KINDS = (
    ("deal_regulator_elsewhere", _regulator_elsewhere, "a housing regulator of another nation"),
    ("deal_unregistered", _unregistered, "a housing association with no regulator"),
    ("deal_exempt_elsewhere", _exempt_elsewhere, "exempt charity status outside England and Wales"),
    ("deal_society_exempt", _society_exempt, "a registered provider society not exempt"),
    ("deal_governance_missing", _governance_missing, "no governance settlement recorded"),
    ("deal_seats_sum", _seats_sum, "board seats that do not add up"),
    ("deal_board_large", _board_large, "a board above twelve"),
    ("deal_not_agreed", _not_agreed, "a deal-breaker not agreed"),
    ("deal_lenders_unrecorded", _lenders_unrecorded, "lender positions not recorded"),
    ("deal_consent_uncosted", _consent_uncosted, "a lender consent's cost not appraised"),
    ("deal_route_not_known", _route_not_known, "route steps that cannot be decided"),
    ("deal_progress_stale", _progress_stale, "progress on a step that no longer applies"),
    ("deal_finding_unpriced", _finding_unpriced, "a severe finding neither priced nor a risk"),
    ("deal_finding_outside", _finding_outside, "a finding on an organisation in no option"),
)
