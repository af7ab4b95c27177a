"""The case's rules for V10's capacity test (model-v2.md V10), each refusal naming its field.

Yields ``(path, message)`` pairs as :mod:`appraisal.rules` does: a plan year outside the horizon
or given twice, a rule with the wrong metric or bound, a covenant without a ``basis``, a
covenant on a partner with no plan, partners combined by a merger without plans, ``roles`` and
``shares`` that do not fit the option.
"""
from __future__ import annotations

from collections.abc import Iterator

from .case_capacity import BASES, BOUND_OF_METRIC, DEFINITIONS, METRICS, SCOPES
from .finance.capacity_plan import ROLES, combining, involved, is_partner

Problem = tuple[str, str]
SHARE_TOLERANCE = 1e-6


def check_capacity(case) -> Iterator[Problem]:
    """Every broken V10 rule of the case, in file order."""
    horizon = case.settings.horizon_years
    for k, org in enumerate(case.organisations):
        at = f"organisations[{k}]"
        if not is_partner(org) and org.finances is not None:
            yield f"{at}.finances", "a cost sharing group has no business plan of its own"
        if org.finances is not None:
            yield from _plan(org.finances, f"{at}.finances", horizon)
        for m, loan in enumerate(org.loans):
            for r, rule in enumerate(loan.covenants):
                path = f"{at}.loans[{m}].covenants[{r}]"
                yield from _rule(rule, path, covenant=True)
                if org.finances is None:
                    yield path, _no_plan(org, "a covenant")
        for r, rule in enumerate(org.golden_rules):
            path = f"{at}.golden_rules[{r}]"
            yield from _rule(rule, path, covenant=False)
            if org.finances is None:
                yield path, _no_plan(org, "a golden rule")
    for r, rule in enumerate(case.merged_golden_rules or []):
        yield from _rule(rule, f"merged_golden_rules[{r}]", covenant=False)
    for i, option in enumerate(case.options):
        yield from _roles_and_shares(case, option, f"options[{i}]")
    yield from _plans_needed(case)


def _no_plan(org, what: str) -> str:
    return (f"{what} is tested on {org.name}'s business plan, and it has none: enter its "
            "finances (the plan in outline) or remove the rule")


def _plan(fin, at: str, horizon: int) -> Iterator[Problem]:
    seen: set[int] = set()
    for j, entry in enumerate(fin.plan):
        if entry.year > horizon:
            yield f"{at}.plan[{j}].year", (
                f"year {entry.year} is beyond the horizon of {horizon} years")
        if entry.year in seen:
            yield f"{at}.plan[{j}].year", f"year {entry.year} is given twice in the plan"
        seen.add(entry.year)


def _rule(rule, at: str, *, covenant: bool) -> Iterator[Problem]:
    if rule.metric not in METRICS:
        yield f"{at}.metric", (f"'{rule.metric}' is not a metric tested here (use "
                               "'interest_cover' or 'gearing')")
        return
    bound = BOUND_OF_METRIC[rule.metric]
    other = "max" if bound == "min" else "min"
    noun = "interest cover" if rule.metric == "interest_cover" else "gearing"
    if getattr(rule, other) is not None:
        yield f"{at}.{other}", f"{noun} takes a '{bound}', not a '{other}'"
    limit = getattr(rule, bound)
    if limit is None:
        yield f"{at}.{bound}", f"give the {noun} limit as '{bound}'"
    elif limit < 0:
        yield f"{at}.{bound}", f"the limit must be 0 or more ({limit:g} given)"
    if rule.basis is None and covenant:
        yield f"{at}.basis", ("a lender's covenant needs its basis as the loan agreement states "
                              "it: 'underlying' (one-off items left out) or 'all'")
    elif rule.basis is not None and rule.basis not in BASES:
        yield f"{at}.basis", f"'{rule.basis}' is not a basis (use 'underlying' or 'all')"
    if rule.definition is not None:
        if rule.metric != "interest_cover":
            yield f"{at}.definition", "only interest cover takes a definition"
        elif rule.definition not in DEFINITIONS:
            yield f"{at}.definition", (f"'{rule.definition}' is not a definition of interest "
                                       "cover (use 'ebitda_mri' or 'ebitda')")
    if rule.scope is not None:
        if not covenant:
            yield f"{at}.scope", ("only a lender's covenant has a scope; a board's golden rule "
                                  "applies to its own body")
        elif rule.scope not in SCOPES:
            yield f"{at}.scope", f"'{rule.scope}' is not a scope (use 'borrower' or 'group')"


def _roles_and_shares(case, option, at: str) -> Iterator[Problem]:
    ids = {o.id for o in case.organisations}
    for org_id, role in (option.roles or {}).items():
        if org_id not in ids:
            yield f"{at}.roles", f"unknown organisation '{org_id}'"
        elif role not in ROLES:
            yield f"{at}.roles", (f"'{role}' is not a role (use one of "
                                  f"{', '.join(ROLES)})")
    if option.shares is None:
        return
    partners = {case.organisations[k].id for k in involved(case, option)}
    for org_id, value in option.shares.items():
        if org_id not in partners:
            yield f"{at}.shares", (f"'{org_id}' is not a partner involved in this option; "
                                   "shares split its joint lines among its involved partners")
        elif value < 0:
            yield f"{at}.shares", f"the share of '{org_id}' must be 0 or more ({value:g} given)"
    total = sum(option.shares.values())
    if abs(total - 1.0) > SHARE_TOLERANCE:
        yield f"{at}.shares", f"the shares must add up to 1 (they add up to {total:g})"


def _has_rules(case) -> bool:
    return bool(case.merged_golden_rules) or any(
        org.golden_rules or any(loan.covenants for loan in org.loans)
        for org in case.organisations)


def _plans_needed(case) -> Iterator[Problem]:
    """Partners whose figures a combined test adds up need a plan of their own."""
    if not _has_rules(case):
        return
    named: set[int] = set()
    for option in case.options:
        needed = combining(case, option)
        if option.form == "group_structure":
            group = involved(case, option)
            if any(rule.scope == "group" for k in group
                   for loan in case.organisations[k].loans for rule in loan.covenants):
                needed = group
        for k in needed:
            org = case.organisations[k]
            if org.finances is None and k not in named:
                named.add(k)
                yield f"organisations[{k}].finances", (
                    f"{org.name} has no business plan in outline, but option '{option.name}' "
                    "tests its figures combined with its partners' against covenants or golden "
                    "rules: enter its finances")
