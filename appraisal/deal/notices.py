"""The deal terms' warnings (deal-terms.md D1–D5): accepted, but said to the board.

Each is an :class:`~appraisal.results.AppraisalWarning` (a kind, a place, figures); the sentences
are in :mod:`.notice_words`, registered with :mod:`appraisal.wording`.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..paths import FieldPath
from ..results import AppraisalWarning
from .facts import STRUCTURAL
from .gate import deal_of
from .lenders import uncosted

HOME = {"rsh": "england", "welsh_government": "wales", "shr": "scotland",
        "dfc": "northern_ireland"}
BOARD_CAP = 12
SEVERE = 4


def uses_deal_terms(case) -> bool:
    """The case records some deal term: a legal form, a settlement, a consent, a finding, progress.

    A case that records none appraises, and warns, exactly as before (deal-terms.md preamble).
    """
    return bool(case.due_diligence or case.route_progress
                or any(o.legal_form or o.housing_regulators or o.charity_status
                       for o in case.organisations)
                or any(o.governance or o.lender_consents for o in case.options))


def deal_warnings(case, deals: dict | None = None) -> list[AppraisalWarning]:
    """Every deal-terms warning, organisations first, then options, then findings; none for a
    case that records no deal term at all."""
    if not uses_deal_terms(case):
        return []
    deals = deals or {o.id: deal_of(case, o) for o in case.options}
    return list(_organisations(case)) + list(_options(case, deals)) + list(_findings(case))


def _organisations(case) -> Iterator[AppraisalWarning]:
    for k, org in enumerate(case.organisations):
        at = FieldPath.of("organisations", k)
        for reg in org.housing_regulators:
            if org.jurisdiction is not None and HOME[reg] != org.jurisdiction:
                yield AppraisalWarning("deal_regulator_elsewhere", at / "housing_regulators",
                                       {"name": org.name, "regulator": reg,
                                        "jurisdiction": org.jurisdiction})
        if org.kind == "housing_association" and not org.housing_regulators:
            yield AppraisalWarning("deal_unregistered", at / "housing_regulators",
                                   {"name": org.name})
        if org.charity_status == "exempt" and org.jurisdiction in ("scotland", "northern_ireland"):
            yield AppraisalWarning("deal_exempt_elsewhere", at / "charity_status",
                                   {"name": org.name})
        if (org.legal_form == "charitable_registered_society" and org.jurisdiction == "england"
                and "rsh" in org.housing_regulators and org.charity_status not in (None, "exempt")):
            yield AppraisalWarning("deal_society_exempt", at / "charity_status",
                                   {"name": org.name})


def _options(case, deals: dict) -> Iterator[AppraisalWarning]:
    for i, option in enumerate(case.options):
        at = FieldPath.of("options", i)
        deal = deals[option.id]
        g = option.governance
        if g is None and option.form in STRUCTURAL:
            yield AppraisalWarning("deal_governance_missing", at / "governance",
                                   {"option": option.name})
        if g is not None and g.board is not None and g.board.size is not None:
            b = g.board
            total = sum(s.seats for s in b.seats) + b.independent + b.resident
            if total != b.size:
                yield AppraisalWarning("deal_seats_sum", at / "governance" / "board",
                                       {"total": total, "size": b.size})
            if b.size > BOARD_CAP:
                yield AppraisalWarning("deal_board_large", at / "governance" / "board",
                                       {"size": b.size})
        for item in deal.cannot_proceed:
            yield AppraisalWarning("deal_not_agreed", at / "governance",
                                   {"option": option.name, "item": item})
        generated = [r for r in deal.consents if r.generated]
        if generated:
            yield AppraisalWarning("deal_lenders_unrecorded", at / "lender_consents",
                                   {"option": option.name, "count": len(generated)})
        for row in deal.consents:
            if not row.generated and uncosted(row):
                lender = row.lender or "the lender"
                owner = case.organisation(row.organisation).name
                yield AppraisalWarning("deal_consent_uncosted",
                                       at / "lender_consents" / row.index,
                                       {"loan": f"{lender} ({owner})"})
        missing = sorted({s.missing for s in deal.route.not_known})
        if missing:
            yield AppraisalWarning("deal_route_not_known", at / "route",
                                   {"option": option.name, "fields": missing,
                                    "steps": len(deal.route.not_known)})
        for k in deal.route.stale_progress:
            yield AppraisalWarning("deal_progress_stale", FieldPath.of("route_progress", k),
                                   {"step": case.route_progress[k].step,
                                    "option": option.name})


def _findings(case) -> Iterator[AppraisalWarning]:
    from ..finance.capacity_plan import involved
    taking_part = {case.organisations[k].id for o in case.options if not o.baseline
                   for k in involved(case, o)}
    for k, f in enumerate(case.due_diligence):
        at = FieldPath.of("due_diligence", k)
        if f.severity >= SEVERE and f.status == "open" and f.cost_line is None and f.risk is None:
            yield AppraisalWarning("deal_finding_unpriced", at, {"id": f.id})
        if f.organisation is not None and f.organisation not in taking_part:
            yield AppraisalWarning("deal_finding_outside", at / "organisation", {"id": f.id})
