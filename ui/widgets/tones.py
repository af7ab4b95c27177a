"""Colours the analysis steps share, chosen to read in light and dark palettes alike.

Text colours follow the widget's palette; where a cell has a background of its own (a score on
a sequential scale, a refused entry) the text colour is picked for contrast against that
background, never hard-coded. The score scale is cividis: sequential and colour-blind safe.
"""
from __future__ import annotations

from matplotlib import colormaps
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window background of the palette is dark (a dark system theme)."""
    pal = palette or QApplication.palette()
    return pal.color(QPalette.Window).lightnessF() < 0.5


def error_colour(palette: QPalette | None = None) -> QColor:
    """A red for messages: darker on a light theme, lighter on a dark one (both >= 4.5:1)."""
    return QColor("#FF8A80") if is_dark(palette) else QColor("#B00020")


def warning_colour(palette: QPalette | None = None) -> QColor:
    """An amber for advice that is not an error."""
    return QColor("#FFCC80") if is_dark(palette) else QColor("#8A5300")


def refused_background(palette: QPalette | None = None) -> QColor:
    """The background of a cell whose last entry was refused."""
    return QColor("#5C1F1F") if is_dark(palette) else QColor("#FFD6D6")


def readable_text(background: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``background`` (WCAG relative luminance)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = (0.2126 * channel(background.redF()) + 0.7152 * channel(background.greenF())
           + 0.0722 * channel(background.blueF()))
    return QColor("#000000") if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else QColor("#FFFFFF")


SCORE_STEPS = 100          # the scale in tenths of a point: 101 colours, worked out once
_SCORE_TABLE: list[tuple[QColor, QColor]] = []


def _score_table() -> list[tuple[QColor, QColor]]:
    """(background, text) for 0.0, 0.1, … 10.0 on cividis, built on first use."""
    if not _SCORE_TABLE:
        cividis = colormaps["cividis"]
        for i in range(SCORE_STEPS + 1):
            r, g, b, _ = cividis(i / SCORE_STEPS)
            background = QColor.fromRgbF(r, g, b)
            _SCORE_TABLE.append((background, readable_text(background)))
    return _SCORE_TABLE


def _score_step(value: float) -> int:
    return round(max(0.0, min(10.0, float(value))) * SCORE_STEPS / 10.0)


def score_colour(value: float) -> QColor:
    """The cell colour of a 0–10 score on the cividis scale (dark blue 0 → yellow 10), to the
    nearest tenth of a point (a table lookup: cells are painted often)."""
    return _score_table()[_score_step(value)][0]


def score_text_colour(value: float) -> QColor:
    """Black or white, whichever reads on :func:`score_colour` of the same score."""
    return _score_table()[_score_step(value)][1]


def style_error_label(label: QWidget) -> None:
    """Make a QLabel show a message in the error colour of its own palette, wrapping."""
    pal = label.palette()
    pal.setColor(QPalette.WindowText, error_colour(pal))
    label.setPalette(pal)
    label.setWordWrap(True)


def style_warning_label(label: QWidget) -> None:
    pal = label.palette()
    pal.setColor(QPalette.WindowText, warning_colour(pal))
    label.setPalette(pal)
    label.setWordWrap(True)
