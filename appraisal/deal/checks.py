"""The deal terms' refusals (deal-terms.md D1–D5), each naming its field.

Yields ``(path, message)`` pairs as :mod:`appraisal.rules` does. Warnings (accepted, but said)
are in :mod:`.notices`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..finance.capacity_plan import CSG, ROLES
from ..kinds import KIND_IDS
from .facts import deal_roles, needs_roles, route_of
from .governance import ITEM
from .steps import STEP
from .words import AREAS

Problem = tuple[str, str]
CHARITABLE_FORMS = ("charitable_registered_society", "charitable_company", "cio", "scio")
TRANSFER_ROLES = ("transfer_of_engagements", "cio_transfer", "asset_transfer")
_REF = re.compile(r"^([a-z_]+)\[(\d+)\]$")


def resolves(option, ref: str) -> bool:
    """A ``LIST[index]`` ref (model.md) names a money line of ``option``."""
    m = _REF.match(ref or "")
    return m is not None and m.group(1) in KIND_IDS and int(m.group(2)) < len(
        getattr(option, m.group(1)))


def check_deal(case) -> Iterator[Problem]:
    yield from _organisations(case)
    option_ids = {o.id: o for o in case.options}
    orgs = {o.id: o for o in case.organisations}
    loans = {loan.id for o in case.organisations for loan in o.loans}
    for i, option in enumerate(case.options):
        at = f"options[{i}]"
        yield from _governance(option, at, orgs)
        seen: set[str] = set()
        for j, c in enumerate(option.lender_consents):
            if c.loan not in loans:
                yield f"{at}.lender_consents[{j}].loan", f"unknown loan '{c.loan}'"
            elif c.loan in seen:
                yield f"{at}.lender_consents[{j}].loan", (
                    f"loan '{c.loan}' is listed twice; give one entry per loan")
            seen.add(c.loan)
            if c.cost_line is not None and not resolves(option, c.cost_line):
                yield f"{at}.lender_consents[{j}].cost_line", (
                    f"'{c.cost_line}' names no money line of this option")
        yield from _roles(option, at, orgs)
        for name in ("regulated_alteration", "vesting_declaration", "renamed"):
            for org_id in getattr(option, name):
                if org_id not in orgs:
                    yield f"{at}.{name}", f"unknown organisation '{org_id}'"
    yield from _findings(case, option_ids, orgs)
    for k, p in enumerate(case.route_progress):
        at = f"route_progress[{k}]"
        if p.option not in option_ids:
            yield f"{at}.option", f"unknown option '{p.option}'"
        if p.step not in STEP:
            yield f"{at}.step", f"'{p.step}' is not a step of the legal route"
        if p.organisation is not None and p.organisation not in orgs:
            yield f"{at}.organisation", f"unknown organisation '{p.organisation}'"
        if p.status == "not_applicable" and not p.note.strip():
            yield f"{at}.note", "say why the step does not apply"


def _organisations(case) -> Iterator[Problem]:
    for k, org in enumerate(case.organisations):
        at = f"organisations[{k}]"
        lf, cs, j = org.legal_form, org.charity_status, org.jurisdiction
        if lf == "cio" and j not in (None, "england", "wales"):
            yield f"{at}.legal_form", ("a charitable incorporated organisation has its "
                                       "principal office in England or Wales")
        if lf == "scio" and j not in (None, "scotland"):
            yield f"{at}.legal_form", "a Scottish charitable incorporated organisation is "\
                "Scottish only"
        if lf in CHARITABLE_FORMS and cs == "none":
            yield f"{at}.charity_status", (f"a {lf.replace('_', ' ')} is a charity: its charity "
                                           "status cannot be 'none'")
        if lf == "community_interest_company" and cs not in (None, "none"):
            yield f"{at}.charity_status", ("a community interest company cannot be a charity "
                                           "(to be confirmed by advisers)")


def _governance(option, at: str, orgs: dict) -> Iterator[Problem]:
    g = option.governance
    if g is None:
        return
    seen: set[str] = set()
    for j, item in enumerate(g.items):
        if item.item not in ITEM and not (item.item.startswith("custom:")
                                          and item.item[7:].strip()):
            yield f"{at}.governance.items[{j}].item", (
                f"'{item.item}' is not a standard item; write custom:<what is settled>")
        elif item.item in seen:
            yield f"{at}.governance.items[{j}].item", f"'{item.item}' is listed twice"
        seen.add(item.item)
    for j, s in enumerate(g.board.seats if g.board else []):
        org = orgs.get(s.organisation)
        if org is None:
            yield f"{at}.governance.board.seats[{j}].organisation", (
                f"unknown organisation '{s.organisation}'")
        elif org.kind == CSG:
            yield f"{at}.governance.board.seats[{j}].organisation", (
                "a cost sharing group holds no board seats")


def _roles(option, at: str, orgs: dict) -> Iterator[Problem]:
    roles = option.roles
    if not deal_roles(option) or not needs_roles(option):
        return
    given = list(roles.values())
    if any(role not in ROLES for role in given) or any(o not in orgs for o in roles):
        return                      # refused already, naming the role (capacity_rules)
    if route_of(option) in TRANSFER_ROLES:
        if given.count("transferee") != 1 or "transferor" not in given:
            yield f"{at}.roles", ("a transfer needs exactly one transferee and at least one "
                                  "transferor")
    elif option.form == "group_structure":
        # A new parent (route new_parent) is not yet an organisation of the case: none named.
        parents = (0, 1) if route_of(option) == "new_parent" else (1,)
        if given.count("parent") not in parents or "joining_subsidiary" not in given:
            yield f"{at}.roles", ("a group structure needs exactly one parent (none where the "
                                  "parent is new) and at least one joining subsidiary")


def _findings(case, options: dict, orgs: dict) -> Iterator[Problem]:
    ids: set[str] = set()
    risk_ids = {r.id for r in case.risks if r.id}
    seen_risks: set[str] = set()
    for k, r in enumerate(case.risks):
        if r.id and r.id in seen_risks:
            yield f"risks[{k}].id", f"duplicate id '{r.id}'"
        seen_risks.add(r.id or "")
    for k, f in enumerate(case.due_diligence):
        at = f"due_diligence[{k}]"
        if f.id in ids:
            yield f"{at}.id", f"duplicate id '{f.id}'"
        ids.add(f.id)
        if f.area not in AREAS and not (f.area.startswith("custom:") and f.area[7:].strip()):
            yield f"{at}.area", f"'{f.area}' is not an area; write custom:<area>"
        if f.organisation is not None:
            org = orgs.get(f.organisation)
            if org is None:
                yield f"{at}.organisation", f"unknown organisation '{f.organisation}'"
            elif org.kind == CSG:
                yield f"{at}.organisation", "name a partner, not a cost sharing group"
        if f.option is not None and f.option not in options:
            yield f"{at}.option", f"unknown option '{f.option}'"
        if f.cost_line is not None:
            target = options.get(f.cost_line.option)
            if target is None:
                yield f"{at}.cost_line.option", f"unknown option '{f.cost_line.option}'"
            elif not resolves(target, f.cost_line.ref):
                yield f"{at}.cost_line.ref", (
                    f"'{f.cost_line.ref}' names no money line of option '{target.id}'")
        if f.risk is not None and f.risk not in risk_ids:
            yield f"{at}.risk", f"no risk has the id '{f.risk}'"
