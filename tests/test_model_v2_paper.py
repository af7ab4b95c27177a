"""The board paper's page 2 states the basis of the figures, whether the leader holds over
longer horizons, and what continues past the horizon both ways (model-v2.md V1–V3)."""
from __future__ import annotations

import io
from pathlib import Path

import pypdf

from appraisal.casefile import load_case
from appraisal.engine import appraise
from appraisal.formatting import money_k
from appraisal.horizon_words import basis_line, leader_holds_sentence
from appraisal.report.pdf import board_paper_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "sample_cases" / "two_housing_associations.json"


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def test_page_two_of_the_housing_associations_paper():
    results = appraise(load_case(SAMPLE), monte_carlo=False)
    page2 = _flat(pypdf.PdfReader(io.BytesIO(board_paper_bytes(results))).pages[1].extract_text())
    assert basis_line(results) == ("Over 10 years (2027–2036), in today's prices: a real "
                                   "discount rate of 3.5% a year (flat), and 2% inflation a year "
                                   "to bring amounts fixed in cash, such as loan margins, into "
                                   "today's prices.")
    assert _flat(basis_line(results)) in page2
    # The federal group leads over 10 years; over 20 and 30 the procurement consortium does.
    assert [(h.years, h.leader) for h in results.horizon_sensitivity] == [
        (10, "federal_group"), (20, "procurement"), (30, "procurement")]
    assert leader_holds_sentence(results) == (
        "If savings persist and renewals are as entered, Federal group, loans kept in the "
        "subsidiaries does not hold the lead at 20 or 30 years: Joint procurement consortium "
        "leads at both.")
    assert _flat(leader_holds_sentence(results, condition=False)) in page2
    assert _flat(leader_holds_sentence(results, condition=False)).startswith(
        "Federal group, loans kept in the subsidiaries does not hold the lead")
    assert "From year 11 to year 30" in page2 and "After year 10." in page2
    # Both ways, for the recommended option and the one with the highest NPV.
    for oid in ("federal_group", "merger"):
        later = results.option(oid).past_horizon
        for figure in (later.gains, later.pays, later.npv_vs_baseline):
            assert money_k(figure) in page2, (oid, figure)
    assert money_k(results.option("merger").one_off_total) in page2
    assert f"{results.option('shared_services').bcr:.2f}" == "1.12"   # 0.71 on its own flows
    assert "1.12" in page2
