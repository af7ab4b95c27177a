"""Screenshots of the affordability test in the app and the paper, for docs/screenshots/.

    xvfb-run -a -s "-screen 0 1366x768x24" python docs/screenshots/capacity_screenshots.py

Opens the two housing associations sample and saves ``partners-business-plan.png`` (the Partners
step's business plan and covenants page), ``results-capacity.png`` (the Capacity view for the
full merger) and ``paper-affordability.png`` (the paper's affordability section, via pdftoppm).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = Path(__file__).resolve().parent
SAMPLE = ROOT / "sample_cases" / "two_housing_associations.json"


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QScrollArea

    from ui.app import application

    app = application()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp())
    QCoreApplication.setApplicationName("ContinuumScreenshots")
    from ui import steps
    from ui.main_window import MainWindow
    from ui.steps.partners import PartnersStep
    from ui.steps.results import ResultsStep

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    if not window.open_path(SAMPLE, ask=False):
        return 1
    window.document.wait_for_monte_carlo(60000)

    def settle() -> None:
        for _ in range(20):
            app.processEvents()
            time.sleep(0.03)

    window.go_to_step(1)
    partners = window.findChild(PartnersStep)
    partners.pages.setCurrentIndex(1)
    settle()
    window.grab().save(str(OUT / "partners-business-plan.png"))
    window.go_to_step(steps.RESULTS_STEP)
    results = window.findChild(ResultsStep)
    view = results.capacity
    view.option.setCurrentIndex(next(i for i in range(view.option.count())
                                     if view.option.itemData(i) == "merger"))
    view.refresh()
    settle()
    results.findChild(QScrollArea).ensureWidgetVisible(view, 0, 0)
    settle()
    view.grab().save(str(OUT / "results-capacity.png"))
    window.document.undo_stack.setClean()
    window.close()

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "paper.pdf"
        subprocess.run([sys.executable, str(ROOT / "main.py"), "appraise", str(SAMPLE),
                        "--pdf", str(pdf)], check=True, capture_output=True)
        import pypdf

        pages = pypdf.PdfReader(str(pdf)).pages
        page = next(i for i, p in enumerate(pages)
                    if "Can we afford it? Lenders" in (p.extract_text() or "")) + 1
        subprocess.run(["pdftoppm", "-r", "80", "-f", str(page), "-l", str(page), "-png",
                        "-singlefile", str(pdf), str(OUT / "paper-affordability")], check=True)
        subprocess.run(["pdftoppm", "-r", "80", "-f", "2", "-l", "2", "-png", "-singlefile",
                        str(pdf), str(OUT / "paper-page-2-affordability")], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
