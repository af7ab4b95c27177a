"""The reason an entry was refused, in red under the field (never a dialog, never a traceback)."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

from appraisal.paths import problem_text

Problem = tuple[str, str]

_FRIENDLY = (
    ("String should match pattern '^\\d{4}-\\d{2}-\\d{2}$'", "must be a date written as YYYY-MM-DD"),
)
MAX_LINES = 4


def friendly(message: str) -> str:
    """A validation message in the board's words (a few technical phrasings rewritten)."""
    for technical, plain in _FRIENDLY:
        if message.startswith(technical):
            return plain + message[len(technical):]
    return message


def problem_lines(problems: Sequence[Problem], own_path: str | None = None,
                  case=None) -> list[str]:
    """One line a problem: the bare reason for the field's own path, else the place in words
    (names from ``case``) and the reason."""
    lines = []
    for path, message in problems:
        text = friendly(message)
        lines.append(text if own_path is not None and path == own_path
                     else problem_text(path, text, case))
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES] + [f"… and {len(lines) - MAX_LINES} more"]
    return lines


def is_dark(widget: QWidget) -> bool:
    return widget.palette().window().color().lightness() < 128


class InlineError(QLabel):
    """Red text under a field: ``show_problems`` after a refused edit, ``clear`` after a good one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.PlainText)      # user text is text, never markup
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setAccessibleName("Problem with this entry")
        self._colour = ""
        self._recolour()
        self.hide()

    def show_problems(self, problems: Sequence[Problem], own_path: str | None = None) -> None:
        if not problems:
            self.clear()
            return
        self.setText("\n".join(problem_lines(problems, own_path, self._case())))
        self.show()

    def _case(self):
        """The case of the nearest enclosing view that has a document (for names), or None."""
        widget = self.parentWidget()
        while widget is not None:
            document = getattr(widget, "document", None)
            if document is not None and hasattr(document, "case"):
                return document.case
            widget = widget.parentWidget()
        return None

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:  # noqa: D102 - QLabel's name
        super().clear()
        self.hide()

    @property
    def showing(self) -> bool:
        return not self.isHidden() and bool(self.text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.PaletteChange:
            self._recolour()
        super().changeEvent(event)

    def _recolour(self) -> None:
        # A red that reads on the window's own background, light or dark.
        colour = "#ff8a80" if is_dark(self) else "#b00020"
        if colour != self._colour:       # guard: restyling sends another palette change
            self._colour = colour
            self.setStyleSheet(f"QLabel {{ color: {colour}; }}")
