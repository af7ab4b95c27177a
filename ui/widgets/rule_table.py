"""A table of covenants or golden rules (model-v2.md V10): one row a rule.

A rule keeps its limit under ``min`` (interest cover) or ``max`` (gearing); the table shows one
"Limit" column and writes the limit under the right key, moving it when the metric changes, so
a person never sees the two keys. Everything else is a :class:`RecordTable`.
"""
from __future__ import annotations

from typing import Any

from ui.widgets.columns import Column
from ui.widgets.record_table import RecordTable

METRICS = [("interest_cover", "Interest cover"), ("gearing", "Gearing")]
BASES = [("underlying", "Underlying (one-off items left out)"), ("all", "All items")]
DEFINITIONS = [("ebitda_mri", "EBITDA-MRI"), ("ebitda", "EBITDA"), (None, "Not applicable")]
SCOPES = [("borrower", "The borrower"), ("group", "The group")]

RULE_COLUMNS = (
    Column("metric", "Metric", "choice", choices=METRICS, width=130,
           tip="Interest cover (at least the limit) or gearing (at most the limit)."),
    Column("limit", "Limit", "number", width=80,
           tip="Interest cover as a multiple (1.25 for 1.25x); gearing as a fraction of "
               "housing assets at cost (0.65 for 65%)."),
    Column("basis", "Basis", "choice", choices=BASES, width=230,
           tip="As the loan agreement says: whether one-off items (redundancy, pension "
               "cessation, one-off costs, loan fees) count in interest cover."),
    Column("definition", "Cover defined as", "choice", choices=DEFINITIONS, width=130,
           tip="EBITDA-MRI deducts capitalised major repairs; EBITDA does not. "
               "Interest cover only."),
)
SCOPE_COLUMN = Column("scope", "Tested on", "choice", choices=SCOPES, width=120,
                      tip="The borrower alone, or (in a group structure) the group's "
                          "combined figures.")


def new_rule(metric: str, *, covenant: bool) -> dict:
    """A new rule at a typical level: interest cover 1.10x (covenant) or 1.25x (golden rule)."""
    if metric == "gearing":
        rule: dict[str, Any] = {"metric": "gearing", "max": 0.7 if covenant else 0.6}
    else:
        rule = {"metric": "interest_cover", "min": 1.1 if covenant else 1.25}
    if covenant:
        rule["basis"] = "underlying"
    return rule


class RuleTable(RecordTable):
    """Covenants of a loan (``covenant=True``, with the scope column) or golden rules."""

    def __init__(self, document, list_path: tuple, record_name: str, *, covenant: bool,
                 parent=None):
        columns = RULE_COLUMNS + ((SCOPE_COLUMN,) if covenant else ())
        super().__init__(document, list_path, columns, record_name, parent)

    def records(self) -> list[dict]:
        shown = []
        for rule in super().records():
            view = dict(rule)
            view["limit"] = rule.get("min") if rule.get("metric") == "interest_cover" \
                else rule.get("max")
            if rule.get("metric") == "interest_cover":
                view.setdefault("definition", "ebitda_mri")
            view.setdefault("basis", "underlying")
            shown.append(view)
        return shown

    def commit(self, row: int, column: Column, value: Any) -> list:
        path = (*self.list_path, row)

        def mutate(data: dict) -> None:
            node = data
            for part in path:
                node = node[part]
            if column.key == "limit":
                node["min" if node.get("metric") == "interest_cover" else "max"] = value
                return
            if column.key == "metric" and value != node.get("metric"):
                limit = node.pop("min", None)
                limit = node.pop("max", limit)
                node["metric"] = value
                node["min" if value == "interest_cover" else "max"] = limit
                if value == "gearing":
                    node.pop("definition", None)
                return
            if value is None:
                node.pop(column.key, None)
            else:
                node[column.key] = value

        text = f"change {column.header.lower()} of {self.record_name} {row + 1}"
        return self.document.edit(text, mutate)
