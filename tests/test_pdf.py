"""The board paper: every section, option name and headline figure reads back from the PDF;
hostile text prints literally; the command writes it. Figures are compared with Results."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from appraisal import appraise, load_case, parse_data
from appraisal.formatting import money_k, pct, score
from appraisal.report.paper import kit
from appraisal.report.paper.summary import recommendation_text, robustness_sentence
from appraisal.report.pdf import SECTIONS, board_paper_bytes
from appraisal.resources import sample_cases

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "small-case.json"     # model.md's worked example
CASES = [p for p in [*sample_cases(), SMALL] if p.exists()]

HOSTILE_NAME = "<b>&amp;</b> <font color='red'>x</font>"
FORMULA = '=HYPERLINK("http://x","y")'
WELSH = "Cymdeithas Tai Gŵyr a'r Fro — Ŵ ŷ"
ARABIC = "جمعية الإسكان"
EMOJI = "Cartrefi 🏠🤝 gyda'n gilydd"
LONG_NAME = ("Shared back office and joint procurement with staged group formation " * 14)[:300]  # the longest name a case may hold


def flat(text: str) -> str:
    """Text with every run of whitespace removed, so line wrapping does not matter."""
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes) -> str:
    return pdf_text_from(data, first=0)


def pdf_text_from(data: bytes, first: int) -> str:
    pages = pypdf.PdfReader(io.BytesIO(data)).pages[first:]
    return "\n".join(p.extract_text() or "" for p in pages)


@pytest.fixture(scope="module")
def papers():
    """Each case appraised once and printed once (the slow part), shared by the tests."""
    out = {}
    for path in CASES:
        results = appraise(load_case(path))
        data = board_paper_bytes(results)
        out[path.name] = (results, data, pdf_text(data))
    return out


@pytest.mark.parametrize("name", [p.name for p in CASES])
def test_every_section_heading_in_order(papers, name):
    _, data, _ = papers[name]
    after_cover = flat(pdf_text_from(data, first=1))
    found = [after_cover.find(flat(f"{i}. {h}")) for i, h in enumerate(SECTIONS, start=1)]
    assert all(pos >= 0 for pos in found), dict(zip(SECTIONS, found))
    assert found == sorted(found)


@pytest.mark.parametrize("name", [p.name for p in CASES])
def test_option_names_and_summary_figures(papers, name):
    results, data, text = papers[name]
    body = flat(text)
    assert data.startswith(b"%PDF")
    assert flat(results.case.title) in body
    # The executive summary is on page 2: every option's key figures are in its table.
    page2 = flat(pypdf.PdfReader(io.BytesIO(data)).pages[1].extract_text())
    for o in results.options:
        assert flat(o.name) in body
        assert flat(money_k(o.npv_vs_baseline)) in page2, (o.id, money_k(o.npv_vs_baseline))
        assert flat(score(o.weighted_score)) in page2
        assert flat(money_k(o.expected_npv_vs_baseline)) in page2
        if not o.baseline and o.monte_carlo is not None:
            # the chance of loss never alone: the worst case beside it (model-v2.md V4)
            loss = kit.loss_beside_worst(o)
            assert flat(loss) in page2 and "worst case" in loss, loss
    assert flat(robustness_sentence(results)) in page2
    if any(o.monte_carlo for o in results.options):
        assert flat(f"drawing {results.driver_count} independent uncertain figure") in page2


@pytest.mark.parametrize("name", [p.name for p in CASES])
def test_true_minus_and_pound_read_back(papers, name):
    results, _, text = papers[name]
    negatives = [o for o in results.options if round(o.npv_vs_baseline / 1000) < 0]
    assert "£" in text
    for o in negatives:
        assert "\u2212£" in money_k(o.npv_vs_baseline)
        assert flat(money_k(o.npv_vs_baseline)) in flat(text)


def test_fonts_embedded_dejavu(papers):
    _, data, _ = papers[CASES[0].name]
    reader = pypdf.PdfReader(io.BytesIO(data))
    used = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for key in fonts:
            font = fonts[key].get_object()
            used.add(str(font["/BaseFont"]))
            if "DejaVu" in str(font["/BaseFont"]):
                descendant = font.get("/DescendantFonts")
                desc = (descendant[0].get_object() if descendant else font)["/FontDescriptor"]
                assert "/FontFile2" in desc.get_object()
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= {u.split("+")[-1].lstrip("/") for u in used}


def test_a4_with_page_numbers_and_running_header(papers):
    results, data, _ = papers[CASES[0].name]
    reader = pypdf.PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    last = reader.pages[-1].extract_text()
    assert f"Page {len(reader.pages)}" in last
    assert flat(kit.short(results.case.title, 95)) in flat(reader.pages[2].extract_text())


def test_contents_lists_sections_with_pages(papers):
    _, data, _ = papers[CASES[0].name]
    cover = flat(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text())
    for i, heading in enumerate(SECTIONS, start=1):
        assert flat(f"{i}. {heading}") in cover, heading
    # dot leaders then a page number (pypdf may read the last entry's number out of order)
    assert len(re.findall(r"\.{3,}\d+", cover)) >= len(SECTIONS) - 1


@pytest.mark.parametrize("name", [p.name for p in CASES])
def test_contents_page_numbers_and_bookmarks_lead_to_each_section(papers, name):
    """The paper is laid out once: each contents number (a form written when its heading is
    placed) must still be the page the heading is on, and each bookmark must point there."""
    _, data, _ = papers[name]
    reader = pypdf.PdfReader(io.BytesIO(data))
    numbers = [int(n) for n in re.findall(r"\.{3,}\s*(\d+)\s", reader.pages[0].extract_text())]
    assert len(numbers) == len(SECTIONS)
    for i, (heading, page) in enumerate(zip(SECTIONS, numbers), start=1):
        assert flat(f"{i}. {heading}") in flat(reader.pages[page - 1].extract_text()), heading
    marks = [(m.title, reader.get_destination_page_number(m) + 1) for m in reader.outline]
    assert marks == [(f"{i}. {h}", n) for i, (h, n) in enumerate(zip(SECTIONS, numbers), 1)]
    # The document says what it is and in what language, and viewers show its title.
    assert reader.metadata.title == papers[name][0].case.title
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def _hostile_case() -> dict:
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    data["title"] = f"{HOSTILE_NAME} & {WELSH}"
    data["prepared_by"] = FORMULA
    data["organisations"][0]["name"] = WELSH
    data["organisations"][1]["name"] = ARABIC
    data["options"][1]["name"] = LONG_NAME
    data["options"][2]["name"] = EMOJI
    data["options"][0]["name"] = HOSTILE_NAME
    data["options"][2]["description"] = "Savings of $5m to $6m; 50% < 60% & > 40%\nsecond line"
    data["options"][1]["savings"][0]["label"] = FORMULA
    data["options"][2]["redundancies"][0]["label"] = "<script>alert(1)</script>"
    data["options"][1]["rationale"] = {"autonomy": "Tabs\tand <tags/> & stay text"}
    data["criteria"][0]["name"] = "_Ymreolaeth (autonomy) $x$"
    data["readiness"] = [{"item": "Tenants consulted " + "very " * 55, "status": "in_progress",
                          "note": EMOJI}]
    data["risks"] = [{"risk": HOSTILE_NAME, "likelihood": 4, "impact": 5, "option": "merger",
                      "mitigation": FORMULA, "owner": ARABIC}] * 8
    return data


@pytest.fixture(scope="module")
def hostile():
    results = appraise(parse_data(_hostile_case()))
    data = board_paper_bytes(results)
    return results, data, pdf_text(data)


def test_hostile_text_reads_back_literally(hostile):
    _, data, text = hostile
    body = flat(text)
    for literal in (HOSTILE_NAME, FORMULA, WELSH, "<script>alert(1)</script>",
                    "Savings of $5m to $6m; 50% < 60% & > 40%", "<tags/>"):
        assert flat(literal) in body, literal
    assert flat("<b>&amp;</b>") in body
    assert "ŵ" in text and "Ŵ" in text and "ŷ" in text


def test_very_long_name_printed_in_full_and_cut_in_tables(hostile):
    _, _, text = hostile
    body = flat(text)
    assert flat(LONG_NAME) in body                       # in full in the body
    assert flat(kit.short(LONG_NAME, 120)) in body       # cut with an ellipsis in tables


def test_arabic_and_emoji_do_not_stop_the_paper(hostile):
    _, data, text = hostile
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) > 8
    assert "Cartrefi" in text                            # the emoji name's letters survive
    # Arabic letters are in the text, joined (presentation forms) for a left-to-right renderer.
    assert any("\ufe70" <= ch <= "\ufeff" for ch in text)
    assert not any("\u0621" <= ch <= "\u064a" for ch in text)


def test_escape_is_the_one_way_in():
    assert kit.esc("<b>&amp;</b>") == "&lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert kit.esc("a\x00b\x07c\nd") == "abc<br/>d"
    assert kit.esc_short("x" * 300, 10) == "x" * 9 + "…"


def test_case_without_optional_parts_prints_plain_sentences():
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    for option in data["options"]:
        for kind in ("savings", "one_off_costs", "shared_services", "loan_repricing"):
            for line in option.get(kind, []):
                line.pop("low", None)
                line.pop("high", None)
    data["criteria"][1]["id"] = "culture"
    data["criteria"][1]["name"] = "Culture"
    for option in data["options"]:
        option["scores"]["culture"] = option["scores"].pop("user_voice")
    results = appraise(parse_data(data))
    assert all(o.monte_carlo is None for o in results.options)
    text = flat(pdf_text(board_paper_bytes(results)))
    assert flat("no line carries a low–high range, so no simulation was run") in text
    assert flat("The case records nothing on how tenants and service users were involved") in text
    assert flat("The case records no risks") in text
    assert flat("The case records no recommendation") in text


def test_recommendation_and_rule(papers):
    results, _, text = papers[SMALL.name] if SMALL.name in papers else papers[CASES[0].name]
    body = flat(text)
    rec = results.option(results.recommended)
    assert flat(rec.name) in body
    if results.case.recommendation is None:
        assert flat("highest weighted score (the first in the case's order") in body


def test_robustness_sentence_figures_come_from_results():
    results = appraise(load_case(SMALL))
    sentence = robustness_sentence(results)
    leader = results.option(results.leader)
    # small-case: standalone leads; the nearest switching weight is autonomy's 16.0%.
    nearest = min((abs(v - results.weights[k]), k, v)
                  for k, v in results.switching_weights.items() if v is not None)
    assert pct(nearest[2]) in sentence
    # The baseline never has the highest NPV here (it is 0): said in words, not as "0%".
    assert leader.monte_carlo.p_highest_npv == 0
    assert sentence.endswith(f"none of the {leader.monte_carlo.draws:,} simulations gives it "
                             "the highest NPV.")
    assert sentence.startswith(leader.name)


def test_robustness_sentence_for_a_leader_with_savings():
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    data["criteria"][0]["weight"] = 5                    # autonomy matters less: merger leads
    results = appraise(parse_data(data))
    assert results.leader == "merger"
    merger = results.option("merger")
    sv = next(s for s in merger.switching_values if s.ref == "savings[0]")
    sentence = robustness_sentence(results)
    assert f"falls below {pct(sv.value / sv.base)} of plan" in sentence
    assert f"highest NPV in {pct(merger.monte_carlo.p_highest_npv)}" in sentence


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
def test_pages_render_with_pdftoppm(tmp_path, papers):
    _, data, _ = papers[CASES[0].name]
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "20", "-f", "1", "-l", "2", str(pdf),
                    str(tmp_path / "pg")], check=True, capture_output=True)
    assert len(list(tmp_path.glob("pg-*.png"))) == 2


def test_command_writes_the_paper(tmp_path):
    case = SMALL if SMALL.exists() else CASES[0]
    out = tmp_path / "paper.pdf"
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "appraise", str(case),
                          "--pdf", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "1. Executive summary" in pdf_text(out.read_bytes())


def test_printing_does_not_change_the_case(hostile):
    """Printing twice from the same Results gives the same text (the builder mutates nothing)."""
    results, _, text = hostile
    assert results.case.options[0].name == HOSTILE_NAME
    assert pdf_text(board_paper_bytes(results)) == text


# --- the robustness sentence at its edges (crafted Results, exact wording) -------------------

def _small(**changes):
    """The worked example appraised, with some Results fields replaced."""
    import dataclasses
    return dataclasses.replace(appraise(load_case(SMALL)), **changes)


def test_robustness_skips_a_switching_weight_of_100_or_0_percent():
    base = appraise(load_case(SMALL))
    ids = list(base.switching_weights)
    # Every crossing at an end of the scale: no threshold to quote.
    results = _small(switching_weights={ids[0]: 1.0, ids[1]: 0.0,
                                        **{k: None for k in ids[2:]}})
    leader = results.option(results.leader)
    sentence = robustness_sentence(results)
    assert sentence.startswith(f"{leader.name} leads on weighted score, and no re-weighting of "
                               "any one criterion alone puts another option ahead of it; ")
    assert "100%" not in sentence.split(";")[0] and "exceeds" not in sentence
    # An interior crossing further away is still quoted, the end-of-scale one is not.
    results = _small(switching_weights={ids[0]: 1.0, ids[1]: 0.9,
                                        **{k: None for k in ids[2:]}})
    name = next(c.name for c in results.case.criteria if c.id == ids[1])
    assert robustness_sentence(results).startswith(
        f"{leader.name} leads on weighted score unless the weight of '{name}' rises above 90% "
        f"(it is {pct(results.weights[ids[1]])} today); ")


def test_robustness_quotes_a_tiny_switching_weight_to_one_place():
    base = appraise(load_case(SMALL))
    ids = list(base.switching_weights)
    results = _small(switching_weights={ids[0]: 0.004, **{k: None for k in ids[1:]}})
    assert "falls below 0.4% (it is" in robustness_sentence(results)


def test_robustness_for_a_baseline_leader_and_rare_or_no_wins():
    import dataclasses
    base = appraise(load_case(SMALL))
    assert base.option(base.leader).baseline                # the worked example: standalone
    leader = base.option(base.leader)
    never = dataclasses.replace(leader.monte_carlo, p_highest_npv=0.0)
    rare = dataclasses.replace(leader.monte_carlo, p_highest_npv=0.003)
    for mc, tail in ((never, "none of the 10,000 simulations gives it the highest NPV."),
                     (rare, "it has the highest NPV in under 1% of 10,000 simulations.")):
        options = [dataclasses.replace(o, monte_carlo=mc) if o.id == leader.id else o
                   for o in base.options]
        sentence = robustness_sentence(_small(options=options))
        assert sentence.endswith(tail)
        assert "saving" not in sentence                      # the baseline has no plan to test


def test_robustness_for_a_leader_without_savings_or_simulation():
    import dataclasses
    base = appraise(load_case(SMALL))
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    data["criteria"][0]["weight"] = 5                        # merger leads
    results = appraise(parse_data(data))
    merger = results.option("merger")
    bare = dataclasses.replace(
        merger, lines=[line for line in merger.lines if line.kind != "savings"],
        npv_vs_baseline=-1234567.0, monte_carlo=None)
    results = dataclasses.replace(results, options=[bare if o.id == "merger" else o
                                                    for o in results.options])
    sentence = robustness_sentence(results)
    assert "; its NPV is £1,235k below the baseline's; " in sentence
    assert sentence.endswith("no line carries a low–high range, so no simulation was run.")
    assert base.leader != "merger"


def test_robustness_for_a_tie_at_the_top():
    base = appraise(load_case(SMALL))
    results = _small(leader_gap=0.0, switching_weights={k: None for k in base.switching_weights})
    leader, runner = results.option(results.leader), results.option(results.runner_up)
    assert robustness_sentence(results).startswith(
        f"{leader.name} is level on weighted score with {runner.name} and is named first only "
        "because it comes first in the case")


# --- the staged path (group now, merger later) -----------------------------------------------

def test_staged_path_compares_the_group_and_the_merger_from_results():
    from appraisal.report.paper.strategy import staged_path_text
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    group = json.loads(json.dumps(next(o for o in data["options"] if o["form"] == "merger")))
    group.update(id="group", name="Federal group", form="group_structure", subtype="federal")
    for kind in ("loan_repricing", "pension_cessation", "redundancies"):
        group.pop(kind, None)
    group["scores"] = {k: min(10, v + 2) for k, v in group["scores"].items()}
    data["options"].append(group)
    results = appraise(parse_data(data))
    g, m = results.option("group"), results.option("merger")
    text = staged_path_text(results)
    assert text.startswith(f"The short list holds both a group (Federal group) and a merger "
                           f"({m.name}). ")
    assert g.npv_vs_baseline > m.npv_vs_baseline            # no re-pricing, pension or redundancy
    assert (f"the group is worth {money_k(g.npv_vs_baseline - m.npv_vs_baseline)} more in NPV "
            f"against the baseline ({money_k(g.npv_vs_baseline)} against "
            f"{money_k(m.npv_vs_baseline)})") in text
    assert g.weighted_score > m.weighted_score
    assert (f"the group scores higher on the board's criteria ({score(g.weighted_score)} "
            f"against {score(m.weighted_score)})") in text
    assert "does not model a group followed by merger" in text
    body = flat(pdf_text(board_paper_bytes(results)))
    assert flat("A staged path: group now, merger later") in body


def test_no_staged_path_without_both_a_group_and_a_merger():
    from appraisal.report.paper.strategy import staged_path_text
    results = appraise(load_case(SMALL))
    assert not any(o.form == "group_structure" for o in results.options)
    assert staged_path_text(results) is None
    assert "staged path" not in pdf_text(board_paper_bytes(results))


# --- wording: names not ids, the redundancy arithmetic, warnings as sentences ---------------

def test_warnings_name_the_option_and_the_loan_not_paths_or_ids(case_dict):
    from appraisal.wording import warning_text
    data = case_dict(settings={"horizon_years": 2})         # oak-rcf runs 3 years: 1 left out
    results = appraise(parse_data(data))
    w = next(w for w in results.warnings if w.kind == "past_horizon" and w.path == "options[2]")
    text = warning_text(w, results.case)
    assert text.startswith("Merger: Flows continue past the 2-year appraisal period: from "
                           "year 3 to year 30, if savings persist and renewals are as entered, ")
    assert "oak-rcf" not in text and "options[" not in text and text.endswith(".")
    body = pdf_text(board_paper_bytes(results))
    before_appendix = body.rsplit("Appendix E: Inputs", 1)[0]
    assert "Switching values" in before_appendix
    assert "oak-rcf" not in before_appendix                 # only the appendix lists loan ids
    assert flat(text) in flat(body)


def test_redundancy_working_shows_the_enhancement(case_dict):
    data = case_dict()
    data["options"][2]["redundancies"][0]["enhancement_multiplier"] = 1.5
    results = appraise(parse_data(data))
    x = results.option("merger").redundancies[0]
    body = flat(pdf_text(board_paper_bytes(results)))
    # age 45, 12 years: 14 weeks at the £719 cap (model.md's worked example), × 1.5.
    assert (x.weeks, x.pay_for_weeks, round(x.redundancy_pay)) == (14, 719, 15099)
    assert flat("14 weeks × £719 × 1.5 (enhanced terms) = £15,099 redundancy pay") in body


def test_switching_weight_at_the_end_of_the_scale_is_worded():
    from appraisal.report.paper.risk import switching_weight_text
    assert switching_weight_text(1.0) == "only at 100%"
    assert switching_weight_text(0.0) == "only at 0%"
    assert switching_weight_text(None) == "None"
    assert switching_weight_text(0.1128) == "11.3%"


def test_lead_reading_and_culture_from_results():
    from appraisal.report.paper.scoring import culture_text, lead_reading
    results = appraise(load_case(SMALL))
    crit = {c.id: c.name for c in results.case.criteria}
    top = max(results.why_leader, key=results.why_leader.get)
    assert lead_reading(results).startswith(
        f"{results.option(results.leader).name} owes most of its lead to '{crit[top]}' "
        f"(+{results.why_leader[top]:.1f} points)")
    assert not any("culture" in c.id or "trust" in c.name.lower() for c in results.case.criteria)
    assert culture_text(results).startswith("No criterion weighs culture and trust.")


def test_the_paper_says_how_the_money_enters_the_weighing():
    from appraisal.report.paper.scoring import money_text
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    assert money_text(appraise(parse_data(data))).startswith(
        "No criterion scores value for money, so the weighted score leaves the money out")
    data["weighting"] = {"method": "direct", "money_separately": True}
    assert money_text(appraise(parse_data(data))) == (
        "Value for money is not one of the criteria: the board weighs the money (the financial "
        "case) separately, beside the weighted scores.")
    data["criteria"].append({"id": "vfm", "name": "Value for money", "weight": 25.0,
                             "source": "npv_vs_baseline"})
    # 25 of 125 points: 20.0% of the weight.
    assert money_text(appraise(parse_data(data))) == (
        "Value for money is one of the criteria, scored from each option's NPV against the "
        "baseline: 'Value for money' (20.0% of the weight).")


def test_without_a_recommendation_the_money_leader_is_named_too():
    results = appraise(load_case(SMALL))
    assert results.case.recommendation is None and results.npv_leader != results.leader
    m = results.option(results.npv_leader)
    assert recommendation_text(results).endswith(
        f"On money alone the leader would be {kit.esc(m.name)}, with an NPV against the "
        f"baseline of {money_k(m.npv_vs_baseline)} and a weighted score of "
        f"{score(m.weighted_score)}: the board is choosing between them.")


def test_probabilities_never_round_a_rare_event_to_nothing():
    # none of the draws is not "0%": a simulation cannot show a chance is nil (model-v2.md V4)
    assert [kit.probability(p) for p in (0.0, 0.003, 0.0099, 0.0101, 0.3164, 0.99, 0.997, 1.0,
                                         None)] == [
        "under 1%", "under 1%", "under 1%", "1%", "32%", "99%", "over 99%", "over 99%", "n/a"]


def test_charts_are_drawn_as_vectors_with_their_text_as_text(papers):
    """Charts are drawn straight onto the page (report.paper.vector): no page holds an image,
    and a chart's own words (an axis title, option names in a legend) can be found as text."""
    results, data, text = papers["two_housing_associations.json"]
    reader = pypdf.PdfReader(io.BytesIO(data))
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            assert obj.get("/Subtype") != "/Image"
            inner = obj.get("/Resources", {}).get("/XObject", {})
            assert all(x.get_object().get("/Subtype") != "/Image" for x in inner.values())
    body = flat(text)
    assert flat("worse than base, input at its low value") in body   # the tornado's key
    assert flat("Weighted score (out of 100)") in body     # the value-for-money chart's axis
