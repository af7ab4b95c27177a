"""The continuum drawn as a strip from standalone to merger, with the case's options on it.

The eight forms are stops along a line, placed by their position on the autonomy–integration
axis (appraisal.continuum); each stop's tooltip is the form's definition. Options are markers
above their form, stacked when several share one. Colours come from the palette (text, lines,
highlight) so the strip reads in light and dark themes; option markers use the Okabe–Ito blue and
orange, which read on both.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from appraisal.continuum import FORMS, SUBTYPES, form

MARGIN = 70
MARKER_R = 8
LEVEL = 30
OPTION = QColor("#E69F00")
BASELINE = QColor("#8C8C8C")


@dataclass
class Marker:
    option_id: str
    name: str
    tip: str
    baseline: bool
    centre: QPointF


class ContinuumStrip(QWidget):
    """Click a marker to pick an option; click a stop to pick a form; double-click to add one."""

    optionClicked = Signal(str)
    formClicked = Signal(str)
    formActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.options: list[dict] = []
        self.selected: str | None = None
        self.markers: list[Marker] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setAccessibleName("The continuum from standalone to merger")
        self.setMinimumWidth(560)

    # --- data -------------------------------------------------------------------------------
    def set_options(self, options: list[dict], selected: str | None) -> None:
        self.options, self.selected = options, selected
        self.updateGeometry()
        self.update()

    def _levels(self) -> int:
        counts: dict[str, int] = {}
        for o in self.options:
            counts[o["form"]] = counts.get(o["form"], 0) + 1
        return max(counts.values(), default=1)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        line = QFontMetrics(self.font()).height()
        return QSize(760, 40 + self._levels() * LEVEL + 30 + 4 * line + 16)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(560, self.sizeHint().height())

    # --- geometry ---------------------------------------------------------------------------
    def _x(self, position: float) -> float:
        return MARGIN + position * (self.width() - 2 * MARGIN)

    def _axis_y(self) -> float:
        return 28 + self._levels() * LEVEL + 14

    def _stop_rect(self, k: int) -> QRectF:
        fm = QFontMetrics(self.font())
        x, y = self._x(FORMS[k].position), self._axis_y()
        row = k % 2      # neighbours' labels alternate between two rows so they never collide
        top = y + 12 + row * 2 * fm.height()
        return QRectF(x - 62, top, 124, 2 * fm.height() + 2)

    # --- painting ---------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        text, mid = pal.color(QPalette.WindowText), pal.color(QPalette.Mid)
        quiet = pal.color(QPalette.PlaceholderText)
        y = self._axis_y()
        p.setPen(quiet)
        p.drawText(QRectF(8, 4, 300, 20), Qt.AlignLeft, "← more autonomy")
        p.drawText(QRectF(self.width() - 308, 4, 300, 20), Qt.AlignRight, "more integration →")
        p.setPen(QPen(mid, 3))
        p.drawLine(QPointF(self._x(0) - 20, y), QPointF(self._x(1) + 20, y))
        for k, f in enumerate(FORMS):
            x = self._x(f.position)
            rect = self._stop_rect(k)
            p.setPen(QPen(mid, 1.5))
            p.drawLine(QPointF(x, y - 6), QPointF(x, rect.top()))
            p.setPen(text)
            p.drawText(rect, Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap, f.name)
        self._paint_markers(p, text, y)
        p.end()

    def _place_markers(self, y: float) -> list[tuple[Marker, int]]:
        levels: dict[str, int] = {}
        placed = []
        for o in self.options:
            level = levels.get(o["form"], 0)
            levels[o["form"]] = level + 1
            centre = QPointF(self._x(form(o["form"]).position), y - 16 - level * LEVEL)
            tip = f"{o.get('name', '')}\n{form(o['form']).name}"
            if o.get("subtype"):
                tip += f" ({SUBTYPES[o['subtype']].split(':')[0].lower()})"
            if o.get("baseline"):
                tip += "\nThe baseline every option is compared with."
            if o.get("description"):
                tip += f"\n{o['description']}"
            placed.append((Marker(o["id"], o.get("name", ""), tip, bool(o.get("baseline")),
                                  centre), level))
        return placed

    def _paint_markers(self, p: QPainter, text: QColor, y: float) -> None:
        highlight = self.palette().color(QPalette.Highlight)
        placed = self._place_markers(y)
        self.markers = [m for m, _level in placed]
        for m, level in placed:
            # the name runs right, up to the next marker on the same level
            right = min((n.centre.x() for n, lv in placed
                         if lv == level and n.centre.x() > m.centre.x()), default=self.width())
            room = max(right - m.centre.x() - 2 * MARKER_R - 8, 40)
            chosen = m.option_id == self.selected
            p.setPen(QPen(highlight if chosen else text, 3 if chosen else 1))
            p.setBrush(BASELINE if m.baseline else OPTION)
            p.drawEllipse(m.centre, MARKER_R, MARKER_R)
            font = p.font()
            font.setBold(chosen)
            p.setFont(font)
            p.setPen(text)
            fm = QFontMetrics(font)
            name = fm.elidedText(m.name, Qt.ElideRight, int(room))
            p.drawText(QRectF(m.centre.x() + MARKER_R + 4, m.centre.y() - fm.height() / 2,
                              room, fm.height()), Qt.AlignLeft | Qt.AlignVCenter, name)
            font.setBold(False)
            p.setFont(font)

    # --- interaction ------------------------------------------------------------------------
    def marker_at(self, pos: QPointF) -> Marker | None:
        for m in self.markers:
            if (m.centre - pos).manhattanLength() <= MARKER_R * 2:
                return m
        return None

    def stop_at(self, pos: QPointF) -> int | None:
        y = self._axis_y()
        for k, f in enumerate(FORMS):
            on_line = abs(pos.x() - self._x(f.position)) <= 10 and abs(pos.y() - y) <= 10
            if on_line or self._stop_rect(k).contains(pos):
                return k
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip:
            pos = QPointF(event.pos())
            marker, k = self.marker_at(pos), self.stop_at(pos)
            if marker is not None:
                QToolTip.showText(event.globalPos(), marker.tip, self)
            elif k is not None:
                f = FORMS[k]
                QToolTip.showText(event.globalPos(), f"{f.name}\n{f.definition}\n\n"
                                  f"Keeps: {f.keeps}.\nGives up: {f.gives_up}.\n\n"
                                  "Double-click to add an option of this form.", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        pos = event.position()
        marker = self.marker_at(pos)
        if marker is not None:
            self.optionClicked.emit(marker.option_id)
        elif (k := self.stop_at(pos)) is not None:
            self.formClicked.emit(FORMS[k].id)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        k = self.stop_at(event.position())
        if k is not None and self.marker_at(event.position()) is None:
            self.formActivated.emit(FORMS[k].id)
        super().mouseDoubleClickEvent(event)
