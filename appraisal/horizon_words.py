"""The horizon and the prices, in words for the board (model-v2.md V2, V3): the one line that
states the basis of every figure, whether the leader holds over longer horizons, and what the
figures against the baseline mean. The paper and the app both read these; every figure comes
from Results.
"""
from __future__ import annotations

from .formatting import money_k, pct
from .horizon import PERSIST
from .results import OptionResult, Results

PAYBACK_MEANS = ("the first year from which the option is never behind the baseline in cash")
RATIO_MEANS = ("the option's extra savings over its extra costs, against the baseline, in "
               "present value")
NO_RATIO = "costs no higher"


def schedule_words(r: Results) -> str:
    if r.discount_schedule == "declining":
        return "the Green Book's declining schedule: 3.0% from year 31, 2.5% from year 76"
    return "flat"


def basis_line(r: Results) -> str:
    """'Over 10 years (2027–2036), in today's prices: a real discount rate of 3.5% a year
    (flat), and 2% inflation a year for amounts fixed in cash, such as loan margins.'"""
    last = r.first_year + r.horizon - 1
    rate = f"a real discount rate of {_rate(r.discount_rate)} a year ({schedule_words(r)})"
    if r.inflation_rate:
        prices = (f"{_rate(r.inflation_rate)} inflation a year to bring amounts fixed in cash, "
                  "such as loan margins, into today's prices")
    else:
        prices = "no inflation: amounts fixed in cash are taken as they stand"
    return (f"Over {r.horizon} years ({r.first_year}–{last}), in today's prices: {rate}, and "
            f"{prices}.")


def _rate(x: float) -> str:
    """'3.5%', '2%': a rate to one place, without a trailing '.0'."""
    return pct(x, 1).replace(".0%", "%")


def ratio_text(o: OptionResult) -> str:
    """The benefit-cost ratio against the baseline as shown: '1.12', 'costs no higher', '—'."""
    if o.baseline:
        return "—"
    return NO_RATIO if o.bcr is None else f"{o.bcr:.2f}"


def leader_holds_sentence(r: Results, *, condition: bool = True) -> str:
    """One sentence: does the leader on weighted score hold at 20 and 30 years? Without
    ``condition`` it leaves out 'if savings persist …' (said just before)."""
    text = _leader_holds(r)
    if condition or not text.startswith("If savings persist"):
        return text
    rest = text.split(", ", 1)[1]
    return rest[:1].upper() + rest[1:]


def _leader_holds(r: Results) -> str:
    if not r.scored:
        return "No option leads on weighted score until every option is scored."
    names = {o.id: o.name for o in r.options}
    names[""] = "no option"          # a horizon's leader is None only while scores are missing
    leader = names[r.leader]
    later = [e for e in r.horizon_sensitivity[1:] if e.years in (20, 30)]
    if not later:
        return (f"The appraisal period of {r.horizon} years already reaches 30 years, so no "
                "longer horizon is tested for the lead.")
    when = " and ".join(f"{e.years}" for e in later)
    holding = [e for e in later if e.leader == r.leader]
    if len(holding) == len(later):
        return (f"If savings persist and renewals are as entered, {leader} still leads on "
                f"weighted score at {when} years.")
    moved = [e for e in later if e.leader != r.leader]
    others = "; ".join(f"at {e.years} years {names[e.leader or '']} leads" for e in moved)
    if len(moved) > 1 and len({e.leader for e in moved}) == 1:
        others = f"{names[moved[0].leader or '']} leads at both"
    if not holding:
        nor = " or ".join(f"{e.years}" for e in later)
        return (f"If savings persist and renewals are as entered, {leader} does not hold the "
                f"lead at {nor} years: {others}.")
    return (f"If savings persist and renewals are as entered, {leader} still leads at "
            f"{holding[0].years} years but not beyond: {others}.")


def past_horizon_intro(r: Results) -> str | None:
    """What the table of later years shows, or None where no longer horizon is computed."""
    if len(r.horizon_sensitivity) < 2:
        return None
    h, far = r.horizon, r.horizon_sensitivity[-1].years
    return (f"The NPVs stop at year {h}, but savings and costs go on after it, both ways. "
            f"Present values from year {h + 1} to year {far}, {PERSIST}, none of them in the "
            f"NPVs above; and each option's NPV against the baseline at each horizon.")


def past_horizon_rows(r: Results) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the later-years table: gains and pays after H, then NPV against
    the baseline at each horizon (thousands of pounds)."""
    h = r.horizon
    header = ["Option", f"Gains after year {h}", f"Pays after year {h}"]
    header += [f"NPV vs baseline, {e.years} years" for e in r.horizon_sensitivity]
    rows = []
    for o in r.options:
        p = o.past_horizon
        row = [o.name, money_k(p.gains if p else 0.0), money_k(p.pays if p else 0.0)]
        row += [money_k(e.npv_vs_baseline[o.id]) for e in r.horizon_sensitivity]
        rows.append(row)
    return header, rows


def past_horizon_sentence(r: Results) -> str | None:
    """What the NPVs leave out after year H, both ways, for the recommended option and the one
    with the highest NPV: what each gains and pays to the longest horizon, and its NPV against
    the baseline there. None where no longer horizon is computed or neither has later flows."""
    shown = []
    for oid in dict.fromkeys((r.recommended, r.npv_leader)):
        o = r.option(oid)
        if not o.baseline and o.past_horizon is not None:
            shown.append(o)
    if not shown:
        return None
    past = [(o, o.past_horizon) for o in shown if o.past_horizon is not None]
    p = past[0][1]
    parts = [f"{o.name} gains {money_k(h.gains)} and pays {money_k(h.pays)} "
             f"({money_k(h.npv_vs_baseline)} against the baseline over {p.to_year} years)"
             for o, h in past]
    return (f"From year {p.from_year} to year {p.to_year}, {PERSIST}, the NPVs above leave out "
            f"gains and payments both ways: in present value, " + "; ".join(parts) + ".")
