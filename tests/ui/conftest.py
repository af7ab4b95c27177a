"""Fixtures for the app's tests: offscreen Qt, isolated settings and recovery folder, no dialogs.

- every test gets its own QSettings (INI files under tmp_path) and its own recovery folder;
- every modal dialog is patched: ``dialogs.answer`` is what QMessageBox.question returns
  (default Discard, so closing never blocks), ``dialogs.messages`` records warnings and
  information, ``dialogs.save_path`` / ``dialogs.open_path`` are what the file dialogs return;
- ``case_file``: a copy of the worked example in tmp_path; ``window``: a MainWindow on it.
"""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: E402

SMALL_CASE = Path(__file__).resolve().parents[1] / "data" / "small-case.json"


class Dialogs:
    def __init__(self):
        self.answer = QMessageBox.Discard
        self.questions: list[str] = []
        self.messages: list[tuple[str, str]] = []
        self.save_path = ""
        self.open_path = ""

    def question(self, _parent, title, text, *_args, **_kw):
        self.questions.append(f"{title}: {text}")
        return self.answer

    def message(self, _parent, title, text, *_args, **_kw):
        self.messages.append((title, text))
        return QMessageBox.Ok


@pytest.fixture(autouse=True)
def dialogs(monkeypatch, tmp_path):
    d = Dialogs()
    monkeypatch.setattr(QMessageBox, "question", d.question)
    for name in ("warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, d.message)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (d.save_path, ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (d.open_path, ""))
    return d


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """QSettings and the recovery folder inside tmp_path, never the user's own."""
    QCoreApplication.setOrganizationName("ContinuumTests")
    QCoreApplication.setApplicationName("ContinuumTests")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    recovery = tmp_path / "recovery"
    import ui.autosave

    monkeypatch.setattr(ui.autosave, "recovery_dir", lambda: recovery)
    yield tmp_path / "settings"


@pytest.fixture
def case_file(tmp_path) -> Path:
    target = tmp_path / "case.json"
    shutil.copyfile(SMALL_CASE, target)
    return target


@pytest.fixture
def window(qtbot, case_file):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_path(case_file, ask=False)
    w.show()
    yield w
    w.document.wait_for_monte_carlo(10000)
    w.document.undo_stack.setClean()   # let the window close without asking
    w.close()


@pytest.fixture(autouse=True, scope="session")
def collect_on_the_gui_thread(qapp):
    """As the app does at start-up: the cycle collector runs only from the GUI thread's timer."""
    from ui.background import collect_on_gui_thread

    collect_on_gui_thread()
