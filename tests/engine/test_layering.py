import subprocess
import sys


def test_engine_does_not_import_qt_even_indirectly():
    code = "import sys, editor.engine, editor.engine.scan; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_command_line_does_not_load_qt_for_batch_work():
    code = "import sys, editor.cli; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
