"""Editors that behave the same everywhere: safe from the wheel, undone by the window.

- :class:`NumberSpin`: a spin box that reads what is typed with the one number grammar
  (``5m`` in a money field is £5,000,000), and never rounds a typed figure silently: an entry
  with more decimals than the field keeps, or outside its range, is not a value (the field says
  why under itself).
- :func:`guard` on any editor: the wheel changes it only while it has the keyboard focus (an
  unfocused box passes the wheel on, so the page scrolls), and Ctrl+Z / Ctrl+Shift+Z (the
  platform's undo and redo keys) go to the window's undo stack rather than the editor's own,
  so every edit of the case is undone the same way wherever the cursor is.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QValidator
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QWidget

from ui.widgets.numbers import parse_number

_WINDOW_KEYS = (QKeySequence.Undo, QKeySequence.Redo)


class _Guard(QObject):
    """The event filter :func:`guard` installs (one for the whole program)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()          # not ours: the parent (the page) scrolls instead
            return True
        if kind == QEvent.ShortcutOverride and any(event.matches(k) for k in _WINDOW_KEYS):
            event.ignore()          # the window's Undo/Redo action takes the key
            return True
        return False


_GUARD: _Guard | None = None


def guard(editor: QWidget) -> QWidget:
    """Install the wheel and undo-key rules on ``editor``; returns it."""
    global _GUARD
    if _GUARD is None:
        _GUARD = _Guard()
    if editor.focusPolicy() == Qt.WheelFocus:
        editor.setFocusPolicy(Qt.StrongFocus)   # the wheel does not take the focus either
    editor.installEventFilter(_GUARD)
    return editor


class NumberSpin(QDoubleSpinBox):
    """A number field: typed with the one grammar, stepped with the arrows; ``integer`` keeps
    whole numbers, ``percent`` allows a trailing %."""

    def __init__(self, *, integer: bool = False, percent: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.integer, self.percent = integer, percent
        if integer:
            self.setDecimals(0)
        guard(self)

    def parse(self, text: str) -> float:
        """The value of ``text`` as typed in this field; ValueError with the reason if none."""
        body = text.strip()
        special = self.specialValueText()
        if special and body in (special, ""):
            return self.minimum()
        if self.prefix() and body.startswith(self.prefix().strip()):
            body = body[len(self.prefix().strip()):]
        suffix = self.suffix().strip()
        if suffix and body.endswith(suffix) and not (self.percent and suffix == "%"):
            body = body[: -len(suffix)]
        value = parse_number(body, whole=self.integer, percent=self.percent)
        if round(value, self.decimals()) != value:
            places = "whole numbers" if self.decimals() == 0 else f"{self.decimals()} decimals"
            raise ValueError(f"'{text.strip()}' has more decimal places than this field keeps "
                             f"({places})")
        if value < self.minimum() or value > self.maximum():
            low = self.minimum() + (1 if special else 0)
            raise ValueError(f"'{text.strip()}' is outside the range this field allows "
                             f"({self.textFromValue(low)} to {self.textFromValue(self.maximum())})")
        return value

    def reason(self) -> str:
        """Why the text in the box is not a value ("" if it is one)."""
        try:
            self.parse(self.lineEdit().text())
        except ValueError as exc:
            return str(exc)
        return ""

    def validate(self, text: str, pos: int):  # noqa: D102 - Qt's name
        try:
            self.parse(text)
        except ValueError:
            return QValidator.Intermediate, text, pos   # keep typing; the field says why
        return QValidator.Acceptable, text, pos

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt's name
        try:
            return self.parse(text)
        except ValueError:
            return self.value()

    def fixup(self, text: str) -> str:  # noqa: D102 - Qt's name
        return text


class ChoiceBox(QComboBox):
    """A combo box under the same rules as every field (the wheel, the undo keys)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        guard(self)
