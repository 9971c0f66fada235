from __future__ import annotations

from PySide6.QtWidgets import QApplication

from editor.ui import app


def test_run_opens_each_file_in_a_window(monkeypatch, qtbot, tmp_path, scan_patched, store):
    monkeypatch.setattr(app, "open_settings_store", lambda: store)
    files = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in files:
        path.write_text("co-op", encoding="utf-8")
    opened = []

    def fake_exec():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, app.MainWindow)]
        for window in windows:
            qtbot.waitUntil(lambda w=window: w.session is not None, timeout=10000)
            opened.append(window.session.source)
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app.run([str(p) for p in files]) == 0
    assert sorted(opened) == files


def test_application_is_named_for_settings_and_recovery(qtbot):
    application = app.create_application()
    assert (application.organizationName(), application.applicationName()) == ("Mend", "Mend")
