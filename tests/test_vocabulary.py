"""The one vocabulary: the table of line kinds and field paths (appraisal.kinds, appraisal.paths)."""
from __future__ import annotations

import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appraisal.case import Option, RangedLine
from appraisal.continuum import FORMS, lines
from appraisal.finance.lines import FORMULAS
from appraisal.kinds import (BUILD_ORDER, COLUMN_IDS, COLUMN_OF_KIND, KIND, KIND_IDS, LINE_KINDS,
                             RANGED_KINDS)
from appraisal.paths import FieldPath, say


def _line_class(kind_id: str) -> type:
    annotation = typing.get_type_hints(Option)[kind_id]
    return typing.get_args(annotation)[0]


def test_every_kind_is_a_list_of_an_option_and_feeds_a_results_column():
    assert KIND_IDS == ("savings", "recurring_costs", "shared_services", "one_off_costs",
                        "redundancies", "loan_repricing", "pension_cessation")
    assert COLUMN_IDS == ("savings", "recurring_costs", "irrecoverable_vat", "loan_repricing",
                          "redundancy", "pension_cessation", "one_off_costs")
    assert COLUMN_OF_KIND["shared_services"] == "irrecoverable_vat"
    assert set(COLUMN_OF_KIND.values()) == set(COLUMN_IDS)
    for k in LINE_KINDS:
        cls = _line_class(k.id)
        fields = cls.model_fields
        assert k.organisation in fields, k.id
        assert k.main is None or k.main in fields, k.id
        assert k.ranged == issubclass(cls, RangedLine), k.id
        if k.ranged:
            assert cls.main == k.main
        assert (k.family == "savings") == (k.column == "savings")


def test_the_engine_has_one_formula_for_each_kind_and_forms_name_only_kinds():
    assert set(FORMULAS) == set(KIND_IDS)
    assert dict((f.id, f.typical_lines) for f in FORMS)["merger"] == (
        "savings", "one_off_costs", "redundancies", "loan_repricing", "pension_cessation")
    assert all(set(f.typical_lines) <= set(KIND_IDS) for f in FORMS)
    with pytest.raises(KeyError, match="not a kind of money line: grants"):
        lines("savings", "grants")


def test_build_order_puts_the_ranged_kinds_first():
    # pension cessation is ranged in version 2 (V4), and comes after loan re-pricing, the order
    # of a driver's lines and of switching values (model-v2.md V3, Clarifications V4)
    assert BUILD_ORDER == ("savings", "recurring_costs", "shared_services", "one_off_costs",
                           "loan_repricing", "pension_cessation", "redundancies")
    assert set(RANGED_KINDS) == {k for k in KIND_IDS if KIND[k].ranged}


def test_words_for_people():
    assert [KIND[k].plural for k in KIND_IDS] == [
        "Savings", "Recurring costs", "Shared services", "One-off costs", "Redundancies",
        "Loan re-pricing", "Pension cessation"]
    assert KIND["one_off_costs"].word == "one-off cost"


# --- field paths --------------------------------------------------------------------------------
def test_path_text_form_and_back():
    p = FieldPath.of("options", 2, "savings", 0, "annual")
    assert str(p) == "options[2].savings[0].annual"
    assert FieldPath.parse("options[2].savings[0].annual") == p
    assert p == "options[2].savings[0].annual" and hash(p) == hash(str(p))
    assert p.line() == (2, "savings", 0)
    assert FieldPath.parse("options[2].scores.brand").line() is None
    assert str(FieldPath()) == "" and not FieldPath()
    assert FieldPath.parse("weighting.ahp_matrix[1][2]") == ("weighting", "ahp_matrix", 1, 2)


_key = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)


@given(st.lists(st.one_of(_key, st.integers(0, 999)), max_size=6).filter(
    lambda parts: not parts or isinstance(parts[0], str)))
def test_text_form_reads_back_exactly(parts):
    p = FieldPath(parts)
    assert FieldPath.parse(str(p)) == p
    assert tuple(FieldPath.parse(str(p))) == tuple(parts)


@pytest.mark.parametrize("path, words", [
    ("options[1].savings[0].annual", "Shared services › Savings › Shared finance › annual"),
    ("options[1].loan_repricing[0]", "Shared services › Loan re-pricing › Big Bank loan (Oak)"),
    ("options[1].savings[3].annual", "Shared services › Savings › Saving 4 › annual"),
    ("criteria[0].weight", "Criteria › Cost › weight"),
])
def test_say_uses_the_cases_own_names(path, words):
    case = {"organisations": [{"id": "oak", "name": "Oak",
                               "loans": [{"id": "oak-1", "lender": "Big Bank"}]}],
            "criteria": [{"id": "cost", "name": "Cost"}],
            "options": [{"name": "Standalone"},
                        {"name": "Shared services", "savings": [{"label": "Shared finance"}],
                         "loan_repricing": [{"loan": "oak-1"}]}]}
    assert say(path, case) == words
    assert say(FieldPath.parse(path), case) == words
