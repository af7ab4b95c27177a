"""Pages 1–2 of the board paper: one status on the cover, the paper's details from the case,
and on page 2 the resolution, every option's up-front cost and funding low point, and the basis
line (horizon, real discount rate, inflation, optimism bias) and the yearly saving at full run
rate, for every sample case."""
from __future__ import annotations

import io
import json
import re

import pypdf
import pytest

from appraisal import appraise, load_case, parse_data
from appraisal.casefile import CaseError
from appraisal.formatting import money_k
from appraisal.horizon_words import basis_line
from appraisal.report.paper import cover
from appraisal.report.pdf import board_paper_bytes
from appraisal.resources import sample_cases

SAMPLES = list(sample_cases())


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u00ad", ""))


def pages(data: bytes) -> list[str]:
    return [flat(p.extract_text() or "") for p in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def printed():
    out = {}
    for path in SAMPLES:
        results = appraise(load_case(path), monte_carlo=False)
        out[path.name] = (results, pages(board_paper_bytes(results)))
    return out


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_page_two_carries_what_a_chair_needs(printed, name):
    results, text = printed[name]
    page2 = text[1]
    resolution, draft = cover.resolution(results)
    assert flat(resolution) in page2
    assert ("Draftresolution" in page2) == draft
    assert flat(basis_line(results)) in page2
    bias = results.case.settings.optimism_bias
    if bias.costs or bias.savings:
        assert "Optimismbias" in page2
    for o in results.options:
        assert flat(money_k(o.one_off_total)) in page2, (o.id, o.one_off_total)
        low = o.funding_low_point
        if not o.baseline and low["year"] is not None:
            year = results.first_year + low["year"] - 1
            assert flat(f"{money_k(low['amount'])} in {year}") in page2, (o.id, low)
    # The yearly saving at full run rate of the recommended option and the leader, as Results
    # has it, with the year it is first reached.
    assert "Yearlysavingatfullrunrate." in page2
    for oid in {results.recommended, results.leader}:
        o = results.option(oid)
        if o.baseline:
            continue
        year = results.first_year + o.run_rate["year"] - 1
        amount = money_k(abs(o.run_rate["saving"]))
        assert flat(f"{amount} a year") in page2 and flat(f"(from {year})") in page2, (oid, amount)
    # The cover carries one status, not two.
    assert "Fordecision" in text[0] and "Fordiscussion" not in text[0]
    assert "Draftforboard" not in "".join(text)


def test_housing_associations_low_points_are_the_worked_figures(printed):
    results, text = printed["two_housing_associations.json"]
    # The merger is over £5m behind the baseline at worst, in its second year (2028).
    low = results.option("merger").funding_low_point
    assert low["year"] == 2 and low["amount"] < -5_000_000
    assert flat(f"{money_k(low['amount'])} in 2028") in text[1]
    assert "neverbehind" in text[1]          # the procurement consortium is never behind


def test_the_case_sets_status_reference_sponsor_marking_and_resolution():
    data = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    data["paper"] = {"status": "discussion", "reference": "BP/27/14",
                     "sponsor": "Chief executive", "confidentiality": "Board confidential",
                     "resolution": "That the board agrees to open talks with its partner."}
    results = appraise(parse_data(data), monte_carlo=False)
    text = pages(board_paper_bytes(results))
    assert "Fordiscussion" in text[0] and "Fordecision" not in text[0]
    for words in ("BP/27/14", "Chiefexecutive", "Boardconfidential"):
        assert words in text[0]
    assert "Boardconfidential" in text[5]               # the marking runs in every footer
    assert "Resolution.Thattheboardagreestoopentalkswithitspartner." in text[1]
    assert "Draftresolution" not in text[1]


@pytest.mark.parametrize("bad, field", [({"status": "maybe"}, "paper.status"),
                                        ({"resolution": "x" * 5001}, "paper.resolution"),
                                        ({"sponsor": 3}, "paper.sponsor")])
def test_bad_paper_details_are_refused_by_field(bad, field):
    data = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    data["paper"] = bad
    with pytest.raises(CaseError) as err:
        parse_data(data)
    assert field in str(err.value)


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_the_body_runs_to_at_most_twelve_pages(printed, name):
    """Executive summary and the five cases, before the appendices, on pages 2–13 at most."""
    _, text = printed[name]
    first_appendix = next(i for i, page in enumerate(text) if i > 0
                          and "7.AppendixA:Cashflowsbyyear" in page)
    assert first_appendix - 1 <= 12, first_appendix      # pages 2 .. first_appendix
    for case in ("Strategiccase", "Economiccase", "Commercialcase", "Financialcase",
                 "Managementcase"):
        assert any(case in page for page in text[1:first_appendix]), case
