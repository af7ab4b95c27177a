"""A chart from appraisal.charts shown in the app (one set of charts for the app and the paper).

:class:`ChartView` takes a function that builds a matplotlib Figure from the current Results,
renders it with the Agg canvas at the widget's size (times the screen's pixel ratio) and paints
the picture; one widget serves every redraw, nothing is rebuilt. Drawing is lazy and coalesced:

- :meth:`invalidate` (the Results changed) only marks the chart stale. A chart on screen is
  redrawn once the results have stopped changing for :attr:`ChartView.PAUSE_MS`, so the figures
  in the tables update first and a run of keystrokes (or the simulation's results arriving just
  after the quick ones) costs one drawing, not one each;
- a chart that is not on screen (another step, another tab, or scrolled out of the step's page)
  is not drawn at all; it is drawn as soon as it is shown or scrolled into view.

A resize redraws the same figure at the new size. If a chart cannot be drawn the view says so in
words instead of failing.
"""
from __future__ import annotations

from collections.abc import Callable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

FigureFactory = Callable[[], Figure | None]


class ChartView(QWidget):
    """Shows the figure that ``factory()`` returns; call :meth:`invalidate` when Results change."""

    PAUSE_MS = 200     # a chart on screen is redrawn this long after the last change
    RESIZE_MS = 60     # and re-rendered this long after the last resize

    def __init__(self, factory: FigureFactory | None = None, min_height: int = 220,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._factory = factory
        self._stale = True              # the figure no longer shows the current Results
        self._figure: Figure | None = None
        self._image: QImage | None = None
        self._image_size = QSize()
        self.draw_count = 0             # figures built (tests check that hidden charts wait)
        self._note = QLabel("The chart will appear here.", self)
        self._note.setAlignment(Qt.AlignCenter)
        self._note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._note)
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self._timer = QTimer(self, singleShot=True, interval=self.PAUSE_MS)
        self._timer.timeout.connect(self._draw_if_visible)
        self._resize_timer = QTimer(self, singleShot=True, interval=self.RESIZE_MS)
        self._resize_timer.timeout.connect(self._render)

    # --- state --------------------------------------------------------------------------------
    @property
    def figure(self) -> Figure | None:
        return self._figure

    @property
    def pending(self) -> bool:
        """True while the chart on screen is out of date or not yet painted at its size (a
        chart off screen waits, and is not pending)."""
        return ((self._stale and self.on_screen()) or self._timer.isActive()
                or self._resize_timer.isActive())

    def on_screen(self) -> bool:
        """Shown, and some of it inside the window (not scrolled out of the step's page)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def set_factory(self, factory: FigureFactory | None) -> None:
        self._factory = factory
        self.invalidate()

    def invalidate(self, pause_ms: int | None = None) -> None:
        """The figures behind the chart changed: redraw after a pause if on screen, else when
        shown."""
        self._stale = True
        if self.on_screen():
            self._timer.start(self.PAUSE_MS if pause_ms is None else pause_ms)

    # --- drawing ------------------------------------------------------------------------------
    def draw_now(self) -> None:
        """Build the figure and render it at once (tests and screenshots)."""
        self._timer.stop()
        self._stale = False
        fig, message = None, "No chart to show."
        if self._factory is not None:
            try:
                fig = self._factory()
            except Exception as exc:  # a chart failure is shown in words, never a crash
                fig, message = None, f"This chart could not be drawn: {exc}"
        self.draw_count += 1
        self._figure = fig
        if fig is None:
            self._image = None
            self._note.setText(message)
            self._note.show()
            self.update()
            return
        self._note.hide()
        follow_palette(fig, self.palette())
        self._render()

    def _render(self) -> None:
        """Render the current figure at the widget's size (physical pixels) into the picture."""
        self._resize_timer.stop()
        fig = self._figure
        if fig is None or self.width() <= 0 or self.height() <= 0:
            return
        ratio = self.devicePixelRatioF() or 1.0
        dpi = 100.0 * ratio
        width, height = round(self.width() * ratio), round(self.height() * ratio)
        try:
            fig.set_dpi(dpi)
            fig.set_size_inches(width / dpi, height / dpi, forward=False)
            canvas = FigureCanvasAgg(fig)
            canvas.draw()
            buffer = canvas.buffer_rgba()
            image = QImage(bytes(buffer), buffer.shape[1], buffer.shape[0],
                           buffer.shape[1] * 4, QImage.Format_RGBA8888).copy()
        except Exception as exc:  # never a crash: say it in words
            self._figure, self._image = None, None
            self._note.setText(f"This chart could not be drawn: {exc}")
            self._note.show()
            return
        image.setDevicePixelRatio(ratio)
        self._image = image
        self._image_size = self.size()
        self.update()

    def _draw_if_visible(self) -> None:
        if self._stale and self.on_screen():
            self.draw_now()

    # --- Qt events ----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._stale and not self._timer.isActive():
            self._timer.start(0)     # scrolled into view while out of date: draw it now
        if self._image is None:
            return
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.Base))
        if self._image_size == self.size():
            painter.drawImage(0, 0, self._image)
        else:   # mid-resize: stretch the old picture until the new one is rendered
            painter.setRenderHint(QPainter.SmoothPixmapTransform)
            painter.drawImage(QRect(0, 0, self.width(), self.height()), self._image)
        painter.end()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._figure is not None and self.size() != self._image_size:
            self._resize_timer.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._timer.start(0)     # just shown: draw now, the step's tables are already in
        elif self._figure is not None and self.size() != self._image_size:
            self._resize_timer.start(0)


def follow_palette(fig: Figure, palette: QPalette) -> None:
    """Recolour a chart for the window's theme: in a dark theme the paper and plot take the
    window's colours and black ink (text, axes, rules) takes the text colour; the data's own
    colours stay, so the board paper's charts and the app's read alike. A light theme keeps the
    figure as drawn."""
    if palette.window().color().lightness() >= 128:
        return
    from matplotlib.colors import to_rgba
    from matplotlib.lines import Line2D
    from matplotlib.text import Text

    ground = palette.window().color().name()
    plot = palette.base().color().name()
    ink = palette.windowText().color().name()
    rule = palette.mid().color().name()
    fig.patch.set_facecolor(ground)

    def grey(colour) -> float | None:
        """How light a grey ink is (0 black, 1 white), or None for a colour or no ink."""
        r, g, b, alpha = to_rgba(colour)
        return (r + g + b) / 3 if alpha > 0 and max(r, g, b) - min(r, g, b) < 0.05 else None

    for ax in fig.axes:
        ax.set_facecolor(plot)
        for spine in ax.spines.values():
            spine.set_edgecolor(ink)
        ax.tick_params(colors=ink, which="both")
        legend = ax.get_legend()
        if legend is not None:
            legend.get_frame().set_facecolor(plot)
            legend.get_frame().set_edgecolor(ink)
    for artist in fig.findobj(lambda a: isinstance(a, (Text, Line2D))):
        light = grey(artist.get_color())
        if light is None:
            continue
        if light < 0.5:
            artist.set_color(ink)           # text, axes and rules in black ink
        elif isinstance(artist, Line2D) and light > 0.7:
            artist.set_color(rule)          # pale grid lines stay quiet on the dark plot
