"""The engine's warnings, worded for the board: which option and line each is about, by name.

Results carries each warning with the path of the field it concerns (``options[4].loan_repricing
[1]``) and a message that may name a loan by its id. The paper never prints a path or an id
where a name exists: it puts the option's and the line's names in front and the lender's name
in place of the loan id. No figure is changed or added.
"""
from __future__ import annotations

import re

from ...charts import line_name
from ...caveats import sentence
from ...results import AppraisalWarning, Results

_OPTION_PATH = re.compile(r"^options\[(\d+)\](?:\.(\w+)(?:\[(\d+)\])?)?")
_CRITERION_PATH = re.compile(r"^criteria\[(\d+)\]")


def subject(r: Results, path: str) -> str | None:
    """What a warning is about, by name: 'Full merger, Bank A loan (Oak Housing)'."""
    m = _OPTION_PATH.match(path or "")
    if m:
        index, kind, line = int(m.group(1)), m.group(2), m.group(3)
        if index >= len(r.options):
            return None
        option = r.options[index]
        if kind and line is not None:
            ref = f"{kind}[{line}]"
            found = next((x for x in option.lines if x.ref == ref), None)
            if found is not None:
                return f"{option.name}, {line_name(r, option.id, ref, found.label)}"
        return option.name
    m = _CRITERION_PATH.match(path or "")
    if m and int(m.group(1)) < len(r.case.criteria):
        return f"Criterion '{r.case.criteria[int(m.group(1))].name}'"
    return None


def message(r: Results, w: AppraisalWarning, *, named: bool) -> str:
    """The warning's message as a sentence; the loan becomes 'the loan' when the subject
    already names it."""
    return sentence(w, loan_named=named)


def warning_text(r: Results, w: AppraisalWarning) -> str:
    """The warning as one sentence: 'Full merger, Bank A loan (Oak Housing) — The loan …'."""
    about = subject(r, w.path)
    if about is None:
        return message(r, w, named=False)
    text = message(r, w, named=".loan_repricing[" in w.path and ", " in about)
    return f"{about} — {text}"


def line_warnings(r: Results, kind: str) -> list[str]:
    """The worded warnings about lines of one kind (``loan_repricing`` …), in Results order."""
    return [warning_text(r, w) for w in r.warnings if f".{kind}[" in (w.path or "")]
