"""Screenshots of every step of the app on a sample case, for docs/screenshots/.

    xvfb-run -a -s "-screen 0 1366x768x24" python docs/screenshots/take_screenshots.py
    CONTINUUM_THEME=dark xvfb-run -a ... python docs/screenshots/take_screenshots.py --dark

Opens the sample case (default: the two housing associations), waits for the simulation, visits
each step and saves ``step-NN-name.png`` and ``main-window.png`` (``-dark`` added with --dark).
``--only 1,2,3,9,10`` saves just those steps (the analysis steps 4-8 keep their own shots).
``--minimum`` shrinks the window to its minimum size and adds ``-min`` to each name. The start
page (with the samples and a recent case) is saved first as ``start-page.png``.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", default=str(ROOT / "sample_cases" /
                                              "two_housing_associations.json"))
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent))
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=768)
    parser.add_argument("--only", default="", help="step numbers to save, e.g. 1,2,3,9,10")
    parser.add_argument("--minimum", action="store_true", help="at the window's minimum size")
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication, QSettings

    from ui.app import application

    app = application()
    # keep the user's own settings and recent files out of it
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp())
    QCoreApplication.setApplicationName("ContinuumScreenshots")
    from ui import steps
    from ui.main_window import MainWindow

    window = MainWindow(start_page=True)
    window.show_start_page()
    if args.minimum:
        window.resize(window.minimumSize())
    else:
        window.resize(args.width, args.height)
    window.show()
    out = Path(args.out)
    suffix = ("-dark" if args.dark else "") + ("-min" if args.minimum else "")
    for _ in range(15):
        app.processEvents()
        time.sleep(0.03)
    window.grab().save(str(out / f"start-page{suffix}.png"))
    if not window.open_path(args.case, ask=False):
        print(f"could not open {args.case}", file=sys.stderr)
        return 1
    window.document.wait_for_monte_carlo(60000)

    def settle() -> None:
        """Let layouts, pauses and redraws finish, as they do for a person looking."""
        for _ in range(15):
            app.processEvents()
            time.sleep(0.03)

    settle()
    only = {int(n) for n in args.only.split(",") if n.strip()}
    for i in range(len(steps.STEPS)):
        window.go_to_step(i)
        settle()
        if only and i + 1 not in only:
            continue
        name = re.sub(r"[^a-z0-9]+", "-", steps.title(i).lower()).strip("-")
        path = out / f"step-{i + 1:02d}-{name}{suffix}.png"
        window.grab().save(str(path))
        print(path)
    window.go_to_step(steps.RESULTS_STEP)
    settle()
    window.grab().save(str(out / f"main-window{suffix}.png"))
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
