"""The main window: the step list on the left, the step on the right, results one key away.

It holds one :class:`CaseDocument` at a time. Opening another case builds every step afresh on
the new document. File commands live in :mod:`ui.files`, menus and shortcuts in
:mod:`ui.actions`; the steps themselves in :mod:`ui.steps`.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent, QFont, QUndoGroup
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMainWindow, QProgressBar, QPushButton, QScrollArea, QSplitter,
                               QStackedWidget, QVBoxLayout, QWidget)

from appraisal import before_paper, scoring_words
from appraisal.defaults import new_case_data
from appraisal.formatting import money_k, score
from ui import steps
from ui.actions import build_actions
from ui.autosave import Autosave
from ui.document import CaseDocument
from ui.files import FileCommands
from ui.start_page import StartPage
from ui.widgets.elided_label import ElidedLabel

APP_NAME = "Continuum"


class MainWindow(FileCommands, QMainWindow):
    def __init__(self, document: CaseDocument | None = None, parent: QWidget | None = None, *,
                 start_page: bool = False):
        super().__init__(parent)
        self.document: CaseDocument | None = None
        self.untitled_name = ""          # e.g. a sample's name, shown while the case has no path
        self.undo_group = QUndoGroup(self)
        self.setMinimumSize(QSize(900, 560))
        self._build_body()
        self._build_status_bar()
        self.actions_ = build_actions(self)
        self.autosave = Autosave(lambda: self.document, self, on_disk_of=lambda: self.on_disk)
        self.set_document(document or CaseDocument(new_case_data()))
        self.restore_layout()
        if start_page:
            self.show_start_page()

    # --- layout -----------------------------------------------------------------------------
    def _build_body(self) -> None:
        self.step_list = QListWidget()
        self.step_list.setAccessibleName("Steps")
        self.step_list.setMinimumWidth(170)
        self.step_list.setMaximumWidth(240)
        self.step_list.setSpacing(2)
        self.step_list.setFrameShape(QFrame.NoFrame)
        last = len(steps.STEPS) - 1
        for i in range(len(steps.STEPS)):
            # as the View menu: Ctrl+1 … Ctrl+9 for the first nine steps, Ctrl+0 for the last
            key = 0 if i == last else i + 1 if i < 9 else None
            item = QListWidgetItem(f"{i + 1}.  {steps.title(i)}")
            item.setToolTip(steps.purpose(i) + (f"  (Ctrl+{key})" if key is not None else ""))
            self.step_list.addItem(item)
        self.stack = QStackedWidget()
        self.step_title = QLabel()
        font = QFont(self.step_title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.step_title.setFont(font)
        self.step_purpose = QLabel()
        self.step_purpose.setWordWrap(True)
        self.back_button = QPushButton("← &Back")
        self.next_button = QPushButton("&Next →")
        self.back_button.setToolTip("The previous step (Ctrl+Page Up)")
        self.next_button.setToolTip("The next step (Ctrl+Page Down)")
        header = QVBoxLayout()
        header.addWidget(self.step_title)
        header.addWidget(self.step_purpose)
        nav = QHBoxLayout()
        nav.addStretch(1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(header)
        right_layout.addWidget(self.stack, 1)
        right_layout.addLayout(nav)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.step_list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([190, 1100])
        self.start_page = StartPage()
        self.start_page.newRequested.connect(self.new_case)
        self.start_page.openRequested.connect(self.open_file)
        self.start_page.recentRequested.connect(self.open_path)
        self.start_page.sampleRequested.connect(lambda path: self.open_sample(Path(path)))
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.start_page)
        self.setCentralWidget(self.pages)
        self.step_list.currentRowChanged.connect(self._show_step)
        self.back_button.clicked.connect(lambda: self.go_to_step(self.current_step() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_step(self.current_step() + 1))

    def _build_status_bar(self) -> None:
        self.leader_label = ElidedLabel()     # cut short with its whole text as a tooltip
        self.simulation_label = QLabel("Running simulation…")
        self.simulation_bar = QProgressBar()
        self.simulation_bar.setRange(0, 0)
        self.simulation_bar.setMaximumWidth(90)
        self.simulation_bar.setMaximumHeight(14)
        for w in (self.simulation_label, self.simulation_bar):
            w.hide()
            self.statusBar().addPermanentWidget(w)
        self.statusBar().addPermanentWidget(self.leader_label, 1)

    # --- the start page and the steps --------------------------------------------------------
    def show_start_page(self) -> None:
        self.start_page.set_recent([f for f in self.recent_files() if Path(f).exists()])
        self.pages.setCurrentWidget(self.start_page)
        self.leader_label.hide()                      # no case is being worked on yet
        self.start_page.new_button.setFocus(Qt.OtherFocusReason)

    @property
    def on_start_page(self) -> bool:
        return self.pages.currentWidget() is self.start_page

    def current_step(self) -> int:
        return self.step_list.currentRow()

    def go_to_step(self, index: int) -> None:
        if 0 <= index < self.stack.count():
            self.step_list.setCurrentRow(index)

    def go_to_results(self) -> None:
        self.go_to_step(steps.RESULTS_STEP)

    def step(self, index: int) -> QWidget:
        """The step widget itself (built on first use, inside its scroll area)."""
        scroll = self.stack.widget(index)
        if scroll.widget() is None:
            scroll.setWidget(steps.build_step(index, self.document))
            self.step_list.item(index).setText(
                f"{index + 1}.  {steps.title(index, scroll.widget())}")
        return scroll.widget()

    def _show_step(self, index: int) -> None:
        if index < 0:
            return
        self.step(index)
        self.stack.setCurrentIndex(index)
        self.step_title.setText(f"{index + 1}. {steps.title(index, self.step(index))}")
        self.step_purpose.setText(steps.purpose(index))
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.stack.count() - 1)

    def _build_steps(self) -> None:
        current = max(self.current_step(), 0)
        while self.stack.count():
            old = self.stack.widget(0)
            self.stack.removeWidget(old)
            old.deleteLater()
        for i in range(len(steps.STEPS)):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.NoFrame)
            scroll.setFocusPolicy(Qt.NoFocus)  # no nameless stop: Tab goes to the fields, and
            # the area scrolls to whichever has the focus
            self.stack.addWidget(scroll)     # the step itself is built when first shown
        self.step_list.setCurrentRow(current)
        self._show_step(current)

    # --- the document -----------------------------------------------------------------------
    def set_document(self, document: CaseDocument, untitled_name: str = "") -> None:
        """Make ``document`` the open case: rebuild the steps on it; retire the old one."""
        old = self.document
        self.document = document
        self.untitled_name = untitled_name
        document.setParent(self)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.changed.connect(self._update_title)
        document.pathChanged.connect(self._update_title)
        document.resultsChanged.connect(self._update_status)
        document.monteCarloRunning.connect(self._simulation_running)
        document.failed.connect(lambda message: self.statusBar().showMessage(message, 15000))
        self._build_steps()
        self.pages.setCurrentWidget(self.splitter)    # a case is open: its steps, not the start
        self.leader_label.show()
        self._update_title()
        self._update_status()
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.blockSignals(True)
            old.wait_for_monte_carlo(10000)   # its background run must not outlive it
            old.deleteLater()
        self._simulation_running(document.simulating)

    def _update_title(self) -> None:
        doc = self.document
        name = doc.display_name if doc.path or not self.untitled_name else self.untitled_name
        if doc.path and self.read_only:
            name += " (read-only)"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(doc.is_dirty)
        self.setWindowFilePath(str(doc.path) if doc.path else "")

    def status_text(self) -> str:
        """While the options cannot be ranked (a new case: no criteria weighed, no scores), what
        is still to score, never a leader; once every option is scored, the leading option and
        its NPV against the baseline (and the best NPV if another's), followed by what is still
        to enter before the paper, if anything."""
        case, results = self.document.case, self.document.results
        gaps = before_paper.missing_inputs(case)
        if results is None:
            return before_paper.summary(gaps) if gaps else ""
        if not results.scored:
            text = scoring_words.status_text(case, results.unscored) or "Not ranked yet"
            if gaps:
                text += (f"   ·   {len(gaps)} thing{'s' if len(gaps) != 1 else ''} in all "
                         "still to enter before the paper")
            return text
        lead = results.option(results.leader)
        text = (f"Leading option: {lead.name} — score {score(lead.weighted_score)}, "
                f"NPV vs baseline {money_k(lead.npv_vs_baseline)}")
        if results.npv_leader != results.leader:
            best = results.option(results.npv_leader)
            text += f"   ·   Best NPV vs baseline: {best.name}, {money_k(best.npv_vs_baseline)}"
        if gaps:
            text += "   ·   " + before_paper.summary(gaps)
        return text

    def _update_status(self) -> None:
        self.leader_label.setText(self.status_text())

    def _simulation_running(self, running: bool) -> None:
        self.simulation_label.setVisible(running)
        self.simulation_bar.setVisible(running)

    # --- layout memory and closing ----------------------------------------------------------
    def restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 720)
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        # a case from a file reopens at the step last used; a new case starts at the first
        step = int(settings.value("window/step", 0) or 0) if self.document.path else 0
        self.go_to_step(step)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/step", self.current_step())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.maybe_save():
            event.ignore()
            return
        self.save_layout()
        self.autosave.discard()
        self.document.wait_for_monte_carlo(10000)
        event.accept()
