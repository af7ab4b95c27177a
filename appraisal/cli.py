"""The headless command: ``appraise CASE.json [--json OUT] [--pdf PAPER] [--xlsx MODEL]``.

Exit status 0 on success, 2 on an invalid case or command line (a message on standard error
naming the field; no output file written), 1 on any other failure.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .casefile import CaseError, load_case, write_atomic
from .engine import appraise

EXIT_OK, EXIT_FAILURE, EXIT_INVALID = 0, 1, 2


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


def run_appraise(args) -> int:
    try:
        case = load_case(args.case)
    except CaseError as exc:
        print(f"continuum: {args.case} is not a valid case:", file=sys.stderr)
        for path, msg in exc.problems:
            print(f"  {path}: {msg}" if path else f"  {msg}", file=sys.stderr)
        return EXIT_INVALID
    for target in (args.json, args.pdf, args.xlsx):
        if target and target != "-" and not Path(target).resolve().parent.is_dir():
            print(f"continuum: cannot write {target}: the folder does not exist", file=sys.stderr)
            return EXIT_INVALID
    results = appraise(case, monte_carlo=not args.no_monte_carlo)
    for path, payload in _outputs(args, results):
        try:
            write_atomic(path, payload)
        except OSError as exc:
            print(f"continuum: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_FAILURE
    if args.json == "-":
        sys.stdout.write(results_json(results))
    for w in results.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "appraise":
            return run_appraise(args)
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except Exception as exc:  # a bug, not the user's fault: say so plainly, no traceback
        print(f"continuum: unexpected failure ({type(exc).__name__}: {exc}); no file was written",
              file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_INVALID


if __name__ == "__main__":
    raise SystemExit(main())
