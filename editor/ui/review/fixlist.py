"""The fix list: a sortable, filterable table of every fix of the session."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QWidget,
)

from editor.engine.model import Category, Decision

if TYPE_CHECKING:
    from collections.abc import Callable

    from editor.engine.model import Fix
    from editor.ui.session import ReviewSession

_AnyIndex = QModelIndex | QPersistentModelIndex

#: how invisible or ambiguous characters are shown in the list
_VISIBLE = str.maketrans({"\n": "⏎", "\u00ad": "·", "\t": "⇥", "\u00a0": "⍽"})
_MAX_SHOWN = 40


def visible(text: str) -> str:
    """``text`` with line breaks, soft hyphens and tabs made visible, shortened if long."""
    shown = text.translate(_VISIBLE)
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
    Column.CONFIDENCE: "Confidence",
    Column.STATE: "State",
    Column.REASON: "Reason",
}
_STATE_LABELS = {
    Decision.PENDING: "Pending",
    Decision.ACCEPTED: "Accepted",
    Decision.REJECTED: "Rejected",
}
#: a role returning the fix index in the session, whatever the sort and filter
FIX_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1


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

    def set_session(self, session: ReviewSession | None) -> None:
        """Show the fixes of ``session`` (or nothing)."""
        if self.session is not None:
            self.session.decisions_changed.disconnect(self._on_decisions_changed)
        self.session = session
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
        """Show only fixes matching every given criterion."""
        self.category, self.state = category, state
        self.min_confidence, self.text = min_confidence, text.casefold()
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
            rows = list(range(len(session)))  # no Python call per fix on the common path
        else:
            rows = [i for i in range(len(session)) if self._accepts(i)]
        if session is not None and self.sort_column >= 0:
            key = _sort_key(session, self.sort_column)
            rows.sort(key=key, reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        elif self.sort_order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
        self.rows = rows
        if self.sort_column < 0 and len(rows) == len(self._fixes()):
            self._row_of = list(range(len(rows)))
            if self.sort_order == Qt.SortOrder.DescendingOrder:
                self._row_of.reverse()
        else:
            self._row_of = [-1] * len(self._fixes())
            for row, index in enumerate(rows):
                self._row_of[index] = row
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
        if fix.confidence < self.min_confidence:
            return False
        if self.text:
            before, after = session.context(index)
            haystack = f"{before}\n{after}\n{fix.reason}\n{fix.rule}".casefold()
            return self.text in haystack
        return True

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
        """What a cell shows."""
        session = self.session
        if session is None or not index.isValid() or index.row() >= len(self.rows):
            return None
        fix_index, column = self.rows[index.row()], Column(index.column())
        fix = session.fixes[fix_index]
        if role == FIX_INDEX_ROLE:
            return fix_index
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case Column.LINE:
                    return session.line_of(fix_index)
                case Column.CATEGORY:
                    return fix.category.value.title()
                case Column.CHANGE:
                    before, after = session.context(fix_index)
                    return f"{visible(before)} → {visible(after)}"
                case Column.CONFIDENCE:
                    return f"{fix.confidence:.0%}"
                case Column.STATE:
                    return _STATE_LABELS[session.decision(fix_index)]
                case Column.REASON:
                    return fix.reason
        if role == Qt.ItemDataRole.ToolTipRole:
            before, after = session.context(fix_index)
            return (
                f"{fix.category.value.title()} fix ({fix.rule}), {fix.confidence:.0%} confident\n"
                f"{before!r} → {after!r}\n{fix.reason}"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.LINE,
            Column.CONFIDENCE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _on_decisions_changed(self, indices: list[int]) -> None:
        rows = [r for r in (self.row_of(i) for i in indices) if r >= 0]
        if rows:
            self.dataChanged.emit(
                self.index(min(rows), Column.STATE), self.index(max(rows), Column.STATE)
            )


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
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        metrics = self.fontMetrics()
        padding = metrics.horizontalAdvance("MM")
        for column, sample in (
            (Column.LINE, "Line 99999"),
            (Column.CATEGORY, "Hyphen  "),
            (Column.CHANGE, "announ-ced → announced"),
            (Column.CONFIDENCE, "Confidence"),
            (Column.STATE, "Accepted"),
        ):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + padding)
        self.setAccessibleName("Fix list")
        self.setToolTip("Every proposed fix; select one to show it in the texts")
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

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
        self.scrollTo(cell, QAbstractItemView.ScrollHint.EnsureVisible)

    def selected_fixes(self) -> list[int]:
        """Session indices of the selected rows, in text order."""
        rows = self.selectionModel().selectedRows()
        return sorted(self.fix_model.rows[r.row()] for r in rows)

    def visible_fixes(self) -> list[int]:
        """Session indices of every row the filter shows, in text order."""
        return sorted(self.fix_model.rows)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.current_fix_changed.emit(self.fix_model.rows[current.row()])


class FixFilterBar(QWidget):
    """GUI: filter controls above the fix list: category, state, minimum confidence, text."""

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
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search fixes…")
        self.search.setClearButtonEnabled(True)
        for widget, name, tip in (
            (self.category, "Category filter", "Show only fixes of this category"),
            (self.state, "State filter", "Show only pending, accepted or rejected fixes"),
            (self.confidence, "Minimum confidence", "Show only fixes at least this confident"),
            (self.search, "Search fixes", "Show only fixes whose words or reason contain this"),
        ):
            widget.setAccessibleName(name)
            widget.setToolTip(tip)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.category)
        layout.addWidget(self.state)
        layout.addWidget(self.confidence)
        layout.addWidget(self.search, 1)
        self.category.currentIndexChanged.connect(self.changed)
        self.state.currentIndexChanged.connect(self.changed)
        self.confidence.valueChanged.connect(self.changed)
        self.search.textChanged.connect(self.changed)

    def apply_to(self, model: FixTableModel) -> None:
        """Set ``model``'s filter from the controls."""
        model.set_filter(
            category=self.category.currentData(),
            state=self.state.currentData(),
            min_confidence=self.confidence.value() / 100,
            text=self.search.text(),
        )
