"""The options on the continuum, and the strategic case (drivers and readiness)."""
from __future__ import annotations

from collections import Counter

from ... import charts
from ...continuum import SUBTYPES, form
from ...formatting import money_k, score
from ...results import OptionResult, Results
from . import kit
from .document import BoardPaper
from .routes import legal_route

STATUS_NAMES = {"done": "Done", "in_progress": "In progress", "not_started": "Not started",
                "not_applicable": "Not applicable"}


def continuum(paper: BoardPaper, r: Results) -> None:
    paper.heading("The options on the continuum", 2)
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
    staged = staged_path_text(r)
    if staged:
        paper.heading("A staged path: group now, merger later", 3)
        paper.para(staged)


def forms_appendix(paper: BoardPaper, r: Results) -> None:
    """What each option's form means, in full (the strategic case keeps the one-line table)."""
    paper.heading("The options in full", 2)
    for o in r.case.options:
        f = form(o.form)
        paper.markup(f"<b>{kit.esc(o.name)}</b> — {kit.esc(f.name)}"
                     + (" (the baseline)" if o.baseline else ""))
        paper.para(f.definition + (" " + SUBTYPES[o.subtype] if o.subtype else ""), "small")
        route = legal_route(r.case, o)
        if route:
            paper.para(route, "small")


MERGER_FORMS = ("merger", "transfer_of_engagements")


def _best(options: list[OptionResult]) -> OptionResult | None:
    """The option with the best weighted-score rank (the first in the case's order if tied)."""
    ranked = [(o.rank, k, o) for k, o in enumerate(options) if o.rank is not None]
    return min(ranked)[2] if ranked else None


def staged_path_text(r: Results) -> str | None:
    """What forming a group first and merging later would mean, when the case has both.

    Compares the best-ranked group structure with the best-ranked merger (or transfer of
    engagements) on two Results figures each, NPV against the baseline and weighted score;
    the only arithmetic is the difference of the two NPVs. None when either form is missing.
    """
    group = _best([o for o in r.options if o.form == "group_structure"])
    merger = _best([o for o in r.options if o.form in MERGER_FORMS])
    if group is None or merger is None:
        return None
    later = "merger" if merger.form == "merger" else "a transfer of engagements"
    the_later = "the merger" if merger.form == "merger" else "the transfer"
    gap = merger.npv_vs_baseline - group.npv_vs_baseline
    if abs(gap) < 500:
        money = "the two have much the same NPV against the baseline"
    elif gap > 0:
        money = (f"{the_later} is worth {money_k(gap)} more in NPV against the baseline "
                 f"({money_k(merger.npv_vs_baseline)} against {money_k(group.npv_vs_baseline)}"
                 f"), which is about what the board would give up by stopping at the group, "
                 f"and would partly put off by taking {later} later")
    else:
        money = (f"the group is worth {money_k(-gap)} more in NPV against the baseline "
                 f"({money_k(group.npv_vs_baseline)} against {money_k(merger.npv_vs_baseline)}"
                 f"), so on these figures going on to {later} would add nothing in money")
    if group.weighted_score is None or merger.weighted_score is None:
        scores = "the scores on the board's criteria are not complete yet"
    elif group.weighted_score > merger.weighted_score:
        scores = (f"the group scores higher on the board's criteria ({score(group.weighted_score)}"
                  f" against {score(merger.weighted_score)})")
    elif group.weighted_score < merger.weighted_score:
        scores = (f"{the_later} scores higher on the board's criteria "
                  f"({score(merger.weighted_score)} against {score(group.weighted_score)})")
    else:
        scores = f"both score {score(group.weighted_score)} on the board's criteria"
    return (
        f"The short list holds both a group ({group.name}) and "
        f"{'a merger' if merger.form == 'merger' else later} ({merger.name}). "
        f"Groups are often a staging post on the way to merger, though some are later "
        f"unwound. Here {money}; {scores}. Forming the group first would let the partners "
        f"build trust and test the savings before deciding on {later}, and keeps a way back "
        f"that {later} closes. This paper appraises each option as a decision taken now: it "
        f"does not model a group followed by {later}, whose extra savings would start later "
        f"and whose one-off costs (legal work, loan re-pricing, restructuring, any pension "
        f"exit) would fall later, some of them a second time. If the board chooses the group, "
        f"it should agree now what evidence, such as savings delivered and trust built, would "
        f"bring {later} back to the table, and when.")


def strategic_case(paper: BoardPaper, r: Results) -> None:
    paper.heading("What drives each option", 2)
    paper.para("In the words of the case's authors:")
    for o in r.case.options:
        text = o.description.strip() or "The case gives no description of this option."
        paper.markup(f"<b>{kit.esc(kit.short(o.name, 200))}.</b> {kit.esc(text)}")


def readiness(paper: BoardPaper, r: Results, *, table: bool = True) -> None:
    """The readiness checklist: its counts, and the full table unless ``table`` is False (the
    management case lists the open items as its action plan, the appendix every item)."""
    paper.heading("Readiness checklist", 2)
    items = r.case.readiness
    if not items:
        paper.para("The case records no readiness checklist. Before a decision the board should "
                   "see at least: lenders' view of the change, the VAT treatment of any shared "
                   "service, TUPE implications, and how tenants and service users were "
                   "consulted.")
        return
    counts: Counter[str] = Counter(i.status for i in items)
    paper.para("Status of each item (a status and a note, not a score): " + ", ".join(
        f"{counts[s]} {STATUS_NAMES[s].lower()}" for s in STATUS_NAMES if counts[s]) + ".")
    if not table:
        return
    paper.table(["Item", "Status", "Note"],
                [[i.item, STATUS_NAMES[i.status], i.note] for i in items], [4, 1.3, 4.5])
