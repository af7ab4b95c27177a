"""The Sensitivity sheet's workings: each driver moved to its low and its high, and what that
does to each option's NPV, as live formulas (model-v2.md V4).

A driver is a ranged line, or every line that names the same driver, in any option. The model is
linear in each line's main quantity q, so with g the line's NPV per unit (its option sheet's
"NPV per unit") the driver at its low moves option p's NPV by ``Σ g × (low − q)`` over p's lines
of that driver (and likewise at its high). Against the baseline the baseline's own move is taken
off, so a cost shared through one driver cancels. The worse change of a driver for an option is
the smaller of its two changes against the baseline, the better change the larger: the
pessimistic scenario adds every driver's worse change to the option's NPV against the baseline,
the optimistic one every better change. ``q`` is the quantity as typed on the Lines sheet, so the
workings hold whatever the Scenario switch says.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...drivers import build_drivers
from ...results import Results
from .cells import col, span
from .styles import MONEY

BLOCKS = ("At its low", "At its high", "Worse against the baseline", "Better against the "
                                                                     "baseline")


@dataclass
class DriverCells:
    """Where the workings sit: per driver its row; per block and option its column."""

    top: int                       # first driver row
    ids_row: int                   # the options' ids (for the baseline lookup)
    rows: list[int]
    n_options: int
    of_ref: dict[tuple[int, str], int]        # (option index, line ref) → driver
    by_name: dict[str, int]
    first_line: list[tuple[int, str]]         # per driver: its first line (option, ref)
    low: np.ndarray                           # float[D, O] NPV change at low
    high: np.ndarray
    end: int = 0                              # the row after the block

    def cell(self, block: int, d: int, o: int) -> str:
        return f"${col(3 + block * self.n_options + o)}${self.rows[d]}"

    def against(self, block: int, d: int, o: int) -> str:
        """The driver's move of option o's NPV at low (block 0) or high (1), less the
        baseline's."""
        first, last = 3 + block * self.n_options, 2 + (block + 1) * self.n_options
        ids = span(self.ids_row, 3, self.ids_row, 2 + self.n_options)
        own = f"${col(first)}${self.rows[d]}:${col(last)}${self.rows[d]}"
        return f"({self.cell(block, d, o)}-SUMPRODUCT(--({ids}=BaselineOption),{own}))"

    def driver_of(self, o: int, base: int, line_ref: str) -> int:
        """The driver a tornado row names: ``driver:NAME``, ``baseline:LIST[i]`` or a line."""
        if line_ref.startswith("driver:"):
            return self.by_name[line_ref.removeprefix("driver:")]
        if line_ref.startswith("baseline:"):
            return self.of_ref[(base, line_ref.removeprefix("baseline:"))]
        return self.of_ref[(o, line_ref)]


def write_drivers(ws, results: Results, table, maps, inputs_ids: list[str], row: int):
    """Write the workings from ``row``; return their cells."""
    base = next(i for i, o in enumerate(results.options) if o.baseline)
    drivers = build_drivers(table, base)
    n_opt = len(results.options)
    g = np.array([maps[int(table.option[l])].lines[table.ref[l]].gradient_value
                  if table.ref[l] in maps[int(table.option[l])].lines else 0.0
                  for l in range(len(table.q))])
    ends = []
    for bound in (table.low, table.high):
        out = np.zeros((drivers.count, n_opt))
        for d, lines in enumerate(drivers.lines):
            for l in lines:
                out[d, table.option[l]] += g[l] * (bound[l] - table.q[l])
        ends.append(out)
    ws.text(row, 1, "Workings: each driver at its low and its high, and the change in each "
                    "option's NPV (its own lines; then against the baseline)", "Section")
    ws.text(row + 1, 1, "Driver", "Header")
    ws.text(row + 1, 2, "Lines it moves", "Header")
    for b, words in enumerate(BLOCKS):
        for o, option in enumerate(results.options):
            ws.text(row + 1, 3 + b * n_opt + o, f"{words}: {option.name}", "Header")
    ids_row = row + 2
    ws.text(ids_row, 1, "Option id (for the baseline lookup)", "Note")
    for o, option in enumerate(results.options):
        ws.formula(ids_row, 3 + o, f"={inputs_ids[o]}", option.id, "Link")
    ws.hide_row(ids_row)
    top = ids_row + 1
    cells = DriverCells(
        top=top, ids_row=ids_row, rows=[top + d for d in range(drivers.count)], n_options=n_opt,
        of_ref={(int(table.option[l]), table.ref[l]): d for d, ls in enumerate(drivers.lines)
                for l in ls},
        by_name={n: d for d, n in enumerate(drivers.names) if n is not None},
        first_line=[(int(table.option[ls[0]]), table.ref[ls[0]]) for ls in drivers.lines],
        low=ends[0], high=ends[1])
    base_low, base_high = ends[0][:, base], ends[1][:, base]
    for d, lines in enumerate(drivers.lines):
        r = cells.rows[d]
        first = lines[0]
        ws.text(r, 1, drivers.names[d] or table.label[first])
        ws.text(r, 2, ", ".join(f"{results.options[int(table.option[l])].name}: "
                                f"{table.label[l]}" for l in lines))
        for b, (bound, cell_ends) in enumerate(((LOW, ends[0]), (HIGH, ends[1]))):
            for o in range(n_opt):
                terms = []
                for l in lines:
                    if int(table.option[l]) != o:
                        continue
                    line = maps[o].lines[table.ref[l]]
                    terms.append(f"{line.gradient}*({getattr(line, bound)}-{line.typed})")
                if terms:
                    ws.formula(r, 3 + b * n_opt + o, "=" + "+".join(terms),
                               float(cell_ends[d, o]), "Calc", MONEY)
                else:
                    ws.value(r, 3 + b * n_opt + o, 0, "Constant", MONEY)
        for o in range(n_opt):
            lo, hi = ends[0][d, o] - base_low[d], ends[1][d, o] - base_high[d]
            for b, fn, value in ((2, "MIN", min(lo, hi)), (3, "MAX", max(lo, hi))):
                ws.formula(r, 3 + b * n_opt + o, f"={fn}({cells.against(0, d, o)},"
                           f"{cells.against(1, d, o)})", float(value), "Calc", MONEY)
    cells.end = top + max(drivers.count, 1) + 1
    if not drivers.count:
        ws.text(top, 1, "No line has a low and high range.", "Note")
    return cells


LOW, HIGH = "low", "high"
