"""Financial capacity: each option's plan against lenders' covenants and golden rules (V10).

For every option, the partners' plans (:func:`capacity_plan.plan_arrays`) are moved by the
option's own lines, in the same real amounts as its cash flows, and summed over each entity
tested (one partner, a merged body, or a group for a ``scope: "group"`` covenant). Per entity and
year t, with the option's net cash flow ``net_t`` attributed to it:

    I_t = m × max(0, D_{t−1}) / (1 + i)        interest on the debt the option adds
    D_t = D_{t−1} / (1 + i) + I_t − net_t       the debt the option adds, end of year t (D_0 = 0)

    interest cover = (operating surplus + depreciation − capitalised major repairs)
                     / interest payable          (EBITDA-MRI; without the repairs: EBITDA)
    gearing        = net debt / housing assets at cost

Savings add to operating surplus and recurring costs and irrecoverable VAT take from it; the
re-pricing margin and ``I_t`` add to interest payable; the one-off items (redundancy, pension
cessation, one-off costs, and loan fees and breakage) count only on ``basis: "all"``. Headroom is
``value − limit`` for a minimum and ``limit − value`` for a maximum; in money it is headroom × the
metric's denominator, what could be lost before the limit bites.

Worked (capacity-example.json, group option, Oak, year 2): Oak's 60% of the joint lines moved
its year-1 cash by −£132,000, so D_1 = £132,000 and I_2 = 0.06 × 132,000 / 1.02 = £7,764.71;
interest cover = (6,000,000 + 240,000 − 72,000 + 3,000,000 − 2,500,000) / 4,007,764.71 = 1.66377.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from ..kinds import COLUMN_IDS, KIND, KIND_IDS
from . import capacity_plan as cp
from .capacity_specs import RuleSpec, option_specs
from .lines import LineTable

# Components of an option's effect on an entity, per year.
OS_UNDERLYING, OS_EXCEPTIONAL, INTEREST_MARGIN, INTEREST_FEES, NET = range(5)
N_COMPONENTS = 5
# How each results column moves the plan: the recurring columns the operating surplus (savings
# up, costs down), the one-off columns only on the "all items" basis, loan re-pricing interest.
OPERATING_COLUMNS = {"savings": 1.0, "recurring_costs": -1.0, "irrecoverable_vat": -1.0}
EXCEPTIONAL_COLUMNS = ("redundancy", "pension_cessation", "one_off_costs")
LOAN_COLUMN = "loan_repricing"
TIE = 1e-9


@dataclass
class Measured:
    """A test's figures, as planned and pessimistic: the one declaration of them.

    Per-year lists run over years 1..H, None where the year is not tested (a loan repaid) or the
    metric is undefined (no interest payable, no assets); ``min_headroom`` is ``{"value",
    "year"}``. ``stressed_*`` are the same with the option's ranged lines at their worse ends.
    :class:`Outcome` adds the test's spec for the engine; :class:`appraisal.results.
    CapacityResult` adds its names for the outputs.
    """

    values: list[float | None]
    headroom: list[float | None]
    headroom_money: list[float | None]
    min_headroom: dict
    first_breach_year: int | None
    stressed_values: list[float | None]
    stressed_headroom_money: list[float | None]
    stressed_min_headroom: dict
    stressed_first_breach_year: int | None

    @property
    def breached(self) -> bool:
        """Broken in the base case or in the pessimistic one."""
        return self.first_breach_year is not None or self.stressed_first_breach_year is not None

    def measured(self) -> dict:
        """The figures alone, by field name, to build a result from."""
        return {name: getattr(self, name) for name in MEASURED_FIELDS}


@dataclass
class Outcome(Measured):
    """A computed test: its figures and the spec it was computed from."""

    spec: RuleSpec


MEASURED_FIELDS = tuple(f.name for f in fields(Measured))


def stressed_quantities(table: LineTable) -> np.ndarray:
    """Each ranged line at the end worse for its option: savings low, every cost high."""
    worse = np.where(table.sign > 0, table.low, table.high)
    return np.where(table.ranged, worse, table.q)


def line_components(table: LineTable, q: np.ndarray) -> np.ndarray:
    """float[L, 5, H]: each line's effect on the five components, before attribution."""
    amounts = table.amounts(q)
    out = np.zeros((len(q), N_COMPONENTS, table.horizon))
    column = np.asarray(COLUMN_IDS, dtype=object)[table.column]
    for name, sign in OPERATING_COLUMNS.items():
        rows = column == name
        out[rows, OS_UNDERLYING] = sign * amounts[rows]
    for name in EXCEPTIONAL_COLUMNS:
        rows = column == name
        out[rows, OS_EXCEPTIONAL] = -amounts[rows]
    loans = column == LOAN_COLUMN
    out[loans, INTEREST_MARGIN] = q[loans, None] * table.unit[loans]
    out[loans, INTEREST_FEES] = table.fixed[loans]
    out[:, NET] = table.sign[:, None] * amounts
    return out


def line_splits(case, table: LineTable) -> np.ndarray:
    """float[L, K]: the share of each line each organisation takes (rows sum to 1)."""
    n_orgs = len(case.organisations)
    cache: dict[tuple[int, int], np.ndarray] = {}
    out = np.zeros((len(table.q), n_orgs))
    for l, (o, k) in enumerate(zip(table.option.tolist(), table.org.tolist())):
        if (o, k) not in cache:
            cache[(o, k)] = cp.split_of(case, case.options[o], None if k == n_orgs else k)
        out[l] = cache[(o, k)]
    return out


def recharges(case, horizon: int, stressed: bool) -> np.ndarray:
    """float[O, K, H]: V6's supplier recharges, paid by the recipient and received by the
    supplier (each split like their lines); they cancel for the partners together."""
    out = np.zeros((len(case.options), len(case.organisations), horizon))
    index = {org.id: k for k, org in enumerate(case.organisations)}
    inflation = float(getattr(case.settings, "inflation_rate", 0.0) or 0.0)
    years = np.arange(1, horizon + 1)
    for o, option in enumerate(case.options):
        for line in option.shared_services:
            supplier = getattr(line, "supplier", None)
            if supplier not in index or supplier == line.recipient:
                continue
            value = line.high if stressed and line.has_range else line.annual_value
            flow = np.where(years >= line.start_year, float(value), 0.0)
            if getattr(line, "basis", "real") == "nominal":
                flow = flow / (1 + inflation) ** years
            out[o] -= cp.split_of(case, option, index[line.recipient])[:, None] * flow
            out[o] += cp.split_of(case, option, index[supplier])[:, None] * flow
    return out


def organisation_effects(case, table: LineTable, q: np.ndarray, stressed: bool,
                         splits: np.ndarray) -> np.ndarray:
    """float[O, K, 5, H]: each option's lines as they move each organisation's figures, split
    by ``splits`` (:func:`line_splits`)."""
    comps = line_components(table, q)
    n_opt, horizon = len(case.options), table.horizon
    out = np.zeros((n_opt, len(case.organisations), N_COMPONENTS, horizon))
    for o in range(n_opt):
        rows = table.option == o
        out[o] = np.einsum("lk,lch->kch", splits[rows], comps[rows])
    charge = recharges(case, horizon, stressed)
    out[:, :, OS_UNDERLYING] += charge
    out[:, :, NET] += charge
    return out


def entity_figures(plan: np.ndarray, effects: np.ndarray, entities: list[tuple[int, tuple]],
                   rate: float, inflation: float) -> dict[str, np.ndarray]:
    """Each (option, members) entity's figures, float[N, H] each, with the extra-debt interest.

    ``plan`` is float[K, 6, H]; ``effects`` float[O, K, 5, H] (one scenario).
    """
    n, horizon = len(entities), plan.shape[2]
    p = np.zeros((n, plan.shape[1], horizon))
    e = np.zeros((n, N_COMPONENTS, horizon))
    for j, (o, members) in enumerate(entities):
        idx = list(members)
        p[j] = plan[idx].sum(axis=0)
        e[j] = effects[o, idx].sum(axis=0)
    debt = np.zeros(n)
    interest = np.zeros((n, horizon))
    added = np.zeros((n, horizon))
    for t in range(horizon):
        interest[:, t] = rate * np.maximum(0.0, debt) / (1 + inflation)
        debt = debt / (1 + inflation) + interest[:, t] - e[:, NET, t]
        added[:, t] = debt
    surplus = p[:, 0] + e[:, OS_UNDERLYING]
    ip = p[:, 3] + e[:, INTEREST_MARGIN] + interest
    return {
        "surplus_underlying": surplus, "surplus_all": surplus + e[:, OS_EXCEPTIONAL],
        "depreciation": p[:, 1], "repairs": p[:, 2],
        "interest_underlying": ip, "interest_all": ip + e[:, INTEREST_FEES],
        "net_debt": p[:, 4] + added, "assets": p[:, 5],
    }


def numerators(specs: list[RuleSpec], index: list[int], fig: dict) -> tuple[np.ndarray, ...]:
    """float[T, H] numerator and denominator of each test's metric, gathered at once.

    Interest cover: EBITDA(-MRI) on the rule's basis over interest payable on that basis;
    gearing: net debt over housing assets at cost.
    """
    e = np.asarray(index)
    gearing = np.array([s.rule.metric == "gearing" for s in specs])[:, None]
    all_items = np.array([s.rule.basis_or_default == "all" for s in specs])[:, None]
    less_mri = np.array([s.rule.definition_or_default == "ebitda_mri" for s in specs])[:, None]
    surplus = np.where(all_items, fig["surplus_all"][e], fig["surplus_underlying"][e])
    ebitda = surplus + fig["depreciation"][e] - less_mri * fig["repairs"][e]
    interest = np.where(all_items, fig["interest_all"][e], fig["interest_underlying"][e])
    num = np.where(gearing, fig["net_debt"][e], ebitda)
    den = np.where(gearing, fig["assets"][e], interest)
    return num, den


def measure(specs: list[RuleSpec], num: np.ndarray, den: np.ndarray):
    """Values, headroom and money headroom, float[T, H], NaN where untested or undefined.

    A metric is undefined where its denominator is 0 or less (no interest payable, no assets).
    """
    horizon = num.shape[1]
    limit = np.array([s.rule.limit for s in specs])[:, None]
    sign = np.array([1.0 if s.rule.bound == "min" else -1.0 for s in specs])[:, None]
    tested = np.arange(1, horizon + 1)[None, :] <= np.array([s.years for s in specs])[:, None]
    ok = tested & (den > 0)
    safe = np.where(ok, den, 1.0)
    value = np.where(ok, num / safe, np.nan)
    headroom = sign * (value - limit)
    money = np.where(ok, sign * (num - limit * den), np.nan)
    return value, headroom, money


def summaries(headroom: np.ndarray) -> list[tuple[dict, int | None]]:
    """Per test (rows of float[T, H], NaN where untested): the smallest headroom with its first
    year (headrooms within 1e-9 tie) and the first year in breach (below −1e-9), or None."""
    present = ~np.isnan(headroom)
    has = present.any(axis=1)
    low = np.where(present, headroom, np.inf).min(axis=1)
    at_low = present & (headroom <= low[:, None] + TIE)
    low_year = at_low.argmax(axis=1) + 1
    broken = present & (headroom < -TIE)
    breach_year = broken.argmax(axis=1) + 1
    any_breach = broken.any(axis=1)
    out = []
    for j in range(len(has)):
        best = ({"value": float(low[j]), "year": int(low_year[j])} if has[j]
                else {"value": None, "year": None})
        out.append((best, int(breach_year[j]) if any_breach[j] else None))
    return out


def _listed(rows: np.ndarray) -> list[list[float | None]]:
    """Rows as lists of floats, None for NaN, converted whole."""
    cells = rows.astype(object)
    cells[np.isnan(rows)] = None
    return cells.tolist()


def capacity(case, table: LineTable, splits: np.ndarray | None = None) -> list[list[Outcome]]:
    """Every option's tests, computed at base and with its ranged lines at their worse ends.

    ``splits`` is :func:`line_splits` of the case where the caller has it already."""
    horizon = case.settings.horizon_years
    specs_by_option = [option_specs(case, o) for o in range(len(case.options))]
    specs = [s for group in specs_by_option for s in group]
    if not specs:
        return [[] for _ in case.options]
    entities: dict[tuple[int, tuple], int] = {}
    index = [entities.setdefault((s.option, s.entity), len(entities)) for s in specs]
    plan = cp.plan_arrays(case, horizon)
    rate = case.settings.marginal_interest_rate
    inflation = float(getattr(case.settings, "inflation_rate", 0.0) or 0.0)
    if splits is None:
        splits = line_splits(case, table)
    measured = []
    for stressed, q in ((False, table.q), (True, stressed_quantities(table))):
        effects = organisation_effects(case, table, q, stressed, splits)
        fig = entity_figures(plan, effects, list(entities), rate, inflation)
        measured.append(measure(specs, *numerators(specs, index, fig)))
    (value, headroom, money), (s_value, s_headroom, s_money) = measured
    base, worse = summaries(headroom), summaries(s_headroom)
    lists = [_listed(a) for a in (value, headroom, money, s_value, s_money)]
    out: list[list[Outcome]] = [[] for _ in case.options]
    for j, spec in enumerate(specs):
        out[spec.option].append(Outcome(
            spec=spec, values=lists[0][j], headroom=lists[1][j], headroom_money=lists[2][j],
            min_headroom=base[j][0], first_breach_year=base[j][1],
            stressed_values=lists[3][j], stressed_headroom_money=lists[4][j],
            stressed_min_headroom=worse[j][0], stressed_first_breach_year=worse[j][1]))
    return out


def shares_shown(case, table: LineTable, splits: np.ndarray | None = None) -> list[list[dict]]:
    """Per option, each joint or cost sharing group line that was split, with its shares
    (``splits``: :func:`line_splits` of the case, where the caller has it already)."""
    n_orgs = len(case.organisations)
    if splits is None:
        splits = line_splits(case, table)
    out: list[list[dict]] = [[] for _ in case.options]
    order = {k: i for i, k in enumerate(KIND_IDS) if KIND[k].organisation != "loan"}
    rows = [l for l in range(len(table.q)) if table.kind[l] in order
            and (table.org[l] == n_orgs or not cp.is_partner(case.organisations[table.org[l]]))]
    rows.sort(key=lambda l: (table.option[l], order[table.kind[l]], table.index[l]))
    for l in rows:
        o = int(table.option[l])
        option = case.options[o]
        k = int(table.org[l])
        names = (cp.involved(case, option) if k == n_orgs
                 else cp.members(case, case.organisations[k]))
        out[o].append({"ref": table.ref[l],
                       "shares": {case.organisations[m].id: float(splits[l, m]) for m in names}})
    return out
