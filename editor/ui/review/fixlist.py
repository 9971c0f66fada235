"""The fix list: a sortable, filterable table of every fix of the session."""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.engine.model import Category, Decision

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent

    from editor.engine.model import Fix
    from editor.ui.session import ReviewSession

_AnyIndex = QModelIndex | QPersistentModelIndex

#: how invisible or ambiguous characters are shown in the list
_VISIBLE = str.maketrans(
    {"\n": "⏎", "\u00ad": "·", "\t": "⇥", "\u00a0": "⍽", "\u200b": "·", "\ufeff": "·"}
)
_MAX_SHOWN = 40
#: this many spaces or more in a row are shown as a count (layout-extracted margins)
_SPACE_RUN = re.compile(r"[ ␣]{4,}")


def visible(text: str) -> str:
    """``text`` with line breaks, soft hyphens and tabs made visible, shortened if long.

    A change that is only spaces shows them as ␣, so it never looks like a no-op.
    """
    shown = text.translate(_VISIBLE)
    if shown and not shown.strip():
        shown = shown.replace(" ", "␣")
    # a page number pushed to the right margin by fifty spaces still shows its number
    shown = _SPACE_RUN.sub(lambda m: f"{len(m.group())}×␣", shown)
    if len(shown) > _MAX_SHOWN:
        shown = shown[: _MAX_SHOWN - 1] + "…"
    return shown or "∅"


class Column(enum.IntEnum):
    """The columns of the fix list."""

    LINE = 0
    CATEGORY = 1
    CHANGE = 2
    CONFIDENCE = 3
    STATE = 4
    REASON = 5


_HEADERS = {
    Column.LINE: "Line",
    Column.CATEGORY: "Category",
    Column.CHANGE: "Before → after",
    Column.CONFIDENCE: "Conf.",
    Column.STATE: "State",
    Column.REASON: "Reason",
}
_STATE_LABELS = {
    Decision.PENDING: "● Pending",
    Decision.ACCEPTED: "✓ Accepted",
    Decision.REJECTED: "✗ Rejected",
}
#: the before → after column is drawn this much larger: one quote mark must be readable
CHANGE_FONT_SCALE = 1.3
#: rows kept visible above and below the current row when the list scrolls to it
MARGIN_ROWS = 3
#: the reason column is shown only when it gets at least this much; the change never less
REASON_MIN_WIDTH = 160
CHANGE_MIN_WIDTH = 80
#: a role returning the fix index in the session, whatever the sort and filter
FIX_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
# plain values for data(), which Qt calls thousands of times per repaint
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FONT = Qt.ItemDataRole.FontRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_LINE, _CHANGE, _CONFIDENCE = int(Column.LINE), int(Column.CHANGE), int(Column.CONFIDENCE)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class FixTableModel(QAbstractTableModel):
    """The fixes of the session that pass the filter, one per row, in the chosen order.

    Filtering and sorting are done here in Python over plain lists (one C-level
    sort with a key), not by a QSortFilterProxyModel calling back into Python
    for every comparison, which stalls the window for seconds on a book with
    tens of thousands of fixes.  Rows are re-filtered when the filter or the
    session changes, not when a decision changes, so a row never jumps away
    from under the user.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReviewSession | None = None
        self.rows: list[int] = []  # fix index of each row
        self._row_of: list[int] = []  # row of each fix index, -1 when filtered out
        self.category: Category | None = None
        self.state: Decision | None = None
        self.min_confidence = 0.0
        self.text = ""
        self.sort_column: int = -1  # -1: text order
        self.sort_order = Qt.SortOrder.AscendingOrder
        self.change_font: QFont | None = None
        self._cells: dict[int, tuple[object, ...]] = {}  # display texts per fix index

    def set_session(self, session: ReviewSession | None) -> None:
        """Show the fixes of ``session`` (or nothing)."""
        if self.session is not None:
            self.session.decisions_changed.disconnect(self._on_decisions_changed)
        self.session = session
        self._cells = {}
        if session is not None:
            session.decisions_changed.connect(self._on_decisions_changed)
        self.refresh()

    def set_filter(
        self,
        *,
        category: Category | None = None,
        state: Decision | None = None,
        min_confidence: float = 0.0,
        text: str = "",
    ) -> None:
        """Show only fixes matching every given criterion.

        Typing more of the same search only looks at the rows already shown.
        """
        text = text.casefold()
        narrows = (
            (category, state, min_confidence) == (self.category, self.state, self.min_confidence)
            and bool(self.text)
            and self.text in text
        )
        self.category, self.state = category, state
        self.min_confidence, self.text = min_confidence, text
        if narrows and self.session is not None:
            searchable = self.session.searchable()
            pieces = self.session.pieces
            self._set_rows([i for i in self.rows if any(text in searchable[p] for p in pieces(i))])
        else:
            self.refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (-1: text order)."""
        self.sort_column, self.sort_order = column, order
        self.refresh()

    def refresh(self) -> None:
        """Recompute which fixes are shown and in which order."""
        self.beginResetModel()
        session = self.session
        if session is None:
            rows: list[int] = []
        elif self._is_unfiltered():
            # no Python call per fix on the common path; a paragraph's later pieces get no row
            heads = session.head_indices()
            rows = list(range(len(session))) if heads is None else list(heads)
        else:
            rows = self._filtered(session)
        if session is not None and self.sort_column >= 0:
            key = _sort_key(session, self.sort_column)
            rows.sort(key=key, reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        elif self.sort_order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
        self._set_rows(rows, reset_started=True)

    def _filtered(self, session: ReviewSession) -> list[int]:
        """The fixes passing the filter, in text order: the text test first, in one C loop."""
        if self.text:
            searchable = session.searchable()
            text = self.text
            rows = [i for i, hay in enumerate(searchable) if text in hay]
            if session.head_indices() is not None:
                # a hit in any piece of a paragraph shows the paragraph's row
                rows = sorted({session.pieces(i)[0] for i in rows})
        else:
            heads = session.head_indices()
            rows = list(range(len(session))) if heads is None else list(heads)
        if self.category is None and self.state is None and self.min_confidence <= 0:
            return rows
        return [i for i in rows if self._accepts(i)]

    def _set_rows(self, rows: list[int], *, reset_started: bool = False) -> None:
        if not reset_started:
            self.beginResetModel()
        self.rows = rows
        if self.sort_column < 0 and len(rows) == len(self._fixes()):
            self._row_of = list(range(len(rows)))
            if self.sort_order == Qt.SortOrder.DescendingOrder:
                self._row_of.reverse()
        else:
            self._row_of = [-1] * len(self._fixes())
            for row, index in enumerate(rows):
                self._row_of[index] = row
            if self.session is not None and self.session.head_indices() is not None:
                # a paragraph's later pieces are shown by its first piece's row
                for row, index in enumerate(rows):
                    for piece in self.session.pieces(index)[1:]:
                        self._row_of[piece] = row
        self.endResetModel()

    def _fixes(self) -> list[Fix]:
        return self.session.fixes if self.session is not None else []

    def _is_unfiltered(self) -> bool:
        return (
            self.category is None
            and self.state is None
            and self.min_confidence <= 0
            and not self.text
        )

    def _accepts(self, index: int) -> bool:
        session = self.session
        assert session is not None
        fix = session.fixes[index]
        if self.category is not None and fix.category is not self.category:
            return False
        if self.state is not None and session.decision(index) is not self.state:
            return False
        return not fix.confidence < self.min_confidence

    def total(self) -> int:
        """How many review items the session has (a split paragraph once), shown or not."""
        return self.session.item_count() if self.session is not None else 0

    def refilter_states(self) -> None:
        """Filter again after a bulk decision, when the list shows only one state."""
        if self.state is not None:
            self.refresh()

    def row_of(self, index: int) -> int:
        """The row showing fix ``index``, or -1 when the filter hides it."""
        return self._row_of[index] if 0 <= index < len(self._row_of) else -1

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """One row per shown fix."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The columns of :class:`Column`."""
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[Column(section)]
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """What a cell shows (display texts are built once per fix and row, then reused)."""
        session = self.session
        if session is None or not index.isValid() or index.row() >= len(self.rows):
            return None
        fix_index, column = self.rows[index.row()], index.column()
        if role == _DISPLAY:
            cells = self._cells.get(fix_index)
            if cells is None:
                cells = self._cells[fix_index] = self._display(session, fix_index)
            return cells[column]
        if role == FIX_INDEX_ROLE:
            return fix_index
        if role == _FONT:
            return self.change_font if column == _CHANGE else None
        if role == _ALIGNMENT:
            return _RIGHT if column in (_LINE, _CONFIDENCE) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            fix = session.fixes[fix_index]
            before, after = session.context(fix_index)
            return (
                f"{fix.category.value.title()} fix ({fix.rule}), {fix.confidence:.0%} confident, "
                f"line {session.where(fix_index)}\n{visible(before)} → {visible(after)}\n"
                f"{fix.reason}"
            )
        return None

    @staticmethod
    def _display(session: ReviewSession, fix_index: int) -> tuple[object, ...]:
        fix = session.fixes[fix_index]
        before, after = session.context(fix_index)
        return (
            session.where(fix_index),
            fix.category.value.title(),
            f"{visible(before)} → {visible(after)}",
            f"{fix.confidence:.0%}",
            _STATE_LABELS[session.decision(fix_index)],
            fix.reason,
        )

    def _on_decisions_changed(self, indices: list[int]) -> None:
        cells = self._cells
        for i in indices:
            cells.pop(i, None)
        rows = [r for r in (self.row_of(i) for i in indices) if r >= 0]
        if rows:
            # a custom replacement changes the change column too
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(Column) - 1))


def _sort_key(session: ReviewSession, column: int) -> Callable[[int], tuple[object, ...]]:
    """A sort key over fix indices for ``column``; ties keep text order."""
    fixes = session.fixes
    match Column(column):
        case Column.CATEGORY:
            return lambda i: (fixes[i].category.value, i)
        case Column.CHANGE:
            return lambda i: (session.context(i)[0].casefold(), i)
        case Column.CONFIDENCE:
            return lambda i: (fixes[i].confidence, i)
        case Column.STATE:
            return lambda i: (session.decision(i).value, i)
        case Column.REASON:
            return lambda i: (fixes[i].reason, i)
    return lambda i: (i,)


class FixTable(QTableView):
    """GUI: the fix list; reports the current fix and the selected fixes as session indices."""

    current_fix_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fix_model = FixTableModel(self)
        self.setModel(self.fix_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # text order at first: sorting 70 000 rows must not be the price of opening a book
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("MMM"))
        self.reset_columns()
        self.setAccessibleName("Fix list")
        self.setToolTip("Every proposed fix; select one to show it in the texts")
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def reset_columns(self) -> None:
        """Column widths for the current font (also after a zoom or a layout reset)."""
        font = self.font()
        change_font = self.font()
        change_font.setPointSizeF(font.pointSizeF() * CHANGE_FONT_SCALE)
        self.fix_model.change_font = change_font
        metrics = self.fontMetrics()
        big = QFontMetrics(change_font)
        self.verticalHeader().setDefaultSectionSize(max(metrics.height(), big.height()) + 4)
        padding = metrics.horizontalAdvance("M")
        header_metrics = self.horizontalHeader().fontMetrics()
        samples = {
            Column.LINE: metrics.horizontalAdvance("9999:99"),
            Column.CATEGORY: metrics.horizontalAdvance("Layout"),
            Column.CHANGE: big.horizontalAdvance("announ-ced → announced"),
            Column.CONFIDENCE: metrics.horizontalAdvance("100 %"),
            Column.STATE: metrics.horizontalAdvance("✓ Accepted"),
        }
        # a column is never narrower than its title (plus the sort arrow)
        self._preferred = {
            column: max(width, header_metrics.horizontalAdvance(_HEADERS[column]) + padding)
            + padding
            for column, width in samples.items()
        }
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Fit the columns to the width: the category and reason go first when it is narrow.

        Both are in the detail panel and the tooltip, so nothing is lost; the
        state and the change always stay on screen.
        """
        preferred = getattr(self, "_preferred", None)
        if preferred is None:
            return
        header = self.horizontalHeader()
        available = self.viewport().width()
        core = sum(w for c, w in preferred.items() if c is not Column.CATEGORY)
        show_category = core + preferred[Column.CATEGORY] <= available
        show_reason = core + preferred[Column.CATEGORY] + REASON_MIN_WIDTH <= available
        self.setColumnHidden(Column.CATEGORY, not show_category)
        self.setColumnHidden(Column.REASON, not show_reason)
        for column, width in preferred.items():
            header.resizeSection(column, width)
        if not show_reason:
            others = sum(
                w
                for c, w in preferred.items()
                if c is not Column.CHANGE and not self.isColumnHidden(c)
            )
            header.resizeSection(Column.CHANGE, max(available - others, CHANGE_MIN_WIDTH))

    def columns_fit(self) -> bool:
        """Whether every shown column up to the state fits in the view."""
        header = self.horizontalHeader()
        right = header.sectionViewportPosition(Column.STATE) + header.sectionSize(Column.STATE)
        return right <= self.viewport().width() + 1

    def set_session(self, session: ReviewSession | None) -> None:
        """List the fixes of ``session``."""
        self.fix_model.set_session(session)

    def select_fix(self, index: int | None) -> None:
        """Make fix ``index`` the current row (if it passes the filter) and show it."""
        if index is None:
            self.clearSelection()
            return
        row = self.fix_model.row_of(index)
        if row < 0:
            return
        cell = self.fix_model.index(row, 0)
        selection = self.selectionModel()
        if selection.isRowSelected(cell.row()):
            # keep a multi-row selection (for bulk actions); only move the current row
            selection.setCurrentIndex(cell, QItemSelectionModel.SelectionFlag.NoUpdate)
        elif self.currentIndex().row() != cell.row():
            selection.setCurrentIndex(
                cell,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.scroll_with_margin(row)

    def scroll_with_margin(self, row: int) -> None:
        """Scroll so ``row`` has :data:`MARGIN_ROWS` rows above and below it, when there is room."""
        bar = self.verticalScrollBar()
        height = max(self.rowHeight(0) if self.fix_model.rows else 1, 1)
        visible_rows = max(self.viewport().height() // height, 1)
        margin = min(MARGIN_ROWS, max((visible_rows - 1) // 2, 0))
        top = self.rowAt(0)
        if top < 0:
            top = bar.value()
        if row < top + margin:
            self.scrollTo(
                self.fix_model.index(max(row - margin, 0), 0),
                QAbstractItemView.ScrollHint.PositionAtTop,
            )
        elif row > top + visible_rows - 1 - margin:
            last = min(row + margin, len(self.fix_model.rows) - 1)
            self.scrollTo(
                self.fix_model.index(last, 0), QAbstractItemView.ScrollHint.PositionAtBottom
            )

    def selected_fixes(self) -> list[int]:
        """Session indices of the selected rows, in text order."""
        rows = self.selectionModel().selectedRows()
        return sorted(self.fix_model.rows[r.row()] for r in rows)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the columns and keep the empty-result note centred."""
        super().resizeEvent(event)
        self._fit_columns()
        self._place_note()

    def _place_note(self) -> None:
        note = getattr(self, "empty_note", None)
        if note is not None:
            note.setGeometry(self.viewport().geometry().adjusted(8, 8, -8, -8))

    def show_empty_note(self, text: str) -> None:
        """Say why the list is empty (a filter that matches nothing), or hide the note."""
        if not hasattr(self, "empty_note"):
            self.empty_note = QLabel(self)
            self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.empty_note.setWordWrap(True)
            self.empty_note.setAccessibleName("Empty list")
        self.empty_note.setText(text)
        self.empty_note.setVisible(bool(text))
        self._place_note()

    def visible_fixes(self) -> list[int]:
        """Session indices of every row the filter shows, in text order."""
        return sorted(self.fix_model.rows)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.current_fix_changed.emit(self.fix_model.rows[current.row()])


class SearchField(QLineEdit):
    """GUI: the search box; Esc clears it, and Ctrl+Z undoes decisions, not its text."""

    def event(self, event: QEvent) -> bool:
        """Leave undo and redo to the window: the review's history is the one that matters."""
        if event.type() == QEvent.Type.ShortcutOverride:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.matches(QKeySequence.StandardKey.Undo) or key_event.matches(
                QKeySequence.StandardKey.Redo
            ):
                event.ignore()
                return False
            if key_event.key() == Qt.Key.Key_Escape and self.text():
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc clears the search (a second Esc leaves the field)."""
        if event.key() == Qt.Key.Key_Escape:
            if self.text():
                self.clear()
            else:
                self.clearFocus()
            return
        super().keyPressEvent(event)


#: typing in the search box filters this long after the last key, not on every key
SEARCH_DELAY_MS = 180


class FixFilterBar(QWidget):
    """GUI: filter controls above the fix list: category, state, minimum confidence, text.

    The combo boxes and the confidence filter at once; the search a moment
    after the last key, so typing a word filters once, not once per letter.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = QComboBox(self)
        self.category.addItem("All categories", None)
        for category in Category:
            self.category.addItem(category.value.title(), category)
        self.state = QComboBox(self)
        self.state.addItem("All states", None)
        for decision, label in _STATE_LABELS.items():
            self.state.addItem(label, decision)
        self.confidence = QDoubleSpinBox(self)
        self.confidence.setRange(0, 100)
        self.confidence.setDecimals(0)
        self.confidence.setSingleStep(5)
        self.confidence.setSuffix(" %")
        self.confidence.setPrefix("≥ ")
        self.search = SearchField(self)
        self.search.setPlaceholderText("Search fixes… (Esc clears)")
        self.search.setClearButtonEnabled(True)
        for widget, name, tip in (
            (self.category, "Category filter", "Show only fixes of this category"),
            (self.state, "State filter", "Show only pending, accepted or rejected fixes"),
            (self.confidence, "Minimum confidence", "Show only fixes at least this confident"),
            (self.search, "Search fixes", "Show only fixes whose words or reason contain this"),
        ):
            widget.setAccessibleName(name)
            widget.setToolTip(tip)
        # two rows: in a narrow panel the search box keeps a usable width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        combos = QHBoxLayout()
        combos.setContentsMargins(0, 0, 0, 0)
        combos.addWidget(self.category, 1)
        combos.addWidget(self.state, 1)
        combos.addWidget(self.confidence)
        layout.addLayout(combos)
        layout.addWidget(self.search)
        self.category.currentIndexChanged.connect(self.changed)
        self.state.currentIndexChanged.connect(self.changed)
        self.confidence.valueChanged.connect(self.changed)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._on_search_edited)

    def _on_search_edited(self, text: str) -> None:
        if text:
            self.search_timer.start()
        else:  # cleared (Esc, the clear button): show everything again at once
            self.search_timer.stop()
            self.changed.emit()

    def flush(self) -> None:
        """Apply a search still waiting for its delay (before a bulk action on what is shown)."""
        if self.search_timer.isActive():
            self.search_timer.stop()
            self.changed.emit()

    def is_filtering(self) -> bool:
        """Whether any filter is set."""
        return (
            self.category.currentData() is not None
            or self.state.currentData() is not None
            or self.confidence.value() > 0
            or bool(self.search.text())
        )

    def clear(self) -> None:
        """Show every fix again."""
        for widget in (self.category, self.state, self.confidence, self.search):
            widget.blockSignals(True)
        self.category.setCurrentIndex(0)
        self.state.setCurrentIndex(0)
        self.confidence.setValue(0)
        self.search.clear()
        for widget in (self.category, self.state, self.confidence, self.search):
            widget.blockSignals(False)
        self.search_timer.stop()
        self.changed.emit()

    def apply_to(self, model: FixTableModel) -> None:
        """Set ``model``'s filter from the controls."""
        model.set_filter(
            category=self.category.currentData(),
            state=self.state.currentData(),
            min_confidence=self.confidence.value() / 100,
            text=self.search.text(),
        )

    def set_categories(self, categories: list[Category]) -> None:
        """Offer exactly ``categories`` (whatever the engine defines)."""
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem("All categories", None)
        for category in categories:
            self.category.addItem(category.value.title(), category)
        found = self.category.findData(current)
        self.category.setCurrentIndex(max(found, 0))
        self.category.blockSignals(False)
