"""Fields bound to one place in the case: they show the document's value and edit it.

Each field reads ``document.get(path)`` and writes through ``document.edit`` only. A run of
keystrokes in one field is one undo step: every edit of a focus session carries the same merge key
(architecture.md, Spine Toolbox model). A refused entry shows its reason in red under the field
and stays in the editor until the next valid entry; leaving the field puts the case's value back.
"""
from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QAbstractSpinBox, QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
                               QVBoxLayout, QWidget)

from ui.document import CaseDocument, MergeKey, path_text
from ui.widgets.editors import ChoiceBox, NumberSpin, guard
from ui.widgets.inline_error import InlineError

_SESSIONS = itertools.count(1)


def explanation_label(text: str) -> QLabel:
    """A one-line explanation in the palette's quieter text colour (readable light or dark)."""
    label = QLabel(text)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.PlaceholderText)   # muted, and readable in either theme
    font = label.font()
    font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
    label.setFont(font)
    return label


class BoundField(QWidget):
    """An editor for ``document`` at ``path``, with an optional explanation and an inline error."""

    def __init__(self, document: CaseDocument, path: tuple, label: str, editor: QWidget,
                 explanation: str = "", tooltip: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.path = tuple(path)
        self.label = label
        self.editor = editor
        self.error = InlineError(self)
        self._session = next(_SESSIONS)
        self._refused = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        if explanation:
            self.explanation = explanation_label(explanation)
            layout.addWidget(self.explanation)
        layout.addWidget(self.error)
        # never taller than its contents: spare height stays below the form, not between rows
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        self.setFocusProxy(editor)
        if tooltip:
            editor.setToolTip(tooltip)
        editor.setAccessibleName(label)
        guard(editor)                   # the wheel and the undo keys, as in every editor
        editor.installEventFilter(self)
        document.changed.connect(self.refresh)
        self.refresh()

    # --- reading ----------------------------------------------------------------------------
    def set_path(self, path: tuple) -> None:
        """Point the field at another place (e.g. another organisation)."""
        self.path = tuple(path)
        self._session = next(_SESSIONS)
        self._refused = False
        self.error.clear()
        self.refresh()

    def refresh(self) -> None:
        if self._refused:
            return  # keep the refused entry and its reason in view until it is fixed
        value = self.document.get(self.path)
        if self.editor.hasFocus() and self._same(value):
            return  # the user's own keystroke came back: leave the cursor alone
        self.editor.blockSignals(True)
        try:
            self.show_value(value)
        finally:
            self.editor.blockSignals(False)

    def _same(self, value: Any) -> bool:
        try:
            return self.value() == value
        except ValueError:
            return False

    # --- writing ----------------------------------------------------------------------------
    def commit(self, value: Any) -> list:
        """Send one entry to the document; show or clear the reason it was refused."""
        path, key = self.path, MergeKey.of(*self.path, "visit", self._session)

        def mutate(data: dict) -> None:
            node = data
            for part in path[:-1]:
                node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
            if value is None:
                if isinstance(node, dict):
                    node.pop(path[-1], None)
            else:
                node[path[-1]] = value

        problems = self.document.edit(f"change {self.label.lower()}", mutate, merge_key=key)
        self._refused = bool(problems)
        if problems:
            self.error.show_problems(problems, path_text(path))
        else:
            self.error.clear()
        return problems

    def _changed(self, *_args) -> None:
        try:
            value = self.value()
        except ValueError as exc:
            self._refused = True
            self.error.show_message(str(exc))
            return
        self.commit(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.editor:
            if event.type() == QEvent.FocusIn:
                self._session = next(_SESSIONS)   # a new visit is a new undo step
            elif event.type() == QEvent.FocusOut and self._refused:
                self._refused = False             # put the case's value back, keep the reason
                self.refresh()
        return False

    # --- for subclasses ---------------------------------------------------------------------
    def value(self) -> Any:
        raise NotImplementedError

    def show_value(self, value: Any) -> None:
        raise NotImplementedError


def _spin_setup(spin: QAbstractSpinBox) -> None:
    spin.setKeyboardTracking(True)
    spin.setAccelerated(True)
    spin.setCorrectionMode(QAbstractSpinBox.CorrectToNearestValue)
    spin.setMinimumWidth(150)
    spin.setMaximumWidth(260)     # a figure sits near its label, not across the window
    spin.setAlignment(Qt.AlignRight)


class NumberField(BoundField):
    """A number typed in display units; ``scale`` converts to the case's units (100 for %).

    What is typed is read with the one number grammar ("5m", "£1,250,000", "3.5%"); an entry
    that is not a value for this field says why under it and changes nothing."""

    def __init__(self, document: CaseDocument, path: tuple, label: str, *, decimals: int = 0,
                 minimum: float = -1e12, maximum: float = 1e12, prefix: str = "",
                 suffix: str = "", scale: float = 1.0, step: float = 1.0, integer: bool = False,
                 optional_text: str = "", explanation: str = "", tooltip: str = "",
                 parent: QWidget | None = None):
        self.scale, self.integer, self.optional = scale, integer, bool(optional_text)
        spin = NumberSpin(integer=integer, percent=suffix.strip() == "%")
        if not integer:
            spin.setDecimals(decimals)
        _spin_setup(spin)
        spin.setRange(minimum, maximum)
        spin.setSingleStep(step)
        spin.setPrefix(prefix)
        spin.setSuffix(suffix)
        spin.setGroupSeparatorShown(not integer or maximum > 9999)
        if optional_text:
            spin.setSpecialValueText(optional_text)   # the minimum means "not set"
        super().__init__(document, path, label, spin, explanation, tooltip, parent)
        spin.valueChanged.connect(self._changed)
        spin.lineEdit().textEdited.connect(self._typed)

    def _typed(self, _text: str) -> None:
        """Say at once why an entry is not a value; clear the reason once it is one."""
        reason = self.editor.reason()
        if reason:
            self._refused = True
            self.error.show_message(reason)
        elif self._refused:
            self._refused = False
            self.error.clear()
            self._changed()

    def value(self) -> Any:
        v = self.editor.value()
        if self.optional and v == self.editor.minimum():
            return None
        if self.integer:
            return int(v)
        return round(v / self.scale, 10) if self.scale != 1 else float(v)

    def show_value(self, value: Any) -> None:
        if value is None:
            self.editor.setValue(self.editor.minimum())
        else:
            self.editor.setValue(int(value) if self.integer else value * self.scale)


def money_field(document: CaseDocument, path: tuple, label: str, **kw) -> NumberField:
    """Whole pounds with a £ sign and thousands separators."""
    kw.setdefault("step", 1000)
    return NumberField(document, path, label, prefix="£", **kw)


def percent_field(document: CaseDocument, path: tuple, label: str, *, decimals: int = 2,
                  maximum: float = 1000.0, **kw) -> NumberField:
    """A rate kept as a fraction (0.035) and typed as a percentage (3.50%)."""
    return NumberField(document, path, label, decimals=decimals, minimum=-100.0,
                       maximum=maximum, suffix="%", scale=100.0, step=0.25, **kw)


def int_field(document: CaseDocument, path: tuple, label: str, *, minimum: int = -1_000_000,
              maximum: int = 2_147_483_647, **kw) -> NumberField:
    return NumberField(document, path, label, integer=True, minimum=minimum, maximum=maximum,
                       **kw)


class TextField(BoundField):
    """One line of text; ``empty_is_none`` removes the field when the text is cleared."""

    def __init__(self, document: CaseDocument, path: tuple, label: str, *,
                 placeholder: str = "", empty_is_none: bool = False, explanation: str = "",
                 tooltip: str = "", parent: QWidget | None = None):
        self.empty_is_none = empty_is_none
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        super().__init__(document, path, label, edit, explanation, tooltip, parent)
        edit.textEdited.connect(self._changed)

    def value(self) -> Any:
        text = self.editor.text()
        return None if self.empty_is_none and not text.strip() else text

    def show_value(self, value: Any) -> None:
        self.editor.setText("" if value is None else str(value))


class NotesField(BoundField):
    """Several lines of text (descriptions, rationale). The box grows with its text (from
    ``lines`` up to five times that), so the step's page scrolls, not the box inside it."""

    def __init__(self, document: CaseDocument, path: tuple, label: str, *, placeholder: str = "",
                 explanation: str = "", tooltip: str = "", lines: int = 4,
                 parent: QWidget | None = None):
        edit = QPlainTextEdit()
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        self._lines = lines
        super().__init__(document, path, label, edit, explanation, tooltip, parent)
        edit.textChanged.connect(self._changed)
        # fitted once the text is laid out again: after an edit, and when the width changes
        self._fit_later = QTimer(self, singleShot=True, interval=0)
        self._fit_later.timeout.connect(self._fit_height)
        edit.textChanged.connect(self._fit_later.start)
        edit.viewport().installEventFilter(self)
        self._fit_height()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Resize and watched is self.editor.viewport():
            self._fit_later.start()
        return super().eventFilter(watched, event)

    def _fit_height(self, *_args) -> None:
        """As tall as the text wrapped at the box's width, within ``lines`` and five times that."""
        edit = self.editor
        shown = min(max(self._lines, int(edit.document().size().height())), 5 * self._lines)
        height = (edit.fontMetrics().lineSpacing() * shown + 2 * edit.frameWidth()
                  + 2 * int(edit.document().documentMargin()) + 4)
        edit.setFixedHeight(height)

    def value(self) -> Any:
        return self.editor.toPlainText()

    def show_value(self, value: Any) -> None:
        if self.editor.toPlainText() != (value or ""):
            self.editor.setPlainText(value or "")


class ChoiceField(BoundField):
    """A choice from ``choices`` = [(shown text, value)]; the value ``None`` removes the field."""

    def __init__(self, document: CaseDocument, path: tuple, label: str,
                 choices: Sequence[tuple[str, Any]], *, explanation: str = "", tooltip: str = "",
                 tooltips: Sequence[str] = (), parent: QWidget | None = None):
        combo = ChoiceBox()
        self.set_choices(combo, choices, tooltips)
        super().__init__(document, path, label, combo, explanation, tooltip, parent)
        combo.activated.connect(self._changed)

    @staticmethod
    def set_choices(combo: ChoiceBox, choices: Sequence[tuple[str, Any]],
                    tooltips: Sequence[str] = ()) -> None:
        combo.clear()
        for i, (text, value) in enumerate(choices):
            combo.addItem(text, value)
            if i < len(tooltips) and tooltips[i]:
                combo.setItemData(i, tooltips[i], Qt.ToolTipRole)

    def value(self) -> Any:
        return self.editor.currentData()

    def show_value(self, value: Any) -> None:
        index = next((i for i in range(self.editor.count())
                      if self.editor.itemData(i) == value), -1)
        if index < 0 and value is not None:
            self.editor.addItem(str(value), value)   # a value from a later version: keep it
            index = self.editor.count() - 1
        self.editor.setCurrentIndex(max(index, 0))
