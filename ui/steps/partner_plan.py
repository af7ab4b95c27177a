"""The Partners step's second page: a partner's business plan in outline and its tests (V10).

The six figures of the plan (today's prices, without any of the case's own lines), the years in
which a figure changes, the board's golden rules, each loan's covenants, and for the case as a
whole the merged body's golden rules and the interest rate on new borrowing. Every entry goes to
the document as one undoable edit; a refused one shows its reason beside it.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QPushButton, QVBoxLayout, QWidget)

from appraisal.case_capacity import PLAN_FIGURES, SIGNED_FIGURES
from ui.document import CaseDocument
from ui.widgets.columns import Column
from ui.widgets.fields import explanation_label, money_field, percent_field
from ui.widgets.inline_error import InlineError
from ui.widgets.record_table import RecordTable
from ui.widgets.rule_table import RuleTable, new_rule

FIGURE_LABEL = {
    "operating_surplus": "Operating surplus",
    "depreciation": "Depreciation",
    "capitalised_major_repairs": "Capitalised major repairs",
    "interest_payable": "Interest payable",
    "net_debt": "Net debt",
    "housing_assets_at_cost": "Housing assets at cost",
}
FIGURE_TIP = {
    "operating_surplus": "The plan's surplus from operations in a year (may be negative).",
    "depreciation": "The year's depreciation charge, added back in EBITDA.",
    "capitalised_major_repairs": "Major repairs spent and capitalised (MRI), deducted in "
                                 "EBITDA-MRI.",
    "interest_payable": "Interest on the partner's existing debt in a year.",
    "net_debt": "Borrowing less cash (may be negative).",
    "housing_assets_at_cost": "Housing properties at historic cost: gearing's denominator.",
}
PLAN_NOTE = ("The plan's own yearly figures in today's prices, without any cost or saving "
             "entered as a line in an option (the baseline included): Continuum adds each "
             "option's lines to the plan, so a line also counted here would count twice.")
SHORT_LABEL = {
    "operating_surplus": "Surplus", "depreciation": "Depreciation",
    "capitalised_major_repairs": "Major repairs", "interest_payable": "Interest",
    "net_debt": "Net debt", "housing_assets_at_cost": "Housing assets",
}
PLAN_COLUMNS = (Column("year", "Year", "whole", width=50,
                       tip="The model year from which the figures in this row hold."),) + tuple(
    Column(f, SHORT_LABEL[f], "money", optional=True, width=118,
           tip=f"{FIGURE_LABEL[f]}: {FIGURE_TIP[f]} Empty: carried on from before.")
    for f in PLAN_FIGURES)


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


class BusinessPlanPanel(QWidget):
    """The plan and the tests of organisation ``row`` (see :meth:`set_organisation`)."""

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = d = document
        self.row = 0
        at = ("organisations", 0, "finances")
        self.has_plan = QCheckBox("Business plan in outline for this partner")
        self.has_plan.setAccessibleName(self.has_plan.text())
        self.has_plan.setToolTip("Tick to enter the partner's plan, so that each option can be "
                                 "tested against its lenders' covenants and its golden rules.")
        self.plan_error = InlineError()
        self.figures = {
            f: money_field(d, (*at, f), FIGURE_LABEL[f], tooltip=FIGURE_TIP[f],
                           minimum=-1e12 if f in SIGNED_FIGURES else 0, step=100000)
            for f in PLAN_FIGURES}
        plan_box = QGroupBox("Business plan in outline (a year, today's prices)")
        plan_layout = QVBoxLayout(plan_box)
        plan_layout.addWidget(self.has_plan)
        plan_layout.addWidget(explanation_label(PLAN_NOTE))
        plan_layout.addWidget(self.plan_error)
        form = QFormLayout()
        for f, field in self.figures.items():
            form.addRow(FIGURE_LABEL[f], field)
            form.labelForField(field).setBuddy(field.editor)
        plan_layout.addLayout(form)
        self.changes = RecordTable(d, (*at, "plan"), PLAN_COLUMNS, "year of the plan")
        self.changes.table.setAccessibleName("Changes to the plan by year")
        self.add_year = QPushButton("Add a &year")
        self.remove_year = QPushButton("Remove the year")
        plan_layout.addWidget(explanation_label(
            "Changes by year: a figure entered for a year holds from that year until it is "
            "changed again; an empty cell carries the earlier figure on."))
        plan_layout.addWidget(self.changes)
        plan_layout.addLayout(_buttons(self.add_year, self.remove_year))

        self.golden = RuleTable(d, ("organisations", 0, "golden_rules"), "golden rule",
                                covenant=False)
        self.golden.table.setAccessibleName("Golden rules")
        self.add_golden_cover = QPushButton("Add interest cover rule")
        self.add_golden_gearing = QPushButton("Add gearing rule")
        self.remove_golden = QPushButton("Remove rule")
        golden_box = QGroupBox("The board's golden rules")
        golden_layout = QVBoxLayout(golden_box)
        golden_layout.addWidget(explanation_label(
            "The board's own targets, usually stricter than the lenders'. Tested every year "
            "while the partner stands alone."))
        golden_layout.addWidget(self.golden)
        golden_layout.addLayout(_buttons(self.add_golden_cover, self.add_golden_gearing,
                                         self.remove_golden))

        self.loan_choice = QComboBox()
        self.loan_choice.setAccessibleName("Loan")
        self.covenants = RuleTable(d, ("organisations", 0, "loans", 0, "covenants"),
                                   "covenant", covenant=True)
        self.covenants.table.setAccessibleName("Covenants of the loan")
        self.add_cover = QPushButton("Add interest cover covenant")
        self.add_gearing = QPushButton("Add gearing covenant")
        self.remove_covenant = QPushButton("Remove covenant")
        covenant_box = QGroupBox("Lenders' covenants")
        covenant_layout = QVBoxLayout(covenant_box)
        covenant_layout.addWidget(explanation_label(
            "Each loan's financial covenants, as its agreement states them (basis and "
            "definition included). Tested in each year while the loan runs."))
        loan_row = QFormLayout()
        loan_row.addRow("&Loan", self.loan_choice)
        loan_row.labelForField(self.loan_choice).setBuddy(self.loan_choice)
        covenant_layout.addLayout(loan_row)
        covenant_layout.addWidget(self.covenants)
        covenant_layout.addLayout(_buttons(self.add_cover, self.add_gearing,
                                           self.remove_covenant))

        self.merged = RuleTable(d, ("merged_golden_rules",), "merged body's rule",
                                covenant=False)
        self.merged.table.setAccessibleName("The merged body's golden rules")
        self.add_merged_cover = QPushButton("Add interest cover rule")
        self.add_merged_gearing = QPushButton("Add gearing rule")
        self.remove_merged = QPushButton("Remove rule")
        self.marginal_rate = percent_field(
            d, ("settings", "marginal_interest_rate"), "Interest on new borrowing",
            tooltip="The nominal rate a lender would charge on the extra debt an option adds "
                    "(6% if not set); for the affordability test only, never in the NPV.")
        merged_box = QGroupBox("Every partner: a merged body and new borrowing")
        merged_layout = QVBoxLayout(merged_box)
        merged_layout.addWidget(explanation_label(
            "The targets a merged body's board would hold. With none, a merger is tested "
            "against the strictest of the partners' own golden rules."))
        merged_layout.addWidget(self.merged)
        merged_layout.addLayout(_buttons(self.add_merged_cover, self.add_merged_gearing,
                                         self.remove_merged))
        rate_row = QFormLayout()
        rate_row.addRow("Interest on new &borrowing", self.marginal_rate)
        rate_row.labelForField(self.marginal_rate).setBuddy(self.marginal_rate.editor)
        merged_layout.addLayout(rate_row)

        content = QWidget()
        layout = QVBoxLayout(content)
        for box in (plan_box, golden_box, covenant_box, merged_box):
            layout.addWidget(box)
        layout.addStretch(1)
        outer = QVBoxLayout(self)       # the window's scroll area scrolls the whole step
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(content)

        self.has_plan.clicked.connect(self._toggle_plan)
        self.add_year.clicked.connect(self._add_year)
        self.remove_year.clicked.connect(
            lambda: self.changes.remove_current("remove a year of the plan"))
        self.add_golden_cover.clicked.connect(lambda: self._add_rule(self.golden, "interest_cover"))
        self.add_golden_gearing.clicked.connect(lambda: self._add_rule(self.golden, "gearing"))
        self.remove_golden.clicked.connect(
            lambda: self.golden.remove_current("remove a golden rule"))
        self.add_cover.clicked.connect(lambda: self._add_rule(self.covenants, "interest_cover"))
        self.add_gearing.clicked.connect(lambda: self._add_rule(self.covenants, "gearing"))
        self.remove_covenant.clicked.connect(
            lambda: self.covenants.remove_current("remove a covenant"))
        self.add_merged_cover.clicked.connect(lambda: self._add_rule(self.merged,
                                                                     "interest_cover"))
        self.add_merged_gearing.clicked.connect(lambda: self._add_rule(self.merged, "gearing"))
        self.remove_merged.clicked.connect(
            lambda: self.merged.remove_current("remove a merged body's rule"))
        self.loan_choice.activated.connect(lambda _i: self._show_loan())
        document.changed.connect(self.refresh)
        self.refresh()

    # --- reading ----------------------------------------------------------------------------
    def set_organisation(self, row: int) -> None:
        self.row = row
        at = ("organisations", row, "finances")
        for f, field in self.figures.items():
            field.set_path((*at, f))
        self.changes.set_list_path((*at, "plan"))
        self.golden.set_list_path(("organisations", row, "golden_rules"))
        self.plan_error.clear()
        self.refresh()
        self._show_loan()

    def refresh(self) -> None:
        org = self.document.get(("organisations", self.row)) or {}
        has = org.get("finances") is not None
        self.has_plan.setChecked(has)
        for widget in (*self.figures.values(), self.changes, self.add_year, self.remove_year):
            widget.setEnabled(has)
        loans = org.get("loans", [])
        labels = [f"{loan.get('lender') or 'Loan'} ({loan['id']})" for loan in loans]
        if [self.loan_choice.itemText(i) for i in range(self.loan_choice.count())] != labels:
            index = self.loan_choice.currentIndex()
            self.loan_choice.blockSignals(True)
            self.loan_choice.clear()
            self.loan_choice.addItems(labels)
            self.loan_choice.setCurrentIndex(min(max(index, 0), len(labels) - 1))
            self.loan_choice.blockSignals(False)
            self._show_loan()
        for widget in (self.covenants, self.add_cover, self.add_gearing, self.remove_covenant,
                       self.loan_choice):
            widget.setEnabled(bool(loans))

    def _show_loan(self) -> None:
        k = max(self.loan_choice.currentIndex(), 0)
        self.covenants.set_list_path(("organisations", self.row, "loans", k, "covenants"))

    # --- editing ----------------------------------------------------------------------------
    def _name(self) -> str:
        return self.document.get(("organisations", self.row, "name"), "the partner")

    def _toggle_plan(self, checked: bool) -> None:
        row = self.row

        def mutate(data: dict) -> None:
            org = data["organisations"][row]
            if checked:
                org["finances"] = {f: 0.0 for f in PLAN_FIGURES}
            else:
                org.pop("finances", None)

        verb = "enter a business plan for" if checked else "remove the business plan of"
        problems = self.document.edit(f"{verb} {self._name()}", mutate)
        self.plan_error.show_problems(problems)
        if problems:
            self.refresh()

    def _add_year(self) -> None:
        years = [p.get("year", 0) for p in self.changes.records()]
        horizon = self.document.get(("settings", "horizon_years"), 10)
        year = min(max(years, default=1) + 1, horizon)
        self.changes.append({"year": year}, f"add a year to the plan of {self._name()}")

    def _add_rule(self, table: RuleTable, metric: str) -> None:
        covenant = table is self.covenants
        table.append(new_rule(metric, covenant=covenant), f"add a {table.record_name}")
