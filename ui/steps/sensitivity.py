"""Step 8, Sensitivity: how far the answer moves when the inputs move.

Four tabs: the money (which uncertain figures move the answer most, a tornado and the switching
values of the chosen option), the weights (sliders that re-rank live, switching weights),
scenarios (every uncertain figure at its worse or better end, with the chance of loss beside the
pessimistic figure) and the Monte Carlo simulation (histogram, P10/P50/P90 and mean of the NPV
against the baseline, chance of a loss beside the worst case, chance of the highest NPV). Every
figure comes from Results.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from appraisal import charts
from appraisal.charts import driver_name
from appraisal.formatting import chance, chance_of_loss, money, money_k, pct
from appraisal.montecarlo import rank_correlation
from appraisal.formatting import score as fmt_score
from ui.document import CaseDocument
from ui.steps.sensitivity_weights import WeightsPanel
from ui.steps.when_shown import RefreshWhenShown, behind_another
from ui.widgets.chart_view import ChartView
from ui.widgets.fields import explanation_label
from ui.widgets.figure_table import FigureTable
from ui.steps.results_text import MISSING

SCENARIO_NAMES = {"pessimistic": "Pessimistic", "base": "Base", "optimistic": "Optimistic"}


class SensitivityStep(QWidget):
    TITLE = "Sensitivity"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.mc_running = False
        self.tabs = QTabWidget(self)

        # Money: tornado and switching values for one option.
        self.option_picker = QComboBox(self)
        self.option_picker.setAccessibleName("Option for the tornado")
        self.option_picker.currentIndexChanged.connect(lambda _i: self._fill_money())
        self.tornado = ChartView(self._tornado_figure, min_height=240)
        self.switching_values = FigureTable(parent=self)
        money_tab = QWidget()
        money_layout = QVBoxLayout(money_tab)
        pick = QHBoxLayout()
        pick.addWidget(QLabel("Option:", money_tab))
        pick.addWidget(self.option_picker)
        pick.addStretch(1)
        money_layout.addLayout(pick)
        self.drivers_note = QLabel(money_tab)
        self.drivers_note.setTextFormat(Qt.PlainText)
        self.drivers_note.setWordWrap(True)
        money_layout.addWidget(self.drivers_note)
        split = QSplitter(Qt.Vertical, money_tab)
        split.addWidget(self.tornado)
        box = QGroupBox("Switching values: where the option would break even with the baseline")
        QVBoxLayout(box).addWidget(self.switching_values)
        split.addWidget(box)
        money_layout.addWidget(split, 1)
        self.tabs.addTab(money_tab, "Tornado and switching values")

        # Weights.
        self.weights = WeightsPanel(document, self)
        self.tabs.addTab(self.weights, "Weights")

        # Scenarios.
        self.scenarios = FigureTable(parent=self)
        scen_tab = QWidget()
        scen_layout = QVBoxLayout(scen_tab)
        scen_layout.addWidget(explanation_label(
            "Pessimistic: for each option, every uncertain figure at whichever end is worse for "
            "it against the baseline, all at once; optimistic: the better ends. A figure shared "
            "with other options (or with the baseline) moves in all of them. These are bounds "
            "with no probability attached: the chance of loss stands beside them. Lines "
            "without a range stay at their base value."))
        scen_layout.addWidget(self.scenarios)
        scen_layout.addStretch(1)
        self.tabs.addTab(scen_tab, "Scenarios")

        # Monte Carlo.
        self.mc_note = QLabel(self)
        self.mc_note.setTextFormat(Qt.PlainText)
        self.mc_note.setWordWrap(True)
        self.histogram = ChartView(self._histogram_figure, min_height=240)
        self.mc_table = FigureTable(parent=self)
        mc_tab = QWidget()
        mc_layout = QVBoxLayout(mc_tab)
        mc_layout.addWidget(self.mc_note)
        mc_layout.addWidget(self.mc_table)
        mc_layout.addWidget(self.histogram, 1)
        self.tabs.addTab(mc_tab, "Monte Carlo")

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.when_shown = RefreshWhenShown(self, self.refresh, self.weights.sliders.refresh)
        document.changed.connect(self.when_shown.request_partial)
        document.resultsChanged.connect(self.when_shown.request)
        document.monteCarloRunning.connect(self._mc_state)
        self.refresh()

    # --- figures ----------------------------------------------------------------------------
    def _chosen_option(self) -> str | None:
        return self.option_picker.currentData()

    def _tornado_figure(self):
        res = self.document.results
        option = self._chosen_option()
        return charts.tornado(res, option) if res is not None and option else None

    def _histogram_figure(self):
        res = self.document.results
        return charts.monte_carlo_histogram(res) if res is not None else None

    # --- redraw -----------------------------------------------------------------------------
    def _mc_state(self, running: bool) -> None:
        self.mc_running = running
        if behind_another(self):
            self.when_shown.due = True      # redrawn in full when next shown
            return
        self._fill_monte_carlo()

    def refresh(self) -> None:
        res = self.document.results
        if res is None:
            return
        self._fill_picker(res)
        self._fill_money()
        self.weights.refresh()
        self._fill_scenarios(res)
        self._fill_monte_carlo()

    def _fill_picker(self, res) -> None:
        current = self._chosen_option()
        self.option_picker.blockSignals(True)
        self.option_picker.clear()
        for o in res.options:
            self.option_picker.addItem(o.name, o.id)
        ids = [o.id for o in res.options]
        default = next((o.id for o in res.options if not o.baseline and o.tornado),
                       res.leader or ids[0])
        self.option_picker.setCurrentIndex(ids.index(current if current in ids else default))
        self.option_picker.blockSignals(False)

    def _fill_money(self) -> None:
        res = self.document.results
        option = self._chosen_option()
        if res is None or option is None:
            return
        self.tornado.invalidate()
        o = res.option(option)
        self.drivers_note.setText(drivers_sentence(res, o))
        rows = [[sv.label, (money(sv.base) if not sv.ref.startswith("loan") else
                            f"{sv.base:g} bps", sv.base),
                 (("n/a" if sv.value is None else money(sv.value) if not sv.ref.startswith(
                     "loan") else f"{sv.value:,.0f} bps"), sv.value),
                 (pct(sv.change_pct / 100.0) if sv.change_pct is not None else "n/a",
                  sv.change_pct)] for sv in o.switching_values]
        self.switching_values.set_rows(["Line", "Base", "Switching value", "Change from base"],
                                       rows, {2: "The value at which this option's NPV would "
                                                 "equal the baseline's, all else unchanged (a "
                                                 "line sharing an uncertain figure moves with "
                                                 "its partners)"})

    def _fill_scenarios(self, res) -> None:
        names = [n for n in ("pessimistic", "base", "optimistic") if n in res.scenarios]
        headers = ["Option"]
        for n in names:
            headers += [f"{SCENARIO_NAMES[n]}: NPV vs baseline", f"{SCENARIO_NAMES[n]}: rank"]
            if n == "pessimistic":
                headers.append("Chance of loss")
        rows = []
        for o in res.options:
            row = [o.name]
            for n in names:
                s = res.scenarios[n]
                row += [(money_k(s.npv_vs_baseline[o.id]), s.npv_vs_baseline[o.id]),
                        (f"{s.rank[o.id]} ({fmt_score(s.weighted_score[o.id])})"
                         if s.rank[o.id] is not None else MISSING, s.rank[o.id])]
                if n == "pessimistic":
                    mc = o.monte_carlo
                    p = None if mc is None or o.baseline else mc.p_npv_vs_baseline_below_zero
                    row.append(("—" if p is None else chance(p), p))
            rows.append(row)
        self.scenarios.set_rows(headers, rows, {
            2: "Weighted-score rank, with the score",
            3: "Share of simulations in which the option does worse than the baseline"})
        self.scenarios.fit_height()

    def _fill_monte_carlo(self) -> None:
        res = self.document.results
        if res is None:
            return
        with_mc = [o for o in res.options if o.monte_carlo is not None]
        if self.mc_running:
            self.mc_note.setText("Simulation running… the figures below are from the last "
                                 "finished run." if with_mc else "Simulation running…")
        elif with_mc:
            self.mc_note.setText(simulation_sentence(res))
        else:
            self.mc_note.setText("No simulation: give a low and a high on at least one line "
                                 "in the Money step (Edit → Give lines a range… does it for "
                                 "every line at once).")
        rows = []
        for o in with_mc:
            vs = o.monte_carlo.vs_baseline
            rows.append([o.name] + [(money_k(vs[k]), vs[k]) for k in ("p10", "p50", "p90",
                                                                       "mean")]
                        + [("—" if o.baseline else chance_of_loss(o),
                            o.monte_carlo.p_npv_vs_baseline_below_zero),
                           (chance(o.monte_carlo.p_highest_npv), o.monte_carlo.p_highest_npv)])
        self.mc_table.set_rows(["Option", "P10 vs baseline", "P50 vs baseline",
                                "P90 vs baseline", "Mean vs baseline",
                                "Chance of loss (worst case)", "Chance of highest NPV"], rows,
                               {1: "One draw in ten falls below this NPV against the baseline",
                                5: "Share of draws in which the option does worse than the "
                                   "baseline, with the pessimistic scenario beside it"})
        self.mc_table.fit_height()
        self.histogram.invalidate()


def drivers_sentence(res, o) -> str:
    """Which uncertain figures move the chosen option's answer most (its top tornado rows)."""
    if o.baseline:
        return "The baseline is what the other options are measured against; choose another " \
               "option to see what moves its answer."
    if not o.tornado:
        return (f"No uncertain figure moves {o.name} against the baseline: give its lines a "
                "low and a high in the Money step.")
    top = o.tornado[:3]
    parts = [f"{driver_name(res, o.id, r)} ({money_k(r.npv_vs_baseline_at_low)} to "
             f"{money_k(r.npv_vs_baseline_at_high)})" for r in top]
    return (f"What moves {o.name} against the baseline most: " + "; ".join(parts) + ". Its "
            f"NPV against the baseline is {money_k(o.npv_vs_baseline)} at the most likely "
            f"figures and {money_k(o.expected_npv_vs_baseline)} expected.")


def simulation_sentence(res) -> str:
    """The draws, the independent uncertain figures and the correlation behind the figures."""
    mc = next(o.monte_carlo for o in res.options if o.monte_carlo is not None)
    n = res.driver_count
    rho = mc.correlation
    together = (f"savings and the costs of change correlated at {rho:.2f} (rank correlation "
                f"{rank_correlation(rho):.2f})" if rho > 0 else "each drawn independently")
    return (f"{mc.draws:,} draws of {n} independent uncertain figure{'s' if n != 1 else ''} "
            f"from {mc.distribution} distributions, {together} (seed {mc.seed}; the same seed "
            "gives the same figures).")
