"""The live Excel model: ``workbook_bytes(results) -> bytes`` (model.md §2 as formulas).

Written with XlsxWriter. Every calculated figure is an Excel formula tracing back to an input
cell, stored with the engine's figure as its result, so a finance director can flex an input and
watch the whole appraisal move exactly as Continuum computes it, and a viewer that does not
recalculate still shows every figure. The sheets follow FAST / ICAEW practice: Cover (contents,
checks, colour key), Summary (presentation), Inputs (foundation), one sheet per option,
Redundancy and Scores (workings), By organisation and Sensitivity (presentation), Warnings,
Checks (control) and Constants. Sheet writers return the addresses they create; later sheets
refer to them, and to the named settings, never to a typed-in number.
"""
from __future__ import annotations

from datetime import date

from ... import __version__
from ...results import Results
from .baseline_sheet import addresses as baseline_addresses
from .baseline_sheet import write_baseline
from .capacity import has_capacity, write_capacity
from .capacity_figures import CapacityFigures
from .cells import Book, Meta, sheet_title
from .checks import write_checks
from .constants import write_constants
from .cover import write_cover, write_warnings
from .deal_sheet import write_deal
from .figures import Timeline
from .horizon import write_horizon
from .inputs import write_inputs
from .lines_sheet import LinesSheet
from .members import write_members
from .option_layout import FIRST_LINE_ROW, FLAG_ROW, LABEL, T_ROW, grid_for, max_years
from .option_lines import LineWriter
from .option_redundancy import write_redundancy
from .option_sheet import write_option_sheet
from .organisations import write_organisations
from .scores import write_scores
from .sensitivity import write_sensitivity
from .styles import print_setup
from .summary import TOP, link_scores, write_summary

__all__ = ["FIXED_SHEETS", "option_sheet_titles", "workbook_bytes"]

FIXED_SHEETS = ("Cover", "Summary", "Inputs", "Lines", "Redundancy", "Baseline", "Horizon",
                "Scores", "Members", "By organisation", "Capacity", "Sensitivity", "Deal",
                "Warnings", "Checks",
                "Constants")


def option_sheet_titles(results: Results) -> list[str]:
    """Safe, unique sheet names for the options: "1 Remain standalone", "2 Merger" ..."""
    taken = {name.lower() for name in FIXED_SHEETS}
    return [sheet_title(f"{i} {o.name}", taken) for i, o in enumerate(results.options, start=1)]


def workbook_bytes(results: Results, *, today: date | None = None) -> bytes:
    """The live Excel model of an appraisal, as the bytes of an .xlsx file."""
    day = today or date.today()
    meta = Meta(results.case.title, f"{day.day} {day:%B %Y}", __version__)
    book = Book()
    titles = option_sheet_titles(results)
    has_redundancy = any(o.redundancies for o in results.options)
    order = ["Cover", "Summary", "Inputs", "Lines", *titles,
             *(["Redundancy"] if has_redundancy else []), "Baseline", "Horizon", "Scores",
             *(["Members"] if results.members else []), "By organisation",
             *(["Capacity"] if has_capacity(results) else []),
             "Sensitivity", "Deal", "Warnings", "Checks", "Constants"]
    sheets = {title: book.sheet(title) for title in order}
    years = max_years(results)
    bands = write_constants(book, sheets["Constants"], years)
    inputs = write_inputs(book, sheets["Inputs"], results, years)
    workings = {}
    if has_redundancy:
        workings = write_redundancy(sheets["Redundancy"], results, bands, years, inputs)
    grid = grid_for(results.case, years)
    lines = LinesSheet(sheets["Lines"], grid)
    timeline = Timeline(results, years)
    option_maps = []
    for o, (option, title) in enumerate(zip(results.options, titles)):
        writer = LineWriter(sheets[title], grid, results.case, years, lines, timeline)
        mine = {ref: w for (oid, ref), w in workings.items() if oid == option.id}
        option_maps.append(write_option_sheet(
            sheets[title], results, o, grid, writer, mine, timeline,
            inputs.option_id[option.id], baseline_addresses()))
    lines.finish()
    write_baseline(sheets["Baseline"], results, grid, option_maps,
                   [inputs.option_id[o.id] for o in results.options],
                   [m.net_line for m in option_maps], timeline)
    summary = write_summary(book, sheets["Summary"], results, option_maps)
    scores = write_scores(sheets["Scores"], results, inputs, summary)
    link_scores(sheets["Summary"], results, summary, scores.weighted, scores.rank)
    if "Members" in sheets:
        write_members(sheets["Members"], results)
    orgs = write_organisations(sheets["By organisation"], results, inputs, option_maps)
    write_sensitivity(book, sheets["Sensitivity"], results, option_maps, summary, timeline.table,
                      [inputs.option_id[o.id] for o in results.options], scores)
    write_horizon(sheets["Horizon"], results, option_maps, scores, timeline, grid)
    write_warnings(sheets["Warnings"], results)
    deal_open = write_deal(sheets["Deal"], results, option_maps)       # deal-terms.md D6
    capacity = None
    if "Capacity" in sheets:
        capacity = write_capacity(book, sheets["Capacity"], results,
                                  CapacityFigures(results, timeline.table, years), inputs,
                                  option_maps, grid)
    checks = write_checks(book, sheets["Checks"], results, option_maps, summary, scores, orgs,
                          inputs, capacity, deal_open)
    write_cover(sheets["Cover"], results, checks, meta, order, titles, capacity)
    for title, sheet in sheets.items():
        if title in titles:
            print_setup(sheet, meta, freeze=(FIRST_LINE_ROW - 1, LABEL + 1),
                        repeat_rows=(T_ROW, FLAG_ROW), repeat_cols=LABEL,
                        last_col=grid.first_year + results.horizon - 1)
        elif title == "Baseline":
            print_setup(sheet, meta, repeat_cols=LABEL,
                        last_col=grid.first_year + results.horizon - 1)
        elif title == "Summary":
            print_setup(sheet, meta, freeze=(TOP + 1, 3), repeat_rows=(TOP, TOP))
        elif title in ("Cover", "Warnings"):
            print_setup(sheet, meta, portrait=False)
        else:
            print_setup(sheet, meta, repeat_cols=2 if title != "Checks" else 1)
    sheets["Cover"].ws.activate()
    return book.close()
