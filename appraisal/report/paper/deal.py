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
    """The body section: a few sentences for the recommended option (its registers and route in
    Appendix F), then one line for each other option that changes the partners' structure."""
    paper.heading(TITLE, 2)
    if not shown(r):
        paper.para("The recommended option changes no partner's legal structure and the case "
                   "records no deal terms, so there is no governance settlement, lender consent "
                   "or legal route to settle before it can start.")
        return
    case = r.case
    o = r.option(r.recommended)
    names = {org.id: org.name for org in case.organisations}
    paper.para(f"What must be agreed, found and obtained before the figures for {o.name} can "
               f"come true, in brief; {APPENDIX.split(':')[0]} gives the registers and every "
               "step of the route. " + NOT_LEGAL_ADVICE)
    paper.bullets([_governance_words(case.option(o.id).governance, names),
                   _findings_words(o.deal.findings), _lenders_words(o.deal.consents),
                   _route_words(o.deal)])
    others = [x for x in r.options if x.id != o.id and x.deal is not None
              and case.option(x.id).form in STRUCTURAL]
    if others:
        paper.para("The other options that change the partners' structure:", "small")
        paper.bullets([f"{x.name}: {_verdict_words(x.deal)}" for x in others])


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def _governance_words(g, names: dict) -> str:
    """'Governance settlement: 9 items, 3 agreed and 5 open; deal-breakers not yet agreed: …'"""
    if g is None or not g.items:
        return ("Governance settlement: not recorded; who leads, who chairs and how the board "
                "seats fall are the usual deal-breakers.")
    counts = {ITEM_STATUS[k]: sum(i.status == k for i in g.items) for k in ITEM_STATUS}
    text = f"Governance settlement: {_plural(len(g.items), 'item')}, " + ", ".join(
        f"{n} {word}" for word, n in counts.items() if n) + "."
    pending = [label(i.item) for i in g.items
               if is_deal_breaker(i) and i.status in ("open", "not_agreed")]
    if pending:
        text += " Deal-breakers not yet agreed: " + ", ".join(pending) + "."
    if g.board is not None and g.board.size is not None:
        b = g.board
        seats = ", ".join(f"{names.get(s.organisation, s.organisation)} {s.seats}"
                          for s in b.seats)
        text += (f" Board of {b.size}: {seats}; {b.independent} independent and {b.resident} "
                 "resident members.")
    return text


def _findings_words(findings) -> str:
    if not findings:
        return "Due diligence: no finding recorded for this option."
    found = [f for _, f in findings]
    worst = max(found, key=lambda f: f.severity)
    areas = {area(f.area) for f in found}
    still = sum(f.status == "open" for f in found)
    return (f"Due diligence: {_plural(len(found), 'finding')} in {_plural(len(areas), 'area')}, "
            f"the most severe {worst.severity} of 5 ({area(worst.area).lower()}); "
            f"{still} still open.")


def _lenders_words(consents) -> str:
    if not consents:
        return "Lenders: no loan of a partner taking part."
    by_need: dict[str, list[str]] = {}
    for c in consents:
        need = "not recorded" if c.generated else NEEDED[c.consent_needed]
        by_need.setdefault(need, []).append(f"{c.lender or 'a lender'} "
                                            f"({CONSENT_STATUS[c.status]})")
    return (f"Lenders: {_plural(len(consents), 'loan')} of the partners; "
            + "; ".join(f"{need}: {', '.join(who)}" for need, who in by_need.items()) + ".")


def _route_words(deal) -> str:
    steps = [s for s in deal.route.steps if s.applies is True]
    unknown = deal.route.not_known
    if not steps and not unknown:
        return "The legal and regulatory route: no step applies to this option."
    text = f"The legal and regulatory route: {_plural(len(steps), 'step')} apply"
    if deal.route.completion_weeks:
        low, high = deal.route.completion_weeks
        path = [short_step(s.id) for s in steps if s.on_critical_path]
        text += (f", complete in {low:g} to {high:g} weeks from today (every remaining step at "
                 "its shortest and longest lead time); the critical path runs "
                 + " → ".join(path))
    text += "."
    if unknown:
        text += (f" {_plural(len(unknown), 'step')} cannot be decided until the case records "
                 + ", ".join(sorted({s.missing.replace('_', ' ') for s in unknown}))
                 + ": listed as not known, never guessed.")
    return text


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


def _governance_table(paper: BoardPaper, g, names: dict) -> None:
    if g is None or not g.items:
        paper.para("Not recorded: who leads, who chairs and how the board seats fall are the "
                   "usual deal-breakers.", "small")
        return
    paper.table(["Item", "Proposal", "Status", "Deal-breaker", "Owner"],
                [[label(i.item), i.proposal or "—", ITEM_STATUS[i.status],
                  "yes" if is_deal_breaker(i) else "no", i.owner or "—"] for i in g.items],
                [1.5, 5.0, 1.0, 1.0, 1.4], compact=True)


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
    option = case.option(o.id)
    paper.heading(f"Governance settlement for {o.name}", 3)
    _governance_table(paper, option.governance, names)
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
    paper.heading(f"Lenders' consents for {o.name}", 3)
    _lenders(paper, o, names)
    paper.heading(f"The legal route for {o.name}", 3)
    if o.deal.route.completion_weeks:
        paper.chart(route_timeline(o.deal.route, names), caption=(
            "Each step from today at its shortest and longest lead time; the critical path is "
            "marked. Lead times that are defaults are to be confirmed by advisers."))
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
