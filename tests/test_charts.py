"""Charts: built from Results alone, no pyplot, Okabe–Ito colours, money axes in the UK style,
user text kept literal and short."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from appraisal import appraise, charts, load_case, parse_data
from appraisal.formatting import money_k

SMALL = Path(__file__).resolve().parent / "data" / "small-case.json"   # model.md's worked example


@pytest.fixture(scope="module")
def results():
    return appraise(load_case(SMALL))


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_every_chart_is_a_figure_that_renders(results, name):
    fig = charts.CHARTS[name](results)
    assert isinstance(fig, Figure)
    assert charts.png_bytes(fig, dpi=40).startswith(b"\x89PNG")
    assert charts.svg_bytes(fig).lstrip().startswith(b"<?xml")
    assert b"<text" in charts.svg_bytes(fig, text_as_text=True)


def test_no_pyplot_and_no_qt():
    """Figures come from matplotlib.figure.Figure (no global pyplot state); no Qt in layer 1."""
    for source in Path(charts.__file__).parent.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        imports = [ln for ln in text.splitlines() if ln.lstrip().startswith(("import ", "from "))]
        assert not any("pyplot" in ln or "PySide6" in ln for ln in imports), source.name


def test_npv_bars_read_results(results):
    fig = charts.npv_bars(results)
    ax = fig.axes[0]
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    assert widths == sorted(round(o.npv_vs_baseline, 6) for o in results.options)
    labels = {t.get_text() for t in ax.texts}
    assert {money_k(o.npv_vs_baseline) for o in results.options} <= labels
    ticks = [ax.xaxis.get_major_formatter()(v, 0) for v in (-250000, 0, 500000)]
    assert ticks == ["−£250k", "£0k", "£500k"]


def test_cash_flow_lines_are_cumulative_net_against_the_baseline(results):
    ax = charts.cash_flow_lines(results).axes[0]
    merger = results.option("merger")
    line = ax.lines[[o.id for o in results.options].index("merger")]
    running, expected = 0.0, []
    for cf, base in zip(merger.cash_flows, results.baseline.cash_flows):
        running += cf.net - base.net
        expected.append(running)
    assert list(line.get_ydata()) == pytest.approx(expected)
    assert list(line.get_xdata()) == [cf.calendar_year for cf in merger.cash_flows]


def test_non_dominated_small_case(results):
    # standalone: best score; merger: best NPV; shared: between on both, beaten by neither.
    assert charts.non_dominated(results) == ["standalone", "shared", "merger"]


def test_non_dominated_drops_an_option_beaten_on_both():
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    data["options"][1]["scores"] = {"autonomy": 2, "user_voice": 2, "scale_capacity": 2}
    data["options"][1]["savings"][0].update(annual=10000, low=5000, high=12000)
    r = appraise(parse_data(data))
    assert r.option("shared").npv_vs_baseline < r.option("merger").npv_vs_baseline
    assert "shared" not in charts.non_dominated(r)


def test_continuum_positions_follow_the_forms(results):
    xs = [charts.continuum_position(o.form) for o in results.case.options]
    assert xs == sorted(xs)
    assert charts.continuum_position("group_structure", "federal") < charts.continuum_position(
        "group_structure", "partial_integration")


def test_weight_sensitivity_marks_switching_weight(results):
    fig = charts.weight_sensitivity(results)
    ax = fig.axes[0]
    xs = {round(line.get_xdata()[0], 6) for line in ax.lines if len(set(line.get_xdata())) == 1}
    assert round(100 * results.weights["autonomy"], 6) in xs
    assert round(100 * results.switching_weights["autonomy"], 6) in xs


def test_histogram_uses_shared_edges(results):
    ax = charts.monte_carlo_histogram(results).axes[0]
    steps = [p for p in ax.patches]
    assert steps, "one outline per uncertain option"
    counts = results.option("merger").monte_carlo.histogram_counts
    assert len(results.histogram_edges) == len(counts) + 1


def test_risk_grid_numbers_each_risk():
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    data["risks"] = [{"risk": "a", "likelihood": 2, "impact": 3},
                     {"risk": "b", "likelihood": 2, "impact": 3},
                     {"risk": "c", "likelihood": 5, "impact": 5}]
    ax = charts.risk_grid(appraise(parse_data(data), monte_carlo=False)).axes[0]
    texts = {(t.get_position(), t.get_text()) for t in ax.texts}
    assert ((2, 3), "R1 R2") in texts and ((5, 5), "R3") in texts


def test_labels_are_literal_and_short():
    assert charts.short("x" * 100, 10) == "x" * 9 + "…"
    from appraisal.charts.base import label, label_lines
    assert label("Save $5m to $6m") == r"Save \$5m to \$6m"      # no mathtext
    assert label("_hidden") == " _hidden"                         # legend would drop it
    assert label_lines("Federal group, loans kept in the subsidiaries", 16).count("\n") == 1


def test_hostile_names_render(results):
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    data["options"][0]["name"] = "Gŵyr <b>&amp;</b> $x$ 🏠🤝 جمعية الإسكان"
    data["options"][1]["name"] = "A" * 300                 # the longest name a case may hold
    r = appraise(parse_data(data))
    for make in charts.CHARTS.values():
        svg = charts.svg_bytes(make(r), text_as_text=True)
        assert b"A" * 100 not in svg                              # long names are cut
    svg = charts.svg_bytes(charts.npv_bars(r), text_as_text=True).decode("utf-8")
    assert "Gŵyr &lt;b&gt;&amp;amp;&lt;/b&gt; $x$" in svg


def test_palette_is_okabe_ito(results):
    ax = charts.npv_bars(results).axes[0]
    from matplotlib.colors import to_hex
    used = {to_hex(p.get_facecolor()).upper() for p in ax.patches}
    assert used <= {c.upper() for c in charts.OKABE_ITO} | {"#8C8C8C"}


def test_affordability_panels_mark_each_breach_and_leave_room_for_the_key():
    """The merger of the affordability example breaks Oak Housing's interest cover covenant
    (at least 1.25x) only in the pessimistic case, in 2027 (1.135x): one cross, there."""
    from appraisal.charts.capacity import PANEL_HEIGHT_IN, capacity_tests

    example = Path(__file__).resolve().parent / "data" / "capacity-example.json"
    r = appraise(load_case(example), monte_carlo=False)
    test = r.option("merger").capacity[0]
    assert (test.limit, test.first_breach_year, test.stressed_first_breach_year) == (1.25, None, 1)
    fig = capacity_tests(r, "merger")
    assert len(fig.axes) == len(r.option("merger").capacity) == 5
    crosses = [c.get_offsets().tolist() for c in fig.axes[0].collections]
    assert crosses == [[[2027.0, pytest.approx(test.stressed_values[0])]]]
    assert test.stressed_values[0] == pytest.approx(1.1352, abs=1e-4)
    rows = 3                                       # five panels in two columns
    foot = 0.3 / (0.3 + PANEL_HEIGHT_IN * rows)
    assert fig.get_layout_engine().get()["rect"] == pytest.approx((0, foot, 1, 1 - foot))
