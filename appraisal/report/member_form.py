"""A board member's form (model-v2.md V9): a one-person workbook to fill in offline and return.

Sheets, in order: **Start** (who the form is for, and how to fill it in), **Options** (each
option and its description), **Weights** (each criterion with what a 0 and a 10 mean on it and
an input cell for the member's importance rating, 0 to 100), **Scores** (an input cell for each
option and scored criterion, 0 to 10) and a very hidden **Form** sheet holding the member's id
and name, the ids of the rows and columns, and a fingerprint of the case, so that
:mod:`appraisal.member_import` can refuse a form made from another case. Input cells are the only
unlocked cells; each carries validation, and a blank leaves that figure to the board.
"""
from __future__ import annotations

import hashlib
import io
import json
import math
import re

import xlsxwriter

from ..case import Case, Member
from ..scales import anchor_texts

FORM_SHEET, WEIGHTS, SCORES, OPTIONS, START = "Form", "Weights", "Scores", "Options", "Start"
FORM_KIND = "continuum-member-form"
FIRST_ROW = 4           # zero-based row of the first criterion (Weights) or option (Scores)
WEIGHT_COL = 3          # zero-based column of the rating on Weights (D)
SCORE_COL = 1           # zero-based column of the first criterion on Scores (B)


def fingerprint(case: Case) -> str:
    """What a form depends on, hashed: the case's title and its criteria's and options' ids and
    names. A form stays good while members' views are added to the case; it is refused once
    the criteria or options it asks about have changed."""
    shape = {"title": case.title,
             "criteria": [[c.id, c.name, c.derived] for c in case.criteria],
             "options": [[o.id, o.name] for o in case.options]}
    raw = json.dumps(shape, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:24]


def member_for(case: Case, name: str) -> Member:
    """The case's member with this id or name, else a new member with an id made from the name."""
    wanted = name.strip()
    for member in case.members:
        if member.id == wanted or member.name.strip().casefold() == wanted.casefold():
            return member
    base = re.sub(r"[^a-z0-9]+", "_", wanted.casefold()).strip("_") or "member"
    taken = {m.id for m in case.members}
    mid, n = base, 2
    while mid in taken:
        mid, n = f"{base}_{n}", n + 1
    return Member(id=mid, name=wanted)


def anchors(criterion) -> tuple[str, str]:
    """What a 0 and a 10 mean on a criterion, as the rest of the product words them (V8)."""
    return anchor_texts(criterion)


def scored_criteria(case: Case) -> list:
    return [c for c in case.criteria if not c.derived]


def member_form_bytes(case: Case, member: Member) -> bytes:
    """The member's form as .xlsx bytes, with any view the member already gave filled in."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    book.set_properties({"title": f"{case.title}: board member's view",
                         "author": member.name, "comments": "Continuum member form"})
    f = _formats(book)
    _start(book, f, case, member)
    _options(book, f, case)
    _weights(book, f, case, member)
    _scores(book, f, case, member)
    _form(book, case, member)
    book.close()
    return buf.getvalue()


def _lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (roughly, as Excel)."""
    return sum(max(1, math.ceil(len(part) / max(width * 1.05, 1.0))) for part in
               str(text).split("\n"))


def _fit(ws, row: int, cells: list[tuple[str, float]]) -> None:
    """Give a row the height its wrapped texts need (Excel does not grow rows by itself)."""
    lines = max((_lines(text, width) for text, width in cells), default=1)
    if lines > 1:
        ws.set_row(row, 15 * lines)


def _page(ws) -> None:
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_paper(9)         # A4


def _formats(book) -> dict:
    wrap = {"text_wrap": True, "valign": "top"}
    return {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "head": book.add_format({"bold": True, "bottom": 1, "bg_color": "#DCE6F0", **wrap}),
        "text": book.add_format(wrap),
        "note": book.add_format({"italic": True, "font_color": "#555555", **wrap}),
        "input": book.add_format({"locked": False, "bg_color": "#FFF2CC", "border": 1,
                                  "num_format": "0.#", "valign": "top"}),
        "fixed": book.add_format({"bg_color": "#EEEEEE", "border": 1, "font_color": "#555555",
                                  "valign": "top", **wrap}),
    }


def _start(book, f, case: Case, member: Member) -> None:
    ws = book.add_worksheet(START)
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 80)
    ws.write(0, 0, case.title, f["title"])
    ws.write(2, 0, "Board member", f["head"])
    ws.write(2, 1, member.name, f["text"])
    if member.role:
        ws.write(3, 0, "Role", f["head"])
        ws.write(3, 1, member.role, f["text"])
    steps = [
        "This form asks for your own view, before the board agrees its weights and scores.",
        f"1. Read the options on the '{OPTIONS}' sheet.",
        f"2. On '{WEIGHTS}', rate how much the swing from 0 to 10 on each criterion matters to "
        "you, from 0 (not at all) to 100 (the most important). Rate every criterion, or leave "
        "them all blank to accept the board's weights.",
        f"3. On '{SCORES}', score each option on each criterion from 0 to 10, using the meanings "
        f"of 0 and 10 shown on '{WEIGHTS}'. Leave a cell blank to accept the board's score.",
        "4. Save the file and send it back. Only the yellow cells can be changed.",
    ]
    for i, line in enumerate(steps):
        ws.write(5 + i, 1, line, f["text"])
        _fit(ws, 5 + i, [(line, 80)])
    _page(ws)
    ws.protect()
    ws.activate()


def _options(book, f, case: Case) -> None:
    ws = book.add_worksheet(OPTIONS)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 90)
    ws.write(0, 0, "The options", f["title"])
    ws.write_row(2, 0, ["Option", "What it means"], f["head"])
    for i, option in enumerate(case.options):
        ws.write(3 + i, 0, option.name, f["text"])
        ws.write(3 + i, 1, option.description or "", f["text"])
        _fit(ws, 3 + i, [(option.name, 30), (option.description or "", 90)])
    _page(ws)
    ws.protect()


def _weights(book, f, case: Case, member: Member) -> None:
    ws = book.add_worksheet(WEIGHTS)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 2, 40)
    ws.set_column(WEIGHT_COL, WEIGHT_COL, 16)
    ws.write(0, 0, "How much each criterion matters to you", f["title"])
    ws.merge_range(1, 0, 1, WEIGHT_COL, "Rate each swing from 0 to 100, the most important at "
                   "100; leave all blank to accept the board's weights.", f["note"])
    ws.write_row(FIRST_ROW - 1, 0, ["Criterion", "A score of 0 means", "A score of 10 means",
                                    "Your rating (0–100)"], f["head"])
    ws.set_row(FIRST_ROW - 1, 30)
    given = member.weights or {}
    top = max(given.values(), default=0.0)
    for i, crit in enumerate(case.criteria):
        row = FIRST_ROW + i
        zero, ten = anchors(crit)
        ws.write(row, 0, crit.name, f["text"])
        ws.write(row, 1, zero, f["text"])
        ws.write(row, 2, ten, f["text"])
        _fit(ws, row, [(crit.name, 28), (zero, 40), (ten, 40)])
        if crit.id in given and top > 0:
            ws.write_number(row, WEIGHT_COL, round(100 * given[crit.id] / top, 1), f["input"])
        else:
            ws.write_blank(row, WEIGHT_COL, None, f["input"])
    last = FIRST_ROW + len(case.criteria) - 1
    ws.data_validation(FIRST_ROW, WEIGHT_COL, last, WEIGHT_COL, {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100,
        "input_title": "Your rating", "input_message": "0 to 100; the most important at 100",
        "error_title": "Rating", "error_message": "A rating is a number from 0 to 100."})
    _page(ws)
    ws.protect()


def _scores(book, f, case: Case, member: Member) -> None:
    ws = book.add_worksheet(SCORES)
    crits = scored_criteria(case)
    ws.set_column(0, 0, 30)
    ws.set_column(SCORE_COL, SCORE_COL + max(len(crits), 1) - 1, 18)
    ws.write(0, 0, "Your score for each option (0 to 10)", f["title"])
    ws.merge_range(1, 0, 1, SCORE_COL + max(len(crits), 1) - 1, "A blank accepts the board's "
                   "score. Value for money is scored from the figures, so it is not asked for "
                   "here.", f["note"])
    ws.write(FIRST_ROW - 1, 0, "Option", f["head"])
    for j, crit in enumerate(crits):
        ws.write(FIRST_ROW - 1, SCORE_COL + j, crit.name, f["head"])
    _fit(ws, FIRST_ROW - 1, [(c.name, 18) for c in crits])
    given = member.scores or {}
    for i, option in enumerate(case.options):
        row = FIRST_ROW + i
        ws.write(row, 0, option.name, f["text"])
        _fit(ws, row, [(option.name, 30)])
        for j, crit in enumerate(crits):
            value = given.get(option.id, {}).get(crit.id)
            if value is None:
                ws.write_blank(row, SCORE_COL + j, None, f["input"])
            else:
                ws.write_number(row, SCORE_COL + j, value, f["input"])
    if crits:
        ws.data_validation(FIRST_ROW, SCORE_COL, FIRST_ROW + len(case.options) - 1,
                           SCORE_COL + len(crits) - 1, {
                               "validate": "decimal", "criteria": "between", "minimum": 0,
                               "maximum": 10, "input_title": "Your score",
                               "input_message": "0 to 10",
                               "error_title": "Score", "error_message":
                               "A score is a number from 0 to 10."})
    ws.freeze_panes(FIRST_ROW, SCORE_COL)
    _page(ws)
    ws.protect()


def _form(book, case: Case, member: Member) -> None:
    """The very hidden sheet that ties the form to its case and member."""
    ws = book.add_worksheet(FORM_SHEET)
    rows = [("kind", FORM_KIND), ("fingerprint", fingerprint(case)), ("member id", member.id),
            ("member name", member.name), ("member role", member.role or ""),
            ("criteria", json.dumps([c.id for c in case.criteria])),
            ("scored criteria", json.dumps([c.id for c in scored_criteria(case)])),
            ("options", json.dumps([o.id for o in case.options]))]
    for r, (key, value) in enumerate(rows):
        ws.write_string(r, 0, key)
        ws.write_string(r, 1, value)
    ws.very_hidden()
    ws.protect()
