"""Start the desktop app: ``run(argv)`` with an optional case file as ``argv[0]``.

Sets the names QSettings uses, the Fusion style with a palette that follows the system's light or
dark scheme (``CONTINUUM_THEME=light|dark`` forces one), the window icon, then opens the window:
first offering to restore unsaved work left by a crash, then the case given, else a new case.
On macOS a document opened from the Finder or the Dock arrives as a file-open event, not on the
command line: :class:`ContinuumApplication` passes it on and the window opens it. While the app
runs, an error that reaches the event loop is shown as a sentence (:mod:`ui.failures`).
"""
from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication
from ui.background import collect_on_gui_thread

from ui.widgets.tick_style import TickStyle

ICON = Path(__file__).resolve().parent / "resources" / "continuum.svg"


class ContinuumApplication(QApplication):
    """The QApplication, passing on the files the system asks it to open (macOS sends a
    QFileOpenEvent for a document double-clicked in the Finder or dropped on the Dock icon).

    ``fileOpenRequested`` is emitted for each; files asked for before anything listens (at
    launch) wait in ``pending_files`` until :func:`open_requested_files` takes them.
    """

    fileOpenRequested = Signal(str)

    def __init__(self, argv: list[str]):
        super().__init__(argv)
        self.pending_files: list[str] = []
        self.listening = False

    def event(self, event: QEvent) -> bool:  # noqa: D102 - Qt's name
        if event.type() == QEvent.FileOpen:
            path = event.file() or event.url().toLocalFile()
            if path and self.listening:
                self.fileOpenRequested.emit(path)
            elif path:
                self.pending_files.append(path)
            return True
        return super().event(event)


def open_requested_files(app: QApplication, window) -> None:
    """Open in ``window`` every file the system asks for, now and later (each with the usual
    offer to save the open case first)."""
    if not isinstance(app, ContinuumApplication):
        return
    app.fileOpenRequested.connect(window.open_path, Qt.QueuedConnection)  # after the event
    app.listening = True
    while app.pending_files:
        path = app.pending_files.pop(0)
        QTimer.singleShot(0, window, lambda p=path: window.open_path(p))


def dark_palette() -> QPalette:
    """A dark palette for Fusion, with enough contrast for text, links and disabled items."""
    p = QPalette()
    base, window, text = QColor("#1e1f22"), QColor("#2b2d30"), QColor("#e6e6e6")
    for role, colour in ((QPalette.Window, window), (QPalette.WindowText, text),
                         (QPalette.Base, base), (QPalette.AlternateBase, QColor("#26282b")),
                         (QPalette.ToolTipBase, QColor("#3c3f41")), (QPalette.ToolTipText, text),
                         (QPalette.PlaceholderText, QColor("#a0a4aa")), (QPalette.Text, text),
                         (QPalette.Button, window), (QPalette.ButtonText, text),
                         (QPalette.BrightText, QColor("#ff8a80")), (QPalette.Mid, QColor("#5a5d61")),
                         (QPalette.Link, QColor("#6cb6ff")), (QPalette.Highlight, QColor("#2f6fb0")),
                         (QPalette.HighlightedText, QColor("#ffffff"))):
        p.setColor(role, colour)
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor("#7b7f85"))
    return p


def wants_dark() -> bool:
    forced = os.environ.get("CONTINUUM_THEME", "").lower()
    if forced in ("light", "dark"):
        return forced == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication) -> None:
    """Fusion with the system's scheme: the style's own light palette, or a dark one."""
    app.setPalette(dark_palette() if wants_dark() else app.style().standardPalette())


def application(argv0: str = "continuum") -> QApplication:
    """The QApplication, created once with the names QSettings uses."""
    QCoreApplication.setOrganizationName("Continuum")
    QCoreApplication.setOrganizationDomain("continuum.invalid")
    QCoreApplication.setApplicationName("Continuum")
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = ContinuumApplication([argv0])
        app.tick_style = TickStyle()      # Fusion; tick boxes that show in a dark theme
        app.setStyle(app.tick_style)
        apply_theme(app)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: apply_theme(app))
    app.setWindowIcon(QIcon(str(ICON)))
    app.setApplicationDisplayName("Continuum")
    collect_on_gui_thread()
    return app


def freeze_start_up() -> None:
    """Keep the objects loaded so far (the modules: they live as long as the program) out of the
    garbage collector's later passes (gc.freeze). A full collection would otherwise walk all of
    them and could hold the window for 60-150 ms in the middle of an edit. The chart modules
    are not loaded for this: they wait until a chart is first shown (start-up stays quick)."""
    import ui.main_window  # noqa: F401 - the window's modules, frozen with the rest

    gc.collect()
    gc.freeze()


def run(argv: list[str]) -> int:
    """Open the app on a new case, or on ``argv[0]`` if given; returns the exit status."""
    app = application(sys.argv[0] if sys.argv else "continuum")
    from appraisal import CaseError
    from ui import autosave
    from ui.document import CaseDocument
    from ui.failures import FailureHook
    from ui.main_window import MainWindow   # after the QApplication exists
    from ui.ondisk import OnDisk

    freeze_start_up()
    document = on_disk = None
    if argv and not autosave.left_behind():
        on_disk = OnDisk.of(argv[0])               # before reading: a later change is noticed
        try:
            document = CaseDocument.open(argv[0])   # straight in: no template case first
        except (CaseError, OSError):
            document = None                        # open_path below explains why
    window = MainWindow(document, start_page=not argv)
    if document is not None:
        window.set_on_disk(on_disk)
        window.add_recent(Path(argv[0]))
    window.show()
    open_requested_files(app, window)
    FailureHook(lambda: window).install()

    def start() -> None:
        if not window.offer_recovery() and argv and document is None:
            window.open_path(argv[0], ask=False)

    QTimer.singleShot(0, start)
    return app.exec()
