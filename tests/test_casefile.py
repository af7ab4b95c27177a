"""Saving and loading case files: round trip, unknown fields kept, atomic writes."""
from __future__ import annotations

import json
import os

import pytest

from appraisal.casefile import (CaseError, case_to_dict, load_case, parse_data, save_case,
                                write_atomic)
from appraisal.engine import appraise


def test_save_then_load_gives_an_equal_case(make_case, tmp_path):
    case = make_case()
    path = tmp_path / "case.json"
    save_case(case, path)
    again = load_case(path)
    assert again == case
    assert case_to_dict(again) == case_to_dict(case)
    # and it appraises to the same figures
    a, b = appraise(case, monte_carlo=False), appraise(again, monte_carlo=False)
    assert [o.npv for o in a.options] == [o.npv for o in b.options]


def test_small_case_round_trip(small_case_path, tmp_path):
    case = load_case(small_case_path)
    save_case(case, tmp_path / "copy.json")
    assert load_case(tmp_path / "copy.json") == case
    text = (tmp_path / "copy.json").read_text(encoding="utf-8")
    head = json.loads(text)
    assert list(head)[:2] == ["format", "version"]
    assert head["format"] == "options-appraisal-case" and head["version"] == 2


def test_defaults_are_not_written_out(make_case, tmp_path):
    save_case(make_case(), tmp_path / "c.json")
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    saving = data["options"][1]["savings"][0]
    assert "start_year" not in saving and "ramp" not in saving
    assert "vat_rate" not in data["settings"]


def test_unknown_fields_kept_top_level_and_nested(case_dict, tmp_path):
    data = case_dict()
    data["written_by_a_later_version"] = {"colour": "teal", "list": [1, 2, {"a": None}]}
    data["settings"]["inflation_index"] = "CPI"
    data["organisations"][0]["regulator_grade"] = "G1/V1"
    data["organisations"][0]["loans"][0]["covenant"] = {"interest_cover": 1.1}
    data["options"][1]["savings"][0]["evidence"] = "Benchmarking report, 2026"
    data["options"][2]["redundancies"][0]["role_code"] = "FD-01"
    data["criteria"][0]["colour"] = "#336699"
    path = tmp_path / "later.json"
    save_case(parse_data(data), path)
    back = json.loads(path.read_text(encoding="utf-8"))
    assert back["written_by_a_later_version"] == data["written_by_a_later_version"]
    assert back["settings"]["inflation_index"] == "CPI"
    assert back["organisations"][0]["regulator_grade"] == "G1/V1"
    assert back["organisations"][0]["loans"][0]["covenant"] == {"interest_cover": 1.1}
    assert back["options"][1]["savings"][0]["evidence"] == "Benchmarking report, 2026"
    assert back["options"][2]["redundancies"][0]["role_code"] == "FD-01"
    assert back["criteria"][0]["colour"] == "#336699"
    assert load_case(path) == parse_data(data)


def test_text_is_kept_exactly(case_dict, tmp_path):
    data = case_dict(title="Ysgol & Cartrefi: <b>not markup</b> — £1,000 “quoted” =SUM(A1)")
    save_case(parse_data(data), tmp_path / "t.json")
    assert load_case(tmp_path / "t.json").title == data["title"]
    assert "£1,000" in (tmp_path / "t.json").read_text(encoding="utf-8")   # UTF-8, not escaped


def test_atomic_save_keeps_the_old_file_when_the_rename_fails(make_case, tmp_path, monkeypatch):
    path = tmp_path / "case.json"
    save_case(make_case(), path)
    before = path.read_bytes()

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        save_case(make_case(title="A changed title"), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json"]   # no temp file left


def test_atomic_save_keeps_the_old_file_when_the_write_fails(tmp_path, monkeypatch):
    path = tmp_path / "out.json"
    write_atomic(path, b"old")

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_atomic_replaces_content(tmp_path):
    path = tmp_path / "x.bin"
    write_atomic(path, b"one")
    write_atomic(path, b"two")
    assert path.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["x.bin"]


def test_load_reports_a_broken_saved_file_by_field(case_dict, tmp_path):
    data = case_dict()
    data["options"][1]["savings"][0]["annual"] = -5
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(path)
    assert caught.value.problems[0][0] == "options[1].savings[0].annual"
