"""Step 2, Partners: the organisations in the partnership, their loans and legal forms.

A list of organisations on the left; the chosen one's details and loans on the right. Removing an
organisation that a money line still names is refused, with the line named in the message.
A cost sharing group (model-v2.md V6) is added with its own button; in place of loans it shows
its members, ticked from the partners.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QListWidget,
                               QListWidgetItem, QPushButton, QTabWidget, QVBoxLayout, QWidget)

from appraisal import edits
from ui.document import CaseDocument
from ui.steps.partner_legal import LegalFormPanel
from ui.steps.partner_plan import BusinessPlanPanel
from ui.widgets.columns import Column
from ui.widgets.fields import ChoiceField, TextField, explanation_label, int_field, money_field, \
    percent_field
from ui.widgets.ids import unique_id
from ui.widgets.inline_error import InlineError
from ui.widgets.record_table import RecordTable

KINDS = [("Housing association", "housing_association"), ("Charity", "charity"),
         ("Community enterprise", "community_enterprise"), ("Local authority", "local_authority"),
         ("Cost sharing group", "cost_sharing_group"), ("Other", "other"), ("Not stated", "")]
JURISDICTIONS = [("Not stated", None), ("England", "england"), ("Wales", "wales"),
                 ("Scotland", "scotland"), ("Northern Ireland", "northern_ireland")]
LOAN_COLUMNS = (
    Column("lender", "Lender", tip="Who lent the money."),
    Column("balance", "Balance", "money", "The amount outstanding, in pounds.", width=140,
           negative=False),
    Column("margin_bps", "Margin (bp)", "bps", width=100, negative=False,
           tip="The lender's margin over the base rate, in basis points (100 bp = 1%)."),
    Column("remaining_years", "Years left", "whole", width=90, negative=False,
           tip="Whole years until the loan is repaid; re-pricing stops then."),
)


class PartnersStep(QWidget):
    TITLE = "Partners"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = d = document
        self.list = QListWidget()
        self.list.setAccessibleName("Organisations")
        self.list.setMinimumWidth(180)
        self.list.setMaximumWidth(260)
        self.add_button = QPushButton("&Add organisation")
        self.add_group_button = QPushButton("Add cost sharing &group")
        self.add_group_button.setToolTip(
            "A separate body the partners join to share costs; the only supplier the cost "
            "sharing exemption from VAT allows")
        self.remove_button = QPushButton("&Remove")
        self.list_error = InlineError()
        left = QVBoxLayout()
        left.addWidget(explanation_label("Organisations"))
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)
        left.addWidget(self.add_group_button)
        left.addWidget(self.list_error)

        at = ("organisations", 0)
        self.name = TextField(d, (*at, "name"), "Name", tooltip="The organisation's name.")
        self.kind = ChoiceField(d, (*at, "kind"), "Kind", KINDS,
                                tooltip="What sort of organisation this is.")
        self.jurisdiction = ChoiceField(
            d, (*at, "jurisdiction"), "Jurisdiction", JURISDICTIONS,
            tooltip="Where it is registered; rules on pensions, VAT groups and regulators differ.")
        self.turnover = money_field(
            d, (*at, "annual_turnover"), "Annual turnover", minimum=-1, step=100000,
            optional_text="Not stated", tooltip="Income in a year, for scale in the board paper.")
        self.staff = int_field(d, (*at, "staff"), "Staff", minimum=-1, optional_text="Not stated",
                               tooltip="Number of employees.")
        self.homes = int_field(d, (*at, "homes"), "Homes", minimum=-1, optional_text="Not stated",
                               tooltip="Homes owned or managed (housing associations).")
        self.vat_recovery = percent_field(
            d, (*at, "vat_recovery_rate"), "VAT recovery rate",
            explanation="The share of VAT it can reclaim; most housing and charity work "
                        "reclaims little.",
            tooltip="0% if it can reclaim no VAT on what it buys; irrecoverable VAT on shared "
                    "services is charged at (1 − this rate).")
        self.fields = [self.name, self.kind, self.jurisdiction, self.turnover, self.staff,
                       self.homes, self.vat_recovery]
        details = QGroupBox("Details")
        form = QFormLayout(details)
        for label, field in (("&Name", self.name), ("&Kind", self.kind),
                             ("&Jurisdiction", self.jurisdiction),
                             ("Annual &turnover", self.turnover), ("&Staff", self.staff),
                             ("&Homes", self.homes), ("&VAT recovery rate", self.vat_recovery)):
            form.addRow(label, field)
            form.labelForField(field).setBuddy(field.editor)

        self.loans = RecordTable(d, (*at, "loans"), LOAN_COLUMNS, "loan")
        self.add_loan = QPushButton("Add &loan")
        self.remove_loan = QPushButton("Remove l&oan")
        loans = QGroupBox("Loans")
        loans_layout = QVBoxLayout(loans)
        loans_layout.addWidget(explanation_label(
            "Loans a lender might re-price if the structure changes. Type in the cells."))
        loans_layout.addWidget(self.loans)
        loan_buttons = QHBoxLayout()
        loan_buttons.addWidget(self.add_loan)
        loan_buttons.addWidget(self.remove_loan)
        loan_buttons.addStretch(1)
        loans_layout.addLayout(loan_buttons)

        self.members = QGroupBox("Members")
        self.members_layout = QVBoxLayout(self.members)
        self.members_layout.addWidget(explanation_label(
            "Tick the partners that belong to the group. Each must be a member for the group's "
            "services to it to be exempt from VAT; the group's own costs are lines that name it."))
        self.member_boxes: list[QCheckBox] = []
        self.members_error = InlineError()
        self.members_layout.addWidget(self.members_error)
        self.loans_box = loans

        first_page = QWidget()
        right = QVBoxLayout(first_page)
        right.addWidget(details)
        right.addWidget(self.members)
        right.addWidget(loans, 1)
        right.addStretch(0)
        self.plan = BusinessPlanPanel(d)
        self.pages = QTabWidget()
        self.pages.addTab(first_page, "Details and &loans")
        self.pages.addTab(self.plan, "Business &plan and covenants")
        self.legal = LegalFormPanel(d)
        self.pages.addTab(self.legal, "Legal form an&d registers")
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addWidget(self.pages, 1)

        self.list.currentRowChanged.connect(self._select)
        self.add_button.clicked.connect(self.add_organisation)
        self.add_group_button.clicked.connect(self.add_cost_sharing_group)
        self.remove_button.clicked.connect(self.remove_organisation)
        self.add_loan.clicked.connect(self.add_new_loan)
        self.remove_loan.clicked.connect(
            lambda: self.loans.remove_current(f"remove a loan of {self._org_name()}"))
        document.changed.connect(self.refresh)
        self.refresh()
        self.list.setCurrentRow(0)

    # --- reading ----------------------------------------------------------------------------
    def organisations(self) -> list[dict]:
        return self.document.get(("organisations",)) or []

    def _org_name(self) -> str:
        return self.document.get(("organisations", self.current(), "name"), "")

    def current(self) -> int:
        return max(self.list.currentRow(), 0)

    def refresh(self) -> None:
        orgs = self.organisations()
        row = self.current()
        self.list.blockSignals(True)
        if self.list.count() != len(orgs):
            self.list.clear()
            for _ in orgs:
                self.list.addItem(QListWidgetItem())
        for i, org in enumerate(orgs):
            self.list.item(i).setText(org.get("name") or org["id"])
            self.list.item(i).setToolTip(f"Id: {org['id']}")
        self.list.setCurrentRow(min(row, len(orgs) - 1))
        self.list.blockSignals(False)
        self.remove_button.setEnabled(len(orgs) > 1)
        if self.fields[0].path[1] != self.current():
            self._select(self.current())
        else:
            self._show_members(self.current())

    def _select(self, row: int) -> None:
        if row < 0:
            return
        for field in self.fields:
            field.set_path(("organisations", row, field.path[-1]))
        self.loans.set_list_path(("organisations", row, "loans"))
        self.plan.set_organisation(row)
        self.legal.set_organisation(row)
        self._show_members(row)

    # --- a cost sharing group's members ---------------------------------------------------------
    def _show_members(self, row: int) -> None:
        """Members in place of loans when the organisation is a cost sharing group."""
        orgs = self.organisations()
        if not 0 <= row < len(orgs):
            return
        org = orgs[row]
        group = org.get("kind") == "cost_sharing_group"
        self.members.setVisible(group)
        self.loans_box.setVisible(not group)
        self.pages.setTabEnabled(1, not group)        # a group has no business plan of its own
        if not group:
            return
        partners = [o for o in orgs if o.get("kind") != "cost_sharing_group"]
        ticked = set(org.get("members") or [])
        if [b.property("org_id") for b in self.member_boxes] != [p["id"] for p in partners]:
            for box in self.member_boxes:
                self.members_layout.removeWidget(box)
                box.deleteLater()
            self.member_boxes = []
            for k, partner in enumerate(partners):
                box = QCheckBox(self.members)
                box.setProperty("org_id", partner["id"])
                box.toggled.connect(lambda on, pid=partner["id"]: self.set_member(pid, on))
                self.members_layout.insertWidget(1 + k, box)
                self.member_boxes.append(box)
        for box, partner in zip(self.member_boxes, partners):
            name = partner.get("name") or partner["id"]
            box.setText(name)
            box.setAccessibleName(name)
            box.blockSignals(True)
            box.setChecked(partner["id"] in ticked)
            box.blockSignals(False)

    def set_member(self, partner_id: str, member: bool) -> list:
        """Tick or untick a partner as a member of the selected cost sharing group."""
        row = self.current()
        group = self._org_name()
        partner = next((o.get("name") or o["id"] for o in self.organisations()
                        if o["id"] == partner_id), partner_id)

        def mutate(data: dict) -> None:
            members = list(data["organisations"][row].get("members") or [])
            if member and partner_id not in members:
                members.append(partner_id)
            if not member and partner_id in members:
                members.remove(partner_id)
            data["organisations"][row]["members"] = members

        problems = self.document.edit(
            f"{'add' if member else 'remove'} {partner} as a member of {group}", mutate)
        self.members_error.show_problems(problems)
        if problems:
            self._show_members(row)
        return problems

    def add_cost_sharing_group(self) -> list:
        orgs = self.organisations()
        partners = [o for o in orgs if o.get("kind") != "cost_sharing_group"]
        group = {"id": unique_id("cost-sharing-group", {o["id"] for o in orgs}),
                 "name": "Cost sharing group", "kind": "cost_sharing_group",
                 "members": [p["id"] for p in partners[:2]], "vat_recovery_rate": 0.0,
                 "loans": []}
        if partners and partners[0].get("jurisdiction"):
            group["jurisdiction"] = partners[0]["jurisdiction"]
        problems = self.document.edit("add a cost sharing group",
                                      lambda data: data["organisations"].append(group))
        self.list_error.show_problems(problems)
        if not problems:
            self.list.setCurrentRow(len(orgs))
            self.name.editor.setFocus(Qt.OtherFocusReason)
            self.name.editor.selectAll()
        return problems

    # --- editing ----------------------------------------------------------------------------
    def add_organisation(self) -> None:
        orgs = self.organisations()
        problems = self.document.edit("add an organisation", edits.add_organisation)
        self.list_error.show_problems(problems)
        if not problems:
            self.list.setCurrentRow(len(orgs))
            self.name.editor.setFocus(Qt.OtherFocusReason)
            self.name.editor.selectAll()

    def remove_organisation(self) -> None:
        row, name = self.current(), self._org_name()
        problems = self.document.edit(f"remove {name}",
                                      lambda data: data["organisations"].pop(row))
        self.list_error.show_problems(problems)

    def add_new_loan(self) -> None:
        taken = {loan["id"] for org in self.organisations() for loan in org.get("loans", [])}
        org_id = self.document.get(("organisations", self.current(), "id"), "org")
        loan = {"id": unique_id(f"{org_id}-loan", taken), "lender": "New lender",
                "balance": 0.0, "margin_bps": 0.0, "remaining_years": 10}
        self.loans.append(loan, f"add a loan to {self._org_name()}")
