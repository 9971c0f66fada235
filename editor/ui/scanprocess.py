"""Run one scan in a child process, so no long engine call can hold the GUI process's GIL.

Protocol (pickles over the pipes): the parent writes ``(options, n, source)`` and
then the text in ``n`` pieces to stdin, or ``n == 0`` and the path of a file to read;
for a file the child first writes ``("document", (layout, stamp, sha256 hex digest of the
bytes, m))`` and then the decoded text in ``m`` pieces.  Then the child writes
``("progress", fraction)`` now and then and finally
``("done", columns)``, ``("error", message)`` for a :class:`MendError`, or
``("failed", message)``.  ``columns`` holds the fixes column by column (plain
lists of ints, strings and floats), which unpickle in one quick C call.
Imports no Qt.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import time
from pathlib import Path
from typing import BinaryIO

from editor.engine.errors import MendError
from editor.engine.scan import scan
from editor.engine.textfile import encode, read_document

#: at most this often the child reports progress
PROGRESS_INTERVAL_S = 0.05
#: the text crosses the pipes in pieces this long: each one pickles and unpickles in
#: about a millisecond, so the reading process's GIL is never held for long
PIECE_CHARS = 1 << 20


def _send(out: BinaryIO, message: tuple[str, object]) -> None:
    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


def main() -> int:
    """Read one request from stdin, scan it, write the messages to stdout."""
    out = sys.stdout.buffer
    options, pieces, source = pickle.load(sys.stdin.buffer)
    last = 0.0

    def progress(fraction: float) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_INTERVAL_S:
            last = now
            _send(out, ("progress", fraction))

    try:
        if source is None:
            text = "".join(pickle.load(sys.stdin.buffer) for _ in range(pieces))
        else:
            # decoding 20 MB takes single C calls of tens of milliseconds each; done in
            # the parent's worker thread they held its GIL and froze the window
            document = read_document(Path(source))
            text = document.text
            digest = hashlib.sha256(encode(text, document.layout)).hexdigest()
            starts = range(0, len(text), PIECE_CHARS)
            _send(out, ("document", (document.layout, document.stamp, digest, len(starts))))
            for start in starts:
                pickle.dump(
                    text[start : start + PIECE_CHARS], out, protocol=pickle.HIGHEST_PROTOCOL
                )
            out.flush()
        fixes = scan(
            text, options, progress=progress, parallel=True
        )  # one thread here: fork is safe
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
