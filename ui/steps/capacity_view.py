"""The Capacity view in Results: can the chosen option be afforded? (model-v2.md V10)

For the option chosen: one line that says whether every covenant and golden rule holds, a table
of each test's tightest year and headroom (in the metric and in money, as planned and in the
pessimistic case), a chart per test of the metric by year against its limit, and how joint lines
were split between the partners. Everything is read from Results.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from appraisal import affordability as af
from appraisal import charts
from appraisal.formatting import money, pct
from ui.document import CaseDocument
from ui.widgets.chart_view import ChartView
from ui.widgets.fields import explanation_label
from ui.widgets.figure_table import FigureTable

HEADERS = ["Partner", "Test", "Limit", "Measured", "Tightest year", "Headroom", "Headroom in money",
           "Pessimistic: tightest", "Pessimistic headroom", "First breach"]
TIPS = {
    0: "Whose figures are tested: a partner's own, or (in a merger) the combined body's",
    3: "How the metric is measured: the loan agreement's basis and definition",
    4: "The year with the least headroom, as planned",
    5: "The metric's distance from its limit in that year (below 0: a breach)",
    6: "What could be lost in that year before the limit bites: surplus for interest cover, "
       "borrowing for gearing",
    7: "The tightest year with each of the option's ranged figures at its worse end",
    9: "The first year the test breaks, as planned or else in the pessimistic case",
}
OUTLINE_NOTE = ("An outline test for the board, not a lender's compliance certificate: asset "
                "cover, interest received and each loan agreement's own definitions are "
                "outside it.")


class CapacityView(QWidget):
    """Pick an option; see its covenants and golden rules tested year by year."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.option = QComboBox()
        self.option.setAccessibleName("Option")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.PlainText)
        self.verdict.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.table = FigureTable(parent=self)
        self.table.setAccessibleName("Covenants and golden rules of the option")
        self.chart = ChartView(self._figure, min_height=220)
        self.chart.setAccessibleName("Each test by year against its limit")
        self.splits = explanation_label("")
        form = QFormLayout()
        form.addRow("&Option", self.option)
        form.labelForField(self.option).setBuddy(self.option)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.splits)
        layout.addWidget(explanation_label(OUTLINE_NOTE))
        self.option.activated.connect(lambda _i: self.refresh())

    def chosen(self) -> str | None:
        return self.option.currentData()

    def _figure(self):
        res = self.document.results
        option_id = self.chosen()
        if res is None or option_id is None:
            return None
        return charts.capacity_tests(res, option_id)

    def refresh(self) -> None:
        res = self.document.results
        if res is None:
            return
        self._fill_choices(res)
        option = res.option(self.chosen() or res.recommended or res.npv_leader)
        self.verdict.setText(self._verdict(res, option))
        self.table.set_rows(HEADERS, [self._row(res, t) for t in option.capacity], TIPS)
        self.table.fit_height()
        self.table.setVisible(bool(option.capacity))
        rows = -(-len(option.capacity) // 2)
        self.chart.setMinimumHeight(max(120, 175 * rows + 30) if option.capacity else 120)
        self.splits.setText(self._splits(res, option))
        self.chart.invalidate()

    def _fill_choices(self, res) -> None:
        items = []
        for o in res.options:
            mark = af.flag(o, res.first_year)
            items.append((o.name + (f" (⚠ {mark})" if mark else ""), o.id))
        current = self.chosen() or res.recommended or res.npv_leader
        if [(self.option.itemText(i), self.option.itemData(i))
                for i in range(self.option.count())] != items:
            self.option.blockSignals(True)
            self.option.clear()
            for text, oid in items:
                self.option.addItem(text, oid)
            self.option.blockSignals(False)
        index = next((i for i, (_t, oid) in enumerate(items) if oid == current), 0)
        self.option.setCurrentIndex(index)

    @staticmethod
    def _verdict(res, option) -> str:
        if not option.capacity:
            return (f"{option.name} has nothing to test: enter the partners' business plans "
                    "and their loans' covenants or golden rules (Partners step).")
        sentences = [s for t in option.capacity for s in (
            af.breach_sentence(res.case, option.name, t, res.first_year, stressed=False),
            af.breach_sentence(res.case, option.name, t, res.first_year, stressed=True)
            if t.first_breach_year is None else None) if s]
        if not sentences:
            tight = af.tightest(option)
            text = f"{option.name} keeps every covenant and golden rule in every year, as " \
                   "planned and in the pessimistic case."
            if tight is not None:
                y = tight.min_headroom["year"]
                text += (f" The tightest is {af.test_name(res.case, tight)}: "
                         f"{af.headroom_text(tight.metric, tight.min_headroom['value'])} of "
                         f"headroom in {res.first_year + y - 1}.")
            return text
        return "⚠ " + "\n⚠ ".join(s + "." for s in sentences)

    @staticmethod
    def _row(res, t) -> list:
        y = t.min_headroom["year"]
        sy = t.stressed_min_headroom["year"]
        money_at = t.headroom_money[y - 1] if y else None
        breach = t.first_breach_year or t.stressed_first_breach_year
        breach_text = "none"
        if t.first_breach_year:
            breach_text = str(res.first_year + t.first_breach_year - 1)
        elif t.stressed_first_breach_year:
            breach_text = f"{res.first_year + t.stressed_first_breach_year - 1} if pessimistic"
        return [
            af.whose(res.case, t), af.rule_label(t), af.limit_text(t), af.basis_text(t),
            (str(res.first_year + y - 1) if y else "n/a", y or 0),
            (af.headroom_text(t.metric, t.min_headroom["value"]), t.min_headroom["value"]),
            (money(money_at), money_at),
            (str(res.first_year + sy - 1) if sy else "n/a", sy or 0),
            (af.headroom_text(t.metric, t.stressed_min_headroom["value"]),
             t.stressed_min_headroom["value"]),
            (breach_text, breach or 0),
        ]

    @staticmethod
    def _splits(res, option) -> str:
        if not option.capacity_shares:
            return ""
        names = {o.id: o.name for o in res.case.organisations}
        labels = {line.ref: line.label for line in option.lines}
        groups: dict[str, list[str]] = {}
        for entry in option.capacity_shares:
            shares = ", ".join(f"{names[k]} {pct(v)}" for k, v in entry["shares"].items())
            groups.setdefault(shares, []).append(labels.get(entry["ref"], entry["ref"]))
        how = "the option's own shares" if res.case.option(option.id).shares else "turnover"
        parts = [f"{shares} ({len(lines)} line{'s' if len(lines) > 1 else ''}: "
                 f"{', '.join(lines)})" for shares, lines in groups.items()]
        return (f"How the joint lines were split between the partners (by {how}): "
                + "; ".join(parts) + ".")
