"""What the command-line tests share: the little story they clean, running ``main.py`` in a
child process as a user would, and the check that a refusal is one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIRTY = "She didn‘t stop.\nA long impos\u00adsible day.\n"
CLEAN = "She didn’t stop.\nA long impossible day.\n"
POSIX = pytest.mark.skipif(os.name != "posix", reason="needs POSIX files and signals")
WAIT = 60  # seconds: generous, for a busy machine; a hang is what some tests catch


def run_mend(
    *args: object, timeout: float = WAIT, cwd: Path | None = ROOT, text: bool = True, **kwargs: Any
) -> subprocess.CompletedProcess[Any]:
    """Run ``main.py ARGS``; its output is captured unless the caller redirects it."""
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=cwd,
        timeout=timeout,
        text=text,
        check=False,
        **kwargs,
    )


def assert_refused(status: int, err: str | bytes, message: str) -> None:
    """Exit status 2 and exactly one ``mend: `` line holding ``message``, no traceback."""
    if isinstance(err, bytes):
        err = err.decode("utf-8", "replace")
    assert status == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("mend: ")
    assert message in lines[0]
    assert "Traceback" not in err


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())
