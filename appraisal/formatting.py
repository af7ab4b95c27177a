"""How figures are written for people: one UK style, used by the app, the PDF and the workbook.

Money in the board paper and the app's summaries is in thousands with the pound sign and a true
minus sign, ``−£1,234k``; detail tables use whole pounds, ``−£1,234,567``. Rounding happens
here only, for display; the engine keeps full precision.
"""
from __future__ import annotations

from .continuum import BY_ID

MINUS = "\u2212"


def _signed(text: str, negative: bool) -> str:
    return f"{MINUS}{text}" if negative else text


def money_k(x: float | None) -> str:
    """Thousands of pounds: 1234567 → '£1,235k', −1234567 → '−£1,235k', 0 → '£0k'.

    >>> money_k(-1234567)
    '−£1,235k'
    """
    if x is None:
        return "n/a"
    k = round(x / 1000.0)
    return _signed(f"£{abs(k):,.0f}k", k < 0)


def money(x: float | None) -> str:
    """Whole pounds: −1234567.4 → '−£1,234,567'."""
    if x is None:
        return "n/a"
    v = round(x)
    return _signed(f"£{abs(v):,.0f}", v < 0)


def money_pence(x: float | None) -> str:
    """Pounds and pence, for worked examples: 10066 → '£10,066.00'."""
    if x is None:
        return "n/a"
    v = round(x, 2)
    return _signed(f"£{abs(v):,.2f}", v < 0)


def pct(x: float | None, places: int = 0) -> str:
    """A fraction as a percentage: 0.725 → '72%' (places=0), '72.5%' (places=1)."""
    if x is None:
        return "n/a"
    v = round(100.0 * x, places)
    return _signed(f"{abs(v):,.{places}f}%", v < 0)


def chance(p: float | None) -> str:
    """A simulated share as a percentage that never rounds a rare event away, nor claims a
    certainty no simulation can show (model-v2.md V4).

    >>> [chance(p) for p in (0.0, 0.0099, 0.0101, 0.3164, 0.997, None)]
    ['under 1%', 'under 1%', '1%', '32%', 'over 99%', 'n/a']
    """
    if p is None:
        return "n/a"
    if p < 0.01:
        return "under 1%"
    if p > 0.99:
        return "over 99%"
    return f"{round(100 * p):.0f}%"


def chance_of_loss(option) -> str:
    """An option's chance of doing worse than the baseline with its pessimistic figure beside
    it, 'under 1% (worst case −£7,300k)': never a probability of loss alone (model-v2.md V4)."""
    if option.baseline or option.monte_carlo is None:
        return "n/a"
    worst = option.scenarios.get("pessimistic")
    p = chance(option.monte_carlo.p_npv_vs_baseline_below_zero)
    return p if worst is None else f"{p} (worst case {money_k(worst)})"


def score(x: float | None) -> str:
    """A weighted score out of 100, one decimal place."""
    return "n/a" if x is None else f"{x:.1f}"


def year_label(payback: int | None, first_year: int | None = None) -> str:
    """Payback year: 'year 3' or 'year 3 (2029)'; 'not within horizon' when None."""
    if payback is None:
        return "not within horizon"
    return f"year {payback}" + (f" ({first_year + payback - 1})" if first_year else "")


def form_name(form: str) -> str:
    """A form's name from the continuum (continuum.py): 'joint_venture' → 'Joint venture'."""
    found = BY_ID.get(form)
    return found.name if found else form.replace("_", " ").capitalize()


def ratio(metric: str, value: float | None, *, fine: bool = False) -> str:
    """A metric's value as printed: interest cover '1.27x', gearing '62.3%'; ``fine`` gives
    one more place, for a value so near its limit that the usual places would hide the gap."""
    if value is None:
        return "n/a"
    if metric == "gearing":
        return f"{100 * value:.{2 if fine else 1}f}%"
    return f"{value:.{3 if fine else 2}f}x"


def headroom_text(metric: str, value: float | None) -> str:
    """Headroom in the metric's own unit, with its sign; one more place where it is tiny.

    >>> headroom_text("interest_cover", -0.004), headroom_text("gearing", 0.0143)
    ('−0.004x', '1.4 points')
    """
    if value is None:
        return "n/a"
    sign = "\u2212" if value < 0 else ""
    if metric == "gearing":
        places = 1 if abs(100 * value) >= 0.1 or value == 0 else 2
        return f"{sign}{abs(100 * value):.{places}f} points"
    places = 2 if abs(value) >= 0.01 or value == 0 else 3
    return f"{sign}{abs(value):.{places}f}x"
