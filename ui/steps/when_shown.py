"""Redraw a step when it is on screen, and only once when it comes back after edits elsewhere.

Every built step listens to the document. A step that sits behind another one in the window
(the user is typing in the Money step while Results waits) need not redraw on each edit:
:class:`RefreshWhenShown` runs the step's refresh at once if the step is on screen (or is not
in a shown window at all, as in tests that build one step on its own), otherwise it notes that
a refresh is due and runs it, once, when the step is next shown.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


def behind_another(widget: QWidget) -> bool:
    """True when ``widget``'s window is on screen but the widget is not (another step is)."""
    return widget.window().isVisible() and not widget.isVisible()


class RefreshWhenShown(QObject):
    """Connect document signals to :meth:`request`; ``refresh`` runs now or when next shown.

    ``partial`` (optional) is a lighter redraw for :meth:`request_partial`: run at once while the
    step is on screen; behind another step it too just marks the full refresh due.
    """

    def __init__(self, step: QWidget, refresh: Callable[[], None],
                 partial: Callable[[], None] | None = None):
        super().__init__(step)
        self._step = step
        self._refresh = refresh
        self._partial = partial or refresh
        self.due = False
        self.runs = 0
        step.installEventFilter(self)

    def request(self, *_args) -> None:
        if behind_another(self._step):
            self.due = True
            return
        self.run()

    def request_partial(self, *_args) -> None:
        if behind_another(self._step):
            self.due = True
            return
        self._partial()

    def run(self) -> None:
        self.due = False
        self.runs += 1
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # getattr: at interpreter exit Qt may still send events after Python has cleared this
        # wrapper's attributes
        if event.type() == QEvent.Show and getattr(self, "due", False) \
                and watched is getattr(self, "_step", None):
            self.run()
        return False
