"""The main window: menus, file flows (open, save, recovery, watching) and the status bar."""

from __future__ import annotations

import gc
import html
import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from editor.engine.errors import MendError
from editor.engine.model import Decision
from editor.engine.textfile import FileStamp, default_output_path
from editor.engine.userdict import UserDictionary
from editor.ui import dialogs, encoding, settings
from editor.ui.help_dialog import HelpDialog
from editor.ui.preferences_dialog import PreferencesDialog
from editor.ui.recovery import JournalWriter, Recovered
from editor.ui.resources import app_icon, icon
from editor.ui.review.widget import ReviewWidget
from editor.ui.session import ReviewSession
from editor.ui.theme import apply_theme
from editor.ui.workers import ScanDispatcher, ScanRequest, ScanResult

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent

    from editor.ui.encoding import EncodingDoubt
    from editor.ui.recovery import RecoveryStore
    from editor.ui.session import FixKey

logger = logging.getLogger(__name__)

_TEXT_FILTER = "Text files (*.txt *.text *.md *.csv *.srt *.html *.htm *.xml);;All files (*)"
_PROGRESS_STEPS = 1000
_WELCOME = (
    "<h2>Mend</h2><p>Open a text file to clean: <b>File › Open</b> (Ctrl+O),<br>"
    "drop a file here, or paste text with <b>File › Paste as New Document</b> (Ctrl+Shift+V).</p>"
)
#: a change on disk is looked at this long after the last notification (saves come in bursts)
_WATCH_DELAY_MS = 300
SAVE, KEEP, DISCARD, CANCEL = "Save", "Keep for Later", "Discard", "Cancel"
RELOAD, KEEP_REVIEWING = "Reload", "Keep Reviewing"
RESTORE, START_OVER = "Restore", "Start Over"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 fix``, ``2 fixes``: the count with the noun that fits it."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def _short_folder(path: Path) -> str:
    folder = str(path.parent)
    home = str(Path.home())
    if folder == home or folder.startswith(home + "/"):
        folder = "~" + folder[len(home) :]
    return folder


class MainWindow(QMainWindow):
    """GUI: one review per window; everything is built here from what ``app.py`` passes in."""

    review_ready = Signal()

    def __init__(
        self,
        store: QSettings,
        recovery: RecoveryStore | None = None,
        dictionary_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.preferences = settings.load_preferences(store)
        self.recovery = recovery
        self.dictionary_path = dictionary_path
        self.session: ReviewSession | None = None
        self.fingerprint = ""
        self._carry: tuple[dict[FixKey, str], dict[FixKey, str], FixKey | None] | None = None
        self.dictionary = (
            UserDictionary.load(dictionary_path) if dictionary_path is not None else None
        )
        self._pending_title = ""
        self._asking_about_disk = False
        self._closed = False

        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setAccessibleName("Mend")

        self.review = ReviewWidget(self)
        self.welcome = QLabel(_WELCOME, self)
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setAccessibleName("Welcome")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.review)
        self.setCentralWidget(self.stack)

        self.undo_group = QUndoGroup(self)
        self.dispatcher = ScanDispatcher(self)
        self.dispatcher.progress_changed.connect(self._on_scan_progress)
        self.dispatcher.scan_finished.connect(self._on_scan_finished)
        self.dispatcher.scan_failed.connect(self._on_scan_failed)
        self.dispatcher.scan_cancelled.connect(self._on_scan_cancelled)
        self.review.ready.connect(self._on_review_ready)
        self.review.dictionary_requested.connect(self.add_to_dictionary)
        self.review.forget_requested.connect(self.forget_word)
        self.review.confidence_requested.connect(self.decide_by_confidence)
        self.review.current_changed.connect(self._on_current_changed)
        self.review.bulk_decided.connect(
            lambda n: self.statusBar().showMessage(f"{plural(n, 'fix', 'fixes')} changed.", 5000)
        )
        self.review.dictionary_lookup = self._dictionary_state
        self.review.advance_to_undecided = self.preferences.advance_to_undecided

        self.journal: JournalWriter | None = None
        if recovery is not None:
            self.journal = JournalWriter(recovery, parent=self)
            self.journal.write_failed.connect(
                lambda message: self.statusBar().showMessage(message, 8000)
            )
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self._watch_timer = QTimer(self)
        self._watch_timer.setSingleShot(True)
        self._watch_timer.setInterval(_WATCH_DELAY_MS)
        self._watch_timer.timeout.connect(self._check_disk)

        self._build_status_bar()
        self._build_menus()
        self._restore_window_state()
        self._update_title()
        self._update_file_actions()

    # -- building ------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.stage_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, _PROGRESS_STEPS)
        self.progress.setMaximumWidth(220)
        self.progress.setAccessibleName("Scan progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the running scan (Esc)")
        self.cancel_button.setAccessibleName("Cancel scan")
        self.cancel_button.clicked.connect(self.cancel_scan)
        self.layout_label = QLabel(self)
        self.layout_label.setAccessibleName("File encoding and line endings")
        self.layout_label.setToolTip(
            "How the file is stored; the cleaned copy is stored the same way"
        )
        for widget in (self.stage_label, self.progress, self.cancel_button):
            bar.addPermanentWidget(widget)
            widget.hide()
        bar.addPermanentWidget(self.layout_label)

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        icon_name: str | None = None,
    ) -> QAction:
        action = menu.addAction(text)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon_name:
            action.setIcon(icon(icon_name))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_action = self._add(
            file_menu,
            "&Open…",
            self.choose_file,
            QKeySequence.StandardKey.Open,
            "Open a text file to clean",
            "open",
        )
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.paste_action = self._add(
            file_menu,
            "&Paste as New Document",
            self.paste_new_document,
            "Ctrl+Shift+V",
            "Review the text on the clipboard",
        )
        file_menu.addSeparator()
        self.save_action = self._add(
            file_menu,
            "&Save",
            self.save,
            QKeySequence.StandardKey.Save,
            "Save the cleaned copy again",
            "save",
        )
        self.save_as_action = self._add(
            file_menu,
            "Save Cleaned Copy &As…",
            self.save_as,
            QKeySequence.StandardKey.SaveAs,
            "Choose where to save the cleaned copy",
        )
        if self.save_as_action.shortcut().isEmpty():
            self.save_as_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.reopen_encoding_action = self._add(
            file_menu,
            "Reopen with &Encoding…",
            self.reopen_with_encoding,
            None,
            "Read the file again in an encoding you choose, each one previewed",
        )
        file_menu.addSeparator()
        self.rescan_action = self._add(
            file_menu,
            "Sc&an Again",
            self.rescan,
            QKeySequence.StandardKey.Refresh,
            "Scan the text again, keeping your decisions",
        )
        self.rescan_action.setShortcuts(_with_keys(self.rescan_action, "F5"))
        self.cancel_action = self._add(
            file_menu, "Cancel Scan", self.cancel_scan, "Esc", "Stop the running scan"
        )
        self.close_action = self._add(
            file_menu,
            "&Close",
            self.close_document,
            QKeySequence.StandardKey.Close,
            "Close the text",
        )
        self.close_action.setShortcuts(_with_keys(self.close_action, "Ctrl+W"))
        file_menu.addSeparator()
        self.quit_action = self._add(
            file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, "Quit Mend"
        )
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.find_action = self._add(
            edit_menu,
            "&Find Fix…",
            self.review.filter_bar.search.setFocus,
            QKeySequence.StandardKey.Find,
            "Search the fix list",
        )
        edit_menu.addSeparator()
        self.preferences_action = self._add(
            edit_menu,
            "Pr&eferences…",
            self.edit_preferences,
            QKeySequence.StandardKey.Preferences,
            "Language, rules, default confidence and theme",
        )
        if self.preferences_action.shortcut().isEmpty():
            self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))

        review_menu = bar.addMenu("&Review")
        for action in self.review.review_actions:
            review_menu.addAction(action)
        review_menu.addSeparator()
        review_menu.addMenu(self.review.bulk_menu)
        review_menu.addSeparator()
        review_menu.addAction(self.review.keep_word_action)
        review_menu.addAction(self.review.join_word_action)
        review_menu.addAction(self.review.forget_word_action)
        review_menu.addSeparator()
        review_menu.addAction(self.review.edit_replacement_action)

        view_menu = bar.addMenu("&View")
        self._add(
            view_menu, "Fix &List", self.review.fix_table.setFocus, "Ctrl+L", "Focus the fix list"
        )
        self._add(
            view_menu,
            "&Original Text",
            self.review.diff.left.setFocus,
            "Ctrl+1",
            "Focus the original text",
        )
        self._add(
            view_menu,
            "&Cleaned Text",
            self.review.diff.right.setFocus,
            "Ctrl+2",
            "Focus the cleaned text",
        )
        view_menu.addSeparator()
        self.zoom_in_action = self._add(
            view_menu, "Zoom &In", self._zoom_in, QKeySequence.StandardKey.ZoomIn, "Larger text"
        )
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.zoom_out_action = self._add(
            view_menu, "Zoom &Out", self._zoom_out, QKeySequence("Ctrl+-"), "Smaller text"
        )
        self.zoom_reset_action = self._add(
            view_menu, "&Normal Size", self._zoom_reset, QKeySequence("Ctrl+0"), "Normal text size"
        )
        view_menu.addSeparator()
        self.reset_layout_action = self._add(
            view_menu,
            "&Reset Layout",
            self.review.reset_layout,
            None,
            "Share the width between texts and list again, and reset the columns",
        )

        help_menu = bar.addMenu("&Help")
        self.help_action = self._add(
            help_menu,
            "&Keys and Marks…",
            self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
            "Every keyboard shortcut and what the marks in the texts mean",
        )
        if self.help_action.shortcut().isEmpty():
            self.help_action.setShortcut(QKeySequence("F1"))
        self._add(help_menu, "&About Mend", self.show_about)

    def _restore_window_state(self) -> None:
        geometry, splitter = settings.load_window_state(self.store)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        if splitter is not None:
            self.review.splitter.restoreState(splitter)
        self.review.set_zoom(settings.load_zoom(self.store))

    def showEvent(self, event: QShowEvent) -> None:
        """A remembered layout that squeezes a pane below its minimum is replaced by the default."""
        super().showEvent(event)
        if not self.review.layout_is_usable():
            self.review.reset_layout()

    def _zoom_in(self) -> None:
        self.review.zoom_in()
        settings.save_zoom(self.store, self.review.zoom)

    def _zoom_out(self) -> None:
        self.review.zoom_out()
        settings.save_zoom(self.store, self.review.zoom)

    def _zoom_reset(self) -> None:
        self.review.zoom_reset()
        settings.save_zoom(self.store, self.review.zoom)

    # -- state shown -----------------------------------------------------------

    def _document_name(self) -> str:
        if self.session is None:
            return self._pending_title
        if self.session.source is not None:
            return self.session.source.name
        return "Pasted text"

    def _update_title(self) -> None:
        name = self._document_name()
        self.setWindowTitle(f"{name}[*] — Mend" if name else "Mend")
        self.setWindowModified(self.session is not None and self.session.is_modified)

    def _update_file_actions(self) -> None:
        has = self.session is not None
        self.save_action.setEnabled(has)
        self.save_as_action.setEnabled(has)
        self.close_action.setEnabled(has or self.dispatcher.is_running)
        self.rescan_action.setEnabled(has and not self.dispatcher.is_running)
        self.reopen_encoding_action.setEnabled(
            has and self.session is not None and self.session.source is not None
        )
        self.cancel_action.setEnabled(self.dispatcher.is_running)

    def _show_scanning(self, on: bool) -> None:
        for widget in (self.stage_label, self.progress, self.cancel_button):
            widget.setVisible(on)
        if on:
            self.progress.setRange(0, 0)
        self._update_file_actions()

    # -- opening -----------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a file and open it."""
        start = str(self.session.source.parent) if self.session and self.session.source else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open Text", start, _TEXT_FILTER)
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> bool:
        """Scan ``path`` in the background and review it (after asking about unsaved work)."""
        if not self.maybe_discard():
            return False
        self._start_scan(self._request(source=path), path.name)
        return True

    def paste_new_document(self) -> bool:
        """Review the clipboard's text as a new document."""
        text = QApplication.clipboard().text()
        if not text:
            self.statusBar().showMessage("The clipboard holds no text.", 5000)
            return False
        if not self.maybe_discard():
            return False
        self._start_scan(self._request(text=text), "Pasted text")
        return True

    def rescan(self) -> None:
        """Scan the current text again (new preferences or dictionary), keeping decisions."""
        session = self.session
        if session is None:
            return
        position = session.key_of(self.review.current) if self.review.current is not None else None
        self._carry = (session.decision_map(), session.custom_map(), position)
        request = self._request(
            source=session.source,
            text=None if session.source is not None else session.original,
        )
        self._start_scan(request, self._document_name(), keep_session=True)

    def _request(self, source: Path | None = None, text: str | None = None) -> ScanRequest:
        """A scan of ``source`` (or ``text``) with the current preferences and dictionary."""
        dictionary = (
            UserDictionary.load(self.dictionary_path)
            if self.dictionary_path is not None
            else UserDictionary()
        )
        return ScanRequest(
            source=source,
            text=text,
            options=self.preferences.scan_options(dictionary),
            min_confidence=self.preferences.min_confidence,
        )

    def _start_scan(self, request: ScanRequest, title: str, *, keep_session: bool = False) -> None:
        if not keep_session:
            self._carry = None
            self._set_session(None)
        self._pending_title = title
        if self.session is None:
            self.welcome.setText(f"<h2>Opening {html.escape(title)}…</h2>")
        self.dispatcher.start(request)
        self.stage_label.setText(f"Opening {title}…")
        self._show_scanning(True)
        self._update_title()

    def cancel_scan(self) -> None:
        """Stop the running scan; a rescan keeps the review as it was, an open shows nothing."""
        self.dispatcher.cancel()

    def _on_scan_progress(self, stage: str, fraction: float) -> None:
        self.stage_label.setText(f"{stage}…")
        if fraction < 0:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, _PROGRESS_STEPS)
            self.progress.setValue(round(fraction * _PROGRESS_STEPS))

    def _show_welcome(self) -> None:
        self.welcome.setText(_WELCOME)

    def _on_scan_cancelled(self) -> None:
        self._show_welcome()
        self._show_scanning(False)
        self._carry = None
        if self.session is None:
            self._pending_title = ""  # the cancelled file is not open: the title must not say so
        self.statusBar().showMessage("Scan cancelled.", 5000)
        self._update_title()

    def _on_scan_failed(self, message: str) -> None:
        self._show_welcome()
        self._show_scanning(False)
        self._carry = None
        if self.session is None:
            self._pending_title = ""
        self._update_title()
        QMessageBox.critical(self, "Cannot open the text", message)

    def _on_scan_finished(self, result: ScanResult) -> None:
        self._show_welcome()
        self._show_scanning(False)
        session = ReviewSession(
            result.text,
            result.fixes,
            result.decisions,
            layout=result.layout,
            source=result.source,
            stamp=result.stamp,
            min_confidence=self.preferences.min_confidence,
            offsets=result.offsets,
            lines=result.lines,
            searchable=result.searchable,
            pieces=result.pieces,
            parent=self,
        )
        carried = self._carry
        self._carry = None
        previous = self.session
        if previous is not None and carried is not None:
            session.output_path = previous.output_path
        self.fingerprint = result.fingerprint
        stored = None
        if carried is None and result.source is not None and self.recovery is not None:
            stored = self.recovery.load(result.source, result.fingerprint)
        position = carried[2] if carried is not None else stored.position if stored else None
        start_at = session.index_of_key(position) if position is not None else None
        self._set_session(session, result.cleaned, start_at)
        if carried is not None:
            self._start_journal(session)
            session.restore(carried[0], "Keep decisions across the rescan", carried[1])
        elif result.source is not None:
            restore = stored is not None and len(stored) > 0 and self._offer_recovery(stored)
            if stored is not None and not restore:
                self.recovery.discard(result.source)  # type: ignore[union-attr]
                self.review.start_at = None
            self._start_journal(session)
            if restore:
                assert stored is not None
                session.restore(stored.decisions, "Restore decisions", stored.custom)
                if start_at is not None:
                    self.review.start_at = start_at
                    if not self.review.diff.is_loading:
                        self.review.select(start_at)
            settings.add_recent_file(self.store, str(result.source))
        self._update_title()
        if result.doubt is not None:
            # the reader was not sure of the encoding: ask once the review is on screen
            doubt = result.doubt
            QTimer.singleShot(0, lambda: self._closed or self.reopen_with_encoding(doubt))

    def reopen_with_encoding(self, doubt: EncodingDoubt | None = None) -> bool:
        """Ask for an encoding (previews of the file's bytes) and read the file again in it."""
        session = self.session
        if session is None or session.source is None:
            return False
        try:
            data = session.source.read_bytes()
        except OSError as exc:
            QMessageBox.critical(self, "Cannot read the file", f"{session.source}: {exc}")
            return False
        chosen = encoding.ask_encoding(self, session.source, data, doubt)
        if chosen is None or not self.maybe_discard():
            return False
        request = replace(self._request(source=session.source), encoding=chosen)
        self._start_scan(request, session.source.name)
        return True

    def _start_journal(self, session: ReviewSession) -> None:
        if self.journal is not None and session.source is not None:
            self.journal.start(session.source, self.fingerprint)

    def _offer_recovery(self, stored: Recovered) -> bool:
        """Ask whether to restore a journal's decisions (a kept review resumes without asking)."""
        session = self.session
        assert session is not None
        assert session.source is not None
        when = stored.written.astimezone().strftime("%Y-%m-%d %H:%M") if stored.written else "?"
        count = plural(len(stored), "decision")
        if stored.kept:
            self.statusBar().showMessage(
                f"Resumed your review of {session.source.name}: {count} from {when}. "
                "Ctrl+Z undoes the resume.",
                10000,
            )
            return True
        answer = dialogs.choose(
            self,
            "Restore decisions?",
            f"Mend was closed without saving your review of {session.source.name}, "
            "and the file has not changed since.",
            [RESTORE, START_OVER],
            details=f"Restore the {count} you made (last one at {when}) and go back to "
            "the fix you were on?",
        )
        return answer == RESTORE

    def _set_session(
        self,
        session: ReviewSession | None,
        cleaned: str | None = None,
        start_at: int | None = None,
    ) -> None:
        old = self.session
        if old is not None:
            gc.unfreeze()  # the old review's objects may be garbage now
            self.undo_group.removeStack(old.undo_stack)
            old.undo_stack.cleanChanged.disconnect(self._update_title)
            old.decisions_changed.disconnect(self._on_decisions_changed)
            if old.source is not None and str(old.source) in self.watcher.files():
                self.watcher.removePath(str(old.source))
        self.session = session
        if session is not None:
            self.undo_group.addStack(session.undo_stack)
            self.undo_group.setActiveStack(session.undo_stack)
            session.undo_stack.cleanChanged.connect(self._update_title)
            session.decisions_changed.connect(self._on_decisions_changed)
            if session.source is not None:
                self.watcher.addPath(str(session.source))
            self.layout_label.setText(session.layout.label if session.source else "")
        else:
            self.layout_label.setText("")
        self.review.set_session(session, cleaned, start_at)
        self.stack.setCurrentWidget(self.review if session is not None else self.welcome)
        if old is not None and old is not session:
            old.deleteLater()
        self._update_title()
        self._update_file_actions()

    def _on_review_ready(self) -> None:
        session = self.session
        # the review's objects (fixes, rows, spans) live as long as the review: a full pass
        # of the cyclic collector over them took 0.1 s on 5 MB (more on 20 MB) at some key
        # press; frozen, the collector walks only what was made after (see _set_session)
        gc.freeze()
        if session is not None:
            pending = session.state_counts()[Decision.PENDING]
            waiting = "waits" if pending == 1 else "wait"
            self.statusBar().showMessage(
                f"{plural(session.item_count(), 'fix', 'fixes')} found; {pending:,} {waiting} "
                "for your decision.",
                8000,
            )
            self.review.fix_table.setFocus()
        self.review_ready.emit()

    def _on_decisions_changed(self, indices: list[int]) -> None:
        """Journal the changed decisions at once: O(changed), the writing is in a thread."""
        session = self.session
        if self.journal is not None and session is not None and session.source is not None:
            self.journal.record([session.entry(i) for i in indices])

    def _on_current_changed(self, index: int | None) -> None:
        session = self.session
        if (
            self.journal is not None
            and session is not None
            and session.source is not None
            and index is not None
        ):
            self.journal.record_position(session.key_of(index))

    # -- saving ------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the chosen copy, or ask where the first time."""
        if self.session is None:
            return False
        if self.session.output_path is None:
            return self.save_as()
        return self._save_to(self.session.output_path)

    def save_as(self) -> bool:
        """Ask where to save the cleaned copy (default NAME.cleaned.EXT beside the original)."""
        session = self.session
        if session is None:
            return False
        if session.output_path is not None:
            default = session.output_path
        elif session.source is not None:
            default = default_output_path(session.source)
        else:
            default = Path.home() / "pasted.cleaned.txt"
        name, _ = QFileDialog.getSaveFileName(
            self, "Save Cleaned Copy As", str(default), _TEXT_FILTER
        )
        if not name:
            return False
        path = Path(name)
        if session.source is not None and _same_file(path, session.source):
            answer = QMessageBox.warning(
                self,
                "Overwrite the original?",
                f"{path.name} is the original file. Replace it with the cleaned text?\n\n"
                "The original text will be gone; saving a copy is safer.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        session = self.session
        assert session is not None
        try:
            session.save(path)
        except (MendError, OSError) as exc:
            QMessageBox.critical(
                self,
                "Cannot save",
                f"The cleaned copy was not saved:\n{exc}\n\n"
                "Your decisions are kept; try another place.",
            )
            return False
        if session.source is not None and _same_file(path, session.source):
            session.stamp = FileStamp.of_path(path)  # our own write is not a change on disk
        self._forget_recovery()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        self._update_title()
        return True

    # -- closing -----------------------------------------------------------------

    def maybe_discard(self) -> bool:
        """Ask before unsaved decisions are lost; False means the user wants to stay."""
        session = self.session
        if session is None:
            return True
        if not session.is_modified:
            self._forget_recovery()
            return True
        can_keep = self.journal is not None and session.source is not None
        choices = [SAVE, KEEP, DISCARD, CANCEL] if can_keep else [SAVE, DISCARD, CANCEL]
        pending = session.state_counts()[Decision.PENDING]
        answer = dialogs.choose(
            self,
            "Unsaved decisions",
            f"Your decisions on {self._document_name()} are not saved in a cleaned copy.",
            choices,
            details=(
                f"{plural(pending, 'fix', 'fixes')} still pending. Save the cleaned copy, "
                + (
                    "keep the review to resume it when you open the file again, "
                    if can_keep
                    else ""
                )
                + "or discard your decisions?"
            ),
        )
        if answer == SAVE:
            return self.save()
        if answer == KEEP:
            assert self.journal is not None
            self.journal.record([session.entry(i) for i in self._changed_from_default(session)])
            self.journal.mark_kept()
            self.journal.flush()
            return True
        if answer == DISCARD:
            self._forget_recovery()
            return True
        return False

    @staticmethod
    def _changed_from_default(session: ReviewSession) -> list[int]:
        """Fixes whose decision differs from how they started (what a kept review must hold)."""
        return [
            i
            for i in range(len(session))
            if session.is_custom(i) or session.decision(i) is not session.default_decision(i)
        ]

    def _forget_recovery(self) -> None:
        session = self.session
        if self.journal is not None and session is not None and session.source is not None:
            self.journal.discard()
            self.journal.flush()

    def close_document(self) -> bool:
        """Close the text (asking about unsaved decisions) and show the welcome page."""
        if not self.maybe_discard():
            return False
        self.dispatcher.cancel()
        self._set_session(None)
        self._pending_title = ""
        self._update_title()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask about unsaved decisions, remember the window's geometry, then stop all it started."""
        if not self.maybe_discard():
            event.ignore()
            return
        settings.save_window_state(
            self.store, self.saveGeometry(), self.review.splitter.saveState()
        )
        self._shut_down()
        event.accept()

    def _shut_down(self) -> None:
        """Stop the scan, the file watcher, its timer and the recovery writer for good.

        A closed window may live on (the application keeps a list of its windows, a test
        keeps a reference); nothing it started may wake up later and show a dialog.
        """
        self._closed = True
        gc.unfreeze()  # this review's objects may be garbage now
        self.dispatcher.cancel()
        self._watch_timer.stop()
        self.watcher.blockSignals(True)
        watched = self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        if self.journal is not None:
            self.journal.stop()

    # -- the file on disk -----------------------------------------------------

    def _on_file_changed(self, path: str) -> None:
        session = self.session
        if self._closed:
            return
        if session is not None and session.source is not None and path == str(session.source):
            self._watch_timer.start()

    def changeEvent(self, event: QEvent) -> None:
        """Look at the file again when the window comes to the front.

        File watching can miss a change (network folders, a watch limit reached, an
        editor that replaces the file); an editor is expected to notice on activation.
        """
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._watch_timer.start()

    def _check_disk(self) -> None:
        session = self.session
        if self._closed or session is None or session.source is None or self._asking_about_disk:
            return
        source = session.source
        if source.exists() and str(source) not in self.watcher.files():
            self.watcher.addPath(str(source))  # an editor replaced the file: watch the new one
        current = FileStamp.of_path(source)
        if current is not None and current == session.stamp:
            return
        self._asking_about_disk = True
        try:
            if current is None:
                QMessageBox.warning(
                    self,
                    "File gone",
                    f"{source.name} was deleted or moved. Your review is kept; "
                    "save the cleaned copy to keep the result.",
                )
                session.stamp = None
                return
            answer = dialogs.choose(
                self,
                "File changed on disk",
                f"{source.name} was changed by another program.",
                [RELOAD, KEEP_REVIEWING],
                icon=QMessageBox.Icon.Warning,
                details="Reload: scan the new text (your decisions on the old text are "
                "dropped).\nKeep Reviewing: go on with the text as it was when you opened it.",
            )
            if answer == RELOAD:
                self._forget_recovery()
                session.undo_stack.setClean()  # the user chose to drop them
                self._start_scan(self._request(source=source), source.name)
            else:
                session.stamp = current  # keep reviewing; do not ask again for this change
        finally:
            self._asking_about_disk = False

    # -- drag and drop ---------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept a dragged local file."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open the first dropped local file."""
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        # opening may ask questions; do it after the drop has finished
        QTimer.singleShot(0, lambda: self.open_file(Path(files[0])))

    # -- other commands ---------------------------------------------------------

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = settings.recent_files(self.store)
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)
            return
        for number, path in enumerate(recent, start=1):
            name = f"{Path(path).name} — {_short_folder(Path(path))}".replace("&", "&&")
            label = f"&{number} {name}" if number < 10 else name
            action = self.recent_menu.addAction(label)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(Path(p)))

    def edit_preferences(self) -> None:
        """Show the preferences; a changed language or rule set scans the text again."""
        dialog = PreferencesDialog(self.preferences, self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        new = dialog.preferences()
        old, self.preferences = self.preferences, new
        settings.save_preferences(self.store, new)
        app = QApplication.instance()
        if new.theme != old.theme and isinstance(app, QApplication):
            apply_theme(app, new.theme)
        self.review.advance_to_undecided = new.advance_to_undecided
        if (new.language, new.rules) != (old.language, old.rules) and self.session is not None:
            self.rescan()

    def decide_by_confidence(self, decision: Decision) -> None:
        """Ask for a confidence, then accept the fixes at or above it (or reject those below)."""
        session = self.session
        if session is None:
            return
        accepting = decision is Decision.ACCEPTED
        confidences = [f.confidence for f in session.fixes]
        decisions = session.decisions

        def count(percent: float) -> int:
            limit = percent / 100
            return sum(
                1
                for c, d in zip(confidences, decisions, strict=True)
                if d is not decision and ((c >= limit) if accepting else (c < limit))
            )

        value = dialogs.ask_confidence(
            self,
            "Accept Fixes by Confidence" if accepting else "Reject Fixes by Confidence",
            "Accept every fix at or above:" if accepting else "Reject every fix below:",
            self.preferences.min_confidence * 100,
            count,
            "accept" if accepting else "reject",
        )
        if value is None:
            return
        if accepting:
            changed = session.decide_above(value / 100, decision)
        else:
            changed = session.decide_below(value / 100, decision)
        self.review.bulk_decided.emit(changed)

    def _dictionary_state(self, word: str) -> str | None:
        """``keep``, ``join`` or None: what the user's dictionary says about ``word``."""
        dictionary = self.dictionary
        if dictionary is None:
            return None
        if dictionary.always_keeps(word):
            return "keep"
        if dictionary.always_joins(word):
            return "join"
        return None

    def _set_dictionary_entry(self, word: str, state: str | None) -> None:
        """Make the dictionary say ``state`` about ``word`` and save it (errors are shown)."""
        if self.dictionary is None or self.dictionary_path is None:
            return
        try:
            # a word with a line break is refused; a file that could not be read is not rewritten
            self.dictionary.remove(word)
            if state == "keep":
                self.dictionary.add_keep(word)
            elif state == "join":
                self.dictionary.add_join(word)
            self.dictionary.save(self.dictionary_path)
        except MendError as exc:
            QMessageBox.critical(self, "Cannot save the dictionary", str(exc))
        self.review._update_enabled()

    def add_to_dictionary(self, word: str, keep: bool) -> None:
        """Remember ``word`` as always kept (or joined) and decide its fixes so, in one undo step.

        No rescan: the fixes of that word are decided in place, so the
        position, the other decisions and the undo history stay; Ctrl+Z
        forgets the word again and puts the decisions back.
        """
        session = self.session
        if session is None or self.dictionary is None:
            return
        previous = self._dictionary_state(word)
        state = "keep" if keep else "join"
        indices = session.indices_of_word(word)
        decision = Decision.REJECTED if keep else Decision.ACCEPTED
        verb = "Keep" if keep else "Join"
        changed = session.decide_many(
            indices,
            decision,
            f"Always {verb.lower()} “{word}”",
            also=(
                lambda: self._set_dictionary_entry(word, state),
                lambda: self._set_dictionary_entry(word, previous),
            ),
        )
        shown = "kept hyphenated" if keep else "joined"
        self.statusBar().showMessage(
            f"“{word}” will always be {shown}; {plural(changed, 'fix', 'fixes')} of it "
            f"{'was' if changed == 1 else 'were'} decided so (Ctrl+Z undoes this).",
            8000,
        )

    def forget_word(self, word: str) -> None:
        """Drop ``word`` from the dictionary; its fixes go back to how they started (undoable)."""
        session = self.session
        previous = self._dictionary_state(word)
        if session is None or previous is None:
            return
        decisions = {i: session.default_decision(i) for i in session.indices_of_word(word)}
        session.set_decisions(
            decisions,
            f"Forget “{word}”",
            also=(
                lambda: self._set_dictionary_entry(word, None),
                lambda: self._set_dictionary_entry(word, previous),
            ),
        )
        self.statusBar().showMessage(
            f"“{word}” is no longer in your dictionary (Ctrl+Z puts it back).", 8000
        )

    def show_shortcuts(self) -> None:
        """The help window: every shortcut (read from the menus) and the legend of the marks."""
        HelpDialog(self).exec()

    def show_about(self) -> None:
        """A few words about Mend."""
        from editor import __version__

        QMessageBox.about(
            self,
            "About Mend",
            f"<b>Mend {__version__}</b><p>Repairs stray hyphens and broken quote marks in "
            "text copied from PDFs, web pages, e-books and OCR, one reviewed fix at a time.</p>",
        )


def _with_keys(action: QAction, *keys: str) -> list[QKeySequence]:
    """The action's platform shortcuts plus ``keys`` (documented ones every platform gets)."""
    shortcuts = [s for s in action.shortcuts() if not s.isEmpty()]
    for key in keys:
        sequence = QKeySequence(key)
        if sequence not in shortcuts:
            shortcuts.insert(0, sequence)
    return shortcuts


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
