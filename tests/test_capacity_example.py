"""V10's worked example (tests/data/capacity-example.json) to the penny, test by test."""
from __future__ import annotations

import json

import pytest

from appraisal.casefile import load_case
from appraisal.engine import appraise
from tests.conftest import DATA

FIELDS = ("organisation", "loan", "metric", "limit", "bound", "basis", "entity",
          "first_breach_year")


def _close(found, expected, tol):
    if expected is None:
        return found is None
    return found is not None and abs(found - expected) <= tol


@pytest.fixture(scope="module")
def pair():
    results = appraise(load_case(DATA / "capacity-example.json"), monte_carlo=False)
    expected = json.loads((DATA / "capacity-example.expected.json").read_text())
    return results.to_json(), expected


def test_every_capacity_figure_equals_the_expected_file(pair):
    found, expected = pair
    for option, want in zip(found["options"], expected["options"]):
        assert option["id"] == want["id"]
        assert len(option["capacity"]) == len(want["capacity"]), option["id"]
        for test, exp in zip(option["capacity"], want["capacity"]):
            where = (option["id"], test["organisation"], test["loan"], test["metric"])
            for key in FIELDS:
                assert test[key] == exp[key], (where, key)
            for key, tol in (("values", 5e-7), ("headroom", 5e-7), ("headroom_money", 0.005)):
                assert len(test[key]) == len(exp[key])
                for t, (f, e) in enumerate(zip(test[key], exp[key])):
                    assert _close(f, e, tol), (where, key, t + 1, f, e)
            for got, exp_s in ((test, exp), (test["stressed"], exp["stressed"])):
                assert got["min_headroom"]["year"] == exp_s["min_headroom"]["year"], where
                assert _close(got["min_headroom"]["value"], exp_s["min_headroom"]["value"],
                              5e-7), where
                assert got["first_breach_year"] == exp_s["first_breach_year"], where


def test_every_split_is_shown_as_expected(pair):
    found, expected = pair
    for option, want in zip(found["options"], expected["options"]):
        assert option["capacity_shares"] == [
            {"ref": s["ref"], "shares": pytest.approx(s["shares"])}
            for s in want["capacity_shares"]]
