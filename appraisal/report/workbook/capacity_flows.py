"""The Capacity sheet's foundation and workings: each partner's plan as inputs, each option's
lines as they fall on the partners, and each tested entity's figures year by year (V10).

Per option, the line table links each line's yearly amount from its option sheet, with
constants saying how its kind moves the plan (operating surplus +1 for a saving and −1 for a
recurring cost or irrecoverable VAT; one-off items; its sign in the cash flow) and a formula
for each partner's share of it (its own organisation's line, a joint line by the option's split,
a cost sharing group's line by the group's split). A second block repeats the amounts with each
ranged line at its worse end (savings low, costs high), the pessimistic case. Loan re-pricing
interest (the margin) and supplier recharges have blocks of their own. An entity's figures are
then sums over those blocks, weighted by its partners' shares, and the debt the option adds
runs year on year: ``I_t = m × max(0, D_{t−1}) / (1 + i)``, ``D_t = D_{t−1} / (1 + i) + I_t −
net_t``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...case_capacity import PLAN_FIGURES
from ...kinds import RANGED_KINDS
from .capacity_figures import ENTITY_ROWS, SCENARIOS, CapacityFigures
from .cells import col, on, ref
from .option_layout import EXTRA, HIGH, LOW, MAIN, ORG, T_ROW, WHEN, BASIS, DEFL_ROW, LABEL
from .option_sheet import OptionSheetMap
from .styles import MONEY, NUMBER, RATE

YEAR_ROW = 4
PLAN_WORDS = {"operating_surplus": "operating surplus", "depreciation": "depreciation",
              "capitalised_major_repairs": "capitalised major repairs",
              "interest_payable": "interest payable", "net_debt": "net debt",
              "housing_assets_at_cost": "housing assets at cost"}
ENTITY_WORDS = {
    "surplus": "operating surplus with the option's recurring lines (£)",
    "one_off": "one-off items: redundancy, pension cessation, one-off costs (£)",
    "depreciation": "depreciation (£)", "repairs": "capitalised major repairs (£)",
    "net": "the option's net cash flow falling here (£)",
    "debt_interest": "interest on the debt the option adds (£)",
    "added_debt": "debt the option adds, end of year (£)",
    "interest": "interest payable with re-pricing and added debt (£)",
    "fees": "loan fees and breakage (£)", "net_debt": "net debt (£)",
    "assets": "housing assets at cost (£)"}


@dataclass
class Columns:
    """Where things sit across the sheet: three coefficient columns, one share column per
    partner with a plan, then the years."""

    partners: list[int]
    years: int
    op: int = 4
    one_off: int = 5
    cash: int = 6

    @property
    def first_share(self) -> int:
        return 7

    @property
    def first(self) -> int:
        return self.first_share + len(self.partners)

    def share(self, k: int) -> int:
        return self.first_share + self.partners.index(k)

    def year_cols(self) -> list[tuple[int, str, str]]:
        """(column number, its letters, the letters of the column before) per year."""
        return [(c, col(c), col(c - 1)) for c in range(self.first, self.first + self.years)]


@dataclass
class OptionBlocks:
    """Row numbers of one option's blocks (first, last; 0 where the option has none)."""

    lines: tuple[int, int] = (0, 0)
    worse: tuple[int, int] = (0, 0)
    margins: tuple[tuple[int, int], tuple[int, int]] = ((0, 0), (0, 0))
    loan_lines: tuple[tuple[int, int], tuple[int, int]] = ((0, 0), (0, 0))
    recharges: tuple[tuple[int, int], tuple[int, int]] = ((0, 0), (0, 0))
    entity: dict[tuple[tuple[int, ...], int], dict[str, int]] = field(default_factory=dict)


class FlowWriter:
    """Writes the plan, each option's line blocks and its entities onto the Capacity sheet."""

    def __init__(self, ws, figures: CapacityFigures, inputs, cols: Columns, grid) -> None:
        self.ws, self.fig, self.inputs, self.cols, self.grid = ws, figures, inputs, cols, grid
        self.case = figures.case
        self.plan_row: dict[tuple[int, str], int] = {}
        self.group_row: dict[int, int] = {}

    def across(self, row: int, formula, values, style: str = "Calc", fmt: str = MONEY) -> None:
        for i, (c, letters, before) in enumerate(self.cols.year_cols()):
            value = values[i] if values is not None else None
            theirs = col(self.grid.first_year + i)      # the same year on an option sheet
            self.ws.formula(row, c, formula(letters, before, theirs), value, style, fmt)

    def plan(self, row: int) -> int:
        """Each partner's outline plan, one input row per figure; then the groups' splits."""
        ws, cols = self.ws, self.cols
        ws.text(row, 1, "Each partner's business plan, in today's prices, without any of the "
                        "case's lines (overrides carried forward year by year)", "Section")
        row += 1
        for k in cols.partners:
            name = self.case.organisations[k].name
            for f, figure in enumerate(PLAN_FIGURES):
                ws.text(row, 2, f"{name}: {PLAN_WORDS[figure]}")
                ws.text(row, 3, "£", "Note")
                for i, (c, _, _) in enumerate(cols.year_cols()):
                    ws.value(row, c, float(self.fig.plan[k, f, i]), "Input", MONEY)
                self.plan_row[(k, figure)] = row
                row += 1
        if self.fig.groups:
            row += 1
            ws.text(row, 2, "A cost sharing group's lines: each member's share", "Header")
            self._share_heads(row)
            row += 1
            for g in self.fig.groups:
                ws.text(row, 2, f"Lines of {self.case.organisations[g].name}")
                self._share_inputs(row, self.fig.group_shares(g))
                self.group_row[g] = row
                row += 1
        return row + 1

    def _seen(self, sheet: str, row: int, column: int):
        """What an option sheet's cell shows (the result a link to it stores)."""
        return self.ws.book.sheets[sheet].values.get((row, column), "")

    def _org_name(self, org_id):
        """An organisation's name for its id (the joint label as it is)."""
        found = [o.name for o in self.case.organisations if o.id == org_id]
        return found[0] if found else org_id

    def _label(self, row: int, sheet: str, src: int) -> None:
        self.ws.formula(row, 2, f"={on(sheet, ref(src, LABEL))}", self._seen(sheet, src, LABEL),
                        "Link")

    def _share_heads(self, row: int) -> None:
        for k in self.cols.partners:
            self.ws.text(row, self.cols.share(k), self.case.organisations[k].name, "Header")

    def _share_inputs(self, row: int, shares) -> None:
        for k in self.cols.partners:
            self.ws.value(row, self.cols.share(k), float(shares[k]), "Input", RATE)

    def _share_of(self, k: int, org: str, joint_row: int) -> str:
        """Partner k's share of a line whose organisation is in cell ``org``."""
        c = col(self.cols.share(k))
        chain = "0"
        for g in reversed(self.fig.groups):
            chain = (f"IF({org}={self.inputs.org_id[self.case.organisations[g].id]},"
                     f"${c}${self.group_row[g]},{chain})")
        me = self.inputs.org_id[self.case.organisations[k].id]
        return f"IF({org}={me},1,IF({org}=JointLabel,${c}${joint_row},{chain}))"

    def option(self, row: int, o: int, sheet: OptionSheetMap) -> tuple[int, OptionBlocks]:
        """The option's split, its line blocks and its entities; returns the next row."""
        ws, fig = self.ws, self.fig
        lines, lay, blocks = fig.lines[o], sheet.layout, OptionBlocks()
        assert lay is not None
        opt = sheet.sheet
        ws.text(row, 2, "Joint lines: each partner's share (the option's own split, else by "
                        "annual turnover)", "Header")
        self._share_heads(row)
        joint = row + 1
        ws.text(joint, 2, "Share of each joint line")
        self._share_inputs(joint, fig.joint_shares(o))
        row = joint + 2
        if len(lines.refs):
            row = self._lines(row, o, opt, lay, joint, blocks)
        for spec in fig.specs[o]:
            for s in range(len(SCENARIOS)):
                if (spec.entity, s) not in blocks.entity:
                    row = self._entity(row, o, spec.entity, s, blocks)
        return row, blocks

    def _lines(self, row: int, o: int, opt: str, lay, joint: int, blocks: OptionBlocks) -> int:
        ws, cols, lines = self.ws, self.cols, self.fig.lines[o]
        heads = {2: "Each line as on its option sheet (positive amounts)", 3: "Organisation",
                 cols.op: "Operating surplus", cols.one_off: "One-off item",
                 cols.cash: "Cash flow sign"}
        for c, text in heads.items():
            ws.text(row, c, text, "Header")
        self._share_heads(row)
        first = row + 1
        for i, line_ref in enumerate(lines.refs):
            r, src = first + i, lay.line_row[line_ref]
            self._label(r, opt, src)
            org = on(opt, ref(src, ORG))
            ws.formula(r, 3, f"=IFERROR(INDEX(OrgNames,MATCH({org},OrgIds,0)),{org})",
                       self._org_name(self._seen(opt, src, ORG)), "Link")
            for c, value in ((cols.op, lines.operating[i]), (cols.one_off, lines.one_off[i]),
                             (cols.cash, lines.cash[i])):
                ws.value(r, c, float(value), "Constant", "0")
            for k in cols.partners:
                ws.formula(r, cols.share(k), "=" + self._share_of(k, org, joint),
                           float(lines.shares[i, k]), "Calc", RATE)
            self.across(r, lambda x, _, y, src=src: f"={on(opt, f'{y}{src}')}",
                        lines.amounts[0][i])
        last = first + len(lines.refs) - 1
        blocks.lines = (first, last)
        row = last + 1
        ws.text(row, 2, "Each line at the worse end of its range (pessimistic)", "Header")
        ws.text(row, 3, "Quantity there", "Header")
        top = row + 1
        for i, line_ref in enumerate(lines.refs):
            r, src = top + i, lay.line_row[line_ref]
            self._label(r, opt, src)
            unit = lay.unit_row.get(line_ref)
            if unit is None or line_ref.partition("[")[0] not in RANGED_KINDS:
                self.across(r, lambda x, _, y, src=src: f"={on(opt, f'{y}{src}')}",
                            lines.amounts[1][i])
                continue
            low, high, main = (on(opt, ref(src, c)) for c in (LOW, HIGH, MAIN))
            sign = on(opt, ref(src, self.grid.sign))
            ws.formula(r, 3, f"=IF(AND(ISNUMBER({low}),ISNUMBER({high})),IF({sign}=1,{low},"
                       f"{high}),{main})", float(lines.worse_q[i]), "Calc", NUMBER)
            self.across(r, lambda x, _, y, src=src, unit=unit, r=r: (
                f"={on(opt, f'{y}{src}')}+($C${r}-{main})*{on(opt, f'{y}{unit}')}"),
                lines.amounts[1][i])
        blocks.worse = (top, top + len(lines.refs) - 1)
        row = blocks.worse[1] + 2
        if len(lines.loans):
            row = self._margins(row, o, opt, lay, blocks)
        if len(lines.services):
            row = self._recharges(row, o, opt, lay, joint, blocks)
        return row

    def _margins(self, row: int, o: int, opt: str, lay, blocks: OptionBlocks) -> int:
        """Each loan line's re-pricing interest (quantity × its per-unit flow), as planned and
        at the worse end; the rest of the line's amount is its fees and breakage."""
        ws, cols, lines = self.ws, self.cols, self.fig.lines[o]
        loans = [int(i) for i in lines.loans]
        if loans != list(range(loans[0], loans[-1] + 1)):
            raise ValueError("loan lines are built together")
        blocks.loan_lines = ((blocks.lines[0] + loans[0], blocks.lines[0] + loans[-1]),
                             (blocks.worse[0] + loans[0], blocks.worse[0] + loans[-1]))
        spans = []
        for s, words in enumerate(("Loan re-pricing: the higher margin's interest, as planned",
                                   "Loan re-pricing: the margin's interest at the worse end")):
            ws.text(row, 2, words, "Header")
            first = row + 1
            for j, i in enumerate(loans):
                r, src = first + j, lay.line_row[lines.refs[i]]
                unit = lay.unit_row[lines.refs[i]]
                self._label(r, opt, src)
                if s == 0:
                    for k in cols.partners:
                        c = col(cols.share(k))
                        ws.formula(r, cols.share(k), f"=${c}${blocks.lines[0] + i}",
                                   float(lines.shares[i, k]), "Link", RATE)
                    qty = on(opt, ref(src, MAIN))
                else:
                    qty = f"$C${blocks.worse[0] + i}"
                self.across(r, lambda x, _, y, qty=qty, unit=unit: (
                    f"={qty}*{on(opt, f'{y}{unit}')}"), lines.margins[s][j])
            spans.append((first, first + len(loans) - 1))
            row = first + len(loans) + 1
        blocks.margins = (spans[0], spans[1])
        return row

    def _recharges(self, row: int, o: int, opt: str, lay, joint: int,
                   blocks: OptionBlocks) -> int:
        """Each shared service's recharge (model-v2.md V6): the recipient pays its annual value
        to the supplier, as planned and at its high end; a partner's share is the supplier's
        share less the recipient's (0 without a supplier)."""
        ws, cols, lines = self.ws, self.cols, self.fig.lines[o]
        spans = []
        for s, words in enumerate(("Supplier recharges of shared services, as planned",
                                   "Supplier recharges at the high end of each range")):
            ws.text(row, 2, words, "Header")
            ws.text(row, 3, "Supplier", "Header")
            first = row + 1
            for j, i in enumerate(lines.services):
                r, src = first + j, lay.line_row[lines.refs[int(i)]]
                self._label(r, opt, src)
                sup, rec = on(opt, ref(src, EXTRA + 3)), on(opt, ref(src, ORG))
                main, low, high = (on(opt, ref(src, c)) for c in (MAIN, LOW, HIGH))
                if s == 0:
                    shown = self._org_name(self._seen(opt, src, EXTRA + 3)) or "none"
                    ws.formula(r, 3, f'=IF({sup}="","none",'
                               f'IFERROR(INDEX(OrgNames,MATCH({sup},OrgIds,0)),{sup}))', shown,
                               "Link")
                    for k in cols.partners:
                        ws.formula(r, cols.share(k), (
                            f'=IF(OR({sup}="",{sup}={rec}),0,'
                            f"{self._share_of(k, sup, joint)}-{self._share_of(k, rec, joint)})"),
                            float(lines.recharge_shares[j, k]), "Calc", RATE)
                    qty = main
                else:
                    qty = f"IF(AND(ISNUMBER({low}),ISNUMBER({high})),{high},{main})"
                start, basis = on(opt, ref(src, WHEN)), on(opt, ref(src, BASIS))
                self.across(r, lambda x, _, y, qty=qty, start=start, basis=basis: (
                    f"={qty}*({on(opt, f'{y}${T_ROW}')}>={start})*IF({basis}=\"nominal\","
                    f"{on(opt, f'{y}${DEFL_ROW}')},1)"), lines.recharges[s][j])
            spans.append((first, first + len(lines.services) - 1))
            row = first + len(lines.services) + 1
        blocks.recharges = (spans[0], spans[1])
        return row

    def _shares(self, members: tuple[int, ...], span: tuple[int, int]) -> str:
        a, b = span
        return "(" + "+".join(f"${col(self.cols.share(k))}${a}:${col(self.cols.share(k))}${b}"
                              for k in members) + ")"

    def _entity(self, row: int, o: int, members: tuple[int, ...], s: int,
                blocks: OptionBlocks) -> int:
        """One entity's figures in one scenario: its plan moved by the option's lines."""
        ws, fig = self.ws, self.fig
        names = " and ".join(self.case.organisations[k].name for k in members)
        together = " together" if len(members) > 1 else ""
        ws.text(row, 2, f"{names}{together}, {SCENARIOS[s].lower()}", "Header")
        rows = {name: row + 1 + n for n, name in enumerate(ENTITY_ROWS)}
        values = fig.entity(o, members, s)
        has_lines = blocks.lines[0] > 0
        share = self._shares(members, blocks.lines) if has_lines else ""
        amounts = blocks.lines if s == 0 else blocks.worse

        def plan(figure: str, x: str) -> str:
            return "+".join(f"{x}{self.plan_row[(k, figure)]}" for k in members)

        def lines_sum(coef: int, x: str) -> str:
            if not has_lines:
                return ""
            a, b = blocks.lines
            c = col(coef)
            return f"SUMPRODUCT({share},${c}${a}:${c}${b},{x}${amounts[0]}:{x}${amounts[1]})"

        def charged(x: str) -> str:
            if not blocks.recharges[0][0]:
                return ""
            a, b = blocks.recharges[s]
            return f"+SUMPRODUCT({self._shares(members, blocks.recharges[0])},{x}${a}:{x}${b})"

        def margin(x: str) -> str:
            if not blocks.margins[0][0]:
                return ""
            a, b = blocks.margins[s]
            return f"SUMPRODUCT({self._shares(members, blocks.margins[0])},{x}${a}:{x}${b})"

        def fees(x: str) -> str:
            if not blocks.margins[0][0]:
                return "=0"
            a, b = blocks.loan_lines[s]
            on_loans = self._shares(members, blocks.margins[0])
            return f"=SUMPRODUCT({on_loans},{x}${a}:{x}${b})-{margin(x)}"

        def plus(term: str) -> str:
            return f"+{term}" if term else ""

        cols = self.cols
        formulas = {
            "surplus": lambda x, w, _: (f"={plan('operating_surplus', x)}"
                                     f"{plus(lines_sum(cols.op, x))}{charged(x)}"),
            "one_off": lambda x, w, _: (f"=-{lines_sum(cols.one_off, x)}" if has_lines else "=0"),
            "depreciation": lambda x, w, _: f"={plan('depreciation', x)}",
            "repairs": lambda x, w, _: f"={plan('capitalised_major_repairs', x)}",
            "net": lambda x, w, _: (f"={lines_sum(cols.cash, x)}{charged(x)}" if has_lines
                                 else "=0"),
            "debt_interest": lambda x, w, _: (f"=MarginalInterestRate*MAX(0,N({w}"
                                           f"{rows['added_debt']}))/(1+InflationRate)"),
            "added_debt": lambda x, w, _: (f"=N({w}{rows['added_debt']})/(1+InflationRate)"
                                        f"+{x}{rows['debt_interest']}-{x}{rows['net']}"),
            "interest": lambda x, w, _: (f"={plan('interest_payable', x)}{plus(margin(x))}"
                                      f"+{x}{rows['debt_interest']}"),
            "fees": lambda x, w, _: fees(x),
            "net_debt": lambda x, w, _: f"={plan('net_debt', x)}+{x}{rows['added_debt']}",
            "assets": lambda x, w, _: f"={plan('housing_assets_at_cost', x)}",
        }
        for name in ENTITY_ROWS:
            ws.text(rows[name], 2, ENTITY_WORDS[name])
            self.across(rows[name], formulas[name], values[name])
        blocks.entity[(members, s)] = rows
        return row + len(ENTITY_ROWS) + 2
