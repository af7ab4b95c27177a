"""Every kind of warning is worded once (appraisal.wording): the app and the board paper name
each place in the same words, and neither shows a field path or an id.

Two cases between them draw every kind :data:`appraisal.wording.KINDS` holds: the small test case
changed to draw the appraisal's own warnings, and the affordability example with deal terms
recorded to draw the affordability and deal-terms warnings. A new kind of warning fails
:func:`test_the_cases_draw_every_kind_of_warning` until one of them draws it.
"""
from __future__ import annotations

import copy
import io
import json
import os
import re
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pypdf  # noqa: E402
import pytest  # noqa: E402

from appraisal import appraise, parse_data  # noqa: E402
from appraisal.deal.notice_words import NOTICE_KINDS  # noqa: E402
from appraisal.paths import say  # noqa: E402
from appraisal.report.pdf import board_paper_bytes  # noqa: E402
from appraisal.wording import KINDS, warning_text  # noqa: E402
from ui.document import CaseDocument  # noqa: E402
from ui.steps.money import MoneyStep  # noqa: E402
from ui.steps.results import ResultsStep  # noqa: E402


def every_warning(case_dict) -> dict:
    """The test case changed so that it draws one warning of every kind."""
    data = case_dict()
    data["organisations"][0]["loans"][0]["remaining_years"] = 10    # outlasts 5 years
    data["organisations"][1]["vat_recovery_rate"] = 0.5
    data["criteria"].append({"id": "culture", "name": "Culture", "weight": 0})
    for option, score in zip(data["options"], (4, 6, 8)):
        option["scores"]["culture"] = score
    data["weighting"] = {"method": "ahp", "ahp_order": ["autonomy", "scale", "culture"],
                         "ahp_matrix": [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]}
    shared = data["options"][1]
    shared["savings"][0]["start_year"] = 4
    shared["shared_services"][0]["vat_treatment"] = "cost_sharing_exemption"
    shared["shared_services"].append({"label": "Payroll from Oak", "recipient": "oak",
                                      "annual_value": 10000, "vat_treatment": "vat_group"})
    merger = data["options"][2]
    merger["redundancies"][0].update(age=58, years_service=20, pension_strain=0)
    merger["loan_repricing"][0].pop("label", None)
    # model-v2.md V6-V8: a cost sharing group with no lines, a partner's recharge treated as
    # outside the scope of VAT, the Northern Ireland cap not yet known for the case's date, an
    # unconfirmed breakage gain and value for money without money anchors
    data["organisations"].append({"id": "csg", "name": "Shared Services Group",
                                  "kind": "cost_sharing_group", "members": ["oak", "elm"]})
    shared["shared_services"].append({"label": "Cleaning from Oak", "recipient": "elm",
                                      "supplier": "oak", "annual_value": 5000,
                                      "vat_treatment": "outside_scope"})
    del data["settings"]["redundancy_weekly_pay_cap"]
    data["organisations"][1]["jurisdiction"] = "northern_ireland"
    merger["loan_repricing"][0]["breakage_cost"] = -1000
    data["criteria"].append({"id": "vfm", "name": "Value for money", "weight": 5,
                             "source": "npv_vs_baseline"})
    return data


CAPACITY_EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "capacity-example.json"


def deal_and_capacity_warnings() -> dict:
    """The affordability example (two housing associations with plans and covenants) with no
    golden rules of the merged body's own and with deal terms recorded so that every deal-terms
    warning is drawn (deal-terms.md D1-D5)."""
    data = copy.deepcopy(json.loads(CAPACITY_EXAMPLE.read_text(encoding="utf-8")))
    del data["merged_golden_rules"]                    # golden rules taken from the partners'
    oak = data["organisations"][0]
    # registered in Scotland though in England; a charitable society with the RSH said not exempt
    oak.update(legal_form="charitable_registered_society", charity_status="registered",
               housing_regulators=["rsh", "shr"])
    # Elm stays a housing association with no regulator; Thistle: exempt, but in Scotland
    data["organisations"].append({"id": "thistle", "name": "Thistle Care",
                                  "jurisdiction": "scotland", "charity_status": "exempt"})
    group, merger = data["options"][1:]
    for option in (group, merger):                     # Thistle takes part in no option
        option["roles"] = {"thistle": "not_involved"}
    # the group has no settlement, no lender positions and an undecidable route; the merger a
    # board of 14 whose seats add to 12, a deal-breaker not agreed and a consent not costed
    merger["governance"] = {"items": [{"item": "chair", "proposal": "Oak's chair",
                                       "status": "not_agreed", "deal_breaker": True}],
                            "board": {"size": 14, "independent": 2,
                                      "seats": [{"organisation": "oak", "seats": 5},
                                                {"organisation": "elm", "seats": 5}]}}
    merger["lender_consents"] = [{"loan": "oak-bank", "consent_needed": "yes",
                                  "triggers": ["repricing"]}]
    data["route_progress"] = [{"option": "group", "step": "ccbsa.special_resolution",
                               "organisation": "oak", "status": "done"}]
    data["due_diligence"] = [
        {"id": "DD-1", "area": "pensions", "organisation": "elm", "finding": "Cessation debt",
         "severity": 5},
        {"id": "DD-2", "area": "custom:care", "organisation": "thistle",
         "finding": "Care inspection", "severity": 2}]
    return data


def ids_of(data: dict) -> set[str]:
    """The case's internal ids that are not also words (a person never sees them)."""
    ids = {loan["id"] for org in data["organisations"] for loan in org.get("loans", [])}
    ids |= {o["id"] for key in ("organisations", "options", "criteria") for o in data[key]}
    ids |= {p["step"] for p in data.get("route_progress", [])}
    return {i for i in ids if re.search(r"[-._]", i) or i in ("oak", "elm", "thistle", "vfm")}


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _drawn(data: dict):
    results = appraise(parse_data(data), monte_carlo=False)
    pdf = pypdf.PdfReader(io.BytesIO(board_paper_bytes(results)))
    return data, results, flat("\n".join(p.extract_text() or "" for p in pdf.pages))


@pytest.fixture(scope="module")
def drawn(case_dict):
    return _drawn(every_warning(case_dict))


@pytest.fixture(scope="module")
def drawn_deal():
    return _drawn(deal_and_capacity_warnings())


# A case not yet scored draws what holds the ranking up: a score missing on a weighted criterion,
# or no weight at all (docs/calculations.md, "Missing scores"); its paper is the draft one.
SCORING_GAPS = {"unscored", "no_weights"}


def scoring_gaps(case_dict, no_weight: bool) -> dict:
    data = case_dict()
    if no_weight:
        for criterion in data["criteria"]:
            criterion["weight"] = 0
    else:
        data["options"][2]["scores"].pop("scale")
    return data


@pytest.fixture(scope="module", params=[False, True], ids=["unscored", "no-weight"])
def drawn_gaps(case_dict, request):
    data, results, paper = _drawn(scoring_gaps(case_dict, request.param))
    # a warning may run over a page break: the page's footer and header are not its words
    return data, results, re.sub(r"Draft:notyetscoredPage\d+Testcase", "", paper)


def test_the_cases_draw_every_kind_of_warning(drawn, drawn_deal, case_dict):
    appraisal_kinds = {w.kind for w in drawn[1].warnings}
    deal_kinds = {w.kind for w in drawn_deal[1].warnings}
    gap_kinds = {w.kind for flag in (False, True) for w in appraise(
        parse_data(scoring_gaps(case_dict, flag)), monte_carlo=False).warnings}
    affordability = {"golden_rules_taken", "covenant_breach"}
    assert appraisal_kinds == (set(KINDS) - affordability - {row[0] for row in NOTICE_KINDS}
                               - SCORING_GAPS)
    assert deal_kinds >= affordability | {row[0] for row in NOTICE_KINDS}
    assert gap_kinds >= SCORING_GAPS
    # a kind added to appraisal.wording without a case here that draws it fails this line
    assert sorted(set(KINDS) - appraisal_kinds - deal_kinds - gap_kinds) == []


def test_app_and_paper_word_what_holds_the_ranking_up_alike(qtbot, drawn_gaps):
    texts = _app_and_paper_alike(qtbot, drawn_gaps)
    assert ("Merger › scores: 'Merger' has no score yet on Scale: it has no weighted score, and "
            "no option is ranked or recommended until it has." in texts
            or "Criteria: No criterion carries weight yet, so no option has a weighted score or "
            "a rank: choose the criteria and weigh them." in texts), texts


def test_a_covenant_breach_is_worded_from_its_figures():
    params = {"option": "'Merger'", "test": "Oak Housing's interest cover covenant with Bank A",
              "year": 2028, "index": 2, "stressed": False, "metric": "interest_cover",
              "value": 1.1, "limit": 1.25, "bound": "min", "short": -40000.0}
    assert KINDS["covenant_breach"].words(params, True) == (
        "'Merger' breaks Oak Housing's interest cover covenant with Bank A in 2028 (year 2) as "
        "planned: 1.10x against at least 1.25x, a headroom of \u22120.15x (£40,000 short)")
    gearing = dict(params, test="the merged body's golden rule on gearing (set by the case)",
                   stressed=True, metric="gearing", value=0.6505, limit=0.65, bound="max")
    assert KINDS["covenant_breach"].words(gearing, True) == (
        "'Merger' breaks the merged body's golden rule on gearing (set by the case) in 2028 "
        "(year 2) in the pessimistic case (ranged figures at their worse ends): 65.05% against "
        "at most 65.00%, a headroom of \u22120.05 points (£40,000 short)")


def _app_and_paper_alike(qtbot, drawn) -> list[str]:
    data, results, paper = drawn
    document = CaseDocument(data, debounce_ms=0)
    step = ResultsStep(document)
    qtbot.addWidget(step)
    document.recalculate_now()
    qtbot.wait(1)
    shown = step.warnings.text().split("\n")
    for w in results.warnings:
        text = warning_text(w, results.case)
        where = say(w.path, results.case)
        assert text.startswith(where + ": ")
        assert f"• {text}" in shown, (w.kind, shown)
        assert flat(text) in paper, (w.kind, text)
        for said in (text, *shown):
            assert "options[" not in said and "_" not in said, (w.kind, said)
            assert not [i for i in ids_of(data) if re.search(rf"\b{re.escape(i)}\b", said)]
    document.wait_for_monte_carlo(30000)
    return [warning_text(w, results.case) for w in results.warnings]


def test_app_and_paper_word_every_warning_alike(qtbot, drawn):
    results = drawn[1]
    _app_and_paper_alike(qtbot, drawn)
    strain = next(w for w in results.warnings if w.kind == "pension_strain_missing")
    assert warning_text(strain, results.case).startswith(
        "Merger › Redundancies › Chief executive: Staff aged 58 made redundant around 1 April "
        "2027")


def test_app_and_paper_word_the_deal_and_affordability_warnings_alike(qtbot, drawn_deal):
    texts = _app_and_paper_alike(qtbot, drawn_deal)
    for expected in (
            "Merger into one association: The merged body's board has set no golden rules of its "
            "own, so 'Merger into one association' is tested against the strictest of the "
            "partners' golden rules; set the merged body's golden rules to the targets the "
            "combined board would hold.",
            "Partners › Oak Housing › housing regulators: Oak Housing is registered with the "
            "Scottish Housing Regulator but is in England: check the registration (cross-border "
            "bodies exist).",
            "Progress on the legal route › Entry 1: Progress is recorded for the step 'Members' "
            "special resolution' of 'Group structure, Oak as parent', which no longer applies; "
            "the record is kept.",
            "Merger into one association › lender consents › Bank A loan (Oak Housing): The "
            "consent for the loan from Bank A (Oak Housing) may bring re-pricing, fees or break "
            "costs, and the cost of this consent is not in the appraisal: link it to a money "
            "line.",
            "Merger into one association › governance › board: The board seats add up to 12 "
            "(partners' seats, independent and resident members) but the board's size is 14.",
            "Due diligence › Finding DD-2 › organisation: Due diligence finding DD-2 is about an "
            "organisation that takes part in no option."):
        assert expected in texts
    breach = next(t for t in texts if "Oak Housing's interest cover covenant" in t)
    assert breach.startswith("Merger into one association: 'Merger into one association' breaks "
                             "Oak Housing's interest cover covenant with Bank A in 2027 (year 1) "
                             "in the pessimistic case")


def test_the_json_keeps_the_path_and_the_plain_message(drawn):
    _, results, _ = drawn
    strain = next(str(w) for w in results.warnings if w.kind == "pension_strain_missing")
    assert strain.startswith("options[2].redundancies[0]: staff aged 58 made redundant around "
                             "1 April 2027, at or above the minimum pension age then (55), with "
                             "no pension strain entered")
    assert results.to_json()["warnings"] == [str(w) for w in results.warnings]


def test_the_money_step_shows_a_lines_warning_as_a_sentence(qtbot, drawn):
    data, results, _ = drawn
    document = CaseDocument(data, debounce_ms=0)
    step = MoneyStep(document)
    qtbot.addWidget(step)
    step.select_option("merger")
    document.recalculate_now()
    qtbot.wait(1)
    tab = step.line_tabs["redundancies"]
    tab.refresh()
    assert tab.notes.text().startswith("Line 1 (Chief executive): Staff aged 58 made redundant "
                                       "around 1 April 2027")
    document.wait_for_monte_carlo(30000)
