"""The headless command: ``appraise CASE.json [--json OUT] [--pdf PAPER] [--xlsx MODEL]``.

Exit status 0 on success, 2 on an invalid case or command line (a message on standard error
naming the field; no output file written), 1 on any other failure (an output that cannot be
written, a closed standard output), 130 when stopped with Ctrl-C. Every output is rendered in
memory and the files are written all or none, so a failure never leaves a partial set behind.
Results JSON on standard output is UTF-8 whatever the locale.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .casefile import CaseError, load_case, write_all_atomic
from .engine import appraise

EXIT_OK, EXIT_FAILURE, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130


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
    run.add_argument("--xlsx", metavar="MODEL", help="write the live Excel model")
    run.add_argument("--no-monte-carlo", action="store_true", help="skip the Monte Carlo draws")
    return parser


def results_json(results) -> str:
    return json.dumps(results.to_json(), indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def _outputs(args, results) -> list[tuple[str, bytes]]:
    """Every requested output rendered in memory first, so a failure writes no file at all."""
    out = []
    if args.json and args.json != "-":
        out.append((args.json, results_json(results).encode("utf-8")))
    if args.pdf:
        from .report.pdf import board_paper_bytes
        out.append((args.pdf, board_paper_bytes(results)))
    if args.xlsx:
        from .report.workbook import workbook_bytes
        out.append((args.xlsx, workbook_bytes(results)))
    return out


def _unwritable(target: str) -> str | None:
    """Why ``target`` cannot be an output file (a folder, or under no folder), or None."""
    path = Path(target)
    if path.is_dir():
        return f"cannot write {target}: it is a folder; give a file name"
    parent = path.resolve().parent
    if not parent.exists():
        return f"cannot write {target}: the folder does not exist"
    if not parent.is_dir():
        return f"cannot write {target}: {path.parent} is not a folder"
    return None


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


def run_appraise(args) -> int:
    try:
        case = load_case(args.case)
    except CaseError as exc:
        print(f"continuum: {args.case} is not a valid case:", file=sys.stderr)
        for path, msg in exc.problems:
            print(f"  {path}: {msg}" if path else f"  {msg}", file=sys.stderr)
        return EXIT_INVALID
    for target in (args.json, args.pdf, args.xlsx):
        problem = _unwritable(target) if target and target != "-" else None
        if problem:
            print(f"continuum: {problem}", file=sys.stderr)
            return EXIT_INVALID
    results = appraise(case, monte_carlo=not args.no_monte_carlo)
    outputs = _outputs(args, results)
    try:
        write_all_atomic(outputs)
    except OSError as exc:
        where = exc.filename or ", ".join(path for path, _ in outputs)
        print(f"continuum: cannot write {where}: {exc.strerror or exc}; no file was written",
              file=sys.stderr)
        return EXIT_FAILURE
    if args.json == "-":
        _print_results(results_json(results))
    for w in results.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "appraise":
            return run_appraise(args)
    except KeyboardInterrupt:
        print("continuum: interrupted; no file was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:   # the reader of standard output has gone (`... | head`)
        _silence_stdout()
        return EXIT_FAILURE
    except Exception as exc:  # a bug, not the user's fault: say so plainly, no traceback
        print(f"continuum: unexpected failure ({type(exc).__name__}: {exc}); no file was written",
              file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_INVALID


if __name__ == "__main__":
    raise SystemExit(main())
