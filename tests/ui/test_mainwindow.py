from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from editor.engine.errors import ScanCancelled
from editor.engine.model import Decision
from editor.engine.userdict import UserDictionary
from editor.ui import mainwindow as mainwindow_module
from editor.ui import settings, workers

Button = QMessageBox.StandardButton


@pytest.fixture
def save_to(monkeypatch):
    """Answer the save dialog with a chosen path; records the default it proposed."""

    def choose(path):
        proposed = []

        def dialog(parent, title, default, filters):
            proposed.append(default)
            return (str(path) if path else "", "")

        monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
        return proposed

    return choose


def test_open_decide_with_keys_and_save_gives_the_expected_file(
    window, open_review, review_file, save_to, qtbot
):
    session = open_review(window, review_file)
    table = window.review.fix_table
    # starts on the first pending fix ("NA-TO"); accept it, reject the next pending one
    assert session.fixes[window.review.current].original == "-"
    qtbot.keyClick(table, Qt.Key.Key_A)
    qtbot.keyClick(table, Qt.Key.Key_R)
    proposed = save_to(review_file.with_name("book.cleaned.txt"))
    qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert proposed == [str(review_file.with_name("book.cleaned.txt"))]
    expected = "onetwo don’t NATO ok\r\n😀 co-operate and e-mail\r\n"
    assert review_file.with_name("book.cleaned.txt").read_bytes() == expected.encode()
    assert not session.is_modified


def test_second_save_goes_to_the_chosen_copy_without_asking(
    window, open_review, review_file, save_to, tmp_path
):
    session = open_review(window, review_file)
    save_to(tmp_path / "copy.txt")
    window.save_as_action.trigger()
    session.decide(2, Decision.ACCEPTED)
    proposed = save_to(None)
    window.save_action.trigger()
    assert proposed == []
    assert b"NATO" in (tmp_path / "copy.txt").read_bytes()


def test_undo_and_redo_from_the_edit_menu(window, open_review, review_file):
    session = open_review(window, review_file)
    session.decide(2, Decision.ACCEPTED)
    window.undo_action.trigger()
    assert session.decision(2) is Decision.PENDING
    window.redo_action.trigger()
    assert session.decision(2) is Decision.ACCEPTED
    assert window.review.diff.right.toPlainText() == session.cleaned_text()


def test_unsaved_close_asks_and_cancel_keeps_the_window(window, open_review, review_file, answers):
    asked, queue = answers
    session = open_review(window, review_file)
    session.decide(2, Decision.ACCEPTED)
    queue.append(Button.Cancel)
    assert not window.close()
    assert asked == [("question", "Unsaved decisions")]
    assert window.isVisible()


def test_unsaved_close_discard_closes(window, open_review, review_file, answers):
    _asked, queue = answers
    open_review(window, review_file).decide(2, Decision.ACCEPTED)
    queue.append(Button.Discard)
    assert window.close()


def test_closing_without_decisions_does_not_ask(window, open_review, review_file, answers):
    asked, _ = answers
    open_review(window, review_file)
    assert window.close()
    assert asked == []


def test_unsaved_close_save_saves_first(window, open_review, review_file, answers, save_to):
    _, queue = answers
    open_review(window, review_file).decide(2, Decision.ACCEPTED)
    out = review_file.with_name("out.txt")
    save_to(out)
    queue.append(Button.Save)
    assert window.close()
    assert b"NATO" in out.read_bytes()


@pytest.mark.parametrize(("answer", "overwritten"), [(Button.Cancel, False), (Button.Yes, True)])
def test_overwriting_the_original_asks_first(
    window, open_review, review_file, answers, save_to, answer, overwritten
):
    asked, queue = answers
    before = review_file.read_bytes()
    open_review(window, review_file).decide(2, Decision.ACCEPTED)
    save_to(review_file)
    queue.append(answer)
    window.save_as_action.trigger()
    assert asked[0] == ("warning", "Overwrite the original?")
    assert (review_file.read_bytes() != before) is overwritten


def test_save_error_is_shown_and_decisions_kept(
    window, open_review, review_file, answers, save_to, tmp_path
):
    asked, _ = answers
    session = open_review(window, review_file)
    session.decide(2, Decision.ACCEPTED)
    save_to(tmp_path / "missing-folder" / "out.txt")
    assert not window.save()
    assert asked == [("critical", "Cannot save")]
    assert session.is_modified
    assert session.decision(2) is Decision.ACCEPTED


def test_cancel_stops_a_running_scan(window, review_file, monkeypatch, qtbot):
    started, release = threading.Event(), threading.Event()

    def blocking_scan(text, options=None, *, is_cancelled, progress=None):
        started.set()
        release.wait(5)
        if is_cancelled():
            raise ScanCancelled
        return []

    monkeypatch.setattr(workers, "scan", blocking_scan)
    window.open_file(review_file)
    assert started.wait(5)
    assert window.cancel_button.isVisibleTo(window)
    with qtbot.waitSignal(window.dispatcher.scan_cancelled):
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    assert not window.cancel_button.isVisibleTo(window)
    assert window.session is None
    assert window.windowTitle() == "Mend"  # not the cancelled file's name


def test_a_newer_open_replaces_a_running_scan(window, review_file, tmp_path, qtbot):
    other = tmp_path / "other.txt"
    other.write_text("co-op", encoding="utf-8")
    window.open_file(review_file)
    with qtbot.waitSignal(window.review_ready, timeout=10000):
        window.open_file(other)
    assert window.session.source == other


def test_dropping_a_file_opens_it(window, review_file, qtbot):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(review_file))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.review_ready, timeout=10000):
        window.dropEvent(event)
    assert event.isAccepted()
    assert window.session.source == review_file


def test_paste_as_new_document(window, qtbot, review_text):
    QGuiApplication.clipboard().setText("NA-TO")
    with qtbot.waitSignal(window.review_ready, timeout=10000):
        window.paste_action.trigger()
    assert window.session.source is None
    assert window.windowTitle().startswith("Pasted text")


def test_open_recent_lists_opened_files(window, open_review, review_file):
    open_review(window, review_file)
    window._fill_recent_menu()
    assert [a.toolTip() for a in window.recent_menu.actions()] == [str(review_file)]


def test_unreadable_file_shows_an_error(window, tmp_path, answers, qtbot):
    asked, _ = answers
    with qtbot.waitSignal(window.dispatcher.scan_failed, timeout=10000):
        window.open_file(tmp_path / "nope.txt")
    assert asked == [("critical", "Cannot open the text")]


def test_decisions_are_recovered_after_a_crash(
    make_window, open_review, review_file, answers, qtbot
):
    asked, queue = answers
    first = make_window()
    open_review(first, review_file).decide(2, Decision.REJECTED)
    first.journal.flush()  # the journal thread writes at once; this waits for it
    # the first window "crashes": it is never closed properly
    queue.append(Button.Yes)
    second = make_window()
    session = open_review(second, review_file)
    assert asked == [("question", "Restore decisions?")]
    assert session.decision(2) is Decision.REJECTED
    assert second.review.diff.right.toPlainText() == session.cleaned_text()


def test_a_changed_file_is_not_offered_old_decisions(
    make_window, open_review, review_file, answers
):
    asked, _ = answers
    first = make_window()
    open_review(first, review_file).decide(2, Decision.REJECTED)
    first.journal.flush()
    review_file.write_bytes(review_file.read_bytes() + b"more\r\n")
    open_review(make_window(), review_file)
    assert asked == []


def test_a_file_changed_on_disk_can_be_reloaded(window, open_review, review_file, answers, qtbot):
    asked, queue = answers
    open_review(window, review_file)
    queue.append(Button.Yes)
    with qtbot.waitSignal(window.review_ready, timeout=10000):
        review_file.write_bytes(b"fresh co-op text\r\n")
    assert asked == [("question", "File changed on disk")]
    assert window.session.original == "fresh co-op text\n"


def test_keep_reviewing_a_file_changed_on_disk(window, open_review, review_file, answers, qtbot):
    asked, queue = answers
    session = open_review(window, review_file)
    queue.append(Button.No)
    review_file.write_bytes(b"fresh text\r\n")
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert window.session is session


def test_always_keep_goes_to_the_dictionary_and_keeps_the_review(
    window, open_review, review_file, tmp_path
):
    session = open_review(window, review_file)
    session.decide(3, Decision.REJECTED)  # another decision, which must survive
    window.review.select(2)  # NA-TO
    window.review.keep_word_action.trigger()
    assert UserDictionary.load(tmp_path / "dict.txt").always_keeps("NA-TO")
    assert window.session is session
    assert window.review.current == 2
    assert session.decision(2) is Decision.REJECTED
    assert session.decision(3) is Decision.REJECTED
    assert session.undo_stack.count() == 2  # the history is kept


def test_undoing_always_keep_forgets_the_word_and_restores_the_decision(
    window, open_review, review_file, tmp_path
):
    session = open_review(window, review_file)
    window.review.select(2)
    window.review.keep_word_action.trigger()
    window.undo_action.trigger()
    assert not UserDictionary.load(tmp_path / "dict.txt").always_keeps("NA-TO")
    assert session.decision(2) is Decision.PENDING
    window.redo_action.trigger()
    assert UserDictionary.load(tmp_path / "dict.txt").always_keeps("NA-TO")


def test_always_join_accepts_the_word_and_forget_puts_it_back(
    window, open_review, review_file, tmp_path
):
    session = open_review(window, review_file)
    window.review.select(2)
    window.review.join_word_action.trigger()
    assert UserDictionary.load(tmp_path / "dict.txt").always_joins("NA-TO")
    assert session.decision(2) is Decision.ACCEPTED
    assert window.review.forget_word_action.isEnabled()
    window.review.forget_word_action.trigger()
    dictionary = UserDictionary.load(tmp_path / "dict.txt")
    assert not dictionary.always_joins("NA-TO")
    assert not dictionary.always_keeps("NA-TO")
    assert session.decision(2) is Decision.PENDING  # how it started
    window.undo_action.trigger()
    assert UserDictionary.load(tmp_path / "dict.txt").always_joins("NA-TO")


def test_rescan_keeps_decisions(window, open_review, review_file, qtbot):
    open_review(window, review_file).decide(2, Decision.REJECTED)
    with qtbot.waitSignal(window.review_ready, timeout=10000):
        window.rescan_action.trigger()
    assert window.session.decision(2) is Decision.REJECTED


def test_accept_above_confidence_asks_for_the_value(window, open_review, review_file, monkeypatch):
    from editor.ui import dialogs

    session = open_review(window, review_file)
    session.decide_above(0.0, Decision.REJECTED)
    counted = []

    def ask(parent, title, prompt, value, count, verb):
        counted.append(count(50.0))
        return 50.0

    monkeypatch.setattr(dialogs, "ask_confidence", ask)
    window.review.accept_above_action.trigger()
    assert counted == [2]  # the dialog says how many before acting
    assert [d is Decision.ACCEPTED for d in session.decisions] == [True, True, False, False, False]


def test_window_state_is_remembered(make_window, store):
    window = make_window()
    window.resize(900, 650)
    window.close()
    geometry, splitter = settings.load_window_state(store)
    assert geometry is not None
    assert splitter is not None


def test_title_marks_unsaved_decisions(window, open_review, review_file):
    session = open_review(window, review_file)
    session.decide(2, Decision.ACCEPTED)
    assert window.isWindowModified()
    assert window.windowTitle().startswith("book.txt")


def test_decisions_reach_the_recovery_file_by_themselves(
    window, open_review, review_file, tmp_path, qtbot
):
    open_review(window, review_file).decide(2, Decision.REJECTED)
    # no timer, no flush: the journal thread appends the decision by itself
    qtbot.waitUntil(lambda: window.recovery.has_recovery(review_file), timeout=5000)
    qtbot.waitUntil(
        lambda: len(window.recovery.load(review_file, window.fingerprint) or []) == 1,
        timeout=5000,
    )


def test_saving_discards_the_recovery_file(window, open_review, review_file, save_to):
    open_review(window, review_file).decide(2, Decision.REJECTED)
    window.journal.flush()
    save_to(review_file.with_name("out.txt"))
    window.save_as_action.trigger()
    assert not window.recovery.has_recovery(review_file)


@pytest.mark.parametrize(("language", "rescans"), [("de", True), ("auto", False)])
def test_changed_language_in_preferences_rescans(
    window, open_review, review_file, monkeypatch, qtbot, store, language, rescans
):
    from editor.ui import mainwindow

    open_review(window, review_file)
    chosen = settings.Preferences(language=language, min_confidence=0.5)
    monkeypatch.setattr(mainwindow.PreferencesDialog, "exec", lambda self: 1)
    monkeypatch.setattr(mainwindow.PreferencesDialog, "preferences", lambda self: chosen)
    window.preferences_action.trigger()
    # the rescan starts at once, in the same call; no waiting decides the outcome
    assert window.dispatcher.is_running is rescans
    assert settings.load_preferences(store) == chosen
    if rescans:
        with qtbot.waitSignal(window.review_ready, timeout=20000):
            pass


def test_save_after_the_original_was_deleted_writes_the_cleaned_copy(
    window, open_review, review_file, answers, save_to
):
    asked, _ = answers
    session = open_review(window, review_file)
    session.decide(2, Decision.ACCEPTED)
    review_file.unlink()
    out = review_file.with_name("book.cleaned.txt")
    proposed = save_to(out)
    assert window.save()
    assert proposed == [str(out)]
    assert out.read_bytes() == session.cleaned_text().replace("\n", "\r\n").encode()
    assert b"NATO" in out.read_bytes()
    assert ("critical", "Cannot save") not in asked
    assert not session.is_modified
    assert window.session is session
    assert session.decision(2) is Decision.ACCEPTED
    assert window.isVisible()


def test_save_over_the_deleted_original_is_refused_and_loses_nothing(
    window, open_review, review_file, answers, save_to, tmp_path
):
    asked, queue = answers
    session = open_review(window, review_file)
    session.decide(2, Decision.ACCEPTED)
    review_file.unlink()
    save_to(review_file)
    queue.append(Button.Yes)
    assert not window.save()
    assert asked == [("warning", "Overwrite the original?"), ("critical", "Cannot save")]
    assert not review_file.exists()
    assert window.session is session
    assert session.is_modified
    assert session.decision(2) is Decision.ACCEPTED
    assert window.isVisible()
    save_to(tmp_path / "elsewhere.txt")  # "try another place" works
    assert window.save_as()
    assert b"NATO" in (tmp_path / "elsewhere.txt").read_bytes()


def test_a_closed_window_never_asks_about_its_file(
    window, open_review, review_file, answers, qtbot
):
    asked, _ = answers
    open_review(window, review_file)
    window.close()
    assert window.watcher.files() == []
    review_file.unlink()  # would pop "File gone" if anything were still watching
    window._watch_timer.start()  # even a timer started late finds the window closed
    qtbot.wait(2 * mainwindow_module._WATCH_DELAY_MS)
    assert asked == []
    assert not window.dispatcher.is_running


def test_a_file_changed_while_unwatched_is_noticed_when_the_window_is_activated(
    window, open_review, review_file, answers, qtbot
):
    asked, queue = answers
    open_review(window, review_file)
    window.watcher.removePaths(window.watcher.files())  # as if the watch had been missed
    queue.append(Button.No)
    review_file.write_bytes(b"fresh text\r\n")
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow, timeout=5000)
    window.activateWindow()  # back to the review: it looks at its file again
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert asked == [("question", "File changed on disk")]


def test_keep_for_later_resumes_at_the_same_fix(
    make_window, open_review, review_file, answers, qtbot
):
    asked, queue = answers
    first = make_window()
    session = open_review(first, review_file)
    session.decide(2, Decision.REJECTED)
    first.review.select(3)
    queue.append(mainwindow_module.KEEP)
    first.close()
    assert not first.isVisible()
    second = make_window()
    resumed = open_review(second, review_file)
    assert asked == [("question", "Unsaved decisions")]  # a kept review resumes unasked
    assert resumed.decision(2) is Decision.REJECTED
    assert second.review.current == 3
    assert "Resumed" in second.statusBar().currentMessage()


def test_the_recovery_offer_says_how_many_and_restores_the_position(
    make_window, open_review, review_file, answers, monkeypatch
):
    from editor.ui import dialogs

    offers = []
    original = dialogs.choose

    def choose(parent, title, text, choices, **kwargs):
        offers.append(kwargs.get("details", ""))
        return original(parent, title, text, choices, **kwargs)

    monkeypatch.setattr(dialogs, "choose", choose)
    _asked, queue = answers
    first = make_window()
    session = open_review(first, review_file)
    session.decide(2, Decision.REJECTED)
    session.decide(0, Decision.REJECTED)
    first.review.select(4)
    first.journal.flush()
    queue.append(mainwindow_module.RESTORE)
    second = make_window()
    restored = open_review(second, review_file)
    assert "2 decisions" in offers[0]
    assert restored.decision(0) is Decision.REJECTED
    assert second.review.current == 4


def test_a_custom_replacement_is_recovered(make_window, open_review, review_file, answers):
    _asked, queue = answers
    first = make_window()
    open_review(first, review_file).set_custom(2, "N.A.T.O.")
    first.journal.flush()
    queue.append(mainwindow_module.RESTORE)
    restored = open_review(make_window(), review_file)
    assert "N.A.T.O." in restored.cleaned_text()
    assert restored.is_custom(2)


def test_changed_on_disk_buttons_say_reload_and_keep(
    window, open_review, review_file, answers, qtbot, monkeypatch
):
    from editor.ui import dialogs

    offered = []
    monkeypatch.setattr(
        dialogs,
        "choose",
        lambda parent, title, text, choices, **kw: offered.append(choices) or choices[-1],
    )
    open_review(window, review_file)
    review_file.write_bytes(b"fresh text\r\n")
    qtbot.waitUntil(lambda: bool(offered), timeout=10000)
    assert offered[0] == [mainwindow_module.RELOAD, mainwindow_module.KEEP_REVIEWING]


def test_ctrl_z_in_the_search_box_undoes_a_decision(window, open_review, review_file, qtbot):
    session = open_review(window, review_file)
    session.decide(2, Decision.ACCEPTED)
    search = window.review.filter_bar.search
    search.setFocus()
    qtbot.keyClicks(search, "na")
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.decision(2) is Decision.PENDING
    assert search.text() == "na"


def test_one_fix_found_is_singular(window, open_review, tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("NA-TO\n", encoding="utf-8")
    open_review(window, path)
    assert window.statusBar().currentMessage().startswith("1 fix found;")


def test_help_lists_every_shortcut_and_the_legend(window):
    from editor.ui.help_dialog import HelpDialog

    dialog = HelpDialog(window)
    text = dialog.browser.toPlainText()
    for keys in ("F5", "Ctrl+W", "Ctrl+Shift+V", "Ctrl+,", "F1", "Ctrl+0", "F2"):
        assert keys in text, keys
    assert "wavy" in text
    assert "dotted" in text
    dialog.deleteLater()


def test_open_recent_shows_the_folder(window, open_review, review_file):
    open_review(window, review_file)
    window._fill_recent_menu()
    assert review_file.parent.name in window.recent_menu.actions()[0].text()


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
def test_layout_fits_from_800x600(window, open_review, review_file, qtbot, size):
    open_review(window, review_file)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=5000)
    review = window.review
    assert review.layout_is_usable()
    table = review.fix_table
    qtbot.waitUntil(lambda: table.columns_fit(), timeout=5000)  # State stays on screen


def test_extra_width_is_shared_with_the_panes(window, open_review, review_file, qtbot):
    open_review(window, review_file)
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.width() == 1000, timeout=5000)
    before = window.review.splitter.sizes()
    window.resize(1900, 700)
    qtbot.waitUntil(lambda: window.width() == 1900, timeout=5000)
    after = window.review.splitter.sizes()
    assert after[0] > before[0] + 200
    assert after[1] > before[1]


def test_a_squeezed_saved_layout_cannot_collapse_a_pane(make_window, store, qtbot):
    from editor.ui.review.widget import PANE_MIN_WIDTH

    first = make_window()
    first.review.splitter.setSizes([10, 2000])
    first.review.diff.setSizes([1, 2000])
    settings.save_window_state(store, first.saveGeometry(), first.review.splitter.saveState())
    second = make_window()
    qtbot.waitExposed(second)
    qtbot.waitUntil(lambda: second.review.diff.left.width() > 0, timeout=5000)
    assert second.review.diff.left.width() >= PANE_MIN_WIDTH
    assert second.review.diff.right.width() >= PANE_MIN_WIDTH


def test_reset_layout_shares_the_width_again(window, open_review, review_file):
    open_review(window, review_file)
    window.review.splitter.setSizes([400, 2000])
    window.reset_layout_action.trigger()
    texts, panel = window.review.splitter.sizes()
    assert texts > panel


def test_a_loaded_review_is_kept_from_the_cyclic_collector_until_it_goes(
    window, open_review, review_file
):
    import gc

    gc.unfreeze()
    open_review(window, review_file)
    assert gc.get_freeze_count() > 0  # its objects are not walked at every full collection
    window.session.undo_stack.setClean()
    window.close()
    assert gc.get_freeze_count() == 0  # closed, they can be collected again
