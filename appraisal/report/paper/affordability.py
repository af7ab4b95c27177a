"""Can we afford it? The paper's word on lenders' covenants and golden rules (model-v2.md V10).

Page 2 gets, for the recommended option and the leader, the tightest covenant headroom and its
year and one sentence for each breach (as planned or pessimistic); the financial case gets a
short section with each option's verdict and the recommended option's charts; the appendix gets
the table of every test. Every figure is read from Results.
"""
from __future__ import annotations

from reportlab.platypus import Paragraph

from ... import affordability as af
from ... import charts
from ...formatting import money, money_k
from ...results import OptionResult, Results
from . import kit
from .document import BoardPaper

OUTLINE = ("This is an outline test for the board, not a lender's compliance certificate: asset "
           "cover, interest received and each loan agreement's own definitions are outside it, "
           "and the plans are the partners' own, in outline.")
MAX_BREACH_SENTENCES = 3
BREACH_COLOUR = "#B3420A"      # a darker vermilion: readable as small text on white


def _tightest_covenant(o: OptionResult):
    covenants = [t for t in o.capacity if t.loan is not None]
    found = [t for t in covenants if t.min_headroom["value"] is not None]
    return min(found, key=lambda t: t.min_headroom["value"] / (t.limit or 1.0)) if found \
        else None


def _tightest_sentence(r: Results, o: OptionResult) -> str:
    """'Name: the tightest covenant is X's interest cover with Bank D, 0.17x (about £1,081k)
    above its 1.10x limit in 2027.'"""
    tight = _tightest_covenant(o)
    if tight is None:
        return f"{o.name}: no lender's covenant to test."
    y = tight.min_headroom["year"]
    value, room = tight.min_headroom["value"], tight.headroom_money[y - 1]
    side = "above" if tight.bound == "min" else "below"
    if value < 0:
        side = "short of" if tight.bound == "min" else "over"
    money_words = f" (about {money_k(abs(room))})" if room is not None else ""
    return (f"{o.name}: the tightest covenant is {af.test_name(r.case, tight)}, "
            f"{af.headroom_text(tight.metric, abs(value))}{money_words} {side} its "
            f"{af.ratio(tight.metric, tight.limit)} limit in {r.first_year + y - 1}.")


def _breach_sentences(r: Results, o: OptionResult) -> list[str]:
    """One short sentence a breach: as planned, or else in the pessimistic case."""
    out = []
    for t in o.capacity:
        year = t.first_breach_year or t.stressed_first_breach_year
        if year is None:
            continue
        stressed = t.first_breach_year is None
        short = (t.stressed_headroom_money if stressed else t.headroom_money)[year - 1]
        when = "In the pessimistic case it breaks" if stressed else "As planned it breaks"
        by = f", by {money_k(-short)}" if short is not None else ""
        out.append(f"{when} {af.test_name(r.case, t)} ({af.limit_text(t)}) in "
                   f"{r.first_year + year - 1}{by}.")
    return out


def flagged_name(r: Results, o: OptionResult) -> Paragraph | None:
    """An option's name for a table cell with its breach noted under it, or None if it holds."""
    mark = af.flag(o, r.first_year)
    if mark is None:
        return None
    name = kit.esc(kit.short(o.name, 110) + " (baseline)" if o.baseline else kit.short(o.name, 120))
    if o.id == r.recommended:
        name = f"<b>{name}</b>"
    return Paragraph(f'{name}<br/><font color="{BREACH_COLOUR}">⚠ {kit.esc(mark)}</font>',
                     kit.STYLES["cell"])


def page_two(paper: BoardPaper, r: Results) -> None:
    """'Can we afford it?' on page 2: the recommended option and the leader (one if the same)."""
    chosen = [r.option(r.recommended)]
    if r.leader != r.recommended:
        chosen.append(r.option(r.leader))
    if not any(o.capacity for o in r.options):
        return
    sentences = []
    for o in chosen:
        sentences.append(_tightest_sentence(r, o))
        breaches = _breach_sentences(r, o)
        sentences += breaches[:MAX_BREACH_SENTENCES]
        if len(breaches) > MAX_BREACH_SENTENCES:
            sentences.append(f"It breaks {len(breaches) - MAX_BREACH_SENTENCES} more tests: see "
                             "the affordability section.")
        if not breaches:
            sentences.append("It keeps every covenant and golden rule in every year, as "
                             "planned and in the pessimistic case.")
    paper.markup("<b>Can we afford it?</b> " + kit.esc(" ".join(sentences)))


def financial_section(paper: BoardPaper, r: Results) -> None:
    """A short section in the financial case: each option's verdict, then the charts."""
    if not any(o.capacity for o in r.options):
        return
    paper.heading("Can we afford it? Lenders' covenants and golden rules", 2)
    rate = r.case.settings.marginal_interest_rate
    paper.para(
        "Each option is added to the partners' business plans in outline, year by year, and "
        "tested against every lender's covenant (while its loan runs) and every board's golden "
        "rule; in a merger the combined body is tested. Money an option spends is borrowed at "
        f"{100 * rate:.1f}% a year; money it saves repays debt. The pessimistic case puts each of "
        f"the option's ranged figures at its worse end. {OUTLINE}")
    rows = []
    for o in r.options:
        tight = af.tightest(o)
        mark = af.flag(o, r.first_year)
        if tight is None:
            rows.append([kit.short(o.name, 90), "nothing to test", "", "", ""])
            continue
        y = tight.min_headroom["year"]
        rows.append([
            kit.short(o.name, 90),
            kit.short(af.test_name(r.case, tight), 110),
            str(r.first_year + y - 1),
            af.headroom_text(tight.metric, tight.min_headroom["value"]),
            f"⚠ {mark}" if mark else "all hold"])
    paper.table(["Option", "Tightest test", "Year", "Headroom", "Breaches"], rows,
                [2.2, 3.6, 0.7, 1.1, 2.2], numeric={2, 3})
    rec = r.option(r.recommended)
    if rec.capacity:
        _chart(paper, r, rec, f"{rec.name}: each test by year against its limit, as planned "
                              "(solid) and pessimistic (dashed); a cross marks a breach.")
    if r.leader != r.recommended and r.option(r.leader).capacity:
        leader = r.option(r.leader)
        _chart(paper, r, leader, f"{leader.name} (the highest weighted score): each test by "
                                 "year against its limit.")


def _chart(paper: BoardPaper, r: Results, o: OptionResult, caption: str) -> None:
    """The option's tests in three columns, allowed most of a page so that they stay legible."""
    fig = charts.capacity_tests(r, o.id, columns=3)
    paper.chart(fig, caption=caption, max_height=kit.FRAME_HEIGHT * 0.42)


def plans_table(paper: BoardPaper, r: Results) -> None:
    """Each partner's business plan in outline as entered, with the years its figures change."""
    with_plans = [(g, g.finances) for g in r.case.organisations if g.finances is not None]
    if not with_plans:
        return
    paper.para("Business plans in outline (a year, today's prices; the plan without any of "
               "the options' own lines, which the test adds).", "small")
    rows = []
    for g, f in with_plans:
        changes = "; ".join(
            f"from year {p.year}: " + ", ".join(
                f"{PLAN_WORDS[k]} {money_k(v)}" for k, v in p.model_dump(exclude={"year"}).items()
                if v is not None) for p in sorted(f.plan, key=lambda p: p.year))
        rows.append([g.name, money_k(f.operating_surplus), money_k(f.depreciation),
                     money_k(f.capitalised_major_repairs), money_k(f.interest_payable),
                     money_k(f.net_debt), money_k(f.housing_assets_at_cost), changes or "none"])
    paper.table(["Organisation", "Surplus", "Depreciation", "Major repairs", "Interest",
                 "Net debt", "Housing assets", "Changes"], rows,
                [2.0, 1.0, 1.1, 1.1, 1.0, 1.1, 1.2, 3.0], numeric={1, 2, 3, 4, 5, 6},
                compact=True)
    covenants = [(g, x, c) for g in r.case.organisations for x in g.loans for c in x.covenants]
    golden = [(g, c) for g in r.case.organisations for c in g.golden_rules]
    if covenants or golden or r.case.merged_golden_rules:
        rows = [[g.name, f"{x.lender or 'Lender'} ({x.id})", _rule_words(c)]
                for g, x, c in covenants]
        rows += [[g.name, "Golden rule", _rule_words(c)] for g, c in golden]
        rows += [["Merged body", "Golden rule", _rule_words(c)]
                 for c in r.case.merged_golden_rules or []]
        paper.table(["Organisation", "Covenant of / rule", "Test"], rows, [2.5, 2.5, 5],
                    compact=True)


PLAN_WORDS = {"operating_surplus": "surplus", "depreciation": "depreciation",
              "capitalised_major_repairs": "major repairs", "interest_payable": "interest",
              "net_debt": "net debt", "housing_assets_at_cost": "housing assets"}


def _rule_words(rule) -> str:
    limit = (f"at least {rule.limit:.2f}x" if rule.metric == "interest_cover"
             else f"at most {100 * rule.limit:.1f}%")
    text = f"{af.METRIC_NAME[rule.metric]} {limit}"
    if rule.metric == "interest_cover":
        text += ", " + ("EBITDA" if rule.definition_or_default == "ebitda" else "EBITDA-MRI")
    text += ", " + ("all items" if rule.basis_or_default == "all" else "underlying")
    if rule.scope == "group":
        text += ", tested on the group"
    return text


def _breach_year(first_year: int, t) -> str:
    """The calendar year of a test's first breach as planned, else '2029 (pessimistic)'."""
    if t.first_breach_year:
        return str(first_year + t.first_breach_year - 1)
    if t.stressed_first_breach_year:
        return f"{first_year + t.stressed_first_breach_year - 1} (pessimistic)"
    return "none"


def appendix_table(paper: BoardPaper, r: Results) -> None:
    """Every test of every option: limit, tightest year and headroom, breaches."""
    if not any(o.capacity for o in r.options):
        return
    paper.heading("Every covenant and golden rule test", 2)
    paper.para("Headroom in money is what could be lost in the tightest year before the limit "
               "bites: surplus for interest cover, extra borrowing for gearing.", "small")
    for o in r.options:
        if not o.capacity:
            continue
        paper.heading(kit.short(o.name, 150), 3)
        rows = []
        for t in o.capacity:
            y, sy = t.min_headroom["year"], t.stressed_min_headroom["year"]
            breach = _breach_year(r.first_year, t)
            rows.append([
                kit.short(af.whose(r.case, t), 60), kit.short(af.rule_label(t), 70),
                af.limit_text(t), af.basis_text(t),
                str(r.first_year + y - 1) if y else "n/a",
                af.headroom_text(t.metric, t.min_headroom["value"]),
                money(t.headroom_money[y - 1]) if y else "n/a",
                af.headroom_text(t.metric, t.stressed_min_headroom["value"])
                + (f" ({r.first_year + sy - 1})" if sy else ""),
                breach])
        paper.table(["Tested on", "Test", "Limit", "Measured", "Tightest", "Headroom",
                     "In money", "Pessimistic", "Breach"], rows,
                    [1.9, 1.9, 1.1, 1.7, 0.8, 0.9, 1.2, 1.3, 1.0], numeric={4, 5, 6, 7},
                    compact=True)
