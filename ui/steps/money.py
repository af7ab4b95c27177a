"""Step 4, Money: the money lines of each option, with its NPV and totals as you type.

Pick an option at the top; one tab per kind of line (savings, recurring costs, shared services,
one-off costs, redundancies, loan re-pricing, pension cessation). Every figure shown (NPV, NPV
against the baseline, payback, totals, a line's present value, a redundancy's statutory weeks)
comes from ``document.results``; the step computes none.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel,
                               QTabWidget, QVBoxLayout, QWidget)

from appraisal.formatting import form_name, money, year_label
from appraisal.kinds import LINE_KINDS
from ui.document import CaseDocument
from ui.steps.money_tab import COLUMN_NAMES, LineTab
from ui.steps.when_shown import RefreshWhenShown
from ui.widgets.fields import explanation_label
from ui.widgets.line_kinds import LINE_MODELS

TAB_TITLES = {k.id: k.plural for k in LINE_KINDS}


class MoneyStep(QWidget):
    TITLE = "Money"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.option_picker = QComboBox(self)
        self.option_picker.setAccessibleName("Option")
        self.option_picker.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.option_picker.currentIndexChanged.connect(self._pick)
        self.form_label = QLabel(self)

        self.npv_label = QLabel(self)
        self.npv_vs_baseline_label = QLabel(self)
        self.payback_label = QLabel(self)
        for label in (self.npv_label, self.npv_vs_baseline_label, self.payback_label):
            label.setTextFormat(Qt.PlainText)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.npv_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.npv_label.setFont(font)
        self.npv_vs_baseline_label.setFont(font)
        self.totals = {column: QLabel(self) for column in COLUMN_NAMES}

        self.tabs = QTabWidget(self)
        self.line_tabs: dict[str, LineTab] = {}
        for model_cls in LINE_MODELS:
            tab = LineTab(document, model_cls, self.tabs)
            self.line_tabs[model_cls.KIND] = tab
            self.tabs.addTab(tab, TAB_TITLES[model_cls.KIND])

        top = QHBoxLayout()
        top.addWidget(QLabel("Option:", self))
        top.addWidget(self.option_picker)
        top.addWidget(self.form_label)
        top.addStretch(1)
        figures = QFormLayout()
        figures.addRow("Net present value:", self.npv_label)
        figures.addRow("Against the baseline:", self.npv_vs_baseline_label)
        figures.addRow("Payback against the baseline:", self.payback_label)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for i, (column, label) in enumerate(self.totals.items()):
            name = QLabel(COLUMN_NAMES[column][0].upper() + COLUMN_NAMES[column][1:] + ":", self)
            grid.addWidget(name, i % 4, 2 * (i // 4))
            label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            grid.addWidget(label, i % 4, 2 * (i // 4) + 1)
        summary = QHBoxLayout()
        summary.addLayout(figures)
        summary.addSpacing(24)
        summary.addLayout(grid)
        summary.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(explanation_label(
            "Amounts in today's pounds. Costs are positive; the engine subtracts them. Give a "
            "low and a high on a line to test it in Sensitivity. Totals are undiscounted, over "
            "the horizon."))
        layout.addLayout(summary)
        layout.addWidget(self.tabs, 1)

        self.when_shown = RefreshWhenShown(self, self._on_changed, self._on_results)
        document.changed.connect(self.when_shown.request)
        document.resultsChanged.connect(self.when_shown.request_partial)
        self._fill_options()
        self._pick(self.option_picker.currentIndex())

    # --- the option -----------------------------------------------------------------------------
    @property
    def option_index(self) -> int:
        return max(0, self.option_picker.currentIndex())

    def select_option(self, option_id: str) -> None:
        ids = [o.id for o in self.document.case.options]
        self.option_picker.setCurrentIndex(ids.index(option_id))

    def _fill_options(self) -> None:
        options = self.document.case.options
        current = self.option_picker.currentIndex()
        items = [(o.name + (" (baseline)" if o.baseline else ""), o.id) for o in options]
        shown = [(self.option_picker.itemText(i), self.option_picker.itemData(i))
                 for i in range(self.option_picker.count())]
        if items == shown and 0 <= current < len(options):
            return      # unchanged: leave the box alone (refilling it relays out the step)
        self.option_picker.blockSignals(True)
        self.option_picker.clear()
        for o in options:
            self.option_picker.addItem(o.name + (" (baseline)" if o.baseline else ""), o.id)
        if options:
            # Open on the first option that is not the baseline: that is where the money is.
            first = next((i for i, o in enumerate(options) if not o.baseline), 0)
            self.option_picker.setCurrentIndex(current if 0 <= current < len(options) else first)
        self.option_picker.blockSignals(False)

    def _pick(self, index: int) -> None:
        if index < 0:
            return
        for tab in self.line_tabs.values():
            tab.set_option(index)
        self._show_option()

    # --- redraw ---------------------------------------------------------------------------------
    def _on_changed(self) -> None:
        before = self.option_picker.currentIndex()
        self._fill_options()
        if self.option_picker.currentIndex() != before:
            self._pick(self.option_picker.currentIndex())
            return
        for tab in self.line_tabs.values():
            tab.refresh()
        self._show_option()

    def _on_results(self) -> None:
        for tab in self.line_tabs.values():
            tab.refresh()
        self._show_option()

    def _show_option(self) -> None:
        case = self.document.case
        if not case.options:
            return
        option = case.options[self.option_index]
        self.form_label.setText(form_name(option.form))
        for kind, tab in self.line_tabs.items():
            count = len(getattr(option, kind))
            text = TAB_TITLES[kind] + (f" ({count})" if count else "")
            if self.tabs.tabText(self.tabs.indexOf(tab)) != text:   # else the bar relays out
                self.tabs.setTabText(self.tabs.indexOf(tab), text)
        res = self.document.results
        try:
            result = res.option(option.id) if res is not None else None
        except StopIteration:
            result = None
        if result is None:
            return
        self.npv_label.setText(money(result.npv))
        self.npv_vs_baseline_label.setText(
            "this is the baseline" if result.baseline else money(result.npv_vs_baseline))
        self.payback_label.setText("—" if result.baseline
                                   else year_label(result.payback_year, res.first_year))
        for column, label in self.totals.items():
            label.setText(money(result.column_total(column)))
