"""The live Excel model as written (no recalculation): stored figures, validation, names, text,
print set-up and speed. LibreOffice's recalculation is tested in test_workbook_recalc.py.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.formula.tokenizer import Token, Tokenizer

from appraisal.casefile import load_case, parse_data
from appraisal.engine import appraise
from appraisal.report.workbook import FIXED_SHEETS, option_sheet_titles, workbook_bytes
from appraisal.report.workbook.cells import quote_sheetname as quote
from appraisal.report.workbook.cells import sheet_title
from appraisal.report.workbook.option_layout import FLAG_ROW, T_ROW
from appraisal.resources import sample_cases

DATA = Path(__file__).resolve().parent / "data"
LARGEST = "two_housing_associations"

# Numbers a formula may hold, each structural rather than an input:
#   0, 1  flags, identities, "year 1", MATCH's exact-match argument and "−1" for a cost's sign
#         (and for a switching-weight crossing that does not count);
#   2     the middle of the scoring scale (ScoreMax / 2), and the distance of a crossing that
#         does not count (weights run 0 to 1);
#   100   weighted scores run 0..100 (model.md §2);
#   10000 basis points in one unit (a loan's margin uplift).
ALLOWED_NUMBERS = {0.0, 1.0, 2.0, 100.0, 10000.0}

HOSTILE = {
    "format": "options-appraisal-case", "version": 1,
    "title": "=HYPERLINK(\"http://example.invalid\",\"click\") & co",
    "prepared_by": "@SUM(1,2)",
    "settings": {"first_year": 2027, "horizon_years": 6, "discount_rate": 0.04,
                 "redundancy_weekly_pay_cap": 719, "monte_carlo": {"draws": 500, "seed": 3}},
    "organisations": [
        {"id": "=org", "name": "+Plus Homes", "vat_recovery_rate": 0.25,
         "loans": [{"id": "-loan", "lender": "@Bank", "balance": 5000000, "remaining_years": 9}]},
        {"id": "b*?", "name": "-Minus Trust"},
    ],
    "criteria": [
        {"id": "c1", "name": "=1+1", "weight": 3},
        {"id": "vfm", "name": "@vfm", "weight": 1, "source": "npv_vs_baseline"},
    ],
    "options": [
        {"id": "=base", "name": "=Standalone", "form": "standalone", "baseline": True,
         "scores": {"c1": 6}},
        {"id": "+x", "name": "Very long [name]: with/bad\\chars*? and more text", "form": "merger",
         "savings": [{"label": "=2*3", "organisation": "b*?", "annual": 90000, "start_year": 2,
                      "ramp": [0.25, 0.5, 0.75, 1, 1, 1, 1.2], "low": 50000, "high": 100000}],
         "shared_services": [
             {"label": "+svc", "recipient": "=org", "annual_value": 40000, "low": 30000,
              "high": 60000},
             {"label": "exempt", "recipient": "b*?", "annual_value": 40000,
              "vat_treatment": "cost_sharing_exemption"}],
         "one_off_costs": [{"label": "-legal", "amount": 30000, "year": 2}],
         "loan_repricing": [{"loan": "-loan", "margin_uplift_bps": 25, "one_off_fees": 5000,
                             "breakage_cost": -2000, "low": 10, "high": 40}],
         "redundancies": [
             {"label": "@ceo", "organisation": "=org", "age": 60, "years_service": 30,
              "weekly_pay": 2000, "notice_weeks": 26, "enhancement_multiplier": 2.0,
              "pension_strain": 15000, "year": 2},
             {"label": "young", "age": 30, "years_service": 1, "weekly_pay": 500,
              "notice_weeks": 4, "count": 3},
             {"label": "uncapped", "organisation": "b*?", "age": 25, "years_service": 8,
              "weekly_pay": 800, "cap_weekly_pay": False, "count": 2, "year": 3}],
         "pension_cessation": [{"organisation": "b*?", "amount": 120000, "year": 3}],
         "scores": {"c1": 4}},
        {"id": "Very long [name]: with/bad\\chars*? and more text", "name": "=Standalone",
         "form": "shared_services",
         "recurring_costs": [{"label": "x", "annual": 1000, "start_year": 6}],
         "scores": {"c1": 6}},
    ],
}


def v2_case() -> dict:
    """The worked example at 12 years with version 2's fields: the declining schedule, 2%
    inflation, a nominal saving, a cost at a fixed cash price, a set-up cost renewed every
    8 years, and a loan running 40 years (so the horizon table runs to 40, past the schedule's
    first step), and a shared service Oak supplies to Elm."""
    data = json.loads((DATA / "small-case.json").read_text())
    data["version"] = 2
    data["settings"].update(horizon_years=12, discount_schedule="declining",
                            inflation_rate=0.02)
    data["organisations"][0]["loans"][0]["remaining_years"] = 40
    shared, merger = data["options"][1], data["options"][2]
    shared["one_off_costs"][0]["renew_every"] = 8
    merger["savings"][0]["basis"] = "nominal"
    shared["shared_services"][0]["basis"] = "nominal"
    shared["shared_services"][0]["supplier"] = "oak"      # a recharge elm pays oak (V6)
    return data


def all_cases() -> dict[str, object]:
    cases = {"small-case": load_case(DATA / "small-case.json"),
             "v2-case": parse_data(v2_case())}
    for path in sample_cases():
        cases[path.stem] = load_case(path)
    cases["hostile"] = parse_data(json.loads(json.dumps(HOSTILE)))
    return cases


KEYS = ["small-case", "v2-case", *[p.stem for p in sample_cases()], "hostile"]


@pytest.fixture(scope="module")
def written():
    out = {}
    for key, case in all_cases().items():
        results = appraise(case)
        out[key] = (results, workbook_bytes(results))
    return out


def load(raw: bytes, **kw):
    return openpyxl.load_workbook(io.BytesIO(raw), **kw)


def named(wb, name: str):
    ((title, coord),) = list(wb.defined_names[name].destinations)
    return wb[title][coord.replace("$", "")]


def results_table(wb) -> dict[str, dict]:
    """The rows of the Excel table ``Results`` on Summary, keyed by option id."""
    ws = wb["Summary"]
    table = ws.tables["Results"]
    rows = [[c.value for c in row] for row in ws[table.ref]]
    head = rows[0]
    return {r[0]: dict(zip(head, r)) for r in rows[1:]}


def test_stored_figures_equal_the_engine_without_recalculating(written):
    """Acceptance: the largest sample read as stored values shows every figure on Summary,
    Scores and By organisation, each equal to the engine's."""
    results, raw = written[LARGEST]
    wb = load(raw, data_only=True)
    table = results_table(wb)
    assert list(table) == [o.id for o in results.options]
    for o in results.options:
        row = table[o.id]
        assert row["Option"] == o.name
        assert row["NPV"] == pytest.approx(o.npv, abs=1e-8)
        assert row["NPV vs baseline"] == pytest.approx(o.npv_vs_baseline, abs=1e-8)
        assert row["Weighted score"] == pytest.approx(o.weighted_score, abs=1e-12)
        assert row["Rank"] == o.rank and row["NPV rank"] == o.npv_rank
        assert row["Payback year"] == ("n/a" if o.payback_year is None else o.payback_year)
        assert row["Benefit-cost ratio"] == (pytest.approx(o.bcr) if o.bcr is not None else
                                             "n/a" if o.baseline else "no extra cost")
    summary = wb["Summary"]
    assert summary["C3"].value == results.option(results.leader).name
    assert summary["C4"].value == results.option(results.npv_leader).name
    scores = wb["Scores"]
    got = {results.options[int(scores.cell(r, 1).value) - 1].id: [scores.cell(r, c).value for c in range(3, 3 + len(
        results.case.criteria))] for r in range(9, 9 + len(results.options))}
    for o in results.options:
        assert got[o.id] == pytest.approx([o.scores[c.id] for c in results.case.criteria])
    sw = [r for r in scores.iter_rows(values_only=True) if r[0] in
          {c.name for c in results.case.criteria} and isinstance(r[1], float)]
    assert len(sw) == len(results.case.criteria)
    for row, c in zip(sw, results.case.criteria):
        expected = results.switching_weights[c.id]
        got_sw = row[2 + 2 * len(results.options)]           # after the crossings and distances
        assert got_sw == ("n/a" if expected is None else pytest.approx(expected, abs=1e-12))
    org = wb["By organisation"]
    for r in range(7, 7 + len(results.options)):
        o = results.options[int(org.cell(r, 1).value) - 1]
        assert org.cell(r, 2).value == o.name
        values = [org.cell(r, c).value for c in range(3, 4 + len(results.case.organisations))]
        assert values == pytest.approx(list(o.by_organisation.values()), abs=1e-8)
    assert named(wb, "ChecksPass").value is True


@pytest.mark.parametrize("key", ["v2-case", LARGEST])
def test_horizon_table_and_baseline_figures_are_stored(key, written):
    """The horizon table (model-v2.md V2) and each option's figures against the baseline (V1)
    as stored equal the engine's."""
    results, raw = written[key]
    wb = load(raw, data_only=True)
    assert_horizon(wb, results)
    for o, title in zip(results.options, option_sheet_titles(results)):
        ws = wb[title]
        got = {ws.cell(r, 2).value: ws.cell(r, 5).value for r in range(4, 14)}
        low = o.funding_low_point
        assert got["Up-front and one-off costs, undiscounted (£)"] == pytest.approx(
            o.one_off_total, rel=1e-12, abs=1e-8)
        assert got["Funding low point against the baseline (£)"] == pytest.approx(
            low["amount"], rel=1e-12, abs=1e-8)
        assert got["Year of the funding low point"] == (low["year"] or "n/a")
        assert got["Payback year against the baseline"] == (o.payback_year or "n/a")


def test_capacity_tests_are_stored_with_their_breaches(written):
    """Issue 19: each covenant's first breach, as planned and pessimistic, and the overall
    affordability flag (apart from ChecksPass) equal the engine's."""
    results, raw = written[LARGEST]
    wb = load(raw, data_only=True)
    ws = wb["Capacity"]
    found = [ws.cell(r, 3).value for r in range(1, ws.max_row + 1)
             if str(ws.cell(r, 2).value).endswith("first breach year, or none")]
    expected = [y if y is not None else "none" for o in results.options for t in o.capacity
                for y in (t.first_breach_year, t.stressed_first_breach_year)]
    assert found == expected and "none" in found and any(isinstance(y, int) for y in found)
    broken = any(t.breached for o in results.options for t in o.capacity)
    assert named(wb, "CapacityClear").value is (not broken)
    assert named(wb, "ChecksPass").value is True
    assert wb["Cover"]["A9"].value is (not broken)


def assert_horizon(wb, results) -> None:
    """The Horizon sheet's years, NPVs against the baseline, highest NPV and leader."""
    ws = wb["Horizon"]
    years = [ws.cell(5, c).value for c in range(3, 3 + len(results.horizon_sensitivity))]
    assert years == [e.years for e in results.horizon_sensitivity]
    assert len(years) > 1
    names = {o.id: o.name for o in results.options}
    for k, entry in enumerate(results.horizon_sensitivity):
        assert ws.cell(6, 3 + k).value == names[entry.highest_npv]
        assert ws.cell(7, 3 + k).value == names[entry.leader]
        for i, o in enumerate(results.options):
            assert (ws.cell(9 + i, 1).value, ws.cell(9 + i, 2).value) == (i + 1, o.name)
            assert ws.cell(9 + i, 3 + k).value == pytest.approx(
                entry.npv_vs_baseline[o.id], rel=1e-12, abs=1e-8)


@pytest.mark.parametrize("key", KEYS)
def test_every_formula_carries_a_result(key, written):
    _, raw = written[key]
    values, formulas = load(raw, data_only=True), load(raw)
    missing = [(ws.title, c.coordinate) for ws in formulas.worksheets for row in ws.iter_rows()
               for c in row if c.data_type == "f" and values[ws.title][c.coordinate].value is None
               and '""' not in c.value]        # a formula whose figure may be empty text
    assert not missing


def test_results_is_an_excel_table_and_the_inputs_keep_their_names(written):
    _, raw = written["small-case"]
    wb = load(raw)
    head = [c.value for c in wb["Summary"][wb["Summary"].tables["Results"].ref][0]]
    assert head[:4] == ["Option ID", "Option", "NPV", "NPV vs baseline"]
    assert "Weighted score" in head
    for name in ("DiscountRate", "VATRate", "HorizonYears", "RedundancyWeeklyPayCap",
                 "OptimismBiasCosts", "OptimismBiasSavings", "EmployerNICRate",
                 "TerminationNICThreshold", "FirstYear"):
        assert named(wb, name).data_type == "n", name
    assert named(wb, "DiscountRate").value == 0.035
    assert named(wb, "BaselineOption").value == "standalone"
    assert named(wb, "MaxYears").value == 30
    assert named(wb, "ChecksPass").data_type == "f"


def _validation(ws, coordinate: str):
    found = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    assert found, coordinate
    return found[0]


def test_every_kind_of_input_is_validated_with_a_message(written):
    results, raw = written["small-case"]
    wb = load(raw)
    rate = named(wb, "DiscountRate")
    dv = _validation(rate.parent, rate.coordinate)
    assert (dv.type, dv.operator or "between", float(dv.formula2)) == ("decimal", "between", 0.2)
    assert "3.5% is 0.035" in dv.error and dv.showErrorMessage
    horizon = named(wb, "HorizonYears")
    dv = _validation(horizon.parent, horizon.coordinate)
    assert (dv.type, dv.formula1, dv.formula2) == ("whole", "1", "30")
    base = named(wb, "BaselineOption")
    assert _validation(base.parent, base.coordinate).formula1 == "OptionIds"
    inputs = wb["Inputs"]
    score = next(c for row in inputs.iter_rows() for c in row if c.value == 7 and
                 c.column > 2 and inputs.cell(c.row, 1).value == "standalone")
    dv = _validation(inputs, score.coordinate)
    assert (dv.type, dv.formula1, dv.formula2) == ("decimal", "0", "10")
    weight = next(c for row in inputs.iter_rows() for c in row if c.value == 35)
    dv = _validation(inputs, weight.coordinate)
    assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")
    sheet = wb["Lines"]                     # every line's inputs, apart from the calculations
    loan = next(c for row in sheet.iter_rows() for c in row if c.value == "oak-rcf")
    assert _validation(sheet, loan.coordinate).formula1 == "LoanIds"
    org = next(c for row in sheet.iter_rows() for c in row
               if c.column == 4 and c.value in ("oak", "elm", "joint"))
    assert _validation(sheet, org.coordinate).formula1 == "OrgChoices"
    merger = wb[option_sheet_titles(results)[2]]        # which links to them
    link = f"={quote('Lines')}!${loan.column_letter}${loan.row}"
    assert any(c.value == link for row in merger.iter_rows() for c in row)


@pytest.mark.parametrize("key", KEYS)
def test_no_formula_hard_codes_an_input(key, written):
    wb = load(written[key][1])
    seen = 0
    for ws in wb.worksheets:
        if ws.title in ("Inputs", "Constants"):
            continue
        for row in ws.iter_rows():
            for c in row:
                if c.data_type != "f":
                    continue
                seen += 1
                for tok in Tokenizer(c.value).items:
                    if tok.type == Token.OPERAND and tok.subtype == Token.NUMBER:
                        assert float(tok.value) in ALLOWED_NUMBERS, (ws.title, c.coordinate,
                                                                     c.value)
                    assert tok.value.upper() not in ("NOW()", "TODAY()", "OFFSET(",
                                                     "INDIRECT(", "RAND()")
                assert "[" not in c.value, (ws.title, c.coordinate)     # no external links
    assert seen > 100


def relative(formula: str, column: int) -> str:
    """The formula with each relative column written as its offset from ``column``."""
    index = openpyxl.utils.column_index_from_string
    return re.sub(r"(?<![A-Za-z$_])([A-Z]{1,3})(?=\$?\d)",
                  lambda m: f"[{index(m.group(1)) - column}]", formula)


def test_one_formula_per_row_across_the_year_columns(written):
    """Every year cell of a row holds the same rule (the first year's, shifted by column), and
    the columns run to 30 years whatever the horizon."""
    results, raw = written["small-case"]
    wb = load(raw)
    checked = 0
    for title in option_sheet_titles(results):
        ws = wb[title]
        year_cols = [c for c in range(1, ws.max_column + 1) if ws.cell(T_ROW, c).data_type == "f"]
        assert len(year_cols) == 30
        for r in range(T_ROW + 1, ws.max_row + 1):      # the year row counts: 1, then +1
            first = ws.cell(r, year_cols[0]).value
            if not (isinstance(first, str) and first.startswith("=")):
                continue
            for c in year_cols[1:]:
                assert relative(ws.cell(r, c).value, c) == relative(first, year_cols[0]), (
                    title, r, c)
            checked += 1
    assert checked >= 30


def test_user_text_is_text_with_the_text_prefix(written):
    wb = load(written["hostile"][1])
    cover = wb["Cover"]
    assert cover["A1"].value == HOSTILE["title"] and cover["A1"].data_type == "s"
    assert cover["A1"].quotePrefix
    texts = {c.value: c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if c.data_type == "s"}
    for s in ("=Standalone", "+Plus Homes", "-Minus Trust", "=1+1", "@vfm", "=2*3", "=org",
              "-loan", "@ceo", "+svc"):
        assert s in texts and texts[s].quotePrefix, s
    formulas = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    outside_sheet_names = [re.sub(r"'(?:[^']|'')*'!", "", f) for f in formulas]
    assert not any(s in f for f in outside_sheet_names
                   for s in ("HYPERLINK", "Standalone", "Plus", "Minus", "org\"", "vfm", "svc"))


def test_sheet_names_are_safe_unique_and_short(written):
    results = written["hostile"][0]
    titles = option_sheet_titles(results)
    assert titles == ["1 =Standalone", "2 Very long name with bad chars", "3 =Standalone"]
    for t in titles:
        assert len(t) <= 31 and not set(t) & set('[]:*?/\\')
    assert len({t.lower() for t in titles} | {f.lower() for f in FIXED_SHEETS}) == \
        len(titles) + len(FIXED_SHEETS)
    taken: set[str] = set()
    assert [sheet_title(n, taken) for n in ("Summary", "summary", "x" * 40, "x" * 40)] == [
        "Summary", "summary (2)", "x" * 31, "x" * 27 + " (2)"]
    assert sheet_title("3 Shared back office (standard-rated)", set()) == "3 Shared back office"


def test_every_sheet_prints_on_a4_legibly_with_header_and_footer(written):
    results, raw = written[LARGEST]
    wb = load(raw)
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title
        assert ws.page_setup.scale is None or int(ws.page_setup.scale) >= 80, ws.title
        assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
        assert "&P of &N" in ws.oddFooter.left.text and "Continuum" in ws.oddFooter.right.text
        assert ws.oddHeader.right.text == "&A"
        assert "Two housing" in ws.oddHeader.left.text or results.case.title[:10] in \
            ws.oddHeader.left.text
    merger = wb[option_sheet_titles(results)[-1]]
    assert merger.print_title_cols == "$A:$B"
    assert merger.print_title_rows == f"${T_ROW}:${FLAG_ROW}"


def test_cover_has_contents_links_version_and_checks(written):
    results, raw = written[LARGEST]
    wb = load(raw, data_only=True)
    cover = wb["Cover"]
    links = {c.value: c.hyperlink.location for row in cover.iter_rows() for c in row
             if c.hyperlink is not None}
    for title in ("Summary", "Inputs", "Checks", *option_sheet_titles(results)):
        assert title in links and title in links[title]
    text = " ".join(str(c.value) for row in cover.iter_rows() for c in row if c.value)
    assert "Continuum 0." in text and "Sign convention" in text and "ChecksPass" in text
    assert cover["A6"].value is True and cover["B7"].value == "none"


def test_warnings_sheet_lists_the_engine_warnings_in_words(written):
    results, raw = written["small-case"]
    ws = load(raw)["Warnings"]
    shown = [ws.cell(r, 2).value for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value]
    assert len(shown) == max(1, len(results.warnings))
    assert not any(re.search(r"\w+\[\d+\]", s) for s in shown)


def _visible(ws, cell) -> bool:
    column = ws.column_dimensions.get(cell.column_letter)
    row = ws.row_dimensions.get(cell.row)
    return not (column is not None and column.hidden) and not (row is not None and row.hidden)


def _heading(ws, cell, ids: set[str]) -> str:
    """The column's heading above a cell and the row's label beside it, as one string."""
    run, r = [], cell.row - 1                # the run of filled cells above, headings at its top
    while r > 0 and ws.cell(r, cell.column).value not in (None, ""):
        run.append(ws.cell(r, cell.column).value)
        r -= 1
    above = " / ".join(str(v) for v in run[-2:] if isinstance(v, str) and v not in ids)
    beside = " ".join(str(ws.cell(cell.row, c).value) for c in (1, 2)
                      if isinstance(ws.cell(cell.row, c).value, str))
    return f"{above} | {beside}"


def test_no_id_of_the_case_shows_outside_a_labelled_id_column(written):
    """People's words only: an option, organisation, loan or criterion id appears only in a
    column (or row) that says it holds ids, kept for lookups and typed keys; every other cell a
    person reads shows names."""
    results, raw = written[LARGEST]
    case = results.case
    names = ({o.name for o in case.options} | {o.name for o in case.organisations}
             | {c.name for c in case.criteria})
    ids = ({o.id for o in case.options} | {o.id for o in case.organisations}
           | {c.id for c in case.criteria}
           | {loan.id for o in case.organisations for loan in o.loans}) - names
    assert {"merger", "kestrel", "wm-bank-a", "autonomy"} <= ids
    wb = load(raw, data_only=True)
    stray, labelled = [], 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value not in ids or not _visible(ws, cell):
                    continue
                heading = _heading(ws, cell, ids)
                # A form word ("merger") may equal an option's id: it is not one.
                if re.search(r"\bid\b", heading, re.I) or re.match(r"(.* / )?Form \|", heading):
                    labelled += 1
                else:
                    stray.append((ws.title, cell.coordinate, cell.value, heading))
    assert stray == []
    assert labelled > 0                  # the typed keys are still there, under an id heading
    for sheet in ("Scores", "By organisation", "Horizon"):
        shown = {c.value for row in wb[sheet].iter_rows() for c in row}
        assert {o.name for o in case.options} <= shown
    table = results_table(wb)
    assert [row["Option"] for row in table.values()] == [o.name for o in results.options]


@pytest.mark.parametrize("key", ["v2-case", LARGEST])
def test_scenario_weighted_scores_and_ranks_are_stored_beside_the_npvs(key, written):
    """Each scenario's weighted scores and ranks sit beside its NPVs on Sensitivity as live
    formulas, stored with the engine's figures; the value-for-money score moves with the
    scenario's NPVs, so a scenario's weighted score is not simply the base one."""
    results, raw = written[key]
    ws = load(raw, data_only=True)["Sensitivity"]
    top = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith(
        "Scenarios:")) + 1
    heads = [ws.cell(top, c).value for c in range(12, 18)]
    assert heads == ["Pessimistic weighted score", "Base weighted score",
                     "Optimistic weighted score", "Pessimistic rank by weighted score",
                     "Base rank by weighted score", "Optimistic rank by weighted score"]
    formulas = load(raw)["Sensitivity"]
    moved = 0
    for i, o in enumerate(results.options):
        r = top + 1 + i
        assert ws.cell(r, 2).value == o.name
        for k, name in enumerate(("pessimistic", "base", "optimistic")):
            scen = results.scenarios[name]
            assert ws.cell(r, 12 + k).value == pytest.approx(scen.weighted_score[o.id],
                                                             abs=1e-12)
            assert ws.cell(r, 15 + k).value == scen.rank[o.id]
            assert str(formulas.cell(r, 12 + k).value).startswith("=")
            moved += scen.weighted_score[o.id] != pytest.approx(o.weighted_score, abs=1e-9)
        assert ws.cell(r, 13).value == pytest.approx(o.weighted_score, abs=1e-12)
    assert moved > 0 or key != LARGEST      # the largest sample weighs value for money


def test_line_writer_takes_its_kinds_from_the_kinds_table():
    """The option sheets find each kind of line by what kinds.py says of it, never by spelling
    a kind's name: each derived kind is the one model.md means, and no kind name is typed into
    the line writer."""
    from appraisal.kinds import KIND_IDS
    from appraisal.report.workbook import option_layout as layout
    from appraisal.report.workbook import option_lines
    assert (layout.SAVINGS_KIND, layout.RECURRING_KIND, layout.SHARED_KIND, layout.ONE_OFF_KIND,
            layout.LOAN_KIND, layout.PENSION_KIND, layout.WORKED_KINDS) == (
        "savings", "recurring_costs", "shared_services", "one_off_costs", "loan_repricing",
        "pension_cessation", ("redundancies",))
    source = Path(option_lines.__file__).read_text(encoding="utf-8")
    assert [k for k in KIND_IDS if f'"{k}"' in source] == []
    assert set(option_lines.HEADERS) == set(KIND_IDS)
