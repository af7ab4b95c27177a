"""The Deal step: what must be settled before an option's figures come true (deal-terms.md D6).

Four tabs for the chosen option: the governance settlement (the standard items preloaded with
their default deal-breakers, a status for each, the board-seat check), the due diligence register
(one for the case), the lenders' consents (one row per loan recorded, and the loans not yet
recorded named) and the legal route (the steps generated from the partners' legal forms, with
progress recorded against them and the critical path marked). Each tab's title counts what is
still open. Every edit goes through the document, as one undoable step.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from appraisal.charts.route import MAX_BARS, route_timeline
from appraisal.deal.gate import deal_of
from appraisal.deal.governance import ITEMS, open_deal_breakers, preloaded
from appraisal.deal.lenders import OPEN
from appraisal.deal.steps import STEPS
from appraisal.deal.words import CONSENT_STATUS, STEP_STATUS, short_step, weeks_words
from appraisal.kinds import KIND
from ui.document import CaseDocument
from ui.steps.deal_board import BoardPanel
from ui.steps.deal_findings import FindingsTab, line_words
from ui.widgets.chart_view import ChartView
from ui.widgets.columns import Column
from ui.widgets.fields import explanation_label
from ui.widgets.filtered_table import FilteredTable
from ui.widgets.fitting import fit_columns
from ui.widgets.record_table import RecordTable

ITEM_CHOICES = [(k.id, k.label) for k in ITEMS]
ITEM_STATUSES = [("open", "Open"), ("agreed", "Agreed"), ("not_agreed", "Not agreed"),
                 ("not_applicable", "Not applicable")]
BREAKER = [(None, "As usual"), (True, "Yes"), (False, "No")]
NEEDED = [("unknown", "Not known"), ("yes", "Yes"), ("no", "No")]
NOT_ADVICE = ("Not legal advice: the route is a checklist drawn from the sources the board paper "
              "cites; confirm it with the partners' solicitors.")
STEP_STATUSES = [(k, v.capitalize()) for k, v in STEP_STATUS.items()]


def _organisations(document) -> list:
    return [(None, "Joint")] + [(o.id, o.name) for o in document.case.organisations]


def _options(document) -> list:
    return [(None, "Every option")] + [(o.id, o.name) for o in document.case.options]


def _loans(document) -> list:
    return [(loan.id, f"{loan.lender or 'Lender not named'} ({org.name})")
            for org in document.case.organisations for loan in org.loans]


GOVERNANCE_COLUMNS = (
    Column("item", "Item", "choice", "What is settled.", choices=ITEM_CHOICES, width=170),
    Column("proposal", "Proposal", tip="What is proposed."),
    Column("status", "Status", "choice", "Where it stands.", choices=ITEM_STATUSES, width=120),
    Column("deal_breaker", "Deal-breaker", "choice", "Could this alone stop the deal? As usual: "
           "yes for who leads, who chairs, the name, seats, brands, reserved powers and the "
           "members' vote.", choices=BREAKER, width=110),
    Column("owner", "Owner", tip="Who is settling it.", width=130),
)
def consent_columns(option_index) -> tuple[Column, ...]:
    """The lenders' table; its cost line is picked from the chosen option's money lines."""

    def lines(document) -> list:
        option = document.case.options[option_index()]
        return [(None, "Not priced")] + [
            (f"{kind}[{j}]", f"{KIND[kind].noun}: {line_words(document, line) or j + 1}")
            for kind in ("loan_repricing", "one_off_costs", "recurring_costs")
            for j, line in enumerate(getattr(option, kind))]

    return (
        Column("loan", "Loan", "choice", "The loan.", choices=_loans, width=330),
        Column("consent_needed", "Consent needed", "choice", "Does the lender have to consent?",
               choices=NEEDED, width=120),
        Column("status", "Status", "choice", "Where the request stands.",
               choices=list(CONSENT_STATUS.items()), width=160),
        Column("cost_line", "Cost in the appraisal", "choice", "The money line that prices it.",
               choices=lines, width=260),
        Column("note", "Note", tip="What the lender has said."),
    )


def _step_choices(document) -> list:
    return [(s.id, short_step(s.id)) for s in STEPS]


PROGRESS_COLUMNS = (
    Column("option", "Option", "choice", "The option.", choices=lambda d: _options(d)[1:],
           width=170),
    Column("step", "Step", "choice", "The step of the route.", choices=_step_choices, width=200),
    Column("organisation", "Whose", "choice", "The partner, or joint for a step taken once.",
           choices=_organisations, width=150),
    Column("status", "Status", "choice", "Where it stands.", choices=STEP_STATUSES, width=120),
    Column("due", "Due (YYYY-MM-DD)", tip="When it is due.", width=120),
    Column("note", "Note", tip="Progress; required when the step does not apply."),
)


class DealStep(QWidget):
    TITLE = "Deal"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.option = QComboBox()
        self.option.setAccessibleName("Option")
        pick = QHBoxLayout()
        label = QLabel("&Option")
        label.setBuddy(self.option)
        pick.addWidget(label)
        pick.addWidget(self.option, 1)
        self.tabs = QTabWidget()
        self.governance = RecordTable(document, ("options", 0, "governance", "items"),
                                      GOVERNANCE_COLUMNS, "item")
        self.due_diligence = FindingsTab(document, self.option_index)
        self.findings = self.due_diligence.table
        self.consents = RecordTable(document, ("options", 0, "lender_consents"),
                                    consent_columns(self.option_index), "consent")
        self.progress = FilteredTable(document, ("route_progress",), PROGRESS_COLUMNS, "record")
        self.board = BoardPanel(document)
        self.unrecorded = explanation_label("")
        self.route_summary = explanation_label("")
        self.route = QTableWidget(0, 5)
        self.route.setHorizontalHeaderLabels(["Step", "Whose", "Lead time", "Status",
                                              "Critical path"])
        self.route.setAccessibleName("Route steps")
        self.route.setEditTriggers(QTableWidget.NoEditTriggers)
        self.route.horizontalHeader().setStretchLastSection(True)
        self.standard = QPushButton("Add the &standard items")
        self.standard.setToolTip("Add the usual items of a settlement that this option lacks, "
                                 "with their usual deal-breakers.")
        self.record_loans = QPushButton("Record every &loan")
        self.record_loans.setToolTip("Add a row for each partner's loan not yet recorded.")
        self.add_progress = QPushButton("Add &progress")
        self.remove_progress = QPushButton("Remove progr&ess")

        governance_tab = self._tab(self.governance, None, self.standard)
        governance_tab.layout().addWidget(self.board)
        self.tabs.addTab(governance_tab, "")
        self.tabs.addTab(self.due_diligence, "")
        self.tabs.addTab(self._tab(self.consents, self.unrecorded, self.record_loans), "")
        self.timeline = ChartView(self.route_figure, min_height=160)
        self.timeline.setAccessibleName("Route timeline")
        self.timeline.setToolTip("The steps that apply, each from its start to its finish at the "
                                 "longest lead times; the critical path in vermillion.")
        route_tab = self._tab(self.progress, self.route_summary, self.add_progress,
                              self.remove_progress)
        split = QSplitter(Qt.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.timeline)   # at its full height: the step's page scrolls, once
        split.addWidget(self.route)
        split.addWidget(route_tab.layout().itemAt(1).widget())
        split.setSizes([330, 170, 150])
        route_tab.layout().insertWidget(1, split, 1)
        self.tabs.addTab(route_tab, "")
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(explanation_label(NOT_ADVICE))
        layout.addWidget(self.tabs, 1)

        self.option.currentIndexChanged.connect(self._option_changed)
        self.standard.clicked.connect(self.add_standard_items)
        self.record_loans.clicked.connect(self.record_every_loan)
        self.add_progress.clicked.connect(self._add_progress)
        self.remove_progress.clicked.connect(
            lambda: self.progress.remove_current("remove progress on the route"))
        document.changed.connect(self.redraw)
        document.resultsChanged.connect(self.timeline.invalidate)
        self.redraw()

    @staticmethod
    def _tab(table: RecordTable, note: QLabel | None, *buttons: QPushButton) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        if note is not None:
            layout.addWidget(note)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    # --- reading ----------------------------------------------------------------------------
    def option_index(self) -> int:
        return max(self.option.currentIndex(), 0)

    def _option_changed(self, _index: int) -> None:
        i = self.option_index()
        self.governance.set_list_path(("options", i, "governance", "items"))
        self.consents.set_list_path(("options", i, "lender_consents"))
        self.board.set_option(i)
        option_id = self.document.case.options[i].id
        self.progress.set_filter(lambda r: r.get("option") == option_id)
        self.timeline.invalidate(0)
        self.redraw()

    def redraw(self) -> None:
        case = self.document.case
        names = [o.name for o in case.options]
        if [self.option.itemText(k) for k in range(self.option.count())] != names:
            keep = self.option_index()
            self.option.blockSignals(True)
            self.option.clear()
            self.option.addItems(names)
            self.option.setCurrentIndex(min(keep, len(names) - 1))
            self.option.blockSignals(False)
            self._option_changed(self.option_index())
            return
        option = case.options[self.option_index()]
        deal = deal_of(case, option)
        breakers = len(open_deal_breakers(option))
        severe = sum(g.kind == "due_diligence" for g in deal.gates)
        lenders = sum(g.kind == "lender" for g in deal.gates)
        steps = sum(g.kind == "route" for g in deal.gates)
        self.tabs.setTabText(0, f"&Governance ({breakers} open deal-breakers)")
        self.tabs.setTabText(1, f"D&ue diligence ({severe} severe, open)")
        self.tabs.setTabText(2, f"Le&nders ({lenders} open)")
        self.tabs.setTabText(3, f"&Route ({steps} critical steps to do)")
        missing = [r for r in deal.consents if r.generated]
        self.unrecorded.setText(
            "Every partner's loan is recorded for this option." if not missing else
            "Not yet recorded, so treated as possibly needing consent: "
            + "; ".join(f"{r.lender or r.loan}" for r in missing) + ".")
        waiting = [r for r in deal.consents if r.status in OPEN and r.consent_needed != "no"]
        self.record_loans.setEnabled(bool(missing))
        self.consents.setToolTip(f"{len(waiting)} consents not yet granted.")
        self._route(deal, {o.id: o.name for o in case.organisations})

    def route_figure(self):
        """The route timeline of the chosen option, drawn by the board paper's own chart from
        the option's deal in Results (None: no step applies, or no results yet)."""
        res = self.document.results
        case = self.document.case
        try:
            deal = res.option(case.options[self.option_index()].id).deal if res else None
        except StopIteration:           # an option just added: its results are on their way
            return None
        if deal is None or not any(s.applies is True for s in deal.route.steps):
            return None
        return route_timeline(deal.route, {o.id: o.name for o in case.organisations})

    def _route(self, deal, names: dict) -> None:
        steps = deal.route.steps
        bars = min(sum(s.applies is True for s in steps), MAX_BARS)
        # the chart at the paper's own proportions (a bar a fifth of an inch), scrolled if long
        self.timeline.setFixedHeight(round(100 * (0.9 + 0.2 * max(bars, 1))))
        self.route.setRowCount(len(steps))
        for r, s in enumerate(steps):
            known = s.applies is True
            cells = [s.step.text, names.get(s.organisation, "Once for the option")
                     if s.organisation else "Once for the option",
                     weeks_words(s) if known else "not known: " + s.missing.replace("_", " "),
                     STEP_STATUS[s.status] if known else "—",
                     "on the critical path" if s.on_critical_path else ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if s.on_critical_path:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.route.setItem(r, c, item)
        fit_columns(self.route, widest=380)
        weeks = deal.route.completion_weeks
        self.route_summary.setText(
            "No legal or regulatory step applies to this option." if not steps else
            (f"Complete in {weeks[0]:g} to {weeks[1]:g} weeks from today; the steps in bold are "
             "the critical path." if weeks else "Every step is still to be decided.")
            + ("" if not deal.route.not_known else " Some steps cannot be decided until each "
               "partner's legal form (Partners step) or the option's roles are recorded."))

    # --- editing ----------------------------------------------------------------------------
    def add_standard_items(self) -> list:
        i = self.option_index()
        form = self.document.case.options[i].form

        def mutate(data: dict) -> None:
            g = data["options"][i].setdefault("governance", {})
            items = g.setdefault("items", [])
            have = {entry.get("item") for entry in items}
            items.extend(e for e in preloaded(form) if e["item"] not in have)

        problems = self.document.edit("add the standard settlement items", mutate)
        self.governance.error.show_problems(problems)
        return problems

    def record_every_loan(self) -> list:
        i = self.option_index()
        case = self.document.case
        missing = [r.loan for r in deal_of(case, case.options[i]).consents if r.generated]

        def mutate(data: dict) -> None:
            data["options"][i].setdefault("lender_consents", []).extend(
                {"loan": loan, "consent_needed": "unknown", "status": "not_started"}
                for loan in missing)

        problems = self.document.edit("record every lender's position", mutate)
        self.consents.error.show_problems(problems)
        return problems

    def _add_progress(self) -> list:
        option = self.document.case.options[self.option_index()]
        row = self.route.currentRow()
        steps = deal_of(self.document.case, option).route.steps
        step = steps[row] if 0 <= row < len(steps) else (steps[0] if steps else None)
        if step is None:
            return []
        record = {"option": option.id, "step": step.id, "status": "in_progress"}
        if step.organisation:
            record["organisation"] = step.organisation
        return self.progress.append(record, "record progress on the route")
