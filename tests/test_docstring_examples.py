"""The worked examples in the domain's docstrings (``>>>``) are true: each module's doctests run."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["appraisal.wording", "appraisal.paths", "appraisal.formatting",
           "appraisal.scoring", "appraisal.sensitivity", "appraisal.montecarlo",
           "appraisal.finance.lines", "appraisal.finance.metrics", "appraisal.finance.redundancy",
           "appraisal.finance.baseline", "appraisal.finance.inflation", "appraisal.limits",
           "appraisal.ranges", "appraisal.finance.caps", "appraisal.scales"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no worked example to check"
    assert result.failed == 0
