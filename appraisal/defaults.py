"""The defaults a new case starts from, and the lists the app offers to add from (pure data).

Following domain.md: the twelve criteria of §3 (plus the three more the research offers and
value for money) as a pick-list, the readiness items and risks of §4, and the settings of a new
case (model.md §1, model-v2.md). A new case counts no placeholder: it has no criteria (the board
ticks its own from :data:`STANDARD_CRITERIA`, each added with its anchors and a weight of 0 or an
even share, :func:`picked_criteria`) and no scores, so nothing is ranked until the board has
weighed and scored (docs/calculations.md, "Missing scores"). The money is appraised at once; the
"Before the paper" check (:mod:`appraisal.before_paper`) says what is still to enter.
"""
from __future__ import annotations

import datetime as _dt

# domain.md §3: id, name, what the board asks, and the weight domain.md suggests (points), shown
# beside the pick-list as a guide only: a criterion is never added at it without the board's say.
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


DERIVED_SOURCE = "npv_vs_baseline"
EVEN_SHARE_POINTS = 10.0    # an even share when no criterion carries weight yet

# The pick-list of criteria: domain.md §3's defaults, the three more the research offers, and
# value for money (scored from each option's NPV against the baseline).
STANDARD_CRITERIA: tuple[dict, ...] = tuple(
    {"id": cid, "name": name, "description": text, "weight": float(weight)}
    for cid, name, text, weight in DEFAULT_CRITERIA
) + (
    {"id": "mutual_benefit", "name": "Mutual benefit", "weight": 6.0,
     "description": "Whether benefits, risks and costs fall fairly on every partner."},
    {"id": "power_balance", "name": "Balance of power", "weight": 6.0,
     "description": "Whether any one partner would dominate the agenda or the decisions."},
    {"id": "reputational_exposure", "name": "Reputational exposure", "weight": 6.0,
     "description": "10 means little exposure if a partner fails to deliver."},
    {"id": "value_for_money", "name": "Value for money", "weight": 10.0,
     "source": DERIVED_SOURCE,
     "description": "Scored from each option's NPV against the baseline: the best 10, the "
                    "worst 0."},
)

# The names a new case gives its two organisations, and a partner added without a name's
# ("Partner 3"): placeholders the "Before the paper" check asks to replace.
OUR_NAME, PARTNER_NAME = "Our organisation", "Partner organisation"


def is_placeholder_name(name: str) -> bool:
    words = name.strip().split(" ")
    return name in (OUR_NAME, PARTNER_NAME) or (
        len(words) == 2 and words[0] == "Partner" and words[1].isdigit())


# What 0 and 10 mean on the criteria Continuum offers (domain.md §3), as a starting point the
# board rewrites in its own words. Scores run from the worst plausible outcome (0) to the best
# (10), whatever option is being scored.
DEFAULT_ANCHORS: dict[str, dict[str, str]] = {
    "autonomy": {"0": "Our board no longer decides our strategy; another body does",
                 "10": "Our board decides everything, as it does now"},
    "brand_identity": {"0": "Our name and identity disappear",
                       "10": "Our name, identity and fundraising brand carry on unchanged"},
    "user_voice": {"0": "Tenants and users lose any say in the services",
                   "10": "Tenants and users shape the aims and check the results"},
    "local_accountability": {"0": "Local links and promises to councils are broken",
                             "10": "Every local commitment and link is kept and reported on"},
    "service_outcomes": {"0": "Services get worse and stay worse",
                         "10": "Services clearly improve, with no dip while things change"},
    "economies_of_scope": {"0": "Nothing is gained from combining services or know-how",
                           "10": "Combined services, donors and campaigning add a great deal"},
    "scale_capacity": {"0": "Less able to bid, build or borrow; finances more fragile",
                       "10": "Much stronger capacity to bid, build and borrow"},
    "mission_fit": {"0": "The option pulls us away from our purpose",
                    "10": "The option serves our purpose better than anything else could"},
    "culture_trust": {"0": "Open conflict or distrust between the partners",
                      "10": "Shared values and willing, trusting partners"},
    "governance_simplicity": {"0": "Tangled boards and unclear accountability",
                              "10": "One clear board and clear lines of accountability"},
    "flexibility": {"0": "Locked in: no way to change course or leave",
                    "10": "Easy to change course, leave or go further later"},
    "deliverability": {"0": "Very likely to fail or badly disrupt staff and services",
                       "10": "Straightforward to carry out, with little disruption"},
    "mutual_benefit": {"0": "Costs and risks fall on one partner while others take the gains",
                       "10": "Every partner, the smallest included, gains its fair share"},
    "reputational_exposure": {"0": "A serious risk to our reputation with funders and the public",
                              "10": "No added risk to our reputation"},
}


def default_scale(criterion_id: str) -> dict[str, str] | None:
    """Starting anchors for a criterion Continuum knows, or None."""
    found = DEFAULT_ANCHORS.get(criterion_id)
    return dict(found) if found else None


def even_share(weights: list[float]) -> float:
    """The points a criterion added at an even share gets: the average of the criteria that
    carry weight already (so it weighs as much as a typical one), else 10.

    >>> even_share([]), even_share([0.0, 0.0]), even_share([20.0, 10.0, 0.0])
    (10.0, 10.0, 15.0)
    """
    carried = [w for w in weights if w > 0]
    return sum(carried) / len(carried) if carried else EVEN_SHARE_POINTS


def picked_criteria(ids: list[str], existing: list[dict], even: bool) -> list[dict]:
    """The criteria ticked on the pick-list, in its order, each with its anchors (value for
    money with its source) and a weight of 0, or ``even`` an even share; those already in the
    case are left out. No scores come with them: they are the board's to give."""
    have = {c.get("id") for c in existing}
    weight = even_share([float(c.get("weight", 0)) for c in existing]) if even else 0.0
    out = []
    for item in STANDARD_CRITERIA:
        if item["id"] in ids and item["id"] not in have:
            criterion = {k: v for k, v in item.items() if k != "weight"}
            criterion["weight"] = weight
            scale = default_scale(item["id"])
            if scale:
                criterion["scale"] = scale
            out.append(criterion)
    return out


# A new partner (edits.add_organisation): the kind and nation most cases start from.
NEW_ORGANISATION: dict = {"kind": "housing_association", "jurisdiction": "england",
                          "vat_recovery_rate": 0.0, "loans": []}


def readiness_items() -> list[dict]:
    return [{"item": text, "status": "not_started", "note": ""} for text in DEFAULT_READINESS]


def risk_items() -> list[dict]:
    return [{"risk": risk, "option": None, "likelihood": lk, "impact": im, "mitigation": mit,
             "owner": ""} for risk, lk, im, mit in DEFAULT_RISKS]


def new_case_data(today: _dt.date | None = None) -> dict:
    """The JSON data of a new, valid case (model.md §1): no criteria and no scores yet."""
    today = today or _dt.date.today()
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
            {"id": "ours", "name": OUR_NAME, "kind": "housing_association",
             "jurisdiction": "england", "vat_recovery_rate": 0.0, "loans": []},
            {"id": "partner", "name": PARTNER_NAME, "kind": "housing_association",
             "jurisdiction": "england", "vat_recovery_rate": 0.0, "loans": []},
        ],
        "criteria": [],
        "options": [
            {"id": "standalone", "name": "Remain standalone", "form": "standalone",
             "baseline": True, "description": "Each organisation carries on alone.",
             "scores": {}},
            {"id": "shared_services", "name": "Shared back office", "form": "shared_services",
             "description": "One partner supplies finance, IT and HR to the other.",
             "scores": {}},
        ],
        "readiness": readiness_items(),
        "risks": risk_items(),
    }
