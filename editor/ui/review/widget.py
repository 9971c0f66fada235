"""The review widget: texts side by side, the fix list beside them, and the review actions."""

from __future__ import annotations

import functools
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.engine.model import Category, Decision
from editor.ui.resources import icon
from editor.ui.review.detail import FixDetail
from editor.ui.review.diffview import DiffView
from editor.ui.review.fixlist import FixFilterBar, FixTable
from editor.ui.review.legend import Legend
from editor.ui.review.marks import MarkColours, mark_colours
from editor.ui.review.ruler import OverviewRuler
from editor.ui.theme import category_color, is_dark

#: the narrowest each text pane and the side panel may get (800 px windows still fit)
PANE_MIN_WIDTH = 150
PANEL_MIN_WIDTH = 300
#: share of the width the texts get when the layout is reset (the list gets the rest)
TEXT_SHARE = 0.58
#: font zoom steps, in points, and the range allowed
ZOOM_STEP = 1.0
ZOOM_RANGE = (-6.0, 24.0)

if TYPE_CHECKING:
    from collections.abc import Callable

    from editor.ui.session import ReviewSession


class ReviewWidget(QWidget):
    """GUI: shows one session and turns clicks and keys into decisions on it.

    Owns the review actions (with their shortcuts); the main window puts the
    same actions in its menus, so every one is reachable from the keyboard.
    """

    current_changed = Signal(object)  # int | None
    dictionary_requested = Signal(str, bool)  # hyphenated word, keep (else join)
    forget_requested = Signal(str)  # hyphenated word to drop from the dictionary
    ready = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReviewSession | None = None
        self.current: int | None = None
        #: A and R go to the next *undecided* fix (KDiff3's auto-advance) instead of the next
        self.advance_to_undecided = False
        #: tells whether a hyphenated word is in the user's dictionary ("keep", "join" or None)
        self.dictionary_lookup: Callable[[str], str | None] = lambda _word: None
        self.zoom = 0.0
        self._base_point_size = self.font().pointSizeF()
        self._selecting = False
        self._colours: dict[tuple[Category, Decision], MarkColours] = {}

        self.diff = DiffView(self)
        self.ruler = OverviewRuler(self)
        self.legend = Legend(self)
        self.filter_bar = FixFilterBar(self)
        self.fix_table = FixTable(self)
        self.detail = FixDetail(self)
        self.shown_label = QLabel(self)
        self.shown_label.setAccessibleName("Fixes shown")
        self.shown_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.clear_filter_button = QPushButton("Show All", self)
        self.clear_filter_button.setToolTip("Clear every filter and the search")
        self.clear_filter_button.setAccessibleName("Show all fixes")
        self.clear_filter_button.clicked.connect(self.filter_bar.clear)
        self.profile_label = QLabel(self)
        self.profile_label.setTextFormat(Qt.TextFormat.RichText)
        self.profile_label.setWordWrap(True)
        self.profile_label.setAccessibleName("Artifact profile")
        self.profile_label.setToolTip("How many fixes of each category the scan found")
        self.counts_label = QLabel(self)
        self.counts_label.setAccessibleName("Decision counts")
        self._build_actions()

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for action in (self.previous_action, self.next_action):
            # arrows alone: the row must fit a narrow panel (the tooltip names them)
            arrow = self._tool_button(action)
            arrow.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            buttons.addWidget(arrow)
        buttons.addStretch(1)
        for action in (self.accept_action, self.reject_action, self.toggle_action):
            buttons.addWidget(self._tool_button(action))
        self.next_action.setIconText("Next")
        self.previous_action.setIconText("Previous")
        # a push button leaves room for its menu arrow (a tool button drew it over the text)
        self.bulk_button = QPushButton("Bulk", self)
        self.bulk_button.setToolTip("Decide many fixes at once; each entry says how many")
        self.bulk_button.setAccessibleName("Bulk decisions")
        self.bulk_button.setMenu(self.bulk_menu)
        buttons.addWidget(self.bulk_button)

        shown_row = QHBoxLayout()
        shown_row.setContentsMargins(0, 0, 0, 0)
        shown_row.addWidget(self.shown_label, 1)
        shown_row.addWidget(self.clear_filter_button)

        panel = QWidget(self)
        panel.setMinimumWidth(PANEL_MIN_WIDTH)
        side = QVBoxLayout(panel)
        side.setContentsMargins(6, 4, 6, 0)
        side.setSpacing(4)
        side.addWidget(self.profile_label)
        side.addWidget(self.filter_bar)
        side.addLayout(shown_row)
        list_box = QWidget(panel)
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.fix_table, 1)
        list_layout.addWidget(self.counts_label)
        list_layout.addLayout(buttons)
        # the list and the detail share the height; the user can move the border
        self.side_splitter = QSplitter(Qt.Orientation.Vertical, panel)
        self.side_splitter.addWidget(list_box)
        detail_area = QScrollArea(panel)
        detail_area.setWidget(self.detail)
        detail_area.setWidgetResizable(True)
        detail_area.setFrameShape(QFrame.Shape.NoFrame)
        detail_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_splitter.addWidget(detail_area)
        self.side_splitter.setStretchFactor(0, 3)
        self.side_splitter.setStretchFactor(1, 2)
        self.side_splitter.setChildrenCollapsible(False)
        side.addWidget(self.side_splitter, 1)

        texts = QWidget(self)
        texts_layout = QVBoxLayout(texts)
        texts_layout.setContentsMargins(0, 0, 0, 0)
        texts_layout.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.diff, 1)
        row.addWidget(self.ruler)
        texts_layout.addLayout(row, 1)
        texts_layout.addWidget(self.legend)
        texts.setMinimumWidth(2 * PANE_MIN_WIDTH + self.ruler.width())
        for pane in (self.diff.left, self.diff.right):
            pane.setMinimumWidth(PANE_MIN_WIDTH)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(texts)
        self.splitter.addWidget(panel)
        # extra width is shared: both sides grow, the texts a little more
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.reset_layout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.filter_bar.changed.connect(self._on_filter_changed)
        self.fix_table.current_fix_changed.connect(self._on_table_current)
        self.fix_table.fix_model.modelReset.connect(self._on_rows_changed)
        self.fix_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.fix_table.customContextMenuRequested.connect(self._on_table_menu)
        self.diff.fix_clicked.connect(self.select)
        self.diff.fix_menu_requested.connect(self._on_pane_menu)
        self.diff.loaded.connect(self._on_loaded)
        self.diff.set_colour_function(self._colours_for, self._dark())
        self.ruler.fix_clicked.connect(self.select)
        self.ruler.dark = self._dark()
        self.diff.left.verticalScrollBar().valueChanged.connect(self.ruler.update)
        self.detail.custom_requested.connect(self._on_custom_requested)
        self.bulk_menu.aboutToShow.connect(self._update_bulk_counts)
        self._update_enabled()
        self._update_shown()

    # -- actions -------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[QKeySequence] | None = None,
        tip: str = "",
        icon_name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts(shortcuts)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon_name:
            action.setIcon(icon(icon_name))
        keys = ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts or []
        )
        action.setToolTip(f"{tip or text.replace('&', '')} ({keys})" if keys else tip or text)
        action.setStatusTip(tip or text.replace("&", ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.next_action = self._action(
            "&Next Fix", self.go_next, [key("N"), key("J")], "Go to the next fix", "next"
        )
        self.previous_action = self._action(
            "&Previous Fix",
            self.go_previous,
            [key("P"), key("K")],
            "Go to the previous fix",
            "previous",
        )
        self.next_pending_action = self._action(
            "Next &Undecided Fix", self.go_next_pending, [key("U")], "Go to the next pending fix"
        )
        self.accept_action = self._action(
            "&Accept",
            lambda: self.decide_current(Decision.ACCEPTED),
            [key("A")],
            "Accept the current fix and go to the next one",
            "accept",
        )
        self.reject_action = self._action(
            "&Reject",
            lambda: self.decide_current(Decision.REJECTED),
            [key("R")],
            "Reject the current fix and go to the next one",
            "reject",
        )
        self.toggle_action = self._action(
            "&Toggle",
            self.toggle_current,
            [key(Qt.Key.Key_Space)],
            "Accept the current fix if it is not accepted, else reject it",
        )
        self.accept_selected_action = self._action(
            "Accept &Selected",
            lambda: self.decide_selected(Decision.ACCEPTED),
            [key("Shift+A")],
            "Accept every fix selected in the list",
        )
        self.reject_selected_action = self._action(
            "Reject S&elected",
            lambda: self.decide_selected(Decision.REJECTED),
            [key("Shift+R")],
            "Reject every fix selected in the list",
        )
        self.accept_shown_action = self._action(
            "Accept All S&hown",
            lambda: self.decide_shown(Decision.ACCEPTED),
            None,
            "Accept every fix the list's filter shows",
        )
        self.reject_shown_action = self._action(
            "Reject All Sho&wn",
            lambda: self.decide_shown(Decision.REJECTED),
            None,
            "Reject every fix the list's filter shows",
        )
        self.keep_word_action = self._action(
            "Always &Keep This Word Hyphenated",
            lambda: self._request_dictionary(True),
            None,
            "Add the word to your dictionary as hyphenated and scan again",
        )
        self.join_word_action = self._action(
            "Always &Join This Word",
            lambda: self._request_dictionary(False),
            None,
            "Add the word to your dictionary as joined and decide its fixes so (undoable)",
        )
        self.keep_word_action.setStatusTip(
            "Add the word to your dictionary as hyphenated and reject its fixes (undoable)"
        )
        self.forget_word_action = self._action(
            "&Forget This Word",
            self._request_forget,
            None,
            "Remove the word from your dictionary; its fixes go back to how they started",
        )
        self.edit_replacement_action = self._action(
            "&Edit Replacement…",
            self.detail.focus_replacement,
            [key("F2")],
            "Type your own replacement for the current fix",
        )
        self.category_actions: list[QAction] = []
        self.bulk_menu = QMenu("&Bulk", self)
        for action in (
            self.accept_selected_action,
            self.reject_selected_action,
            self.accept_shown_action,
            self.reject_shown_action,
        ):
            self.bulk_menu.addAction(action)
        self.bulk_menu.addSeparator()
        for category in Category:
            for decision in (Decision.ACCEPTED, Decision.REJECTED):
                verb = "Accept" if decision is Decision.ACCEPTED else "Reject"
                action = self._action(
                    f"{verb} All {category.value.title()} Fixes",
                    functools.partial(self.decide_category, category, decision),
                    None,
                    f"{verb} every {category.value} fix in the text",
                )
                action.setData((category, decision))
                self.category_actions.append(action)
                self.bulk_menu.addAction(action)
        self.bulk_menu.addSeparator()
        self.accept_above_action = self._action(
            "Accept All At or Above Confidence…",
            lambda: self.confidence_requested.emit(Decision.ACCEPTED),
            None,
            "Accept every fix at least as confident as a value you choose",
        )
        self.reject_below_action = self._action(
            "Reject All Below Confidence…",
            lambda: self.confidence_requested.emit(Decision.REJECTED),
            None,
            "Reject every fix less confident than a value you choose",
        )
        self.bulk_menu.addAction(self.accept_above_action)
        self.bulk_menu.addAction(self.reject_below_action)

    confidence_requested = Signal(object)  # Decision: the window asks for the value

    @property
    def review_actions(self) -> list[QAction]:
        """The actions of the Review menu, in order (None entries are separators)."""
        return [
            self.next_action,
            self.previous_action,
            self.next_pending_action,
            self.accept_action,
            self.reject_action,
            self.toggle_action,
        ]

    def _tool_button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        button.setAccessibleName(action.text().replace("&", ""))
        return button

    def _update_enabled(self) -> None:
        has_fixes = self.session is not None and len(self.session) > 0 and not self.diff.is_loading
        for action in self.actions():
            action.setEnabled(has_fixes)
        word = (
            self.session.hyphenated_word(self.current)
            if self.session is not None and self.current is not None and has_fixes
            else None
        )
        stored = self.dictionary_lookup(word) if word is not None else None
        self.keep_word_action.setEnabled(word is not None and stored != "keep")
        self.join_word_action.setEnabled(word is not None and stored != "join")
        self.forget_word_action.setEnabled(stored is not None)
        self.forget_word_action.setText(
            f"&Forget “{word}”" if stored is not None else "&Forget This Word"
        )
        self.bulk_button.setEnabled(has_fixes)

    # -- showing a session ---------------------------------------------------

    def set_session(
        self,
        session: ReviewSession | None,
        cleaned: str | None = None,
        start_at: int | None = None,
    ) -> None:
        """Review ``session``; ``cleaned`` is its current cleaned text if already computed.

        ``start_at`` is the fix to show first once the texts are in (else the
        first pending one).
        """
        if self.session is not None:
            self.session.decisions_changed.disconnect(self._on_decisions_changed)
            self.session.focus_requested.disconnect(self._on_focus_requested)
        self.session = session
        self.current = None
        self.start_at = start_at
        self.fix_table.set_session(session)
        self.ruler.set_session(session, self.diff.left if session is not None else None)
        self.detail.show_fix(None, None)  # before loading: a small text is shown at once
        if session is not None:
            session.decisions_changed.connect(self._on_decisions_changed)
            session.focus_requested.connect(self._on_focus_requested)
            self.diff.load(session, cleaned if cleaned is not None else session.cleaned_text())
        else:
            self.diff.load(None)
        self._update_profile()
        self._update_counts()
        self._update_enabled()
        self._update_shown()

    def _on_loaded(self) -> None:
        self._update_enabled()
        if self.session is not None and len(self.session):
            first = self.start_at
            if first is None or not 0 <= first < len(self.session):
                first = self.session.next_index(None, undecided_only=True)
            self.select(first if first is not None else 0)
        self.ready.emit()

    def _on_decisions_changed(self, indices: list[int]) -> None:
        self._update_counts()
        if self.current is not None and self.current in indices:
            self.detail.show_state()

    def _on_focus_requested(self, index: int) -> None:
        """Undo or redo changed ``index``: show it, so the change is seen."""
        if self.current != index:
            self.select(index)
        else:
            self.diff.show_fix(index)
            self.fix_table.select_fix(index)

    def _update_profile(self) -> None:
        session = self.session
        if session is None:
            self.profile_label.setText("")
            return
        counts = session.category_counts()
        dark = self._dark()
        parts = []
        for category in Category:
            chip = category_color(category, dark).name()
            parts.append(
                f'<span style="color:{chip}">■</span>&nbsp;{counts[category]}&nbsp;'
                f"{html.escape(category.value)}"
            )
        self.profile_label.setText(
            f"<b>Artifact profile:</b> {session.item_count()} fixes — " + " &nbsp; ".join(parts)
        )

    def _update_counts(self) -> None:
        session = self.session
        if session is None:
            self.counts_label.setText("")
            return
        counts = session.state_counts()
        position = ""
        if self.current is not None:
            position = f"Fix {session.item_number(self.current)} of {session.item_count()} · "
        self.counts_label.setText(
            f"{position}{counts[Decision.PENDING]:,} pending · "
            f"{counts[Decision.ACCEPTED]:,} accepted · {counts[Decision.REJECTED]:,} rejected"
        )

    def _update_shown(self) -> None:
        """'N of M shown', and a note in the list when a filter matches nothing."""
        model = self.fix_table.fix_model
        shown, total = len(model.rows), model.total()
        filtering = self.filter_bar.is_filtering()
        self.shown_label.setText(
            f"{shown:,} of {total:,} fixes shown" if filtering else f"All {total:,} fixes shown"
        )
        # enabled, not shown or hidden: a change of layout would resize (and repaint) the texts
        self.clear_filter_button.setEnabled(filtering)
        if total and not shown:
            self.fix_table.show_empty_note(
                "No fix matches the filter.\nPress Esc in the search box or click Show All."
            )
        elif self.session is not None and not total:
            self.fix_table.show_empty_note("No fixes found: the text looks clean.")
        else:
            self.fix_table.show_empty_note("")

    # -- colours -------------------------------------------------------------

    def _dark(self) -> bool:
        app = QApplication.instance()
        return isinstance(app, QApplication) and is_dark(app)

    def _colours_for(self, index: int) -> MarkColours:
        session = self.session
        assert session is not None
        key = (session.fixes[index].category, session.decision(index))
        colours = self._colours.get(key)
        if colours is None:
            colours = mark_colours(key[0], key[1], self._dark())
            self._colours[key] = colours
        return colours

    def changeEvent(self, event: QEvent) -> None:
        """Re-fetch the fix colours when the palette changes (light/dark)."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._colours.clear()
            self._update_profile()
            dark = self._dark()
            self.diff.set_colour_function(self._colours_for, dark)
            self.ruler.dark = dark
            self.ruler.redraw()
        super().changeEvent(event)

    # -- layout ----------------------------------------------------------------

    def reset_layout(self) -> None:
        """The default split: texts and list share the width, the two texts equally."""
        width = max(self.splitter.width(), 800)
        texts = round(width * TEXT_SHARE)
        self.splitter.setSizes([texts, width - texts])
        height = max(self.side_splitter.height(), 400)
        self.side_splitter.setSizes([round(height * 0.6), height - round(height * 0.6)])
        half = max(texts - self.ruler.width(), 2 * PANE_MIN_WIDTH) // 2
        self.diff.setSizes([half, half])
        self.fix_table.reset_columns()

    def layout_is_usable(self) -> bool:
        """Whether no part of the window is squeezed below its minimum (a stale saved layout)."""
        sizes = self.splitter.sizes()
        panes = self.diff.sizes()
        return (
            len(sizes) == 2
            and sizes[1] >= PANEL_MIN_WIDTH
            and all(size >= PANE_MIN_WIDTH for size in panes)
        )

    def set_zoom(self, zoom: float) -> None:
        """Make the texts and the list ``zoom`` points larger (or smaller) than normal."""
        self.zoom = min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        size = max(self._base_point_size + self.zoom, 4.0)
        for widget in (self.diff.left, self.diff.right, self.fix_table):
            font = widget.font()
            font.setPointSizeF(size)
            widget.setFont(font)
        self.fix_table.reset_columns()
        self.diff.repaint_fixes()

    def zoom_in(self) -> None:
        """One step larger (Ctrl++)."""
        self.set_zoom(self.zoom + ZOOM_STEP)

    def zoom_out(self) -> None:
        """One step smaller (Ctrl+-)."""
        self.set_zoom(self.zoom - ZOOM_STEP)

    def zoom_reset(self) -> None:
        """Normal size (Ctrl+0)."""
        self.set_zoom(0.0)

    # -- intents -------------------------------------------------------------

    def select(self, index: int | None) -> None:
        """Make fix ``index`` current: centred in both panes and selected in the list."""
        if self._selecting or self.session is None:
            return
        self._selecting = True
        try:
            self.current = index
            self.diff.show_fix(index)
            self.fix_table.select_fix(index)
        finally:
            self._selecting = False
        self.ruler.set_current(index)
        self.detail.follow(self.session, index)
        self._update_counts()
        self._update_enabled()
        self.current_changed.emit(index)

    def _on_table_current(self, index: int) -> None:
        # a refilter moves the current fix to another row: nothing to show anew
        if index != self.current:
            self.select(index)

    def go_next(self) -> None:
        """Go to the next fix in the list's order."""
        self._step(forward=True, pending_only=False)

    def go_previous(self) -> None:
        """Go to the previous fix in the list's order."""
        self._step(forward=False, pending_only=False)

    def go_next_pending(self) -> None:
        """Go to the next pending fix in the list's order, wrapping around."""
        self._step(forward=True, pending_only=True)

    def _step(self, *, forward: bool, pending_only: bool) -> None:
        session = self.session
        if session is None:
            return
        order = self._list_order()
        if not order:
            return
        row = self._row_of_current(order)
        count = len(order)
        if pending_only:
            for offset in range(1, count + 1):
                candidate = order[(row + offset) % count] if row >= 0 else order[offset - 1]
                if session.decision(candidate) is Decision.PENDING:
                    self.select(candidate)
                    return
            return
        if row < 0:
            self.select(order[0] if forward else order[-1])
            return
        target = row + (1 if forward else -1)
        if 0 <= target < count:
            self.select(order[target])

    def _list_order(self) -> list[int]:
        """Fix indices in the order the list shows them (sorted and filtered)."""
        return self.fix_table.fix_model.rows

    def _row_of_current(self, order: list[int]) -> int:
        if self.current is None:
            return -1
        row = self.fix_table.fix_model.row_of(self.current)
        if row >= 0:
            return row
        # the current fix is filtered out: continue from the nearest shown one before it
        before = [i for i, fix in enumerate(order) if fix < self.current]
        return before[-1] if before else -1

    def decide_current(self, decision: Decision) -> None:
        """Decide the current fix, then go on to the next fix in the list's order.

        With :attr:`advance_to_undecided` set it goes to the next undecided one
        instead.  At the end of the list the decided fix stays current and in view.
        """
        if self.session is None or self.current is None:
            return
        decided = self.current
        self.session.decide(decided, decision)
        target = self._following(decided, pending_only=self.advance_to_undecided)
        self.select(decided if target is None else target)

    def _following(self, index: int, *, pending_only: bool) -> int | None:
        """The fix after ``index`` in the list's order (optionally the next pending one)."""
        session = self.session
        assert session is not None
        order = self._list_order()
        if not order:
            return None
        row = self._row_of_current(order)
        count = len(order)
        if pending_only:
            for offset in range(1, count + 1):
                candidate = order[(row + offset) % count] if row >= 0 else order[offset - 1]
                if candidate != index and session.decision(candidate) is Decision.PENDING:
                    return candidate
            return None
        target = row + 1
        return order[target] if 0 <= target < count else None

    def toggle_current(self) -> None:
        """Flip the current fix between accepted and rejected (pending becomes accepted)."""
        if self.session is not None and self.current is not None:
            self.session.toggle(self.current)
            # a decision always brings its fix into view (the detail follows the decision)
            self.diff.show_fix(self.current)
            self.fix_table.select_fix(self.current)

    def decide_selected(self, decision: Decision) -> int:
        """Decide every fix selected in the list (one undo step)."""
        if self.session is None:
            return 0
        indices = self.fix_table.selected_fixes()
        if not indices and self.current is not None:
            indices = [self.current]
        label = f"{decision.value.title()} {len(indices)} selected fixes"
        return self._bulk_done(self.session.decide_many(indices, decision, label))

    def decide_shown(self, decision: Decision) -> int:
        """Decide every fix the filter shows (one undo step)."""
        if self.session is None:
            return 0
        self.filter_bar.flush()
        indices = self.fix_table.visible_fixes()
        label = f"{decision.value.title()} {len(indices)} shown fixes"
        return self._bulk_done(self.session.decide_many(indices, decision, label))

    def decide_category(self, category: Category, decision: Decision) -> int:
        """Decide every fix of ``category`` (one undo step)."""
        if self.session is None:
            return 0
        return self._bulk_done(self.session.decide_category(category, decision))

    def _bulk_done(self, changed: int) -> int:
        """After a bulk decision: a list showing one state drops what left it; say how many."""
        self.fix_table.fix_model.refilter_states()
        if self.current is not None:
            self.fix_table.select_fix(self.current)
        self.bulk_decided.emit(changed)
        return changed

    bulk_decided = Signal(int)  # how many fixes changed

    def _update_bulk_counts(self) -> None:
        """Every bulk entry says how many fixes it decides, before it acts."""
        session = self.session
        if session is None:
            return
        selected = len(self.fix_table.selected_fixes()) or (1 if self.current is not None else 0)
        self.filter_bar.flush()
        shown = len(self.fix_table.fix_model.rows)
        self.accept_selected_action.setText(f"Accept {selected:,} &Selected")
        self.reject_selected_action.setText(f"Reject {selected:,} S&elected")
        self.accept_shown_action.setText(f"Accept All {shown:,} S&hown")
        self.reject_shown_action.setText(f"Reject All {shown:,} Sho&wn")
        counts = session.category_counts()
        for action in self.category_actions:
            category, decision = action.data()
            verb = "Accept" if decision is Decision.ACCEPTED else "Reject"
            count = counts[category]
            action.setText(f"{verb} All {count:,} {category.value.title()} Fixes")
            action.setVisible(count > 0)

    def _request_dictionary(self, keep: bool) -> None:
        if self.session is None or self.current is None:
            return
        word = self.session.hyphenated_word(self.current)
        if word is not None:
            self.dictionary_requested.emit(word, keep)

    def _request_forget(self) -> None:
        if self.session is None or self.current is None:
            return
        word = self.session.hyphenated_word(self.current)
        if word is not None:
            self.forget_requested.emit(word)

    def _on_custom_requested(self, index: int, text: str) -> None:
        if self.session is not None:
            self.session.set_custom(index, text)
            self.select(index)

    def _on_filter_changed(self) -> None:
        self.filter_bar.apply_to(self.fix_table.fix_model)

    def _on_rows_changed(self) -> None:
        self._update_shown()
        if self._selecting:
            return
        if self.current is not None and self.fix_table.fix_model.row_of(self.current) >= 0:
            self.fix_table.select_fix(self.current)
        else:
            self.fix_table.scrollToTop()  # the old scroll offset means nothing in new rows

    # -- context menus ---------------------------------------------------------

    def _fix_menu(self, index: int) -> QMenu:
        self.select(index)
        menu = QMenu(self)
        for action in (self.accept_action, self.reject_action, self.toggle_action):
            menu.addAction(action)
        word = self.session.hyphenated_word(index) if self.session is not None else None
        if word is not None:
            menu.addSeparator()
            keep = menu.addAction(f"Always Keep “{word}” Hyphenated")
            keep.triggered.connect(self.keep_word_action.trigger)
            join = menu.addAction(f"Always Join “{word.replace('-', '')}”")
            join.triggered.connect(self.join_word_action.trigger)
            if self.forget_word_action.isEnabled():
                menu.addAction(self.forget_word_action)
        menu.addSeparator()
        menu.addAction(self.edit_replacement_action)
        return menu

    def _on_pane_menu(self, index: int, global_pos: QPoint) -> None:
        if index < 0 or self.session is None:
            return
        self._fix_menu(index).popup(global_pos)

    def _on_table_menu(self, pos: QPoint) -> None:
        cell = self.fix_table.indexAt(pos)
        if not cell.isValid() or self.session is None:
            return
        index = self.fix_table.fix_model.rows[cell.row()]
        menu = self._fix_menu(index)
        menu.addSeparator()
        menu.addAction(self.accept_selected_action)
        menu.addAction(self.reject_selected_action)
        menu.popup(self.fix_table.viewport().mapToGlobal(pos))
