"""Rules of the case file that join fields together (model.md §1), reported with field paths.

Each check yields ``(path, message)`` pairs such as
``("options[2].scores.brand", "unknown criterion 'brand'")``. A score may be missing (left
out or null): the case is then not fully scored, which the engine reports (no rule is broken). :func:`check_case` runs them all and
returns every problem at once, so the app can show each beside its field.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from . import scales
from .capacity_rules import check_capacity
from .case import Case
from .deal.checks import check_deal
from .finance import vat
from .kinds import KIND, KIND_IDS, RANGED_KINDS
from .members import check_members
from .scoring import RANDOM_INDEX
from .time_rules import check_time_and_prices

Problem = tuple[str, str]


def check_case(case: Case) -> list[Problem]:
    """Every broken cross-field rule of the case, in file order."""
    problems: list[Problem] = []
    for check in (_date, _unique_ids, _baseline, _criteria, _options, check_time_and_prices,
                  check_capacity, _drivers, vat.problems, scales.problems, check_deal,
                  check_members):
        problems.extend(check(case))
    return problems


def _duplicates(ids: list[str]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    found = []
    for i, value in enumerate(ids):
        if value in seen:
            found.append((i, value))
        seen.add(value)
    return found


def _unique_ids(case: Case) -> Iterator[Problem]:
    for name, items in (("organisations", case.organisations), ("criteria", case.criteria),
                        ("options", case.options)):
        for i, value in _duplicates([item.id for item in items]):
            yield f"{name}[{i}].id", f"duplicate id '{value}'"
    for o, org in enumerate(case.organisations):
        if org.id == "joint":
            yield f"organisations[{o}].id", ("'joint' is reserved for lines shared by all "
                                             "partners; give the organisation another id")
    seen: set[str] = set()
    for o, org in enumerate(case.organisations):
        for k, loan in enumerate(org.loans):
            if loan.id in seen:
                yield f"organisations[{o}].loans[{k}].id", f"duplicate loan id '{loan.id}'"
            seen.add(loan.id)


def _date(case: Case) -> Iterator[Problem]:
    if case.date is None:
        return
    try:
        date.fromisoformat(case.date)
    except ValueError:
        yield "date", f"'{case.date}' is not a real date (use YYYY-MM-DD)"


def _baseline(case: Case) -> Iterator[Problem]:
    flagged = [i for i, o in enumerate(case.options) if o.baseline]
    if not flagged:
        yield "options", "no option is marked as the baseline (exactly one must be)"
    for i in flagged[1:]:
        yield f"options[{i}].baseline", (
            f"more than one baseline: '{case.options[flagged[0]].id}' is already the baseline")


def _criteria(case: Case) -> Iterator[Problem]:
    option_ids = {o.id for o in case.options}
    if (case.recommendation is not None and case.recommendation.option is not None
            and case.recommendation.option not in option_ids):
        yield "recommendation.option", f"unknown option '{case.recommendation.option}'"
    for i, risk in enumerate(case.risks):
        if risk.option is not None and risk.option not in option_ids:
            yield f"risks[{i}].option", f"unknown option '{risk.option}'"
    yield from _weighting(case)


def _weighting(case: Case) -> Iterator[Problem]:
    w = case.weighting
    if w is None:
        return
    criterion_ids = {c.id for c in case.criteria}
    for cid in (w.swing or {}):
        if cid not in criterion_ids:
            yield f"weighting.swing.{cid}", f"unknown criterion '{cid}'"
    if w.ahp_matrix is not None:
        order = w.ahp_order or []
        for cid in order:
            if cid not in criterion_ids:
                yield "weighting.ahp_order", f"unknown criterion '{cid}'"
        n = len(order)
        if len(w.ahp_matrix) != n or any(len(row) != n for row in w.ahp_matrix):
            yield "weighting.ahp_matrix", f"must be a {n} x {n} matrix matching ahp_order"
        elif n > len(RANDOM_INDEX):
            yield "weighting.ahp_matrix", (
                f"pairwise comparison takes at most {len(RANDOM_INDEX)} criteria (Saaty's "
                f"random index stops there); this matrix compares {n}")
        else:
            yield from _reciprocal(w.ahp_matrix)


def _reciprocal(matrix: list[list[float]]) -> Iterator[Problem]:
    """Each a_ji = 1 / a_ij (so 1 on the diagonal), as model.md §2's AHP needs; the first miss."""
    for i, row in enumerate(matrix):
        for j in range(i, len(row)):
            if abs(row[j] * matrix[j][i] - 1.0) <= 1e-6:
                continue
            if i == j:
                yield f"weighting.ahp_matrix[{i}][{i}]", (
                    f"must be 1, a criterion against itself ({row[i]:g} found)")
            else:
                yield f"weighting.ahp_matrix[{j}][{i}]", (
                    f"must be 1/{row[j]:g}, the reciprocal of [{i}][{j}] ({matrix[j][i]:g} "
                    "found)")
            return


def _options(case: Case) -> Iterator[Problem]:
    horizon = case.settings.horizon_years
    org_ids = {o.id for o in case.organisations}
    loan_ids = {loan.id for o in case.organisations for loan in o.loans}
    typed = [c.id for c in case.criteria if not c.derived]
    derived = {c.id for c in case.criteria if c.derived}
    for i, option in enumerate(case.options):
        at = f"options[{i}]"
        if option.subtype is not None and option.form != "group_structure":
            yield f"{at}.subtype", "a subtype is only for the form 'group_structure'"
        for cid, given in option.scores.items():
            if cid in derived and given is None:
                continue
            if cid in derived:
                yield f"{at}.scores.{cid}", (
                    f"'{cid}' is derived from the NPV and takes no typed score")
            elif cid not in typed:
                yield f"{at}.scores.{cid}", f"unknown criterion '{cid}'"
        for cid in option.rationale:
            if cid not in typed and cid not in derived:
                yield f"{at}.rationale.{cid}", f"unknown criterion '{cid}'"
        yield from _lines(option, at, horizon, org_ids, loan_ids)


def _declared(line, name: str):
    """A field the line's kind declares, or None: an unknown field of the same name (kept from a
    later version, or a typo) is not the field and may hold anything."""
    return getattr(line, name) if name in type(line).model_fields else None


def _lines(option, at: str, horizon: int, org_ids: set, loan_ids: set) -> Iterator[Problem]:
    for kind in KIND_IDS:
        for j, line in enumerate(getattr(option, kind)):
            path = f"{at}.{kind}[{j}]"
            for field in ("start_year", "year"):
                value = _declared(line, field)
                if value is not None and value > horizon:
                    yield f"{path}.{field}", (
                        f"year {value} is beyond the horizon of {horizon} years")
            org = _declared(line, "organisation")
            if org is not None and org not in org_ids:
                yield f"{path}.organisation", f"unknown organisation '{org}'"
            recipient = _declared(line, "recipient")
            if recipient is not None and recipient not in org_ids:
                yield f"{path}.recipient", f"unknown organisation '{recipient}'"
            loan = _declared(line, "loan")
            if loan is not None and loan not in loan_ids:
                yield f"{path}.loan", f"unknown loan '{loan}'"
            yield from _range(line, kind, path)
            if kind == "redundancies" and line.years_service > line.age - 16:
                yield f"{path}.years_service", (
                    f"{line.years_service} years of service is more than age {line.age} "
                    f"less 16 allows ({line.age - 16})")


def _range(line, kind: str, path: str) -> Iterator[Problem]:
    extra = line.model_extra or {}
    if kind not in RANGED_KINDS:
        for end in ("low", "high", "driver"):
            if end in extra:
                yield f"{path}.{end}", f"'{kind}' lines take no low/high range"
        return
    low, high = line.low, line.high
    if (low is None) != (high is None):
        given = "low" if low is not None else "high"
        yield f"{path}.{given}", "give both low and high, or neither"
        return
    if low is None:
        if line.driver is not None:
            yield f"{path}.driver", (
                f"the driver '{line.driver}' needs a low and high range on this line: a driver "
                "moves lines between their own low and high")
        return
    main = KIND[kind].main or ""
    base = getattr(line, main)
    if not low <= base:
        yield f"{path}.low", f"low {low:g} is above the base {main} {base:g}"
    if not base <= high:
        yield f"{path}.high", f"high {high:g} is below the base {main} {base:g}"


def _drivers(case: Case) -> Iterator[Problem]:
    """A driver's lines are all savings or all costs (model-v2.md V4): one quantity, one family.

    The first line of a driver (options in file order, lines in list order) sets its family;
    each later line of the other family is named.
    """
    first: dict[str, tuple[bool, str]] = {}
    for i, option in enumerate(case.options):
        for kind in RANGED_KINDS:
            for j, line in enumerate(getattr(option, kind)):
                name = line.driver
                if name is None:
                    continue
                path = f"options[{i}].{kind}[{j}]"
                saving = KIND[kind].family == "savings"
                if name not in first:
                    first[name] = (saving, path)
                elif first[name][0] != saving:
                    other = "a saving" if first[name][0] else "a cost"
                    yield f"{path}.driver", (
                        f"the driver '{name}' already moves {other} ({first[name][1]}); one "
                        "driver cannot move both savings and costs, so give this line a driver "
                        "of its own")
