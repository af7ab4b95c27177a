"""Reading and writing case files: UTF-8 JSON, atomic saves, version migration, CaseError.

A case that breaks a rule of model.md §1 or a limit of docs/limits.md is refused with a
:class:`CaseError` that lists every problem with its field path. Files over 20 MB (read with a
limit whatever the file's kind), folders, devices and pipes, files that are not UTF-8 JSON objects,
files nested absurdly deep and unknown ``format``/``version`` values are refused the same way.
"""
from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .atomic import reason, write_all_atomic, write_atomic
from .case import FORMAT, VERSION, Case
from .limits import cut, excerpt, key_text, value_problems, work_problems
from .paths import FieldPath, path_of
from .rules import check_case

__all__ = ["CaseError", "MAX_BYTES", "case_to_dict", "case_to_json", "load_case", "parse_bytes",
           "parse_data", "read_case_bytes", "save_case", "write_all_atomic", "write_atomic"]

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64


class CaseError(ValueError):
    """A case that cannot be appraised, with one ``(path, message)`` per problem; each path a
    :class:`~appraisal.paths.FieldPath` (given as one or as its text form)."""

    def __init__(self, problems: Iterable[tuple[str | FieldPath, str]], data: Any = None):
        # however a rule words it, a message quotes no more than a short excerpt of the input
        self.problems: list[tuple[FieldPath, str]] = [(path_of(p), cut(m)) for p, m in problems]
        self.data = data    # the file's JSON, where it could be read (to name places in words)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(f"{path}: {msg}" if path else msg for path, msg in self.problems)


class FileRefused(CaseError):
    """A file that cannot be read as a case at all (missing, a folder, a device, too large),
    named as it was given, so that ``/dev/zero`` is not mistaken for a word:
    ``cannot read /dev/zero: it is a device, not a case file``."""

    def __init__(self, path: str | os.PathLike, why: str):
        self.name, self.why = os.fspath(path), why
        super().__init__([("", f"cannot read {self.name}: {why}")])


def _v1_to_v2(data: dict) -> dict:
    """Version 1 → 2 (model-v2.md): no inflation and a flat discount schedule, so the NPVs of a
    version 1 file are exactly what version 1 gave. Everything else reads as it was."""
    out = dict(data)
    settings = out.get("settings")
    if isinstance(settings, dict):
        out["settings"] = {**settings, "inflation_rate": 0.0, "discount_schedule": "flat"}
    out["version"] = 2
    return out


# Migrations: MIGRATIONS[v] turns a version-v dict into a version v+1 dict.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}


def migrate(data: dict) -> dict:
    """Bring an older case dict up to the current version, one step at a time."""
    version = data.get("version")
    while isinstance(version, int) and not isinstance(version, bool) and version in MIGRATIONS:
        data = MIGRATIONS[version](data)
        version = data.get("version")
    return data


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of a JSON value, stopping early once past ``limit``."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, d + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, d + 1) for v in item)
    return deepest


NOT_A_CASE = "this file is not a Continuum case"


def damaged(line: int | None) -> str:
    """A file that is not well-formed, said as people say it (no parser's offsets)."""
    where = f" near line {line}" if line else ""
    return f"the file is damaged{where}, so it cannot be read as a Continuum case"


def parse_bytes(raw: bytes) -> Case:
    """Decode, parse and validate the bytes of a case file."""
    if len(raw) > MAX_BYTES:
        raise CaseError([("", f"the file is {len(raw) / 1e6:.1f} MB; a case file may be at most 20 MB")])
    if not raw.strip():
        raise CaseError([("", "the file is empty")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseError([("", f"the file is not UTF-8 text (byte {exc.start}), so it is not a "
                              "Continuum case or it is damaged")]) from None
    try:
        data = json.loads(text)   # NaN/Infinity parse, to be refused by field below
    except RecursionError:
        raise CaseError([("", "the file is nested too deeply to be a case")]) from None
    except json.JSONDecodeError as exc:
        raise CaseError([("", damaged(exc.lineno))]) from None
    except ValueError:
        raise CaseError([("", damaged(None))]) from None
    return parse_data(data)


def parse_data(data: Any) -> Case:
    """Validate a decoded JSON value as a case (model.md §1, docs/limits.md)."""
    try:
        return _parse_data(data)
    except CaseError as exc:
        exc.data = data if isinstance(data, dict) else None
        raise


def _parse_data(data: Any) -> Case:
    if not isinstance(data, dict):
        raise CaseError([("", NOT_A_CASE)])
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise CaseError([("", "the file is nested too deeply to be a case")])
    problems = value_problems(data)
    if problems:
        raise CaseError(problems)
    if data.get("format") != FORMAT:
        raise CaseError([("", NOT_A_CASE)])
    data = migrate(data)
    if data.get("version") != VERSION:
        raise CaseError([("version", f"version {excerpt(data.get('version'))} is not one this "
                                     f"program reads (it reads version {VERSION}); a newer "
                                     "Continuum may")])
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(pydantic_problems(exc)) from None
    problems = work_problems(case) or check_case(case)
    if problems:
        raise CaseError(problems)
    return case


def load_case(path: str | os.PathLike) -> Case:
    """Read and validate a case file (at most MAX_BYTES read, whatever kind of file it is)."""
    return parse_bytes(read_case_bytes(path))


_KINDS = ((stat.S_ISDIR, "it is a folder, not a case file"),
          (stat.S_ISFIFO, "it is a pipe, not a case file"),
          (stat.S_ISCHR, "it is a device, not a case file"),
          (stat.S_ISBLK, "it is a device, not a case file"),
          (stat.S_ISSOCK, "it is a socket, not a case file"))


def read_case_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of a case file, refused as a CaseError if it is not a regular file or is over
    MAX_BYTES. A pipe is never waited on and a device never read: the size is checked on what
    is read, not on what the file reports."""
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
        for test, why in _KINDS:
            if test(mode):
                raise FileRefused(path, why)
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):   # swapped since the look
                raise FileRefused(path, "it is not a plain file")
            raw = fh.read(MAX_BYTES + 1)
    except CaseError:
        raise
    except OSError as exc:
        raise FileRefused(path, reason(exc)) from None
    if len(raw) > MAX_BYTES:
        raise FileRefused(path, "it is over 20 MB; a case file may be at most 20 MB")
    return raw


def case_to_dict(case: Case) -> dict:
    """The case as a JSON-ready dict: fields given plus unknown fields kept, defaults left out."""
    data = case.model_dump(mode="json", exclude_unset=True)
    data["format"] = FORMAT
    data["version"] = VERSION
    return data


def case_to_json(case: Case) -> str:
    data = case_to_dict(case)
    ordered = {"format": data.pop("format"), "version": data.pop("version"), **data}
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"


def save_case(case: Case, path: str | os.PathLike) -> None:
    """Save a case as UTF-8 JSON, atomically."""
    write_atomic(path, case_to_json(case).encode("utf-8"))


_MESSAGES = {
    "missing": "required field is missing",
    "finite_number": "must be a finite number",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
}


def pydantic_problems(exc: ValidationError) -> list[tuple[str, str]]:
    """Turn pydantic's errors into ``(path, message)`` pairs with model.md-style paths."""
    problems = []
    for err in exc.errors(include_url=False):
        path = format_path(err["loc"])
        kind = err["type"]
        ctx = err.get("ctx") or {}
        if kind in _MESSAGES:
            msg = _MESSAGES[kind]
        elif kind == "greater_than_equal":
            msg = f"must be >= {_num(ctx.get('ge'))}"
        elif kind == "greater_than":
            msg = f"must be > {_num(ctx.get('gt'))}"
        elif kind == "less_than_equal":
            msg = f"must be <= {_num(ctx.get('le'))}"
        elif kind == "less_than":
            msg = f"must be < {_num(ctx.get('lt'))}"
        elif kind == "literal_error":
            msg = f"must be one of {ctx.get('expected')}"
        elif kind == "too_short":
            msg = "must not be empty" if ctx.get("min_length") == 1 else err["msg"]
        elif kind == "string_too_long":
            limit = ctx.get("max_length")
            msg = f"must be at most {limit:,} characters (found {len(err['input']):,})"
        elif kind == "value_error" and ctx.get("error") is not None:
            msg = str(ctx["error"])
        else:
            msg = err["msg"]
        if kind not in ("missing", "string_too_long") and "input" in err \
                and not isinstance(err["input"], (dict, list)):
            msg += f" (found {excerpt(err['input'])})"
        problems.append((path, msg))
    return problems


def _num(x) -> str:
    """A bound as people write it: 0.0 → '0', 0.5 → '0.5'."""
    return f"{x:g}" if isinstance(x, (int, float)) else str(x)


def format_path(loc: tuple) -> str:
    """('options', 2, 'scores') → 'options[2].scores'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = key_text(part)
            if part.startswith(("constrained-", "function-", "lax-", "strict-")) or part in (
                    "int", "float", "str", "bool", "none", "list", "dict", "[key]"):
                continue
            out += f".{part}" if out else part
    return out
