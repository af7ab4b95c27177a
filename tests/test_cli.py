"""The headless command, run as the board's finance team would run it (a real subprocess)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from appraisal import appraise, cli, load_case
from appraisal.casefile import write_all_atomic
from appraisal.resources import sample_cases

ROOT = Path(__file__).resolve().parent.parent
OPTION_FIELDS = {"id", "npv", "npv_vs_baseline", "payback_year", "bcr", "weighted_score", "rank",
                 "by_organisation", "cash_flows", "tornado", "switching_values"}
FLOW_FIELDS = {"year", "savings", "recurring_costs", "irrecoverable_vat", "loan_repricing",
               "redundancy", "pension_cessation", "one_off_costs", "net", "discount_factor",
               "discounted"}


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, **kwargs)


def check_results_json(data: dict, case: dict) -> None:
    """Results JSON v1 (model.md §3): every field there, for every option of the case."""
    assert data["format"] == "options-appraisal-results" and data["version"] == 2
    assert data["case_title"] == case["title"]
    criteria = [c["id"] for c in case["criteria"]]
    assert list(data["weights"]) == criteria
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    assert list(data["switching_weights"]) == criteria
    assert isinstance(data["warnings"], list)
    assert [o["id"] for o in data["options"]] == [o["id"] for o in case["options"]]
    orgs = [o["id"] for o in case["organisations"]] + ["joint"]
    ranged = any("low" in line for o in case["options"] for kind in
                 ("savings", "recurring_costs", "shared_services", "one_off_costs",
                  "loan_repricing") for line in o.get(kind, []))
    horizon = case["settings"]["horizon_years"]
    for option in data["options"]:
        assert OPTION_FIELDS <= set(option)
        assert list(option["by_organisation"]) == orgs
        assert len(option["cash_flows"]) == horizon
        assert all(FLOW_FIELDS <= set(cf) for cf in option["cash_flows"])
        assert sum(cf["discounted"] for cf in option["cash_flows"]) == pytest.approx(
            option["npv"], abs=1e-6)
        assert ("monte_carlo" in option) == ranged
        if ranged:
            assert {"draws", "seed", "p10", "p50", "p90", "p_npv_vs_baseline_below_zero",
                    "p_highest_npv"} <= set(option["monte_carlo"])


def test_small_case_writes_json(small_case_path, small_case_data, small_expected, tmp_path):
    out = tmp_path / "results.json"
    done = run("appraise", small_case_path, "--json", out)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    check_results_json(data, small_case_data)
    merger = next(o for o in data["options"] if o["id"] == "merger")
    assert round(merger["npv"], 2) == 682584.01
    assert round(data["switching_weights"]["scale_capacity"], 6) == 0.433962
    # warnings go to standard error too
    assert "warning: Options: Only 3 options on the short list" in done.stderr


def test_results_json_is_compact_and_keeps_every_figure(small_case_path):
    """One line, no spaces between tokens (a third smaller than indented), and every figure
    still at full precision: it reads back equal to the results."""
    results = appraise(load_case(small_case_path))
    text = cli.results_json(results)
    assert text.endswith("}\n") and text.count("\n") == 1 and '", "' not in text
    back = json.loads(text)
    assert back == results.to_json()
    merger = next(o for o in back["options"] if o["id"] == "merger")
    assert merger["npv"] == results.option("merger").npv and round(merger["npv"], 2) == 682584.01


def test_dash_writes_to_standard_output(small_case_path, small_case_data, tmp_path):
    done = run("appraise", small_case_path, "--json", "-")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    check_results_json(data, small_case_data)
    assert list(tmp_path.iterdir()) == []


SAMPLES = sample_cases()


@pytest.mark.skipif(not SAMPLES, reason="no sample cases shipped yet")
@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_sample_case_appraises(path, tmp_path):
    out = tmp_path / "out.json"
    done = run("appraise", path, "--json", out)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    check_results_json(json.loads(out.read_text(encoding="utf-8")),
                       json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("breaks, message", [
    (lambda d: d["options"][2]["scores"].update(brand=4),
     "options[2].scores.brand: unknown criterion 'brand'"),
    (lambda d: d["options"][1]["savings"][0].update(annual="lots"),
     "options[1].savings[0].annual: must be a number"),
])
def test_broken_case_exit_2_names_the_field_and_writes_nothing(case_dict, tmp_path, breaks,
                                                               message):
    data = case_dict()
    breaks(data)
    case = tmp_path / "broken.json"
    case.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.json"
    done = run("appraise", case, "--json", out, "--pdf", tmp_path / "p.pdf")
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json"]


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"[1, 2]", "this file is not a Continuum case"),
    (b'{"a": 1,\n  "b": }', "damaged near line 2"),
    (b'{"format": "options-appraisal-case", "version": 3}', "version"),
    (b"\xff\xfe\x00", "UTF-8"),
])
def test_files_that_are_not_cases_exit_2(tmp_path, content, words):
    case = tmp_path / "x.json"
    case.write_bytes(content)
    done = run("appraise", case, "--json", tmp_path / "out.json")
    assert done.returncode == 2 and words in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out.json").exists()


def test_missing_file_exit_2(tmp_path):
    done = run("appraise", tmp_path / "nowhere.json", "--json", "-")
    assert done.returncode == 2
    assert "nowhere.json" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_naming_the_file_as_given():
    done = run("appraise", "/dev/zero", "--json", "-")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "continuum: cannot read /dev/zero: it is a device, not a case file\n"


def test_warnings_are_printed_in_the_words_of_the_app_and_the_paper(tmp_path):
    """The affordability example's warnings on standard error as people read them (the place in
    the case's own names), while the results JSON keeps each field path."""
    from appraisal import appraise, load_case
    from appraisal.wording import warning_text

    example = ROOT / "tests" / "data" / "capacity-example.json"
    done = run("appraise", example, "--no-monte-carlo", "--json", tmp_path / "out.json")
    assert done.returncode == 0, done.stderr
    results = appraise(load_case(example), monte_carlo=False)
    printed = done.stderr.splitlines()
    assert printed == [f"warning: {warning_text(w, results.case)}" for w in results.warnings]
    assert "warning: Criteria › Value for money › money anchors: 'Value for money' is scored " \
           "from the lowest to the highest NPV" in done.stderr
    assert not any(re.search(r"\w\[\d+\]|scale_money", line) for line in printed)
    saved = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["warnings"]
    assert any(w.startswith("criteria[2].scale_money: ") for w in saved)


def test_output_folder_missing_exit_2(small_case_path, tmp_path):
    done = run("appraise", small_case_path, "--json", tmp_path / "no" / "such" / "out.json")
    assert done.returncode == 2 and "does not exist" in done.stderr


def test_no_monte_carlo_flag(small_case_path):
    done = run("appraise", small_case_path, "--json", "-", "--no-monte-carlo")
    assert done.returncode == 0
    assert all("monte_carlo" not in o for o in json.loads(done.stdout)["options"])


def test_unknown_argument_exit_2(small_case_path):
    done = run("appraise", small_case_path, "--colour", "blue")
    assert done.returncode == 2 and "Traceback" not in done.stderr


# --- robustness: where the output goes ------------------------------------------------------

def test_output_that_is_a_folder_exit_2_and_nothing_written(small_case_path, tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    done = run("appraise", small_case_path, "--json", tmp_path / "out.json", "--pdf", folder)
    assert done.returncode == 2, done.stderr
    assert f"cannot write {folder}: it is a folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["papers"]
    assert list(folder.iterdir()) == []


def test_output_under_a_file_exit_2_naming_it(small_case_path, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    done = run("appraise", small_case_path, "--json", blocker / "out.json")
    assert done.returncode == 2
    assert f"{blocker} is not a folder" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="the administrator may write into a read-only folder")
def test_read_only_folder_exit_1_and_no_partial_output(small_case_path, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        done = run("appraise", small_case_path, "--json", tmp_path / "out.json",
                   "--xlsx", locked / "model.xlsx")
    finally:
        locked.chmod(0o755)
    assert done.returncode == 1
    assert f"cannot write {locked / 'model.xlsx'}" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked"]   # not even the JSON


def test_several_outputs_are_written_all_or_none(tmp_path):
    """The second file cannot be written, so the first is not left behind either."""
    with pytest.raises(OSError) as caught:
        write_all_atomic([(tmp_path / "results.json", b"{}"),
                          (tmp_path / "missing" / "paper.pdf", b"%PDF")])
    assert caught.value.filename == str(tmp_path / "missing" / "paper.pdf")   # not a temp file
    assert list(tmp_path.iterdir()) == []
    write_all_atomic([(tmp_path / "results.json", b"{}"), (tmp_path / "paper.pdf", b"%PDF")])
    assert (tmp_path / "results.json").read_bytes() == b"{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.pdf", "results.json"]


def test_closed_standard_output_is_quiet(small_case_path):
    """``appraise ... --json - | head -c 10``: the reader has gone; no traceback, status 1."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "main.py", "appraise", str(small_case_path),
                               "--json", "-"], cwd=ROOT, stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "BrokenPipe" not in done.stderr and "unexpected failure" not in done.stderr


def test_standard_output_is_utf8_whatever_the_locale(case_dict, tmp_path):
    """A Welsh name survives a C locale with an ASCII standard output (results are UTF-8)."""
    data = case_dict(title="Cymdeithas Tai Gŵyr a Thŷ Gwyn: opsiynau")
    data["organisations"][1]["name"] = "Tŷ Gwyn"
    case = tmp_path / "welsh.json"
    case.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
           "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "main.py", "appraise", str(case), "--json", "-"],
                          cwd=ROOT, capture_output=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert json.loads(done.stdout.decode("utf-8"))["case_title"] == data["title"]


def test_ctrl_c_exits_130_with_a_plain_message(small_case_path, tmp_path, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "appraise", interrupted)
    status = cli.main(["appraise", str(small_case_path), "--json", str(tmp_path / "out.json")])
    err = capsys.readouterr().err
    assert status == 130
    assert err == "continuum: interrupted; no file was written\n"
    assert list(tmp_path.iterdir()) == []


def test_warnings_and_the_papers_sentences_give_an_options_whole_name(tmp_path):
    """Only a table cell on screen elides a name: the command line's warnings and the tornado
    chart's caption in the paper give the housing associations' long option name whole."""
    from appraisal.charts.money import tornado

    name = "Federal group, loans kept in the subsidiaries"
    sample = next(p for p in sample_cases() if p.stem == "two_housing_associations")
    done = run("appraise", sample, "--no-monte-carlo", "--json", tmp_path / "out.json")
    assert done.returncode == 0, done.stderr
    assert f"warning: {name}: Flows continue past the 10-year appraisal period" in done.stderr
    assert f"warning: {name} › Shared services › Central services supplied by the parent " \
           "within the VAT group › supplier: No supplier is named" in done.stderr
    assert "…" not in done.stderr
    results = appraise(load_case(sample), monte_carlo=False)
    leader = next(o for o in results.options if o.name == name)
    caption = tornado(results, leader.id).axes[0].get_xlabel()
    assert caption.startswith(f"NPV of {name} against the baseline\n(base £")
