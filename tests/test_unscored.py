"""A case saved before it is scored (docs/calculations.md, "Missing scores").

Hand-worked on the base case (tests/conftest.py): weights 60 and 40 normalise to 0.6 and 0.4, so
standalone (10, 2) scores 10 × (0.6 × 10 + 0.4 × 2) = 68, shared services (7, 5) 62 and the
merger (3, 9) 54.
"""
from __future__ import annotations

import pytest

from appraisal.casefile import parse_data
from appraisal.engine import appraise
from appraisal.scoring_words import status_text, why_no_leader
from appraisal.wording import warning_text


@pytest.fixture
def results_of(case_dict):
    def run(change=None):
        data = case_dict()
        if change:
            change(data)
        return appraise(parse_data(data), monte_carlo=False)
    return run


def _unscore(data, option, criterion, how="absent"):
    if how == "absent":
        data["options"][option]["scores"].pop(criterion)
    else:
        data["options"][option]["scores"][criterion] = None


@pytest.mark.parametrize("how", ["absent", "null"])
def test_missing_weighted_score_withholds_that_score_every_rank_and_the_leader(results_of, how):
    full = results_of()
    r = results_of(lambda d: _unscore(d, 1, "autonomy", how))
    assert [o.weighted_score for o in full.options] == pytest.approx([68.0, 62.0, 54.0])
    assert [o.weighted_score for o in r.options] == [pytest.approx(68.0), None,
                                                     pytest.approx(54.0)]
    assert [o.rank for o in r.options] == [None, None, None]
    assert not r.scored and r.leader == "" and r.runner_up is None
    assert r.unscored == {"shared": ["autonomy"]}
    assert r.why_leader == {} and r.leader_gap is None and r.non_dominated == []
    assert r.switching_weights == {"autonomy": None, "scale": None}
    assert all(s.rank[o] is None for s in r.scenarios.values() for o in s.rank)
    assert r.scenarios["base"].weighted_score["shared"] is None
    # the money is untouched
    for a, b in zip(full.options, r.options):
        assert (b.npv, b.npv_vs_baseline, b.payback_year, b.npv_rank) == (
            a.npv, a.npv_vs_baseline, a.payback_year, a.npv_rank)
    assert r.npv_leader == full.npv_leader == "merger"
    # the option's scores hold only what was given, never a 0 for the missing one
    assert r.options[1].scores == {"scale": 5.0}


def test_results_json_says_null_and_lists_the_gaps(results_of):
    out = results_of(lambda d: _unscore(d, 2, "scale")).to_json()
    assert out["leader"] is None and out["why_leader"]["leader"] is None
    assert [o["weighted_score"] for o in out["options"]][2] is None
    assert [o["rank"] for o in out["options"]] == [None, None, None]
    assert out["unscored"] == {"merger": ["scale"]}
    assert ("options[2].scores: 'Merger' has no score yet on Scale: it has no weighted score, and "
            "no option is ranked or recommended until it has") in out["warnings"]


def test_a_complete_case_reads_exactly_as_before(results_of):
    out = results_of().to_json()
    assert "unscored" not in out
    assert out["leader"] == "standalone"
    assert [o["rank"] for o in out["options"]] == [1, 2, 3]
    assert not any("no score yet" in w for w in out["warnings"])


def test_missing_score_on_a_criterion_of_no_weight_holds_nothing_up(results_of):
    def change(d):
        d["criteria"][1]["weight"] = 0
        _unscore(d, 2, "scale")
    r = results_of(change)
    # autonomy alone: 10 × 10, 10 × 7, 10 × 3
    assert [o.weighted_score for o in r.options] == pytest.approx([100.0, 70.0, 30.0])
    assert [o.rank for o in r.options] == [1, 2, 3] and r.leader == "standalone"
    assert r.unscored == {"merger": ["scale"]}
    assert why_no_leader(r.case, r.unscored) is None
    assert not any(w.kind == "unscored" for w in r.warnings)


def test_no_weight_at_all_ranks_nobody(results_of):
    def change(d):
        for c in d["criteria"]:
            c["weight"] = 0
    r = results_of(change)
    assert [o.weighted_score for o in r.options] == [None, None, None]
    assert r.leader == "" and r.weights == {"autonomy": 0.0, "scale": 0.0}
    assert why_no_leader(r.case, r.unscored) == (
        "No option can be ranked yet: no criterion carries weight. Choose the criteria and "
        "weigh them.")
    assert status_text(r.case, r.unscored) == "Not ranked yet: no criterion carries weight"
    assert [warning_text(w, r.case) for w in r.warnings if w.kind == "no_weights"] == [
        "Criteria: No criterion carries weight yet, so no option has a weighted score or a "
        "rank: choose the criteria and weigh them."]


def test_no_criteria_yet_still_appraises_the_money(results_of, case_dict):
    full = results_of()

    def change(d):
        d["criteria"] = []
        for option in d["options"]:
            option["scores"] = {}
    r = results_of(change)
    assert [o.npv for o in r.options] == [o.npv for o in full.options]
    assert [o.weighted_score for o in r.options] == [None, None, None] and not r.scored


def test_the_reason_names_every_option_and_criterion_still_unscored(results_of):
    def change(d):
        _unscore(d, 1, "autonomy")
        _unscore(d, 2, "autonomy")
        _unscore(d, 2, "scale")
    r = results_of(change)
    assert why_no_leader(r.case, r.unscored) == (
        "No option can be ranked or recommended until every option is scored. Still to score: "
        "Shared services on Autonomy; Merger on Autonomy and Scale.")
    assert status_text(r.case, r.unscored) == (
        "Not ranked yet: still to score Shared services on Autonomy; Merger on Autonomy and Scale")
    assert r.recommended == ""


def test_a_members_own_scores_fill_the_cases_gap_in_that_members_view(results_of):
    def change(d):
        _unscore(d, 1, "autonomy")
        d["members"] = [{"id": "m1", "name": "Ann", "scores": {"shared": {"autonomy": 8}}},
                        {"id": "m2", "name": "Bob"}]
    r = results_of(change)
    ann, bob = r.members
    # Ann: shared (8, 5) = 10 × (4.8 + 2.0) = 68, tied with standalone, which leads (file order)
    assert ann.weighted_scores == {"standalone": pytest.approx(68.0),
                                   "shared": pytest.approx(68.0), "merger": pytest.approx(54.0)}
    assert ann.leader == "standalone"
    assert bob.weighted_scores["shared"] is None and bob.leader is None
    assert r.leader_holds is None


def test_the_paper_of_an_unscored_case_says_what_is_missing_and_keeps_the_money(results_of):
    from pypdf import PdfReader
    import io
    from appraisal.report.pdf import board_paper_bytes
    r = results_of(lambda d: (_unscore(d, 1, "autonomy"), _unscore(d, 2, "scale")))
    text = " ".join(page.extract_text() for page in PdfReader(
        io.BytesIO(board_paper_bytes(r))).pages)
    flat = " ".join(text.split())
    assert "Draft: not yet scored" in flat
    assert "1. Not yet ready for a recommendation" in flat
    assert ("Still to score: Shared services on Autonomy; Merger on Scale." in flat)
    assert "£486,743" in flat                    # the merger's NPV against the baseline
    assert "Executive summary" not in flat and "Leader" not in flat


def test_the_command_line_writes_every_output_of_a_new_case(tmp_path):
    """A new case straight from the defaults: no criteria, no scores. Exit 0, every file
    written, and the JSON names no leader."""
    import json

    from appraisal.defaults import new_case_data
    from tests.test_cli import run
    case = tmp_path / "new.json"
    case.write_text(json.dumps(new_case_data()), encoding="utf-8")
    outs = {k: tmp_path / f"out.{k}" for k in ("pdf", "docx", "xlsx", "json")}
    done = run("appraise", case, *[a for k, p in outs.items() for a in (f"--{k}", p)])
    assert done.returncode == 0, done.stderr
    assert all(p.stat().st_size > 0 for p in outs.values())
    data = json.loads(outs["json"].read_text(encoding="utf-8"))
    assert data["leader"] is None and data["weights"] == {}
    assert [o["weighted_score"] for o in data["options"]] == [None, None]
    assert "criteria: no criterion carries weight yet, so no option has a weighted score or a " \
           "rank: choose the criteria and weigh them" in data["warnings"]


def test_charts_and_the_members_sheet_leave_the_gap_visible(results_of):
    import io

    import openpyxl

    from appraisal import charts
    from appraisal.report.workbook import workbook_bytes

    def change(d):
        _unscore(d, 2, "scale")
        d["members"] = [{"id": "m1", "name": "Ann", "scores": {"shared": {"autonomy": 8}}}]
    r = results_of(change)
    heat = charts.score_heatmap(r)
    cells = [t.get_text() for t in heat.axes[0].texts]
    assert cells == ["10", "2", "7", "5", "3", "—"]
    bars = charts.weighted_score_bars(r)
    assert [t.get_text() for t in bars.axes[0].texts] == ["68.0", "62.0"]   # the merger left out
    assert charts.tornado(r).axes                     # defaults to the highest NPV, not a leader
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(r)))
    assert wb["Members"]["A2"].value.startswith("Members' views are compared with the board's "
                                                "leading option once every option is scored")


def test_the_draft_resolution_of_an_unscored_case_recommends_nothing(results_of):
    from appraisal.report.paper.cover import resolution
    r = results_of(lambda d: _unscore(d, 1, "scale"))
    assert resolution(r) == ("That the board notes the appraisal of the 3 options so far; a "
                             "recommendation follows once every option is scored.", True)
