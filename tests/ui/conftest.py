"""Fixtures shared by the UI tests: a drained thread pool and hand-made fixes."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

from editor.engine.model import Category, Fix


@pytest.fixture(autouse=True)
def drain_thread_pool():
    """Never let a background job outlive the widgets of its test."""
    yield
    QThreadPool.globalInstance().waitForDone(5000)


def build_fix(text, start, end, replacement, *, category=Category.HYPHEN, confidence=0.9, rule="r"):
    """A fix replacing text[start:end], built by hand so tests do not depend on the rules."""
    return Fix(start, end, text[start:end], replacement, rule, category, confidence, "because")


@pytest.fixture
def make_fix():
    """The hand-made fix builder, as a fixture (conftest modules are not imported by tests)."""
    return build_fix


#: a review text with one fix of each kind the fake scan below proposes; line 2 starts with an emoji
REVIEW_TEXT = "one\u00adtwo don‘t NA-TO ok\n😀 co-operate and e-mail\n"


def fake_scan(text, options=None, *, is_cancelled=lambda: False, progress=None):
    """Deterministic fixes for UI tests: the real rules change as the engine grows.

    Soft hyphens (99 %, accepted at start), turned apostrophes (90 %, quote) and
    hyphens between letters (40 %, pending; replacement joins the word).
    """
    import regex

    fixes = []
    for match in regex.finditer("\u00ad", text):
        fixes.append(build_fix(text, match.start(), match.end(), "", confidence=0.99, rule="soft"))
    for match in regex.finditer(r"(?<=\p{L})‘(?=\p{L})", text):
        fixes.append(
            build_fix(text, match.start(), match.end(), "’", category=Category.QUOTE, rule="turned")
        )
    for match in regex.finditer(r"(?<=\p{L})-(?=\p{L})", text):
        fixes.append(build_fix(text, match.start(), match.end(), "", confidence=0.4, rule="join"))
    if progress is not None:
        progress(1.0)
    return sorted(fixes, key=lambda f: f.start)


@pytest.fixture
def scan_patched(monkeypatch):
    """Make the background scan use :func:`fake_scan`."""
    from editor.ui import workers

    monkeypatch.setattr(workers, "scan", fake_scan)
    return fake_scan


@pytest.fixture
def store(tmp_path):
    """An explicit INI settings file: never the user's real settings."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def answers(monkeypatch):
    """Record the questions asked and answer them from a queue (default: Cancel / Esc).

    Questions with worded buttons (``dialogs.choose``) take a button label from
    the queue; a standard button there means the choice of the same name, or
    the first (Yes) or second (No) choice.
    """
    from PySide6.QtWidgets import QMessageBox

    from editor.ui import dialogs

    asked = []
    queue = []

    def answer(kind):
        def dialog(parent, title, text, *args, **kwargs):
            asked.append((kind, title))
            return queue.pop(0) if queue else QMessageBox.StandardButton.Cancel

        return dialog

    def choose(parent, title, text, choices, *, default=0, escape=None, **kwargs):
        asked.append(("question", title))
        if not queue:
            return choices[-1 if escape is None else escape]
        reply = queue.pop(0)
        if isinstance(reply, str):
            assert reply in choices, f"{reply!r} is not one of {choices}"
            return reply
        name = reply.name
        if name in choices:
            return name
        return choices[0] if reply == QMessageBox.StandardButton.Yes else choices[1]

    for kind in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, answer(kind))
    monkeypatch.setattr(dialogs, "choose", choose)
    return asked, queue


@pytest.fixture
def make_window(qtbot, store, tmp_path, scan_patched, answers):
    """Build main windows with settings, recovery folder and dictionary in tmp_path."""
    from editor.ui.mainwindow import MainWindow
    from editor.ui.recovery import RecoveryStore

    windows = []

    def make():
        window = MainWindow(store, RecoveryStore(tmp_path / "recovery"), tmp_path / "dict.txt")
        qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        windows.append(window)
        return window

    yield make
    # close while the test's patches still hold: a real modal question would block forever;
    # then delete each window and wait until it is gone, so nothing it started outlives the test
    for window in windows:
        if not shiboken6.isValid(window):
            continue
        if window.session is not None:
            window.session.undo_stack.setClean()
        window.close()
        assert not window.isVisible(), "a test window refused to close"
        window.deleteLater()
    # deferred deletes are only run on request outside an event loop
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for window in windows:
        qtbot.waitUntil(lambda w=window: not shiboken6.isValid(w), timeout=10000)


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def review_file(tmp_path):
    path = tmp_path / "book.txt"
    path.write_bytes(REVIEW_TEXT.replace("\n", "\r\n").encode("utf-8"))
    return path


@pytest.fixture
def open_review(qtbot):
    """Open a file in a window and wait until it can be reviewed."""

    def open_(window, path):
        with qtbot.waitSignal(window.review_ready, timeout=10000):
            assert window.open_file(path)
        return window.session

    return open_


@pytest.fixture
def show_review(qtbot):
    """A shown ReviewWidget of ``size`` reviewing ``fixes`` of ``text``, once it is ready,
    with the keyboard in its list."""

    def show(text, fixes, size):
        from editor.ui.review.widget import ReviewWidget
        from editor.ui.session import ReviewSession

        widget = ReviewWidget()
        qtbot.addWidget(widget)
        widget.resize(*size)
        widget.show()
        qtbot.waitExposed(widget)
        with qtbot.waitSignal(widget.ready):
            widget.set_session(ReviewSession(text, fixes))
        widget.fix_table.setFocus()
        return widget

    return show


@pytest.fixture
def review_text():
    return REVIEW_TEXT
