"""The options on the continuum, and the strategic case (drivers and readiness)."""
from __future__ import annotations

from collections import Counter

from ... import charts
from ...continuum import SUBTYPES, form
from ...results import Results
from . import kit
from .document import BoardPaper

STATUS_NAMES = {"done": "Done", "in_progress": "In progress", "not_started": "Not started",
                "not_applicable": "Not applicable"}


def continuum(paper: BoardPaper, r: Results) -> None:
    paper.heading("The options on the continuum")
    paper.para(
        "Partnership forms run from full independence to one body. Each step along the line "
        "trades some of each partner's autonomy for scale and efficiency. The diagram places "
        "every option on its form; the recommended option is in blue.")
    paper.chart(charts.continuum_map(r))
    rows = []
    for o in r.case.options:
        f = form(o.form)
        kind = f.name + (f" ({o.subtype.replace('_', ' ')})" if o.subtype else "")
        rows.append([kit.short(o.name, 120), kind, f.keeps, f.gives_up])
    paper.table(["Option", "Form", "What the partners keep", "What they give up"], rows,
                [3, 2, 3, 3])
    paper.heading("The options in full", 2)
    for o in r.case.options:
        f = form(o.form)
        paper.markup(f"<b>{kit.esc(o.name)}</b> — {kit.esc(f.name)}"
                     + (" (the baseline)" if o.baseline else ""))
        paper.para(f.definition + (" " + SUBTYPES[o.subtype] if o.subtype else ""), "small")


def strategic_case(paper: BoardPaper, r: Results) -> None:
    paper.heading("Strategic case")
    paper.para("What drives each option, in the words of the case's authors:")
    for o in r.case.options:
        text = o.description.strip() or "The case gives no description of this option."
        paper.markup(f"<b>{kit.esc(kit.short(o.name, 200))}.</b> {kit.esc(text)}")
    paper.heading("Readiness checklist", 2)
    items = r.case.readiness
    if not items:
        paper.para("The case records no readiness checklist. Before a decision the board should "
                   "see at least: lenders' view of the change, the VAT treatment of any shared "
                   "service, TUPE implications, and how tenants and service users were "
                   "consulted.")
        return
    counts = Counter(i.status for i in items)
    paper.para("Status of each item (a status and a note, not a score): " + ", ".join(
        f"{counts[s]} {STATUS_NAMES[s].lower()}" for s in STATUS_NAMES if counts[s]) + ".")
    paper.table(["Item", "Status", "Note"],
                [[i.item, STATUS_NAMES[i.status], i.note] for i in items], [4, 1.3, 4.5])
