"""The fix list: a sortable, filterable table of every fix of the session."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
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
    """One row per fix of the session, in text order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReviewSession | None = None

    def set_session(self, session: ReviewSession | None) -> None:
        """Show the fixes of ``session`` (or nothing)."""
        self.beginResetModel()
        if self.session is not None:
            self.session.decisions_changed.disconnect(self._on_decisions_changed)
        self.session = session
        if session is not None:
            session.decisions_changed.connect(self._on_decisions_changed)
        self.endResetModel()

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """One row per fix."""
        if parent.isValid() or self.session is None:
            return 0
        return len(self.session)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The columns of :class:`Column`."""
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        """The columns of :class:`Column`."""
        """One row per fix."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[Column(section)]
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """What a cell shows."""
        session = self.session
        if session is None or not index.isValid():
            return None
        row, column = index.row(), Column(index.column())
        fix = session.fixes[row]
        if role == FIX_INDEX_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case Column.LINE:
                    return session.line_of(row)
                case Column.CATEGORY:
                    return fix.category.value.title()
                case Column.CHANGE:
                    before, after = session.context(row)
                    return f"{visible(before)} → {visible(after)}"
                case Column.CONFIDENCE:
                    return f"{fix.confidence:.0%}"
                case Column.STATE:
                    return _STATE_LABELS[session.decision(row)]
                case Column.REASON:
                    return fix.reason
        if role == Qt.ItemDataRole.ToolTipRole:
            before, after = session.context(row)
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
        if indices:
            self.dataChanged.emit(
                self.index(indices[0], Column.STATE), self.index(indices[-1], Column.STATE)
            )


class FixFilterProxy(QSortFilterProxyModel):
    """Filters by category, state, confidence and text; sorts by each column's natural key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category: Category | None = None
        self.state: Decision | None = None
        self.min_confidence = 0.0
        self.text = ""
        self.setDynamicSortFilter(True)

    def set_filter(
        self,
        *,
        category: Category | None = None,
        state: Decision | None = None,
        min_confidence: float = 0.0,
        text: str = "",
    ) -> None:
        """Show only fixes matching every given criterion."""
        self.beginFilterChange()
        self.category, self.state = category, state
        self.min_confidence, self.text = min_confidence, text.casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _session(self) -> ReviewSession | None:
        model = self.sourceModel()
        return model.session if isinstance(model, FixTableModel) else None

    def filterAcceptsRow(self, source_row: int, source_parent: _AnyIndex) -> bool:
        """Whether a fix passes every filter."""
        session = self._session()
        if session is None:
            return False
        fix = session.fixes[source_row]
        if self.category is not None and fix.category is not self.category:
            return False
        if self.state is not None and session.decision(source_row) is not self.state:
            return False
        if fix.confidence < self.min_confidence:
            return False
        if self.text:
            before, after = session.context(source_row)
            haystack = f"{before}\n{after}\n{fix.reason}\n{fix.rule}".casefold()
            return self.text in haystack
        return True

    def lessThan(self, left: _AnyIndex, right: _AnyIndex) -> bool:
        """Order by the column's natural key, then by position."""
        session = self._session()
        if session is None:
            return False
        return bool(
            self._key(session, left.row(), left.column())
            < self._key(session, right.row(), right.column())
        )

    @staticmethod
    def _key(session: ReviewSession, row: int, column: int) -> tuple[object, ...]:
        fix = session.fixes[row]
        match Column(column):
            case Column.CATEGORY:
                return (fix.category.value, row)
            case Column.CHANGE:
                return (session.context(row)[0].casefold(), row)
            case Column.CONFIDENCE:
                return (fix.confidence, row)
            case Column.STATE:
                return (session.decision(row).value, row)
            case Column.REASON:
                return (fix.reason, row)
        return (row,)


class FixTable(QTableView):
    """GUI: the fix list; reports the current fix and the selected fixes as session indices."""

    current_fix_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_model = FixTableModel(self)
        self.proxy = FixFilterProxy(self)
        self.proxy.setSourceModel(self.source_model)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSortingEnabled(True)
        self.sortByColumn(Column.LINE, Qt.SortOrder.AscendingOrder)
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
        self.source_model.set_session(session)

    def select_fix(self, index: int | None) -> None:
        """Make fix ``index`` the current row (if it passes the filter) and show it."""
        if index is None:
            self.clearSelection()
            return
        proxy_index = self.proxy.mapFromSource(self.source_model.index(index, 0))
        if not proxy_index.isValid():
            return
        selection = self.selectionModel()
        if selection.isRowSelected(proxy_index.row()):
            # keep a multi-row selection (for bulk actions); only move the current row
            selection.setCurrentIndex(proxy_index, QItemSelectionModel.SelectionFlag.NoUpdate)
        elif self.currentIndex().row() != proxy_index.row():
            selection.setCurrentIndex(
                proxy_index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.scrollTo(proxy_index, QAbstractItemView.ScrollHint.EnsureVisible)

    def selected_fixes(self) -> list[int]:
        """Session indices of the selected rows, in text order."""
        rows = self.selectionModel().selectedRows()
        return sorted(self.proxy.mapToSource(r).row() for r in rows)

    def visible_fixes(self) -> list[int]:
        """Session indices of every row the filter shows, in text order."""
        return sorted(
            self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            for r in range(self.proxy.rowCount())
        )

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.current_fix_changed.emit(self.proxy.mapToSource(current).row())


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

    def apply_to(self, proxy: FixFilterProxy) -> None:
        """Set ``proxy``'s filter from the controls."""
        proxy.set_filter(
            category=self.category.currentData(),
            state=self.state.currentData(),
            min_confidence=self.confidence.value() / 100,
            text=self.search.text(),
        )
