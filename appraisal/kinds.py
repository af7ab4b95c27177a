"""The kinds of money line and the results columns they feed: the one table (model.md §1–3).

Every place that lists line kinds (the case's models and rules, the engine, the app's Money
step, the words people read, the board paper) reads them from here. Adding a kind of line means
a row in :data:`LINE_KINDS`, the engine's formula for it and its tests.

A row also carries the per-kind facts other modules ask about (whether the main quantity may
carry a low/high range, which field names the organisation, whether a ``basis`` note or a
``renew_every`` field is allowed): a later model version adds a value to a row, not a new list.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Family = Literal["savings", "costs"]


@dataclass(frozen=True)
class ResultColumn:
    """A column of the results' cash flows (model.md §3), in the words people read."""

    id: str             # the results field: ``irrecoverable_vat``
    words: str          # in a sentence: "irrecoverable VAT"
    short: str          # a narrow table heading: "VAT"
    benefit: bool = False   # a saving (added) rather than a cost (subtracted)

    @property
    def title(self) -> str:
        """'Irrecoverable VAT': the words as a label."""
        return self.words[:1].upper() + self.words[1:]


@dataclass(frozen=True)
class LineKind:
    """One kind of money line of an option."""

    id: str                     # the option's list in the case file: ``shared_services``
    column: str                 # the results column it feeds: ``irrecoverable_vat``
    noun: str                   # one line, for people: "Shared service"
    plural: str                 # the list, for people: "Shared services"
    main: str | None            # the main quantity (the one a range bounds); None: none
    ranged: bool                # the main quantity may carry low/high
    family: Family              # uncertainty family: a saving or a cost
    organisation: str           # the field naming who gains or pays (or through what)
    basis: bool = False         # may carry a ``basis`` note (model version 2)
    renews: bool = False        # may carry ``renew_every`` (model version 2)

    @property
    def word(self) -> str:
        """One line in a sentence: 'shared service'."""
        return self.noun.lower()

    @property
    def words(self) -> str:
        """The list in a sentence: 'shared services'."""
        return self.plural.lower()


# model.md §3 order of the results columns.
RESULT_COLUMNS: tuple[ResultColumn, ...] = (
    ResultColumn("savings", "savings", "Savings", benefit=True),
    ResultColumn("recurring_costs", "recurring costs", "Recurring costs"),
    ResultColumn("irrecoverable_vat", "irrecoverable VAT", "VAT"),
    ResultColumn("loan_repricing", "loan re-pricing", "Loans"),
    ResultColumn("redundancy", "redundancy costs", "Redundancy"),
    ResultColumn("pension_cessation", "pension cessation", "Pension"),
    ResultColumn("one_off_costs", "one-off costs", "One-off"),
)

# model.md §1 order of an option's lists (the Money step's tabs, results' lines).
LINE_KINDS: tuple[LineKind, ...] = (
    LineKind("savings", "savings", "Saving", "Savings", "annual", True, "savings",
             "organisation", basis=True),
    LineKind("recurring_costs", "recurring_costs", "Recurring cost", "Recurring costs", "annual",
             True, "costs", "organisation", basis=True),
    LineKind("shared_services", "irrecoverable_vat", "Shared service", "Shared services",
             "annual_value", True, "costs", "recipient", basis=True),
    LineKind("one_off_costs", "one_off_costs", "One-off cost", "One-off costs", "amount", True,
             "costs", "organisation", renews=True),
    LineKind("redundancies", "redundancy", "Redundancy", "Redundancies", None, False, "costs",
             "organisation"),
    LineKind("loan_repricing", "loan_repricing", "Loan re-pricing", "Loan re-pricing",
             "margin_uplift_bps", True, "costs", "loan"),
    LineKind("pension_cessation", "pension_cessation", "Pension cessation", "Pension cessation",
             "amount", True, "costs", "organisation", basis=True),     # ranged: model-v2.md V4
)

KIND: dict[str, LineKind] = {k.id: k for k in LINE_KINDS}
COLUMN: dict[str, ResultColumn] = {c.id: c for c in RESULT_COLUMNS}

KIND_IDS: tuple[str, ...] = tuple(k.id for k in LINE_KINDS)
COLUMN_IDS: tuple[str, ...] = tuple(c.id for c in RESULT_COLUMNS)
RANGED_KINDS: tuple[str, ...] = tuple(k.id for k in LINE_KINDS if k.ranged)
# The engine builds the ranged kinds first (model.md §3's switching-value order), then the rest.
BUILD_ORDER: tuple[str, ...] = RANGED_KINDS + tuple(k.id for k in LINE_KINDS if not k.ranged)
COLUMN_OF_KIND: dict[str, str] = {k.id: k.column for k in LINE_KINDS}


def kind(kind_id: str) -> LineKind:
    """The row of a kind by its list name; KeyError for a list that holds no money lines."""
    return KIND[kind_id]


def is_line_kind(name: object) -> bool:
    return isinstance(name, str) and name in KIND
