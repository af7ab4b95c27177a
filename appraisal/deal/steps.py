"""The legal and regulatory route's step table (deal-terms.md D5.2 and D5.3), as data.

Each step carries the sentence the board paper prints, its source (``[C]`` official, ``[S]``
secondary), the rule that decides whether it applies to a partner (see :mod:`.facts`), the steps
it follows, its lead time in weeks and whether it is potentially critical. Anything the
specification marks "to verify" is flagged so that outputs print it as "to be confirmed by
advisers"; such lead times are labelled defaults, not statements of law.

A test checks that the table is acyclic and that every step has a source.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .facts import STRUCTURAL, Facts, Unknown, conjunction, disjunction

Rule = Callable[[Facts], bool]
TO_VERIFY_WEEKS = (4.0, 12.0)     # the labelled default where no lead time was found
TRANSFER_DATE = ("fca.register", "cio.merger_resolutions", "scio.amalgamation",
                 "ni_society.resolution", "board.final_decision")
COLLECTIVE_THRESHOLD = 20


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    source: str
    rule: Rule
    after: tuple[str, ...] = ()
    weeks: tuple[float, float] = TO_VERIFY_WEEKS
    weeks_to_verify: bool = True
    critical: bool = False
    once: bool = False             # once per option (organisation null), else once per partner
    to_verify: bool = False        # the legal statement itself is not confirmed
    statutory: bool = False        # the lead time is a statutory minimum


def _asked(part: Rule, f: Facts) -> Callable[[], bool]:
    return lambda: part(f)


def all_of(*parts: Rule) -> Rule:
    return lambda f: conjunction(_asked(p, f) for p in parts)


def any_of(*parts: Rule) -> Rule:
    return lambda f: disjunction(_asked(p, f) for p in parts)


def regulator(name: str) -> Rule:
    return lambda f: name in f.HR


def register(name: str) -> Rule:
    return lambda f: name in f.CR


def role_in(*roles: str) -> Rule:
    return lambda f: f.role in roles


structural: Rule = lambda f: f.structural
transfer: Rule = lambda f: f.transfer
losing: Rule = lambda f: f.losing
group: Rule = lambda f: f.F == "group_structure"
joining: Rule = all_of(group, role_in("joining_subsidiary"))
society: Rule = lambda f: f.society
company: Rule = lambda f: f.company
not_ni: Rule = lambda f: f.J != "northern_ireland"
ni: Rule = lambda f: f.J == "northern_ireland"
england_wales: Rule = lambda f: f.J in ("england", "wales")
a_charity: Rule = lambda f: f.CS != "none"


def route_in(*routes: str) -> Rule:
    return lambda f: f.R in routes


def listed(field: str) -> Rule:
    return lambda f: f.listed(field)


def staff_move(f: Facts) -> bool:
    return bool(getattr(f.option, "staff_transfer", False))


def employs_staff(f: Facts) -> bool:
    if f.org.staff is None:
        raise Unknown("staff")
    return f.org.staff > 0


def redundancies_in_a_window(f: Facts) -> int:
    """The most of P's redundancies in one model year (the tool's 90-day window)."""
    by_year: dict[int, int] = {}
    for line in f.option.redundancies:
        if line.organisation == f.org.id:
            by_year[line.year] = by_year.get(line.year, 0) + line.count
    return max(by_year.values(), default=0)


def collective(f: Facts) -> bool:
    return redundancies_in_a_window(f) >= COLLECTIVE_THRESHOLD


def consent_open(f: Facts) -> bool:
    """Some loan of P needs (or may need) its lender's consent in this option."""
    entries = {c.loan: c for c in (getattr(f.option, "lender_consents", None) or [])}
    for loan in f.org.loans:
        entry = entries.get(loan.id)
        if entry is None and f.structural:
            return True
        if entry is not None and entry.consent_needed in ("yes", "unknown"):
            return True
    return False


def open_contract_finding(f: Facts) -> bool:
    for item in getattr(f.case, "due_diligence", None) or []:
        if (item.area in ("contracts_procurement", "grant_conditions") and item.status == "open"
                and item.organisation == f.org.id and item.option in (None, f.option.id)):
            return True
    return False


def shared_service_vat(treatment: str) -> Rule:
    return lambda f: any(line.vat_treatment == treatment for line in f.option.shared_services)


ccbsa_society_resolution: Rule = all_of(
    society, not_ni, route_in("amalgamation", "transfer_of_engagements"),
    lambda f: f.every_counterparty(lambda c: c.society))
ccbsa_company: Rule = all_of(society, not_ni, transfer,
                             lambda f: f.some_counterparty(lambda c: c.company))
tupe_base: Rule = all_of(not_ni, employs_staff)
moves: Rule = any_of(all_of(losing, transfer), staff_move)
RSH_2024 = ("Regulator of Social Housing, directions on notification of restructures, "
            "constitutional changes and changes in control from 1 April 2024 [C: https://www.gov.uk/"
            "government/publications/restructures-and-constitutional-changes]")
CCBSA = ("Co-operative and Community Benefit Societies Act 2014 ss.109–111 [C: https://"
         "legislation.gov.uk/ukpga/2014/14/part/9]")
COLLECTIVE = "TULRCA 1992 ss.188 and 193 [S: hardingevans.com, February 2026]"

STEPS: tuple[Step, ...] = (
    # D5.2: every route
    Step("board.in_principle", "Each board decides, on written information, whether to explore "
         "the proposal.", "NHF merger code (2015): an in-principle decision on sufficient written "
         "information [S: insidehousing.co.uk]", structural, (), (0, 4)),
    Step("dd.complete", "Complete due diligence on each partner and report findings to both "
         "boards.", "Sector practice (deal-terms D3) [S: Campbell Tickell 2025]", structural,
         ("board.in_principle",), (8, 16), critical=True, once=True),
    Step("board.final_decision", "Each board approves the final terms, the business case and "
         "the legal documents.", "Sector practice [S: NHF merger code (2015)]", structural,
         ("dd.complete", "lender.consents"), (0, 4), critical=True),
    # D5.3: by regulator, register and legal form
    Step("rsh.early_engagement", "Tell the Regulator of Social Housing early about the proposal, "
         "as it expects for transparency.", "RSH guidance on notifications and successor body "
         "registrations from 1 April 2024 [C: gov.uk]; exact triggers", all_of(regulator("rsh"),
         structural), ("board.in_principle",), (0, 2), to_verify=True),
    Step("rsh.notify_restructure", "Notify the Regulator of Social Housing of the amalgamation, "
         "transfer of engagements or other restructure, in the form and time its directions set.",
         "Housing and Regeneration Act 2008 ss.160–165; " + RSH_2024,
         all_of(regulator("rsh"), transfer, role_in("transferor", "transferee", "amalgamating")),
         ("board.final_decision",), (0, 2), critical=True, to_verify=True),
    Step("rsh.notify_constitution", "Notify the Regulator of Social Housing of changes to the "
         "governing document, name, address or board membership.", RSH_2024,
         all_of(regulator("rsh"), any_of(group, all_of(route_in("transfer_of_engagements"),
                                                      role_in("transferee")))),
         ("members.resolution", "fca.register"), (0, 2)),
    Step("rsh.notify_change_of_control", "Notify the Regulator of Social Housing that the "
         "provider has become a subsidiary.", "Housing and Regeneration Act 2008 ss.169A–169D "
         "(Social Housing (Regulation) Act 2023 s.20, in force 1 April 2024) [C: legislation.gov."
         "uk/uksi/2024/437]", all_of(regulator("rsh"), joining), ("members.resolution",), (0, 2)),
    Step("rsh.successor_registration", "The Regulator of Social Housing decides whether to "
         "register the new body created by the amalgamation.", "RSH successor body registration "
         "guidance, 2024 [C: gov.uk]", lambda f: f.R == "amalgamation" and any(
             "rsh" in f.other(p).HR for p in [f.org, *f.counterparties]),
         ("rsh.notify_restructure",), (2, 8), critical=True, once=True),
    Step("tenants.consult_england", "Consult affected tenants fairly and in good time, setting "
         "out advantages and disadvantages (including costs), and show how their views shaped "
         "the decision.", "Tenant Involvement and Empowerment Standard para 2.2.3 (2017) [S: "
         "anthonycollins.com]; wording in the 2024 consumer standards", all_of(
             regulator("rsh"), any_of(all_of(losing, transfer), joining)),
         ("board.in_principle",), (4, 12), critical=True, to_verify=True),
    Step("ccbsa.special_resolution", "Members pass a special resolution: at least two-thirds of "
         "those voting at a first general meeting, confirmed by over half at a second meeting.",
         CCBSA + "; second meeting 14 days to one month later [S: uk.coop]",
         ccbsa_society_resolution, ("board.final_decision", "tenants.consult_england",
                                    "tenants.consult_wales", "shr.tenant_ballot"),
         (3, 6), weeks_to_verify=False, critical=True, statutory=True),
    Step("ccbsa.s112_company", "Members pass a special resolution to amalgamate with, or transfer "
         "engagements to, a company: 75% of those voting, with at least half of eligible members "
         "voting.", "Co-operative and Community Benefit Societies Act 2014 ss.112–113 [C: "
         "legislation.gov.uk]", ccbsa_company, ("board.final_decision", "tenants.consult_england",
                                               "tenants.consult_wales", "shr.tenant_ballot"),
         (3, 6), critical=True),
    Step("fca.register", "Send the confirmed resolution to the FCA within 14 days; the change "
         "takes effect only when the FCA registers it.", "Co-operative and Community Benefit "
         "Societies Act 2014 s.111 [C: legislation.gov.uk]", any_of(ccbsa_society_resolution,
                                                                    ccbsa_company),
         ("ccbsa.special_resolution", "ccbsa.s112_company", "rsh.notify_restructure",
          "wg.notify_restructure"), (1, 4), critical=True),
    Step("ni_society.resolution", "Members pass the resolutions the Northern Ireland societies "
         "Act requires and register them with the Northern Ireland registrar.", "Co-operative and "
         "Community Benefit Societies Act (Northern Ireland) 1969; sections, majorities and "
         "registrar", all_of(society, ni, transfer), ("board.final_decision",), critical=True,
         to_verify=True),
    Step("companies.resolution_filing", "Pass the members' special resolution (75%) and file it "
         "at Companies House within 15 days; a change of name also needs form NM01.",
         "Companies Act 2006 s.30 [S: simply-docs.co.uk]", all_of(company, any_of(
             joining, listed("renamed"))), ("board.final_decision",), (1, 3),
         weeks_to_verify=False),
    Step("cc.regulated_alteration", "Get the Charity Commission's prior written consent to any "
         "change to objects, dissolution clause or trustee benefits.", "Charities Act 2011 s.198 "
         "and s.226, as amended by the Charities Act 2022 from 7 March 2024 [C: legislation.gov."
         "uk/ukpga/2022/6]", all_of(register("charity_commission"),
                                    lambda f: f.CS == "registered", structural,
                                    listed("regulated_alteration")),
         ("board.final_decision",), (4, 12), critical=True),
    Step("cio.merger_resolutions", "The CIO's members resolve (75% at a general meeting, or "
         "unanimously in writing) to amalgamate or transfer; the Charity Commission must "
         "confirm.", "Charities Act 2011 Part 11 Chapter 4 [C: legislation.gov.uk]; section "
         "numbers", all_of(lambda f: f.LF == "cio", route_in("amalgamation", "cio_transfer"),
                           lambda f: f.every_counterparty(lambda c: c.LF == "cio")),
         ("board.final_decision",), (6, 12), critical=True, to_verify=True),
    Step("cc.vesting_declaration", "Make a pre-merger vesting declaration to move the property, "
         "then register the merger (registration is compulsory when one is used).",
         "Charities Act 2011 ss.305–310 [C: legislation.gov.uk/ukpga/2011/25/part/16]",
         all_of(a_charity, england_wales, losing, route_in("asset_transfer", "amalgamation"),
                listed("vesting_declaration")), ("board.final_decision",), (1, 2)),
    Step("cc.register_merger", "Register the merger with the Charity Commission so that later "
         "gifts to the closed charity pass to the merged one (compulsory with a vesting "
         "declaration; otherwise recommended where legacies are expected).", "Charities Act 2011 "
         "ss.305–311, as changed by the Charities Act 2022 [C: gov.uk register of merged "
         "charities]; whether exempt charities use it", all_of(a_charity, england_wales, losing,
                                                               transfer),
         ("fca.register", "cio.merger_resolutions", "cc.vesting_declaration",
          "board.final_decision"), (1, 4), to_verify=True),
    Step("ccni.register_merger", "Notify the Charity Commission for Northern Ireland of the "
         "merger and update the register of charities.", "Charity Commission for Northern "
         "Ireland, mergers and closures [C: charitycommissionni.org.uk]",
         all_of(register("ccni"), losing, transfer), TRANSFER_DATE, (1, 4)),
    Step("oscr.consent", "Give OSCR at least 42 days' notice before amalgamating or winding up "
         "(deemed consent unless OSCR acts within 28 days); a change of purposes needs OSCR's "
         "consent.", "Charities and Trustee Investment (Scotland) Act 2005 s.16 [C: legislation."
         "gov.uk]", all_of(register("oscr"), any_of(all_of(losing, transfer),
                                                    listed("regulated_alteration"))),
         ("board.final_decision",), (6, 8), weeks_to_verify=False, critical=True,
         statutory=True),
    Step("oscr.notify", "Tell OSCR within three months of constitutional changes, and of the "
         "amalgamation or dissolution once done.", "OSCR, making changes to your charity [C: "
         "oscr.org.uk]", all_of(register("oscr"), structural), TRANSFER_DATE, (0, 13),
         weeks_to_verify=False),
    Step("scio.amalgamation", "The SCIOs' members resolve (two-thirds) and apply to OSCR to "
         "amalgamate into a new SCIO.", "Charities and Trustee Investment (Scotland) Act 2005 "
         "s.59 [C: oscr.org.uk]", all_of(lambda f: f.LF == "scio", transfer),
         ("board.final_decision",), critical=True),
    Step("shr.tenant_ballot", "Consult affected tenants and obtain a majority in favour (ballot "
         "or written agreement) before the association becomes a subsidiary, or before a "
         "restructure that changes tenants' landlord.", "Housing (Scotland) Act 2010 s.104A as "
         "substituted by the Housing (Amendment) (Scotland) Act 2018 s.7 [C: legislation.gov.uk]; "
         "the route for restructures after 2018", all_of(regulator("shr"), any_of(
             joining, all_of(losing, transfer))), ("board.in_principle",), (12, 26),
         critical=True, to_verify=True),
    Step("shr.notify_constitution", "Notify the Scottish Housing Regulator within 28 days of any "
         "change to name, office or constitution.", "Housing (Scotland) Act 2010 s.92 as "
         "substituted by the 2018 Act s.5 [C: legislation.gov.uk]",
         all_of(regulator("shr"), structural), TRANSFER_DATE, (0, 4), weeks_to_verify=False),
    Step("shr.notifiable_event", "Tell the Scottish Housing Regulator about the proposal as a "
         "notifiable event.", "Scottish Housing Regulator notifiable events guidance; current "
         "text", all_of(regulator("shr"), structural), ("board.in_principle",), (0, 2),
         to_verify=True),
    Step("wg.notify_restructure", "Notify the Welsh Ministers of the special resolution, with a "
         "statement of the tenant consultation carried out before it was passed.", "Housing Act "
         "1996 Sch. 1 para 12 as amended by the Regulation of Registered Social Landlords (Wales) "
         "Act 2018 s.4 [C: legislation.gov.uk]; timing", all_of(
             regulator("welsh_government"), society, transfer), ("ccbsa.special_resolution",),
         (0, 4), critical=True),
    Step("wg.notify_constitution", "Notify the Welsh Ministers of rule or article changes and "
         "group changes.", "Regulation of Registered Social Landlords (Wales) Act 2018 s.3 [C: "
         "legislation.gov.uk]", all_of(regulator("welsh_government"), group),
         ("members.resolution",), (0, 4)),
    Step("tenants.consult_wales", "Consult tenants before the resolution; the notification must "
         "describe the consultation.", "Regulation of Registered Social Landlords (Wales) Act "
         "2018 s.4 [C: legislation.gov.uk]", all_of(regulator("welsh_government"), losing,
                                                   transfer),
         ("board.in_principle",), (4, 12), critical=True),
    Step("dfc.consent", "Obtain the Department for Communities' consent to, or notify it of, the "
         "restructure or rule change.", "Housing (Northern Ireland) Order 1992; Housing "
         "(Amendment) Act (Northern Ireland) 2020 [C: legislation.gov.uk]; whether consent or "
         "notice applies", all_of(regulator("dfc"), structural), ("board.final_decision",),
         critical=True, to_verify=True),
    Step("members.resolution", "Members pass the resolution that changes the constitution (for "
         "example to make the partner a subsidiary).", "The partner's own rules or articles; "
         "Co-operative and Community Benefit Societies Act 2014; Companies Act 2006", joining,
         ("board.final_decision",), (2, 6), critical=True),
    Step("lender.consents", "Obtain every lender, bondholder and swap counterparty consent "
         "needed, on terms priced in the appraisal.", "Sector practice [S: wslaw.co.uk; "
         "tltsolicitors.com]; a bond consent solicitation about 4 weeks (L&Q 2023) [S: "
         "brookbeech.com]", consent_open, ("dd.complete",), (8, 26), critical=True),
    Step("tupe.eli", "The transferor gives employee liability information at least 28 days "
         "before the transfer.", "TUPE 2006 reg. 11 [S: lexology.com]; whether every society "
         "transfer of engagements is a relevant transfer", all_of(tupe_base, moves),
         ("board.final_decision",), (4, 4), weeks_to_verify=False, critical=True,
         to_verify=True, statutory=True),
    Step("tupe.inform_consult", "Inform (and, where measures are envisaged, consult) employee "
         "representatives long enough before the transfer; failure can cost up to 13 weeks' pay "
         "per employee.", "TUPE 2006 reg. 13 [S: gateleyplc.com]", all_of(tupe_base, any_of(
             moves, all_of(transfer, role_in("transferee")))), ("board.final_decision",),
         (4, 8), critical=True),
    Step("redundancy.collective", "Consult representatives collectively: at least 30 days "
         "before the first dismissal for 20 to 99 proposed redundancies at one establishment "
         "within 90 days, 45 days for 100 or more.", COLLECTIVE, all_of(not_ni, collective),
         ("board.final_decision",), (4.3, 4.3), weeks_to_verify=False, critical=True,
         statutory=True),
    Step("redundancy.hr1", "Notify the Secretary of State on form HR1 at least 30 or 45 days "
         "before the first dismissal.", COLLECTIVE, all_of(not_ni, collective),
         ("board.final_decision",), (4.3, 4.3), weeks_to_verify=False, critical=True,
         statutory=True),
    Step("redundancy.ni", "Follow the Northern Ireland collective redundancy rules "
         "(consultation periods and form HR1 to the Northern Ireland department).", "Employment "
         "Rights (Northern Ireland) Order 1996; periods and thresholds", all_of(ni, collective),
         ("board.final_decision",), critical=True, to_verify=True),
    Step("pension.shps", "Agree with TPT how Social Housing Pension Scheme liabilities move: an "
         "easement or apportionment avoids a cessation debt only if its conditions are met.",
         "Employer debt easements [S: lexology.com]; deferred debt arrangements from 6 April 2018 "
         "[C: thepensionsregulator.gov.uk]", all_of(lambda f: "shps" in f.PS, moves),
         ("dd.complete",), (8, 16), critical=True),
    Step("pension.lgps", "Put an admission agreement in place before staff transfer so Local "
         "Government Pension Scheme membership is continuous.", "LGPS admission bodies [C: "
         "pension fund guidance, e.g. pensions.cambridgeshire.gov.uk]", all_of(
             lambda f: any(s.startswith("lgps") for s in f.PS), moves),
         ("dd.complete",), (8, 16), critical=True),
    Step("vat.group", "Apply to HMRC for VAT group treatment (forms VAT50/51); HMRC may refuse "
         "within 90 days of receipt.", "HMRC VAT Groups manual VGROUPS04400, 04600 [C: gov.uk]",
         shared_service_vat("vat_group"), ("board.final_decision",), (4, 13),
         weeks_to_verify=False, once=True),
    Step("vat.cost_sharing_group", "Set up the cost sharing group and confirm the five "
         "conditions of the VAT exemption.", "HMRC VAT Cost Sharing Exemption Manual CSE1250 "
         "[C: gov.uk]; HMRC's current position for housing associations",
         shared_service_vat("cost_sharing_exemption"), ("board.final_decision",), (8, 16),
         once=True, to_verify=True),
    Step("contracts.third_party_consents", "Obtain consents under contracts with change-of-"
         "control or assignment terms: local authority nomination and stock transfer agreements, "
         "grant funders, commissioners.", "Sector practice", all_of(structural,
                                                                    open_contract_finding),
         ("dd.complete",), to_verify=True),
)
STEP = {s.id: s for s in STEPS}
STRUCTURAL_FORMS = STRUCTURAL
