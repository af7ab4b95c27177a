"""The last sections: user voice, implementation and next steps, and the appendix of inputs."""
from __future__ import annotations

from ...charts import line_name
from ...charts.scores import score_text
from ...finance.caps import cap_summary
from ...formatting import form_name, money, money_k, pct
from ...kinds import KIND
from ...resources import resource_path
from ...results import Results
from ...wording import warning_text
from . import affordability, kit
from .document import BoardPaper
from .strategy import STATUS_NAMES

USER_WORDS = ("tenant", "resident", "service user", "users", "user voice", "customer")
OPEN = ("not_started", "in_progress")
HALF_PENNY = 0.005     # £: year 1 less the fees below this is float noise, not interest


def user_voice(paper: BoardPaper, r: Results) -> None:
    paper.heading("User voice", 2)
    crit = next((c for c in r.case.criteria if c.id == "user_voice"), None) or next(
        (c for c in r.case.criteria if any(w in c.name.lower() for w in USER_WORDS)), None)
    items = [i for i in r.case.readiness if any(w in i.item.lower() for w in USER_WORDS)]
    if crit is None and not items:
        paper.para("The case records nothing on how tenants and service users were involved: "
                   "no criterion weighs their voice and no readiness item covers consulting "
                   "them. The board should ask how they will shape the objectives and check "
                   "the results before it decides.")
        return
    if crit is not None:
        scores = "; ".join(
            f"{kit.short(o.name, 100)} {score_text(r.option(o.id).scores[crit.id])}"
            for o in r.case.options)
        paper.para(f"The criterion '{crit.name}' carries {pct(r.weights[crit.id], 1)} of the "
                   f"weight. {_user_voice_verdict(r, crit.id)} Each option's score (of 10): "
                   f"{scores}. The reason for each score is in Appendix D.")
    else:
        paper.para("No criterion weighs the voice of tenants and service users, so it does not "
                   "affect the ranking.")
    if items:
        paper.para("What the readiness checklist records about consulting them:")
        paper.table(["Item", "Status", "Note"],
                    [[i.item, STATUS_NAMES[i.status], i.note] for i in items], [4, 1.3, 4.5])
    else:
        paper.para("The readiness checklist has no item on consulting tenants and service "
                   "users; the case does not record whether they were consulted, or why not.")


def _user_voice_verdict(r: Results, crit_id: str) -> str:
    """How the recommended option does on user voice against the best, from Results scores."""
    rec = r.option(r.recommended)
    best = max(o.scores[crit_id] for o in r.options)
    tops = [o.name for o in r.options if o.scores[crit_id] == best]
    mine = rec.scores[crit_id]
    if mine == best:
        others = [n for n in tops if n != rec.name]
        if others:
            return (f"{rec.name} scores {score_text(mine)} out of 10 on it, as high as any "
                    f"option (level with {_names(others)}).")
        return f"{rec.name} scores {score_text(mine)} out of 10 on it, the highest of any option."
    return (f"{rec.name} scores {score_text(mine)} out of 10 on it; {_names(tops)} "
            f"{'scores' if len(tops) == 1 else 'score'} {score_text(best)}. The board should "
            "be satisfied that tenants' and users' voice will not be weakened before it "
            "decides.")


def _names(names: list[str]) -> str:
    """'A', 'A and B', 'A; B and C' (a semicolon, since names may hold commas)."""
    return names[0] if len(names) == 1 else "; ".join(names[:-1]) + " and " + names[-1]


def implementation(paper: BoardPaper, r: Results) -> None:
    paper.heading("Implementation and next steps", 2)
    todo = [i for i in r.case.readiness if i.status in OPEN]
    if todo:
        paper.para("Action plan: every readiness item not yet done, in the case's order.")
        paper.table(["Action", "Status now", "Note"],
                    [[i.item, STATUS_NAMES[i.status], i.note] for i in todo], [4, 1.3, 4.5])
    elif r.case.readiness:
        paper.para("Every readiness item is done or not applicable.")
    else:
        paper.para("The case has no readiness checklist, so there is no action plan yet.")
    rec = r.option(r.recommended)
    if any(line.kind == "savings" for line in rec.lines):
        paper.para(f"The savings {rec.name} is expected to deliver, year by year, are set out as "
                   "targets to track in Appendix A; report actuals against them.")
    else:
        paper.para(f"{rec.name} carries no savings lines, so there are no savings targets to "
                   "track; the board should set the non-financial outcomes it expects instead.")


def benefits_to_track(paper: BoardPaper, r: Results) -> None:
    """The recommended option's savings as yearly targets, one column a year (£ thousands)."""
    rec = r.option(r.recommended)
    savings = [line for line in rec.lines if line.kind == "savings"]
    if not savings:
        return
    paper.heading("Benefits to track after the decision", 2)
    paper.para(f"The savings {rec.name} is expected to deliver, year by year (£ thousands, "
               "after optimism bias). Report actuals against these targets.", "small")
    years = [str(r.first_year + t) for t in range(r.horizon)]
    rows = [[kit.short(line.label, 120), "Joint" if line.organisation is None
             else kit.short(r.case.organisation(line.organisation).name, 60),
             *[money_k(a).replace("£", "").replace("k", "") for a in line.amounts]]
            for line in savings]
    paper.table(["Saving", "Organisation", *years], rows, [2.2, 1.3] + [0.62] * len(years),
                numeric=set(range(2, 2 + len(years))), compact=True)


def appendix(paper: BoardPaper, r: Results) -> None:
    case, s = r.case, r.case.settings
    paper.heading("Appendix E: Inputs, rules and warnings")
    paper.heading("Settings", 2)
    paper.table(["Setting", "Value"], [
        ["First year", str(r.first_year)], ["Appraisal period", f"{r.horizon} years"],
        ["Discount rate (real)", pct(s.discount_rate, 2)],
        ["Discount schedule", "declining (Green Book)" if s.discount_schedule == "declining"
         else "flat"],
        ["Inflation (for amounts fixed in cash)", pct(s.inflation_rate, 1)],
        ["VAT rate", pct(s.vat_rate, 1)],
        ["Weekly pay cap for redundancy", cap_summary(case)],
        ["Employer NIC rate", pct(s.employer_nic_rate, 1)],
        ["Termination NIC threshold", money(s.termination_nic_threshold)],
        ["Optimism bias: savings / costs",
         f"{pct(s.optimism_bias.savings)} / {pct(s.optimism_bias.costs)}"],
        ["Monte Carlo", f"{s.monte_carlo.draws:,} draws, seed {s.monte_carlo.seed}, "
                        f"{s.monte_carlo.distribution}; {r.driver_count} independent uncertain "
                        f"figures; correlation of the change {s.monte_carlo.correlation:g}"],
    ], [4, 6])
    paper.heading("Organisations and loans", 2)
    paper.table(["Organisation", "Kind", "Turnover", "Staff", "Homes", "VAT recovery",
                 "Jurisdiction"],
                [[g.name, g.kind.replace("_", " "), money(g.annual_turnover),
                  _count(g.staff), _count(g.homes), pct(g.vat_recovery_rate),
                  (g.jurisdiction or "").replace("_", " ").title()] for g in case.organisations],
                [3, 1.6, 1.4, 0.8, 0.8, 1, 1.2], numeric={2, 3, 4, 5})
    names = {g.id: g.name for g in case.organisations}
    for g in case.organisations:
        if g.is_cost_sharing_group:
            members = ", ".join(names.get(m, m) for m in g.members or [])
            paper.para(f"{g.name} is a cost sharing group, not a partner: a separate body whose "
                       f"members ({members}) share its costs at exact cost.", "small")
    loans = [(g, x) for g in case.organisations for x in g.loans]
    if loans:
        paper.table(["Loan id", "Organisation", "Lender", "Balance", "Margin", "Years left"],
                    [[x.id, g.name, x.lender, money(x.balance), f"{x.margin_bps:g} bps",
                      str(x.remaining_years)] for g, x in loans],
                    [1.6, 2.5, 2, 1.5, 1, 1], numeric={3, 4, 5})
    affordability.plans_table(paper, r)
    _every_line(paper, r)
    affordability.appendix_table(paper, r)
    paper.heading("How the figures are worked out", 2)
    for rule in calculation_rules():
        paper.para(rule, "small")
    paper.heading("Warnings", 2)
    if r.warnings:
        paper.bullets([warning_text(w, r.case) for w in r.warnings])
    else:
        paper.para("None.")


def _count(n: int | None) -> str:
    return "n/a" if n is None else f"{n:,}"


def _every_line(paper: BoardPaper, r: Results) -> None:
    paper.heading("Every line of every option", 2)
    paper.para("Evidence or assumption: a line with a low–high range is an estimate, and this "
               "paper tests it; a line with a single figure is an assumption taken as given, "
               "and the board should ask what evidence stands behind it. Redundancy lines are "
               "worked out from the statutory rules.")
    for o in r.options:
        paper.heading(f"{kit.short(o.name, 150)} ({form_name(o.form)})", 3)
        if not o.lines:
            paper.para("No money lines: this option's flows are zero.", "small")
            continue
        rows = []
        for line in o.lines:
            bps = line.kind == "loan_repricing"
            q = "" if line.base is None else (f"{line.base:,.0f} bps" if bps else money(line.base))
            rng = "" if line.low is None else (
                f"{line.low:,.0f} – {line.high:,.0f} bps" if bps
                else f"{money(line.low)} – {money(line.high)}")
            basis = ("Estimate (range tested)" if line.low is not None else
                     "Statutory calculation" if line.kind == "redundancies" else
                     "Assumption (single figure)")
            rows.append([line_name(r, o.id, line.ref, line.label),
                         KIND[line.kind].noun,
                         "Joint" if line.organisation is None
                         else r.case.organisation(line.organisation).name,
                         q, rng, _timing(r, o.id, line), money(line.pv), basis])
        paper.table(["Line", "Kind", "Organisation", "Main figure", "Range", "Timing",
                     "Present value", "Basis"], rows,
                    [2.1, 1.25, 1.4, 1.2, 1.7, 1.5, 1.2, 1.3], numeric={3, 6}, compact=True)


def _timing(r: Results, option_id: str, line) -> str:
    """When a line falls, from its inputs: start year and ramp, or its year, or the loan's term."""
    index = int(line.ref[line.ref.index("[") + 1:-1])
    item = getattr(r.case.option(option_id), line.kind)[index]
    if line.kind == "savings":
        ramp = ", ".join(pct(x) for x in item.ramp)
        return f"from year {item.start_year}; ramp {ramp}"
    if line.kind in ("recurring_costs", "shared_services"):
        extra = f"; {item.vat_treatment.replace('_', ' ')}" if line.kind == "shared_services" else ""
        return f"from year {item.start_year}{extra}"
    if line.kind == "loan_repricing":
        return _interest_years(line, item.one_off_fees + item.breakage_cost)
    return f"year {item.year}"


def _interest_years(line, fees: float) -> str:
    """When a re-priced loan's cost falls, read from the line's yearly amounts.

    The uplift falls in each year from year 1 until the loan ends or the period does; fees and
    breakage fall in year 1 (model.md §2), so year 1 less those is its interest. 'years 1–8;
    fees in year 1', 'year 1; fees in year 1', or 'fees in year 1' where no interest falls. An
    uplift of 0 bps with a range has no interest at base to read the years from: its timing is
    said in words.
    """
    interest = [a - fees if t == 0 else a for t, a in enumerate(line.amounts)]
    last = max((t + 1 for t, a in enumerate(interest) if abs(a) >= HALF_PENNY), default=0)
    if last == 0 and not line.base and line.high:
        return "any uplift until the loan or the period ends; fees in year 1"
    years = "" if last == 0 else "year 1; " if last == 1 else f"years 1–{last}; "
    return f"{years}fees in year 1"


def calculation_rules() -> list[str]:
    """The plain-English rules shipped in templates/board-paper-rules.txt, one per paragraph."""
    text = resource_path("templates", "board-paper-rules.txt").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    return [p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()]
