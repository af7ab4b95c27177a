"""The live Excel model: recalculated by LibreOffice, it must equal the engine to the penny.

All workbooks that need recalculating (every sample case, the worked example, a hostile case,
and flexed copies with DiscountRate and a saving changed in the workbook) go through ONE
headless LibreOffice run per test session, with a private profile so runs never clash.
Tests that need LibreOffice skip with a reason when ``soffice`` is absent.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import openpyxl
import pytest
from openpyxl.formula.tokenizer import Token, Tokenizer

from appraisal.casefile import load_case, parse_data
from appraisal.engine import appraise
from appraisal.report.workbook import FIXED_SHEETS, option_sheet_titles, workbook_bytes
from appraisal.report.workbook.cells import sheet_title
from appraisal.report.workbook.option_layout import MAIN, REF
from appraisal.resources import sample_cases

DATA = Path(__file__).resolve().parent / "data"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

# Numbers a formula may hold, each structural rather than an input:
#   0, 1  flags, identities, "year 1", MATCH's exact-match argument and "−1" for a cost's sign;
#   2     the middle of the scoring scale (ScoreMax / 2) when all NPVs vs baseline are equal;
#   100   weighted scores run 0..100 (model.md §2);
#   10000 basis points in one unit (a loan's margin uplift).
ALLOWED_NUMBERS = {0.0, 1.0, 2.0, 100.0, 10000.0}
FLEX_RATE = 0.06

HOSTILE = {
    "format": "options-appraisal-case", "version": 1,
    "title": "=HYPERLINK(\"http://example.invalid\",\"click\")",
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


def _cases() -> dict[str, object]:
    cases = {"small-case": load_case(DATA / "small-case.json")}
    for path in sample_cases():
        cases[path.stem] = load_case(path)
    cases["hostile"] = parse_data(json.loads(json.dumps(HOSTILE)))
    return cases


def _flexed_case(case):
    """The case with DiscountRate and the first saving of the first option that has one changed."""
    data = case.model_dump(mode="json", exclude_none=True)
    data["settings"]["discount_rate"] = FLEX_RATE
    o = next((i for i, opt in enumerate(case.options) if opt.savings), None)
    value = None
    if o is not None:
        line = case.options[o].savings[0]
        value = (line.low + line.high) / 2 + 1234.5 if line.has_range else line.annual * 1.5
        if line.has_range and value > line.high:
            value = (line.low + line.high) / 2
        data["options"][o]["savings"][0]["annual"] = value
    return parse_data(data), o, value


def _cell(wb, name: str):
    ((title, coord),) = list(wb.defined_names[name].destinations)
    return wb[title][coord.replace("$", "")]


def _flex_workbook(raw: bytes, results, o: int | None, value: float | None) -> bytes:
    """Change DiscountRate and the saving (through the workbook's own cells) with openpyxl."""
    import io
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    _cell(wb, "DiscountRate").value = FLEX_RATE
    if o is not None:
        ws = wb[option_sheet_titles(results)[o]]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, REF).value == "savings[0]")
        ws.cell(row, MAIN).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def recalculate(paths: list[Path], outdir: Path, profile: Path) -> dict[Path, Path]:
    """Recalculate workbooks with ONE headless LibreOffice run; map each input to its copy."""
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
           "--convert-to", "xlsx", "--outdir", str(outdir), *map(str, paths)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    return {p: outdir / p.name for p in paths}


@pytest.fixture(scope="module")
def exported():
    """Every case: (case, results, original bytes, flexed case/results/bytes), export timings."""
    out, timings = {}, {}
    for key, case in _cases().items():
        results = appraise(case)
        start = time.perf_counter()
        raw = workbook_bytes(results)
        timings[key] = time.perf_counter() - start
        flexed_case, o, value = _flexed_case(case)
        out[key] = {"case": case, "results": results, "raw": raw,
                    "flexed": appraise(flexed_case, monte_carlo=False),
                    "flexed_raw": _flex_workbook(raw, results, o, value)}
    return out, timings


@pytest.fixture(scope="module")
def recalculated(exported, tmp_path_factory):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    cases, _ = exported
    base = tmp_path_factory.mktemp("xlsx")
    paths = {}
    for key, item in cases.items():
        for variant in ("raw", "flexed_raw"):
            p = base / "in" / f"{key}.{variant}.xlsx"
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(item[variant])
            paths[(key, variant)] = p
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        copies = recalculate(list(paths.values()), base / "out", profile)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return {k: openpyxl.load_workbook(copies[p], data_only=True) for k, p in paths.items()}


def _section(ws, title_start: str) -> list[dict]:
    """Rows of the table under the section whose title starts with ``title_start``."""
    top = next(r for r in range(1, ws.max_row + 1)
               if str(ws.cell(r, 1).value or "").startswith(title_start))
    head = [ws.cell(top + 1, c).value for c in range(1, ws.max_column + 1)]
    rows, r = [], top + 2
    while ws.cell(r, 1).value not in (None, ""):
        rows.append(dict(zip(head, (ws.cell(r, c).value for c in range(1, len(head) + 1)))))
        r += 1
    return rows


def _results_table(wb) -> dict[str, dict]:
    ((title, coord),) = list(wb.defined_names["Results"].destinations)
    rows = [[c.value for c in row] for row in wb[title][coord.replace("$", "")]]
    head = rows[0]
    assert head == ["Option ID", "Option", "NPV", "NPV vs baseline", "Payback year",
                    "Weighted score", "Rank"]
    return {r[0]: dict(zip(head, r)) for r in rows[1:]}


def _assert_matches(table: dict, results) -> None:
    assert list(table) == [o.id for o in results.options]
    for o in results.options:
        row = table[o.id]
        assert row["Option"] == o.name
        assert abs(row["NPV"] - o.npv) < 0.005, (o.id, row["NPV"], o.npv)
        assert abs(row["NPV vs baseline"] - o.npv_vs_baseline) < 0.005
        # Payback is now against the baseline (model-v2.md V1); the workbook's own formula for
        # it is replaced with the rewritten workbook, which the Payback row is compared to then.
        assert abs(row["Weighted score"] - o.weighted_score) < 1e-6
        assert row["Rank"] == o.rank


KEYS = ["small-case", *[p.stem for p in sample_cases()], "hostile"]


@needs_soffice
@pytest.mark.parametrize("key", KEYS)
def test_recalculated_results_equal_the_engine(key, exported, recalculated):
    _assert_matches(_results_table(recalculated[(key, "raw")]), exported[0][key]["results"])


@needs_soffice
@pytest.mark.parametrize("key", KEYS)
def test_flexed_inputs_move_the_model_as_the_engine(key, exported, recalculated):
    flexed = exported[0][key]["flexed"]
    table = _results_table(recalculated[(key, "flexed_raw")])
    _assert_matches(table, flexed)
    assert any(abs(table[o.id]["NPV"] - o.npv) > 1 for o in exported[0][key]["results"].options
               if o.npv != 0) or all(o.npv == 0 for o in exported[0][key]["results"].options)


@needs_soffice
@pytest.mark.parametrize("key", KEYS)
def test_every_check_is_true_and_master_flags_show_on_cover(key, recalculated):
    wb = recalculated[(key, "raw")]
    flags = [c.value for c in wb["Checks"]["B"] if isinstance(c.value, bool)]
    assert flags and all(flags)
    cover = wb["Cover"]
    flag_rows = [r for r in range(1, 40) if "Checks" in str(cover.cell(r, 2).value)
                 or "exported" in str(cover.cell(r, 2).value)]
    # shown as words by a number format; LibreOffice may store the linked flag as 1
    assert [cover.cell(r, 1).value for r in flag_rows] == [True, True]
    flexed = recalculated[(key, "flexed_raw")]
    assert _cell(flexed, "DiscountRate").value == FLEX_RATE


@needs_soffice
def test_workings_match_the_engine_line_by_line(exported, recalculated):
    """Redundancy weeks and costs, tornado, switching values and by-organisation, hostile case."""
    results = exported[0]["hostile"]["results"]
    wb = recalculated[("hostile", "raw")]
    merger = results.options[1]
    ws = wb[option_sheet_titles(results)[1]]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    heads = {}
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == "Ref" and ws.cell(r, 13).value == "Years counted":
            heads = {ws.cell(r, c).value: c for c in range(1, ws.max_column + 1)}
    for red in merger.redundancies:
        # the workings row is the last row whose Ref is this line's ref
        r = max(x for x in range(1, ws.max_row + 1) if ws.cell(x, 1).value == red.ref)
        assert ws.cell(r, heads["Statutory weeks"]).value == pytest.approx(red.weeks)
        assert ws.cell(r, heads["Total cost"]).value == pytest.approx(red.total, abs=0.005)
    assert [r.weeks for r in merger.redundancies] == [29.5, 0.0, 5.5]  # 19 × 1.5 + 1; under 2 years; 3 × 1 + 5 × 0.5
    assert rows  # the sheet was read
    tornado = _section(wb["Sensitivity"], "Tornado")
    for t in merger.tornado:
        row = next(v for v in tornado if v["Option id"] == "+x" and v["Ref"] == t.ref)
        assert row["NPV at low"] == pytest.approx(t.npv_at_low, abs=0.005)
        assert row["NPV at high"] == pytest.approx(t.npv_at_high, abs=0.005)
    switching = _section(wb["Sensitivity"], "Switching values")
    for option in results.options:
        for sv in option.switching_values:
            row = next(v for v in switching if v["Option id"] == option.id and v["Ref"] == sv.ref)
            if sv.value is None:
                assert row["Switching value"] == "n/a"
            else:
                assert row["Switching value"] == pytest.approx(sv.value, abs=0.005)
                assert 100 * row["Change from base"] == pytest.approx(sv.change_pct, abs=1e-6)
    scenarios = _section(wb["Sensitivity"], "Scenarios")
    for v in scenarios:
        o = results.option(v["Option id"])
        assert v["Pessimistic NPV"] == pytest.approx(o.scenarios["pessimistic"], abs=0.005)
        assert v["Optimistic NPV"] == pytest.approx(o.scenarios["optimistic"], abs=0.005)
    org = wb["By organisation"]
    row = next(r for r in range(1, org.max_row + 1) if org.cell(r, 1).value == "+x")
    got = [org.cell(row, c).value for c in range(3, 3 + len(merger.by_organisation))]
    assert got == pytest.approx(list(merger.by_organisation.values()), abs=0.005)


def test_results_cells_are_formulas_except_ids_and_names(exported):
    wb = openpyxl.load_workbook(__import__("io").BytesIO(exported[0]["small-case"]["raw"]))
    ((title, coord),) = list(wb.defined_names["Results"].destinations)
    rows = list(wb[title][coord.replace("$", "")])
    assert len(rows) == 1 + 3
    for row in rows[1:]:
        assert [c.data_type for c in row[:2]] == ["s", "s"]
        assert all(c.data_type == "f" for c in row[2:])
    for name in ("DiscountRate", "VATRate", "HorizonYears", "RedundancyWeeklyPayCap",
                 "OptimismBiasCosts", "OptimismBiasSavings", "EmployerNICRate",
                 "TerminationNICThreshold", "FirstYear"):
        assert _cell(wb, name).data_type == "n", name
    assert _cell(wb, "DiscountRate").value == 0.035
    assert {"Input", "Calc", "Output", "Check", "Link"} <= set(wb.named_styles)


@pytest.mark.parametrize("key", KEYS)
def test_no_formula_hard_codes_an_input(key, exported):
    wb = openpyxl.load_workbook(__import__("io").BytesIO(exported[0][key]["raw"]))
    seen = 0
    for ws in wb.worksheets:
        if ws.title == "Inputs":
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
    assert seen > 100


def test_one_formula_per_row_across_the_timeline(exported):
    """Every year cell of a row holds the same rule (the first year's, shifted by column)."""
    import io
    import re
    results = exported[0]["small-case"]["results"]
    wb = openpyxl.load_workbook(io.BytesIO(exported[0]["small-case"]["raw"]))
    ws = wb[option_sheet_titles(results)[2]]
    year_cols = [c for c in range(1, ws.max_column + 1) if ws.cell(11, c).data_type == "f"]
    assert len(year_cols) == results.horizon
    letter = openpyxl.utils.get_column_letter
    checked = 0
    end = next(r for r in range(1, ws.max_row + 1)
               if str(ws.cell(r, 1).value).startswith("Redundancy workings"))
    for r in range(13, end):
        first = ws.cell(r, year_cols[0]).value
        if not (isinstance(first, str) and first.startswith("=")):
            continue
        for c in year_cols[1:]:
            rule = re.sub(rf"(?<![A-Z$]){letter(c)}(?=\$?\d)", letter(year_cols[0]),
                          ws.cell(r, c).value)
            assert rule == first, (r, c)
        checked += 1
    assert checked >= 10


def test_user_text_is_text_never_a_formula(exported):
    import io
    import re
    wb = openpyxl.load_workbook(io.BytesIO(exported[0]["hostile"]["raw"]))
    cover = wb["Cover"]
    assert cover["A1"].value == HOSTILE["title"] and cover["A1"].data_type == "s"
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if c.data_type == "s"}
    for s in ("=Standalone", "+Plus Homes", "-Minus Trust", "=1+1", "@vfm", "=2*3", "=org",
              "-loan", "@ceo", "+svc"):
        assert s in texts, s
    formulas = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    outside_sheet_names = [re.sub(r"'(?:[^']|'')*'!", "", f) for f in formulas]
    assert not any(s in f for f in outside_sheet_names
                   for s in ("HYPERLINK", "Standalone", "Plus", "Minus", "org", "vfm", "svc"))


def test_sheet_names_are_safe_unique_and_short(exported):
    results = exported[0]["hostile"]["results"]
    titles = option_sheet_titles(results)
    assert titles == ["1 =Standalone", "2 Very long name with bad chars", "3 =Standalone"]
    for t in titles:
        assert len(t) <= 31 and not set(t) & set('[]:*?/\\')
    assert len({t.lower() for t in titles} | {f.lower() for f in FIXED_SHEETS}) == \
        len(titles) + len(FIXED_SHEETS)
    taken: set[str] = set()
    assert [sheet_title(n, taken) for n in ("Summary", "summary", "x" * 40, "x" * 40)] == [
        "Summary", "summary (2)", "x" * 31, "x" * 27 + " (2)"]


def test_export_of_the_largest_sample_is_fast(exported):
    cases, timings = exported
    largest = max(cases, key=lambda k: len(cases[k]["raw"]))
    assert timings[largest] < 2.0, timings


# --- print layout a finance director can read -------------------------------------------------

def _wb(key_results):
    from io import BytesIO
    return openpyxl.load_workbook(BytesIO(workbook_bytes(key_results)))


def test_wrapped_headers_get_room_and_no_figure_sits_in_a_spacer():
    from appraisal.report.workbook.styles import LINE_POINTS
    results = appraise(load_case(DATA / "small-case.json"))
    wb = _wb(results)
    ws = wb["Inputs"]
    # The loans table's "Current margin (bps)" wraps in its 14-wide column: two lines high.
    head = next(r for r in range(1, ws.max_row + 1)
                if ws.cell(r, 6).value == "Current margin (bps)")
    assert ws.row_dimensions[head].height >= 2 * LINE_POINTS
    # Redundancy workings: every column holding a figure is wide enough to show it.
    for title in option_sheet_titles(results):
        sheet = wb[title]
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value == "Statutory weeks":
                    letter = cell.column_letter
                    assert sheet.column_dimensions[letter].width >= 8, (title, letter)


def test_check_colours_ignore_blank_cells():
    results = appraise(load_case(DATA / "small-case.json"))
    ws = _wb(results)["Checks"]
    formulas = [f for rng in ws.conditional_formatting for rule in rng.rules
                for f in rule.formula]
    assert formulas and all(f.startswith("AND(ISLOGICAL(") for f in formulas)


def test_long_option_names_cut_at_a_word_break():
    taken: set[str] = set()
    assert sheet_title("3 Shared back office (standard-rated)", taken) == "3 Shared back office"
    assert sheet_title("4 Federal group, loans kept in the subsidiaries", taken) == \
        "4 Federal group, loans kept in"
