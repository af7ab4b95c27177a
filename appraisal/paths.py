"""Places in a case: a :class:`FieldPath`, its text form and the same place in the board's words.

A field path is a tuple of keys and list indices, ``("options", 2, "savings", 0, "annual")``.
Rules and warnings carry one; only the JSON output and the command line's messages turn it into
text, ``options[2].savings[0].annual`` (model.md, case file v1), and :meth:`FieldPath.parse`
reads that text back. :func:`say` names the place as people read it, with the case's own names
for options, partners, lines, loans, criteria and risks: ``Full merger › Savings › Finance team ›
annual``. It reads the case as a Case or as its JSON data (a file that failed to load has only
the latter); a name that cannot be found (an index past the end) is said by its number.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Union

from .kinds import KIND

Part = Union[str, int]
SEPARATOR = " › "
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class FieldPath(tuple):
    """A place in a case: keys (str) and list indices (int). Equal to its text form too, so
    ``FieldPath.parse("criteria[1].weight") == "criteria[1].weight"``.

    >>> p = FieldPath(("options", 2)) / "savings" / 0 / "annual"
    >>> str(p), p == FieldPath.parse(str(p))
    ('options[2].savings[0].annual', True)
    """

    def __new__(cls, parts: Iterable[Part] = ()) -> FieldPath:
        return super().__new__(cls, tuple(parts))

    @classmethod
    def of(cls, *parts: Part) -> FieldPath:
        return cls(parts)

    @classmethod
    def parse(cls, text: str | FieldPath) -> FieldPath:
        """'options[2].savings[0].annual' → ('options', 2, 'savings', 0, 'annual')."""
        if isinstance(text, FieldPath):
            return text
        return cls(int(index) if index else name for name, index in _PART.findall(text or ""))

    def __truediv__(self, part: Part) -> FieldPath:
        return FieldPath((*self, part))

    def __str__(self) -> str:
        out = ""
        for part in self:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out

    def __repr__(self) -> str:
        return f"FieldPath({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return str(self) == other
        return tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(str(self))

    def startswith(self, prefix: str | Sequence[Part]) -> bool:
        """Whether this place lies within ``prefix`` (a FieldPath, a tuple or a text form)."""
        parts = FieldPath.parse(prefix) if isinstance(prefix, str) else tuple(prefix)
        return tuple(self[:len(parts)]) == tuple(parts)

    @property
    def parent(self) -> FieldPath:
        return FieldPath(self[:-1])

    def line(self) -> tuple[int, str, int] | None:
        """(option index, kind, line index) when the place is a money line or within one."""
        if (len(self) >= 4 and self[0] == "options" and isinstance(self[1], int)
                and isinstance(self[2], str) and self[2] in KIND and isinstance(self[3], int)):
            return self[1], self[2], self[3]
        return None


def path_of(path: str | Sequence[Part] | None) -> FieldPath:
    """A FieldPath from its text form, a tuple or None (the whole case)."""
    if path is None:
        return FieldPath()
    if isinstance(path, str):
        return FieldPath.parse(path)
    return FieldPath(path)


# --- the place in words --------------------------------------------------------------------------
SECTIONS = {
    "options": "Options", "organisations": "Partners", "criteria": "Criteria",
    "readiness": "Readiness", "risks": "Risks", "settings": "Settings",
    "recommendation": "Recommendation", "weighting": "Weights", "members": "Board members",
    **{k.id: k.plural for k in KIND.values()},
    "loans": "Loans", "scores": "Scores",
    "rationale": "Reasons for scores", "optimism_bias": "Optimism bias",
    "monte_carlo": "Simulation", "swing": "Swing ratings", "ahp_matrix": "Pairwise comparisons",
    "due_diligence": "Due diligence", "route_progress": "Progress on the legal route",
}
# What each list's items are called when they have no name of their own.
ITEM_NOUNS = {
    "options": "Option", "organisations": "Partner", "criteria": "Criterion",
    "readiness": "Item", "risks": "Risk", "loans": "Loan", "ahp_matrix": "Row",
    "members": "Member", "route_progress": "Entry",
    **{k.id: k.noun for k in KIND.values()},
}
# Fields whose own name reads badly.
FIELD_WORDS = {
    "horizon_years": "horizon", "redundancy_weekly_pay_cap": "redundancy weekly pay cap",
    "vat_rate": "VAT rate", "vat_recovery_rate": "VAT recovery rate",
    "vat_treatment": "VAT treatment", "margin_bps": "margin (basis points)",
    "margin_uplift_bps": "margin change (basis points)", "employer_nic_rate":
    "employer's National Insurance rate", "termination_nic_threshold":
    "National Insurance threshold on termination pay", "annual_turnover": "annual turnover",
    "cap_weekly_pay": "cap weekly pay", "ahp_order": "pairwise order",
    "scale_money": "money anchors", "route": "legal route",
    "money_separately": "money weighed separately",
}
TOP_LISTS = ("options", "organisations", "criteria", "readiness", "risks", "members")
CRITERION_KEYED = ("scores", "rationale", "swing")   # maps from a criterion's id


def _get(node: Any, key: Part) -> Any:
    """``node[key]`` for JSON data, ``getattr`` for a Case; None where there is nothing."""
    try:
        if isinstance(key, int):
            return node[key] if isinstance(node, Sequence) and not isinstance(node, str) else None
        if isinstance(node, Mapping):
            return node.get(key)
        return getattr(node, key, None)
    except (IndexError, KeyError, TypeError):
        return None


def one_line(text: str) -> str:
    """A name on one line, whole: words a person reads in a message, the paper or the command
    line never cut a name (only a table cell on screen elides, with the whole name in its tip).

    >>> one_line("Federal group,\\n loans kept in the subsidiaries")
    'Federal group, loans kept in the subsidiaries'
    """
    return " ".join(str(text).split())


def loan_words(case: Any, loan_id: str) -> str | None:
    """A loan as people name it: 'Bank A loan (Oak Housing)'; None for an unknown loan."""
    for org in _get(case, "organisations") or []:
        for loan in _get(org, "loans") or []:
            if _get(loan, "id") == loan_id:
                lender = _get(loan, "lender") or "Loan"
                return f"{lender} loan ({_get(org, 'name') or _get(org, 'id')})"
    return None


def item_name(list_key: str, item: Any, index: int, case: Any) -> str:
    """An item of a list by its own name (or label, lender, text); a loan line without a label
    by its loan, else by noun and number (as the engine names lines)."""
    for field in ("name", "label", "lender", "item", "risk"):
        value = _get(item, field)
        if isinstance(value, str) and value.strip():
            return one_line(value)
    finding = _get(item, "id") if list_key == "due_diligence" else None
    if isinstance(finding, str) and finding.strip():
        return one_line(f"Finding {finding}")      # the reference the board gave it
    loan_id = _get(item, "loan")
    if isinstance(loan_id, str):
        named = loan_words(case, loan_id)
        if named:
            return one_line(named)
    return f"{ITEM_NOUNS.get(list_key, 'Line')} {index + 1}"


def criterion_name(case: Any, criterion_id: str) -> str:
    for crit in _get(case, "criteria") or []:
        if _get(crit, "id") == criterion_id:
            return one_line(_get(crit, "name") or criterion_id)
    return criterion_id


def say(path: str | Sequence[Part] | None, case: Any = None) -> str:
    """A place as the board would say it, using the names in ``case`` (Case or dict).

    >>> say("settings.horizon_years")
    'Settings › horizon'
    """
    parts = path_of(path)
    words: list[str] = []
    node, list_key = case, ""
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(part, int):
            item = _get(node, part)
            words.append(item_name(list_key, item, part, case))
            node, list_key = item, ""
        elif list_key in CRITERION_KEYED:
            words.append(criterion_name(case, part))        # a criterion's id as a key
            node, list_key = _get(node, part), ""
        else:
            if part == "options" and not last:
                pass                            # an option's name says it is an option
            elif part in SECTIONS and (not last or part in TOP_LISTS):
                words.append(SECTIONS[part])
            else:
                words.append(FIELD_WORDS.get(part, part.replace("_", " ")))
            node, list_key = _get(node, part), part
    text = SEPARATOR.join(words)
    return text[:1].upper() + text[1:]


def problem_text(path: str | Sequence[Part] | None, message: str, case: Any = None) -> str:
    """'<place in words>: <message>', or the message alone when it has no place."""
    return f"{say(path, case)}: {message}" if path else message
