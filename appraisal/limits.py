"""The limits that keep every accepted case safe to save and quick to appraise (docs/limits.md).

Three kinds of limit, each refused with the field it concerns:

- **Text**: every text field has a length limit (:data:`SHORT_TEXT` characters for titles, names
  and labels; :data:`LONG_TEXT` for descriptions, rationales, notes and mitigations), and no text
  anywhere in a case (known field, unknown field or key) may hold a control character other
  than tab and new line, or half of a broken character pair (a lone surrogate), which no file
  could store.
- **Numbers**: every number is finite, and a number other than 0 is at least
  :data:`SMALLEST` in size (5e-324 is a valid JSON number, but dividing by it overflows).
- **Work**: counts of options, partners, criteria and lines, and a budget for the simulation
  (draws × options, draws × ranged lines) and for the years (lines × horizon), so that no
  accepted case takes more than a few seconds or a few hundred megabytes.

A refusal quotes at most :data:`EXCERPT` characters of what it refuses (:func:`excerpt`).
"""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field

from .kinds import KIND_IDS
from .paths import FieldPath

if TYPE_CHECKING:
    from .case import Case

SHORT_TEXT = 300
LONG_TEXT = 5000
EXCERPT = 40
MESSAGE = 300               # the longest message a refusal prints
SMALLEST = 1e-9

ShortText = Annotated[str, Field(strict=True, max_length=SHORT_TEXT)]
LongText = Annotated[str, Field(strict=True, max_length=LONG_TEXT)]

MAX_OPTIONS = 50
MAX_ORGANISATIONS = 50
MAX_CRITERIA = 50
MAX_LOANS = 100             # loans of one partner
MAX_LINES = 1000            # money lines of all options together
MAX_ITEMS = 500             # readiness items, risks
MAX_MEMBERS = 100           # board members with views of their own (a board, not a membership)
MAX_RAMP = 100              # one value a year, and the horizon is at most 100 years
OPTION_DRAWS = 10_000_000   # draws × options: the simulation's table of results
LINE_DRAWS = 50_000_000     # draws × ranged lines: the numbers drawn (420 ranged lines × 100,000)
LINE_YEARS = 50_000         # lines × horizon years: the cash-flow tables and the model

# Control characters but tab and new line, C1 controls, lone surrogates, and the two
# non-characters that no spreadsheet or PDF may hold.
_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

Problem = tuple[str, str]


def excerpt(value: Any, limit: int = EXCERPT) -> str:
    """``value`` as a refusal quotes it: its repr, cut to ``limit`` characters with its length.

    >>> excerpt("x" * 1_000_000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (1,000,000 characters)"
    >>> excerpt(12.5)
    '12.5'
    """
    if isinstance(value, str):
        shown = repr(_visible(value[:limit + 1]))
        if len(value) <= limit:
            return shown
        return f"{shown[:limit]}…{shown[0]} ({len(value):,} characters)"
    if isinstance(value, (dict, list)):
        return f"a {'list' if isinstance(value, list) else 'group of fields'}"
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[:limit]}… ({len(shown):,} characters)"


def cut(message: str, limit: int = MESSAGE) -> str:
    """A problem's message, cut to ``limit`` characters whatever it quotes.

    >>> cut("year " + "9" * 500)[-20:]
    '9999999999999… (cut)'
    """
    if not isinstance(message, str) or len(message) <= limit:
        return message
    return message[:limit - 7] + "… (cut)"


def key_text(key: Any) -> str:
    """A key of a JSON object as a path shows it: itself if short, else cut."""
    key = _visible(str(key))
    return key if len(key) <= EXCERPT else f"{key[:EXCERPT]}…"


def _visible(text: str) -> str:
    """Broken characters replaced, so that an excerpt can always be printed."""
    return _BAD.sub("\ufffd", text) if _BAD.search(text) else text


def bad_character(text: str) -> str | None:
    """Why ``text`` cannot be kept in a case (a control character or broken pair), or None."""
    found = _BAD.search(text)
    if found is None:
        return None
    code = ord(found.group())
    where = f"character {found.start() + 1:,}"
    if 0xD800 <= code <= 0xDFFF:
        return (f"has a broken character (half of a pair, U+{code:04X}) at {where}, which "
                "cannot be saved: retype that part of the text")
    return (f"has an invisible control character (U+{code:04X}) at {where}: only tabs and new "
            "lines may be used; remove it")


def value_problems(data: Any) -> list[Problem]:
    """Every number that is not finite or is too close to 0, and every text or key with a bad
    character, anywhere in a JSON value (known fields or not), in file order, with its path."""
    found: list[Problem] = []
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, float):
            if not math.isfinite(item):
                found.append((path, "must be a finite number"))
            elif item != 0 and abs(item) < SMALLEST:
                found.append((path, f"is too close to 0 to be a figure (found {item:g}): use 0, "
                                    f"or a number of at least {SMALLEST:g}"))
        elif isinstance(item, str):
            problem = bad_character(item)
            if problem:
                found.append((path, problem))
        elif isinstance(item, dict):
            keyed = []
            for k, v in item.items():
                at = f"{path}.{key_text(k)}" if path else key_text(k)
                problem = bad_character(k)
                if problem:
                    found.append((at, "the field's name " + problem))
                keyed.append((v, at))
            stack.extend(reversed(keyed))
        elif isinstance(item, list):
            stack.extend(reversed([(v, f"{path}[{i}]") for i, v in enumerate(item)]))
    return found


def _cap(path: str, what: str, count: int, limit: int) -> Problem | None:
    if count <= limit:
        return None
    return path, f"has {count:,} {what}; a case may have at most {limit:,}"


def work_problems(case: Case) -> list[Problem]:
    """The counts and budgets of :mod:`limits` that the case exceeds, each with the field to
    reduce and by how much (docs/limits.md)."""
    s = case.settings
    checks = [
        _cap("options", "options", len(case.options), MAX_OPTIONS),
        _cap("organisations", "partners", len(case.organisations), MAX_ORGANISATIONS),
        _cap("criteria", "criteria", len(case.criteria), MAX_CRITERIA),
        _cap("readiness", "readiness items", len(case.readiness), MAX_ITEMS),
        _cap("risks", "risks", len(case.risks), MAX_ITEMS),
        _cap("members", "board members", len(case.members), MAX_MEMBERS),
    ]
    for k, org in enumerate(case.organisations):
        checks.append(_cap(str(FieldPath.of("organisations", k, "loans")), "loans",
                           len(org.loans), MAX_LOANS))
    lines = ranged = 0
    for o, option in enumerate(case.options):
        for kind in KIND_IDS:
            items = getattr(option, kind, None) or []
            lines += len(items)
            for i, line in enumerate(items):
                ranged += bool(getattr(line, "has_range", False))
                ramp = line.ramp if "ramp" in type(line).model_fields else None
                if ramp is not None and len(ramp) > MAX_RAMP:
                    checks.append((str(FieldPath.of("options", o, kind, i, "ramp")),
                                   f"has {len(ramp):,} values; at most {MAX_RAMP} (one a year)"))
    if case.weighting is not None and case.weighting.ahp_matrix is not None:
        size = max([len(case.weighting.ahp_matrix)] + [len(r) for r in case.weighting.ahp_matrix])
        checks.append(_cap("weighting.ahp_matrix", "rows or columns", size, MAX_CRITERIA))
    checks.append(_cap("options", "money lines in all", lines, MAX_LINES))
    problems = [c for c in checks if c is not None]
    if problems:
        return problems
    years = s.horizon_years
    if lines * years > LINE_YEARS:
        problems.append(("settings.horizon_years", (
            f"{lines:,} money lines over {years} years is more than a case may hold "
            f"({LINE_YEARS:,} line-years): shorten the horizon to {LINE_YEARS // lines} years "
            "or fewer, or use fewer lines")))
    draws = s.monte_carlo.draws
    if ranged and draws * len(case.options) > OPTION_DRAWS:
        problems.append(("settings.monte_carlo.draws", (
            f"{draws:,} draws for {len(case.options)} options is more than the simulation "
            f"may run ({OPTION_DRAWS:,} option-draws): use {OPTION_DRAWS // len(case.options):,} "
            "draws or fewer, or fewer options")))
    if ranged and draws * ranged > LINE_DRAWS:
        problems.append(("settings.monte_carlo.draws", (
            f"{draws:,} draws of {ranged:,} lines with a range is more than the simulation may "
            f"run ({LINE_DRAWS:,} line-draws): use {LINE_DRAWS // ranged:,} draws or fewer, or "
            "give fewer lines a low and high")))
    return problems
