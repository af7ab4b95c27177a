"""Where everything sits on an option sheet, planned before a cell is written.

The same year sits in the same column on every option sheet (FAST 2.01): the inputs of a line
occupy the columns left of the timeline, then its sign, its total over the horizon and its
present value, then one column per year. Rows run top to bottom: key results, the timeline,
one block of lines per kind, totals by results column, the discounting and payback rows, the
per-unit flows that the Sensitivity sheet reads. The redundancy workings have their own sheet.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...finance.baseline import ONE_OFF_COLUMNS as ONE_OFF_INDICES
from ...kinds import BUILD_ORDER, LINE_KINDS, RANGED_KINDS, RESULT_COLUMNS
from ...kinds import COLUMN_IDS as COLUMNS
from ...results import OptionResult
from .cells import col

# Fixed columns of a line row.
REF, LABEL, TYPE, ORG, MAIN, LOW, HIGH, WHEN, BASIS, EXTRA = range(1, 11)
MIN_EXTRA = 5           # a loan line uses five kind-specific columns
MIN_YEARS = 30          # model version 2's horizon table runs to 30 years

COLUMN_LABEL = {c.id: c.title for c in RESULT_COLUMNS}
# The kinds and columns the sheets treat apart, found by what kinds.py says of them.
BENEFIT_COLUMN = next(c.id for c in RESULT_COLUMNS if c.benefit)        # savings: added
SAVINGS_KIND = next(k.id for k in LINE_KINDS if k.column == BENEFIT_COLUMN)
LOAN_KIND = next(k.id for k in LINE_KINDS if k.organisation == "loan")
SHARED_KIND = next(k.id for k in LINE_KINDS if k.organisation == "recipient")
WORKED_KINDS = tuple(k.id for k in LINE_KINDS if k.main is None)     # worked on their own sheet
# A yearly cost from a start year; a cost in one year, perhaps renewed; a debt paid off in
# instalments (the one cost with an amount that is never renewed).
RECURRING_KIND = next(k.id for k in LINE_KINDS if k.family == "costs" and k.main == "annual")
ONE_OFF_KIND = next(k.id for k in LINE_KINDS if k.renews)
PENSION_KIND = next(k.id for k in LINE_KINDS if k.main == "amount" and not k.renews)
ONE_OFF_COLUMNS = tuple(COLUMNS[i] for i in ONE_OFF_INDICES)           # undiscounted up front

# Key results at the top of each option sheet (label in LABEL, value in MAIN); the figures
# against the baseline follow model-v2.md V1.
(R_ID, R_NPV, R_PV_SAVINGS, R_PV_COSTS, R_BCR, R_PAYBACK, R_ONE_OFF, R_LOW, R_LOW_YEAR,
 R_IS_BASE) = range(4, 14)
# The timeline: year, calendar year, in-horizon flag, the discount rate of each year, the
# discount factor and the inflation deflator (model-v2.md V2, V3).
T_ROW, CAL_ROW, FLAG_ROW, RATE_ROW, DF_ROW, DEFL_ROW = range(15, 21)
FIRST_LINE_ROW = 22


@dataclass(frozen=True)
class Grid:
    """Columns shared by every option sheet of one workbook."""

    extra_width: int
    years: int              # year columns built: the longest horizon the case can use

    @property
    def sign(self) -> int:
        return EXTRA + self.extra_width

    @property
    def total(self) -> int:
        return self.sign + 1

    @property
    def pv(self) -> int:
        return self.sign + 2

    @property
    def first_year(self) -> int:
        return self.sign + 4

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1

    def year_columns(self) -> list[str]:
        return [col(c) for c in range(self.first_year, self.last_year + 1)]

    def row_span(self, row: int) -> str:
        """The timeline of one row, absolute: ``$P$20:$Y$20``."""
        return f"${col(self.first_year)}${row}:${col(self.last_year)}${row}"


@dataclass
class OptionLayout:
    """Rows of one option sheet."""

    sheet: str
    blocks: list[tuple[str, int]] = field(default_factory=list)   # (kind, header row)
    line_row: dict[str, int] = field(default_factory=dict)         # ref → row
    lines_first: int = FIRST_LINE_ROW
    lines_last: int = FIRST_LINE_ROW
    totals_header: int = 0
    total_row: dict[str, int] = field(default_factory=dict)        # results column → row
    net: int = 0
    df: int = DF_ROW
    discounted: int = 0
    net_all: int = 0            # net in every built year (the horizon table reads it)
    base_net: int = 0           # the baseline's net (from the Baseline sheet)
    gap: int = 0                # net less the baseline's
    cum_gap: int = 0            # accumulated gap (payback and funding low point)
    behind: int = 0             # the year, where still behind the baseline
    unit_header: int = 0
    unit_row: dict[str, int] = field(default_factory=dict)         # ref → row
    last_row: int = 0


def kind_of(ref: str) -> tuple[str, int]:
    """``"savings[2]"`` → ``("savings", 2)``."""
    kind, _, rest = ref.partition("[")
    return kind, int(rest.rstrip("]"))


def max_years(results) -> int:
    """Year columns to build: at least 30, the horizon, the longest loan's remaining term and
    the longest horizon of the engine's horizon table (model-v2.md V2)."""
    case = results.case
    loans = [loan.remaining_years for org in case.organisations for loan in org.loans]
    table = [entry.years for entry in results.horizon_sensitivity]
    return max([MIN_YEARS, results.horizon, *loans, *table])


def grid_for(case, years: int) -> Grid:
    """Columns wide enough for the longest savings ramp of any option."""
    ramps = [len(line.ramp) for o in case.options for line in o.savings]
    return Grid(extra_width=max([MIN_EXTRA, *ramps]), years=years)


def plan_option(sheet: str, option: OptionResult) -> OptionLayout:
    """Row numbers for every block of an option sheet."""
    lay = OptionLayout(sheet=sheet)
    row = FIRST_LINE_ROW
    by_kind = {k: [l.ref for l in option.lines if l.kind == k] for k in BUILD_ORDER}
    for kind in BUILD_ORDER:
        if not by_kind[kind]:
            continue
        lay.blocks.append((kind, row))
        row += 1
        for line_ref in by_kind[kind]:
            lay.line_row[line_ref] = row
            row += 1
    lay.lines_last = max(row - 1, FIRST_LINE_ROW)
    row = lay.lines_last + 2
    lay.totals_header = row
    row += 1
    for column in COLUMNS:
        lay.total_row[column] = row
        row += 1
    (lay.net, lay.discounted, lay.net_all, lay.base_net, lay.gap, lay.cum_gap,
     lay.behind) = range(row, row + 7)
    row += 8
    units = [l.ref for l in option.lines if l.kind in RANGED_KINDS]
    if units:
        lay.unit_header = row
        row += 1
        for line_ref in units:
            lay.unit_row[line_ref] = row
            row += 1
        row += 1
    lay.last_row = row
    return lay
