"""Screenshots of the deal terms in the app, for docs/screenshots/.

    xvfb-run -a -s "-screen 0 1366x768x24" python docs/screenshots/deal_screenshots.py
    CONTINUUM_THEME=dark xvfb-run -a ... python docs/screenshots/deal_screenshots.py --dark

Opens the two housing associations sample and saves ``deal-governance.png``,
``deal-due-diligence.png``, ``deal-lenders.png`` and ``deal-route.png`` (the Deal step's four
tabs for the full merger), ``partners-legal-form.png`` (the Partners step's legal form page) and
``board-paper-step.png`` (the Board paper step with the paper's front matter); ``-dark`` is
added with --dark.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = Path(__file__).resolve().parent
SAMPLE = ROOT / "sample_cases" / "two_housing_associations.json"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    out = Path(args.out)
    suffix = "-dark" if args.dark else ""

    from PySide6.QtCore import QCoreApplication, QSettings

    from ui.app import application

    app = application()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp())
    QCoreApplication.setApplicationName("ContinuumScreenshots")
    from ui import steps
    from ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    if not window.open_path(SAMPLE, ask=False):
        return 1
    window.document.wait_for_monte_carlo(60000)

    def settle() -> None:
        for _ in range(25):
            app.processEvents()
            time.sleep(0.03)

    def shot(name: str) -> None:
        settle()
        path = out / f"{name}{suffix}.png"
        window.grab().save(str(path))
        print(path)

    partners = next(i for i, s in enumerate(steps.STEPS) if s.title == "Partners")
    window.go_to_step(partners)
    step = window.step(partners)
    step.pages.setCurrentWidget(step.legal)
    shot("partners-legal-form")

    deal = next(i for i, s in enumerate(steps.STEPS) if s.title == "Deal")
    window.go_to_step(deal)
    step = window.step(deal)
    ids = [o.id for o in window.document.case.options]
    step.option.setCurrentIndex(ids.index("merger"))
    for k, name in enumerate(("governance", "due-diligence", "lenders", "route")):
        step.tabs.setCurrentIndex(k)
        shot(f"deal-{name}")

    paper = next(i for i, s in enumerate(steps.STEPS) if s.title == "Board paper")
    window.go_to_step(paper)
    shot("board-paper-step")
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
