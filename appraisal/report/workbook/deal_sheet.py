"""The Deal sheet (deal-terms.md D6): what must be settled, as read-only tables of values.

Governance items, the due diligence register, lender consents and the route's steps with their
weeks and critical flags, written as values from the results' ``deal`` objects (not formulas:
these are records, not calculations). A finding or consent linked to a money line shows the
line's ref and its present value by formula from the option sheet, so that its cost can be traced
to the NPV. The number of open points that could stop the recommended option feeds the Checks
sheet as a flag, never as a pass mark.
"""
from __future__ import annotations

import re

from ...deal.governance import is_deal_breaker, label
from ...deal.words import (CONSENT_STATUS, FINDING_STATUS, INSTRUMENTS, NEEDED, NOT_LEGAL_ADVICE,
                           STEP_STATUS, area, short_step, source_words)
from ...results import Results
from .cells import on, ref
from .styles import MONEY, WEEKS, WHOLE

SHEET = "Deal"
ITEM_STATUS = {"agreed": "agreed", "open": "open", "not_agreed": "not agreed",
               "not_applicable": "not applicable"}
_CELL = re.compile(r"^(?P<sheet>.*)!\$?(?P<col>[A-Z]+)\$?(?P<row>\d+)")


def _pv_cell(option_map, line_ref: str) -> str | None:
    """The option sheet's present value cell of one line, from the map's label cell and PV range."""
    cells = option_map.lines.get(line_ref)
    if cells is None:
        return None
    label, pv = _CELL.match(cells.label), _CELL.match(option_map.pv_range)
    if not label or not pv:
        return None
    return f"{pv['sheet']}!${pv['col']}${label['row']}"


def _header(ws, r: int, names: list[str]) -> int:
    for c, name in enumerate(names, start=1):
        ws.text(r, c, name, "Header")
    return r + 1


def write_deal(ws, results: Results, option_maps) -> str:
    """Write the sheet; returns the address of the recommended option's open-point count."""
    case = results.case
    names = {o.id: o.name for o in case.organisations}
    maps = {o.id: m for o, m in zip(results.options, option_maps)}
    lines = {(o.id, line.ref): line.pv for o in results.options for line in o.lines}
    ws.text(1, 1, "Deal terms: what must be settled before the figures come true", "Title")
    ws.text(2, 1, "Records, written as values; linked costs are traced to the option sheets by "
            "formula. " + NOT_LEGAL_ADVICE, "Note")
    r = 4
    ws.text(r, 1, "Open points that could stop each option", "Section")
    r = _header(ws, r + 1, ["Option", "Verdict", "Open points", "Not yet recorded"])
    count = ""
    for o in results.options:
        ws.text(r, 1, o.name + (" (recommended)" if o.id == results.recommended else ""))
        ws.text(r, 2, o.deal.verdict)
        ws.value(r, 3, len(o.deal.gates), "Engine", WHOLE)
        ws.text(r, 4, "; ".join(o.deal.missing) or "—", "Wrap")
        if o.id == results.recommended:
            count = on(SHEET, ref(r, 3))
        r += 1
    r += 1
    ws.text(r, 1, "Governance settlement", "Section")
    r = _header(ws, r + 1, ["Option", "Item", "Proposal", "Status", "Deal-breaker", "Owner"])
    for o in results.options:
        g = case.option(o.id).governance
        for item in (g.items if g else []):
            for c, v in enumerate([o.name, label(item.item), item.proposal, ITEM_STATUS[
                    item.status], "yes" if is_deal_breaker(item) else "no", item.owner],
                    start=1):
                ws.text(r, c, v, "Wrap" if c == 3 else "Label")
            r += 1
    r += 1
    ws.text(r, 1, "Due diligence register", "Section")
    r = _header(ws, r + 1, ["Ref", "Area", "Whose", "Finding", "Severity (1–5)", "Status",
                            "Option", "Cost line", "Its present value", "Risk", "Owner"])
    for f in case.due_diligence:
        ws.text(r, 1, f.id)
        ws.text(r, 2, area(f.area))
        ws.text(r, 3, names.get(f.organisation, "Joint") if f.organisation else "Joint")
        ws.text(r, 4, f.finding, "Wrap")
        ws.value(r, 5, f.severity, "Engine", WHOLE)
        ws.text(r, 6, FINDING_STATUS[f.status])
        ws.text(r, 7, case.option(f.option).name if f.option else "Every option")
        if f.cost_line is not None:
            ws.text(r, 8, f"{case.option(f.cost_line.option).name}: {f.cost_line.ref}")
            _pv(ws, r, 9, maps.get(f.cost_line.option), f.cost_line.ref,
                lines.get((f.cost_line.option, f.cost_line.ref)))
        ws.text(r, 10, f.risk or "—")
        ws.text(r, 11, f.owner)
        r += 1
    r += 1
    ws.text(r, 1, "Lender consents (a loan not recorded for a structural option is listed as "
            "not recorded)", "Section")
    r = _header(ws, r + 1, ["Option", "Partner", "Lender", "Instrument", "Consent", "Triggers",
                            "Status", "Cost line", "Its present value"])
    for o in results.options:
        for c in o.deal.consents:
            values = [o.name, names.get(c.organisation, c.organisation), c.lender,
                      INSTRUMENTS.get(c.instrument, "other"),
                      "not recorded" if c.generated else NEEDED[c.consent_needed],
                      ", ".join(t.replace("_", " ") for t in c.triggers),
                      CONSENT_STATUS[c.status], c.cost_line or "—"]
            for k, v in enumerate(values, start=1):
                ws.text(r, k, v)
            if c.cost_line:
                _pv(ws, r, 9, maps[o.id], c.cost_line, lines.get((o.id, c.cost_line)))
            r += 1
    r += 1
    ws.text(r, 1, "The legal and regulatory route", "Section")
    r = _header(ws, r + 1, ["Option", "Step", "Whose", "Applies", "Status", "Weeks (low)",
                            "Weeks (high)", "Potentially critical", "On the critical path",
                            "Source"])
    for o in results.options:
        for s in o.deal.route.steps:
            known = s.applies is True
            values = [o.name, short_step(s.id), names.get(s.organisation, "Once for the option")
                      if s.organisation else "Once for the option",
                      "yes" if known else "not known", STEP_STATUS[s.status]]
            for k, v in enumerate(values, start=1):
                ws.text(r, k, v)
            ws.value(r, 6, s.weeks[0], "Engine", WEEKS)
            ws.value(r, 7, s.weeks[1], "Engine", WEEKS)
            ws.text(r, 8, "yes" if s.step.critical else "no")
            ws.text(r, 9, "yes" if s.on_critical_path else "no")
            ws.text(r, 10, source_words(s.step), "Wrap")
            r += 1
    for c, w in {1: 30, 2: 26, 3: 40, 4: 44, 5: 14, 6: 18, 7: 16, 8: 24, 9: 16, 10: 50,
                 11: 22}.items():
        ws.width(c, w)
    return count


def _pv(ws, r: int, c: int, option_map, line_ref: str, value: float | None) -> None:
    cell = _pv_cell(option_map, line_ref) if option_map is not None else None
    if cell is None:
        ws.text(r, c, "—")
    else:
        ws.formula(r, c, f"={cell}", value if value is not None else 0.0, "Link", MONEY)
