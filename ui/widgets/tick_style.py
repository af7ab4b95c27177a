"""Fusion, with tick boxes that can be seen in a dark theme.

Fusion outlines a tick box in a shade darker than the window, which on a dark window is all but
black on black: the "Derived from NPV" ticks in the criteria table could not be told from empty
cells. In a dark palette this style draws the box itself: a light outline, the base colour inside
and the tick in the text colour. A light palette keeps Fusion's own box.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.Window).lightness() < 128


class TickStyle(QProxyStyle):
    """Fusion with tick boxes drawn for contrast in a dark palette."""

    def __init__(self):
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element, option, painter, widget=None):  # noqa: N802 - Qt's name
        if element not in (QStyle.PE_IndicatorCheckBox, QStyle.PE_IndicatorItemViewItemCheck) \
                or not is_dark(option.palette):
            super().drawPrimitive(element, option, painter, widget)
            return
        pal = option.palette
        enabled = bool(option.state & QStyle.State_Enabled)
        box = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5)
        side = min(box.width(), box.height())
        box = QRectF(box.center().x() - side / 2, box.center().y() - side / 2, side, side)
        ink = pal.color(QPalette.Text if enabled else QPalette.PlaceholderText)
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(pal.color(QPalette.PlaceholderText) if enabled
                            else pal.color(QPalette.Mid), 1.2))
        painter.setBrush(pal.color(QPalette.Base))
        painter.drawRoundedRect(box, 2, 2)
        if option.state & QStyle.State_On:
            tick = QPainterPath(QPointF(box.left() + side * 0.22, box.top() + side * 0.52))
            tick.lineTo(box.left() + side * 0.42, box.top() + side * 0.72)
            tick.lineTo(box.left() + side * 0.78, box.top() + side * 0.28)
            painter.setPen(QPen(ink, max(1.6, side / 7), Qt.SolidLine, Qt.RoundCap,
                                Qt.RoundJoin))
            painter.setBrush(Qt.NoBrush)
            painter.drawPath(tick)
        elif option.state & QStyle.State_NoChange:
            painter.fillRect(box.adjusted(side * 0.25, side * 0.42, -side * 0.25, -side * 0.42),
                             ink)
        painter.restore()
