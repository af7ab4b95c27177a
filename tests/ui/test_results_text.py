"""The app's reading of the gap between the leader and the runner-up runs in the board paper's
order: largest in the leader's favour first."""
from __future__ import annotations

import pytest

from appraisal import appraise, load_case
from ui.steps.results_text import why_leader_text


def test_why_leader_reads_in_the_papers_order(small_case_path):
    results = appraise(load_case(small_case_path), monte_carlo=False)
    assert results.why_leader == pytest.approx(
        {"autonomy": 8.0, "user_voice": 3.5, "scale_capacity": -5.0})
    assert why_leader_text(results) == (
        "Remain standalone leads Shared back office by 6.5 points: Autonomy +8.0, "
        "Tenant voice +3.5, Scale and capacity −5.0.")


def test_a_shortened_reading_keeps_the_largest_point_against_the_leader(small_case_path):
    results = appraise(load_case(small_case_path), monte_carlo=False)
    assert why_leader_text(results, limit=2) == (
        "Remain standalone leads Shared back office by 6.5 points: Autonomy +8.0, "
        "Scale and capacity −5.0, …")
