"""Rules of the case file about time and prices (model-v2.md V2, V3), reported with field paths.

The pydantic models check each of these fields on its own; the rules here join them to the rest
of the case: a declining schedule needs the Green Book's 3.5%, and ``basis`` and ``renew_every``
belong only on the lists that can take them.
"""
from __future__ import annotations

from collections.abc import Iterator

from .case import BASIS_KINDS, LINE_KINDS, Case

GREEN_BOOK_RATE = 0.035
RENEWING_KINDS = ("one_off_costs",)

_LIST_NAMES = {
    "savings": "savings", "recurring_costs": "recurring costs",
    "shared_services": "shared services", "one_off_costs": "one-off costs",
    "redundancies": "redundancies", "loan_repricing": "loan re-pricing",
    "pension_cessation": "pension cessation",
}


def check_time_and_prices(case: Case) -> Iterator[tuple[str, str]]:
    """The discount schedule against the rate; ``basis`` and ``renew_every`` where they belong."""
    s = case.settings
    if s.discount_schedule == "declining" and s.discount_rate != GREEN_BOOK_RATE:
        yield "settings.discount_schedule", (
            "the declining schedule is the Green Book's for its 3.5% rate: set the discount "
            f"rate to 3.5% (it is {s.discount_rate:.2%}) or use a flat schedule")
    for i, option in enumerate(case.options):
        for kind in LINE_KINDS:
            for j, line in enumerate(getattr(option, kind)):
                extra = line.model_extra or {}
                path = f"options[{i}].{kind}[{j}]"
                if kind not in BASIS_KINDS and "basis" in extra:
                    yield f"{path}.basis", (
                        f"{_LIST_NAMES[kind]} take no basis: only savings, recurring costs, "
                        "shared services and pension cessation may be nominal")
                if kind not in RENEWING_KINDS and "renew_every" in extra:
                    yield f"{path}.renew_every", (
                        f"{_LIST_NAMES[kind]} do not renew: only one-off costs may")
