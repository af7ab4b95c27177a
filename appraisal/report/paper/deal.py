"""What must be settled before the figures come true (deal-terms.md D6), in the board paper.

Three pieces, each read from the results' ``deal`` object of an option: page 1's "Open points
that could stop this" for the recommended option; a short section in the body (the governance
settlement, due diligence by area and severity, the lenders, the route with its critical path and
timeline); and an appendix with the registers and the full route, every legal statement with its
source. The paper says plainly that it is not legal advice.
"""
from __future__ import annotations

from ...charts.route import route_timeline
from ...deal.facts import STRUCTURAL
from ...deal.governance import is_deal_breaker, label
from ...deal.notices import uses_deal_terms
from ...deal.words import (CONSENT_STATUS, FINDING_STATUS, INSTRUMENTS, NEEDED, NOT_LEGAL_ADVICE,
                           STEP_STATUS, area, short_step, source_words, weeks_words)
from ...formatting import money_k
from ...results import Results
from . import kit
from .document import BoardPaper

GATE_LINES = 8          # page 1 lists at most this many points besides the route's summary
KINDS = {"governance": "Governance", "lender": "Lender", "due_diligence": "Due diligence"}
ITEM_STATUS = {"agreed": "agreed", "open": "open", "not_agreed": "not agreed",
               "not_applicable": "not applicable"}
TITLE = "What must be settled"
APPENDIX = "Appendix F: Deal registers and the legal route"


def shown(r: Results) -> bool:
    """The case records deal terms, or the recommended option changes the partners' structure."""
    return uses_deal_terms(r.case) or r.case.option(r.recommended).form in STRUCTURAL


def _weeks(span) -> str:
    return f"{span[0]:g} to {span[1]:g} weeks"


def gate(paper: BoardPaper, r: Results) -> None:
    """Page 1: the open points that could stop the recommended option, or what is missing."""
    if not shown(r):
        return
    o = r.option(r.recommended)
    deal = o.deal
    lead = f"<b>Open points that could stop this.</b> For {kit.esc(o.name)}: "
    if deal.verdict == "None recorded":
        paper.markup(lead + "none recorded.")
        return
    points = [g for g in deal.gates if g.kind != "route"]
    route = [g for g in deal.gates if g.kind == "route"]
    sentences = []
    if deal.cannot_proceed:
        sentences.append(f"{', '.join(deal.cannot_proceed)} not agreed: on current terms the "
                         "option cannot proceed.")
    if not deal.assessed:
        sentences.append("Not yet assessed in full: " + "; ".join(deal.missing) + " "
                         "not recorded.")
    if route and deal.route.completion_weeks:
        sentences.append(f"The legal route has {len(route)} critical step"
                         f"{'s' if len(route) != 1 else ''} still to do and takes "
                         f"{_weeks(deal.route.completion_weeks)} from today "
                         f"(under '{TITLE}' in the management case).")
    text = " ".join(sentences) or f"{len(points)} open."
    paper.markup(lead + kit.esc(text[:1].lower() + text[1:]))
    if points:
        rows = [[KINDS[g.kind], kit.short(_without_whose(g), 150), g.whose or "Partners together",
                 g.status, g.owner or "—"] for g in points[:GATE_LINES]]
        paper.table(["Area", "Open point", "Whose", "Status", "Owner"], rows,
                    [1.0, 4.6, 1.6, 1.1, 1.3], compact=True)
        if len(points) > GATE_LINES:
            paper.para(f"… and {len(points) - GATE_LINES} more under '{TITLE}'.", "small")


def _without_whose(g) -> str:
    prefix = f"{g.whose}: "
    return g.text[len(prefix):] if g.whose and g.text.startswith(prefix) else g.text


def section(paper: BoardPaper, r: Results) -> None:
    """The body section: short tables for the recommended option, then one line per other."""
    paper.heading(TITLE, 2)
    if not shown(r):
        paper.para("The recommended option changes no partner's legal structure and the case "
                   "records no deal terms, so there is no governance settlement, lender consent "
                   "or legal route to settle before it can start.")
        return
    case = r.case
    o = r.option(r.recommended)
    option = case.option(o.id)
    names = {org.id: org.name for org in case.organisations}
    paper.para(f"What must be agreed, found and obtained before the figures for {o.name} can "
               "come true. " + NOT_LEGAL_ADVICE)
    paper.heading("Governance settlement", 3)
    g = option.governance
    if g is None or not g.items:
        paper.para("Not recorded: who leads, who chairs and how the board seats fall are the "
                   "usual deal-breakers.", "small")
    else:
        paper.table(["Item", "Proposal", "Status", "Deal-breaker", "Owner"],
                    [[label(i.item), i.proposal or "—", ITEM_STATUS[i.status],
                      "yes" if is_deal_breaker(i) else "no", i.owner or "—"] for i in g.items],
                    [1.5, 5.0, 1.0, 1.0, 1.4], compact=True)
        if g.board is not None and g.board.size is not None:
            b = g.board
            seats = ", ".join(f"{names.get(s.organisation, s.organisation)} {s.seats}"
                              for s in b.seats)
            paper.para(f"Board of {b.size}: {seats}; {b.independent} independent and "
                       f"{b.resident} resident members.", "small")
    paper.heading("Due diligence", 3)
    _findings_summary(paper, o.deal.findings)
    paper.heading("Lenders", 3)
    _lenders(paper, o, names)
    paper.heading("The legal and regulatory route", 3)
    _route(paper, o.deal, names)
    others = [x for x in r.options if x.id != o.id and x.deal is not None
              and case.option(x.id).form in STRUCTURAL]
    if others:
        paper.bullets([f"{x.name}: {_verdict_words(x.deal)}" for x in others])


def _verdict_words(deal) -> str:
    if deal.verdict == "None recorded":
        return "no open point recorded."
    text = f"{len(deal.gates)} open point{'s' if len(deal.gates) != 1 else ''}"
    if deal.cannot_proceed:
        text += f"; {', '.join(deal.cannot_proceed)} not agreed, so it cannot proceed on current "\
            "terms"
    if not deal.assessed:
        text += "; not yet assessed: " + "; ".join(deal.missing)
    if deal.route.completion_weeks:
        text += f"; the route takes {_weeks(deal.route.completion_weeks)}"
    return text + "."


def _findings_summary(paper: BoardPaper, findings) -> None:
    if not findings:
        paper.para("No finding recorded for this option.", "small")
        return
    by_area: dict[str, list] = {}
    for _, f in findings:
        by_area.setdefault(area(f.area), []).append(f)
    rows = [[name, str(len(fs)), str(max(f.severity for f in fs)),
             str(sum(f.status == "open" for f in fs))] for name, fs in by_area.items()]
    paper.table(["Area", "Findings", "Highest severity (1–5)", "Open"], rows,
                [3.0, 1.0, 1.6, 1.0], numeric={1, 2, 3}, compact=True)


def _lenders(paper: BoardPaper, o, names: dict) -> None:
    rows = []
    lines = {line.ref: line for line in o.lines}
    for c in o.deal.consents:
        cost = "—"
        if c.cost_line in lines:
            line = lines[c.cost_line]
            cost = f"{line.label} ({money_k(line.pv)})"
        needed = "not recorded" if c.generated else NEEDED[c.consent_needed]
        rows.append([names.get(c.organisation, c.organisation), c.lender or "—",
                     INSTRUMENTS.get(c.instrument, "other"), needed,
                     ", ".join(t.replace("_", " ") for t in c.triggers) or "—",
                     CONSENT_STATUS[c.status], cost])
    if not rows:
        paper.para("No loan of a partner taking part.", "small")
        return
    paper.table(["Partner", "Lender", "Instrument", "Consent", "Triggers", "Status",
                 "Cost in the appraisal (PV, £k)"], rows, [1.5, 1.6, 1.2, 1.2, 1.6, 1.1, 1.6],
                compact=True)


def _route(paper: BoardPaper, deal, names: dict) -> None:
    steps = [s for s in deal.route.steps if s.applies is True]
    unknown = deal.route.not_known
    if not steps and not unknown:
        paper.para("No legal or regulatory step applies to this option.", "small")
        return
    if deal.route.completion_weeks:
        path = [short_step(s.id) for s in steps if s.on_critical_path]
        paper.para(f"{len(steps)} steps apply. With every remaining step at its shortest lead "
                   f"time the route is complete in {deal.route.completion_weeks[0]:g} weeks, at "
                   f"its longest in {deal.route.completion_weeks[1]:g}. The critical path runs: "
                   + " → ".join(path) + ". Lead times that are defaults print as to be "
                   "confirmed by advisers in the appendix.")
        paper.chart(route_timeline(deal.route, names))
    if unknown:
        paper.para(f"{len(unknown)} steps cannot be decided until the case records "
                   + ", ".join(sorted({s.missing.replace('_', ' ') for s in unknown}))
                   + ": they are listed as not known, never guessed.", "small")


def appendix(paper: BoardPaper, r: Results) -> None:
    """The registers and the full route of the recommended option, each step with its source."""
    paper.heading(APPENDIX)
    paper.para(NOT_LEGAL_ADVICE)
    if not shown(r):
        paper.para("The case records no deal terms.", "small")
        return
    case = r.case
    o = r.option(r.recommended)
    names = {org.id: org.name for org in case.organisations}
    paper.heading("Due diligence register", 3)
    if case.due_diligence:
        paper.table(["Ref", "Area", "Whose", "Finding", "Severity", "Status", "Priced or "
                     "registered", "Owner"],
                    [[f.id, area(f.area), names.get(f.organisation or "", "Joint"), f.finding,
                      str(f.severity), FINDING_STATUS[f.status], _link(f, r), f.owner or "—"]
                     for f in case.due_diligence],
                    [0.6, 1.2, 1.3, 4.0, 0.7, 0.8, 1.5, 1.3], compact=True)
    else:
        paper.para("No finding recorded.", "small")
    paper.heading(f"The legal route for {o.name}", 3)
    rows = [[kit.short(s.step.text, 220), names.get(s.organisation, "Once for the option")
             if s.organisation else "Once for the option",
             "not known" if s.applies == "not_known" else weeks_words(s),
             "not known" if s.applies == "not_known" else STEP_STATUS[s.status]
             + (" (critical path)" if s.on_critical_path else ""),
             source_words(s.step)] for s in o.deal.route.steps]
    if rows:
        paper.table(["Step", "Whose", "Lead time", "Status", "Source"], rows,
                    [3.6, 1.3, 1.4, 1.1, 3.2], compact=True)
    else:
        paper.para("No step applies.", "small")


def _link(f, r: Results) -> str:
    """Where a finding's cost or risk is: the money line's label and PV, or the risk."""
    if f.cost_line is not None:
        o = r.option(f.cost_line.option)
        line = next((x for x in o.lines if x.ref == f.cost_line.ref), None)
        what = f"{line.label} ({money_k(line.pv)})" if line else "a money line"
        return f"{o.name}: {what}"
    if f.risk is not None:
        risk = next((x for x in r.case.risks if x.id == f.risk), None)
        return "Risk: " + (kit.short(risk.risk, 80) if risk else "registered")
    return "neither"
