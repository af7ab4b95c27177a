"""What the route's rules read about one partner in one option (deal-terms.md D5.1's notation).

A fact that rests on a field the case leaves out raises :class:`Unknown`, so a rule that needs it
is reported as "not known", never guessed. :func:`conjunction` applies three-valued logic: one
false part makes the rule false even where another part is not known.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

STRUCTURAL = ("group_structure", "merger", "transfer_of_engagements")
TRANSFER = ("amalgamation", "transfer_of_engagements", "cio_transfer", "asset_transfer")
SOCIETY = ("registered_society", "charitable_registered_society")
COMPANY = ("company_limited_by_guarantee", "charitable_company", "company_limited_by_shares",
           "community_interest_company")
DEFAULT_ROUTE = {"merger": "amalgamation", "transfer_of_engagements": "transfer_of_engagements",
                 "group_structure": "join_existing_parent", "joint_venture": "new_vehicle",
                 "shared_services": "new_vehicle"}
ROLE_ROUTES = ("transfer_of_engagements", "cio_transfer", "asset_transfer")


class Unknown(Exception):
    """A rule needs a field the case does not give."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def route_of(option) -> str:
    return getattr(option, "route", None) or DEFAULT_ROUTE.get(option.form, "contract_only")


def deal_roles(option) -> set[str]:
    """The roles that shape the route (``member`` and ``not_involved`` only say who takes part,
    as the capacity test reads them)."""
    return set((option.roles or {}).values()) - {"member", "not_involved"}


def needs_roles(option) -> bool:
    """Routes whose steps depend on who transfers to whom, or who is parent."""
    return route_of(option) in ROLE_ROUTES or option.form == "group_structure"


class Facts:
    """One partner ``org`` in ``option`` of ``case``; ``counterparties`` are the other partners."""

    def __init__(self, case, option, org, partners: list):
        self.case, self.option, self.org = case, option, org
        self.counterparties = [p for p in partners if p.id != org.id]
        self.F = option.form
        self.R = route_of(option)

    # --- option facts -----------------------------------------------------------------------
    @property
    def structural(self) -> bool:
        return self.F in STRUCTURAL

    @property
    def transfer(self) -> bool:
        return self.R in TRANSFER

    @property
    def role(self) -> str:
        roles = self.option.roles or {}
        if self.org.id in roles:
            return roles[self.org.id]
        if self.R == "amalgamation":
            return "amalgamating"
        if deal_roles(self.option):  # a partner the roles do not name takes part as a member
            return "member"
        if needs_roles(self.option):
            raise Unknown("roles")
        return "member"

    @property
    def losing(self) -> bool:
        return self.role in ("transferor", "amalgamating")

    def listed(self, field: str) -> bool:
        """The partner is named in one of the option's tick lists (``regulated_alteration`` …)."""
        return self.org.id in (getattr(self.option, field, None) or [])

    # --- partner facts ----------------------------------------------------------------------
    @property
    def J(self) -> str:
        if self.org.jurisdiction is None:
            raise Unknown("jurisdiction")
        return self.org.jurisdiction

    @property
    def LF(self) -> str:
        lf = getattr(self.org, "legal_form", None)
        if lf is None or lf == "other":
            raise Unknown("legal_form")
        return lf

    @property
    def HR(self) -> list[str]:
        return list(getattr(self.org, "housing_regulators", None) or [])

    @property
    def CR(self) -> list[str]:
        return list(getattr(self.org, "charity_registers", None) or [])

    @property
    def CS(self) -> str:
        cs = getattr(self.org, "charity_status", None)
        if cs is None:
            raise Unknown("charity_status")
        return cs

    @property
    def PS(self) -> list[str]:
        return list(getattr(self.org, "pension_schemes", None) or [])

    @property
    def society(self) -> bool:
        return self.LF in SOCIETY

    @property
    def company(self) -> bool:
        return self.LF in COMPANY

    def every_counterparty(self, test: Callable[[Facts], bool]) -> bool:
        return conjunction(self._asking(test, p) for p in self.counterparties)

    def some_counterparty(self, test: Callable[[Facts], bool]) -> bool:
        return disjunction(self._asking(test, p) for p in self.counterparties)

    def _asking(self, test: Callable[[Facts], bool], org) -> Callable[[], bool]:
        """The test put to one counterparty, asked only when needed."""
        return lambda: test(self.other(org))

    def other(self, org) -> Facts:
        f = Facts.__new__(Facts)
        f.case, f.option, f.org = self.case, self.option, org
        f.counterparties, f.F, f.R = [], self.F, self.R
        return f


def conjunction(parts: Iterable[Callable[[], bool]]) -> bool:
    """All parts true; false if any is false, even where another is not known."""
    unknown: Unknown | None = None
    for part in parts:
        try:
            if not part():
                return False
        except Unknown as e:
            unknown = unknown or e
    if unknown is not None:
        raise unknown
    return True


def disjunction(parts: Iterable[Callable[[], bool]]) -> bool:
    """Any part true; true if one is, even where another is not known."""
    unknown: Unknown | None = None
    for part in parts:
        try:
            if part():
                return True
        except Unknown as e:
            unknown = unknown or e
    if unknown is not None:
        raise unknown
    return False
