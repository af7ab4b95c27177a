"""The statutory figures a redundancy line depends on, by jurisdiction and date (model-v2.md V7).

Two tables of the cap on a week's pay used for statutory redundancy pay, and the normal minimum
pension age. Each entry names the instrument that set it; ``docs/calculations.md`` lists the same
entries.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

GREAT_BRITAIN = "great_britain"
NORTHERN_IRELAND = "northern_ireland"

JURISDICTION_NAME = {GREAT_BRITAIN: "Great Britain", NORTHERN_IRELAND: "Northern Ireland"}


@dataclass(frozen=True)
class CapEntry:
    start: date
    weekly_pay: float
    source: str


# Great Britain (England, Wales and Scotland): Employment Rights Act 1996 s.227(1), the limit
# raised each April by an Employment Rights (Increase of Limits) Order under s.34 of the
# Employment Relations Act 1999.
GREAT_BRITAIN_CAPS: tuple[CapEntry, ...] = (
    CapEntry(date(2024, 4, 6), 700.0,
             "Employment Rights (Increase of Limits) Order 2024, SI 2024/213"),
    CapEntry(date(2025, 4, 6), 719.0,
             "Employment Rights (Increase of Limits) Order 2025, SI 2025/348"),
    CapEntry(date(2026, 4, 6), 751.0,
             "Employment Rights (Increase of Limits) Order 2026, SI 2026/310"),
)

# Northern Ireland: Employment Rights (Northern Ireland) Order 1996 art. 23, the limit raised by
# the Department for the Economy's Employment Rights (Increase of Limits) Orders (Northern
# Ireland) under art. 33 of the Employment Relations (Northern Ireland) Order 1999.
NORTHERN_IRELAND_CAPS: tuple[CapEntry, ...] = (
    CapEntry(date(2023, 4, 6), 669.0,
             "Employment Rights (Increase of Limits) Order (Northern Ireland) 2023, "
             "S.R. 2023 No. 36"),
    CapEntry(date(2024, 4, 6), 729.0,
             "Employment Rights (Increase of Limits) Order (Northern Ireland) 2024"),
    CapEntry(date(2025, 4, 6), 749.0,
             "Employment Rights (Increase of Limits) Order (Northern Ireland) 2025"),
)

CAP_TABLES = {GREAT_BRITAIN: GREAT_BRITAIN_CAPS, NORTHERN_IRELAND: NORTHERN_IRELAND_CAPS}


def table_for(jurisdiction: str | None) -> str:
    """The cap table an organisation's jurisdiction reads: Northern Ireland's, else Great
    Britain's (England, Wales, Scotland, or none given)."""
    return NORTHERN_IRELAND if jurisdiction == "northern_ireland" else GREAT_BRITAIN


@dataclass(frozen=True)
class CapLookup:
    """The figure a table gives for a date, and why it may not be the figure in force."""

    table: str
    entry: CapEntry
    status: str       # "in_force", "before_table" (date before the first entry),
    #                   "not_yet_known" (a later April's figure is missing) or "undated"

    @property
    def weekly_pay(self) -> float:
        return self.entry.weekly_pay


def cap_on(table: str, day: date | None) -> CapLookup:
    """The weekly pay cap of ``table`` on ``day`` (model-v2.md V7).

    A date before the first entry takes the first figure; a date on or after 6 April of the
    year after the last entry takes the last figure, which may since have been raised; no date
    takes the last figure.

    >>> cap_on(GREAT_BRITAIN, date(2026, 4, 5)).weekly_pay
    719.0
    >>> cap_on(GREAT_BRITAIN, date(2026, 4, 6)).weekly_pay
    751.0
    >>> cap_on(NORTHERN_IRELAND, date(2026, 11, 23)).status
    'not_yet_known'
    """
    entries = CAP_TABLES[table]
    if day is None:
        return CapLookup(table, entries[-1], "undated")
    if day < entries[0].start:
        return CapLookup(table, entries[0], "before_table")
    entry = [e for e in entries if e.start <= day][-1]
    last = entries[-1]
    if entry is last and day >= date(last.start.year + 1, 4, 6):
        return CapLookup(table, last, "not_yet_known")
    return CapLookup(table, entry, "in_force")


# The normal minimum pension age (Finance Act 2004 s.279(1), as amended by the Finance Act 2022
# s.10): 55, and 57 from 6 April 2028.
MINIMUM_PENSION_AGE_RISES = date(2028, 4, 6)


def minimum_pension_age(day: date) -> int:
    """The normal minimum pension age on ``day``.

    >>> minimum_pension_age(date(2028, 4, 5)), minimum_pension_age(date(2028, 4, 6))
    (55, 57)
    """
    return 57 if day >= MINIMUM_PENSION_AGE_RISES else 55


def redundancy_date(first_year: int, year: int) -> date:
    """The date a redundancy in model year ``year`` is taken to fall: 1 April of calendar year
    ``first_year + year − 1`` (model-v2.md V7).

    >>> redundancy_date(2027, 2)
    datetime.date(2028, 4, 1)
    """
    return date(first_year + year - 1, 4, 1)


# --- the case's figures -------------------------------------------------------------------

def cap_table(case, organisation: str | None) -> str:
    """The cap table a redundancy line reads (model-v2.md V7): its organisation's jurisdiction
    (Great Britain where none is given); for a joint line Great Britain's, unless every partner
    (cost sharing groups aside) is in Northern Ireland."""
    if organisation is None:
        partners = case.partners
        every_ni = bool(partners) and all(p.jurisdiction == "northern_ireland" for p in partners)
        return NORTHERN_IRELAND if every_ni else GREAT_BRITAIN
    return table_for(case.organisation(organisation).jurisdiction)


def cap_lookup(case, organisation: str | None = None) -> CapLookup:
    """The table's figure at the case's date (the latest known where the case has none)."""
    day = date.fromisoformat(case.date) if case.date else None
    return cap_on(cap_table(case, organisation), day)


def weekly_pay_cap(case, organisation: str | None = None) -> float:
    """The cap setting, else the table's figure for the organisation (a joint line's when
    None) at the case's date."""
    if case.settings.redundancy_weekly_pay_cap is not None:
        return case.settings.redundancy_weekly_pay_cap
    return cap_lookup(case, organisation).weekly_pay


def cap_summary(case) -> str:
    """The weekly pay cap(s) the case's redundancy pay uses, in words for the paper: the
    setting, else each jurisdiction's figure at the case's date with the date it took effect.

    Great Britain's is given wherever a line is joint or an organisation is outside Northern
    Ireland; Northern Ireland's where any organisation is in Northern Ireland.
    """
    from ..formatting import money

    if case.settings.redundancy_weekly_pay_cap is not None:
        return f"{money(case.settings.redundancy_weekly_pay_cap)} (set in the case)"
    tables = [cap_table(case, o.id) for o in case.organisations]
    used = [t for t in (GREAT_BRITAIN, NORTHERN_IRELAND) if t in tables]
    if NORTHERN_IRELAND not in used or cap_table(case, None) == GREAT_BRITAIN:
        used = sorted(set(used) | {GREAT_BRITAIN}, key=(GREAT_BRITAIN, NORTHERN_IRELAND).index)
    day = date.fromisoformat(case.date) if case.date else None
    parts = []
    for table in used:
        found = cap_on(table, day)
        parts.append(f"{money(found.weekly_pay)} in {JURISDICTION_NAME[table]} (from "
                     f"{found.entry.start.day} {found.entry.start:%B %Y})")
    return "; ".join(parts)
