"""Where the command line's output goes: files only where the user meant, and standard output.

Every output path is checked before anything is written or created: it must
not be a symbolic link (a link planted at ``NAME.cleaned.EXT`` in a shared
folder would otherwise send the text, and the file's owner, elsewhere), an
input, a folder or a device.  What was found there is remembered and
compared again right before the write.  ``-`` and ``/dev/stdout`` mean
standard output, which gets the file's own bytes.
"""

from __future__ import annotations

import os
import stat
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from editor.engine import MendError, OutputError
from editor.engine.textfile import PathSnapshot

if TYPE_CHECKING:
    from collections.abc import Sequence

# Names that mean "standard output" rather than a file to replace: writing to them by
# rename would replace whatever stdout is redirected to (`-o /dev/stdout >> app.log`).
STDOUT_NAMES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})
_SEPARATORS = tuple(sep for sep in (os.sep, os.altsep) if sep)


class UsageError(MendError):
    """The command line asks for something that cannot be done."""


def shown(path: Path | str) -> str:
    """``path`` as printable text: bytes that are not in the file system's encoding as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@dataclass
class OutputPlan:
    """Each input's target (``None``: standard output), as checked, and a folder still to create."""

    targets: list[Path | None]
    snapshots: list[PathSnapshot | None]
    folder_to_create: Path | None = None

    def create_folder(self) -> None:
        """Create the output folder (call once every input and output has been checked)."""
        if self.folder_to_create is None:
            return
        try:
            self.folder_to_create.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                f"{shown(self.folder_to_create)}: cannot create folder ({exc.strerror or exc})"
            ) from None


def plan_outputs(
    inputs: list[Path],
    output: str | None,
    *,
    in_place: bool,
    force: bool,
    names: Sequence[PurePath] | None = None,
) -> OutputPlan:
    """Where each input's cleaned copy goes; refuses unsafe choices, creates nothing.

    ``names`` are the inputs' paths inside an output folder (a folder given as input keeps
    its layout); by default each input's own name.
    """
    inside = list(names) if names is not None else [PurePath(p.name) for p in inputs]
    folder: Path | None = None
    if in_place:
        if output is not None:
            raise UsageError("--in-place and -o cannot be used together")
        for path in inputs:
            check_replaceable(path, force=force)
        return OutputPlan(list(inputs), [PathSnapshot.of(p) for p in inputs])
    if output is None:
        from editor.engine.textfile import default_output_path

        targets: list[Path | None] = [default_output_path(p) for p in inputs]
    elif output in STDOUT_NAMES:
        if len(inputs) > 1:
            raise UsageError(f"-o {output} (standard output) takes a single input")
        targets = [None]
    else:
        out = Path(output)
        if output.endswith(_SEPARATORS) or out.is_dir() or len(inputs) > 1:
            if out.exists() and not out.is_dir():
                raise UsageError(f"{shown(output)}: not a folder; several inputs need a folder")
            if not out.exists():
                folder = out
            if any(n > 1 for n in Counter(inside).values()):
                raise UsageError(
                    "two inputs have the same name; they would overwrite each other in -o"
                )
            targets = [out / name for name in inside]
        else:
            targets = [out]
    identities = {_identity(p) for p in inputs} - {None}
    for path, target in zip(inputs, targets, strict=True):
        if target is None:
            continue
        if _same_file(path, target):
            raise UsageError(f"{shown(target)}: is the input file; use --in-place to overwrite it")
        if _identity(target) in identities:
            raise UsageError(f"{shown(target)}: is also an input; it would be overwritten")
        if target.is_symlink():
            raise UsageError(
                f"{shown(target)}: is a symbolic link; Mend does not write through it "
                "(remove it or choose another output)"
            )
        if target.is_dir():
            raise UsageError(f"{shown(target)}: is a folder")
    snapshots = [None if t is None else PathSnapshot.of(t) for t in targets]
    return OutputPlan(targets, snapshots, folder)


def check_replaceable(path: Path, *, force: bool) -> None:
    """Refuse to clean in place a read-only file or one with other names, unless ``force``."""
    try:
        status = path.stat()
    except OSError:
        return  # reading it will say what is wrong
    if force or not stat.S_ISREG(status.st_mode):
        return
    if status.st_nlink > 1:
        raise UsageError(
            f"{shown(path)}: has {status.st_nlink} hard links; replacing it would leave the "
            "other names with the old text (use --force to replace it anyway)"
        )
    if not status.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise UsageError(
            f"{shown(path)}: is read-only; not replaced (use --force to replace it anyway)"
        )


def _identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of an existing file, which every path to it shares."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _stdout_failure(exc: OSError) -> OutputError:
    """The one-line error for a failed write to standard output, which is then silenced."""
    _silence_stdout()
    if isinstance(exc, BrokenPipeError):
        return OutputError("standard output was closed by its reader (broken pipe)")
    return OutputError(f"standard output cannot be written ({exc.strerror or exc})")


def _silence_stdout() -> None:
    """Point file descriptor 1 at the null device, so the flush at exit cannot fail again."""
    stream = sys.stdout
    if stream is None or stream is not sys.__stdout__:
        return  # a replaced stream (a test's capture) has no descriptor of ours to redirect
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.__stdout__.fileno() if sys.__stdout__ is not None else 1)
        os.close(null)
    except (OSError, ValueError):
        return


def write_stdout_bytes(data: bytes) -> None:
    """Write ``data`` to standard output as it is (the file's own encoding and line ends)."""
    stream = sys.stdout
    if stream is None:
        raise OutputError("standard output is closed; nothing written")
    try:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text-only stream put in place by an embedding program
            stream.write(data.decode("utf-8", "surrogateescape"))
            stream.flush()
            return
        buffer.write(data)
        buffer.flush()
    except OSError as exc:
        raise _stdout_failure(exc) from None


def write_stdout_text(text: str) -> None:
    """Write ``text`` to standard output in its encoding, or fail in one line."""
    stream = sys.stdout
    if stream is None:
        raise OutputError("standard output is closed; nothing written")
    try:
        stream.write(text)
    except UnicodeEncodeError as exc:
        _silence_stdout()
        char = exc.object[exc.start]
        raise OutputError(
            f"standard output ({exc.encoding}) cannot show {char!r} (U+{ord(char):04X}); "
            "set PYTHONIOENCODING=utf-8, or use --json"
        ) from None
    except OSError as exc:
        raise _stdout_failure(exc) from None


def flush_stdout() -> None:
    """Flush standard output, turning a failure (full disk, closed pipe) into one line."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except OSError as exc:
        raise _stdout_failure(exc) from None
