"""How robust the answer is: tornado, switching values and scenarios (model-v2.md V4).

Every line is linear in its main quantity q, so an option's NPV moves by ``g_l × Δq_l`` where
``g_l = sign_l × Σ_t unit_l[t] × df_t`` is the line's NPV gradient. Everything here is exact from
g and the drivers' effects (:mod:`appraisal.drivers`), measured against the baseline; the Monte
Carlo draws are in :mod:`appraisal.montecarlo`.
"""
from __future__ import annotations

import numpy as np

from .drivers import Drivers, gradients
from .finance.lines import LineTable
from .kinds import RANGED_KINDS
from .montecarlo import Cancelled
from .results import SwitchingValue, TornadoRow

__all__ = ["Cancelled", "gradients", "scenarios", "switching_values", "tornado"]

# A driver whose two tornado figures differ by this much or less has no effect and no row.
NO_EFFECT = 0.01
# Tornado swings that agree to a millionth of a pound count as equal (float noise, not a figure), so
# they keep the drivers' order (model-v2.md V4); the rounding is a sort key, never a reported value.
SWING_DECIMALS = 6


def tornado(table: LineTable, drivers: Drivers, g: np.ndarray, low: np.ndarray,
            high: np.ndarray, option: int, baseline: int, npv: float, vs_baseline: float,
            option_ids: list[str]) -> list[TornadoRow]:
    """One row per driver that moves the option's NPV against the baseline (model-v2.md V4).

    ``low`` and ``high`` are :func:`appraisal.drivers.effects` at the lines' low and high ends
    ([D, O]). A row moves all its driver's lines together, each to its own low and then its own
    high; a driver whose two figures differ by £0.01 or less has no row. Widest swing first;
    equal swings keep the drivers' order. The baseline's tornado is empty.
    """
    if option == baseline:
        return []
    rows = []
    for d in range(drivers.count):
        at_low, at_high = low[d, option], high[d, option]
        if abs(at_high - at_low) <= NO_EFFECT:
            continue
        first = int(drivers.lines[d][0])
        own = drivers.lines[d][table.option[drivers.lines[d]] == option]
        rows.append(TornadoRow(
            ref=drivers.ref(table, d, baseline), label=table.label[first],
            low=float(table.low[first]), high=float(table.high[first]),
            npv_vs_baseline_at_low=float(vs_baseline + at_low),
            npv_vs_baseline_at_high=float(vs_baseline + at_high),
            npv_at_low=float(npv + np.sum(g[own] * (table.low[own] - table.q[own]))),
            npv_at_high=float(npv + np.sum(g[own] * (table.high[own] - table.q[own]))),
            driver=drivers.names[d],
            lines=[f"{option_ids[table.option[l]]}:{table.ref[l]}" for l in drivers.lines[d]]))
    rows.sort(key=lambda r: -round(r.swing, SWING_DECIMALS))
    return rows


def switching_values(table: LineTable, drivers: Drivers, g: np.ndarray, option: int,
                     baseline: int, vs_baseline: float) -> list[SwitchingValue]:
    """Each line's main quantity at which the option's NPV against the baseline would be 0.

    A line alone (no range, or its driver's only line) moves alone, as in model.md:
    ``value = q − npv_vs_baseline / g``, ``change_pct = 100 × (value − q) / q`` (``None`` where
    q = 0). A line whose driver has several lines moves with all of them, in every option, each by
    the same fraction f of its own base: ``f = −npv_vs_baseline / S`` where S is the driver's
    effect at f = 1; ``value = q × (1 + f)`` and ``change_pct = 100 f``. ``value`` is ``None`` for
    the baseline and where the line or its driver has no effect (a cost identical in the option
    and the baseline).

    Worked example (small-case.json, the shared service): NPV vs baseline £246,488.45 and a
    savings gradient of 4.031961 per £ of annual saving give 100,000 − 61,133.65 = £38,866.35,
    a change of −61.13%.
    """
    rows = []
    for l in np.flatnonzero(table.option == option):
        if table.kind[l] not in RANGED_KINDS:
            continue
        q = float(table.q[l])
        d = int(drivers.of_line[l])
        value = change = None
        if option == baseline:
            pass
        elif d < 0 or len(drivers.lines[d]) == 1:
            if abs(g[l]) > 1e-12:
                value = float(q - vs_baseline / g[l])
                change = None if q == 0 else 100.0 * (value - q) / q
        else:
            rows_d = drivers.lines[d]
            moves = g[rows_d] * table.q[rows_d]
            sides = np.where(table.option[rows_d] == option, 1.0,
                             np.where(table.option[rows_d] == baseline, -1.0, 0.0))
            s = float(np.sum(sides * moves))
            if abs(s) > 1e-9 * max(1e-9, float(np.sum(np.abs(moves)))):
                f = -vs_baseline / s
                value, change = q * (1.0 + f), 100.0 * f
        rows.append(SwitchingValue(table.ref[l], table.label[l], q, value, change))
    return rows


def scenarios(vs_baseline: np.ndarray, low: np.ndarray, high: np.ndarray) -> dict[str, np.ndarray]:
    """Each option's NPV against the baseline with every driver at its worse, base, better end.

    For option o a driver goes to whichever end, all its lines at low or all at high, gives o
    the lower (pessimistic) or higher (optimistic) figure; the effects add up, the model being
    linear. The baseline's figures are 0.

    A cost of £10 to £30 (base £20) shared by the baseline and an option through one driver moves
    both sides together, so only the option's own saving (effect −50 / +20) is left:

    >>> vs = np.array([0.0, 100.0])
    >>> low = np.array([[0.0, 0.0], [0.0, -50.0]])      # [driver, option], against the baseline
    >>> high = np.array([[0.0, 0.0], [0.0, 20.0]])
    >>> {k: v.tolist() for k, v in scenarios(vs, low, high).items()}
    {'pessimistic': [0.0, 50.0], 'base': [0.0, 100.0], 'optimistic': [0.0, 120.0]}
    """
    return {"pessimistic": vs_baseline + np.minimum(low, high).sum(axis=0),
            "base": vs_baseline.copy(),
            "optimistic": vs_baseline + np.maximum(low, high).sum(axis=0)}
