"""Screenshots of the app (and two pages of the paper) for docs/screenshots/: one script.

    xvfb-run -a -s "-screen 0 1366x768x24" python docs/screenshots/take_screenshots.py --all

``--all`` takes every set below, each in a fresh process (the theme is chosen at start-up):
the start page and every step at 1366x768 and at the window's minimum size, in the light and the
dark theme, then the feature pictures. One set at a time:

    python docs/screenshots/take_screenshots.py [--dark] [--minimum] [--only 1,2,10]
    python docs/screenshots/take_screenshots.py --features

A set opens the sample case (default: the two housing associations), waits for the simulation,
saves ``start-page.png`` (with the samples and a recent case), then ``step-NN-name.png`` for
each step and ``main-window.png`` (Results); ``-dark`` and ``-min`` are added to the names.
``--features`` saves the pictures of single features: ``partners-business-plan.png``,
``results-capacity.png``, ``partners-legal-form.png``, ``deal-governance.png``,
``deal-due-diligence.png``, ``deal-lenders.png`` and ``deal-route.png`` (the Deal step's four tabs
for the full merger), ``board-paper-step.png``, ``members-weights.png``, ``members-scores.png``,
and the paper's pages ``paper-affordability.png``, ``paper-page-2-affordability.png`` and
``paper-members.png`` (via pdftoppm).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = Path(__file__).resolve().parent
SAMPLE = ROOT / "sample_cases" / "two_housing_associations.json"


def start_app():
    """The application with settings and recent files of its own (never the user's)."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from ui.app import application

    app = application()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp())
    QCoreApplication.setApplicationName("ContinuumScreenshots")
    return app


def settle(app, rounds: int = 20) -> None:
    """Let layouts, pauses and redraws finish, as they do for a person looking."""
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.03)


def draw_charts(app, window) -> None:
    """Draw every chart on screen now (they otherwise wait for the results to settle)."""
    from ui.widgets.chart_view import ChartView

    settle(app, 5)
    for view in window.findChildren(ChartView):
        if view.isVisible() and view.pending:
            view.draw_now()
    settle(app, 5)


def steps_set(args) -> int:
    """The start page and every step, at one size in one theme."""
    app = start_app()
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
    settle(app)
    window.grab().save(str(out / f"start-page{suffix}.png"))
    if not window.open_path(args.case, ask=False):
        print(f"could not open {args.case}", file=sys.stderr)
        return 1
    window.document.wait_for_monte_carlo(60000)
    settle(app)
    only = {int(n) for n in args.only.split(",") if n.strip()}
    for i in range(len(steps.STEPS)):
        window.go_to_step(i)
        draw_charts(app, window)
        if only and i + 1 not in only:
            continue
        name = re.sub(r"[^a-z0-9]+", "-", steps.title(i).lower()).strip("-")
        path = out / f"step-{i + 1:02d}-{name}{suffix}.png"
        window.grab().save(str(path))
        print(path)
    window.go_to_step(steps.RESULTS_STEP)
    draw_charts(app, window)
    window.grab().save(str(out / f"main-window{suffix}.png"))
    window.document.undo_stack.setClean()
    window.close()
    return 0


def members(data: dict) -> list[dict]:
    """Four board members (an illustration, not part of the sample): two who weigh
    differently, one who scores, one yet to reply."""
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


def features_set() -> int:
    """The affordability test and the members' views, in the app and in the paper."""
    app = start_app()
    from ui import steps
    from ui.main_window import MainWindow
    from ui.steps.partners import PartnersStep
    from ui.steps.results import ResultsStep
    from ui.steps.scores import ScoresStep

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    if not window.open_path(SAMPLE, ask=False):
        return 1
    window.document.wait_for_monte_carlo(60000)
    window.go_to_step(1)
    partners = window.findChild(PartnersStep)
    partners.pages.setCurrentWidget(partners.plan)
    draw_charts(app, window)
    window.grab().save(str(OUT / "partners-business-plan.png"))
    window.go_to_step(steps.RESULTS_STEP)
    view = window.findChild(ResultsStep).capacity
    view.option.setCurrentIndex(next(i for i in range(view.option.count())
                                     if view.option.itemData(i) == "merger"))
    view.refresh()
    window.stack.currentWidget().ensureWidgetVisible(view, 0, 0)   # the step's one scroll area
    draw_charts(app, window)
    view.grab().save(str(OUT / "results-capacity.png"))
    deal_pictures(app, window)

    people = members(window.document.data)
    window.document.edit("add members", lambda d: d.__setitem__("members", people))
    window.document.recalculate_now()
    window.document.wait_for_monte_carlo(60000)
    window.go_to_step(5)
    step = window.findChild(ScoresStep)
    step.tabs.setCurrentIndex(1)
    for chart, name in ((0, "members-weights"), (1, "members-scores")):
        step.members.charts.setCurrentIndex(chart)
        draw_charts(app, window)
        window.grab().save(str(OUT / f"{name}.png"))
    window.document.undo_stack.setClean()
    window.close()

    with tempfile.TemporaryDirectory() as tmp:
        pdf = paper(Path(tmp), None)
        save_page(pdf, "Can we afford it? Lenders", "paper-affordability")
        save_page(pdf, None, "paper-page-2-affordability", page=2)
        pdf = paper(Path(tmp), people)
        save_page(pdf, "Board members' own views", "paper-members")
    return 0


def deal_pictures(app, window) -> None:
    """The Partners step's legal form page, the Deal step's four tabs for the full merger and
    the Board paper step."""
    from ui import steps

    def shot(name: str) -> None:
        draw_charts(app, window)
        window.grab().save(str(OUT / f"{name}.png"))

    def index(title: str) -> int:
        return next(i for i, s in enumerate(steps.STEPS) if s.title == title)

    window.go_to_step(index("Partners"))
    step = window.step(index("Partners"))
    step.pages.setCurrentWidget(step.legal)
    shot("partners-legal-form")
    window.go_to_step(index("Deal"))
    step = window.step(index("Deal"))
    step.option.setCurrentIndex([o.id for o in window.document.case.options].index("merger"))
    for k, name in enumerate(("governance", "due-diligence", "lenders", "route")):
        step.tabs.setCurrentIndex(k)
        shot(f"deal-{name}")
    window.go_to_step(index("Board paper"))
    shot("board-paper-step")


def paper(folder: Path, people: list[dict] | None) -> Path:
    """The board paper of the sample (with ``people`` as its members, if given)."""
    case = folder / "case.json"
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    if people is not None:
        data["members"] = people
    case.write_text(json.dumps(data), encoding="utf-8")
    pdf = folder / ("members.pdf" if people else "paper.pdf")
    quick = ["--no-monte-carlo"] if people is not None else []
    subprocess.run([sys.executable, str(ROOT / "main.py"), "appraise", str(case), "--pdf",
                    str(pdf), *quick], check=True, capture_output=True)
    return pdf


def save_page(pdf: Path, heading: str | None, name: str, page: int | None = None) -> None:
    """Save the page of ``pdf`` that has ``heading`` (or page ``page``) as ``name``.png."""
    if page is None:
        import pypdf

        pages = pypdf.PdfReader(str(pdf)).pages
        page = next(i for i, p in enumerate(pages) if heading in (p.extract_text() or "")) + 1
    subprocess.run(["pdftoppm", "-r", "80", "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", str(pdf), str(OUT / name)], check=True)


def every_set() -> int:
    """Each set in its own process: both themes, both sizes, then the feature pictures."""
    runs = [([], "light"), (["--minimum"], "light"), (["--dark"], "dark"),
            (["--dark", "--minimum"], "dark"), (["--features"], "light")]
    for extra, theme in runs:
        env = dict(os.environ, CONTINUUM_THEME=theme)
        done = subprocess.run([sys.executable, __file__, *extra], env=env, cwd=ROOT)
        if done.returncode:
            return done.returncode
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", default=str(SAMPLE))
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--dark", action="store_true", help="the dark theme")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=768)
    parser.add_argument("--only", default="", help="step numbers to save, e.g. 1,2,3,9,10")
    parser.add_argument("--minimum", action="store_true", help="at the window's minimum size")
    parser.add_argument("--features", action="store_true", help="the feature pictures")
    parser.add_argument("--all", action="store_true", help="every set, each in its own run")
    args = parser.parse_args()
    if args.all:
        return every_set()
    if args.features:
        return features_set()
    if args.dark:
        os.environ["CONTINUUM_THEME"] = "dark"
    return steps_set(args)


if __name__ == "__main__":
    raise SystemExit(main())
