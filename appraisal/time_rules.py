"""Rules of the case file about time and prices (model-v2.md V2, V3), reported with field paths.

The pydantic models check each of these fields on its own; the rules here join them to the rest
of the case: a declining schedule needs the Green Book's 3.5%, and ``basis`` and ``renew_every``
belong only on the lists that can take them.
"""
from __future__ import annotations

from collections.abc import Iterator

from .case import Case
from .kinds import LINE_KINDS

GREEN_BOOK_RATE = 0.035


def check_time_and_prices(case: Case) -> Iterator[tuple[str, str]]:
    """The discount schedule against the rate; ``basis`` and ``renew_every`` where they belong."""
    s = case.settings
    if s.discount_schedule == "declining" and s.discount_rate != GREEN_BOOK_RATE:
        yield "settings.discount_schedule", (
            "the declining schedule is the Green Book's for its 3.5% rate: set the discount "
            f"rate to 3.5% (it is {s.discount_rate:.2%}) or use a flat schedule")
    for i, option in enumerate(case.options):
        for kind in LINE_KINDS:
            for j, line in enumerate(getattr(option, kind.id)):
                extra = line.model_extra or {}
                path = f"options[{i}].{kind.id}[{j}]"
                if not kind.basis and "basis" in extra:
                    yield f"{path}.basis", (
                        f"{kind.words} take no basis: only {_listed(k for k in LINE_KINDS if k.basis)} "
                        "may be nominal")
                if not kind.renews and "renew_every" in extra:
                    yield f"{path}.renew_every", (
                        f"{kind.words} do not renew: only {_listed(k for k in LINE_KINDS if k.renews)} may")


def _listed(kinds) -> str:
    """'savings, recurring costs and shared services'."""
    words = [k.words for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
