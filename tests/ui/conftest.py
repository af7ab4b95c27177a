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


@pytest.fixture(autouse=True)
def release_qt_objects(qapp, monkeypatch):
    """Free what a test made of Qt at a known moment, never later by a collection.

    A test drops its document and widgets in reference cycles; freeing them from inside some
    later collection deletes their C++ objects in whatever order the collector picks, which can
    crash Qt. So once the test and its fixtures are done: every background helper's work is waited
    for, then every top-level widget and every document (the owner of a helper) is deleted
    explicitly, children before parents as Qt does it, and any collection afterwards frees only
    empty Python shells."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from ui.background import Background

    helpers: list[Background] = []
    made = Background.__init__

    def tracked(self, *args, **kwargs):
        made(self, *args, **kwargs)
        helpers.append(self)

    monkeypatch.setattr(Background, "__init__", tracked)
    yield
    for helper in helpers:
        if shiboken6.isValid(helper):
            helper.cancel_all()
            helper.wait(30000)
    qapp.processEvents()
    for widget in QApplication.topLevelWidgets():
        if shiboken6.isValid(widget):
            widget.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for widget in QApplication.topLevelWidgets():
        if shiboken6.isValid(widget) and widget.parent() is None:
            shiboken6.delete(widget)
    for helper in helpers:
        if shiboken6.isValid(helper):
            owner = helper.parent()
            while owner is not None and owner.parent() is not None:
                owner = owner.parent()
            shiboken6.delete(owner if owner is not None else helper)
    helpers.clear()
