"""Edits that give a case its uncertainty: copying a line to other options with a shared driver,
and giving every line without a range one (model-v2.md V4).

Both work on the case's data (a dict, as read from the file) so the app can apply each as one
undoable edit, and both write their result into the lines themselves, where it can be seen and
changed afterwards: nothing is an invisible default.
"""
from __future__ import annotations

import copy
import re

from .kinds import KIND, RANGED_KINDS

# Suggested ends, as fractions of the base: savings are more often over- than under-delivered,
# costs more often over- than under-spent (the Green Book's optimism bias, in range form).
SAVINGS_RANGE = (0.30, 0.10)      # −30% / +10%
COSTS_RANGE = (0.10, 0.30)        # −10% / +30%


def driver_name(label: str, taken: set[str]) -> str:
    """A short driver name from a line's label, unique among ``taken``.

    >>> driver_name("Single executive team", {"single-executive-team"})
    'single-executive-team-2'
    >>> driver_name("Net extra income from a shared donor base", set())
    'net-extra-income-from-a-shared-donor'
    """
    words = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    base = words if len(words) <= 40 else words[:41].rsplit("-", 1)[0]    # whole words
    base = base or "shared"
    name, k = base, 2
    while name in taken:
        name, k = f"{base}-{k}", k + 1
    return name


def drivers_in(data: dict) -> set[str]:
    """Every driver name the case's lines use."""
    return {line["driver"] for option in data.get("options", [])
            for kind in RANGED_KINDS for line in option.get(kind, []) or []
            if isinstance(line, dict) and isinstance(line.get("driver"), str)}


def copy_line(data: dict, option: int, kind: str, row: int, targets: list[int]) -> str | None:
    """Copy line ``row`` of ``kind`` in option ``option`` to the end of each target option's list.

    A line with a range gets a driver (its own, or one named from its label) that the copies
    share, so the copies are one uncertain figure with the original. Returns the driver, or None
    for a line without a range (its copies are the same certain figure).
    """
    line = data["options"][option][kind][row]
    shared = None
    if kind in RANGED_KINDS and line.get("low") is not None and line.get("high") is not None:
        shared = line.get("driver") or driver_name(line.get("label") or KIND[kind].noun,
                                                   drivers_in(data))
        line["driver"] = shared
    for target in targets:
        if target == option:
            continue
        data["options"][target].setdefault(kind, []).append(copy.deepcopy(line))
    return shared


def give_ranges(data: dict, savings: tuple[float, float] = SAVINGS_RANGE,
                costs: tuple[float, float] = COSTS_RANGE) -> int:
    """Give every line that may carry a range and has none the range ``−down / +up`` of its base.

    ``savings`` and ``costs`` are ``(down, up)`` fractions for the two families. The ends are
    measured on the size of the base, so a negative amount (a pension credit) keeps ``low`` below
    ``high``. Returns how many lines were given a range.

    >>> case = {"options": [{"savings": [{"annual": 100000.0}],
    ...                      "pension_cessation": [{"amount": -50000.0, "low": -60000.0,
    ...                                             "high": -40000.0}]}]}
    >>> give_ranges(case), case["options"][0]["savings"][0]
    (1, {'annual': 100000.0, 'low': 70000.0, 'high': 110000.0})
    """
    count = 0
    for option in data.get("options", []):
        for kind in RANGED_KINDS:
            row = KIND[kind]
            down, up = savings if row.family == "savings" else costs
            for line in option.get(kind, []) or []:
                if line.get("low") is not None or line.get("high") is not None:
                    continue
                base = line.get(row.main)
                if not isinstance(base, (int, float)) or isinstance(base, bool):
                    continue
                size = abs(float(base))
                line["low"] = round(float(base) - down * size, 2)
                line["high"] = round(float(base) + up * size, 2)
                count += 1
    return count
