"""The board paper: ``board_paper_bytes(results) -> bytes`` (an A4 PDF a chair can table).

Sections, in the order the board reads them (it may stop after the first two pages): cover and
contents, executive summary, then the five cases of a business case (strategic, economic,
commercial, financial, management), then the appendices that hold the detail (cash flows by
year, redundancy workings, switching values, the reasons for every score, inputs and rules). Every figure is read from :class:`appraisal.results.Results`.
"""
from __future__ import annotations

from ..results import Results
from .paper import (affordability, closing, cover, deal, financial, risk, scoring, strategy,
                    summary, unscored)
from .paper.document import BoardPaper

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


def _strategic(paper, r: Results) -> None:
    paper.heading("Strategic case")
    strategy.continuum(paper, r)
    strategy.strategic_case(paper, r)


def _economic(paper, r: Results) -> None:
    paper.heading("Economic case")
    paper.para("What each option is worth: its costs and benefits in money, the benefits the "
               "board weighs that money cannot measure, value for money, and how far the "
               "answer holds when the figures move.")
    financial.economic_money(paper, r)
    scoring.non_financial_case(paper, r)
    scoring.value_for_money(paper, r)
    risk.sensitivity_and_risk(paper, r)


def _commercial(paper, r: Results) -> None:
    paper.heading("Commercial case")
    paper.para("The terms that make the deal cost what it costs: VAT on shared services, the "
               "lenders' re-pricing, the people affected, pension exits and the one-off costs "
               "of change, and which partner pays and which gains.")
    financial.commercial_lines(paper, r)


def _financial(paper, r: Results) -> None:
    paper.heading("Financial case")
    financial.funding(paper, r)
    affordability.financial_section(paper, r)


def _management(paper, r: Results) -> None:
    paper.heading("Management case")
    strategy.readiness(paper, r, table=False)
    closing.implementation(paper, r)
    deal.section(paper, r)              # what must be settled (deal-terms.md D6)
    risk.risk_register(paper, r)
    closing.user_voice(paper, r)


def _inputs(paper, r: Results) -> None:
    closing.appendix(paper, r)
    strategy.forms_appendix(paper, r)
    strategy.readiness(paper, r)
    risk.full_risk_register(paper, r)


def _money_only(paper, r: Results) -> None:
    paper.heading("Economic case")
    financial.economic_money(paper, r)


# A case not yet fully scored: the gaps, then the sections that do not rest on the scores.
_UNSCORED_WRITERS = (unscored.not_ranked, _money_only, _commercial, _financial,
                     financial.redundancy_appendix, _inputs)

_WRITERS = (summary.executive_summary, _strategic, _economic, _commercial, _financial,
            _management, financial.cash_flows_appendix, financial.redundancy_appendix,
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
