"""Reading board members' completed forms back into a case (model-v2.md V9).

A form is checked against the case it is imported into: it must be a member form
(:mod:`appraisal.report.member_form`), made from this case (its fingerprint), with every sheet
in place, its rows and columns where the form put them, and every input cell blank or a number
in range. Each problem is named by file, sheet and cell, e.g. ``Scores!C6: 11 is not a score
from 0 to 10``. A member already in the case is replaced by their form's view; a new one is
added at the end.
"""
from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Iterable, Sequence

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .case import Case, Member
from .casefile import CaseError, case_to_dict, parse_data
from .report.member_form import (FIRST_ROW, FORM_KIND, FORM_SHEET, OPTIONS, SCORE_COL, SCORES,
                                 START, WEIGHT_COL, WEIGHTS, fingerprint, scored_criteria)


class FormError(ValueError):
    """Forms that cannot be imported: one ``(where, message)`` per problem, where is
    ``'FILE: Sheet!A1'`` (or the file alone)."""

    def __init__(self, problems: Iterable[tuple[str, str]]):
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(f"{where}: {msg}" for where, msg in self.problems)


def _cell(sheet: str, row: int, col: int) -> str:
    """Zero-based row and column as people read them: ``Scores!C6``."""
    return f"{sheet}!{get_column_letter(col + 1)}{row + 1}"


def _number(value, low: float, high: float, what: str) -> tuple[float | None, str | None]:
    """A cell's value as a number in [low, high], None for a blank; or the reason it is not."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, f"{value} is not {what}"
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            shown = value.strip()[:40]
            return None, f"'{shown}' is not {what}"
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return None, f"{str(value)[:40]} is not {what}"
    if not low <= value <= high:
        return None, f"{value:g} is not {what}"
    return float(value), None


def read_form(case: Case, raw: bytes, label: str) -> Member:
    """The member's view in one completed form; :class:`FormError` naming each bad cell."""
    try:
        book = load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise FormError([(label, "is not an Excel workbook (.xlsx)")]) from None
    names = book.sheetnames
    if FORM_SHEET not in names:
        raise FormError([(label, f"the sheet '{FORM_SHEET}' is missing: this is not a Continuum "
                                 "member form (make one with member-form)")])
    form = book[FORM_SHEET]
    info = {form.cell(r, 1).value: form.cell(r, 2).value for r in range(1, 12)}
    if info.get("kind") != FORM_KIND:
        raise FormError([(f"{label}: {FORM_SHEET}!B1", "this is not a Continuum member form")])
    if info.get("fingerprint") != fingerprint(case):
        raise FormError([(f"{label}: {FORM_SHEET}!B2", (
            "this form was made from another case, or before this case's options or criteria "
            "changed; send the member a new form"))])
    missing = [s for s in (START, OPTIONS, WEIGHTS, SCORES) if s not in names]
    if missing:
        raise FormError([(label, f"the sheet '{s}' is missing; send the member a new form")
                         for s in missing])
    problems: list[tuple[str, str]] = []
    weights = _weights(case, book[WEIGHTS], label, problems)
    scores = _scores(case, book[SCORES], label, problems)
    if problems:
        raise FormError(problems)
    return Member(id=str(info.get("member id") or ""), name=str(info.get("member name") or ""),
                  role=str(info.get("member role") or ""), weights=weights, scores=scores or None)


def _label_ok(ws, row: int, col: int, want: str, sheet: str, label: str, problems) -> bool:
    got = ws.cell(row + 1, col + 1).value
    if (got or "") != want:
        problems.append((f"{label}: {_cell(sheet, row, col)}",
                         f"should read '{want}': the form's rows or columns have been moved"))
        return False
    return True


def _weights(case: Case, ws, label: str, problems) -> dict[str, float] | None:
    found: dict[str, float] = {}
    blanks: list[str] = []
    for i, crit in enumerate(case.criteria):
        row = FIRST_ROW + i
        if not _label_ok(ws, row, 0, crit.name, WEIGHTS, label, problems):
            continue
        where = _cell(WEIGHTS, row, WEIGHT_COL)
        value, bad = _number(ws.cell(row + 1, WEIGHT_COL + 1).value, 0, 100,
                             "a rating from 0 to 100")
        if bad:
            problems.append((f"{label}: {where}", bad))
        elif value is None:
            blanks.append(where)
        else:
            found[crit.id] = value
    if not found:
        return None
    for where in blanks:
        problems.append((f"{label}: {where}", "blank: rate every criterion, or leave them all "
                                               "blank to accept the board's weights"))
    if len(found) == len(case.criteria) and all(v == 0 for v in found.values()):
        first, last = FIRST_ROW, FIRST_ROW + len(case.criteria) - 1
        problems.append((f"{label}: {WEIGHTS}!{get_column_letter(WEIGHT_COL + 1)}{first + 1}:"
                         f"{get_column_letter(WEIGHT_COL + 1)}{last + 1}",
                         "every rating is 0: rate at least one criterion above 0"))
    return found


def _scores(case: Case, ws, label: str, problems) -> dict[str, dict[str, float]]:
    crits = scored_criteria(case)
    heads_ok = all([_label_ok(ws, FIRST_ROW - 1, SCORE_COL + j, c.name, SCORES, label, problems)
                    for j, c in enumerate(crits)])
    out: dict[str, dict[str, float]] = {}
    for i, option in enumerate(case.options):
        row = FIRST_ROW + i
        if not _label_ok(ws, row, 0, option.name, SCORES, label, problems) or not heads_ok:
            continue
        for j, crit in enumerate(crits):
            value, bad = _number(ws.cell(row + 1, SCORE_COL + j + 1).value, 0, 10,
                                 "a score from 0 to 10")
            if bad:
                problems.append((f"{label}: {_cell(SCORES, row, SCORE_COL + j)}", bad))
            elif value is not None:
                out.setdefault(option.id, {})[crit.id] = value
    return out


def import_forms(case: Case, forms: Sequence[tuple[str, bytes]]) -> Case:
    """The case with each form's member view put in (replacing the same member's earlier one).

    Every form is read before any is applied, and every problem of every form is reported."""
    problems: list[tuple[str, str]] = []
    read: list[tuple[str, Member]] = []
    for label, raw in forms:
        try:
            read.append((label, read_form(case, raw, label)))
        except FormError as exc:
            problems.extend(exc.problems)
    seen: dict[str, str] = {}
    for label, member in read:
        if member.id in seen:
            problems.append((label, f"is a second form from {member.name} (the first is "
                                    f"{seen[member.id]}); import one of them"))
        seen[member.id] = label
    if problems:
        raise FormError(problems)
    data = case_to_dict(case)
    members = list(data.get("members") or [])
    for _, member in read:
        view = member.model_dump(exclude_none=True)
        if not view.get("role"):
            view.pop("role", None)
        at = next((k for k, m in enumerate(members) if m.get("id") == member.id), None)
        if at is None:
            members.append(view)
        else:
            members[at] = {**members[at], **view}
            for key in ("weights", "scores"):
                if key not in view:
                    members[at].pop(key, None)
    data["members"] = members
    try:
        return parse_data(json.loads(json.dumps(data)))
    except CaseError as exc:
        raise FormError([(str(path), msg) for path, msg in exc.problems]) from None
