"""Continuum: no arguments (or a case file) opens the app; ``appraise CASE ...`` runs headless."""
import os
import sys

# The engine's matrix products are small (options x lines x a few thousand draws): one thread
# does them fastest, and spare threads only spin against the rest of the machine. Set before
# numpy is first imported; a value already in the environment wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: list[str] | None = None) -> int:
    """Run the app or the headless command; ``argv`` defaults to the command line's arguments
    (so the ``continuum`` console script, which passes none, behaves as ``python main.py``)."""
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] in ("appraise", "--version", "-h", "--help"):
        try:
            from appraisal.cli import main as cli_main
        except KeyboardInterrupt:   # Ctrl-C while the program is still loading
            return 130
        return cli_main(argv)
    from ui.app import run
    return run(argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
