"""A one-line label that never widens its window: text longer than the room it has is elided
(at the end) and the whole text is its tooltip. Used for the status bar's summary, which can
run to two option names and their figures."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """``setText`` as a QLabel; shows as much as fits, the rest as "…", the whole in a tip."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.PlainText)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        super().setText(text)
        self._update_tip()

    def full_text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        """The text as painted at the label's present width."""
        room = self.contentsRect().width()
        return self.fontMetrics().elidedText(self._full, Qt.ElideRight, max(room, 0))

    def is_elided(self) -> bool:
        return bool(self._full) and self.shown_text() != self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance(self._full) + 8),
                     hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tip()

    def _update_tip(self) -> None:
        self.setToolTip(self._full if self.is_elided() else "")

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment() | Qt.AlignVCenter),
                         self.shown_text())
        painter.end()
