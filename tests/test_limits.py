"""The limits of docs/limits.md: what a case may hold, each refused by its field (issue 15).

Each test here failed before the limits existed: the fault it guards is named in its docstring.
"""
from __future__ import annotations

import json
import math
import os
import threading
import time

import pytest

from appraisal import limits
from appraisal.casefile import MAX_BYTES, CaseError, load_case, parse_bytes, parse_data
from appraisal.engine import appraise


def refused(data) -> list[tuple[str, str]]:
    with pytest.raises(CaseError) as caught:
        parse_data(data)
    return caught.value.problems


def test_lone_surrogate_in_any_text_is_refused_naming_the_field(case_dict):
    """Fault 2: "\\ud800" was accepted, then Save and autosave failed with a Unicode error."""
    raw = json.dumps(case_dict()).replace('"Elm Homes"', '"Elm \\ud800Homes"').encode()
    with pytest.raises(CaseError) as caught:
        parse_bytes(raw)
    (path, message), = caught.value.problems
    assert path == "organisations[1].name"
    assert "broken character" in message and "U+D800" in message and "character 5" in message
    # in an unknown field and in a key too: nothing that cannot be saved gets in
    data = case_dict()
    data["options"][1]["savings"][0]["evidence"] = "a\udc00"
    data["settings"]["x\ud83d"] = 1
    paths = [p for p, _ in refused(data)]
    assert paths == ["settings.x\ufffd", "options[1].savings[0].evidence"]


@pytest.mark.parametrize("char, allowed", [("\t", True), ("\n", True), ("\r", False),
                                           ("\x00", False), ("\x1b", False), ("\x85", False)])
def test_control_characters_but_tab_and_new_line_are_refused(case_dict, char, allowed):
    data = case_dict()
    data["criteria"][0]["description"] = f"Line one{char}line two"
    if allowed:
        assert parse_data(data).criteria[0].description == f"Line one{char}line two"
    else:
        (path, message), = refused(data)
        assert path == "criteria[0].description"
        assert f"U+{ord(char):04X}" in message and "control character" in message


@pytest.mark.parametrize("path, limit", [
    ("title", limits.SHORT_TEXT), ("options[1].name", limits.SHORT_TEXT),
    ("organisations[0].name", limits.SHORT_TEXT), ("options[1].savings[0].label", limits.SHORT_TEXT),
    ("criteria[0].description", limits.LONG_TEXT), ("options[1].description", limits.LONG_TEXT),
])
def test_every_text_has_a_length_limit(case_dict, set_path, path, limit):
    """Fault 5: a 1 MB title or name was accepted (and the paper then ran for minutes)."""
    data = set_path(case_dict(), path, "é" * limit)
    parse_data(data)
    data = set_path(case_dict(), path, "é" * 1_000_000)
    assert refused(data) == [(path, f"must be at most {limit:,} characters (found 1,000,000)")]


def test_rationale_and_notes_take_long_text(case_dict):
    data = case_dict(readiness=[{"item": "Due diligence", "note": "n" * limits.LONG_TEXT}],
                     recommendation={"option": "merger", "rationale": "r" * limits.LONG_TEXT})
    data["options"][1]["rationale"] = {"autonomy": "a" * limits.LONG_TEXT}
    parse_data(data)
    data["options"][1]["rationale"]["autonomy"] += "a"
    assert [p for p, _ in refused(data)] == ["options[1].rationale.autonomy"]


@pytest.mark.parametrize("tiny", [5e-324, -1e-310, 1e-12])
def test_a_number_too_close_to_0_is_refused(case_dict, tiny):
    """Fault 8: annual 5e-324 (valid JSON) gave exit 1, "not JSON compliant: inf"."""
    data = case_dict()
    line = data["options"][1]["savings"][0]
    del line["low"], line["high"]
    line["annual"] = tiny
    (path, message), = refused(data)
    assert path == "options[1].savings[0].annual" and "too close to 0" in message
    line["annual"] = limits.SMALLEST            # the smallest figure that is not 0 still works
    results = appraise(parse_data(data))
    json.dumps(results.to_json(), allow_nan=False)


@pytest.mark.parametrize("path, value, message", [
    ("options[2].loan_repricing[0].low", -1e12, "must be >= -10000"),
    ("options[2].loan_repricing[0].high", 20000, "must be <= 10000"),
    ("options[1].savings[0].low", -5, "must be >= 0"),
    ("options[1].one_off_costs[0].high", 2e12, "must be <= 1e+12"),
])
def test_a_range_end_keeps_to_its_quantitys_limits(case_dict, set_path, path, value, message):
    """Fault 9: a loan low of -1e12 bps ran, giving NPVs of 3.7e16."""
    (where, said), = refused(set_path(case_dict(), path, value))
    assert where == path and said.startswith(message)


def test_the_work_budget_refuses_a_runaway_simulation_saying_what_to_reduce(case_dict):
    """Fault 11: 301 options × 1,000,000 draws took over 60 s and 1.5 GB."""
    data = case_dict()
    merger = data["options"][2]
    data["options"] += [{**merger, "id": f"o{i}", "name": f"Option {i}"} for i in range(47)]
    data["settings"]["monte_carlo"]["draws"] = 1_000_000
    (path, message), = refused(data)          # 50 ranged lines × 1,000,000 is within 50,000,000
    assert path == "settings.monte_carlo.draws"
    assert "use 200,000 draws or fewer, or fewer options" in message   # 10,000,000 / 50 options
    for option in data["options"][3:13]:       # 60 ranged lines: 60,000,000 line-draws
        option["loan_repricing"] = option["loan_repricing"] * 2
    _, (path2, message2) = refused(data)
    assert path2 == "settings.monte_carlo.draws"
    assert "use 833,333 draws or fewer" in message2                    # 50,000,000 / 60 lines
    data["settings"]["monte_carlo"]["draws"] = 200_000
    case = parse_data(data)
    start = time.perf_counter()
    results = appraise(case)
    assert time.perf_counter() - start < 60      # a few seconds; more on a busy shared machine
    assert all(math.isfinite(o.npv) for o in results.options)


def test_too_many_options_and_too_long_a_horizon_are_refused(case_dict):
    data = case_dict()
    base = data["options"][0]
    data["options"] += [{**base, "id": f"o{i}", "baseline": False} for i in range(300)]
    assert refused(data) == [("options", "has 303 options; a case may have at most 50")]
    data = case_dict(settings={"horizon_years": 100})
    line = {"label": "Post", "annual": 1.0}
    data["options"][1]["recurring_costs"] = [line] * 600
    (path, message), = refused(data)
    assert path == "settings.horizon_years" and "shorten the horizon to 82 years" in message


def test_refusals_quote_only_a_short_excerpt(case_dict):
    """Fault 12: a 1 MB format value was printed whole on one line."""
    problems = refused(case_dict(format="f" * 1_000_000))
    assert problems[0][1] == "this file is not a Continuum case"    # quotes nothing of it
    data = case_dict()
    data["options"][1]["savings"][0]["annual"] = "9" * 1_000_000
    data["options"][0]["scores"]["k" * 1_000_000] = 5
    for path, message in refused(data):
        assert len(path) + len(message) < 300


def test_a_device_is_refused_without_being_read():
    """Fault 4: appraise /dev/zero reached 8 GB in 15 s (a device reports a size of 0)."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    start = time.perf_counter()
    with pytest.raises(CaseError) as caught:
        load_case("/dev/zero")
    assert "zero: it is a device, not a case file" in str(caught.value)
    assert time.perf_counter() - start < 60     # a hang guard: a device is never read


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    """Fault 4: a FIFO with nothing at the other end blocked for ever."""
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    outcome = []
    reader = threading.Thread(target=lambda: outcome.append(_refusal(fifo)), daemon=True)
    reader.start()
    reader.join(5)
    assert outcome == [f"cannot read {fifo}: it is a pipe, not a case file"]


def test_a_folder_is_refused_in_plain_words(tmp_path):
    assert _refusal(tmp_path) == f"cannot read {tmp_path}: it is a folder, not a case file"


def test_the_byte_limit_holds_on_what_is_read(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_BYTES + 1))
    assert "at most 20 MB" in _refusal(big)


def _refusal(path) -> str:
    try:
        load_case(path)
    except CaseError as exc:
        return str(exc)
    return "accepted"


def test_the_paper_is_quick_with_every_text_at_its_longest(case_dict):
    """Fault 5: a 1 MB title or option name made the paper run for minutes. Now the longest
    texts allowed (unbroken, the hardest to wrap) give a paper of ordinary length quickly."""
    from appraisal.report.pdf import board_paper_bytes

    data = case_dict()
    short, long_ = "x" * limits.SHORT_TEXT, "y" * limits.LONG_TEXT
    data.update(title=short, prepared_by=short,
                recommendation={"option": "merger", "rationale": long_},
                risks=[{"risk": long_, "likelihood": 3, "impact": 4, "mitigation": long_,
                        "owner": short}])
    for item in data["organisations"] + data["criteria"] + data["options"]:
        item["name"] = short
    for criterion in data["criteria"]:
        criterion["description"] = long_
    for option in data["options"]:
        option["description"] = long_
        option["rationale"] = {c["id"]: long_ for c in data["criteria"]}
        for kind in ("savings", "recurring_costs", "one_off_costs", "redundancies"):
            for line in option.get(kind, []):
                line["label"] = short
    results = appraise(parse_data(data), monte_carlo=False)
    start = time.perf_counter()
    paper = board_paper_bytes(results)
    assert time.perf_counter() - start < 120      # 10-30 s on this busy shared machine
    from io import BytesIO

    from pypdf import PdfReader

    assert 10 < len(PdfReader(BytesIO(paper)).pages) < 60


@pytest.mark.parametrize("kind, field, value", [
    ("recurring_costs", "year", []), ("shared_services", "organisation", []),
    ("recurring_costs", "loan", {"a": 1}), ("recurring_costs", "ramp", 5),
    ("recurring_costs", "recipient", [1])])
def test_an_unknown_field_named_like_another_kinds_field_is_kept_not_read(case_dict, kind,
                                                                          field, value):
    """Found by the fuzz test: ``"year": []`` on a recurring cost (whose field is start_year)
    crashed the rules with a TypeError (exit 1)."""
    data = case_dict()
    data["options"][1][kind][0][field] = value
    case = parse_data(data)
    assert getattr(getattr(case.options[1], kind)[0], field) == value


def test_an_inflation_rate_near_minus_100_percent_is_refused(case_dict):
    """An inflation rate of -99.99% (within the old limit of > -100%) made the deflators of a
    100-year case overflow: infinite figures, then an IndexError (exit 1). At -50%, the least
    now allowed, every figure is finite."""
    data = case_dict(version=2, settings={"horizon_years": 100, "inflation_rate": -0.9999})
    (path, message), = refused(data)
    assert path == "settings.inflation_rate" and message.startswith("must be >= -0.5")
    data["settings"]["inflation_rate"] = -0.5
    for option in data["options"]:
        for line in option.get("savings", []):
            line["basis"] = "nominal"
    json.dumps(appraise(parse_data(data)).to_json(), allow_nan=False)
