"""A chart from appraisal.charts shown in the app (one set of charts for the app and the paper).

:class:`ChartView` takes a function that builds a matplotlib Figure from the current Results
and embeds it with FigureCanvasQTAgg. Drawing is lazy: a chart that is not on screen is only
marked stale and drawn when it is shown, so an edit does not redraw every chart of every step.
If a chart cannot be drawn the view says so in words instead of failing.
"""
from __future__ import annotations

from collections.abc import Callable

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

FigureFactory = Callable[[], Figure | None]


class ChartView(QWidget):
    """Shows the figure that ``factory()`` returns; call :meth:`invalidate` when Results change."""

    def __init__(self, factory: FigureFactory | None = None, min_height: int = 220,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._factory = factory
        self._stale = True
        self._canvas: FigureCanvasQTAgg | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._note = QLabel("The chart will appear here.", self)
        self._note.setAlignment(Qt.AlignCenter)
        self._note.setWordWrap(True)
        self._layout.addWidget(self._note)
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._draw_if_visible)

    @property
    def figure(self) -> Figure | None:
        return self._canvas.figure if self._canvas is not None else None

    def set_factory(self, factory: FigureFactory | None) -> None:
        self._factory = factory
        self.invalidate()

    def invalidate(self) -> None:
        """The figures behind the chart changed: redraw now if visible, else when shown."""
        self._stale = True
        self._timer.start()

    def draw_now(self) -> None:
        """Build and show the figure at once (tests and screenshots)."""
        self._stale = False
        fig, message = None, "No chart to show."
        if self._factory is not None:
            try:
                fig = self._factory()
            except Exception as exc:  # a chart failure is shown in words, never a crash
                fig, message = None, f"This chart could not be drawn: {exc}"
        if fig is None:
            self._show_note(message)
            return
        canvas = FigureCanvasQTAgg(fig)
        canvas.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        canvas.setMinimumHeight(self.minimumHeight())
        if self._canvas is not None:
            self._layout.removeWidget(self._canvas)
            self._canvas.deleteLater()
        self._canvas = canvas
        self._note.hide()
        self._layout.addWidget(canvas)
        canvas.draw_idle()

    def _show_note(self, message: str) -> None:
        if self._canvas is not None:
            self._layout.removeWidget(self._canvas)
            self._canvas.deleteLater()
            self._canvas = None
        self._note.setText(message)
        self._note.show()

    def _draw_if_visible(self) -> None:
        if self._stale and self.isVisible():
            self.draw_now()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._timer.start()
