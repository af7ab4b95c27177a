"""The financial case: NPV and cash flows, every cost line in detail, who pays and who gains.

Figures come from Results only. The VAT break-even is the line's own yearly amount (the saving
the service must make just to cover the VAT it brings, model.md §2).
"""
from __future__ import annotations

from collections.abc import Callable

from ... import charts
from ...finance.caps import cap_summary
from ...finance.lines import COLUMNS
from ...formatting import money, money_k, money_pence, pct, year_label
from ...horizon_words import (
    NO_RATIO,
    PAYBACK_MEANS,
    RATIO_MEANS,
    past_horizon_intro,
    past_horizon_rows,
    ratio_text,
    schedule_words,
)
from ...kinds import KIND, RESULT_COLUMNS
from ...results import LineResult, OptionResult, Results
from ...wording import line_warnings
from . import closing, kit
from .document import BoardPaper

COLUMN_NAMES = {c.id: c.short for c in RESULT_COLUMNS}
VAT_NAMES = {"standard_rated": "standard rated", "cost_sharing_exemption": "cost sharing exemption",
             "vat_group": "VAT group", "outside_scope": "outside the scope of VAT"}


def economic_money(paper: BoardPaper, r: Results) -> None:
    """Costs and benefits: every option's NPV (its own, and against the baseline), the ratio,
    payback and the two money charts. Year-by-year flows are in an appendix."""
    s = r.case.settings
    paper.heading("Costs and benefits", 2)
    paper.para(
        f"All figures are in today's prices over {r.horizon} years from {r.first_year}, "
        f"discounted at a real rate of {pct(r.discount_rate, 1)} a year "
        f"({schedule_words(r)}; end-of-year convention). Savings are "
        f"reduced by an optimism bias of {pct(s.optimism_bias.savings)} and one-off costs "
        f"raised by {pct(s.optimism_bias.costs)}. Each option is compared with the baseline, "
        f"{r.baseline.name}: payback is {PAYBACK_MEANS}, and the benefit–cost ratio is "
        f"{RATIO_MEANS} ('{NO_RATIO}' where the option costs no more than the baseline). "
        "'Own NPV' is the option's flows alone; every other NPV in this paper is against the "
        "baseline unless it says otherwise.")
    paper.table(["Option", "Own NPV", "NPV vs baseline", "PV of savings", "PV of costs",
                 "Benefit–cost ratio", "Payback"],
                [[kit.short(o.name, 120), money(o.npv), money(o.npv_vs_baseline),
                  money(o.pv_savings), money(o.pv_costs), ratio_text(o),
                  "—" if o.baseline else year_label(o.payback_year, r.first_year)]
                 for o in r.options],
                [2.6, 1.5, 1.5, 1.5, 1.5, 1.4, 1.5], numeric={1, 2, 3, 4, 5})
    paper.chart(charts.npv_bars(r), caption="NPV against the baseline, by option.")
    paper.chart(charts.cash_flow_lines(r),
                caption="Cumulative net cash flow against the baseline (undiscounted): the "
                        "option has paid back once its line stays at or above zero; its lowest "
                        "point is how far it falls behind the baseline first.")


def commercial_lines(paper: BoardPaper, r: Results) -> None:
    """The deal's cost lines: VAT on shared services, loan re-pricing, redundancy in total,
    pension cessation, one-off costs, and who pays and who gains."""
    _vat(paper, r)
    _loans(paper, r)
    _redundancy_summary(paper, r)
    _simple_lines(paper, r, "pension_cessation", KIND["pension_cessation"].plural,
                  "Leaving a pension scheme triggers a cessation debt, payable in the year shown.")
    paper.para("Every line of every option, the one-off costs of change among them, is listed "
               "in Appendix E.", "small")


def funding(paper: BoardPaper, r: Results) -> None:
    """What each option asks of the partners' cash before it pays back, and who gains."""
    from .cover import low_point
    paper.heading("Funding the change", 2)
    paper.para("How much each option needs before it pays for itself: the up-front cost "
               "(one-off items, undiscounted) and the funding low point, the furthest the "
               "option falls behind the baseline in cumulative cash (undiscounted), and when.")
    paper.table(["Option", "Up-front cost", "Funding low point", "Payback"],
                [[kit.short(o.name, 120), money(o.one_off_total), low_point(r, o),
                  "—" if o.baseline else year_label(o.payback_year, r.first_year)]
                 for o in r.options], [4, 1.6, 2, 1.8], numeric={1, 2})
    _who_pays(paper, r)


def cash_flows_appendix(paper: BoardPaper, r: Results) -> None:
    paper.heading("Appendix A: Cash flows by year")
    paper.para("Each option's own flows by year (not against the baseline), in thousands of "
               "pounds; the discounted total is the option's own NPV.", "small")
    for o in r.options:
        if o.baseline and not o.lines:
            continue
        _cash_flow_table(paper, o)
    _later_years(paper, r)
    closing.benefits_to_track(paper, r)


def _cash_flow_table(paper: BoardPaper, o: OptionResult) -> None:
    paper.heading(f"{kit.short(o.name, 120)} (£ thousands)", 3)
    rows = [[str(cf.calendar_year)] + [money_k(getattr(cf, c)) for c in COLUMNS]
            + [money_k(cf.net), money_k(cf.discounted)] for cf in o.cash_flows]
    rows.append(["Total"] + [money_k(o.column_total(c)) for c in COLUMNS]
                + [money_k(o.column_total("net")), money_k(o.npv)])
    paper.table(["Year"] + [COLUMN_NAMES[c] for c in COLUMNS] + ["Net", "Discounted"], rows,
                [0.55, 0.95, 1.05, 0.85, 0.9, 1.2, 0.95, 0.95, 1, 1.1],
                numeric=set(range(1, 10)), bold_last=True, compact=True)


def _lines(r: Results, kind: str) -> list[tuple[OptionResult, LineResult]]:
    return [(o, line) for o in r.options for line in o.lines if line.kind == kind]


def _org_name(r: Results, org_id: str | None) -> str:
    return "Joint" if org_id is None else r.case.organisation(org_id).name


def _case_line(r: Results, o: OptionResult, line: LineResult):
    """The case's input behind a result line (its ref is ``kind[index]``)."""
    index = int(line.ref[line.ref.index("[") + 1:-1])
    return getattr(r.case.option(o.id), line.kind)[index]


def _first_amount(line: LineResult) -> float:
    return next((a for a in line.amounts if a), 0.0)


def _vat(paper: BoardPaper, r: Results) -> None:
    found = _lines(r, "shared_services")
    if not found:
        return
    paper.heading("VAT on shared services", 3)
    paper.para(
        "A standard-rated shared service carries VAT that the recipient can only partly "
        "recover. The yearly VAT it cannot recover is the break-even: the service must save at "
        "least that much each year before it saves anything at all. The cost sharing exemption, "
        "a VAT group, or a supply outside the scope of VAT remove the charge.")
    rows = []
    for o, line in found:
        item = _case_line(r, o, line)
        yearly = _first_amount(line)
        share = pct(yearly / line.base, 1) if line.base else "n/a"
        rows.append([kit.short(o.name, 60), line.label, _org_name(r, line.organisation),
                     VAT_NAMES.get(item.vat_treatment, item.vat_treatment), money(line.base),
                     money(yearly), share])
    paper.table(["Option", "Service", "Recipient", "VAT treatment", "Yearly value",
                 "Break-even saving a year", "Share of value"], rows,
                [1.8, 2, 1.6, 1.5, 1.3, 1.4, 1], numeric={4, 5, 6})
    notes = line_warnings(r.warnings, r.case, "shared_services")
    if notes:
        paper.para("To confirm before relying on these figures:", "small")
        paper.bullets(notes)


def _later_years(paper: BoardPaper, r: Results) -> None:
    """What each option gains and pays after the horizon, and its NPV against the baseline at
    each horizon of the horizon table (model-v2.md V2)."""
    intro = past_horizon_intro(r)
    if intro is None:
        return
    paper.heading(f"After year {r.horizon}", 2)
    paper.para(intro)
    header, rows = past_horizon_rows(r)
    rows = [[kit.short(row[0], 120), *row[1:]] for row in rows]
    paper.table(header, rows, [3.3] + [1.2] * (len(header) - 1),
                numeric=set(range(1, len(header))), compact=True)


def _loans(paper: BoardPaper, r: Results) -> None:
    found = _lines(r, "loan_repricing")
    if not found:
        return
    paper.heading("Loan re-pricing", 3)
    paper.para("Lenders may treat a change of structure as a material event and re-price the "
               "loan: the margin uplift applies to the balance each year until the loan ends; "
               "fees and any breakage cost fall in year 1.")
    rows = []
    for o, line in found:
        item = _case_line(r, o, line)
        org, loan = r.case.loan(item.loan)
        rng = "" if line.low is None else f"{line.low:,.0f}–{line.high:,.0f} bps"
        rows.append([kit.short(o.name, 60), f"{loan.lender or loan.id} ({org.name})",
                     money(loan.balance), f"{line.base:,.0f} bps", rng,
                     money(item.one_off_fees + item.breakage_cost), money(line.total),
                     money(-line.pv)])
    paper.table(["Option", "Loan", "Balance", "Margin uplift", "Range", "Fees and breakage",
                 "Total cost", "Present value"], rows,
                [1.7, 2, 1.4, 1, 1.2, 1.2, 1.3, 1.3], numeric={2, 3, 5, 6, 7})
    prices = (f"counted in today's prices at {pct(r.inflation_rate, 1)} inflation a year"
              if r.inflation_rate else "taken as they stand (no inflation)")
    paper.para(f"Loan agreements fix the margin in cash, so the uplifts are {prices}; fees and "
               "breakage are as stated. Interest after the appraisal period is in the table of "
               "later years in Appendix A.", "small")


def _redundancy_summary(paper: BoardPaper, r: Results) -> None:
    found = [o for o in r.options if o.redundancies]
    if not found:
        return
    paper.heading("Redundancy", 3)
    paper.para("The cost of the posts each option makes redundant, in total (the workings, post "
               "by post, are in Appendix B): " + "; ".join(
                   f"{o.name}: {_posts(sum(x.count for x in o.redundancies))}, "
                   f"{money(o.column_total('redundancy'))}" for o in found) + ".")


def _posts(n: int) -> str:
    return f"{n} post" + ("" if n == 1 else "s")


def redundancy_appendix(paper: BoardPaper, r: Results) -> None:
    paper.heading("Appendix B: Redundancy workings")
    found = [(o, x) for o in r.options for x in o.redundancies]
    if not found:
        paper.para("No option makes any post redundant.")
        return
    paper.para(
        f"Statutory redundancy pay is the number of weeks the law gives for the person's age and "
        f"complete years of service (at most 20 years counted back), times a week's pay capped "
        f"at the limit for the paying organisation's jurisdiction ({cap_summary(r.case)}), "
        f"times any enhancement. Notice is paid at the full "
        f"weekly pay. Employer's National Insurance falls on notice pay and on any redundancy "
        f"pay above the threshold; pension strain is added as given.")
    rows, notes = [], []
    for o, x in found:
        line = _case_redundancy(r, o, x.ref)
        pay = money(x.pay_for_weeks) + ("*" if not line.cap_weekly_pay else "")
        if not line.cap_weekly_pay:
            notes.append(f"* {kit.short(x.label, 80)} ({kit.short(o.name, 60)}): a week's pay "
                         f"of {money(x.weekly_pay)} is used in full, above the statutory cap "
                         f"of {money(r.weekly_pay_cap)}, as the case says (contractual terms).")
        rows.append([kit.markup(f"<b>{kit.esc_short(x.label, 120)}</b><br/>"
                                f"{kit.esc_short(_org_name(r, x.organisation), 60)} · "
                                f"{kit.esc_short(o.name, 80)}", "cell_compact"),
                     str(x.count), str(x.age), str(x.years_service), f"{x.weeks:g}", pay,
                     f"× {line.enhancement_multiplier:g}", money(x.redundancy_pay),
                     money(x.notice_pay), money(x.employer_nic), money(x.pension_strain),
                     money(x.total)])
    paper.table(["Post, organisation and option", "No.", "Age", "Years", "Weeks",
                 "Week's pay used", "Multi­plier", "Redundancy pay (each)",
                 "Notice pay", "Employer NIC", "Pension strain", "Total (all posts)"], rows,
                [2.0, 0.4, 0.42, 0.55, 0.62, 0.9, 0.7, 1.1, 0.9, 0.9, 0.9, 1.05],
                numeric=set(range(1, 12)), compact=True)
    for note in notes:
        paper.para(note, "small")
    for o, x in found:
        m = _worked_money(x.pay_for_weeks, x.redundancy_pay, x.notice_pay, x.employer_nic,
                          x.pension_strain, x.per_person, x.total)
        paper.para(
            f"{kit.short(x.label, 80)}: {x.weeks:g} week{'' if x.weeks == 1 else 's'} × "
            f"{m(x.pay_for_weeks)}"
            f"{_enhancement(r, o, x.ref)} = {m(x.redundancy_pay)} redundancy pay, plus "
            f"{m(x.notice_pay)} notice, {m(x.employer_nic)} employer NIC and "
            f"{m(x.pension_strain)} pension strain = {m(x.per_person)} a person; "
            f"× {x.count} = {m(x.total)} in {year_label(x.year, r.first_year)}.", "small")


def _worked_money(*amounts: float) -> Callable[[float], str]:
    """Whole pounds for a worked sentence, or pounds and pence where any of its figures has
    pence (21 weeks × £719.50 = £15,109.50), so that the sum written out adds up."""
    return money_pence if any(round(a, 2) != round(a) for a in amounts) else money


def _case_redundancy(r: Results, o: OptionResult, ref: str):
    """The case's redundancy line behind a worked result (its inputs: multiplier, cap)."""
    return r.case.option(o.id).redundancies[int(ref[ref.index("[") + 1:-1])]


def _enhancement(r: Results, o: OptionResult, ref: str) -> str:
    """' × 1.5 (enhanced terms)' from the case's input, or nothing at statutory terms."""
    index = int(ref[ref.index("[") + 1:-1])
    multiplier = r.case.option(o.id).redundancies[index].enhancement_multiplier
    return "" if multiplier == 1 else f" × {multiplier:g} (enhanced terms)"


def _simple_lines(paper: BoardPaper, r: Results, kind: str, title: str, intro: str) -> None:
    found = _lines(r, kind)
    if not found:
        return
    paper.heading(title, 3)
    paper.para(intro)
    rows = [[kit.short(o.name, 60), line.label, _org_name(r, line.organisation),
             "" if line.low is None else f"{money(line.low)} – {money(line.high)}",
             money(line.total), money(-line.pv)] for o, line in found]
    amount = "Amount after bias" if kind == "one_off_costs" else "Amount"
    paper.table(["Option", "Line", "Organisation", "Range (before bias)", amount,
                 "Present value"], rows, [2, 2.5, 1.6, 2, 1.3, 1.3], numeric={4, 5})


def _who_pays(paper: BoardPaper, r: Results) -> None:
    paper.heading("Who pays and who gains", 2)
    orgs = r.case.organisations
    paper.para("NPV of each option's lines that name one partner; lines shared by all partners "
               "are shown apart as joint and are not split. A negative figure means that "
               "partner bears more cost than it saves. Read each row against the baseline's "
               f"row ({r.baseline.name}): that is what each partner bears if nothing changes, "
               "so a partner is better off under an option only where its figure there is "
               "higher than on the baseline's row. The research found that the costs of "
               "partnership often fall on the smallest partner: check who that is here.")
    rows = [[kit.short(o.name, 80)] + [money(o.by_organisation[g.id]) for g in orgs]
            + [money(o.by_organisation["joint"])] for o in r.options]
    paper.table(["Option"] + [kit.short(g.name, 40) for g in orgs] + ["Joint"], rows,
                [2.5] + [1.3] * (len(orgs) + 1), numeric=set(range(1, len(orgs) + 2)))
