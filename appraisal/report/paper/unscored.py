"""The board paper of a case not yet fully scored: the gaps first, then the money.

While an option has no weighted score (a score missing on a criterion with weight, or no weight
at all) nothing is recommended and nothing is ranked (docs/calculations.md, "Missing scores").
The paper then opens, after its cover, with what is still to be scored, by option and criterion,
and goes on with the sections whose figures do not depend on the scores: the costs and benefits,
the commercial and financial cases, the redundancy workings and the inputs and warnings.
"""
from __future__ import annotations

from ...results import Results
from ...scoring_words import blocking, no_weight, why_no_leader
from . import kit
from .document import BoardPaper

HEADING = "Not yet ready for a recommendation"
DRAFT = "Draft: not yet scored"


def not_ranked(paper: BoardPaper, r: Results) -> None:
    """What is missing before the options can be ranked, and what the rest of the paper holds."""
    paper.heading(HEADING)
    paper.para(why_no_leader(r.case, r.unscored) or "")
    gaps = blocking(r.case, r.unscored)
    if gaps and not no_weight(r.case):
        paper.table(["Option", "Still to be scored on"],
                    [[kit.short(name, 120), ", ".join(criteria)] for name, criteria in gaps],
                    [5.0, 11.0])
    paper.para("No weighted score, rank or leader is shown, and nothing is recommended, until "
               "these scores are given: a missing score is never counted as 0. The money "
               "figures that follow do not depend on the scores and are complete.")
