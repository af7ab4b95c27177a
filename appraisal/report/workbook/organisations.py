"""The By organisation sheet: who pays and who gains (model.md §2, per organisation).

Each cell sums the signed present values of the option's lines whose Organisation cell names
that organisation (a shared service counts for its recipient, a loan for its owner); lines
marked with ``JointLabel`` are shown apart as joint, never split. A shared service with a
supplier moves its recharge's present value from the recipient to the supplier (model-v2.md
V6); the two cancel in the total.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...results import Results
from .cells import col, on, ref
from .inputs import InputsMap
from .styles import MONEY, WHOLE

SHEET = "By organisation"
HEAD = 5


@dataclass
class OrganisationsMap:
    total: dict[str, str]       # option id → sum over organisations and joint


def write_organisations(ws, results: Results, inputs: InputsMap,
                        option_maps: list) -> OrganisationsMap:
    orgs = results.case.organisations
    ws.text(1, 1, "By organisation: present value of each option's lines, who pays and "
            "who gains", "Title")
    ws.text(2, 1, "Positive: a net gain to that organisation; joint lines are shown apart. A "
            "shared service's recharge counts against its recipient and for its supplier.",
            "Note")
    ws.text(HEAD - 1, 2, "Organisation →", "Note")
    ws.text(HEAD, 1, "No.", "Header")
    ws.text(HEAD, 2, "Option", "Header")
    ws.text(HEAD + 1, 2, "(organisation id)", "Note")
    for k, org in enumerate(orgs):
        ws.text(HEAD, 3 + k, org.name, "Header")
        ws.formula(HEAD + 1, 3 + k, f"={inputs.org_id[org.id]}", org.id, "Link")
    joint_c = 3 + len(orgs)
    total_c = joint_c + 1
    ws.text(HEAD, joint_c, "Joint (shared by all)", "Header")
    ws.formula(HEAD + 1, joint_c, "=JointLabel", "joint", "Link")
    ws.text(HEAD, total_c, "Total (the option's NPV)", "Header")
    totals = {}
    for i, (option, m) in enumerate(zip(results.options, option_maps)):
        r = HEAD + 2 + i
        ws.value(r, 1, i + 1, "Constant", WHOLE)
        ws.text(r, 2, option.name)
        values = list(option.by_organisation.values())
        for c in range(3, joint_c + 1):
            here = f"{col(c)}${HEAD + 1}"
            formula = f"=SUMPRODUCT(--({m.org_range}={here}),{m.pv_range})"
            if m.recharges:     # a supplier's recharge moves from recipient to supplier (V6)
                recipients, suppliers, charge = m.recharges
                formula += (f"+SUMPRODUCT(--({suppliers}={here}),{charge})"
                            f"-SUMPRODUCT(--({recipients}={here}),{charge})")
            ws.formula(r, c, formula, values[c - 3], "Calc", MONEY)
        ws.formula(r, total_c, f"=SUM({col(3)}{r}:{col(joint_c)}{r})", sum(values), "Output",
                   MONEY)
        totals[option.id] = on(SHEET, ref(r, total_c))
    _against_baseline(ws, results, HEAD + 2, total_c)
    ws.width(1, 18)
    ws.hide_row(HEAD + 1)         # the organisations' ids the sums look up
    ws.width(2, 34)
    for c in range(3, total_c + 1):
        ws.width(c, 16)
    return OrganisationsMap(totals)


def _against_baseline(ws, results: Results, first: int, total_c: int) -> None:
    """Each organisation's NPV less its NPV in the baseline (model-v2.md V1)."""
    n = len(results.options)
    last = first + n - 1
    top = last + 2
    ws.text(top, 1, "Against the baseline: each organisation's NPV less its NPV in the "
            "baseline option", "Section")
    ids = "OptionIds"      # Inputs' option ids, in the same order as these rows
    for i, option in enumerate(results.options):
        r = top + 1 + i
        ws.value(r, 1, i + 1, "Constant", WHOLE)
        ws.text(r, 2, option.name)
        values = option.by_organisation_vs_baseline
        for c in range(3, total_c + 1):
            here, column = f"{col(c)}{first + i}", f"{col(c)}${first}:{col(c)}${last}"
            key = list(option.by_organisation)[c - 3] if c < total_c else None
            value = values.get(key, 0.0) if key else option.npv_vs_baseline
            ws.formula(r, c, f"={here}-SUMPRODUCT(--({ids}=BaselineOption),{column})", value,
                       "Output" if c == total_c else "Calc", MONEY)
