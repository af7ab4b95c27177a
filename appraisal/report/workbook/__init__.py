"""The live Excel model: ``workbook_bytes(results) -> bytes`` (model.md §2 as formulas).

Every calculated figure is an Excel formula tracing back to an input cell, so a finance director
can flex an input and watch the whole appraisal move exactly as Continuum computes it. The
sheets follow FAST / ICAEW practice: Cover (how to use, colour key, master check), Inputs
(foundation), one sheet per option and Scores (workings), Summary, By organisation and
Sensitivity (presentation), Checks (control). Sheet writers return the addresses they create;
later sheets refer to them, and to the named settings, never to a typed-in number.
"""
from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook

from ...results import Results
from .cells import sheet_title
from .checks import write_checks
from .cover import write_cover
from .inputs import write_inputs
from .option_layout import grid_for
from .option_sheet import write_option_sheet
from .organisations import write_organisations
from .scores import write_scores
from .sensitivity import write_sensitivity
from .styles import register_styles
from .summary import link_scores, write_summary

__all__ = ["workbook_bytes", "build_workbook", "FIXED_SHEETS"]

FIXED_SHEETS = ("Cover", "Summary", "Inputs", "Scores", "By organisation", "Sensitivity",
                "Checks")


def option_sheet_titles(results: Results) -> list[str]:
    """Safe, unique sheet names for the options: "1 Remain standalone", "2 Merger" ..."""
    taken = {name.lower() for name in FIXED_SHEETS}
    return [sheet_title(f"{i} {o.name}", taken) for i, o in enumerate(results.options, start=1)]


def build_workbook(results: Results) -> Workbook:
    """The model as an openpyxl Workbook (no cached values: Excel and LibreOffice recalculate)."""
    wb = Workbook()
    wb.remove(wb.active)
    register_styles(wb)
    inputs = write_inputs(wb, results)
    grid = grid_for(results.options, results.case, results.horizon)
    titles = option_sheet_titles(results)
    option_maps = [write_option_sheet(wb, results, o, title, grid, inputs)
                   for o, title in enumerate(titles)]
    summary = write_summary(wb, results, option_maps)
    scores = write_scores(wb, results, inputs, summary)
    link_scores(wb, summary, scores.weighted, scores.rank)
    orgs = write_organisations(wb, results, inputs, option_maps)
    write_sensitivity(wb, results, option_maps, summary)
    checks = write_checks(wb, results, option_maps, summary, scores, orgs)
    write_cover(wb, results, checks)
    _order(wb, ["Cover", "Summary", "Inputs", *titles, "Scores", "By organisation",
                "Sensitivity", "Checks"])
    wb.calculation.fullCalcOnLoad = True
    wb.active = 0
    return wb


def _order(wb: Workbook, names: list[str]) -> None:
    for target, name in enumerate(names):
        ws = wb[name]
        wb.move_sheet(ws, offset=target - wb.index(ws))


def workbook_bytes(results: Results) -> bytes:
    """The live Excel model of an appraisal, as the bytes of an .xlsx file."""
    buffer = BytesIO()
    build_workbook(results).save(buffer)
    return buffer.getvalue()
