"""Who is tested, on what plan, and how an option's joint lines are split (model-v2.md V10).

The pieces of V10 that are about the organisations rather than the arithmetic: which
organisations are partners, which are involved in an option (deal-terms.md D5.1 ``roles``),
which combine into one entity (a merger or a transfer of engagements), how a joint or cost sharing
group's line is split among partners, and each partner's plan year by year with its overrides
carried forward. The case's rules (:mod:`appraisal.capacity_rules`) and the engine read the same
functions, so what is refused and what is computed cannot drift apart.
"""
from __future__ import annotations

import numpy as np

from ..case_capacity import PLAN_FIGURES

COMBINING_FORMS = ("merger", "transfer_of_engagements")
ROLES = ("transferor", "transferee", "amalgamating", "parent", "joining_subsidiary", "member",
         "not_involved")
CSG = "cost_sharing_group"


def is_partner(org) -> bool:
    """Every organisation but a cost sharing group (V6), which is no partner."""
    return org.kind != CSG


def members(case, org) -> list[int]:
    """Indices of a cost sharing group's members, in file order (empty for a partner)."""
    if is_partner(org):
        return []
    ids = set(getattr(org, "members", None) or [])
    return [k for k, o in enumerate(case.organisations) if o.id in ids and is_partner(o)]


def involved(case, option) -> list[int]:
    """Partners whose role in the option is not ``not_involved`` (all where it gives no roles)."""
    roles = option.roles or {}
    return [k for k, o in enumerate(case.organisations)
            if is_partner(o) and roles.get(o.id) != "not_involved"]


def combining(case, option) -> list[int]:
    """The partners a merger or transfer of engagements combines into one entity; else none."""
    return involved(case, option) if option.form in COMBINING_FORMS else []


def turnover_shares(case, partners: list[int]) -> np.ndarray:
    """Fractions over ``partners`` by annual turnover; equal where any lacks one or all are 0.

    >>> from types import SimpleNamespace as N
    >>> c = N(organisations=[N(annual_turnover=30e6), N(annual_turnover=20e6)])
    >>> turnover_shares(c, [0, 1]).tolist()
    [0.6, 0.4]
    """
    if not partners:
        return np.zeros(0)
    turnover = [case.organisations[k].annual_turnover for k in partners]
    if any(t is None for t in turnover) or sum(turnover) <= 0:
        return np.full(len(partners), 1.0 / len(partners))
    t = np.asarray(turnover, dtype=float)
    return t / t.sum()


def split_of(case, option, org_index: int | None) -> np.ndarray:
    """How one line of ``option`` is attributed: a row of fractions over every organisation.

    ``org_index`` is the line's organisation (a shared service's recipient; None for a joint
    line). A partner's line is its own; a joint line goes to the involved partners, by the
    option's ``shares`` where it sets them, else by turnover; a cost sharing group's line to all
    of its members by turnover, involved or not.
    """
    n = len(case.organisations)
    row = np.zeros(n)
    if org_index is not None and is_partner(case.organisations[org_index]):
        row[org_index] = 1.0
        return row
    if org_index is None:
        partners = involved(case, option)
        if option.shares:
            for k in partners:
                row[k] = float(option.shares.get(case.organisations[k].id, 0.0))
            return row
    else:
        partners = members(case, case.organisations[org_index])
    row[partners] = turnover_shares(case, partners)
    return row


def plan_arrays(case, horizon: int) -> np.ndarray:
    """float[K, 6, H]: each organisation's six plan figures by year (0 where it has no plan).

    An override holds from its year until the next override of the same figure; years before the
    first take the base figures.
    """
    out = np.zeros((len(case.organisations), len(PLAN_FIGURES), horizon))
    for k, org in enumerate(case.organisations):
        fin = org.finances
        if fin is None:
            continue
        for f, name in enumerate(PLAN_FIGURES):
            out[k, f, :] = getattr(fin, name)
        for entry in sorted(fin.plan, key=lambda e: e.year):
            for f, name in enumerate(PLAN_FIGURES):
                value = getattr(entry, name)
                if value is not None and entry.year <= horizon:
                    out[k, f, entry.year - 1:] = value
    return out
