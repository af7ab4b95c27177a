"""Which tests each option runs, on which entity, in V10's order (model-v2.md V10).

Partners in file order; for each, its loans' covenants, then its golden rules where it stands
alone in the option; then the merged body's rules where the option combines partners. A merger
or transfer of engagements tests every covenant of the combining partners' loans on their
combined figures, with ``merged_golden_rules`` (or, where the case sets none, the strictest of
the combining partners' own golden rules). In a group structure a ``scope: "group"`` covenant of
an involved borrower is tested on the group's combined figures.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..case_capacity import CapacityRule
from . import capacity_plan as cp


@dataclass
class RuleSpec:
    """One test before it is computed: where it comes from and what it is tested on."""

    option: int
    organisation: str | None
    loan: str | None
    rule: CapacityRule
    entity: tuple[int, ...]
    years: int                      # tested in years 1..years


def strictest_rules(case, partners: list[int]) -> list[CapacityRule]:
    """One rule per metric, basis and definition: the highest minimum, the lowest maximum.

    Taken from the partners' own golden rules, in the order each first appears.
    """
    found: dict[tuple, CapacityRule] = {}
    for k in partners:
        for rule in case.organisations[k].golden_rules:
            key = (rule.metric, rule.basis_or_default, rule.definition_or_default)
            held = found.get(key)
            if held is None or (rule.limit > held.limit if rule.bound == "min"
                                else rule.limit < held.limit):
                found[key] = rule
    out = []
    for (metric, basis, definition), rule in found.items():
        data = {"metric": metric, rule.bound: rule.limit, "basis": basis}
        if definition is not None and definition != "ebitda_mri":
            data["definition"] = definition
        out.append(CapacityRule(**data))
    return out


def merged_rules(case, option) -> tuple[list[CapacityRule], bool]:
    """The rules the combined body is held to, and whether they were derived (strictest)."""
    partners = cp.combining(case, option)
    if not partners:
        return [], False
    if case.merged_golden_rules:
        return list(case.merged_golden_rules), False
    derived = strictest_rules(case, partners)
    return derived, bool(derived)


def option_specs(case, o: int) -> list[RuleSpec]:
    """Every test of option ``o``, in results order."""
    option = case.options[o]
    horizon = case.settings.horizon_years
    merged = tuple(cp.combining(case, option))
    group = tuple(cp.involved(case, option)) if option.form == "group_structure" else ()
    specs = []
    for k, org in enumerate(case.organisations):
        if not cp.is_partner(org) or org.finances is None:
            continue
        combined = k in merged
        for loan in org.loans:
            years = min(horizon, loan.remaining_years)
            for rule in loan.covenants:
                entity: tuple[int, ...] = (k,)
                if combined:
                    entity = merged
                elif rule.scope == "group" and k in group:
                    entity = group
                specs.append(RuleSpec(o, org.id, loan.id, rule, entity, years))
        if not combined:
            specs.extend(RuleSpec(o, org.id, None, rule, (k,), horizon)
                         for rule in org.golden_rules)
    rules, _ = merged_rules(case, option)
    specs.extend(RuleSpec(o, None, None, rule, merged, horizon) for rule in rules)
    return specs
