"""The Redundancy sheet: each redundancy line worked from statutory weeks to total cost.

model.md §2: weeks count back at most ``MaxServiceYears`` complete years (nothing under
``MinServiceYears``); the k-th year back was worked at age ``age − k`` and earns the weeks of
its band (the band table on Constants). Per person: redundancy pay = enhancement × weeks ×
pay, pay = MIN(weekly pay, cap) when capped; notice pay = notice weeks × weekly pay (never
capped); employer NIC = rate × (notice pay + MAX(0, redundancy pay − threshold)); plus pension
strain. The line's total is count × per person, in its year; the option sheet's line links here.
"""
from __future__ import annotations

from ...finance.caps import (
    GREAT_BRITAIN,
    JURISDICTION_NAME,
    NORTHERN_IRELAND,
    cap_lookup,
    weekly_pay_cap,
)
from .cells import col, on
from .constants import BANDS, DATE, Band, excel_date
from .option_layout import kind_of
from .option_lines import list_rule, year_rule
from .styles import MONEY, WEEKS, WHOLE

SHEET = "Redundancy"
INPUT_HEADS = ("Option", "Ref", "Line", "Organisation id", "Count", "Age", "Years of service",
               "Weekly pay (£)", "Cap weekly pay?", "Enhancement (× statutory)", "Notice weeks",
               "Pension strain (£ each)", "Year")
CALC_HEADS = ("Statutory weeks", "Weekly pay cap's table", "Cap in force from",
              "Weekly pay cap (£)", "Week's pay used (£)", "Redundancy pay (£)", "Notice pay (£)",
              "Employer NIC (£)", "Cost per person (£)", "Total cost (£)")
KEYS = ("option", "ref", "label", "org", "count", "age", "years", "pay", "cap", "enh", "notice",
        "strain", "year", "counted")
TOP = 4


def _columns(n_bands: int) -> dict[str, int]:
    cols = {name: i for i, name in enumerate(KEYS, start=1)}
    for b in range(n_bands):
        cols[f"band{b}"] = len(KEYS) + 1 + b
    for i, name in enumerate(("weeks", "cap_table", "cap_from", "cap_pay", "pay_used", "red_pay", "notice_pay", "nic",
                              "per_person", "total")):
        cols[name] = len(KEYS) + 1 + n_bands + i
    return cols


def _rule(kind: str, low, high, message: str) -> dict:
    return {"validate": kind, "criteria": "between", "minimum": low, "maximum": high,
            "error_title": "Redundancy", "error_message": message}


def write_redundancy(ws, results, bands: list[Band], max_years: int, inputs) -> dict:
    """Write every option's redundancy lines; return, per (option id, ref), the cells a line
    row links to (its organisation, year and total, and the organisation's lookup)."""
    cols = _columns(len(bands))
    ws.text(1, 1, "Redundancy: statutory weeks to total cost, per person then × count", "Title")
    ws.text(2, 1, "Inputs in blue on pale yellow; the option sheets' redundancy lines link here.",
            "Note")
    heads = list(INPUT_HEADS) + ["Years counted"]
    heads += [f"Years in band {b + 1}" for b in range(len(bands))] + list(CALC_HEADS)
    for c, head in enumerate(heads, start=1):
        ws.text(TOP, c, head, "Header")
    out, r = {}, TOP + 1
    for option, case_option in zip(results.options, results.case.options):
        for red in option.redundancies:
            line = case_option.redundancies[kind_of(red.ref)[1]]
            out[(option.id, red.ref)] = _write_row(ws, r, option, red, line, cols, bands,
                                                   max_years, results.case, inputs)
            r += 1
    widths = {1: 18, 2: 15, 3: 24, 4: 14}
    widths.update({c: 10 for c in range(5, len(heads) + 1)})
    for c, w in widths.items():
        ws.width(c, w)
    return out


def _cap_cells(ws, r: int, c: dict[str, str], cols: dict[str, int], case, inputs,
               organisation: str | None) -> None:
    """The weekly pay cap of the line (model-v2.md V7): its organisation's jurisdiction's table
    (a joint line Great Britain's unless every partner is in Northern Ireland), the last figure
    in force at the case date (the first where the date is before the table, the latest where
    there is no date), unless the cap is set by hand on Inputs."""
    ni, gb = JURISDICTION_NAME[NORTHERN_IRELAND], JURISDICTION_NAME[GREAT_BRITAIN]
    partners = [inputs.jurisdiction[p.id] for p in case.partners]
    every = ",".join(f'{p}="{ni}"' for p in partners)
    joint = f'IF(AND({every}),"{ni}","{gb}")' if partners else f'"{gb}"'
    own = f'IF(IFERROR(INDEX(OrgJurisdictions,MATCH({c["org"]},OrgIds,0)),"")="{ni}","{ni}","{gb}")'
    lookup = cap_lookup(case, organisation)
    ws.formula(r, cols["cap_table"], f"=IF({c['org']}=JointLabel,{joint},{own})",
               JURISDICTION_NAME[lookup.table], "Calc")
    tbl = c["cap_table"]
    entry = (f"IF(ISNUMBER(CaseDate),MAX(1,SUMPRODUCT((CapTables={tbl})*(CapFrom<=CaseDate))),"
             f"COUNTIF(CapTables,{tbl}))")
    ws.formula(r, cols["cap_from"], f"=INDEX(CapFrom,MATCH({tbl},CapTables,0)-1+{entry})",
               excel_date(lookup.entry.start), "Calc", DATE)
    ws.formula(r, cols["cap_pay"], (
        f"=IF(ISNUMBER(RedundancyWeeklyPayCap),RedundancyWeeklyPayCap,SUMPRODUCT("
        f"(CapTables={tbl})*(CapFrom={c['cap_from']})*CapWeeklyPay))"),
        weekly_pay_cap(case, organisation), "Calc", MONEY)


def _write_row(ws, r: int, option, red, line, cols: dict[str, int], bands: list[Band],
               max_years: int, case, inputs) -> dict:
    c = {k: f"${col(v)}{r}" for k, v in cols.items()}
    ws.text(r, cols["option"], option.name)
    ws.text(r, cols["ref"], red.ref)
    ws.text(r, cols["label"], red.label, "Input")
    ws.text(r, cols["org"], line.organisation if line.organisation else "joint", "Input")
    ws.validate(r, cols["org"], r, cols["org"], list_rule("OrgChoices", "Organisation"))
    for key, value, fmt, rule in (
            ("count", line.count, WHOLE, _rule("integer", 1, 100000, "A whole number of people.")),
            ("age", line.age, WHOLE, _rule("integer", 16, 100, "Age in whole years, 16 to 100.")),
            ("years", line.years_service, WHOLE,
             _rule("integer", 0, 80, "Complete years of service, 0 to 80.")),
            ("pay", line.weekly_pay, MONEY, _rule("decimal", 0, 1e6, "Weekly pay in pounds.")),
            ("cap", bool(line.cap_weekly_pay), None, None),
            ("enh", line.enhancement_multiplier, "0.00",
             _rule("decimal", 0, 100, "A multiple of the statutory amount: 1 is statutory.")),
            ("notice", line.notice_weeks, "0.0", _rule("decimal", 0, 520, "Weeks of notice pay.")),
            ("strain", line.pension_strain, MONEY,
             _rule("decimal", 0, 1e9, "Pension strain in pounds a person.")),
            ("year", line.year, WHOLE, year_rule(max_years))):
        ws.value(r, cols[key], value, "Input", fmt)
        if rule:
            ws.validate(r, cols[key], r, cols[key], rule)
    ws.formula(r, cols["counted"], f"=MIN({c['years']},MaxServiceYears)",
               min(line.years_service, 20), "Calc", WHOLE)
    years = list(range(1, min(line.years_service, 20) + 1))
    for b, band in enumerate(bands):
        ws.formula(r, cols[f"band{b}"], (
            f"=SUMPRODUCT(--(ServiceYearsBack<={c['counted']}),"
            f"--({c['age']}-ServiceYearsBack>={band.from_age}),"
            f"--({c['age']}-ServiceYearsBack<={band.to_age}))"),
            _years_in_band(line.age, years, b), "Calc", WHOLE)
    _cap_cells(ws, r, c, cols, case, inputs, line.organisation)
    per_band = "+".join(f"{c[f'band{b}']}*{band.weeks}" for b, band in enumerate(bands))
    for key, formula, value, fmt, style in (
        ("weeks", f"=({c['years']}>=MinServiceYears)*({per_band})", red.weeks, WEEKS, "Calc"),
        ("pay_used", f"=IF({c['cap']},MIN({c['pay']},{c['cap_pay']}),{c['pay']})",
         red.pay_for_weeks, MONEY, "Calc"),
        ("red_pay", f"={c['enh']}*{c['weeks']}*{c['pay_used']}", red.redundancy_pay, MONEY,
         "Calc"),
        ("notice_pay", f"={c['notice']}*{c['pay']}", red.notice_pay, MONEY, "Calc"),
        ("nic", (f"=EmployerNICRate*({c['notice_pay']}+MAX(0,{c['red_pay']}-"
                f"TerminationNICThreshold))"), red.employer_nic, MONEY, "Calc"),
        ("per_person", f"={c['red_pay']}+{c['notice_pay']}+{c['nic']}+{c['strain']}",
         red.per_person, MONEY, "Calc"),
        ("total", f"={c['count']}*{c['per_person']}", red.total, MONEY, "Output"),
    ):
        ws.formula(r, cols[key], formula, value, style, fmt)
    org = on(SHEET, c["org"])
    return {"organisation": org, "year": on(SHEET, c["year"]), "total": on(SHEET, c["total"]),
            "label": on(SHEET, c["label"]),
            "result": red,
            "check": f"OR({org}=JointLabel,SUMPRODUCT(--(OrgIds={org}))=1)"}


def _years_in_band(age: int, years: list[int], band: int) -> int:
    """How many of the counted years back fall in the band (the table on Constants)."""
    low, high, _ = BANDS[band]
    return sum(1 for k in years if low <= age - k <= high)
