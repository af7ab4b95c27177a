"""Deal terms (deal-terms.md D1–D4, D6): refusals naming the field, warnings, the gate's
"None recorded" against "Not yet assessed", and the results' ``deal`` object."""
from __future__ import annotations

import copy

import pytest

from appraisal.casefile import CaseError, parse_data
from appraisal.deal.gate import deal_of
from appraisal.engine import appraise

from test_deal_route import ENGLISH, case


def english_merger(**option):
    return case(copy.deepcopy(ENGLISH), {"form": "merger", **option})


def data_of(c) -> dict:
    return c.model_dump(mode="json", exclude_none=True)


def settled(c) -> dict:
    """The English merger with every deal term recorded and settled, and every step done."""
    data = data_of(c)
    option = data["options"][1]
    option["governance"] = {"items": [
        {"item": "chief_executive", "proposal": "North's chief executive", "status": "agreed"},
        {"item": "chair", "proposal": "South's chair", "status": "agreed"}]}
    option["lender_consents"] = [
        {"loan": "north-loan", "consent_needed": "yes", "status": "granted"},
        {"loan": "south-loan", "consent_needed": "no", "status": "not_required"}]
    route = deal_of(c, c.option("deal")).route
    data["route_progress"] = [{"option": "deal", "step": s.id, "organisation": s.organisation,
                               "status": "done"} for s in route.steps if s.applies is True]
    return data


def test_gate_says_none_recorded_only_when_everything_is_recorded_and_settled():
    deal = deal_of(parse_data(settled(english_merger())), parse_data(
        settled(english_merger())).option("deal"))
    assert deal.gates == [] and deal.assessed and deal.verdict == "None recorded"


def test_gate_without_a_settlement_is_not_yet_assessed_even_with_nothing_open():
    data = settled(english_merger())
    del data["options"][1]["governance"]
    c = parse_data(data)
    deal = deal_of(c, c.option("deal"))
    assert deal.gates == []
    assert deal.verdict == "Not yet assessed"
    assert deal.missing == ["the governance settlement"]


def test_gate_lists_open_points_in_order():
    data = settled(english_merger())
    option = data["options"][1]
    option["governance"]["items"][1]["status"] = "not_agreed"
    option["governance"]["items"][1]["owner"] = "Chairs"
    option["lender_consents"][0]["status"] = "refused"
    data["due_diligence"] = [{"id": "dd-1", "area": "pensions", "organisation": "south",
                              "finding": "SHPS cessation debt", "severity": 4}]
    data["route_progress"] = [p for p in data["route_progress"] if p["step"] != "fca.register"]
    c = parse_data(data)
    deal = deal_of(c, c.option("deal"))
    assert [g.kind for g in deal.gates] == ["governance", "lender", "due_diligence", "route",
                                            "route"]
    assert deal.gates[0].text == "Chair: South's chair"
    assert (deal.gates[0].status, deal.gates[0].owner) == ("not agreed", "Chairs")
    assert deal.gates[1].status == "refused"
    assert deal.gates[2].ref == "dd-1"
    assert {g.ref for g in deal.gates[3:]} == {"fca.register@north", "fca.register@south"}
    assert deal.assessed          # everything is recorded: the points are simply open
    assert deal.cannot_proceed == ["Chair"]


def test_missing_lender_positions_are_generated_as_unknown_and_keep_it_unassessed():
    data = settled(english_merger())
    data["options"][1]["lender_consents"] = data["options"][1]["lender_consents"][:1]
    c = parse_data(data)
    deal = deal_of(c, c.option("deal"))
    generated = [r for r in deal.consents if r.generated]
    assert [(r.loan, r.consent_needed) for r in generated] == [("south-loan", "unknown")]
    assert "lenders' positions on 1 loan" in deal.missing
    assert [g.kind for g in deal.gates] == ["lender"]


def test_results_json_carries_the_deal_object():
    c = parse_data(settled(english_merger()))
    out = appraise(c, monte_carlo=False).to_json()
    deal = out["options"][1]["deal"]
    assert deal["assessed"] is True and deal["gates"] == []
    assert deal["completion_weeks"] == [0.0, 0.0]          # every step done
    first = deal["route"][0]
    assert first == {"step": "board.in_principle", "organisation": "north", "applies": True,
                     "status": "done", "weeks": [0.0, 4.0], "critical": False,
                     "on_critical_path": first["on_critical_path"]}
    assert out["options"][0]["deal"]["route"] == []          # the baseline: nothing to do


def test_deal_terms_change_no_figure():
    plain = appraise(english_merger(), monte_carlo=False)
    dealt = appraise(parse_data(settled(english_merger())), monte_carlo=False)
    assert [o.npv for o in plain.options] == [o.npv for o in dealt.options]


@pytest.mark.parametrize("edit, path", [
    (lambda d: d["organisations"][0].update(legal_form="cio", jurisdiction="scotland"),
     "organisations[0].legal_form"),
    (lambda d: d["organisations"][0].update(charity_status="none"),
     "organisations[0].charity_status"),
    (lambda d: d["organisations"][0].update(legal_form="scio"), "organisations[0].legal_form"),
    (lambda d: d["organisations"][0].update(housing_regulators=["fca"]),
     "organisations[0].housing_regulators[0]"),
    (lambda d: d["options"][1]["lender_consents"].append({"loan": "nope"}),
     "options[1].lender_consents[2].loan"),
    (lambda d: d["options"][1]["lender_consents"][0].update(cost_line="one_off_costs[4]"),
     "options[1].lender_consents[0].cost_line"),
    (lambda d: d["options"][1]["governance"]["items"].append({"item": "chair"}),
     "options[1].governance.items[2].item"),
    (lambda d: d["options"][1].update(roles={"north": "transferor", "south": "transferor"},
                                      route="transfer_of_engagements"), "options[1].roles"),
    (lambda d: d.update(due_diligence=[{"id": "a", "area": "pensions", "finding": "x",
                                        "severity": 3, "cost_line": {"option": "deal",
                                                                     "ref": "savings[9]"}}]),
     "due_diligence[0].cost_line.ref"),
    (lambda d: d.update(due_diligence=[{"id": "a", "area": "pensions", "finding": "x",
                                        "severity": 3, "risk": "r-9"}]), "due_diligence[0].risk"),
    (lambda d: d["route_progress"].append({"option": "deal", "step": "made.up"}),
     "route_progress[last].step"),
])
def test_refusals_name_the_field(edit, path):
    data = settled(english_merger())
    edit(data)
    if path == "route_progress[last].step":
        path = f"route_progress[{len(data['route_progress']) - 1}].step"
    with pytest.raises(CaseError) as caught:
        parse_data(data)
    assert path in str(caught.value)


def test_warnings_for_unpriced_findings_uncosted_consents_and_regulators_elsewhere():
    data = settled(english_merger())
    data["organisations"][0]["housing_regulators"] = ["shr"]
    data["options"][1]["lender_consents"][0].update(status="requested",
                                                    triggers=["repricing"])
    data["due_diligence"] = [{"id": "dd-9", "area": "building_fire_safety",
                              "organisation": "north", "finding": "Cladding", "severity": 5}]
    found = {str(w.path): w.message
             for w in appraise(parse_data(data), monte_carlo=False).warnings}
    assert "registered with the Scottish Housing Regulator but is in England" in found[
        "organisations[0].housing_regulators"]
    assert "the cost of this consent is not in the appraisal" in found[
        "options[1].lender_consents[0]"]
    assert "priced or registered?" in found["due_diligence[0]"]


def test_a_case_without_deal_terms_warns_as_before(case_dict):
    c = parse_data(case_dict())
    assert not [w for w in appraise(c, monte_carlo=False).warnings if w.kind.startswith("deal")]
