"""The one number grammar (ui.widgets.numbers) and the column codecs built on it (issue 10)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.widgets.columns import Column, parse_ramp
from ui.widgets.numbers import parse_number, parse_whole


@pytest.mark.parametrize("text, value", [
    ("50000", 50_000.0), ("£50,000", 50_000.0), ("50k", 50_000.0), ("50K", 50_000.0),
    ("5m", 5_000_000.0), ("1.2m", 1_200_000.0), ("1.15m", 1_150_000.0), ("2bn", 2e9),
    ("£ 1.5 k", 1_500.0), ("1,250,000", 1_250_000.0), ("-5", -5.0), ("\u221212,000", -12_000.0),
    ("-£50", -50.0), ("£-50", -50.0), ("(2,500)", -2_500.0), (".5", 0.5), ("0.25", 0.25),
    ("  7  ", 7.0), (12, 12.0), (3.5, 3.5),
])
def test_what_people_type_is_read_exactly(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text, reason", [
    ("12.5.3", "'12.5.3' has more than one decimal point"),
    ("1,25", "'1,25': commas go between groups of three digits, e.g. 1,250,000"),
    ("5x", "'5x' ends in 'x', which is not a multiple: use k for thousands, m for millions or "
           "bn for billions"),
    ("lots", "'lots' is not a number: write digits, e.g. 50,000, £50k or 1.2m"),
    ("50 000", "'50 000' has a space between its digits: write it without, e.g. 50000 or 50,000"),
    ("", "enter a number"),
    ("1e5", "'1e5' is not a number: write digits, e.g. 50,000, £50k or 1.2m"),
])
def test_a_refused_entry_says_why_in_plain_words(text, reason):
    with pytest.raises(ValueError) as refused:
        parse_number(text)
    assert str(refused.value) == reason


def test_negatives_whole_numbers_percent_and_basis_points_where_allowed():
    with pytest.raises(ValueError, match="cannot be below zero"):
        parse_number("-5", negative=False)
    assert parse_whole("12") == 12 and parse_whole("1k") == 1000
    with pytest.raises(ValueError, match="'1.5' is not a whole number"):
        parse_whole("1.5")
    with pytest.raises(ValueError):
        parse_number("3.5%")                        # a % only where the column is a percentage
    assert parse_number("3.5%", percent=True) == 3.5
    assert parse_number("60bp", bps=True) == parse_number("60 bps", bps=True) == 60.0


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_a_figure_written_with_separators_reads_back_to_itself(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"£{n:,}" if n >= 0 else f"-£{-n:,}") == n


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["k", "m", "bn"]))
def test_multiples_are_never_truncated(n, multiple):
    assert parse_number(f"{n}{multiple}") == n * {"k": 1e3, "m": 1e6, "bn": 1e9}[multiple]


def test_codecs_show_edit_and_read_each_kind():
    money = Column("annual", "Annual", "money")
    assert (money.display(1_250_000.0), money.edit_text(1_250_000.0)) == ("£1,250,000", "1250000")
    assert money.parse("1.25m") == 1_250_000.0
    whole = Column("count", "People", "whole", negative=False)
    assert whole.parse("12") == 12 and isinstance(whole.parse("12"), int)
    with pytest.raises(ValueError, match="below zero"):
        whole.parse("-1")
    percent = Column("rate", "Rate", "percent")
    assert percent.parse("3.5%") == percent.parse("3.5") == 0.035
    assert (percent.display(0.035), percent.edit_text(0.035)) == ("3.5%", "3.5")
    bps = Column("margin", "Margin", "bps")
    assert bps.parse("60bp") == 60.0 and bps.display(60.0) == "60"
    ramp = Column("ramp", "Ramp", "ramp")
    assert ramp.parse("50%, 100%") == [0.5, 1.0] and ramp.display([0.5, 1.0]) == "50%, 100%"
    assert parse_ramp("0.25 0.75 1") == [0.25, 0.75, 1.0]
    with pytest.raises(ValueError, match="'half' is not a share"):
        ramp.parse("half, 100%")
    text = Column("label", "Label")
    assert text.parse("  Finance team ") == "Finance team"
    low = Column("low", "Low", "money", optional=True)
    assert low.parse("  ") is None and low.display(None) == ""
    assert Column("capped", "Capped", "check").parse(2) is True
    assert not Column("pv", "Present value", "result").editable
