"""Who supplies a shared service (model-v2.md V6): cost sharing groups, the refusals, the warnings
and the recharge between organisations, each on a case crafted for it.
"""
from __future__ import annotations

import pytest

from appraisal.casefile import CaseError, parse_data
from appraisal.engine import appraise

GROUP = {"id": "csg", "name": "Oak and Elm Services", "kind": "cost_sharing_group",
         "members": ["oak", "elm"]}
SERVICE = "options[1].shared_services[0]"


def _warnings(data) -> dict[str, str]:
    return {w.path: w.message for w in appraise(parse_data(data), monte_carlo=False).warnings}


def _refused(data) -> dict[str, str]:
    with pytest.raises(CaseError) as caught:
        parse_data(data)
    return dict(caught.value.problems)


@pytest.fixture
def grouped(case_dict):
    """The base case with a cost sharing group of Oak and Elm supplying the shared service,
    exempt, and carrying its own running costs."""
    data = case_dict()
    data["organisations"].append(dict(GROUP))
    shared = data["options"][1]
    shared["recurring_costs"].append({"label": "Group's running costs", "organisation": "csg",
                                      "annual": 12000})
    shared["shared_services"][0].update(supplier="csg", vat_treatment="cost_sharing_exemption")
    return data


def test_exemption_with_a_partner_as_supplier_is_refused(case_dict):
    """VATA 1994 Sch. 9 Group 16 item 1; HMRC manual CSE3120: the exemption covers services
    supplied by an independent group to its members, a body legally separate from them. Oak
    supplying Elm directly is a supply between two partners and can never be exempt."""
    data = case_dict()
    data["options"][1]["shared_services"][0].update(supplier="oak",
                                                    vat_treatment="cost_sharing_exemption")
    found = _refused(data)
    assert list(found) == [f"{SERVICE}.supplier"]
    assert "cost sharing group" in found[f"{SERVICE}.supplier"]
    assert "Oak Housing" in found[f"{SERVICE}.supplier"]


def test_exemption_from_a_group_the_recipient_is_not_a_member_of_is_refused(grouped):
    """HMRC manual CSE3120: the group supplies its own members only; Elm outside it gets no
    exemption."""
    grouped["organisations"].append({"id": "ash", "name": "Ash Trust"})
    grouped["organisations"][2]["members"] = ["oak", "ash"]
    assert f"{SERVICE}.supplier" in _refused(grouped)


def test_exemption_from_a_group_with_the_recipient_a_member_is_accepted(grouped):
    """VATA 1994 Sch. 9 Group 16: with the group as supplier and Elm a member, no VAT falls on
    the £80,000 service (the conditions still to confirm are warned about)."""
    results = appraise(parse_data(grouped), monte_carlo=False)
    shared = results.option("shared")
    assert all(cf.irrecoverable_vat == 0 for cf in shared.cash_flows)
    assert "five conditions" in {w.path: w.message for w in results.warnings}[SERVICE]


@pytest.mark.parametrize("supplier, words", [("elm", "its own recipient"),
                                              ("nobody", "unknown organisation 'nobody'")])
def test_a_supplier_that_is_the_recipient_or_unknown_is_refused(case_dict, supplier, words):
    """model-v2.md V6: a supplier is an organisation of the case and never the recipient."""
    data = case_dict()
    data["options"][1]["shared_services"][0]["supplier"] = supplier
    assert words in _refused(data)[f"{SERVICE}.supplier"]


@pytest.mark.parametrize("members, words", [
    (["oak"], "at least two different members"),
    (["oak", "oak"], "at least two different members"),
    (["oak", "birch"], "unknown organisation 'birch'"),
    (["oak", "csg"], "member of itself"),
])
def test_a_group_needs_two_known_members_other_than_itself(case_dict, members, words):
    """HMRC manual CSE3120 (a group of persons, legally separate from its members);
    model-v2.md V6: at least two distinct members, each a known organisation other than the
    group itself."""
    data = case_dict()
    data["organisations"].append({**GROUP, "members": members})
    assert words in _refused(data)["organisations[2].members"]


def test_a_group_cannot_be_a_member_of_another_group_nor_borrow(case_dict):
    """model-v2.md V6: members are partners, not other groups; a group carries no loans."""
    data = case_dict()
    data["organisations"].append(dict(GROUP))
    data["organisations"].append({"id": "csg2", "name": "Second group",
                                  "kind": "cost_sharing_group", "members": ["oak", "csg"],
                                  "loans": [{"id": "g-1", "balance": 1000,
                                             "remaining_years": 2}]})
    found = _refused(data)
    assert "is itself a cost sharing group" in found["organisations[3].members"]
    assert "no loans" in found["organisations[3].loans"]


def test_members_on_a_partner_are_refused(case_dict):
    data = case_dict()
    data["organisations"][1]["members"] = ["oak"]
    assert "only a cost sharing group" in _refused(data)["organisations[1].members"]


def test_exemption_without_a_supplier_is_warned(case_dict):
    """HMRC manual CSE3120: the exemption needs a cost sharing group, with the recipient a
    member, as the supplier; without a named supplier it is accepted but warned about."""
    data = case_dict()
    data["options"][1]["shared_services"][0]["vat_treatment"] = "cost_sharing_exemption"
    found = _warnings(data)
    assert "needs a cost sharing group as the supplier, with Elm Homes among its members" in (
        found[f"{SERVICE}.vat_treatment"])


def test_no_supplier_warns_the_charge_is_left_out_of_the_figures_by_organisation(case_dict):
    """model-v2.md V6: without a supplier nothing moves between organisations."""
    message = _warnings(case_dict())[f"{SERVICE}.supplier"]
    assert "figures by organisation leave out its charge of £80,000 a year" in message


def test_a_group_with_no_lines_of_its_own_is_warned(case_dict):
    """HMRC manual CSE4140 and domain notes §2.2: the group has its own set-up and running costs,
    and cannot recover the VAT on its own purchases; a group with no lines leaves them out."""
    data = case_dict()
    data["organisations"].append(dict(GROUP))
    data["options"][1]["shared_services"][0]["supplier"] = "csg"
    found = _warnings(data)
    assert "Oak and Elm Services has no lines of its own" in found["organisations[2]"]
    assert f"{SERVICE}.supplier" not in found        # said once, for the whole case


def test_a_group_with_lines_elsewhere_but_none_in_this_option_is_warned_there(grouped):
    """The group's costs must be in every option it supplies (model-v2.md V6)."""
    grouped["options"][2]["shared_services"] = [
        {"label": "Payroll", "recipient": "oak", "supplier": "csg", "annual_value": 10000}]
    found = _warnings(grouped)
    assert "organisations[2]" not in found
    assert "in 'Merger'" in found["options[2].shared_services[0].supplier"]


def test_outside_scope_between_independent_partners_is_warned(case_dict):
    """VATA 1994 s.4 and s.5: a recharge for services between two independent bodies is a
    supply for consideration, normally taxable."""
    data = case_dict()
    data["options"][1]["shared_services"][0].update(supplier="oak",
                                                    vat_treatment="outside_scope")
    message = _warnings(data)[f"{SERVICE}.vat_treatment"]
    assert "normally a taxable supply" in message and "Oak Housing" in message


def test_outside_scope_inside_a_group_structure_is_quiet(case_dict):
    data = case_dict()
    data["options"][1]["form"] = "group_structure"
    data["options"][1]["shared_services"][0].update(supplier="oak",
                                                    vat_treatment="outside_scope")
    assert f"{SERVICE}.vat_treatment" not in _warnings(data)


def test_vat_group_outside_a_group_merger_or_transfer_is_warned(case_dict):
    """VATA 1994 s.43A: a VAT group needs common control."""
    data = case_dict()
    data["options"][1]["shared_services"][0]["vat_treatment"] = "vat_group"
    assert "common control" in _warnings(data)[SERVICE]


def test_the_recharge_moves_from_recipient_to_supplier_and_cancels(case_dict):
    """model-v2.md V6: Elm pays Oak £80,000 a year from year 1; over 5 years at 3.5% that is
    80,000 × (1 − 1.035^−5) / 0.035 = 80,000 × 4.515052 = £361,204.19, added to Oak's NPV and
    taken from Elm's; no NPV of the option changes."""
    data = case_dict()
    before = appraise(parse_data(data), monte_carlo=False).option("shared")
    data["options"][1]["shared_services"][0]["supplier"] = "oak"
    after = appraise(parse_data(data), monte_carlo=False).option("shared")
    moved = 80000 * (1 - 1.035 ** -5) / 0.035
    assert round(moved, 2) == 361204.19
    assert after.npv == pytest.approx(before.npv, abs=1e-6)
    assert after.by_organisation["oak"] == pytest.approx(before.by_organisation["oak"] + moved)
    assert after.by_organisation["elm"] == pytest.approx(before.by_organisation["elm"] - moved)


def test_a_group_supplier_appears_in_the_figures_by_organisation(grouped):
    """The group receives the charge and pays its own running costs (£12,000 a year)."""
    shared = appraise(parse_data(grouped), monte_carlo=False).option("shared")
    annuity = (1 - 1.035 ** -5) / 0.035
    assert shared.by_organisation["csg"] == pytest.approx((80000 - 12000) * annuity)
