"""Page 1 and the decision parts of page 2: the cover's one status, the paper's reference,
sponsor and marking, the resolution the board is asked to pass, the basis of every figure and
the warnings that bear on the decision (each one sentence, worded by :mod:`appraisal.wording`).
"""
from __future__ import annotations

from datetime import date

from ...formatting import money_k
from ...horizon_words import basis_line
from ...results import OptionResult, Results
from ...wording import warning_text
from . import kit
from .document import BoardPaper

STATUS_WORDS = {"decision": "For decision", "discussion": "For discussion"}
# Warnings that should change what the board decides, printed on page 2 (the rest are in the
# appendix). Covenant breaches have their own sentences in "Can we afford it?".
DECISION_KINDS = ("pension_strain_missing", "vat_group_without_control", "late_savings",
                  "ahp_inconsistent", "no_weight", "weights_drift")


def status(r: Results) -> str:
    """'For decision' or 'For discussion': the one status the paper carries, from the case."""
    if not r.scored:
        return "Draft: not yet scored"       # nothing can be decided until it is
    details = r.case.paper
    return STATUS_WORDS[details.status if details is not None else "decision"]


def marking(r: Results) -> str:
    """The confidentiality marking, or '' for none."""
    return r.case.paper.confidentiality.strip() if r.case.paper is not None else ""


def cover(paper: BoardPaper, r: Results) -> None:
    case, details = r.case, r.case.paper
    paper.footer = " · ".join(x for x in (status(r), marking(r)) if x)
    paper.space(50)
    if marking(r):
        paper.markup(f"<b>{kit.esc(marking(r))}</b>", "cover")
    paper.para(case.title, "title")
    paper.markup(f"<b>{status(r)}</b>", "status")
    rows = [("Partner organisations", "; ".join(o.name for o in case.organisations))]
    if details is not None and details.reference.strip():
        rows.append(("Paper reference", details.reference))
    if details is not None and details.sponsor.strip():
        rows.append(("Sponsor", details.sponsor))
    if case.prepared_by:
        rows.append(("Prepared by", case.prepared_by))
    rows.append(("Date", _long_date(case.date or date.today().isoformat())))
    for label, value in rows:
        paper.markup(f"<b>{label}:</b> {kit.esc(value)}", "cover")
    paper.space(24)
    paper.para("Contents", "h2")
    paper.contents()
    paper.new_page("body")


def resolution(r: Results) -> tuple[str, bool]:
    """The resolution the board is asked to pass and whether it is the paper's own draft."""
    details = r.case.paper
    if details is not None and details.resolution.strip():
        return details.resolution.strip(), False
    if not r.scored:                # nothing can be recommended until every option is scored
        return (f"That the board notes the appraisal of the {len(r.options)} options so far; a "
                "recommendation follows once every option is scored.", True)
    rec = r.option(r.recommended)
    if status(r) == "For discussion":
        text = (f"That the board notes the appraisal of the {len(r.options)} options and "
                f"gives its view on {rec.name} as the preferred option before a decision is "
                "sought.")
    elif rec.baseline:
        text = (f"That the board remains as it is ({rec.name}) and reviews the options again "
                "when circumstances change.")
    else:
        text = (f"That the board approves {rec.name} as its preferred option, authorises the "
                "next steps set out in the implementation section, and asks for a further "
                "report before any binding commitment is made.")
    return text, True


def resolution_markup(r: Results) -> str:
    text, draft = resolution(r)
    label = "Draft resolution (to be confirmed by the authors)" if draft else "Resolution"
    return f"<b>{label}.</b> {kit.esc(text)}"


def basis_markup(r: Results) -> str:
    """The basis line with optimism bias (case inputs, as the model applies them)."""
    bias = r.case.settings.optimism_bias
    parts = ([f"one-off costs raised by {_pc(bias.costs)}"] if bias.costs else []) + (
        [f"savings reduced by {_pc(bias.savings)}"] if bias.savings else [])
    if parts:
        ob = f" Optimism bias: {' and '.join(parts)}."
    else:
        ob = " No optimism bias is applied."
    return (f"<b>Basis.</b> {kit.esc(basis_line(r))}{ob} NPVs here are against the baseline "
            "(the option's gain over staying as it is), unless said otherwise.")


def _pc(x: float) -> str:
    return f"{x * 100:.1f}".rstrip("0").rstrip(".") + "%"


def low_point(r: Results, o: OptionResult) -> str:
    """The funding low point: '−£5,087k in 2028', or 'never behind' when the gap stays ≥ 0."""
    if o.baseline:
        return "—"
    low = o.funding_low_point
    if low["year"] is None:
        return "never behind"
    return f"{money_k(low['amount'])} in {r.first_year + low['year'] - 1}"


def decision_warnings(r: Results) -> list[str]:
    """Each warning that bears on the decision, as one sentence naming where it is."""
    return [warning_text(w, r.case) for w in r.warnings if w.kind in DECISION_KINDS]


def _long_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B %Y')}"
