"""The headless command: ``appraise CASE.json [--json OUT] [--pdf PAPER] [--docx PAPER] [--xlsx
MODEL]``, and the board members' forms (``member-form``, ``import-members``:
:mod:`appraisal.cli_members`).

Exit status 0 on success, 2 on an invalid case or command line (a message on standard error
naming the field; no output file written), 1 on any other failure (an output that cannot be
written; quietly for a closed standard output), 130 when stopped with Ctrl-C. Every output is
rendered in memory and written all or none (:mod:`appraisal.atomic`), standard output included,
so a failure never leaves a partial set behind or an old file changed. An output may not be the
case file itself or another output (links resolved); only ``--json`` may be ``-``. Results JSON
on standard output is UTF-8 whatever the locale.
"""
from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from pathlib import Path

from . import __version__, cli_members
from .atomic import reason, write_all_atomic
from .casefile import CaseError, FileRefused, load_case
from .engine import appraise
from .limits import excerpt
from .wording import warning_text

EXIT_OK, EXIT_FAILURE, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130
MAX_PROBLEMS = 30           # problems listed on standard error; the rest are counted
OUTPUTS = (("json", "the results"), ("pdf", "the board paper"),
           ("docx", "the board paper in Word"), ("xlsx", "the Excel model"))


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # exit 2 with a plain message, as argparse does, minus the noise
        self.print_usage(sys.stderr)
        print(f"continuum: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INVALID)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="continuum", description=(
        "Appraise partnership options for a housing association or charity board."))
    parser.add_argument("--version", action="version", version=f"Continuum {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("appraise", help="appraise a case file and write results")
    run.add_argument("case", help="the case file (.json)")
    run.add_argument("--json", metavar="OUT", help="write results JSON v1 ('-' for standard output)")
    run.add_argument("--pdf", metavar="PAPER", help="write the board paper (PDF)")
    run.add_argument("--docx", metavar="PAPER",
                     help="write the board paper as a Word document (.docx)")
    run.add_argument("--xlsx", metavar="MODEL", help="write the live Excel model")
    run.add_argument("--no-monte-carlo", action="store_true", help="skip the Monte Carlo draws")
    cli_members.add_parsers(sub)
    return parser


def results_json(results) -> str:
    """Results JSON on one line, without spaces: a third smaller than indented, and written by
    the json module's C encoder (three times faster on the largest cases)."""
    return json.dumps(results.to_json(), separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False) + "\n"


def _outputs(args, results) -> list[tuple[str, bytes]]:
    """Every requested output rendered in memory first, so a failure writes no file at all."""
    out = []
    if args.json and args.json != "-":
        out.append((args.json, results_json(results).encode("utf-8")))
    if args.pdf:
        from .report.pdf import board_paper_bytes
        out.append((args.pdf, board_paper_bytes(results)))
    if args.docx:
        from .report.docx import board_paper_docx_bytes
        out.append((args.docx, board_paper_docx_bytes(results)))
    if args.xlsx:
        from .report.workbook import workbook_bytes
        out.append((args.xlsx, workbook_bytes(results)))
    return out


def _unwritable(target: str) -> str | None:
    """Why ``target`` cannot be an output file (a folder, under no folder, a link loop), or None."""
    path = Path(target)
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"cannot write {target}: {reason(exc)}"
    if path.is_dir():
        return f"cannot write {target}: it is a folder; give a file name"
    parent = Path(os.path.realpath(path)).parent
    if not parent.exists():
        return f"cannot write {target}: the folder does not exist"
    if not parent.is_dir():
        return f"cannot write {target}: {path.parent} is not a folder"
    return None


def _same_file(a: str, b: str) -> bool:
    """True if two names lead to one file (links resolved, hard links too)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def output_problem(args) -> str | None:
    """What is wrong with the outputs asked for, before any work is done, or None."""
    given = [(flag, what, getattr(args, flag)) for flag, what in OUTPUTS
             if getattr(args, flag) is not None]
    for flag, what, target in given:
        if target == "":
            return f"--{flag}: the file name is empty; give a file name for {what}"
        if target == "-" and flag != "json":
            return (f"--{flag}: {what} cannot be written to standard output ('-'); "
                    "give a file name")
    files = [(flag, target) for flag, _, target in given if target != "-"]
    for flag, target in files:
        problem = _unwritable(target)
        if problem:
            return problem
        if _same_file(target, args.case):
            return (f"--{flag} {target} is the case file itself, which would be replaced; "
                    "give the output another name")
    for i, (flag, target) in enumerate(files):
        for other_flag, other in files[:i]:
            if _same_file(target, other) and os.path.realpath(target) != os.devnull:
                return (f"--{other_flag} and --{flag} both name {target}; "
                        "give each output its own file")
    return None


def _stdout_closed() -> bool:
    """True when the program was started with its standard output closed (``>&-``)."""
    if sys.stdout is None:
        return True
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return False                # a stream without a descriptor (captured): it can be written
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


def _print_results(text: str) -> None:
    """Results JSON on standard output as UTF-8 (model.md §3), whatever the locale's encoding."""
    out = sys.stdout
    out.flush()
    raw = getattr(out, "buffer", None)
    if raw is None:
        out.write(text)
    else:
        raw.write(text.encode("utf-8"))
    out.flush()
    if raw is not None:
        raw.flush()


def _silence_stdout() -> None:
    """Point standard output at the null device, so the reader's going raises nothing at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _print_problems(case: str, exc: CaseError) -> None:
    if isinstance(exc, FileRefused):        # not a case at all: one line naming the file
        print(f"continuum: {exc}", file=sys.stderr)
        return
    print(f"continuum: {case} is not a valid case:", file=sys.stderr)
    for path, msg in exc.problems[:MAX_PROBLEMS]:
        print(f"  {path}: {msg}" if path else f"  {msg}", file=sys.stderr)
    if len(exc.problems) > MAX_PROBLEMS:
        print(f"  … and {len(exc.problems) - MAX_PROBLEMS:,} more", file=sys.stderr)


def run_appraise(args) -> int:
    problem = output_problem(args)
    if problem:
        print(f"continuum: {problem}", file=sys.stderr)
        return EXIT_INVALID
    try:
        case = load_case(args.case)
    except CaseError as exc:
        _print_problems(args.case, exc)
        return EXIT_INVALID
    to_stdout = args.json == "-"
    if to_stdout and _stdout_closed():
        return EXIT_FAILURE        # nobody to read the results: quietly, as for a broken pipe
    results = appraise(case, monte_carlo=not args.no_monte_carlo)
    outputs = _outputs(args, results)
    text = results_json(results) if to_stdout else None
    try:
        write_all_atomic(outputs, (lambda: _print_results(text)) if text is not None else None)
    except BrokenPipeError:
        raise                      # the reader of standard output went: quiet, in main()
    except OSError as exc:
        if exc.filename is None and to_stdout:      # standard output failed (a full device)
            _silence_stdout()
            print(f"continuum: cannot write the results to standard output: {reason(exc)}; "
                  "no file was written", file=sys.stderr)
            return EXIT_FAILURE
        where = exc.filename or ", ".join(str(path) for path, _ in outputs)
        print(f"continuum: cannot write {where}: {reason(exc)}; no file was written",
              file=sys.stderr)
        return EXIT_FAILURE
    for w in results.warnings:      # in the app's and the paper's words (the JSON keeps paths)
        print(f"warning: {warning_text(w, results.case)}", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "appraise":
            return run_appraise(args)
        if args.command == "member-form":
            return cli_members.run_member_form(args)
        if args.command == "import-members":
            return cli_members.run_import_members(args)
    except KeyboardInterrupt:
        print("continuum: interrupted; no file was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:   # the reader of standard output has gone (`... | head`)
        _silence_stdout()
        return EXIT_FAILURE
    except Exception as exc:  # a bug, not the user's fault: say so plainly, no traceback
        print(f"continuum: unexpected failure ({type(exc).__name__}: {excerpt(str(exc), 200)}); "
              "no file was written", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_INVALID


if __name__ == "__main__":
    raise SystemExit(main())
