"""The window's menus, toolbar and keyboard shortcuts (standard key sequences where Qt has one)."""
from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QStyle

from appraisal import __version__
from appraisal.continuum import FORMS
from ui import steps


def _action(window, text: str, slot, shortcut=None, tip: str = "", icon=None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(window) -> SimpleNamespace:
    """Create the menus and toolbar of ``window`` (a MainWindow); returns the actions by name."""
    a = SimpleNamespace()
    a.new = _action(window, "&New", window.new_case, QKeySequence.New,
                    "Start a new case from the template", QStyle.SP_FileIcon)
    a.open = _action(window, "&Open…", window.open_file, QKeySequence.Open,
                     "Open a case file", QStyle.SP_DialogOpenButton)
    a.save = _action(window, "&Save", window.save, QKeySequence.Save,
                     "Save the case", QStyle.SP_DialogSaveButton)
    a.save_as = _action(window, "Save &As…", window.save_as, QKeySequence.SaveAs,
                        "Save the case under a new name")
    a.export_pdf = _action(window, "Export the board &paper (PDF)…",
                           lambda: window.export("pdf"), "Ctrl+E",
                           "Write the board paper as a PDF")
    a.export_xlsx = _action(window, "Export the &model (Excel)…", lambda: window.export("xlsx"),
                            "Ctrl+Shift+E", "Write the live Excel model")
    a.start_page = _action(window, "Start &page", window.show_start_page, tip=
                           "New case, open, recent cases and the samples")
    a.quit = _action(window, "&Quit", window.close, QKeySequence.Quit, "Close Continuum")
    a.undo = window.undo_group.createUndoAction(window, "&Undo")
    a.undo.setShortcuts(QKeySequence.Undo)     # every binding of the platform (Ctrl+Z …)
    a.undo.setIcon(window.style().standardIcon(QStyle.SP_ArrowBack))
    a.redo = window.undo_group.createRedoAction(window, "&Redo")
    a.redo.setShortcuts(QKeySequence.Redo)     # Ctrl+Y and Ctrl+Shift+Z alike
    a.redo.setIcon(window.style().standardIcon(QStyle.SP_ArrowForward))
    a.give_ranges = _action(window, "Give lines a ran&ge…", lambda: give_ranges(window),
                            tip="Give every line without a low and high a range of −x% / +y%")
    a.results = _action(window, "Show &Results", window.go_to_results, "F5",
                        "Jump to the results (F5)", QStyle.SP_MediaPlay)
    a.next_step = _action(window, "&Next step", lambda: window.go_to_step(
        window.current_step() + 1), "Ctrl+PgDown", "Go to the next step")
    a.previous_step = _action(window, "&Previous step", lambda: window.go_to_step(
        window.current_step() - 1), "Ctrl+PgUp", "Go back a step")

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a.start_page, a.new, a.open])
    window.recent_menu = file_menu.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(window.fill_recent_menu)
    window.sample_menu = file_menu.addMenu("Open Sa&mple")
    window.sample_menu.aboutToShow.connect(window.fill_sample_menu)
    file_menu.addSeparator()
    file_menu.addActions([a.save, a.save_as])
    file_menu.addSeparator()
    file_menu.addActions([a.export_pdf, a.export_xlsx])
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addAction(a.give_ranges)

    view_menu = bar.addMenu("&View")
    view_menu.addAction(a.results)
    view_menu.addSeparator()
    a.steps = []
    last = len(steps.STEPS) - 1
    for i in range(len(steps.STEPS)):
        # Ctrl+1 … Ctrl+9 for the first nine steps, Ctrl+0 for the board paper (the last)
        key = 0 if i == last else i + 1 if i < 9 else None
        action = _action(window, f"&{key}  {steps.title(i)}" if key is not None else
                         f"    {steps.title(i)}", lambda i=i: window.go_to_step(i),
                         f"Ctrl+{key}" if key is not None else None, steps.purpose(i))
        a.steps.append(action)
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addActions([a.previous_step, a.next_step])

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(_action(window, "The &continuum", lambda: show_continuum(window),
                                tip="The eight forms of partnership, explained"))
    help_menu.addAction(_action(window, "&About Continuum", lambda: show_about(window)))

    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("main-toolbar")
    toolbar.setIconSize(QSize(18, 18))
    toolbar.setToolButtonStyle(toolbar.toolButtonStyle().ToolButtonTextBesideIcon)
    toolbar.addActions([a.new, a.open, a.save])
    toolbar.addSeparator()
    toolbar.addActions([a.undo, a.redo])
    toolbar.addSeparator()
    toolbar.addAction(a.results)
    return a


def give_ranges(window) -> None:
    """The case-wide "give the lines without a range a range" edit (one undo step)."""
    from ui.dialogs.uncertainty import RangesDialog
    RangesDialog(window.document, window).exec()


def show_continuum(window) -> None:
    text = "\n\n".join(f"{f.name}: {f.definition}" for f in FORMS)
    QMessageBox.information(window, "The continuum of options", text)


def show_about(window) -> None:
    QMessageBox.about(window, "About Continuum",
                      f"Continuum {__version__}\n\nAppraises partnership options for housing "
                      "associations and charities, from remaining standalone to merger, and "
                      "writes the board paper and a live Excel model.")
