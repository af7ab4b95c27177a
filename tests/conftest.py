"""Shared fixtures for the appraisal tests (no Qt here: UI tests add their own conftest).

- ``small_case_path`` / ``small_expected``: the worked example of model.md and its expected figures
  (copied beside the tests from the spec's ``examples`` folder).
- ``case_dict(**overrides)``: a fresh, valid case as a plain dict (a JSON value), with top-level
  keys replaced, or merged where both sides are objects (``settings={"discount_rate": 0.05}``).
- ``make_case(**overrides)``: the same, validated into a :class:`appraisal.case.Case`.
- ``set_path(data, "options[1].savings[0].annual", value)`` / ``del_path``: edit a case dict by
  the field paths that CaseError reports.

Every fixture is session-scoped and returns a function, so hypothesis tests may use them too.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from appraisal.casefile import parse_data

DATA = Path(__file__).resolve().parent / "data"
SMALL_CASE = DATA / "small-case.json"
SMALL_EXPECTED = DATA / "small-case.expected.json"

# A small valid case: three options, two organisations (one with a loan), two criteria.
BASE_CASE = {
    "format": "options-appraisal-case",
    "version": 1,
    "title": "Test case",
    "date": "2026-11-22",
    "settings": {"first_year": 2027, "horizon_years": 5, "discount_rate": 0.035,
                 "redundancy_weekly_pay_cap": 719, "monte_carlo": {"draws": 2000, "seed": 7}},
    "organisations": [
        {"id": "oak", "name": "Oak Housing", "vat_recovery_rate": 0.1,
         "loans": [{"id": "oak-rcf", "lender": "Bank A", "balance": 1000000,
                    "remaining_years": 3}]},
        {"id": "elm", "name": "Elm Homes"},
    ],
    "criteria": [
        {"id": "autonomy", "name": "Autonomy", "weight": 60},
        {"id": "scale", "name": "Scale", "weight": 40},
    ],
    "options": [
        {"id": "standalone", "name": "Remain standalone", "form": "standalone", "baseline": True,
         "scores": {"autonomy": 10, "scale": 2}},
        {"id": "shared", "name": "Shared services", "form": "shared_services",
         "savings": [{"label": "Finance team", "organisation": "elm", "annual": 50000,
                      "low": 30000, "high": 60000}],
         "recurring_costs": [{"label": "Client function", "annual": 5000}],
         "shared_services": [{"label": "Finance from Oak", "recipient": "elm",
                              "annual_value": 80000}],
         "one_off_costs": [{"label": "Set-up", "amount": 20000, "low": 15000, "high": 30000}],
         "scores": {"autonomy": 7, "scale": 5}},
        {"id": "merger", "name": "Merger", "form": "merger",
         "savings": [{"label": "One executive", "annual": 150000, "ramp": [0.5, 1.0]}],
         "redundancies": [{"label": "Chief executive", "organisation": "elm", "age": 45,
                           "years_service": 12, "weekly_pay": 900, "pension_strain": 1000}],
         "loan_repricing": [{"loan": "oak-rcf", "margin_uplift_bps": 50, "low": 20,
                             "high": 90}],
         "pension_cessation": [{"organisation": "oak", "amount": 100000, "year": 2}],
         "scores": {"autonomy": 3, "scale": 9}},
    ],
}


def _case_dict(**overrides) -> dict:
    data = copy.deepcopy(BASE_CASE)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **copy.deepcopy(value)}
        else:
            data[key] = copy.deepcopy(value)
    return data


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list:
    return [int(i) if i else name for name, i in _STEP.findall(path)]


def _set_path(data, path: str, value):
    """Set the value at a CaseError-style path, e.g. ``options[1].savings[0].annual``."""
    *head, last = _steps(path)
    node = data
    for step in head:
        node = node[step]
    node[last] = value
    return data


def _del_path(data, path: str):
    *head, last = _steps(path)
    node = data
    for step in head:
        node = node[step]
    del node[last]
    return data


@pytest.fixture(scope="session")
def small_case_path() -> Path:
    return SMALL_CASE


@pytest.fixture(scope="session")
def small_expected() -> dict:
    return json.loads(SMALL_EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def small_case_data() -> dict:
    """The worked example as a dict (copy it before changing it)."""
    return json.loads(SMALL_CASE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def case_dict():
    return _case_dict


@pytest.fixture(scope="session")
def make_case():
    return lambda **overrides: parse_data(_case_dict(**overrides))


@pytest.fixture(scope="session")
def set_path():
    return _set_path


@pytest.fixture(scope="session")
def del_path():
    return _del_path


@pytest.fixture(scope="session")
def qapp_cls():
    """pytest-qt's one QApplication for the session is the app's own class (it handles the
    file-open events macOS sends); imported only when a Qt test asks for the application,
    which is drawn offscreen (no display needed)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import ContinuumApplication

    return ContinuumApplication
