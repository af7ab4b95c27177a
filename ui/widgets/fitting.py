"""Columns that fit, in every table of the app: one place decides how wide a column is.

- A column is as wide as its heading and its contents, up to :data:`WIDEST` pixels; a heading is
  never cut: a long one is broken over lines (:func:`header_lines`), so its column need not be
  wider than its figures.
- A cell whose text is longer than its column is elided in the middle ("Federal group, …
  subsidiaries"), so both the start and the end of a name stay readable, and its tooltip gives
  the whole text (followed by the cell's own tooltip, if it has one).
- A table keeps fitting itself when its rows are replaced (a model reset) and when its width
  changes, once the event loop is free again, so a burst of either costs one fit; the room the
  columns leave free goes to the names held short.
- A column the person has widened or narrowed by hand (dragging or double-clicking its edge in
  the heading) keeps that width: later fits size only the others, until the table's columns
  change (a criterion added or removed).

:func:`fit_columns` sizes a view once; :func:`keep_fitted` does so now and after each reset.
"""
from __future__ import annotations

import textwrap

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyle, QStyleOptionViewItem,
                               QTableView, QToolTip)

WIDEST = 320          # px: the most a column takes for long contents before they are elided
HEADER_CHARS = 16     # a heading longer than this is broken over lines at spaces


def header_lines(text: str, width: int = HEADER_CHARS) -> str:
    """A heading broken at spaces into lines of about ``width`` characters; never shortened.

    >>> header_lines("Net present value against the baseline")
    'Net present\\nvalue against\\nthe baseline'
    """
    if len(text) <= width or "\n" in text:
        return text
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def fit_columns(view: QTableView, stretch: int | None = None, widest: int = WIDEST) -> None:
    """Size every column of ``view`` to its heading and contents: never narrower than its
    heading, no wider than ``widest`` for long contents (a column declared with a ``width``
    starts there at least); ``stretch`` takes the spare space. The user may still widen any."""
    header = view.horizontalHeader()
    model = view.model()
    if model is None:
        return
    view.setTextElideMode(Qt.ElideMiddle)
    show_full_text_in_tips(view)
    by_hand = _hand_widths(view)
    by_hand.forget_if_columns_changed(model.columnCount())
    column_of = getattr(model, "column", None)
    short: dict[int, int] = {}          # columns held below their contents: how much below
    used = 0                            # px taken by the columns (the viewport is the rest)
    for i in range(model.columnCount()):
        if i == stretch:            # takes what is left, but its own contents come first
            header.setSectionResizeMode(i, QHeaderView.Stretch)
            used += max(header.sectionSizeHint(i), min(view.sizeHintForColumn(i), widest))
            continue
        header.setSectionResizeMode(i, QHeaderView.Interactive)
        if i in by_hand.columns:        # the person's width stands
            used += header.sectionSize(i)
            continue
        declared = getattr(column_of(i), "width", 0) if callable(column_of) else 0
        contents = view.sizeHintForColumn(i)
        width = max(header.sectionSizeHint(i), min(contents, widest), declared or 0)
        by_hand.set_width(i, width)
        used += width
        if contents > width:
            short[i] = contents - width
    _share_spare_room(view, short, used)


def _share_spare_room(view: QTableView, short: dict[int, int], used: int) -> None:
    """Give the room the columns leave free to those held below their contents (in proportion
    to what each lacks), so a name is not elided while space is free."""
    if not short:
        return
    header = view.horizontalHeader()
    spare = view.viewport().width() - used
    if spare <= 0 or not view.isVisible():
        return
    lacking = sum(short.values())
    by_hand = _hand_widths(view)
    for i, lack in short.items():
        by_hand.set_width(i, header.sectionSize(i) + min(lack, spare * lack // lacking))


def keep_fitted(view: QTableView, stretch: int | None = None, widest: int = WIDEST) -> None:
    """Fit ``view``'s columns now and again whenever its model's rows are replaced; when only
    a heading changes (a renamed criterion), its column is widened if the heading needs it, and
    nothing else moves."""
    timer = QTimer(view)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(lambda: fit_columns(view, stretch, widest))
    model = view.model()
    model.modelReset.connect(timer.start)
    view.installEventFilter(_RefitOnWidthChange(view, timer))   # free room is shared anew
    model.headerDataChanged.connect(
        lambda orientation, first, last: widen_for_headings(view, first, last)
        if orientation == Qt.Horizontal else None)
    fit_columns(view, stretch, widest)


def widen_for_headings(view: QTableView, first: int = 0, last: int = -1) -> None:
    """Widen the columns ``first``..``last`` whose heading no longer fits (cheap: no cells are
    measured, so it may run on every edit)."""
    header = view.horizontalHeader()
    last = header.count() - 1 if last < 0 else min(last, header.count() - 1)
    for i in range(max(first, 0), last + 1):
        if header.sectionResizeMode(i) == QHeaderView.Interactive:
            need = header.sectionSizeHint(i)
            if need > header.sectionSize(i):
                _hand_widths(view).set_width(i, need)


class _RefitOnWidthChange(QObject):
    """Starts ``timer`` (a refit) when the view's width changes: when it is first laid out and
    whenever the window is resized."""

    def __init__(self, view: QTableView, timer: QTimer):
        super().__init__(view)
        self._timer = timer

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Resize and event.size().width() != event.oldSize().width():
            self._timer.start()
        return False


# --- widths set by hand -----------------------------------------------------------------------
class _HandWidths(QObject):
    """The columns of one view whose width the person set in the heading. A resize counts as
    theirs only while a mouse button is down on the heading (a drag or a double-click on a
    section's edge); the app's own resizes go through :meth:`set_width`."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.columns: set[int] = set()
        self._count = -1
        self._pressed = False
        header = view.horizontalHeader()
        self._header = header
        header.viewport().installEventFilter(self)
        header.sectionResized.connect(self._resized)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in (QEvent.MouseButtonPress, QEvent.MouseButtonDblClick):
            self._pressed = True
        elif kind == QEvent.MouseButtonRelease:
            self._pressed = False
        return False

    def _resized(self, index: int, _old: int, _new: int) -> None:
        if self._pressed and self._header.sectionResizeMode(index) == QHeaderView.Interactive:
            self.columns.add(index)

    def set_width(self, index: int, width: int) -> None:
        """The app sizes a column (never taken for the person's doing)."""
        pressed, self._pressed = self._pressed, False
        try:
            self._header.resizeSection(index, width)
        finally:
            self._pressed = pressed

    def forget_if_columns_changed(self, count: int) -> None:
        if count != self._count:
            self.columns.clear()
            self._count = count


def _hand_widths(view: QTableView) -> _HandWidths:
    """The view's record of the widths set by hand (made once)."""
    found = view.findChild(_HandWidths, options=Qt.FindDirectChildrenOnly)
    return found if found is not None else _HandWidths(view)


def set_by_hand(view: QTableView, column: int) -> bool:
    """Whether the person has set ``column``'s width by hand in ``view``."""
    return column in _hand_widths(view).columns


# --- the whole text of an elided cell ----------------------------------------------------------
def is_elided(view: QAbstractItemView, index) -> bool:
    """Whether the text of the cell at ``index`` is longer than the cell shows."""
    text = index.data(Qt.DisplayRole)
    if not isinstance(text, str) or not text:
        return False
    rect = view.visualRect(index)
    if rect.isEmpty():
        return False
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    option.rect = rect
    option.font = view.font()
    delegate = view.itemDelegateForIndex(index)
    delegate.initStyleOption(option, index)
    style = view.style()
    text_rect = style.subElementRect(QStyle.SE_ItemViewItemText, option, view)
    margin = style.pixelMetric(QStyle.PM_FocusFrameHMargin, None, view) + 1
    room = text_rect.width() - 2 * margin
    metrics = option.fontMetrics
    if getattr(view, "wordWrap", lambda: False)():
        needed = metrics.boundingRect(QRect(0, 0, max(room, 1), 10_000),
                                      int(Qt.TextWordWrap), text).height()
        return needed > text_rect.height()
    return max(metrics.horizontalAdvance(line) for line in text.split("\n")) > room


def cell_tooltip(view: QAbstractItemView, index) -> str | None:
    """The tooltip a cell shows: its whole text when elided (then its own tooltip, if any and
    different); otherwise its own tooltip."""
    own = index.data(Qt.ToolTipRole)
    own = own if isinstance(own, str) and own else None
    if not is_elided(view, index):
        return own
    text = index.data(Qt.DisplayRole)
    return text if own is None or own == text else f"{text}\n\n{own}"


class _FullTextTips(QObject):
    """Answers a view's tooltip requests with :func:`cell_tooltip`."""

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() != QEvent.ToolTip:
            return False
        index = self.view.indexAt(event.pos())
        if not index.isValid():
            return False
        tip = cell_tooltip(self.view, index)
        if tip:
            QToolTip.showText(event.globalPos(), tip, self.view.viewport(),
                              self.view.visualRect(index))
        else:
            QToolTip.hideText()
        return True


def show_full_text_in_tips(view: QAbstractItemView) -> None:
    """Let ``view`` give an elided cell's whole text as its tooltip (installed once)."""
    if view.property("fullTextTips"):
        return
    view.setProperty("fullTextTips", True)
    view.viewport().installEventFilter(_FullTextTips(view))
