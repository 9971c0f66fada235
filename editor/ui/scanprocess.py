"""Run one scan in a child process, so no long engine call can hold the GUI process's GIL.

Protocol (pickles over the pipes): the parent writes ``(options, n)`` and then
the text in ``n`` pieces to stdin; the child writes ``("progress", fraction)`` now and then and finally
``("done", columns)``, ``("error", message)`` for a :class:`MendError`, or
``("failed", message)``.  ``columns`` holds the fixes column by column (plain
lists of ints, strings and floats), which unpickle in one quick C call.
Imports no Qt.
"""

from __future__ import annotations

import pickle
import sys
import time
from typing import BinaryIO

from editor.engine.errors import MendError
from editor.engine.scan import scan

#: at most this often the child reports progress
PROGRESS_INTERVAL_S = 0.05


def _send(out: BinaryIO, message: tuple[str, object]) -> None:
    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


def main() -> int:
    """Read one request from stdin, scan it, write the messages to stdout."""
    out = sys.stdout.buffer
    options, pieces = pickle.load(sys.stdin.buffer)
    text = "".join(pickle.load(sys.stdin.buffer) for _ in range(pieces))
    last = 0.0

    def progress(fraction: float) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_INTERVAL_S:
            last = now
            _send(out, ("progress", fraction))

    try:
        fixes = scan(text, options, progress=progress)
    except MendError as exc:
        _send(out, ("error", str(exc)))
        return 0
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which shows it
        _send(out, ("failed", f"{type(exc).__name__}: {exc}"))
        return 1
    columns = (
        [f.start for f in fixes],
        [f.end for f in fixes],
        [f.replacement for f in fixes],
        [f.rule for f in fixes],
        [f.category.value for f in fixes],
        [f.confidence for f in fixes],
        [f.reason for f in fixes],
    )
    _send(out, ("done", columns))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
