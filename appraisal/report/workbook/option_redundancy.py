"""Redundancy workings on an option sheet: statutory weeks to total cost, step by step.

model.md §2: weeks count back at most ``MaxServiceYears`` complete years (nothing under
``MinServiceYears``); the k-th year back was worked at age ``age − k`` and earns the weeks of
its band (the band table on Inputs). Per person: redundancy pay = enhancement × weeks ×
pay, pay = MIN(weekly pay, cap) when capped; notice pay = notice weeks × weekly pay (never
capped); employer NIC = rate × (notice pay + MAX(0, redundancy pay − threshold)); plus pension
strain. The line's total is count × per person, in its year.
"""
from __future__ import annotations

from .cells import col, put_formula, put_text, put_value
from .inputs import Band
from .option_layout import OptionLayout, kind_of
from .styles import MONEY, WEEKS, WHOLE

INPUT_HEADS = ("Ref", "Line", "Organisation", "Count", "Age", "Years of service",
               "Weekly pay", "Cap weekly pay?", "Enhancement (× statutory)", "Notice weeks",
               "Pension strain (each)", "Year")
CALC_HEADS = ("Statutory weeks", "Week's pay used", "Redundancy pay", "Notice pay",
              "Employer NIC", "Cost per person", "Total cost")


def _columns(n_bands: int) -> dict[str, int]:
    """Column of each working: inputs 1..12, years counted, years per band, then the costs."""
    cols = {name: i for i, name in enumerate(
        ("ref", "label", "org", "count", "age", "years", "pay", "cap", "enh", "notice",
         "strain", "year", "counted"), start=1)}
    for b in range(n_bands):
        cols[f"band{b}"] = 14 + b
    for i, name in enumerate(("weeks", "pay_used", "red_pay", "notice_pay", "nic",
                              "per_person", "total")):
        cols[name] = 14 + n_bands + i
    return cols


def write_redundancy_workings(ws, lay: OptionLayout, option, case_option,
                              bands: list[Band]) -> dict:
    """Write the workings block; return, per line ref, the cells a line row links to."""
    if not option.redundancies:
        return {}
    cols = _columns(len(bands))
    top = lay.redundancy_header
    put_text(ws, top, 1, "Redundancy workings (per person, then × count)", "Section")
    heads = list(INPUT_HEADS) + ["Years counted"]
    heads += [f"Years in band {b + 1}" for b in range(len(bands))] + list(CALC_HEADS)
    for c, head in enumerate(heads, start=1):
        put_text(ws, top + 1, c, head, "Header")
    out = {}
    for red in option.redundancies:
        line = case_option.redundancies[kind_of(red.ref)[1]]
        r = lay.redundancy_row[red.ref]
        out[red.ref] = _write_row(ws, r, red, line, cols, bands, lay.line_row[red.ref])
    return out


def _write_row(ws, r: int, red, line, cols: dict[str, int], bands: list[Band],
               line_row: int) -> dict[str, str]:
    c = {k: f"${col(v)}{r}" for k, v in cols.items()}
    put_text(ws, r, cols["ref"], red.ref)
    put_formula(ws, r, cols["label"], f"=$B{line_row}", "Link")
    put_text(ws, r, cols["org"], line.organisation if line.organisation else "joint", "Input")
    for key, value, fmt in (("count", line.count, WHOLE), ("age", line.age, WHOLE),
                            ("years", line.years_service, WHOLE), ("pay", line.weekly_pay, MONEY),
                            ("cap", bool(line.cap_weekly_pay), None),
                            ("enh", line.enhancement_multiplier, "0.00"),
                            ("notice", line.notice_weeks, "0.0"),
                            ("strain", line.pension_strain, MONEY), ("year", line.year, WHOLE)):
        put_value(ws, r, cols[key], value, fmt=fmt)
    put_formula(ws, r, cols["counted"], f"=MIN({c['years']},MaxServiceYears)", fmt=WHOLE)
    for b, band in enumerate(bands):
        put_formula(ws, r, cols[f"band{b}"], (
            f"=SUMPRODUCT(--(ServiceYearsBack<={c['counted']}),"
            f"--({c['age']}-ServiceYearsBack>={band.from_age}),"
            f"--({c['age']}-ServiceYearsBack<={band.to_age}))"), fmt=WHOLE)
    per_band = "+".join(f"{c[f'band{b}']}*{band.weeks}" for b, band in enumerate(bands))
    put_formula(ws, r, cols["weeks"], f"=({c['years']}>=MinServiceYears)*({per_band})",
                fmt=WEEKS)
    put_formula(ws, r, cols["pay_used"],
                f"=IF({c['cap']},MIN({c['pay']},RedundancyWeeklyPayCap),{c['pay']})", fmt=MONEY)
    put_formula(ws, r, cols["red_pay"], f"={c['enh']}*{c['weeks']}*{c['pay_used']}", fmt=MONEY)
    put_formula(ws, r, cols["notice_pay"], f"={c['notice']}*{c['pay']}", fmt=MONEY)
    put_formula(ws, r, cols["nic"], f"=EmployerNICRate*({c['notice_pay']}+MAX(0,"
                f"{c['red_pay']}-TerminationNICThreshold))", fmt=MONEY)
    put_formula(ws, r, cols["per_person"], f"={c['red_pay']}+{c['notice_pay']}+{c['nic']}"
                f"+{c['strain']}", fmt=MONEY)
    put_formula(ws, r, cols["total"], f"={c['count']}*{c['per_person']}", "Output", MONEY)
    return {"organisation": c["org"], "year": c["year"], "total": c["total"]}
