"""The deal terms in words: statuses, lender rows and route steps as a board reads them."""
from __future__ import annotations

TO_CONFIRM = "to be confirmed by advisers"
NOT_LEGAL_ADVICE = ("This paper is not legal advice. The legal and regulatory steps are a "
                    "checklist drawn from the sources cited; the board should confirm the route "
                    "with its solicitors before acting on it.")
CONSENT_STATUS = {"not_started": "not started", "requested": "requested",
                  "in_negotiation": "in negotiation", "granted": "granted",
                  "granted_with_conditions": "granted with conditions", "refused": "refused",
                  "not_required": "not required"}
NEEDED = {"yes": "consent needed", "no": "no consent needed", "unknown": "consent may be needed"}
STEP_STATUS = {"not_started": "not started", "in_progress": "in progress", "done": "done",
               "not_applicable": "not applicable"}
INSTRUMENTS = {None: "not stated", "bank_loan": "bank loan",
               "club_or_syndicated_loan": "club or syndicated loan",
               "revolving_credit_facility": "revolving credit facility",
               "private_placement": "private placement", "bond_trust_deed": "bond (trust deed)",
               "aggregator_loan": "aggregator loan", "government_guaranteed":
               "government guaranteed", "swap": "swap", "other": "other"}
FINDING_STATUS = {"open": "open", "mitigated": "mitigated", "closed": "closed"}
LEGAL_FORMS = {
    None: "not known", "registered_society": "registered society",
    "charitable_registered_society": "charitable registered society",
    "company_limited_by_guarantee": "company limited by guarantee",
    "charitable_company": "charitable company", "company_limited_by_shares":
    "company limited by shares", "community_interest_company": "community interest company",
    "cio": "charitable incorporated organisation", "scio": "Scottish charitable incorporated "
    "organisation", "charitable_trust": "charitable trust", "unincorporated_association":
    "unincorporated association", "royal_charter_body": "Royal Charter body",
    "statutory_body": "statutory body", "other": "other"}
REGULATORS = {"rsh": "Regulator of Social Housing", "welsh_government": "Welsh Ministers",
              "shr": "Scottish Housing Regulator", "dfc": "Department for Communities (NI)"}
REGISTERS = {"charity_commission": "Charity Commission", "oscr": "OSCR",
             "ccni": "Charity Commission for Northern Ireland"}
AREAS = {"stock_condition": "Stock condition", "building_fire_safety": "Building and fire "
         "safety", "damp_mould": "Damp and mould", "pensions": "Pensions", "finance_treasury":
         "Finance and treasury", "data_protection": "Data protection", "contracts_procurement":
         "Contracts and procurement", "litigation_claims": "Litigation and claims", "tax_vat":
         "Tax and VAT", "governance_constitution": "Governance and constitution", "hr_tupe":
         "Staff and TUPE", "it_systems": "IT systems", "restricted_funds": "Restricted funds",
         "permanent_endowment": "Permanent endowment", "legacies_pipeline": "Legacies",
         "trading_subsidiaries": "Trading subsidiaries", "grant_conditions": "Grant conditions",
         "safeguarding": "Safeguarding"}


def area(value: str) -> str:
    return AREAS.get(value, value.removeprefix("custom:").strip() or value)


def consent_words(row, names: dict) -> str:
    """'Kestrel Vale Homes: Bank D, consent needed' (the gate's line for one loan)."""
    lender = row.lender or "lender not named"
    needed = "position not recorded" if row.generated else NEEDED[row.consent_needed]
    return f"{names.get(row.organisation, row.organisation)}: {lender}, {needed}"


def step_title(s, names: dict) -> str:
    whose = f"{names.get(s.organisation, s.organisation)}: " if s.organisation else ""
    return whose + s.step.text


def weeks_words(s) -> str:
    low, high = s.weeks
    text = f"{low:g}" if low == high else f"{low:g}–{high:g}"
    if s.step.weeks_to_verify:
        return f"{text} weeks ({TO_CONFIRM})"
    return f"{text} weeks" + (" (statutory minimum)" if s.step.statutory else "")


def source_words(step) -> str:
    return step.source + (f" ({TO_CONFIRM})" if step.to_verify else "")


SHORT = {
    "board.in_principle": "Board decision in principle", "dd.complete": "Due diligence",
    "board.final_decision": "Board final decision", "rsh.early_engagement": "Tell the RSH early",
    "rsh.notify_restructure": "Notify the RSH of the restructure",
    "rsh.notify_constitution": "Notify the RSH of rule changes",
    "rsh.notify_change_of_control": "Notify the RSH: now a subsidiary",
    "rsh.successor_registration": "RSH registers the new body",
    "tenants.consult_england": "Consult tenants", "ccbsa.special_resolution":
    "Members' special resolution", "ccbsa.s112_company": "Members' resolution (to a company)",
    "fca.register": "FCA registers the change", "ni_society.resolution":
    "Members' resolutions (NI)", "companies.resolution_filing": "Resolution to Companies House",
    "cc.regulated_alteration": "Charity Commission consent", "cio.merger_resolutions":
    "CIO resolutions and confirmation", "cc.vesting_declaration": "Vesting declaration",
    "cc.register_merger": "Register of mergers", "ccni.register_merger": "Tell the CCNI",
    "oscr.consent": "Notice to OSCR (42 days)", "oscr.notify": "Tell OSCR of the changes",
    "scio.amalgamation": "SCIO amalgamation", "shr.tenant_ballot": "Tenant ballot",
    "shr.notify_constitution": "Notify the SHR (28 days)", "shr.notifiable_event":
    "Notifiable event to the SHR", "wg.notify_restructure": "Notify the Welsh Ministers",
    "wg.notify_constitution": "Notify the Welsh Ministers of rule changes",
    "tenants.consult_wales": "Consult tenants (Wales)", "dfc.consent":
    "Department for Communities", "members.resolution": "Members change the rules",
    "lender.consents": "Lenders' consents", "tupe.eli": "Employee liability information",
    "tupe.inform_consult": "Inform and consult staff", "redundancy.collective":
    "Collective consultation", "redundancy.hr1": "Form HR1", "redundancy.ni":
    "Collective redundancy (NI)", "pension.shps": "SHPS with TPT", "pension.lgps":
    "LGPS admission", "vat.group": "VAT group application", "vat.cost_sharing_group":
    "Cost sharing group", "contracts.third_party_consents": "Third-party consents",
}


def short_step(step_id: str) -> str:
    return SHORT.get(step_id, step_id)
