"""Capacity results in the board's words: each test named, its breaches as warnings (V10).

The engine's :mod:`appraisal.finance.capacity` measures; this module turns each measured test
into a :class:`CapacityResult`, names it as a person would ("Oak Housing's interest cover
covenant with Bank A"), words a metric's value and headroom, and writes the breach warnings.
The app, the paper and the warnings all read these words, so a test is named alike everywhere.
"""
from __future__ import annotations

from collections.abc import Iterator

from . import wording
from .finance.capacity import Outcome
from .finance.capacity_specs import merged_rules
from .formatting import headroom_text, ratio
from .paths import FieldPath
from .results import AppraisalWarning, CapacityResult, OptionResult

__all__ = ["headroom_text", "ratio"]   # worded in formatting, read here by the app and paper

METRIC_NAME = {"interest_cover": "interest cover", "gearing": "gearing"}


def results_of(case, outcomes: list[Outcome]) -> list[CapacityResult]:
    """One option's measured tests as results, in V10's order."""
    out = []
    for item in outcomes:
        spec, rule = item.spec, item.spec.rule
        lender = None
        if spec.loan is not None:
            lender = case.loan(spec.loan)[1].lender or None
        derived = spec.organisation is None and not case.merged_golden_rules
        out.append(CapacityResult(
            organisation=spec.organisation, loan=spec.loan, lender=lender, metric=rule.metric,
            limit=rule.limit, bound=rule.bound, basis=rule.basis_or_default,
            definition=rule.definition_or_default, derived=derived,
            entity=[case.organisations[k].id for k in spec.entity], **item.measured()))
    return out


def possessive(name: str) -> str:
    """'Oak Housing' → "Oak Housing's"; 'Elm Homes' → "Elm Homes'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def limit_text(test: CapacityResult, *, fine: bool = False) -> str:
    """'at least 1.25x' or 'at most 65.0%'."""
    word = "at least" if test.bound == "min" else "at most"
    return f"{word} {ratio(test.metric, test.limit, fine=fine)}"


def test_name(case, test: CapacityResult) -> str:
    """A test as a person names it.

    'Oak Housing's interest cover covenant with Bank A', 'Oak Housing's golden rule on gearing',
    'the merged body's golden rule on interest cover'.
    """
    metric = METRIC_NAME[test.metric]
    if test.organisation is None:
        how = "taken from the partners' strictest" if test.derived else "set by the case"
        return f"the merged body's golden rule on {metric} ({how})"
    org = possessive(case.organisation(test.organisation).name)
    if test.loan is None:
        return f"{org} golden rule on {metric}"
    return f"{org} {metric} covenant with {test.lender or 'its lender'}"


def whose(case, test: CapacityResult) -> str:
    """Whose test it is, for a table's first column: the partner, or 'Merged body'."""
    if test.organisation is None:
        return "Merged body"
    name = case.organisation(test.organisation).name
    return f"{name} (combined)" if len(test.entity) > 1 else name


def rule_label(test: CapacityResult) -> str:
    """The test without its partner: 'Bank A covenant: interest cover', 'Golden rule: gearing'."""
    what = f"{test.lender or 'Lender'} covenant" if test.loan is not None else "Golden rule"
    if test.organisation is None and test.derived:
        what = "Golden rule (strictest partner's)"
    return f"{what}: {METRIC_NAME[test.metric]}"


def basis_text(test: CapacityResult) -> str:
    """How the metric is measured, in a few words, for tables and notes."""
    words = {"underlying": "one-off items excluded", "all": "one-off items included"}
    text = words[test.basis]
    if test.metric == "interest_cover":
        text = ("EBITDA" if test.definition == "ebitda" else "EBITDA-MRI") + ", " + text
    return text


def calendar(first_year: int, year: int) -> str:
    return f"{first_year + year - 1} (year {year})"


def tightest(option: OptionResult) -> CapacityResult | None:
    """The test with the least headroom in the base case, as a share of its limit."""
    found = [t for t in option.capacity if t.min_headroom["value"] is not None]
    if not found:
        return None
    return min(found, key=lambda t: t.min_headroom["value"] / (t.limit or 1.0))


def flag(option: OptionResult, first_year: int) -> str | None:
    """A few words for wherever options are listed, or None when every test holds (or there
    are none): 'breaks a covenant in 2027', 'breaks a golden rule if pessimistic (2029)'."""
    def first(tests, stressed: bool):
        years = [t.stressed_first_breach_year if stressed else t.first_breach_year
                 for t in tests]
        years = [y for y in years if y is not None]
        return min(years) if years else None

    covenants = [t for t in option.capacity if t.loan is not None]
    rules = [t for t in option.capacity if t.loan is None]
    for tests, noun in ((covenants, "a covenant"), (rules, "a golden rule")):
        year = first(tests, False)
        if year is not None:
            return f"breaks {noun} in {first_year + year - 1}"
    for tests, noun in ((covenants, "a covenant"), (rules, "a golden rule")):
        year = first(tests, True)
        if year is not None:
            return f"breaks {noun} if pessimistic ({first_year + year - 1})"
    return None


def breach_params(case, option_name: str, test: CapacityResult, first_year: int, *,
                  stressed: bool) -> dict | None:
    """A breach's figures (base or pessimistic) as a covenant_breach warning carries them, for
    :mod:`appraisal.wording` to word; None where the test holds."""
    year = test.stressed_first_breach_year if stressed else test.first_breach_year
    if year is None:
        return None
    values = test.stressed_values if stressed else test.values
    money_row = test.stressed_headroom_money if stressed else test.headroom_money
    return {"option": option_name, "test": test_name(case, test), "year": first_year + year - 1,
            "index": year, "stressed": stressed, "metric": test.metric, "value": values[year - 1],
            "limit": test.limit, "bound": test.bound, "short": money_row[year - 1]}


def breach_sentence(case, option_name: str, test: CapacityResult, first_year: int, *,
                    stressed: bool) -> str | None:
    """One sentence on a breach, base or pessimistic; None where the test holds."""
    params = breach_params(case, option_name, test, first_year, stressed=stressed)
    return None if params is None else wording.KINDS["covenant_breach"].words(params, True)


def warnings(case, options: list[OptionResult], first_year: int) -> Iterator[AppraisalWarning]:
    """A warning for each breach (base, then pessimistic) and for each merged body whose rules
    were taken from the partners' own because the case sets none."""
    for i, option in enumerate(options):
        _, derived = merged_rules(case, case.options[i])
        if derived:
            yield AppraisalWarning("golden_rules_taken", FieldPath.of("options", i),
                                   {"option": option.name})
        for test in option.capacity:
            for stressed in (False, True):
                if stressed and not _breaks_sooner(test):
                    continue
                params = breach_params(case, f"'{option.name}'", test, first_year,
                                       stressed=stressed)
                if params is not None:
                    yield AppraisalWarning("covenant_breach", FieldPath.of("options", i), params)


def _breaks_sooner(test: CapacityResult) -> bool:
    """The pessimistic case breaks where the base case holds, or breaks earlier."""
    s, b = test.stressed_first_breach_year, test.first_breach_year
    return s is not None and (b is None or s < b)
