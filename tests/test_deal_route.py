"""The legal route (deal-terms.md D5): the check table of D5.4, "not known", the step table and
the timetable worked by hand."""
from __future__ import annotations

import copy

import pytest

from appraisal.casefile import parse_data
from appraisal.deal.route import _topological, generate
from appraisal.deal.steps import STEPS

CRITERIA = [{"id": "value", "name": "Value", "weight": 1}]


def org(oid, jurisdiction, legal_form, status, registers=(), regulators=(), schemes=("shps",)):
    return {"id": oid, "name": oid.title(), "jurisdiction": jurisdiction, "staff": 120,
            "legal_form": legal_form, "charity_status": status,
            "charity_registers": list(registers), "housing_regulators": list(regulators),
            "pension_schemes": list(schemes),
            "loans": [{"id": f"{oid}-loan", "lender": "Bank", "balance": 1e6,
                       "remaining_years": 10}]}


def case(orgs, option):
    base = {"id": "standalone", "name": "Standalone", "form": "standalone", "baseline": True,
            "scores": {"value": 5}}
    option = {"id": "deal", "name": "The deal", "scores": {"value": 6}, **option}
    return parse_data({"format": "options-appraisal-case", "version": 2, "title": "Route",
                       "settings": {"horizon_years": 5, "discount_rate": 0.035},
                       "organisations": orgs, "criteria": CRITERIA, "options": [base, option]})


def steps(c, applies=True) -> set[tuple[str, str | None]]:
    return {(s.id, s.organisation) for s in generate(c, c.option("deal")).steps
            if s.applies == applies}


def ids(c) -> set[str]:
    return {sid for sid, _ in steps(c)}


ENGLISH = [org("north", "england", "charitable_registered_society", "exempt",
               regulators=["rsh"]),
           org("south", "england", "charitable_registered_society", "exempt",
               regulators=["rsh"])]
SCOTTISH = [org("glen", "scotland", "charitable_registered_society", "registered", ["oscr"],
                ["shr"], schemes=()),
            org("firth", "scotland", "charitable_registered_society", "registered", ["oscr"],
                ["shr"], schemes=())]
CHARITIES = [org("trust", "england", "charitable_company", "registered", ["charity_commission"],
                 schemes=()),
             org("cio", "england", "cio", "registered", ["charity_commission"], schemes=())]
WELSH = [org("cymru", "wales", "charitable_registered_society", "registered",
              ["charity_commission"], ["welsh_government"], schemes=()),
         org("dyffryn", "wales", "charitable_registered_society", "registered",
             ["charity_commission"], ["welsh_government"], schemes=())]

OTHER_NATIONS = {"shr.tenant_ballot", "shr.notify_constitution", "shr.notifiable_event",
                 "wg.notify_restructure", "wg.notify_constitution", "tenants.consult_wales",
                 "dfc.consent", "ni_society.resolution", "redundancy.ni", "oscr.consent",
                 "oscr.notify", "ccni.register_merger", "scio.amalgamation"}
ENGLISH_RP = {"rsh.early_engagement", "rsh.notify_restructure", "rsh.notify_constitution",
              "rsh.notify_change_of_control", "rsh.successor_registration",
              "tenants.consult_england"}
COMPANY_OR_CIO = {"ccbsa.s112_company", "companies.resolution_filing", "cio.merger_resolutions"}
TRANSFER_ONLY = {"ccbsa.special_resolution", "fca.register", "rsh.notify_restructure",
                 "rsh.successor_registration", "tupe.eli", "pension.shps"}

TRANSFER = {"form": "transfer_of_engagements", "roles": {}}
TOE_ROLES = lambda a, b: {"form": "transfer_of_engagements",  # noqa: E731
                          "roles": {a: "transferor", b: "transferee"}}
GROUP_ROLES = lambda p, s: {"form": "group_structure",  # noqa: E731
                            "roles": {p: "parent", s: "joining_subsidiary"}}

# (partners, option, steps that must be there, steps the law does not ask for)
CHECK_TABLE = {
    "english merger": (ENGLISH, {"form": "merger"},
                       {"rsh.early_engagement", "tenants.consult_england",
                        "ccbsa.special_resolution", "rsh.notify_restructure", "fca.register",
                        "rsh.successor_registration", "lender.consents", "tupe.eli",
                        "tupe.inform_consult", "pension.shps"},
                       OTHER_NATIONS | COMPANY_OR_CIO | {"members.resolution",
                                                         "rsh.notify_change_of_control"}),
    "english transfer": (ENGLISH, TOE_ROLES("south", "north"),
                         {"rsh.early_engagement", "tenants.consult_england",
                          "ccbsa.special_resolution", "rsh.notify_restructure", "fca.register",
                          "rsh.notify_constitution", "lender.consents", "tupe.eli",
                          "tupe.inform_consult", "pension.shps"},
                         OTHER_NATIONS | COMPANY_OR_CIO | {"rsh.successor_registration",
                                                           "members.resolution"}),
    "english group": (ENGLISH, GROUP_ROLES("north", "south"),
                      {"rsh.notify_change_of_control", "rsh.notify_constitution",
                       "members.resolution", "lender.consents"},
                      OTHER_NATIONS | COMPANY_OR_CIO | TRANSFER_ONLY),
    "scottish transfer": (SCOTTISH, TOE_ROLES("glen", "firth"),
                          {"shr.tenant_ballot", "oscr.consent", "ccbsa.special_resolution",
                           "fca.register", "shr.notify_constitution"},
                          ENGLISH_RP | COMPANY_OR_CIO | {"wg.notify_restructure", "dfc.consent",
                                                         "tenants.consult_wales",
                                                         "cc.register_merger",
                                                         "members.resolution"}),
    "scottish group": (SCOTTISH, GROUP_ROLES("firth", "glen"),
                       {"shr.tenant_ballot", "members.resolution", "shr.notify_constitution",
                        "oscr.notify"},
                       ENGLISH_RP | TRANSFER_ONLY | {"oscr.consent", "wg.notify_constitution",
                                                     "cc.register_merger"}),
    "charity asset transfer": (CHARITIES, {"form": "merger", "route": "asset_transfer",
                                           "roles": {"trust": "transferor", "cio": "transferee"}},
                               {"cc.register_merger"},
                               ENGLISH_RP | OTHER_NATIONS | {"ccbsa.special_resolution",
                                                             "ccbsa.s112_company",
                                                             "fca.register",
                                                             "cio.merger_resolutions",
                                                             "cc.vesting_declaration"}),
    "charity group": (CHARITIES, GROUP_ROLES("cio", "trust"), set(),
                      ENGLISH_RP | OTHER_NATIONS | TRANSFER_ONLY | {"cc.regulated_alteration",
                                                                    "cc.register_merger"}),
    "welsh transfer": (WELSH, TOE_ROLES("cymru", "dyffryn"),
                       {"tenants.consult_wales", "ccbsa.special_resolution",
                        "wg.notify_restructure", "fca.register"},
                       ENGLISH_RP | COMPANY_OR_CIO | {"shr.tenant_ballot", "oscr.consent",
                                                      "dfc.consent", "wg.notify_constitution"}),
    "welsh group": (WELSH, GROUP_ROLES("cymru", "dyffryn"), {"wg.notify_constitution"},
                    ENGLISH_RP | TRANSFER_ONLY | {"shr.notify_constitution",
                                                  "wg.notify_restructure",
                                                  "tenants.consult_wales"}),
}


@pytest.mark.parametrize("column", CHECK_TABLE)
def test_check_table(column):
    partners, option, present, absent = CHECK_TABLE[column]
    c = case(copy.deepcopy(partners), option)
    found = ids(c)
    assert present <= found, f"missing: {sorted(present - found)}"
    assert not (absent & found), f"not asked for by the law: {sorted(absent & found)}"
    assert not steps(c, "not_known"), "every fact the rules need is given"


def test_transferee_notifies_its_constitution_and_the_transferor_consults_tenants():
    c = case(copy.deepcopy(ENGLISH), TOE_ROLES("south", "north"))
    found = steps(c)
    assert ("rsh.notify_constitution", "north") in found
    assert ("rsh.notify_constitution", "south") not in found
    assert ("tenants.consult_england", "south") in found
    assert ("tenants.consult_england", "north") not in found


def test_ticked_changes_bring_the_regulators_consents():
    c = case(copy.deepcopy(CHARITIES), {**GROUP_ROLES("cio", "trust"),
                                        "regulated_alteration": ["trust"]})
    assert ("cc.regulated_alteration", "trust") in steps(c)
    c = case(copy.deepcopy(SCOTTISH), {**GROUP_ROLES("firth", "glen"),
                                       "regulated_alteration": ["glen"]})
    assert ("oscr.consent", "glen") in steps(c)
    c = case(copy.deepcopy(CHARITIES), {"form": "merger", "route": "asset_transfer",
                                        "roles": {"trust": "transferor", "cio": "transferee"},
                                        "vesting_declaration": ["trust"]})
    assert ("cc.vesting_declaration", "trust") in steps(c)


def test_an_absent_legal_form_is_not_known_never_a_guess():
    partners = copy.deepcopy(ENGLISH)
    del partners[1]["legal_form"]
    c = case(partners, {"form": "merger"})
    unknown = steps(c, "not_known")
    # south's own resolution and north's (its counterparty is south) cannot be decided ...
    assert {("ccbsa.special_resolution", "south"), ("ccbsa.special_resolution", "north"),
            ("fca.register", "south")} <= unknown
    # ... and are neither asserted nor dropped
    assert "ccbsa.special_resolution" not in ids(c)
    # steps that do not rest on the legal form are still decided
    assert ("tenants.consult_england", "south") in steps(c)
    route = generate(c, c.option("deal"))
    assert {s.missing for s in route.not_known} == {"legal_form"}


def test_a_transfer_without_roles_lists_role_steps_as_not_known():
    c = case(copy.deepcopy(ENGLISH), TRANSFER)
    assert ("tenants.consult_england", "north") in steps(c, "not_known")
    assert ("rsh.early_engagement", "north") in steps(c)        # needs no role


def test_the_step_table_is_acyclic_and_every_step_has_a_source_and_text():
    order = _topological()
    assert sorted(order) == sorted(s.id for s in STEPS)
    position = {sid: k for k, sid in enumerate(order)}
    for s in STEPS:
        assert s.source.strip() and s.text.strip(), s.id
        assert s.weeks[0] <= s.weeks[1], s.id
        for a in s.after:
            assert a in position, f"{s.id} follows an unknown step {a}"
            assert position[a] < position[s.id]
    assert len({s.id for s in STEPS}) == len(STEPS)


def test_timetable_worked_by_hand():
    # English amalgamation, nothing started. Latest (every step at high):
    # in principle 4 → due diligence +16 = 20 → lender consents +26 = 46 → final decision +4
    # = 50 → special resolution +6 = 56 (tenants' consultation ends at 4 + 12 = 16, earlier)
    # → FCA registration +4 = 60 → register of mergers +4 = 64. Earliest (every step at low):
    # 0 → 8 → 16 → 16 → 19 → 20 → 21.
    c = case(copy.deepcopy(ENGLISH), {"form": "merger"})
    route = generate(c, c.option("deal"))
    assert route.completion_weeks == (21.0, 64.0)
    path = [s.id for s in route.steps if s.on_critical_path]
    assert path == ["board.in_principle", "dd.complete", "board.final_decision",
                    "ccbsa.special_resolution", "fca.register", "cc.register_merger",
                    "lender.consents"]          # in table order


def test_done_steps_take_no_more_time():
    c = case(copy.deepcopy(ENGLISH), {"form": "merger"})
    data = c.model_dump(mode="json", exclude_none=True)
    data["route_progress"] = [
        {"option": "deal", "step": "board.in_principle", "organisation": o, "status": "done"}
        for o in ("north", "south")] + [
        {"option": "deal", "step": "dd.complete", "status": "done"}]
    c = parse_data(data)
    assert generate(c, c.option("deal")).completion_weeks == (13.0, 44.0)   # 64 − 4 − 16
