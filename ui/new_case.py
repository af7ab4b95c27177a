"""A new case from a template: two organisations, the default criteria, a baseline and one option.

The defaults follow domain.md: the twelve criteria of §3 with starting weights the board is
expected to change, and the readiness items and risks of §4. Every typed criterion is scored 5
for every option, so the new case is valid (model.md §1) and the app can appraise it at once.
"""
from __future__ import annotations

import datetime as _dt

from appraisal.scales import default_scale

# domain.md §3: id, name, what the board asks, starting weight (points; normalised by the engine).
DEFAULT_CRITERIA: tuple[tuple[str, str, str, float], ...] = (
    ("autonomy", "Autonomy", "How much strategic choice and board sovereignty each partner keeps.", 10),
    ("brand_identity", "Brand and identity", "Whether each partner's public name, fundraising "
     "identity and sense of itself survive.", 6),
    ("user_voice", "Tenant and user voice", "Whether tenants and service users shape the aims "
     "and check the results.", 10),
    ("local_accountability", "Local accountability", "Whether local links and commitments to "
     "local authorities and stock-transfer tenants hold.", 8),
    ("service_outcomes", "Service outcomes", "Availability, quality and continuity of services, "
     "allowing for a dip while things change.", 12),
    ("economies_of_scope", "Economies of scope", "What combining services, know-how, donors and "
     "campaigning adds.", 6),
    ("scale_capacity", "Scale and capacity", "The capacity to bid, build and borrow, and the "
     "resilience of the finances.", 10),
    ("mission_fit", "Mission fit", "How well the option serves each partner's charitable or "
     "social purpose.", 12),
    ("culture_trust", "Culture and trust", "Shared values, willing participation and trust "
     "between the partners.", 8),
    ("governance_simplicity", "Simple governance", "Clear boards and clear lines of "
     "accountability.", 6),
    ("flexibility", "Flexibility", "How easily the partners can change course, leave or go "
     "further later.", 6),
    ("deliverability", "Deliverability", "The risk in carrying it out: disruption to staff, "
     "skills needed, time taken.", 6),
)

# domain.md §4: the readiness checklist offered for a new case.
DEFAULT_READINESS: tuple[str, ...] = (
    "Board support secured, and the partner's board engaged early",
    "Lenders asked whether this is a material event, and whether loans can stay where they are",
    "VAT treatment of each shared service confirmed",
    "Local authority and stock-transfer commitments reviewed",
    "TUPE implications for staff checked",
    "Contract and membership expiry dates mapped",
    "Staff communication planned",
    "Quick wins and joint management development planned",
    "Hard decisions on structure, governance and people taken early",
    "Tenants and service users consulted, or the reason they were not recorded",
    "The partnership is voluntary, not imposed",
    "Partners chosen with care and specialist advice secured",
    "Legal route agreed for each partner's legal form (a registered society transfers its "
    "engagements or amalgamates; a charitable company or CIO transfers its assets and records "
    "the merger in the register of mergers so that legacies pass on)",
)

# domain.md §4: risks to offer, with a starting likelihood and impact (1..5) to be reviewed.
DEFAULT_RISKS: tuple[tuple[str, int, int, str], ...] = (
    ("Savings are not realised, or cannot be shown to come from the partnership", 3, 4,
     "Name an owner for each saving and track it against a baseline"),
    ("Lenders re-price loans when the structure changes", 3, 5,
     "Talk to lenders before deciding; keep loans in subsidiaries where possible"),
    ("The conditions of the VAT exemption are not met", 2, 4,
     "Take VAT advice on each shared service before it starts"),
    ("Culture clash or loss of trust between the partners", 3, 4,
     "Joint management development; agree values early"),
    ("Loss of local accountability", 2, 3, "Keep local panels and local reporting"),
    ("Service quality dips during the change", 3, 3, "Plan the transition service by service"),
    ("Key staff leave", 3, 3, "Early, honest staff communication; retention plans for key roles"),
    ("Costs fall on the smallest partner", 2, 3, "Agree how costs and savings are shared"),
    ("A partner withdraws", 2, 4, "Agree exit terms at the start"),
)


def readiness_items() -> list[dict]:
    return [{"item": text, "status": "not_started", "note": ""} for text in DEFAULT_READINESS]


def risk_items() -> list[dict]:
    return [{"risk": risk, "option": None, "likelihood": lk, "impact": im, "mitigation": mit,
             "owner": ""} for risk, lk, im, mit in DEFAULT_RISKS]


def new_case_data(today: _dt.date | None = None) -> dict:
    """The JSON data of a new, valid case (model.md §1)."""
    today = today or _dt.date.today()
    criteria = [{"id": cid, "name": name, "weight": float(weight), "description": text,
                 "scale": default_scale(cid)}
                for cid, name, text, weight in DEFAULT_CRITERIA]
    scores = {c["id"]: 5.0 for c in criteria}
    return {
        "format": "options-appraisal-case",
        "version": 2,
        "title": "New options appraisal",
        "prepared_by": "",
        "date": today.isoformat(),
        "settings": {
            "first_year": today.year + 1,
            "horizon_years": 10,
            "discount_rate": 0.035,
            "discount_schedule": "flat",
            "inflation_rate": 0.02,
            "vat_rate": 0.20,
            "optimism_bias": {"costs": 0.0, "savings": 0.0},
            "monte_carlo": {"draws": 10000, "seed": 1},
        },
        "organisations": [
            {"id": "ours", "name": "Our organisation", "kind": "housing_association",
             "jurisdiction": "england", "vat_recovery_rate": 0.0, "loans": []},
            {"id": "partner", "name": "Partner organisation", "kind": "housing_association",
             "jurisdiction": "england", "vat_recovery_rate": 0.0, "loans": []},
        ],
        "criteria": criteria,
        "options": [
            {"id": "standalone", "name": "Remain standalone", "form": "standalone",
             "baseline": True, "description": "Each organisation carries on alone.",
             "scores": dict(scores)},
            {"id": "shared_services", "name": "Shared back office", "form": "shared_services",
             "description": "One partner supplies finance, IT and HR to the other.",
             "scores": dict(scores)},
        ],
        "readiness": readiness_items(),
        "risks": risk_items(),
    }
