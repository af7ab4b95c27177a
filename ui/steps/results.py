"""Step 7, Results: what the appraisal says, read from Results and nothing else.

A summary table (NPV, against the baseline, payback and benefit-cost ratio against the baseline,
up-front cost, funding low point, weighted score, rank, chance of a loss), the basis of the
figures, the horizon table (each option's NPV against the baseline and the leader at longer
horizons), the charts the board paper uses, who pays and who gains, why the leading option leads,
and the engine's warnings.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QGroupBox, QLabel, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from appraisal import affordability, charts
from appraisal.formatting import chance_of_loss, form_name, money_k, year_label
from appraisal.formatting import score as fmt_score
from appraisal.horizon import PERSIST
from appraisal.horizon_words import (PAYBACK_MEANS, RATIO_MEANS, basis_line,
                                     leader_holds_sentence, ratio_text)
from appraisal.wording import warning_text
from ui.document import CaseDocument
from ui.steps.capacity_view import CapacityView
from ui.steps.results_text import MISSING, rank_cell, score_cell, why_leader_text
from ui.steps.when_shown import RefreshWhenShown
from ui.widgets.chart_view import ChartView
from ui.widgets.figure_table import FigureTable
from ui.widgets.tones import style_warning_label

SUMMARY_HEADERS = ["Option", "Form", "NPV", "NPV vs baseline", "Payback vs baseline",
                   "Ratio vs baseline", "Up-front cost", "Funding low point", "Weighted score",
                   "Rank"]
SUMMARY_TIPS = {
    2: "Net present value of the option's cash flows over the horizon",
    3: "The option's NPV less the baseline's",
    4: PAYBACK_MEANS[:1].upper() + PAYBACK_MEANS[1:],
    5: (RATIO_MEANS[:1].upper() + RATIO_MEANS[1:] + "; 'costs no higher' where the option "
        "costs no more than the baseline"),
    6: "Undiscounted total of one-off items: redundancy, pension exits, one-off costs, loan "
       "fees and breakage",
    7: "How far, in cash, the option falls behind the baseline before it pays back, and when",
    8: "Out of 100: the scores weighted by the criteria's weights",
}


def _label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


def _group(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for w in widgets:
        layout.addWidget(w)
    return box


class ResultsStep(QWidget):
    TITLE = "Results"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.headline = _label(self)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.headline.setFont(font)
        self.why = _label(self)
        self.summary = FigureTable(parent=self)
        self.summary.setAccessibleName("Summary of the options")
        self.basis = _label(self)
        self.holds = _label(self)
        self.horizons = FigureTable(parent=self)
        self.horizons.setAccessibleName("NPV against the baseline at longer horizons")

        self.charts = QTabWidget(self)
        self.chart_views: dict[str, ChartView] = {}
        for key, title, make in (
                ("npv", "NPV against the baseline", charts.npv_bars),
                ("cash_flow", "Cash flow", charts.cash_flow_lines),
                ("weighted", "Weighted scores", charts.weighted_score_bars),
                ("value_for_money", "Value for money", charts.value_for_money),
                ("heatmap", "Score matrix", charts.score_heatmap)):
            view = ChartView(lambda make=make: self._figure(make), min_height=260)
            self.chart_views[key] = view
            self.charts.addTab(view, title)

        self.by_organisation = FigureTable(parent=self)
        self.by_organisation.setAccessibleName("Who pays and who gains")
        self.warnings = _label(self)
        style_warning_label(self.warnings)

        content = QWidget(self)
        body = QVBoxLayout(content)
        body.addWidget(self.headline)
        body.addWidget(self.why)
        body.addWidget(self.summary)
        body.addWidget(self.basis)
        body.addWidget(_group(f"Longer horizons ({PERSIST})", self.holds, self.horizons))
        splitter = QSplitter(Qt.Horizontal, content)
        splitter.addWidget(_group("Charts", self.charts))
        side = QWidget(splitter)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(_group("Who pays and who gains (NPV against the baseline, by "
                                     "partner)",
                                     self.by_organisation))
        side_layout.addWidget(_group("Warnings", self.warnings))
        side_layout.addStretch(1)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        body.addWidget(splitter, 1)
        self.capacity = CapacityView(document, content)
        body.addWidget(_group("Can we afford it? Lenders' covenants and golden rules",
                              self.capacity))
        layout = QVBoxLayout(self)          # the window's scroll area scrolls the whole step
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(content)

        self.when_shown = RefreshWhenShown(self, self.refresh)
        document.resultsChanged.connect(self.when_shown.request)
        self.refresh()

    def _figure(self, make):
        res = self.document.results
        return make(res) if res is not None else None

    def refresh(self) -> None:
        res = self.document.results
        if res is None:
            return
        npv_leader = res.option(res.npv_leader)
        if res.scored:
            leader = res.option(res.leader)
            self.headline.setText(
                f"Highest weighted score: {leader.name} ({fmt_score(leader.weighted_score)} out "
                f"of 100). Highest NPV: {npv_leader.name} ({money_k(npv_leader.npv)}).")
        else:
            self.headline.setText(
                f"Not ranked yet. Highest NPV: {npv_leader.name} ({money_k(npv_leader.npv)}).")
        self.why.setText(why_leader_text(res))
        self._fill_summary(res)
        self.basis.setText(basis_line(res))
        self.holds.setText(leader_holds_sentence(res))
        self._fill_horizons(res)
        self._fill_by_organisation(res)
        lines = [f"• {warning_text(w, res.case)}" for w in res.warnings]
        self.warnings.setText("\n".join(lines) if lines else "None: the engine has no advice "
                                                               "on this case.")
        for view in self.chart_views.values():
            view.invalidate()
        self.capacity.refresh()

    def _fill_summary(self, res) -> None:
        with_mc = any(o.monte_carlo is not None for o in res.options)
        tested = any(o.capacity for o in res.options)
        headers = (SUMMARY_HEADERS + (["Chance of loss (worst case)"] if with_mc else [])
                   + (["Covenants"] if tested else []))
        rows = []
        for o in res.options:
            row = [o.name + (" (baseline)" if o.baseline else ""), form_name(o.form),
                   (money_k(o.npv), o.npv), (money_k(o.npv_vs_baseline), o.npv_vs_baseline),
                   ("—" if o.baseline else year_label(o.payback_year, res.first_year),
                    o.payback_year),
                   (ratio_text(o), o.bcr),
                   (money_k(o.one_off_total), o.one_off_total),
                   _low_point(o, res.first_year),
                   score_cell(o.weighted_score), rank_cell(o.rank)]
            if with_mc:
                mc = o.monte_carlo
                row.append((chance_of_loss(o) if mc and not o.baseline
                            else "—", mc.p_npv_vs_baseline_below_zero if mc else None))
            if tested:
                mark = affordability.flag(o, res.first_year)
                row.append((f"⚠ {mark}" if mark else ("all hold" if o.capacity else "—"),
                            1 if mark else 0))
            rows.append(row)
        tips = dict(SUMMARY_TIPS)
        if with_mc:
            tips[len(SUMMARY_HEADERS)] = ("Share of the Monte Carlo draws in which the option's "
                                          "NPV falls below the baseline's, with the pessimistic "
                                          "scenario (every uncertain figure at its worse end) "
                                          "beside it")
        if tested:
            tips[len(headers) - 1] = ("Whether the option keeps every lender's covenant and "
                                      "golden rule in every year (see Can we afford it?)")
        self.summary.set_rows(headers, rows, tips)
        self.summary.fit_height()

    def _fill_horizons(self, res) -> None:
        """One row a horizon: each option's NPV against the baseline, the highest NPV, the
        leader on weighted score."""
        names = {o.id: o.name for o in res.options}
        headers = (["Horizon"] + [o.name for o in res.options]
                   + ["Highest NPV", "Leader on weighted score"])
        rows = [[(f"{e.years} years", e.years)]
                + [(money_k(e.npv_vs_baseline[o.id]), e.npv_vs_baseline[o.id])
                   for o in res.options]
                + [names[e.highest_npv], names.get(e.leader or "", MISSING)]
                for e in res.horizon_sensitivity]
        self.horizons.set_rows(headers, rows)
        self.horizons.fit_height()

    def _fill_by_organisation(self, res) -> None:
        orgs = [(o.id, o.name) for o in res.case.organisations] + [("joint", "Joint")]
        rows = [[o.name] + [(money_k(o.by_organisation_vs_baseline.get(oid, 0.0)),
                             o.by_organisation_vs_baseline.get(oid, 0.0)) for oid, _ in orgs]
                for o in res.options]
        self.by_organisation.set_rows(["Option"] + [name for _, name in orgs], rows)
        self.by_organisation.fit_height()


def _low_point(o, first_year: int) -> tuple[str, float]:
    """'−£1,572k in 2027', or '—' where the option never falls behind the baseline."""
    low = o.funding_low_point
    if low["year"] is None:
        return "—", 0.0
    return f"{money_k(low['amount'])} in {first_year + low['year'] - 1}", low["amount"]
