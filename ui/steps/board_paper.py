"""Step 10, Board paper: the recommendation, then the board paper and the model to take away.

Exports run off the GUI thread (ui.export) with a busy bar; when a file is written an "Open"
button opens it with the system's viewer. A failure is a plain message beside the buttons.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QBoxLayout, QComboBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout,
                               QWidget)

from appraisal import before_paper
from appraisal.edits import set_recommendation
from appraisal.formatting import money_k, score
from ui.document import CaseDocument
from ui.export import KINDS, Exporter
from ui.widgets.editors import guard
from ui.widgets.fields import ChoiceField, NotesField, TextField, explanation_label
from ui.widgets.inline_error import InlineError
from appraisal.scoring_words import why_no_leader

NO_RECOMMENDATION = "None yet: the paper names the leading option"


RATIONALE_HELP = "Printed in the board paper under the recommendation."
DRAFT_HELP = ("No option is recommended yet: what you write here is kept in the case and "
              "printed once an option is chosen above.")


STATUS_CHOICES = [("For decision", "decision"), ("For discussion", "discussion")]
RESOLUTION_HELP = ("Printed on page 2 as the resolution the board is asked to pass. Left empty, "
                   "the paper prints the draft shown above, marked as a draft.")
RESOLUTION_PLACEHOLDER = "Empty: the paper prints the draft below."
SIDE_BY_SIDE = 900      # px: narrower than this, the two boxes stand one above the other


class Columns(QWidget):
    """Two boxes side by side when there is room for both, one above the other when not (at
    the window's minimum size), so no field is squeezed and the page never scrolls sideways."""

    def __init__(self, left: QWidget, right: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes = (left, right)
        self.box = QBoxLayout(QBoxLayout.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(left, 1)
        self.box.addWidget(right, 1)

    def side_by_side(self) -> bool:
        return self.box.direction() == QBoxLayout.LeftToRight

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As narrow as the wider box: stacked, each has the whole width."""
        hints = [b.minimumSizeHint() for b in self.boxes]
        heights = [h.height() for h in hints]
        tall = max(heights) if self.side_by_side() else sum(heights) + self.box.spacing()
        return QSize(max(h.width() for h in hints), tall)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        wanted = sum(b.minimumSizeHint().width() for b in self.boxes) + self.box.spacing()
        wide = event.size().width() >= max(SIDE_BY_SIDE, wanted)
        direction = QBoxLayout.LeftToRight if wide else QBoxLayout.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)
            self.updateGeometry()
        super().resizeEvent(event)


def draft_resolution(results) -> str:
    """The paper's own draft of the resolution (the text it prints when the case has none)."""
    if results is None:
        return ""
    from appraisal.report.paper.cover import resolution    # the paper's words, loaded on use
    return resolution(results)[0]


def checks_text(findings: list[before_paper.Finding], most: int = 10) -> str:
    """The "Before the paper" list: what is missing first, then what to check."""
    if not findings:
        return "Nothing is missing: every criterion is scored and every line has a range."
    ordered = sorted(findings, key=lambda f: f.kind != "missing")
    lines = [("Missing: " if f.kind == "missing" else "Check: ") + f.text
             for f in ordered[:most]]
    if len(ordered) > most:
        lines.append(f"… and {len(ordered) - most} more")
    return "\n".join(lines)


def default_name(title: str, key: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")[:60] or "case"
    return f"{stem}-{'model' if key == 'xlsx' else 'board-paper'}{KINDS[key].suffix}"


class BoardPaperStep(QWidget):
    TITLE = "Board paper"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.last_path: Path | None = None
        self.exporter = Exporter(self)

        self.leader = QLabel()
        self.leader.setTextFormat(Qt.PlainText)
        self.leader.setWordWrap(True)
        self.option = guard(QComboBox())
        self.option.setAccessibleName("Recommended option")
        self.option.setToolTip("The option the authors recommend to the board. Leave it unset "
                               "and the paper names the option with the highest weighted score.")
        self.option_error = InlineError()
        self.rationale = NotesField(
            document, ("recommendation", "rationale"), "Rationale", lines=5,
            placeholder="Why this option: the money, the criteria, the risks and the path ahead.",
            explanation=RATIONALE_HELP)
        rec_box = QGroupBox("Recommendation")
        form = QFormLayout(rec_box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        option_col = QVBoxLayout()
        option_col.addWidget(self.option)
        option_col.addWidget(self.option_error)
        form.addRow(self.leader)
        form.addRow("Recommended &option", option_col)
        form.addRow("&Rationale", self.rationale)
        form.labelForField(option_col).setBuddy(self.option)
        form.labelForField(self.rationale).setBuddy(self.rationale.editor)

        self.paper_status = ChoiceField(
            document, ("paper", "status"), "Status", STATUS_CHOICES,
            tooltip="The one status the cover carries: a decision the board is asked to take, "
                    "or a discussion before a decision is sought.")
        self.reference = TextField(document, ("paper", "reference"), "Paper reference",
                                   placeholder="e.g. BD/2026/14", empty_is_none=True,
                                   tooltip="The board's own reference for the paper.")
        self.sponsor = TextField(document, ("paper", "sponsor"), "Sponsor",
                                 placeholder="e.g. Chief Executive", empty_is_none=True,
                                 tooltip="Who presents the paper to the board.")
        self.confidentiality = TextField(
            document, ("paper", "confidentiality"), "Confidentiality marking",
            placeholder="e.g. Confidential: board members only", empty_is_none=True,
            tooltip="Printed on the cover and at the head of every page; empty for none.")
        self.resolution = NotesField(document, ("paper", "resolution"), "Resolution", lines=3,
                                     placeholder=RESOLUTION_PLACEHOLDER,
                                     explanation=RESOLUTION_HELP)
        self.resolution_draft = explanation_label("")   # the whole draft, wrapped, muted
        self.resolution_draft.setAccessibleName("Draft resolution")
        self.resolution_draft.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.resolution.layout().insertWidget(1, self.resolution_draft)   # under the box
        self.resolution.editor.textChanged.connect(self._show_draft)
        paper_box = QGroupBox("The paper")
        cover = QFormLayout(paper_box)
        cover.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for text, field in (("S&tatus", self.paper_status),
                            ("Paper re&ference", self.reference), ("Spo&nsor", self.sponsor),
                            ("&Confidentiality marking", self.confidentiality),
                            ("Re&solution", self.resolution)):
            cover.addRow(text, field)
            cover.labelForField(field).setBuddy(field.editor)

        self.pdf_button = QPushButton("Export the board &paper (PDF)…")
        self.docx_button = QPushButton("Export the board paper (&Word)…")
        self.xlsx_button = QPushButton("Export the &model (Excel)…")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)          # busy: the writers report stages, not percentages
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setTextFormat(Qt.PlainText)
        self.status.setWordWrap(True)
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Open the exported file")
        self.open_button.hide()
        self.export_error = InlineError()
        export_box = QGroupBox("Take it to the board")
        ex = QVBoxLayout(export_box)
        ex.addWidget(explanation_label(
            "The board paper explains every figure; the Excel model recalculates them with live "
            "formulas. Both are made from the figures shown in Results."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.docx_button)
        buttons.addWidget(self.xlsx_button)
        buttons.addStretch(1)
        ex.addLayout(buttons)
        ex.addWidget(self.progress)
        done = QHBoxLayout()
        done.addWidget(self.status, 1)
        done.addWidget(self.open_button)
        ex.addLayout(done)
        ex.addWidget(self.export_error)

        self.checks = QLabel()
        self.checks.setTextFormat(Qt.PlainText)
        self.checks.setWordWrap(True)
        self.checks.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.checks.setAccessibleName("Before the paper")
        check_box = QGroupBox("Before the paper")
        QVBoxLayout(check_box).addWidget(self.checks)

        layout = QVBoxLayout(self)
        layout.addWidget(check_box)
        self.columns = Columns(rec_box, paper_box)    # side by side when there is room
        layout.addWidget(self.columns)
        layout.addWidget(export_box)
        layout.addStretch(1)

        self.option.activated.connect(lambda _i: self._recommend(self.option.currentData()))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.docx_button.clicked.connect(lambda: self.export("docx"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.open_button.clicked.connect(self.open_last)
        self.exporter.progress.connect(self.status.setText)
        self.exporter.finished.connect(self._exported)
        self.exporter.failed.connect(self._export_failed)
        self.exporter.busyChanged.connect(self._busy)
        document.changed.connect(self.refresh)
        document.resultsChanged.connect(self.show_leader)
        self.refresh()
        self.show_leader()

    # --- reading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        options = self.document.get(("options",)) or []
        current = self.document.get(("recommendation", "option"))
        self.option.blockSignals(True)
        self.option.clear()
        self.option.addItem(NO_RECOMMENDATION, None)
        for o in options:
            self.option.addItem(o.get("name") or o["id"], o["id"])
        index = next((i for i in range(self.option.count())
                      if self.option.itemData(i) == current), 0)
        self.option.setCurrentIndex(index)
        self.option.blockSignals(False)
        self.rationale.explanation.setText(RATIONALE_HELP if current is not None else DRAFT_HELP)
        for button in (self.pdf_button, self.docx_button, self.xlsx_button):
            button.setEnabled(not self.exporter.busy)
        self.checks.setText(checks_text(before_paper.check(self.document.case)))
        self._show_draft()          # the box may have been filled or emptied (undo)

    def show_leader(self) -> None:
        results = self.document.results
        self._show_draft()
        if results is None:
            self.leader.setText("")
            return
        if not results.scored:      # nothing can be recommended yet: say what is missing
            self.leader.setText(why_no_leader(results.case, results.unscored) or "")
            return
        lead = results.option(results.leader)
        npv_lead = results.option(results.npv_leader)
        self.leader.setText(
            f"Highest weighted score: {lead.name} ({score(lead.weighted_score)} of 100). "
            f"Best value against the baseline: {npv_lead.name} "
            f"({money_k(npv_lead.npv_vs_baseline)} net present value).")

    def _show_draft(self) -> None:
        """Under an empty Resolution box, the whole draft the paper prints in its place."""
        if self.document.results is not None:       # else the last draft until recalculated
            draft = draft_resolution(self.document.results)
            self.resolution_draft.setText(f"Draft: “{draft}”" if draft else "")
        empty = not self.resolution.editor.toPlainText().strip()
        self.resolution_draft.setVisible(bool(self.resolution_draft.text()) and empty)

    # --- editing ----------------------------------------------------------------------------
    def _recommend(self, option_id: str | None) -> None:
        text = "remove the recommendation" if option_id is None else "recommend an option"
        problems = self.document.edit(text, lambda data: set_recommendation(data, option_id))
        self.option_error.show_problems(problems)

    # --- exporting --------------------------------------------------------------------------
    def export(self, key: str, path: str | Path | None = None) -> None:
        """Export to ``path``, asking for one if not given (Cancel does nothing)."""
        if path is None:
            folder = (self.document.path.parent if self.document.path else
                      Path(QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)))
            suggested = str(folder / default_name(self.document.case.title, key))
            path, _ = QFileDialog.getSaveFileName(self, f"Export {KINDS[key].what}", suggested,
                                                  KINDS[key].file_filter)
            if not path:
                return
            if not path.lower().endswith(KINDS[key].suffix):
                path += KINDS[key].suffix
        self.export_error.clear()
        self.open_button.hide()
        self.exporter.export(key, self.document.case, Path(path),
                             results=self.document.full_results())

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.refresh()

    def _exported(self, key: str, path: str) -> None:
        self.last_path = Path(path)
        self.status.setText(f"Saved {KINDS[key].what} as {self.last_path.name}.")
        self.open_button.show()

    def _export_failed(self, _key: str, message: str) -> None:
        self.status.setText("")
        self.export_error.show_message(message)

    def open_last(self) -> None:
        if self.last_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path)))
