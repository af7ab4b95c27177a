"""Drivers: the uncertain quantities of a case, each moving one or more lines (model-v2.md V4).

A ranged line that names a ``driver`` shares one uncertain quantity with every other line naming
it, in any option, the baseline included; a ranged line without one is a driver of its own. A
driver's lines are listed in the order of the line table (options in file order; within an option
savings, recurring costs, shared services, one-off costs, loan re-pricing, pension cessation; lines
in list order), so its first line gives its label.

The model is linear in every line's main quantity q, so moving a driver moves each option's NPV
by ``Σ g_l × Δq_l`` over its lines (g the NPV per unit of q, see :func:`gradients`). Its effect on
an option's NPV against the baseline is that sum for the option less the same for the baseline:
a cost shared by the option and the baseline through one driver moves on both sides and cancels.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .finance.lines import LineTable
from .kinds import KIND


@dataclass
class Drivers:
    """The drivers of a case; row d of each array describes driver d."""

    of_line: np.ndarray             # int[L]: the line's driver, −1 where it has no range
    lines: list[np.ndarray]         # per driver: its lines (rows of the table), in order
    names: list[str | None]         # per driver: the name the case gives, None for a lone line
    savings: np.ndarray             # bool[D]: a driver of the savings family (else costs)
    change: np.ndarray              # bool[D]: has a line in an option other than the baseline

    @property
    def count(self) -> int:
        return len(self.lines)

    def ref(self, table: LineTable, d: int, baseline: int) -> str:
        """``LIST[index]`` for a driver of one line (``baseline:`` before a baseline's line);
        ``driver:NAME`` for a driver of several."""
        rows = self.lines[d]
        if len(rows) > 1:
            return f"driver:{self.names[d]}"
        l = int(rows[0])
        prefix = "baseline:" if table.option[l] == baseline else ""
        return prefix + table.ref[l]


def gradients(table: LineTable, df: np.ndarray) -> np.ndarray:
    """NPV change of a line's option per unit of the line's main quantity: float[L]."""
    return table.sign * (table.unit @ df)


def build_drivers(table: LineTable, baseline: int) -> Drivers:
    """Group the ranged lines into drivers, in the order of their first lines."""
    of_line = np.full(len(table.option), -1, dtype=int)
    lines: list[list[int]] = []
    names: list[str | None] = []
    by_name: dict[str, int] = {}
    for l in np.flatnonzero(table.ranged):
        name = table.driver[l] if table.driver else None
        if name is not None and name in by_name:
            d = by_name[name]
        else:
            d = len(lines)
            lines.append([])
            names.append(name)
            if name is not None:
                by_name[name] = d
        lines[d].append(int(l))
        of_line[l] = d
    rows = [np.asarray(x, dtype=int) for x in lines]
    savings = np.array([KIND[table.kind[r[0]]].family == "savings" for r in rows], dtype=bool)
    change = np.array([bool(np.any(table.option[r] != baseline)) for r in rows], dtype=bool)
    return Drivers(of_line, rows, names, savings, change)


def effects(table: LineTable, drivers: Drivers, g: np.ndarray, ends: np.ndarray,
            n_options: int, baseline: int) -> np.ndarray:
    """Change in each option's NPV against the baseline, driver by driver: float[D, O].

    Every line of driver d moves from its base q to ``ends[l]`` (its low, its high, its mean...),
    all else at base. The baseline's column is 0.
    """
    ranged = np.flatnonzero(drivers.of_line >= 0)
    out = np.zeros((drivers.count, n_options))
    np.add.at(out, (drivers.of_line[ranged], table.option[ranged]),
              g[ranged] * (ends[ranged] - table.q[ranged]))
    return out - out[:, [baseline]]


def triangular_mean(table: LineTable) -> np.ndarray:
    """Each ranged line's triangular mean ``(low + base + high) / 3``; base elsewhere."""
    return np.where(table.ranged, (np.nan_to_num(table.low) + table.q
                                   + np.nan_to_num(table.high)) / 3.0, table.q)
