"""Field paths in the board's words: ``options[2].savings[0].annual`` → ``Full merger › Savings ›
Finance team › annual``.

The engine names the place of a problem or a warning by a field path (model.md, case file v1).
Beside the field itself the message alone is enough; wherever a path would reach a person (the
status bar, a list of problems, a message box, the warnings) :func:`path_words` says it with the
case's own names: options, organisations, lines, criteria, loans, risks. It reads the case as a
Case or as its JSON data (a file that failed to load has only the latter). A name that cannot be
found (an index past the end, a list not yet in the case) is said by its number instead.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from appraisal.finance.lines import KIND_NOUN    # the engine's own names for unlabelled lines

SEPARATOR = " › "
NAME_CHARS = 40

SECTIONS = {
    "options": "Options", "organisations": "Partners", "criteria": "Criteria",
    "readiness": "Readiness", "risks": "Risks", "settings": "Settings",
    "recommendation": "Recommendation", "weighting": "Weights",
    "savings": "Savings", "recurring_costs": "Recurring costs",
    "shared_services": "Shared services", "one_off_costs": "One-off costs",
    "redundancies": "Redundancies", "loan_repricing": "Loan re-pricing",
    "pension_cessation": "Pension cessation", "loans": "Loans", "scores": "Scores",
    "rationale": "Reasons for scores", "optimism_bias": "Optimism bias",
    "monte_carlo": "Simulation", "swing": "Swing ratings", "ahp_matrix": "Pairwise comparisons",
}
# What each list's items are called when they have no name of their own.
ITEM_NOUNS = {
    "options": "Option", "organisations": "Partner", "criteria": "Criterion",
    "readiness": "Item", "risks": "Risk", "loans": "Loan", "ahp_matrix": "Row", **KIND_NOUN,
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
}
TOP_LISTS = ("options", "organisations", "criteria", "readiness", "risks")
CRITERION_KEYED = ("scores", "rationale", "swing")   # maps from a criterion's id
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _get(node: Any, key: str | int) -> Any:
    """``node[key]`` for JSON data, ``getattr`` for a Case; None where there is nothing."""
    try:
        if isinstance(key, int):
            return node[key] if isinstance(node, Sequence) and not isinstance(node, str) else None
        if isinstance(node, Mapping):
            return node.get(key)
        return getattr(node, key, None)
    except (IndexError, KeyError, TypeError):
        return None


def _short(text: str) -> str:
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= NAME_CHARS else one_line[:NAME_CHARS - 1].rstrip() + "…"


def _item_name(list_key: str, item: Any, index: int, case: Any) -> str:
    """An item of a list by its own name (or label, lender, text); a loan line without a label
    by its loan's lender and id, else by noun and number (as the engine names lines)."""
    for field in ("name", "label", "lender", "item", "risk"):
        value = _get(item, field)
        if isinstance(value, str) and value.strip():
            return _short(value)
    loan_id = _get(item, "loan")
    if isinstance(loan_id, str):
        for org in _get(case, "organisations") or []:
            for loan in _get(org, "loans") or []:
                if _get(loan, "id") == loan_id:
                    lender = _get(loan, "lender")
                    return _short(f"{lender} ({loan_id})" if lender else loan_id)
    return f"{ITEM_NOUNS.get(list_key, 'Line')} {index + 1}"


def _criterion_name(case: Any, criterion_id: str) -> str:
    for crit in _get(case, "criteria") or []:
        if _get(crit, "id") == criterion_id:
            return _short(_get(crit, "name") or criterion_id)
    return criterion_id


def parts_of(path: str) -> list[str | int]:
    """'options[2].savings[0].annual' → ['options', 2, 'savings', 0, 'annual']."""
    return [int(index) if index else name for name, index in _PART.findall(path)]


def path_words(path: str, case: Any = None) -> str:
    """A field path as the board would say it, using the names in ``case`` (Case or dict)."""
    parts = parts_of(path)
    words: list[str] = []
    node, list_key = case, ""
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(part, int):
            item = _get(node, part)
            words.append(_item_name(list_key, item, part, case))
            node, list_key = item, ""
        elif list_key in CRITERION_KEYED:
            words.append(_criterion_name(case, part))       # a criterion's id as a key
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


def problem_text(path: str, message: str, case: Any = None) -> str:
    """'<place in words>: <message>', or the message alone when it has no place."""
    return f"{path_words(path, case)}: {message}" if path else message
