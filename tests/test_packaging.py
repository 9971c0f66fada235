import subprocess
import sys
import textwrap


def test_installed_qt_binding_keeps_none_alive_over_many_calls():
    # PySide6 6.12.0 on Python < 3.12 leaks a reference to None per void call and
    # aborts the interpreter; pyproject.toml excludes it. Guard the pin.
    code = textwrap.dedent(
        """
        from PySide6.QtCore import QCoreApplication, QTimer
        app = QCoreApplication([])
        timer = QTimer()
        for _ in range(50_000):
            timer.setInterval(5)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-500:]
