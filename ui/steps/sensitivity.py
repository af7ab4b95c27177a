"""Step 8, Sensitivity: how far the answer moves when the inputs move.

Four tabs: the money (a tornado and the switching values of the chosen option), the weights
(sliders that re-rank live, switching weights), scenarios (every uncertain line at its worse or
better end) and the Monte Carlo simulation (histogram, P10/P50/P90, chance of a loss, chance of
the highest NPV). Every figure comes from Results.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QLabel, QScrollArea,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from appraisal import charts
from appraisal.formatting import money, money_k, pct
from appraisal.formatting import score as fmt_score
from ui.document import CaseDocument
from ui.steps.sensitivity_weights import WeightsPanel
from ui.steps.when_shown import RefreshWhenShown, behind_another
from ui.widgets.chart_view import ChartView
from ui.widgets.fields import explanation_label
from ui.widgets.figure_table import FigureTable

SCENARIO_NAMES = {"pessimistic": "Pessimistic", "base": "Base", "optimistic": "Optimistic"}


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.NoFrame)
    area.setWidget(widget)
    return area


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
        split = QSplitter(Qt.Vertical, money_tab)
        split.addWidget(self.tornado)
        box = QGroupBox("Switching values: where the option would break even with the baseline")
        QVBoxLayout(box).addWidget(self.switching_values)
        split.addWidget(box)
        money_layout.addWidget(split, 1)
        self.tabs.addTab(money_tab, "Tornado and switching values")

        # Weights.
        self.weights = WeightsPanel(document, self)
        self.tabs.addTab(_scroll(self.weights), "Weights")

        # Scenarios.
        self.scenarios = FigureTable(parent=self)
        scen_tab = QWidget()
        scen_layout = QVBoxLayout(scen_tab)
        scen_layout.addWidget(explanation_label(
            "Pessimistic: every saving at its low and every cost at its high; optimistic: the "
            "reverse. Lines without a range stay at their base value."))
        scen_layout.addWidget(self.scenarios)
        scen_layout.addStretch(1)
        self.tabs.addTab(_scroll(scen_tab), "Scenarios")

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
        self.tabs.addTab(_scroll(mc_tab), "Monte Carlo")

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
        default = next((o.id for o in res.options if not o.baseline and o.tornado), res.leader)
        self.option_picker.setCurrentIndex(ids.index(current if current in ids else default))
        self.option_picker.blockSignals(False)

    def _fill_money(self) -> None:
        res = self.document.results
        option = self._chosen_option()
        if res is None or option is None:
            return
        self.tornado.invalidate()
        o = res.option(option)
        rows = [[sv.label, (money(sv.base) if not sv.ref.startswith("loan") else
                            f"{sv.base:g} bps", sv.base),
                 (("n/a" if sv.value is None else money(sv.value) if not sv.ref.startswith(
                     "loan") else f"{sv.value:,.0f} bps"), sv.value),
                 (pct(sv.change_pct / 100.0) if sv.change_pct is not None else "n/a",
                  sv.change_pct)] for sv in o.switching_values]
        self.switching_values.set_rows(["Line", "Base", "Switching value", "Change from base"],
                                       rows, {2: "The value at which this option's NPV would "
                                                 "equal the baseline's, all else unchanged"})

    def _fill_scenarios(self, res) -> None:
        names = [n for n in ("pessimistic", "base", "optimistic") if n in res.scenarios]
        headers = ["Option"]
        for n in names:
            headers += [f"{SCENARIO_NAMES[n]}: NPV vs baseline", f"{SCENARIO_NAMES[n]}: rank"]
        rows = []
        for o in res.options:
            row = [o.name]
            for n in names:
                s = res.scenarios[n]
                row += [(money_k(s.npv_vs_baseline[o.id]), s.npv_vs_baseline[o.id]),
                        (f"{s.rank[o.id]} ({fmt_score(s.weighted_score[o.id])})",
                         s.rank[o.id])]
            rows.append(row)
        self.scenarios.set_rows(headers, rows, {1: "Weighted-score rank, with the score"})
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
            mc = with_mc[0].monte_carlo
            self.mc_note.setText(f"{mc.draws:,} draws from {mc.distribution} distributions "
                                 f"(seed {mc.seed}); the same seed gives the same figures.")
        else:
            self.mc_note.setText("No simulation: give a low and a high on at least one line "
                                 "in the Money step.")
        rows = [[o.name, (money_k(o.monte_carlo.p10), o.monte_carlo.p10),
                 (money_k(o.monte_carlo.p50), o.monte_carlo.p50),
                 (money_k(o.monte_carlo.p90), o.monte_carlo.p90),
                 ("—" if o.baseline else pct(o.monte_carlo.p_npv_vs_baseline_below_zero),
                  o.monte_carlo.p_npv_vs_baseline_below_zero),
                 (pct(o.monte_carlo.p_highest_npv), o.monte_carlo.p_highest_npv)]
                for o in with_mc]
        self.mc_table.set_rows(["Option", "NPV P10", "NPV P50", "NPV P90",
                                "P(NPV below baseline)", "P(highest NPV)"], rows,
                               {1: "One draw in ten falls below this NPV",
                                4: "Share of draws in which the option does worse than the "
                                   "baseline"})
        self.mc_table.fit_height()
        self.histogram.invalidate()
