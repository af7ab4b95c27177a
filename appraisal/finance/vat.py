"""Who supplies a shared service (model-v2.md V6): cost sharing groups, suppliers, the recharge.

The cost sharing exemption (VATA 1994 Sch. 9 Group 16) exempts only services supplied by an
independent group to its own members: a partner supplying another partner directly can never be
exempt (HMRC VAT Cost Sharing Exemption manual CSE3120: the group is legally separate from its
members, and each member has a legal interest in it). So a case names the ``supplier`` of each
shared service, and the exemption is accepted only where that supplier is a cost sharing group
counting the recipient among its members.

Three things live here: the refusals (joined to :func:`appraisal.rules.check_case`), the
warnings, and the recharge that moves a service's charge from its recipient to its supplier in
the figures by organisation.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..case import Case
from ..kinds import KIND_IDS
from ..continuum import form
from ..paths import FieldPath
from ..wording import AppraisalWarning

Problem = tuple[str, str]


# --- refusals --------------------------------------------------------------------------------

def problems(case: Case) -> Iterator[Problem]:
    """Every broken V6 rule: a cost sharing group's members and loans, each line's supplier."""
    kinds = {o.id: o.is_cost_sharing_group for o in case.organisations}
    for k, org in enumerate(case.organisations):
        at = f"organisations[{k}]"
        if not org.is_cost_sharing_group:
            if org.members is not None:
                yield f"{at}.members", ("only a cost sharing group has members; make "
                                        f"'{org.name}' a cost sharing group or remove them")
            continue
        members = org.members or []
        for member in members:
            if member == org.id:
                yield f"{at}.members", "a cost sharing group cannot be a member of itself"
            elif member not in kinds:
                yield f"{at}.members", f"unknown organisation '{member}'"
            elif kinds[member]:
                yield f"{at}.members", (f"'{member}' is itself a cost sharing group; the "
                                        "members must be the partners that share the costs")
        if len(set(members)) < 2:
            yield f"{at}.members", ("a cost sharing group needs at least two different members "
                                    "(the partners that share its costs)")
        if org.loans:
            yield f"{at}.loans", ("a cost sharing group carries no loans here: only partners "
                                  "borrow")
    for i, option in enumerate(case.options):
        for j, line in enumerate(option.shared_services):
            yield from _supplier(case, line, f"options[{i}].shared_services[{j}].supplier")


def _supplier(case: Case, line, path: str) -> Iterator[Problem]:
    supplier = line.supplier
    ids = {o.id: o for o in case.organisations}
    if supplier is None:
        return
    if supplier not in ids:
        yield path, f"unknown organisation '{supplier}'"
        return
    if supplier == line.recipient:
        yield path, "a service cannot be supplied by its own recipient"
        return
    if line.vat_treatment == "cost_sharing_exemption" and not _exempt_supplier(case, line):
        org = ids[supplier]
        yield path, (f"the cost sharing exemption is only for services a cost sharing group "
                     f"supplies to its own members, and {org.name} is not such a group for "
                     "this recipient")


def _exempt_supplier(case: Case, line) -> bool:
    org = next((o for o in case.organisations if o.id == line.supplier), None)
    return (org is not None and org.is_cost_sharing_group
            and line.recipient in (org.members or []))


# --- warnings --------------------------------------------------------------------------------

def case_warnings(case: Case) -> Iterator[AppraisalWarning]:
    """A cost sharing group that no line of any option names has none of its own costs in."""
    for k, org in enumerate(case.organisations):
        if org.is_cost_sharing_group and not any(
                _names(option, org.id) for option in case.options):
            yield AppraisalWarning("group_without_lines", FieldPath.of("organisations", k),
                                   {"group": org.name})


def option_warnings(case: Case, i: int, option) -> Iterator[AppraisalWarning]:
    """The supplier warnings of one option's shared services (model-v2.md V6)."""
    at = f"options[{i}]"
    orgs = {o.id: o for o in case.organisations}
    warned: set[str] = set()
    for j, line in enumerate(option.shared_services):
        path = FieldPath.parse(at) / "shared_services" / j
        recipient = orgs[line.recipient]
        supplier = orgs.get(line.supplier) if line.supplier else None
        if supplier is None:
            yield AppraisalWarning("supplier_missing", path / "supplier", {
                "label": line.label or "the shared service", "charge": line.annual_value,
                "recipient": recipient.name})
            if line.vat_treatment == "cost_sharing_exemption":
                yield AppraisalWarning("exemption_needs_group", path / "vat_treatment",
                                       {"recipient": recipient.name})
            continue
        if (line.vat_treatment == "outside_scope" and not supplier.is_cost_sharing_group
                and not form(option.form).can_vat_group):
            yield AppraisalWarning("outside_scope_independent", path / "vat_treatment", {
                "supplier": supplier.name, "recipient": recipient.name, "form": option.form})
        if (supplier.is_cost_sharing_group and supplier.id not in warned
                and not _names(option, supplier.id)
                and any(_names(other, supplier.id) for other in case.options)):
            # (a group with no lines in any option is warned about once, for the whole case)
            warned.add(supplier.id)
            yield AppraisalWarning("group_without_lines", path / "supplier",
                                   {"group": supplier.name, "option": option.name})


def _names(option, org_id: str) -> bool:
    """Whether a line of the option is the organisation's own (its costs, its staff)."""
    for kind in KIND_IDS:
        for line in getattr(option, kind):
            if getattr(line, "organisation", None) == org_id:
                return True
            if kind == "shared_services" and line.recipient == org_id:
                return True
    return False


# --- the recharge ----------------------------------------------------------------------------

def recharge_npv(case: Case, df: np.ndarray) -> np.ndarray:
    """The present value each organisation receives (+) or pays (−) for shared services, as
    [option, organisation + joint] like :func:`appraisal.finance.metrics.organisation_npv`.

    A line with a supplier moves its ``annual_value`` (from ``start_year``; deflated where its
    basis is nominal) from the recipient to the supplier (model-v2.md V6): the two cancel, so
    the options' NPVs do not change. No optimism bias, no VAT: the charge itself.

    Worked example: £150,000 a year from year 1 over 3 years at 3.5% is worth £420,243.96
    to the supplier and −£420,243.96 to the recipient.
    """
    horizon = len(df)
    index = {o.id: k for k, o in enumerate(case.organisations)}
    out = np.zeros((len(case.options), len(case.organisations) + 1))
    inflation = float(getattr(case.settings, "inflation_rate", 0.0) or 0.0)
    years = np.arange(1, horizon + 1)
    for o, option in enumerate(case.options):
        for line in option.shared_services:
            if line.supplier is None or line.supplier not in index:
                continue
            flow = np.where(years >= line.start_year, line.annual_value, 0.0)
            if getattr(line, "basis", "real") == "nominal":
                flow = flow / (1.0 + inflation) ** years
            pv = float(flow @ df)
            out[o, index[line.supplier]] += pv
            out[o, index[line.recipient]] -= pv
    return out
