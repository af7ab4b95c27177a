"""The start page: a new case, a case from disk, a recent case or one of the samples.

Shown when the app starts without a file, and from File → Start page. It only asks the window
to act (``new_case``, ``open_dialog``, ``open_path``, ``open_sample``); the window shows the
steps once a case is open.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from appraisal.resources import sample_cases, sample_line, sample_title
from ui.widgets.fields import explanation_label

PATH = Qt.UserRole


class StartPage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    recentRequested = Signal(str)
    sampleRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel("Continuum")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        heading.setFont(font)
        intro = explanation_label(
            "Appraise the options for working with partners, from staying standalone to a "
            "full merger, and take a board paper and a live model to the board.")
        self.new_button = QPushButton("&New case")
        self.new_button.setToolTip("Start a blank case: two organisations, a baseline and one "
                                   "option, with nothing scored or costed yet")
        self.open_button = QPushButton("&Open a case…")
        self.open_button.setToolTip("Open a case file saved earlier")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)

        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent cases")
        self.recent_empty = explanation_label("Cases you open or save are listed here.")
        recent_box = QGroupBox("&Recent cases")
        rl = QVBoxLayout(recent_box)
        rl.addWidget(self.recent)
        rl.addWidget(self.recent_empty)

        self.samples = QListWidget()
        self.samples.setAccessibleName("Samples")
        self.samples.setWordWrap(True)
        sample_box = QGroupBox("&Samples: complete cases to learn from (opened as a copy)")
        QVBoxLayout(sample_box).addWidget(self.samples)
        self.samples.setSpacing(3)
        for lst in (self.recent, self.samples):  # entries wrap to the width: no sideways scroll
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            lst.viewport().installEventFilter(self)
        for path in sample_cases():
            self._add(self.samples, sample_title(path), sample_line(path), str(path))

        lists = QHBoxLayout()
        lists.addWidget(recent_box, 1)
        lists.addWidget(sample_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addLayout(lists, 1)
        # group-box mnemonics take the focus to their list
        recent_box.setFocusProxy(self.recent)
        sample_box.setFocusProxy(self.samples)

        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.recent.itemActivated.connect(
            lambda item: self.recentRequested.emit(item.data(PATH)))
        self.samples.itemActivated.connect(
            lambda item: self.sampleRequested.emit(item.data(PATH)))

    @staticmethod
    def _add(widget: QListWidget, title: str, line: str, path: str, tip: str = "") -> None:
        """An entry: its title in bold and one line under it (read whole by a screen reader)."""
        item = QListWidgetItem(f"{title}\n{line}" if line else title)
        item.setData(PATH, path)
        item.setToolTip(tip or line or title)
        item.setData(Qt.AccessibleTextRole, f"{title}. {line}" if line else title)
        widget.addItem(item)
        label = QLabel(f"<b>{escape(title)}</b><br>{escape(line)}")
        label.setTextFormat(Qt.RichText)
        label.setContentsMargins(4, 3, 4, 3)
        label.setWordWrap(True)                  # wrapped at the list's width, never cut
        label.setAttribute(Qt.WA_TransparentForMouseEvents)
        item.setSizeHint(label.sizeHint())
        item.setText("")                  # the label shows it; the accessible text says it
        widget.setItemWidget(item, label)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Resize:
            for lst in (self.recent, self.samples):
                if watched is lst.viewport():
                    fit_entries(lst)
        return False

    def set_recent(self, files: list[str]) -> None:
        self.recent.clear()
        for name in files:
            self._add(self.recent, Path(name).stem, str(Path(name).parent), name, tip=name)
        self.recent.setVisible(bool(files))
        self.recent_empty.setVisible(not files)


def fit_entries(widget: QListWidget) -> None:
    """Each entry as tall as its text wrapped at the list's width."""
    width = widget.viewport().width() - 2 * widget.spacing()
    for i in range(widget.count()):
        item = widget.item(i)
        label = widget.itemWidget(item)
        if label is not None and width > 0:
            item.setSizeHint(QSize(width, label.heightForWidth(width)))
