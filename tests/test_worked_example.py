"""A case worked by hand, as a finance director would on paper, and the engine held to it.

Five options, three partners, every kind of line. The discount rate is 25% so that the discount
factors are exact decimals a reader can check without a calculator:

    year              1       2       3       4
    1 / 1.25^t        0.8     0.64    0.512   0.4096      (sum 2.3616; years 3-4: 0.9216;
                                                           years 1-2: 1.44)

Settings: VAT 20%; weekly pay cap £700; employer NIC 15% above a £30,000 threshold; optimism
bias +20% on one-off costs and −10% on savings.
"""
from __future__ import annotations

import copy

import pytest

from appraisal.casefile import parse_data
from appraisal.engine import appraise

DF = (0.8, 0.64, 0.512, 0.4096)

WORKED = {
    "format": "options-appraisal-case", "version": 1,
    "title": "Hand-worked case: Ash, Birch and Cedar",
    "date": "2026-11-22",
    "settings": {"first_year": 2027, "horizon_years": 4, "discount_rate": 0.25, "vat_rate": 0.2,
                 "redundancy_weekly_pay_cap": 700, "employer_nic_rate": 0.15,
                 "termination_nic_threshold": 30000,
                 "optimism_bias": {"costs": 0.2, "savings": 0.1},
                 "monte_carlo": {"draws": 4000, "seed": 11}},
    "organisations": [
        {"id": "ash", "name": "Ash Housing", "vat_recovery_rate": 0.25,
         "loans": [{"id": "ash-bond", "lender": "Bond holders", "balance": 10000000,
                    "remaining_years": 2}]},
        {"id": "birch", "name": "Birch Homes", "vat_recovery_rate": 0.1},
        {"id": "cedar", "name": "Cedar Trust", "vat_recovery_rate": 0.5},
    ],
    "criteria": [
        {"id": "autonomy", "name": "Autonomy", "weight": 30},
        {"id": "service", "name": "Service to tenants", "weight": 50},
        {"id": "vfm", "name": "Value for money", "weight": 20, "source": "npv_vs_baseline"},
    ],
    "options": [
        {"id": "standalone", "name": "Remain standalone", "form": "standalone", "baseline": True,
         "recurring_costs": [{"label": "IT upgrade", "organisation": "ash", "annual": 10000}],
         "scores": {"autonomy": 10, "service": 4}},
        {"id": "shared", "name": "Shared back office", "form": "shared_services",
         "savings": [{"label": "Shared finance team", "organisation": "birch", "annual": 80000,
                      "start_year": 2, "ramp": [0.5, 1.0], "low": 60000, "high": 100000}],
         "recurring_costs": [{"label": "Contract management", "annual": 5000, "start_year": 3}],
         "shared_services": [
             {"label": "Finance from Ash", "recipient": "birch", "annual_value": 100000,
              "vat_treatment": "standard_rated"},
             {"label": "Payroll bureau", "recipient": "cedar", "annual_value": 50000,
              "vat_treatment": "cost_sharing_exemption"}],
         "one_off_costs": [{"label": "Set-up", "amount": 25000, "year": 1,
                            "low": 20000, "high": 40000}],
         "scores": {"autonomy": 7, "service": 6}},
        {"id": "merger", "name": "Merger", "form": "merger",
         "savings": [{"label": "Single executive team", "annual": 200000,
                      "ramp": [0.25, 0.75, 1.0], "low": 150000, "high": 220000}],
         "one_off_costs": [{"label": "Legal and due diligence", "organisation": "ash",
                            "amount": 100000, "year": 1}],
         "redundancies": [
             {"label": "Birch finance director", "organisation": "birch", "age": 58,
              "years_service": 25, "weekly_pay": 1500, "enhancement_multiplier": 2.0,
              "notice_weeks": 13, "pension_strain": 120000, "year": 1},
             {"label": "Cedar officers", "organisation": "cedar", "count": 3, "age": 30,
              "years_service": 6, "weekly_pay": 500, "notice_weeks": 4, "year": 2}],
         "loan_repricing": [{"loan": "ash-bond", "margin_uplift_bps": 50, "one_off_fees": 20000,
                             "breakage_cost": -60000, "low": 25, "high": 100}],
         "pension_cessation": [{"organisation": "ash", "amount": 300000, "year": 1}],
         "scores": {"autonomy": 2, "service": 9}},
        {"id": "collab", "name": "Informal collaboration", "form": "informal_collaboration",
         "scores": {"autonomy": 9, "service": 5}},
        {"id": "consortium", "name": "Procurement consortium", "form": "procurement_consortium",
         "savings": [{"organisation": "cedar", "annual": 10000, "low": 5000, "high": 15000}],
         "recurring_costs": [{"organisation": "cedar", "annual": 2000}],
         "scores": {"autonomy": 8, "service": 5}},
    ],
}

# ---------------------------------------------------------------------------------------------
# standalone (baseline): IT upgrade £10,000 a year (Ash).
#   net −10,000 each year; NPV = −10,000 × 2.3616 = −23,616.00. Payback and BCR, which are
#   measured against the baseline (model-v2.md V1), are null for the baseline itself.
#   Every other option's gap to it: d_t = net_t + 10,000; C_t its running sum.
#
# shared:
#   savings  80,000 from year 2, ramp [0.5, 1.0], × (1 − 0.1):  0 | 36,000 | 72,000 | 72,000
#   recurring 5,000 from year 3 (joint):                        0 |      0 |  5,000 |  5,000
#   VAT, Birch: 100,000 × 20% × (1 − 10%) = 18,000 each year; Cedar's line is under the cost
#     sharing exemption: 0.
#   one-off 25,000 × 1.2 = 30,000 in year 1 (joint).
#   net  −48,000 | 18,000 | 49,000 | 49,000
#   d    −38,000 | 28,000 | 59,000 | 59,000     C −38,000, −10,000, +49,000 → payback 3;
#   funding low point −38,000 in year 1; one-off total 30,000
#   NPV = −38,400 + 11,520 + 25,088 + 20,070.40 = 18,278.40; vs baseline 41,894.40
#   Birch: savings 36,000 × 0.64 + 72,000 × 0.9216 = 23,040 + 66,355.20 = 89,395.20,
#          less VAT 18,000 × 2.3616 = 42,508.80 → 46,886.40
#   joint: −30,000 × 0.8 − 5,000 × 0.9216 = −24,000 − 4,608 = −28,608.00; Ash, Cedar 0.
#   BCR: ΔB = 89,395.20; ΔC = (4,608 + 42,508.80 + 24,000 = 71,116.80) − 23,616 = 47,500.80;
#   89,395.20 / 47,500.80 = 1.8820... (on its own flows it would be 1.2570)
#
# merger:
#   savings 200,000 × ramp [0.25, 0.75, 1] × 0.9:   45,000 | 135,000 | 180,000 | 180,000 (joint)
#   one-off 100,000 × 1.2 = 120,000 in year 1 (Ash)
#   Birch FD: age 58, 25 years → 20 counted, ages 57..38: 17 × 1.5 + 3 × 1 = 28.5 weeks;
#     pay capped at 700: 2.0 × 28.5 × 700 = 39,900; notice 13 × 1,500 = 19,500;
#     NIC 15% × (19,500 + 39,900 − 30,000) = 4,410; strain 120,000 → 183,810 in year 1
#   Cedar officers: age 30, 6 years (ages 29..24) = 6 weeks × 500 = 3,000; notice 4 × 500 =
#     2,000; NIC 15% × 2,000 = 300 → 5,300 each × 3 = 15,900 in year 2
#   loan: 10,000,000 × 50 / 10,000 = 50,000 in years 1-2 (2 years left); year 1 also fees
#     20,000 and a breakage gain of 60,000: 10,000 | 50,000 | 0 | 0
#   pension cessation 300,000 in year 1 (Ash)
#   net  45,000 − 120,000 − 183,810 − 10,000 − 300,000 = −568,810 | 135,000 − 15,900 − 50,000
#        = 69,100 | 180,000 | 180,000
#   d    −558,810 | 79,100 | 190,000 | 190,000;  C −558,810, −479,710, −289,710, −99,710 → null;
#   funding low point −558,810 in year 1; one-off total 183,810 + 15,900 + 300,000 + 120,000
#   + 20,000 − 60,000 = 579,710
#   NPV = −455,048 + 44,224 + 165,888 = −244,936.00; vs baseline −221,320.00
#   Ash: −120,000 × 0.8 − 300,000 × 0.8 − (10,000 × 0.8 + 50,000 × 0.64) = −96,000 − 240,000
#        − 40,000 = −376,000; Birch −183,810 × 0.8 = −147,048; Cedar −15,900 × 0.64 = −10,176;
#   joint savings 36,000 + 86,400 + 165,888 = 288,288.     (sum: −244,936 ✓)
#   BCR = 288,288 / (96,000 + 240,000 + 40,000 + 147,048 + 10,176 − 23,616 = 509,608)
#       = 0.5657...
#
# collab: no lines at all → NPV 0, vs baseline 23,616; d = +10,000 each year → payback 1;
#   ΔC = −23,616: costs no higher than the baseline's → BCR null.
#
# consortium: savings 10,000 × 0.9 = 9,000 less recurring 2,000 = 7,000 a year (Cedar);
#   d = 17,000 → payback 1; NPV 7,000 × 2.3616 = 16,531.20; vs baseline 40,147.20;
#   ΔC = 2,000 × 2.3616 − 23,616 < 0 → BCR null (on its own flows it would be 4.5).
# ---------------------------------------------------------------------------------------------

NPV = {"standalone": -23616.00, "shared": 18278.40, "merger": -244936.00, "collab": 0.0,
       "consortium": 16531.20}
VS_BASE = {"standalone": 0.0, "shared": 41894.40, "merger": -221320.00, "collab": 23616.00,
           "consortium": 40147.20}
PAYBACK = {"standalone": None, "shared": 3, "merger": None, "collab": 1, "consortium": 1}
BCR = {"standalone": None, "shared": 89395.20 / 47500.80, "merger": 288288 / 509608,
       "collab": None, "consortium": None}
BCR_BASIS = {"standalone": None, "shared": None, "merger": None,
             "collab": "costs_no_higher_than_baseline",
             "consortium": "costs_no_higher_than_baseline"}
LOW_POINT = {"standalone": (0.0, None), "shared": (-38000.0, 1), "merger": (-558810.0, 1),
             "collab": (0.0, None), "consortium": (0.0, None)}
ONE_OFF = {"standalone": 0.0, "shared": 30000.0, "merger": 579710.0, "collab": 0.0,
           "consortium": 0.0}
BY_ORG = {
    "standalone": {"ash": -23616.00, "birch": 0.0, "cedar": 0.0, "joint": 0.0},
    "shared": {"ash": 0.0, "birch": 46886.40, "cedar": 0.0, "joint": -28608.00},
    "merger": {"ash": -376000.00, "birch": -147048.00, "cedar": -10176.00, "joint": 288288.00},
    "collab": {"ash": 0.0, "birch": 0.0, "cedar": 0.0, "joint": 0.0},
    "consortium": {"ash": 0.0, "birch": 0.0, "cedar": 16531.20, "joint": 0.0},
}
FLOWS = {  # year by year: savings, recurring, VAT, loan, redundancy, pension, one-off, net
    "shared": [(0, 0, 18000, 0, 0, 0, 30000, -48000), (36000, 0, 18000, 0, 0, 0, 0, 18000),
               (72000, 5000, 18000, 0, 0, 0, 0, 49000), (72000, 5000, 18000, 0, 0, 0, 0, 49000)],
    "merger": [(45000, 0, 0, 10000, 183810, 300000, 120000, -568810),
               (135000, 0, 0, 50000, 15900, 0, 0, 69100),
               (180000, 0, 0, 0, 0, 0, 0, 180000), (180000, 0, 0, 0, 0, 0, 0, 180000)],
}

# Weighted scores. Weights 30 : 50 : 20 → 0.3, 0.5, 0.2, so score = 3 × autonomy + 5 × service
# + 2 × value for money. Value for money = 10 × (v − min) / (max − min) over npv_vs_baseline,
# min −221,320 (merger), max 41,894.40 (shared), span 263,214.40:
#   standalone 10 × 221,320 / 263,214.40 = 8.40835  → 30 + 20 + 16.81671 = 66.82
#   shared     10                                  → 21 + 30 + 20       = 71.00
#   merger     0                                   →  6 + 45 + 0        = 51.00
#   collab     10 × 244,936 / 263,214.40 = 9.30557  → 27 + 25 + 18.61114 = 70.61
#   consortium 10 × 261,467.20 / 263,214.40 = 9.93362 → 24 + 25 + 19.86724 = 68.87
# Ranks: shared 1, collab 2, consortium 3, standalone 4, merger 5.
SPAN = 41894.40 + 221320.00
VFM = {k: 10 * (v + 221320.00) / SPAN for k, v in VS_BASE.items()}
TYPED = {"standalone": (10, 4), "shared": (7, 6), "merger": (2, 9), "collab": (9, 5),
         "consortium": (8, 5)}
WEIGHTED = {k: 3 * a + 5 * s + 2 * VFM[k] for k, (a, s) in TYPED.items()}
RANK = {"shared": 1, "collab": 2, "consortium": 3, "standalone": 4, "merger": 5}


@pytest.fixture(scope="module")
def worked():
    return appraise(parse_data(copy.deepcopy(WORKED)))


@pytest.mark.parametrize("option_id", list(NPV))
def test_npv_and_vs_baseline_to_the_penny(worked, option_id):
    option = worked.option(option_id)
    assert round(option.npv, 2) == pytest.approx(NPV[option_id], abs=1e-9)
    assert round(option.npv_vs_baseline, 2) == pytest.approx(VS_BASE[option_id], abs=1e-9)
    assert option.npv == pytest.approx(NPV[option_id], abs=1e-6)


@pytest.mark.parametrize("option_id", list(NPV))
def test_payback_year(worked, option_id):
    assert worked.option(option_id).payback_year == PAYBACK[option_id]


@pytest.mark.parametrize("option_id", list(NPV))
def test_bcr(worked, option_id):
    got = worked.option(option_id).bcr
    if BCR[option_id] is None:
        assert got is None
    else:
        assert got == pytest.approx(BCR[option_id], rel=1e-12)
    assert worked.option(option_id).bcr_basis == BCR_BASIS[option_id]


@pytest.mark.parametrize("option_id", list(NPV))
def test_funding_low_point_and_one_off_total(worked, option_id):
    option = worked.option(option_id)
    amount, year = LOW_POINT[option_id]
    assert option.funding_low_point["amount"] == pytest.approx(amount, abs=1e-9)
    assert option.funding_low_point["year"] == year
    assert option.one_off_total == pytest.approx(ONE_OFF[option_id], abs=1e-9)


@pytest.mark.parametrize("option_id", list(NPV))
def test_by_organisation_including_joint(worked, option_id):
    got = worked.option(option_id).by_organisation
    assert list(got) == ["ash", "birch", "cedar", "joint"]
    for org, value in BY_ORG[option_id].items():
        assert round(got[org], 2) == pytest.approx(value, abs=1e-9), org


@pytest.mark.parametrize("option_id", list(FLOWS))
def test_cash_flows_year_by_year(worked, option_id):
    columns = ("savings", "recurring_costs", "irrecoverable_vat", "loan_repricing", "redundancy",
               "pension_cessation", "one_off_costs", "net")
    for cf, row, df in zip(worked.option(option_id).cash_flows, FLOWS[option_id], DF):
        assert tuple(round(getattr(cf, c), 2) for c in columns) == pytest.approx(row, abs=1e-9)
        assert cf.discount_factor == pytest.approx(df, rel=1e-15)
        assert cf.discounted == pytest.approx(row[-1] * df, abs=1e-9)


def test_redundancy_lines_worked_through(worked):
    fd, officers = worked.option("merger").redundancies
    assert (fd.weeks, fd.pay_for_weeks, fd.redundancy_pay, fd.notice_pay) == (
        28.5, 700.0, 39900.0, 19500.0)
    assert fd.employer_nic == pytest.approx(4410.0) and fd.total == pytest.approx(183810.0)
    assert (officers.weeks, officers.redundancy_pay, officers.notice_pay) == (6.0, 3000.0, 2000.0)
    assert officers.per_person == pytest.approx(5300.0) and officers.total == pytest.approx(15900.0)


def test_weights_and_derived_value_for_money_scores(worked):
    assert worked.weights == pytest.approx({"autonomy": 0.3, "service": 0.5, "vfm": 0.2})
    for option_id, vfm in VFM.items():
        assert worked.option(option_id).scores["vfm"] == pytest.approx(vfm, abs=1e-12)
    assert worked.option("shared").scores["vfm"] == 10.0
    assert worked.option("merger").scores["vfm"] == 0.0


@pytest.mark.parametrize("option_id", list(NPV))
def test_weighted_score_and_rank(worked, option_id):
    option = worked.option(option_id)
    assert option.weighted_score == pytest.approx(WEIGHTED[option_id], abs=1e-9)
    assert option.rank == RANK[option_id]


def test_weighted_scores_rounded_as_on_paper(worked):
    assert {o.id: round(o.weighted_score, 2) for o in worked.options} == {
        "standalone": 66.82, "shared": 71.0, "merger": 51.0, "collab": 70.61,
        "consortium": 68.87}
    assert worked.leader == "shared" and worked.runner_up == "collab"
    assert worked.npv_leader == "shared"


# --- sensitivity of the hand-worked case -----------------------------------------------------
# NPV gradient per unit of each ranged line's main quantity (sign × Σ unit × df):
#   shared savings:    0.9 × (0.5 × 0.64 + 0.512 + 0.4096) = 0.9 × 1.2416 = 1.11744
#   shared set-up:     −1.2 × 0.8 = −0.96
#   merger savings:    0.9 × (0.25 × 0.8 + 0.75 × 0.64 + 0.9216) = 0.9 × 1.6016 = 1.44144
#   merger loan:       −(10,000,000 / 10,000) × (0.8 + 0.64) = −1,440 per basis point
#   consortium saving: 0.9 × 2.3616 = 2.12544
# Tornado (NPV with the line alone at low / high):
#   shared savings 60k / 100k: 18,278.40 ∓ 20,000 × 1.11744 = −4,070.40 / 40,627.20
#     (swing 44,697.60)
#   shared set-up 20k / 40k: 18,278.40 + 4,800 = 23,078.40 / 18,278.40 − 14,400 = 3,878.40 (19,200)
#   merger loan 25 / 100 bps: −244,936 + 36,000 = −208,936 / −244,936 − 72,000 = −316,936 (108,000)
#   merger savings 150k / 220k: −244,936 − 72,072 = −317,008 / −244,936 + 28,828.80 = −216,107.20
#     (swing 100,900.80, smaller than the loan's, so the loan row comes first)
TORNADO = {
    "shared": [("savings[0]", -4070.40, 40627.20), ("one_off_costs[0]", 23078.40, 3878.40)],
    "merger": [("loan_repricing[0]", -208936.00, -316936.00),
               ("savings[0]", -317008.00, -216107.20)],
    "consortium": [("savings[0]", 16531.20 - 5000 * 2.12544, 16531.20 + 5000 * 2.12544)],
    "standalone": [], "collab": [],
}
# Switching values: value = base − npv_vs_baseline / gradient.
#   shared savings 80,000 − 41,894.40 / 1.11744 = 80,000 − 37,491.41 = 42,508.59 (−46.86%)
#   shared recurring (joint, from year 3): gradient −0.9216 → 5,000 + 45,458.33 = 50,458.33
#   shared Birch VAT line: gradient −0.2 × 0.9 × 2.3616 = −0.425088 → 100,000 + 98,554.65
#     = 198,554.65
#   shared Cedar CSE line: no VAT, gradient 0 → null
#   shared set-up 25,000 + 41,894.40 / 0.96 = 25,000 + 43,640 = 68,640 (+174.56%)
#   merger savings 200,000 + 221,320 / 1.44144 = 353,540.90; merger legal −130,541.67;
#   merger loan 50 − 221,320 / 1,440 = −103.69 bps; merger pension cessation (paid in year 1,
#   gradient −0.8): 300,000 − 221,320 / 0.8 = 23,350 (model-v2.md V3: a row for pension lines too)
#   baseline: every value null.
SWITCHING = {
    "shared": [("savings[0]", 80000 - 41894.40 / 1.11744),
               ("recurring_costs[0]", 5000 + 41894.40 / 0.9216),
               ("shared_services[0]", 100000 + 41894.40 / 0.425088),
               ("shared_services[1]", None),
               ("one_off_costs[0]", 68640.0)],
    "merger": [("savings[0]", 200000 + 221320 / 1.44144),
               ("one_off_costs[0]", 100000 - 221320 / 0.96),
               ("loan_repricing[0]", 50 - 221320 / 1440),
               ("pension_cessation[0]", 23350.0)],
    "standalone": [("recurring_costs[0]", None)],
}


@pytest.mark.parametrize("option_id", list(TORNADO))
def test_tornado_by_hand(worked, option_id):
    rows = worked.option(option_id).tornado
    assert [r.ref for r in rows] == [ref for ref, _, _ in TORNADO[option_id]]
    for row, (_, low, high) in zip(rows, TORNADO[option_id]):
        assert row.npv_at_low == pytest.approx(low, abs=1e-6)
        assert row.npv_at_high == pytest.approx(high, abs=1e-6)


@pytest.mark.parametrize("option_id", list(SWITCHING))
def test_switching_values_by_hand(worked, option_id):
    rows = worked.option(option_id).switching_values
    assert [(r.ref) for r in rows] == [ref for ref, _ in SWITCHING[option_id]]
    for row, (_, value) in zip(rows, SWITCHING[option_id]):
        if value is None:
            assert row.value is None and row.change_pct is None
        else:
            assert row.value == pytest.approx(value, rel=1e-12)
            assert row.change_pct == pytest.approx(100 * (value - row.base) / row.base, rel=1e-12)
    if option_id == "shared":
        assert round(rows[0].value, 2) == 42508.59 and round(rows[0].change_pct, 2) == -46.86
        assert rows[4].value == pytest.approx(68640.0) and round(rows[4].change_pct, 2) == 174.56


def test_scenarios_by_hand(worked):
    # Against the baseline (NPV −23,616; its one line has no range), every ranged line at its
    # worse end. shared: 41,894.40 − 22,348.80 − 14,400 = 5,145.60; optimistic: 41,894.40
    # + 22,348.80 + 4,800 = 69,043.20.
    shared = worked.option("shared").scenarios
    assert shared["pessimistic"] == pytest.approx(5145.60, abs=1e-6)
    assert shared["base"] == pytest.approx(41894.40, abs=1e-6)
    assert shared["optimistic"] == pytest.approx(69043.20, abs=1e-6)
    # merger: −221,320 − 72,000 − 72,072 = −365,392; + 36,000 + 28,828.80 = −156,491.20.
    merger = worked.option("merger").scenarios
    assert merger["pessimistic"] == pytest.approx(-365392.0, abs=1e-6)
    assert merger["optimistic"] == pytest.approx(-156491.20, abs=1e-6)
