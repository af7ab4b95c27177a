"""Screenshots of board members' own views (model-v2.md V9), for docs/screenshots/.

    xvfb-run -a -s "-screen 0 1366x768x24" python docs/screenshots/members_screenshots.py

Opens the two housing associations sample, adds four members with views of their own (an
illustration, not part of the sample) and saves ``members-weights.png`` and
``members-scores.png`` (the Scores step's members tab, each spread chart in turn), then
``paper-members.png``, the board paper's page on the members' views.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = Path(__file__).resolve().parent
SAMPLE = ROOT / "sample_cases" / "two_housing_associations.json"


def views(data: dict) -> list[dict]:
    """Four members: two who weigh differently, one who scores, one yet to reply."""
    crit = [c["id"] for c in data["criteria"]]
    typed = [c["id"] for c in data["criteria"] if not c.get("source")]
    board = {c["id"]: c["weight"] for c in data["criteria"]}
    keen = {c: board[c] * (2.0 if i % 3 == 0 else 0.6) for i, c in enumerate(crit)}
    wary = {c: board[c] * (0.5 if i % 3 == 0 else 1.3) for i, c in enumerate(crit)}
    merger = data["options"][-1]["id"]
    shared = data["options"][2]["id"]
    return [
        {"id": "amara", "name": "Amara Okoye", "role": "Chair", "weights": keen},
        {"id": "david", "name": "David Hughes", "role": "Tenant board member", "weights": wary,
         "scores": {merger: {typed[2]: 2, typed[4]: 5}}},
        {"id": "rhian", "name": "Rhian Evans", "role": "Treasurer",
         "scores": {merger: {typed[0]: 4, typed[5]: 9}, shared: {typed[0]: 8}}},
        {"id": "sam", "name": "Sam Patel"},
    ]


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings

    from ui.app import application

    app = application()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp())
    QCoreApplication.setApplicationName("ContinuumScreenshots")
    from ui.main_window import MainWindow
    from ui.steps.scores import ScoresStep

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    if not window.open_path(SAMPLE, ask=False):
        return 1
    members = views(window.document.data)
    window.document.edit("add members", lambda d: d.__setitem__("members", members))
    window.document.recalculate_now()
    window.document.wait_for_monte_carlo(60000)

    def settle() -> None:
        for _ in range(30):
            app.processEvents()
            time.sleep(0.03)

    window.go_to_step(5)
    step = window.findChild(ScoresStep)
    step.tabs.setCurrentIndex(1)
    settle()
    step.members.charts.setCurrentIndex(0)
    step.members.weight_chart.draw_now()
    settle()
    window.grab().save(str(OUT / "members-weights.png"))
    step.members.charts.setCurrentIndex(1)
    step.members.score_chart.draw_now()
    settle()
    window.grab().save(str(OUT / "members-scores.png"))
    window.document.undo_stack.setClean()
    window.close()
    paper_page(members)
    return 0


def paper_page(members: list[dict]) -> None:
    """``paper-members.png``: the paper's page on members' views (unnamed: member A, B…)."""
    import json
    import subprocess

    import pypdf

    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "case.json"
        data = json.loads(SAMPLE.read_text(encoding="utf-8"))
        data["members"] = members
        case.write_text(json.dumps(data), encoding="utf-8")
        pdf = Path(tmp) / "paper.pdf"
        subprocess.run([sys.executable, str(ROOT / "main.py"), "appraise", str(case), "--pdf",
                        str(pdf), "--no-monte-carlo"], check=True, capture_output=True)
        pages = pypdf.PdfReader(str(pdf)).pages
        page = next(i for i, p in enumerate(pages)
                    if "Board members' own views" in (p.extract_text() or "")) + 1
        subprocess.run(["pdftoppm", "-r", "80", "-f", str(page), "-l", str(page), "-png",
                        "-singlefile", str(pdf), str(OUT / "paper-members")], check=True)


if __name__ == "__main__":
    raise SystemExit(main())
