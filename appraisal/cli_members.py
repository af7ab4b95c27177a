"""The command line's member forms (model-v2.md V9).

``member-form CASE.json --member NAME --xlsx FORM.xlsx`` writes a one-person form;
``import-members CASE.json FORM.xlsx… --out NEW.json`` reads completed forms into a new case
file. As for ``appraise``: exit 2 for an invalid case, form or command line (each problem named
by field, or by sheet and cell), 1 for a file that cannot be written, and no file is written
unless all is well. An output may not be one of the inputs.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .atomic import reason, write_all_atomic
from .casefile import CaseError, case_to_json, load_case

EXIT_OK, EXIT_FAILURE, EXIT_INVALID = 0, 1, 2
MAX_FORM_BYTES = 20 * 1024 * 1024


def add_parsers(sub) -> None:
    form = sub.add_parser("member-form", help="write a board member's form (Excel) to fill in")
    form.add_argument("case", help="the case file (.json)")
    form.add_argument("--member", required=True, metavar="NAME",
                      help="the member's name (or id, for a member already in the case)")
    form.add_argument("--xlsx", required=True, metavar="FORM", help="the form to write (.xlsx)")
    read = sub.add_parser("import-members", help="read completed member forms into a new case")
    read.add_argument("case", help="the case file (.json)")
    read.add_argument("forms", nargs="+", metavar="FORM", help="completed forms (.xlsx)")
    read.add_argument("--out", required=True, metavar="NEW", help="the new case file (.json)")


def _say(message: str) -> None:
    print(f"continuum: {message}", file=sys.stderr)


def _output_problem(flag: str, target: str, inputs: list[str]) -> str | None:
    from .cli import _same_file, _unwritable
    if not target or target == "-":
        return f"--{flag}: give a file name"
    problem = _unwritable(target)
    if problem:
        return problem
    for source in inputs:
        if Path(source).exists() and _same_file(target, source):
            return (f"--{flag} {target} is also an input ({source}), which would be replaced; "
                    "give the output another name")
    return None


def _load(path: str):
    from .cli import _print_problems
    try:
        return load_case(path)
    except CaseError as exc:
        _print_problems(path, exc)
        return None


def _write(target: str, payload: bytes) -> int:
    try:
        write_all_atomic([(target, payload)])
    except OSError as exc:
        _say(f"cannot write {exc.filename or target}: {reason(exc)}; no file was written")
        return EXIT_FAILURE
    return EXIT_OK


def run_member_form(args) -> int:
    from .report.member_form import member_for, member_form_bytes
    problem = _output_problem("xlsx", args.xlsx, [args.case])
    if problem or not args.member.strip():
        _say(problem or "--member: give the member's name")
        return EXIT_INVALID
    case = _load(args.case)
    if case is None:
        return EXIT_INVALID
    member = member_for(case, args.member)
    if len(member.name) > 200:
        _say("--member: a name is at most 200 characters")
        return EXIT_INVALID
    return _write(args.xlsx, member_form_bytes(case, member))


def run_import_members(args) -> int:
    from .member_import import FormError, import_forms
    problem = _output_problem("out", args.out, [args.case, *args.forms])
    if problem:
        _say(problem)
        return EXIT_INVALID
    case = _load(args.case)
    if case is None:
        return EXIT_INVALID
    forms = []
    for name in args.forms:
        path = Path(name)
        if not path.is_file():
            _say(f"{name}: there is no such file")
            return EXIT_INVALID
        if path.stat().st_size > MAX_FORM_BYTES:
            _say(f"{name}: larger than 20 MB; this is not a member form")
            return EXIT_INVALID
        try:
            forms.append((name, path.read_bytes()))
        except OSError as exc:
            _say(f"cannot read {name}: {reason(exc)}")
            return EXIT_INVALID
    try:
        new = import_forms(case, forms)
    except FormError as exc:
        _say("the forms were not imported; no file was written:")
        for where, msg in exc.problems:
            print(f"  {where}: {msg}", file=sys.stderr)
        return EXIT_INVALID
    return _write(args.out, case_to_json(new).encode("utf-8"))
