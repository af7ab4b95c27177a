"""The board paper: ``board_paper_bytes(results) -> bytes`` (an A4 PDF a chair can table).

Sections, in the order the board reads them (it may stop after the first two pages): cover and
contents, executive summary, the options on the continuum, strategic case, financial case,
non-financial case, value for money, sensitivity and risk, user voice, implementation and next
steps, appendix. Every figure is read from :class:`appraisal.results.Results`.
"""
from __future__ import annotations

from ..results import Results
from .paper import closing, deal, financial, risk, scoring, strategy, summary
from .paper.document import BoardPaper

# Section headings, in order (tests look for each in the printed paper).
SECTIONS = (
    "Executive summary",
    "The options on the continuum",
    "Strategic case",
    "Financial case",
    "Non-financial case",
    "Value for money",
    "Sensitivity and risk",
    "User voice",
    "What must be settled",
    "Implementation and next steps",
    "Appendix: inputs, rules and warnings",
    "Appendix: deal registers and the legal route",
)

_WRITERS = (summary.executive_summary, strategy.continuum, strategy.strategic_case,
            financial.financial_case, scoring.non_financial_case, scoring.value_for_money,
            risk.sensitivity_and_risk, closing.user_voice, deal.section, closing.implementation,
            closing.appendix, deal.appendix)


def board_paper(results: Results) -> BoardPaper:
    """The paper's story, section by section (not yet laid out)."""
    paper = BoardPaper(results.case.title, results.case.prepared_by)
    summary.cover(paper, results)
    for write in _WRITERS:
        write(paper, results)
    return paper


def board_paper_bytes(results: Results) -> bytes:
    """The board paper as PDF bytes (A4, embedded DejaVu Sans, vector charts)."""
    return board_paper(results).build()
