"""Every kind of warning is worded once (appraisal.wording): the app and the board paper name
each place in the same words, and neither shows a field path or a loan's id."""
from __future__ import annotations

import io
import os
import re

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


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def drawn(case_dict):
    data = every_warning(case_dict)
    results = appraise(parse_data(data), monte_carlo=False)
    pdf = pypdf.PdfReader(io.BytesIO(board_paper_bytes(results)))
    return data, results, flat("\n".join(p.extract_text() or "" for p in pdf.pages))


def test_the_case_draws_every_kind_of_warning(drawn):
    _, results, _ = drawn
    # the affordability kinds need partners' plans and covenants (tests/test_capacity.py and
    # test_a_covenant_breach_is_worded_from_its_figures below); the deal-terms kinds need deal
    # terms recorded (tests of appraisal.deal)
    assert {w.kind for w in results.warnings} == set(KINDS) - {
        "golden_rules_taken", "covenant_breach", *(row[0] for row in NOTICE_KINDS)}


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


def test_app_and_paper_word_every_warning_alike(qtbot, drawn):
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
            assert "options[" not in said and "oak-rcf" not in said
    strain = next(w for w in results.warnings if w.kind == "pension_strain_missing")
    assert warning_text(strain, results.case).startswith(
        "Merger › Redundancies › Chief executive: Staff aged 58 made redundant around 1 April "
        "2027")
    document.wait_for_monte_carlo(30000)


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
