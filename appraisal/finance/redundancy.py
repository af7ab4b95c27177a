"""Redundancy costs (model.md §2): statutory weeks, the weekly pay cap, notice, NIC, strain."""
from __future__ import annotations

from dataclasses import dataclass

# The cap on a week's pay comes from the tables of :mod:`appraisal.finance.caps`, by the paying
# organisation's jurisdiction and the case's date (model-v2.md V7).


def statutory_weeks(age: int, years_service: int) -> float:
    """Weeks of statutory redundancy pay (Employment Rights Act 1996 s.162).

    Nothing under 2 complete years of service. Otherwise count back at most 20 complete years
    from the date of redundancy; the k-th year back (k = 1 the most recent) was worked at age
    ``age − k`` and earns 1.5 weeks at 41 or over, 1 week from 22 to 40 and half a week under 22.

    Worked example (model.md §2): age 45 with 12 years → ages 44..41 give 4 × 1.5 = 6 weeks and
    ages 40..33 give 8 × 1 = 8 weeks: 14 weeks.

    >>> statutory_weeks(45, 12)
    14.0
    >>> statutory_weeks(30, 1)
    0.0
    """
    if years_service < 2:
        return 0.0
    weeks = 0.0
    for k in range(1, min(years_service, 20) + 1):
        worked_at = age - k
        weeks += 1.5 if worked_at >= 41 else 1.0 if worked_at >= 22 else 0.5
    return weeks


@dataclass(frozen=True)
class RedundancyCost:
    """One redundancy line worked through, per person and in total."""

    weeks: float
    pay_for_weeks: float        # the week's pay used: capped or actual
    redundancy_pay: float       # enhancement × weeks × pay
    notice_pay: float           # notice weeks × actual weekly pay (never capped)
    employer_nic: float         # on notice pay and on the award above the threshold
    pension_strain: float
    per_person: float
    count: int

    @property
    def total(self) -> float:
        return self.count * self.per_person


def redundancy_cost(line, cap: float, nic_rate: float, nic_threshold: float) -> RedundancyCost:
    """Cost of a redundancy line (model.md §2).

    redundancy_pay = enhancement × weeks × pay, pay = min(weekly_pay, cap) when capped;
    notice_pay = notice_weeks × weekly_pay; employer_nic = rate × (notice_pay +
    max(0, redundancy_pay − threshold)); each person costs the sum plus pension strain.

    Worked example: age 45, 12 years, £900 a week, cap £719, 12 weeks' notice:
    14 × 719 = £10,066 + 12 × 900 = £10,800 + 15% × 10,800 = £1,620 → £22,486.
    """
    weeks = statutory_weeks(line.age, line.years_service)
    pay = min(line.weekly_pay, cap) if line.cap_weekly_pay else line.weekly_pay
    redundancy_pay = line.enhancement_multiplier * weeks * pay
    notice_pay = line.notice_weeks * line.weekly_pay
    nic = nic_rate * (notice_pay + max(0.0, redundancy_pay - nic_threshold))
    per_person = redundancy_pay + notice_pay + nic + line.pension_strain
    return RedundancyCost(weeks, pay, redundancy_pay, notice_pay, nic, line.pension_strain,
                          per_person, line.count)
