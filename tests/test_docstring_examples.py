"""The worked examples in the domain's docstrings (``>>>``) are true: each module's doctests run."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["appraisal.caveats", "appraisal.formatting", "appraisal.scoring",
           "appraisal.sensitivity", "appraisal.finance.lines", "appraisal.finance.metrics",
           "appraisal.finance.redundancy", "appraisal.finance.baseline",
           "appraisal.finance.inflation", "appraisal.finance.caps", "appraisal.scales",
           "appraisal.limits"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no worked example to check"
    assert result.failed == 0
