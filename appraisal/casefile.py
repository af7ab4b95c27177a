"""Reading and writing case files: UTF-8 JSON, atomic saves, version migration, CaseError.

A case that breaks a rule of model.md §1 is refused with a :class:`CaseError` that lists every
problem with its field path. Files over 20 MB, files that are not UTF-8 JSON objects, files nested
absurdly deep and unknown ``format``/``version`` values are refused the same way.
"""
from __future__ import annotations

import errno
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .case import FORMAT, VERSION, Case
from .rules import check_case

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64


class CaseError(ValueError):
    """A case that cannot be appraised, with one ``(path, message)`` per problem."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(f"{path}: {msg}" if path else msg for path, msg in self.problems)


# Migrations: MIGRATIONS[v] turns a version-v dict into a version v+1 dict. None yet: v1 is current.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


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


def _non_finite(value: Any) -> list[str]:
    """Paths of every NaN or infinite number in a JSON value, in file order (§1: plain numbers)."""
    found = []
    stack = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            found.append(path)
        elif isinstance(item, dict):
            keyed = [(v, f"{path}.{k}" if path else str(k)) for k, v in item.items()]
            stack.extend(reversed(keyed))
        elif isinstance(item, list):
            stack.extend(reversed([(v, f"{path}[{i}]") for i, v in enumerate(item)]))
    return found


def parse_bytes(raw: bytes) -> Case:
    """Decode, parse and validate the bytes of a case file."""
    if len(raw) > MAX_BYTES:
        raise CaseError([("", f"the file is {len(raw) / 1e6:.1f} MB; a case file may be at most 20 MB")])
    if not raw.strip():
        raise CaseError([("", "the file is empty")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseError([("", f"the file is not UTF-8 text (byte {exc.start})")]) from None
    try:
        data = json.loads(text)   # NaN/Infinity parse, to be refused by field below
    except RecursionError:
        raise CaseError([("", "the file is nested too deeply to be a case")]) from None
    except ValueError as exc:
        raise CaseError([("", f"the file is not valid JSON: {exc}")]) from None
    return parse_data(data)


def parse_data(data: Any) -> Case:
    """Validate a decoded JSON value as a case (model.md §1)."""
    if not isinstance(data, dict):
        raise CaseError([("", "the file must hold a JSON object (a case), not "
                              f"{type(data).__name__}")])
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise CaseError([("", "the file is nested too deeply to be a case")])
    non_finite = _non_finite(data)
    if non_finite:
        raise CaseError([(path, "must be a finite number") for path in non_finite])
    if data.get("format") != FORMAT:
        raise CaseError([("format", f"expected '{FORMAT}', found {data.get('format')!r}: "
                                    "this is not a Continuum case file")])
    data = migrate(data)
    if data.get("version") != VERSION:
        raise CaseError([("version", f"version {data.get('version')!r} is not one this program "
                                     f"reads (it reads version {VERSION}); a newer Continuum may")])
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(pydantic_problems(exc)) from None
    problems = check_case(case)
    if problems:
        raise CaseError(problems)
    return case


def load_case(path: str | os.PathLike) -> Case:
    """Read and validate a case file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise CaseError([("", f"the file is {size / 1e6:.1f} MB; a case file may be at most 20 MB")])
        raw = p.read_bytes()
    except CaseError:
        raise
    except OSError as exc:
        raise CaseError([("", f"cannot read {p.name}: {exc.strerror or exc}")]) from None
    return parse_bytes(raw)


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


def _file_mode(target: Path) -> int:
    """The mode the written file should have: the old file's, else the usual one for new files."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike, payload: bytes) -> None:
    """Write ``payload`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed and fsynced, then renamed over the target, so a reader never
    sees half a file and a failed write leaves the old file untouched.
    """
    write_all_atomic([(path, payload)])


def write_all_atomic(files: Sequence[tuple[str | os.PathLike, bytes]]) -> None:
    """Write several files all or nothing, each as :func:`write_atomic` does.

    Every payload is first written and fsynced to a temporary file beside its target; only when
    all of them are on disk are they renamed into place. A full disk, a read-only folder or a
    target that is a folder therefore leaves no new file at all and every old file untouched.
    A device or pipe (/dev/null, a FIFO) is written straight through, never replaced.
    """
    targets = [(Path(path), payload) for path, payload in files]
    for target, _ in targets:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "it is a folder", str(target))
    staged: list[tuple[Path, str | None, bytes]] = []
    try:
        for target, payload in targets:
            through = target.exists() and not target.is_file()
            with _naming(target):
                staged.append((target, None if through else _stage(target, payload), payload))
        for target, tmp, payload in staged:
            with _naming(target):
                if tmp is None:
                    with open(target, "wb") as fh:
                        fh.write(payload)
                else:
                    os.replace(tmp, target)
    except BaseException:
        for _, tmp, _ in staged:
            if tmp is not None:
                _discard(tmp)
        raise


@contextmanager
def _naming(target: Path) -> Iterator[None]:
    """Let an OSError name the file the user asked for, not the temporary file beside it."""
    try:
        yield
    except OSError as exc:
        if exc.errno is None or exc.filename == str(target):
            raise
        raise OSError(exc.errno, exc.strerror, str(target)) from exc


def _stage(target: Path, payload: bytes) -> str:
    """``payload`` in a new temporary file beside ``target``, flushed to disk: its path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            os.chmod(tmp, _file_mode(target))
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        _discard(tmp)
        raise
    return tmp


def _discard(tmp: str) -> None:
    """Remove a temporary file if it is still there."""
    try:
        os.unlink(tmp)
    except OSError:
        pass


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
        else:
            msg = err["msg"]
        if kind not in ("missing",) and "input" in err and not isinstance(err["input"], (dict, list)):
            shown = repr(err["input"])
            if len(shown) < 40:
                msg += f" (found {shown})"
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
            part = str(part)
            if part.startswith(("constrained-", "function-", "lax-", "strict-")) or part in (
                    "int", "float", "str", "bool", "none", "list", "dict"):
                continue
            out += f".{part}" if out else part
    return out
