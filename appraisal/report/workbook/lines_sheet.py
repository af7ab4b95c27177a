"""The Lines sheet: every option's money lines as inputs, apart from the calculations (FAST).

Each option has a block per kind of line, in the same columns as the input columns of its
option sheet (which links to these cells, in green). Redundancy lines are entered on the
Redundancy sheet beside their workings.
"""
from __future__ import annotations

from .option_layout import LABEL, REF, TYPE, Grid
from .option_lines import write_block_header

SHEET = "Lines"


class LinesSheet:
    """Lays the input rows out as the option sheets ask for them."""

    def __init__(self, ws, grid: Grid) -> None:
        self.ws, self.grid = ws, grid
        ws.text(1, 1, "Lines: each option's money lines (change the blue cells on pale yellow)",
                "Title")
        ws.text(2, 1, "Each option's sheet links to these cells; redundancy lines are on the "
                "Redundancy sheet.", "Note")
        self.row = 3
        self._option: str | None = None
        self._kind: str | None = None

    def line(self, kind: str, line_ref: str, option_name: str) -> int:
        """The row for the next line (a title and a block header first where they change)."""
        if option_name != self._option:
            self.row += 1
            self.ws.text(self.row, REF, option_name, "Section")
            self.row += 1
            self._option, self._kind = option_name, None
        if kind != self._kind:
            write_block_header(self.ws, self.grid, kind, self.row, self.grid.extra_width,
                               inputs_only=True)
            self.ws.text(self.row, self.grid.sign, "Driver (shared uncertainty)", "Header")
            self.row += 1
            self._kind = kind
        r = self.row
        self.ws.text(r, REF, line_ref)
        self.ws.text(r, TYPE, option_name, "Note")
        self.row += 1
        return r

    def driver(self, row: int, driver: str | None) -> None:
        """The line's shared driver (its draws move with every line that names it), shown
        beside it; Continuum's Monte Carlo reads it, the workbook's formulas do not."""
        self.ws.text(row, self.grid.sign, driver or "", "Note")

    def finish(self) -> None:
        widths = {REF: 16, LABEL: 40, TYPE: 18, 4: 14, 5: 14, 6: 12, 7: 12, 8: 9}
        widths.update({c: 11 for c in range(9, self.grid.sign)})
        widths[self.grid.sign] = 22
        for c, w in widths.items():
            self.ws.width(c, w)
