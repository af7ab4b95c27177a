"""Open points that could stop an option (deal-terms.md D6), and the results' ``deal`` object.

The gate lists, in order: governance items marked deal-breakers and not agreed; lender consents
refused, or needed (or not known) and not yet granted; due diligence findings of severity 4 or 5
still open; critical route steps (flagged in the table, or on the critical path) not done. "None recorded" is said only when all four lists are
empty *and* the option records its governance, its lenders' positions and its route; otherwise
the option is "Not yet assessed", with what is missing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .facts import STRUCTURAL
from .governance import GOVERNED_FORMS, is_deal_breaker, label
from .lenders import ConsentRow, consents
from .models import Finding
from .route import Route, RouteStep, generate, partners
from .words import CONSENT_STATUS, STEP_STATUS, consent_words, step_title

SEVERE = 4


@dataclass
class Gate:
    kind: str           # governance | lender | due_diligence | route
    ref: str
    text: str
    status: str
    owner: str = ""
    whose: str = ""          # the partner's name, or "" for the partners together

    def to_json(self) -> dict:
        return {"kind": self.kind, "ref": self.ref, "text": self.text, "status": self.status,
                "owner": self.owner}


@dataclass
class Deal:
    route: Route
    consents: list[ConsentRow]
    findings: list[tuple[int, Finding]]         # (index in due_diligence, finding)
    gates: list[Gate] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)   # what keeps it "Not yet assessed"
    cannot_proceed: list[str] = field(default_factory=list)   # deal-breakers not agreed

    @property
    def assessed(self) -> bool:
        return not self.missing

    @property
    def verdict(self) -> str:
        if not self.assessed:
            return "Not yet assessed"
        return "None recorded" if not self.gates else f"{len(self.gates)} open"

    def to_json(self) -> dict:
        return {"route": [s.to_json() for s in self.route.steps],
                "completion_weeks": (list(self.route.completion_weeks)
                                     if self.route.completion_weeks else None),
                "gates": [g.to_json() for g in self.gates], "assessed": self.assessed,
                "missing": list(self.missing)}


def findings_for(case, option) -> list[tuple[int, Finding]]:
    """Findings about this option: named for it, or (no option) about a partner taking part."""
    ids = {o.id for o in partners(case, option)}
    out = []
    for i, f in enumerate(case.due_diligence):
        if f.option is not None:
            if f.option == option.id:
                out.append((i, f))
        elif not option.baseline and (f.organisation in ids if f.organisation else True):
            out.append((i, f))          # the baseline is no deal: nothing to find
    return out


def deal_of(case, option) -> Deal:
    names = {o.id: o.name for o in case.organisations}
    i = case.options.index(option)
    deal = Deal(generate(case, option), consents(case, option), findings_for(case, option))
    g = option.governance
    for j, item in enumerate(g.items if g else []):
        if is_deal_breaker(item) and item.status in ("open", "not_agreed"):
            status = "not agreed" if item.status == "not_agreed" else "open"
            deal.gates.append(Gate("governance", f"options[{i}].governance.items[{j}]",
                                   f"{label(item.item)}: {item.proposal or 'no proposal yet'}",
                                   status, item.owner))
            if item.status == "not_agreed":
                deal.cannot_proceed.append(label(item.item))
    for row in deal.consents:
        if row.blocks:
            deal.gates.append(Gate("lender", row.loan, consent_words(row, names),
                                   CONSENT_STATUS[row.status], "",
                                   names.get(row.organisation, "")))
    for k, f in deal.findings:
        if f.severity >= SEVERE and f.status == "open":
            whose = names.get(f.organisation, "joint") if f.organisation else "joint"
            deal.gates.append(Gate("due_diligence", f.id, f"{f.finding} ({whose}, severity "
                                   f"{f.severity})", "open", f.owner,
                                   names.get(f.organisation, "") if f.organisation else ""))
    for s in deal.route.steps:
        if s.applies is True and (s.step.critical or s.on_critical_path) and s.status not in ("done",
                                                                         "not_applicable"):
            deal.gates.append(Gate("route", _route_ref(s), step_title(s, names),
                                   STEP_STATUS[s.status], "", names.get(s.organisation, "")))
    deal.missing = _missing(case, option, deal, names)
    return deal


def _route_ref(s: RouteStep) -> str:
    return f"{s.id}@{s.organisation}" if s.organisation else s.id


def _missing(case, option, deal: Deal, names: dict) -> list[str]:
    out = []
    if option.form in GOVERNED_FORMS and option.governance is None:
        out.append("the governance settlement")
    unknown = [r for r in deal.consents if r.generated]
    if unknown:
        out.append(f"lenders' positions on {len(unknown)} loan" + ("s" if len(unknown) > 1
                                                                   else ""))
    if deal.route.not_known:
        fields = sorted({s.missing for s in deal.route.not_known})
        out.append("for the route: " + ", ".join(_field_words(f) for f in fields))
    has_steps = any(s.applies is True for s in deal.route.steps)
    recorded = any(p.option == option.id for p in case.route_progress)
    if has_steps and option.form in STRUCTURAL and not recorded:
        out.append("progress on the legal route")
    return out


FIELD_WORDS = {"legal_form": "each partner's legal form", "roles": "who transfers to whom "
               "(the option's roles)", "charity_status": "each partner's charity status",
               "jurisdiction": "each partner's jurisdiction", "staff": "each partner's staff"}


def _field_words(name: str) -> str:
    return FIELD_WORDS.get(name, name.replace("_", " "))
