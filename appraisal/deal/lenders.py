"""Lender consents for an option (deal-terms.md D4), with the generated "unknown" entries.

For a group structure, merger or transfer of engagements, every loan of every partner taking part
that the option does not mention is listed as ``consent_needed: unknown`` (generated, not saved).
"""
from __future__ import annotations

from dataclasses import dataclass

from .facts import STRUCTURAL
from .route import partners

COSTLY = ("repricing", "fees", "break_costs", "make_whole")
OPEN = ("not_started", "requested", "in_negotiation")


@dataclass
class ConsentRow:
    organisation: str
    loan: str
    lender: str
    instrument: str | None
    consent_needed: str
    triggers: list[str]
    status: str
    note: str
    cost_line: str | None
    generated: bool
    index: int | None          # position in option.lender_consents (None when generated)

    @property
    def blocks(self) -> bool:
        """An open point (D6): refused, or needed (or maybe) and not yet granted."""
        if self.status == "refused":
            return True
        return self.consent_needed in ("yes", "unknown") and self.status in OPEN


def consents(case, option) -> list[ConsentRow]:
    entries = {c.loan: (i, c) for i, c in enumerate(option.lender_consents)}
    rows: list[ConsentRow] = []
    involved_ids = {o.id for o in partners(case, option)}
    for org in case.organisations:
        for loan in org.loans:
            if loan.id in entries:
                i, c = entries[loan.id]
                rows.append(ConsentRow(org.id, loan.id, loan.lender, loan.instrument,
                                       c.consent_needed, list(c.triggers), c.status, c.note,
                                       c.cost_line, False, i))
            elif option.form in STRUCTURAL and org.id in involved_ids:
                rows.append(ConsentRow(org.id, loan.id, loan.lender, loan.instrument, "unknown",
                                       [], "not_started", "", None, True, None))
    return rows


def uncosted(row: ConsentRow) -> bool:
    return (row.consent_needed == "yes" and any(t in COSTLY for t in row.triggers)
            and row.cost_line is None)
