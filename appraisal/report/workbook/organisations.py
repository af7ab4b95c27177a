"""The By organisation sheet: who pays and who gains (model.md §2, per organisation).

Each cell sums the signed present values of the option's lines whose Organisation cell names
that organisation (a shared service counts for its recipient, a loan for its owner); lines
marked with ``JointLabel`` are shown apart as joint, never split.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...results import Results
from .cells import col, on, put_formula, put_text, ref
from .inputs import InputsMap
from .styles import MONEY, print_setup

SHEET = "By organisation"
HEAD = 4


@dataclass
class OrganisationsMap:
    total: dict[str, str]       # option id → sum over organisations and joint


def write_organisations(wb, results: Results, inputs: InputsMap,
                        option_maps: list) -> OrganisationsMap:
    ws = wb.create_sheet(SHEET)
    orgs = results.case.organisations
    put_text(ws, 1, 1, "By organisation: present value of each option's lines, who pays and "
             "who gains", "Title")
    put_text(ws, 2, 1, "Positive: a net gain to that organisation; joint lines are shown apart.",
             "Note")
    put_text(ws, HEAD, 1, "Option id", "Header")
    put_text(ws, HEAD, 2, "Option", "Header")
    put_text(ws, HEAD - 1, 2, "Organisation id →", "Note")
    for k, org in enumerate(orgs):
        put_formula(ws, HEAD, 3 + k, f"={inputs.org_id[org.id]}", "Header")
    joint_c = 3 + len(orgs)
    total_c = joint_c + 1
    put_formula(ws, HEAD, joint_c, "=JointLabel", "Header")
    put_text(ws, HEAD, total_c, "Total", "Header")
    totals = {}
    for i, (option, m) in enumerate(zip(results.options, option_maps)):
        r = HEAD + 1 + i
        put_text(ws, r, 1, option.id)
        put_text(ws, r, 2, option.name)
        for c in range(3, joint_c + 1):
            put_formula(ws, r, c, f"=SUMPRODUCT(--({m.org_range}={col(c)}${HEAD}),{m.pv_range})",
                        fmt=MONEY)
        put_formula(ws, r, total_c, f"=SUM({col(3)}{r}:{col(joint_c)}{r})", "Output", MONEY)
        totals[option.id] = on(SHEET, ref(r, total_c))
    widths = {"A": 18, "B": 40}
    widths.update({col(c): 16 for c in range(3, total_c + 1)})
    print_setup(ws, widths=widths, freeze=f"C{HEAD + 1}")
    return OrganisationsMap(totals)
