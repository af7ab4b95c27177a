"""The board paper: ``board_paper_bytes(results) -> bytes`` (an A4 PDF a chair can table).

Sections, in the order the board reads them (it may stop after the first two pages): cover and
contents, executive summary, then the five cases of a business case (strategic, economic,
commercial, financial, management), then the appendices that hold the detail (cash flows by
year, redundancy workings, sensitivity in detail, the reasons for every score and members' own
views, inputs and rules with every covenant test, the deal registers and the legal route). Every
figure is read from :class:`appraisal.results.Results`.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from reportlab import rl_config

from ..results import Results
from .paper import (affordability, closing, cover, deal, financial, risk, scoring, strategy,
                    summary, unscored)
from .paper.document import BoardPaper

# Streams are written compressed and binary, as every PDF reader expects, not also spelt out in
# ASCII85: reportlab's pure-Python ASCII85 pass took about 5% of the paper's time and made the
# file 15% larger.
rl_config.useA85 = 0

# Section headings, in order (tests look for each in the printed paper): the five cases of a
# business case, then the appendices that hold the detail.
SECTIONS = (
    "Executive summary",
    "Strategic case",
    "Economic case",
    "Commercial case",
    "Financial case",
    "Management case",
    "Appendix A: Cash flows by year",
    "Appendix B: Redundancy workings",
    "Appendix C: Sensitivity in detail",
    "Appendix D: Why each score was given",
    "Appendix E: Inputs, rules and warnings",
    "Appendix F: Deal registers and the legal route",
)


# The five cases, each a heading, the sentence that introduces it (if any) and its parts in order.
_CASES = (
    ("Strategic case", None, (strategy.continuum, strategy.strategic_case)),
    ("Economic case",
     "What each option is worth: its costs and benefits in money, the benefits the board weighs "
     "that money cannot measure, value for money, and how far the answer holds when the "
     "figures move.",
     (financial.economic_money, scoring.non_financial_case, scoring.value_for_money,
      risk.sensitivity_and_risk)),
    ("Commercial case",
     "The terms that make the deal cost what it costs: VAT on shared services, the lenders' "
     "re-pricing, the people affected, pension exits and the one-off costs of change, and which "
     "partner pays and which gains.",
     (financial.commercial_lines,)),
    ("Financial case", None, (financial.funding, affordability.financial_section)),
    ("Management case", None,
     (partial(strategy.readiness, table=False), closing.implementation,
      deal.section,                     # what must be settled (deal-terms.md D6)
      risk.risk_register, closing.user_voice)),
)


def _case(heading: str, intro: str | None, parts) -> Callable[[Any, Results], None]:
    def write(paper, r: Results) -> None:
        paper.heading(heading)
        if intro:
            paper.para(intro)
        for part in parts:
            part(paper, r)
    write.__name__ = heading.lower().replace(" ", "_")
    return write


def _inputs(paper, r: Results) -> None:
    for part in (closing.appendix, strategy.forms_appendix, strategy.readiness,
                 risk.full_risk_register):
        part(paper, r)


# A case not yet fully scored: the gaps, then the sections that do not rest on the scores.
_UNSCORED_WRITERS = (unscored.not_ranked,
                     _case("Economic case", None, (financial.economic_money,)),
                     _case(*_CASES[2]), _case(*_CASES[3]),
                     financial.redundancy_appendix, _inputs)

_WRITERS = (summary.executive_summary, *(_case(*c) for c in _CASES),
            financial.cash_flows_appendix, financial.redundancy_appendix,
            risk.switching_values_appendix, scoring.rationale_appendix, _inputs, deal.appendix)


def board_paper(results: Results, paper=None) -> BoardPaper:
    """The paper's story, section by section (not yet laid out), into ``paper``: a PDF's
    BoardPaper by default, or any writer with its methods (the Word version's WordPaper)."""
    if paper is None:
        paper = BoardPaper(results.case.title, results.case.prepared_by)
    cover.cover(paper, results)
    for write in _WRITERS if results.scored else _UNSCORED_WRITERS:
        write(paper, results)
    return paper


def board_paper_bytes(results: Results) -> bytes:
    """The board paper as PDF bytes (A4, embedded DejaVu Sans, vector charts)."""
    return board_paper(results).build()

