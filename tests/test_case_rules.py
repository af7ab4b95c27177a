"""Every rule of model.md §1: a broken case is refused and the message names the field.

Each row breaks one rule of the valid base case (tests/conftest.py) and gives the path that
CaseError must report, exactly as the app shows it beside the field and the command prints it.
"""
from __future__ import annotations

import json

import pytest

from appraisal.casefile import MAX_BYTES, CaseError, load_case, parse_bytes, parse_data


def _swap_baseline(d):
    d["options"][1]["baseline"] = True


def _no_baseline(d):
    d["options"][0]["baseline"] = False


def _derived_given_score(d):
    d["criteria"].append({"id": "vfm", "name": "Value for money", "weight": 10,
                          "source": "npv_vs_baseline"})
    d["options"][1]["scores"]["vfm"] = 5


def _dup_loan(d):
    d["organisations"][1]["loans"] = [{"id": "oak-rcf", "balance": 1, "remaining_years": 1}]


# (name, edit of the case dict, path that must be reported, words the message must contain)
BROKEN = [
    ("duplicate organisation id",
     lambda d: d["organisations"][1].update(id="oak"), "organisations[1].id", "duplicate"),
    ("duplicate criterion id",
     lambda d: d["criteria"][1].update(id="autonomy"), "criteria[1].id", "duplicate"),
    ("duplicate option id",
     lambda d: d["options"][2].update(id="shared"), "options[2].id", "duplicate"),
    ("duplicate loan id across organisations", _dup_loan, "organisations[1].loans[0].id",
     "duplicate"),
    ("unknown organisation on a saving",
     lambda d: d["options"][1]["savings"][0].update(organisation="yew"),
     "options[1].savings[0].organisation", "unknown organisation 'yew'"),
    ("unknown organisation on a redundancy",
     lambda d: d["options"][2]["redundancies"][0].update(organisation="yew"),
     "options[2].redundancies[0].organisation", "yew"),
    ("unknown organisation on a pension line",
     lambda d: d["options"][2]["pension_cessation"][0].update(organisation="yew"),
     "options[2].pension_cessation[0].organisation", "yew"),
    ("unknown recipient",
     lambda d: d["options"][1]["shared_services"][0].update(recipient="yew"),
     "options[1].shared_services[0].recipient", "yew"),
    ("unknown loan",
     lambda d: d["options"][2]["loan_repricing"][0].update(loan="yew-bond"),
     "options[2].loan_repricing[0].loan", "unknown loan 'yew-bond'"),
    ("unknown criterion in scores",
     lambda d: d["options"][1]["scores"].update(brand=5), "options[1].scores.brand",
     "unknown criterion 'brand'"),
    ("score for a criterion derived from the NPV",
     lambda d: (d["criteria"].append({"id": "vfm", "name": "Value for money", "weight": 10,
                                      "source": "npv_vs_baseline"}),
                d["options"][1]["scores"].update(vfm=4)),
     "options[1].scores.vfm", "takes no typed score"),
    ("no baseline", _no_baseline, "options", "baseline"),
    ("two baselines", _swap_baseline, "options[1].baseline", "more than one baseline"),
    ("score above 10",
     lambda d: d["options"][1]["scores"].update(autonomy=11), "options[1].scores.autonomy",
     "<= 10"),
    ("score below 0",
     lambda d: d["options"][2]["scores"].update(scale=-1), "options[2].scores.scale", ">= 0"),
    ("negative weight",
     lambda d: d["criteria"][0].update(weight=-5), "criteria[0].weight", ">= 0"),
    ("discount rate above 1",
     lambda d: d["settings"].update(discount_rate=3.5), "settings.discount_rate", "<= 1"),
    ("VAT rate below 0",
     lambda d: d["settings"].update(vat_rate=-0.2), "settings.vat_rate", ">= 0"),
    ("VAT recovery rate above 1",
     lambda d: d["organisations"][0].update(vat_recovery_rate=5),
     "organisations[0].vat_recovery_rate", "<= 1"),
    ("NIC rate above 1",
     lambda d: d["settings"].update(employer_nic_rate=15), "settings.employer_nic_rate", "<= 1"),
    ("savings optimism bias above 1",
     lambda d: d["settings"].update(optimism_bias={"savings": 1.5}),
     "settings.optimism_bias.savings", "<= 1"),
    ("start year beyond horizon",
     lambda d: d["options"][1]["savings"][0].update(start_year=6),
     "options[1].savings[0].start_year", "beyond the horizon"),
    ("one-off year beyond horizon",
     lambda d: d["options"][1]["one_off_costs"][0].update(year=9),
     "options[1].one_off_costs[0].year", "beyond the horizon"),
    ("redundancy year beyond horizon",
     lambda d: d["options"][2]["redundancies"][0].update(year=6),
     "options[2].redundancies[0].year", "beyond the horizon"),
    ("pension year beyond horizon",
     lambda d: d["options"][2]["pension_cessation"][0].update(year=7),
     "options[2].pension_cessation[0].year", "beyond the horizon"),
    ("year 0", lambda d: d["options"][1]["one_off_costs"][0].update(year=0),
     "options[1].one_off_costs[0].year", ">= 1"),
    ("low above base",
     lambda d: d["options"][1]["savings"][0].update(low=55000),
     "options[1].savings[0].low", "above the base"),
    ("high below base",
     lambda d: d["options"][1]["one_off_costs"][0].update(high=19000),
     "options[1].one_off_costs[0].high", "below the base"),
    ("high below base on a loan",
     lambda d: d["options"][2]["loan_repricing"][0].update(high=40),
     "options[2].loan_repricing[0].high", "below the base"),
    ("only low given",
     lambda d: d["options"][1]["savings"][0].pop("high"), "options[1].savings[0].low",
     "both low and high"),
    ("only high given",
     lambda d: d["options"][1]["one_off_costs"][0].pop("low"),
     "options[1].one_off_costs[0].high", "both low and high"),
    ("low/high on a redundancy line",
     lambda d: d["options"][2]["redundancies"][0].update(low=1, high=2),
     "options[2].redundancies[0].low", "no low/high range"),
    ("a pension line's range below its amount (V4: pension lines may carry one)",
     lambda d: d["options"][2]["pension_cessation"][0].update(low=1, high=2),
     "options[2].pension_cessation[0].high", "below the base amount"),
    ("a driver on a line without a range",
     lambda d: d["options"][1]["recurring_costs"][0].update(driver="it-system"),
     "options[1].recurring_costs[0].driver", "needs a low and high range"),
    ("a driver moving a saving and a cost",
     lambda d: (d["options"][1]["savings"][0].update(driver="shared-finance"),
                d["options"][1]["one_off_costs"][0].update(driver="shared-finance")),
     "options[1].one_off_costs[0].driver", "cannot move both savings and costs"),
    ("a driver on a redundancy line",
     lambda d: d["options"][2]["redundancies"][0].update(driver="posts"),
     "options[2].redundancies[0].driver", "no low/high range"),
    ("no whole number of instalments",
     lambda d: d["options"][2]["pension_cessation"][0].update(instalments=0),
     "options[2].pension_cessation[0].instalments", ">= 1"),
    ("correlation of 1 (at most 0.99)",
     lambda d: d["settings"].update(monte_carlo={"correlation": 1.0}),
     "settings.monte_carlo.correlation", "<= 0.99"),
    ("infinity (1e999 parses as inf)",
     lambda d: d["options"][1]["savings"][0].update(annual=float("inf")),
     "options[1].savings[0].annual", "finite"),
    ("NaN", lambda d: d["settings"].update(discount_rate=float("nan")),
     "settings.discount_rate", "finite"),
    ("string for a number",
     lambda d: d["options"][1]["savings"][0].update(annual="50000"),
     "options[1].savings[0].annual", "must be a number"),
    ("string for a year",
     lambda d: d["settings"].update(horizon_years="5"), "settings.horizon_years", "whole number"),
    ("boolean for a number",
     lambda d: d["options"][1]["recurring_costs"][0].update(annual=True),
     "options[1].recurring_costs[0].annual", "number"),
    ("non-whole age",
     lambda d: d["options"][2]["redundancies"][0].update(age=45.5),
     "options[2].redundancies[0].age", "whole number"),
    ("age written as 45.0",
     lambda d: d["options"][2]["redundancies"][0].update(age=45.0),
     "options[2].redundancies[0].age", "whole number"),
    ("non-whole count",
     lambda d: d["options"][2]["redundancies"][0].update(count=1.5),
     "options[2].redundancies[0].count", "whole number"),
    ("years of service beyond age − 16",
     lambda d: d["options"][2]["redundancies"][0].update(age=30, years_service=15),
     "options[2].redundancies[0].years_service", "age 30 less 16"),
    ("unknown form",
     lambda d: d["options"][1].update(form="alliance"), "options[1].form", "must be one of"),
    ("unknown VAT treatment",
     lambda d: d["options"][1]["shared_services"][0].update(vat_treatment="zero_rated"),
     "options[1].shared_services[0].vat_treatment", "must be one of"),
    ("unknown readiness status",
     lambda d: d.update(readiness=[{"item": "Due diligence", "status": "maybe"}]),
     "readiness[0].status", "must be one of"),
    ("unknown jurisdiction",
     lambda d: d["organisations"][0].update(jurisdiction="france"),
     "organisations[0].jurisdiction", "must be one of"),
    ("subtype on a non-group option",
     lambda d: d["options"][2].update(subtype="federal"), "options[2].subtype",
     "group_structure"),
    ("unknown subtype on a group",
     lambda d: d["options"][2].update(form="group_structure", subtype="loose"),
     "options[2].subtype", "must be one of"),
    ("derived criterion given a score", _derived_given_score, "options[1].scores.vfm",
     "derived"),
    ("unknown version", lambda d: d.update(version=3), "version", "version 3"),
    ("version as text", lambda d: d.update(version="1"), "version", "version '1'"),
    ("missing horizon", lambda d: d["settings"].pop("horizon_years"),
     "settings.horizon_years", "missing"),
    ("missing discount rate", lambda d: d["settings"].pop("discount_rate"),
     "settings.discount_rate", "missing"),
    ("missing title", lambda d: d.pop("title"), "title", "missing"),
    ("unknown recommended option",
     lambda d: d.update(recommendation={"option": "nowhere"}), "recommendation.option",
     "unknown option"),
    ("risk likelihood out of 1..5",
     lambda d: d.update(risks=[{"risk": "Key staff leave", "likelihood": 6, "impact": 3}]),
     "risks[0].likelihood", "<= 5"),
    ("negative amount (a pension line may be a credit; a one-off cost may not)",
     lambda d: d["options"][1]["one_off_costs"][0].update(amount=-1),
     "options[1].one_off_costs[0].amount", ">= 0"),
    ("no options", lambda d: d.update(options=[]), "options", "empty"),
]


@pytest.mark.parametrize("name, edit, path, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_case_names_the_field(case_dict, name, edit, path, words):
    data = case_dict()
    edit(data)
    with pytest.raises(CaseError) as caught:
        parse_data(data)
    problems = caught.value.problems
    assert path in [p for p, _ in problems], problems
    message = next(m for p, m in problems if p == path)
    assert words in message, (path, message)
    assert f"{path}: {message}" in str(caught.value)


def test_missing_scores_and_weights_are_not_errors_but_gaps(case_dict):
    """A case may be saved before it is scored and weighed (a new case is): a score left out or
    null, every weight 0 and no criteria at all each read as a valid case."""
    data = case_dict()
    data["options"][2]["scores"].pop("scale")
    data["options"][1]["scores"]["autonomy"] = None
    case = parse_data(data)
    assert case.options[2].scores == {"autonomy": 3}
    assert case.options[1].scores == {"autonomy": None, "scale": 5}
    data = case_dict()
    for c in data["criteria"]:
        c["weight"] = 0
    assert [c.weight for c in parse_data(data).criteria] == [0, 0]
    data = case_dict()
    data["criteria"] = []
    for option in data["options"]:
        option["scores"] = {}
    assert parse_data(data).criteria == []


def test_a_score_named_for_no_criterion_is_still_refused(case_dict):
    data = case_dict()
    data["options"][2]["scores"]["brand"] = None
    with pytest.raises(CaseError) as caught:
        parse_data(data)
    assert "options[2].scores.brand: unknown criterion 'brand'" in str(caught.value).splitlines()


def test_every_problem_reported_at_once(case_dict):
    data = case_dict()
    data["options"][1]["scores"]["brand"] = 4
    data["options"][2]["loan_repricing"][0]["loan"] = "nowhere"
    data["options"][1]["savings"][0]["start_year"] = 9
    with pytest.raises(CaseError) as caught:
        parse_data(data)
    paths = {p for p, _ in caught.value.problems}
    assert {"options[1].scores.brand", "options[2].loan_repricing[0].loan",
            "options[1].savings[0].start_year"} <= paths


def test_valid_base_case_passes(case_dict):
    case = parse_data(case_dict())
    assert [o.id for o in case.options] == ["standalone", "shared", "merger"]
    assert case.baseline.id == "standalone"


def test_defaults_of_section_1(case_dict):
    data = case_dict()
    for key in ("redundancy_weekly_pay_cap", "monte_carlo"):
        data["settings"].pop(key)
    case = parse_data(data)
    s = case.settings
    assert (s.vat_rate, s.employer_nic_rate, s.termination_nic_threshold) == (0.2, 0.15, 30000)
    assert (s.optimism_bias.costs, s.optimism_bias.savings) == (0.0, 0.0)
    assert (s.monte_carlo.draws, s.monte_carlo.seed) == (10000, 1)
    saving = case.options[1].savings[0]
    assert (saving.start_year, saving.ramp) == (1, [1.0])
    r = case.options[2].redundancies[0]
    assert (r.count, r.cap_weekly_pay, r.enhancement_multiplier, r.notice_weeks, r.year) == (
        1, True, 1.0, 0.0, 1)
    loan = case.options[2].loan_repricing[0]
    assert (loan.one_off_fees, loan.breakage_cost) == (0.0, 0.0)
    assert case.options[1].shared_services[0].vat_treatment == "standard_rated"
    assert case.organisations[1].vat_recovery_rate == 0.0


# --- files that are not cases at all (path "" : the whole file) ------------------------------

def _refused(raw: bytes) -> str:
    with pytest.raises(CaseError) as caught:
        parse_bytes(raw)
    return str(caught.value)


def test_nan_literal_names_the_field(case_dict):
    text = json.dumps(case_dict()).replace('"discount_rate": 0.035', '"discount_rate": NaN')
    assert "settings.discount_rate" in _refused(text.encode())


def test_infinity_literals_name_the_field(case_dict):
    text = json.dumps(case_dict()).replace('"annual": 50000', '"annual": -Infinity')
    assert "options[1].savings[0].annual" in _refused(text.encode())
    text = json.dumps(case_dict()).replace('"annual": 50000', '"annual": 1e999')
    assert "options[1].savings[0].annual: must be a finite number" in _refused(text.encode())


def test_non_finite_in_an_unknown_field_is_refused(case_dict):
    text = json.dumps({**case_dict(), "extra": {"x": [1, 2]}}).replace("[1, 2]", "[1, NaN]")
    assert "extra.x[1]" in _refused(text.encode())


@pytest.mark.parametrize("raw, words", [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"\xff\xfe{\x00}", "not UTF-8"),
    (b'{"format": "options-appraisal-case", "title": "caf\xe9"}', "not UTF-8"),
    (b"{not json", "the file is damaged near line 1, so it cannot be read as a Continuum case"),
    (b'{"format": "options-appraisal-case",\n\n"title": "x",\n}', "damaged near line 4,"),
    (b"[1, 2, 3]", "this file is not a Continuum case"),
    (b'"a string"', "this file is not a Continuum case"),
    (b"42", "this file is not a Continuum case"),
    (b"null", "this file is not a Continuum case"),
    (b'{"format": "something-else", "title": "x"}', "this file is not a Continuum case"),
])
def test_files_that_are_not_cases(raw, words):
    assert words in _refused(raw)


def test_utf8_with_bom_is_read(case_dict):
    raw = b"\xef\xbb\xbf" + json.dumps(case_dict()).encode("utf-8")
    assert parse_bytes(raw).title == "Test case"


def test_over_20_mb_refused(tmp_path):
    assert "20 MB" in _refused(b" " * (MAX_BYTES + 1))
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(CaseError) as caught:
        load_case(big)
    assert "20 MB" in str(caught.value)


@pytest.mark.parametrize("depth", [100, 10_000, 200_000])
def test_absurdly_deep_nesting_is_a_clean_refusal(case_dict, depth):
    nested = "[" * depth + "]" * depth
    assert _refused(nested.encode())          # a CaseError, never a RecursionError
    inside = json.dumps(case_dict())[:-1] + ', "deep": ' + nested + "}"
    assert "nested too deeply" in _refused(inside.encode())


def test_deep_dict_in_memory_is_refused_without_recursion(case_dict):
    data = case_dict()
    node = data
    for _ in range(10_000):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(CaseError) as caught:
        parse_data(data)
    assert "nested too deeply" in str(caught.value)


def test_missing_file_is_a_case_error(tmp_path):
    with pytest.raises(CaseError) as caught:
        load_case(tmp_path / "nowhere.json")
    assert str(caught.value) == (f"cannot read {tmp_path / 'nowhere.json'}: there is no such file "
                                 "or folder")


def test_the_case_file_forms_are_the_continuum_forms():
    """case.py's list of forms, its Literal type and continuum.py's definitions agree."""
    from typing import get_args

    from appraisal import case, continuum

    assert case.FORMS == get_args(case.Form) == tuple(f.id for f in continuum.FORMS)


def _eleven_criteria_by_ahp(d):
    """Eleven criteria weighed by pairwise comparison: beyond Saaty's random index (n ≤ 10)."""
    for k in range(9):
        d["criteria"].append({"id": f"c{k}", "name": f"Criterion {k}", "weight": 1})
        for option in d["options"]:
            option["scores"][f"c{k}"] = 5
    order = [c["id"] for c in d["criteria"]]
    d["weighting"] = {"method": "ahp", "ahp_order": order,
                      "ahp_matrix": [[1.0] * len(order) for _ in order]}


def _not_reciprocal(d):
    d["weighting"] = {"method": "ahp", "ahp_order": ["autonomy", "scale"],
                      "ahp_matrix": [[1, 3], [3, 1]]}


@pytest.mark.parametrize("edit, path, words", [
    (_eleven_criteria_by_ahp, "weighting.ahp_matrix", "at most 10 criteria"),
    (_not_reciprocal, "weighting.ahp_matrix[1][0]", "must be 1/3"),
], ids=["more than ten", "not reciprocal"])
def test_pairwise_matrix_the_engine_cannot_use_is_refused(case_dict, edit, path, words):
    """model.md §2, AHP: n > 10 is refused; the matrix is reciprocal (a_ji = 1 / a_ij)."""
    data = case_dict()
    edit(data)
    with pytest.raises(CaseError) as caught:
        parse_data(data)
    assert any(p == path and words in m for p, m in caught.value.problems), caught.value.problems


def test_reciprocal_matrix_as_the_app_writes_it_passes(case_dict):
    data = case_dict()
    data["weighting"] = {"method": "ahp", "ahp_order": ["scale", "autonomy"],
                         "ahp_matrix": [[1, 1 / 3], [3, 1]]}
    assert parse_data(data).weighting.ahp_matrix[0][1] == 1 / 3
