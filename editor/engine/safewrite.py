"""Write a file only where the caller meant, atomically, and leave no temporary file behind.

Every output goes to a temporary file in the target's folder (created with
``O_EXCL``, named ``.NAME.mend-PID-XXXXXXXX.tmp``), is fsynced, and then takes
the target's name in one step.  A symbolic link at the target is refused
unless the caller writes *through* a link the user named (``--in-place``);
the target must be the same file right before the rename as when it was
checked.  A temporary file left by a process that was killed (``kill -9``) is
removed by the next write into that folder, once its writer is gone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editor.engine.errors import OutputError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from editor.engine.textfile import FileStamp

# What every temporary file of ours is called: the pid says whether its writer still runs;
# the 8 characters are tempfile.mkstemp's random part.
_TEMP_NAME = re.compile(rb"\A\..*\.mend-(\d+)-[a-z0-9_]{8}\.tmp\Z", re.DOTALL)
_TEMP_RANDOM_CHARS = 8
_TEMP_SUFFIX = ".tmp"
_FALLBACK_NAME_MAX = 255
# link(2) is refused by file systems without hard links (FAT, some FUSE and network mounts).
_NO_HARD_LINKS = frozenset(
    {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, getattr(errno, "ENOTSUP", -1)}
)

# Folders this process has written into: swept for stale temporaries once, and for its
# own on the way out (remove_own_temporaries).
_folders_written: set[str] = set()
_folders_swept: set[str] = set()


@dataclass(frozen=True, slots=True)
class PathSnapshot:
    """What sits at a path (not following a final symbolic link): its kind and identity.

    ``identity`` is ``None`` when nothing is there.  Taken when an output is
    checked and compared right before it is written, so a link or file
    planted in between is noticed.
    """

    identity: tuple[int, int, int] | None

    @classmethod
    def of(cls, path: Path) -> PathSnapshot:
        """The snapshot of ``path`` now."""
        status = _lstat(path)
        if status is None:
            return cls(None)
        return cls((stat.S_IFMT(status.st_mode), status.st_dev, status.st_ino))


def write_atomic(
    path: Path,
    data: bytes | Iterable[bytes],
    *,
    mode_from: Path | None = None,
    expected: FileStamp | None = None,
    through_link: bool = False,
    unchanged_since: PathSnapshot | None = None,
) -> list[str]:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    ``data`` may come in chunks (an iterable of bytes), written as they come; an
    error raised while they are made leaves ``path`` as it was, like any other.

    Failures raise :class:`OutputError` and leave ``path`` as it was and no
    temporary file.  A symbolic link at ``path`` is refused, unless
    ``through_link`` (the user named the link and means its file: in-place
    cleaning), and a link to a missing file never creates it.  When
    ``expected`` is given, the file must still hold exactly those bytes right
    before it is replaced; when ``unchanged_since`` is given, ``path`` must be
    the same file (or still absent) as then.  The new file keeps the
    permission bits and owner of the file it replaces (else the bits of
    ``mode_from``, else the user's default).

    Returns notes for the user: an owner that could not be kept, stale
    temporary files removed.
    """
    if unchanged_since is not None and PathSnapshot.of(path) != unchanged_since:
        raise OutputError(f"{path}: changed after it was checked; not written")
    target, old = _resolve_target(path, through_link)
    folder = target.parent
    notes = sweep_stale_temporaries(folder)
    fd, tmp = _create_temporary(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for chunk in data:
                    handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if old is not None:
            notes += _keep_owner(tmp, target, old)
        os.chmod(tmp, _permission_bits(old, mode_from))
        if expected is not None:
            _check_unchanged(target, expected)
        _put_in_place(tmp, target, old)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot be written ({exc.strerror or exc})") from None
        raise
    _sync_folder(folder)
    return notes


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"{path}: cannot be checked ({exc.strerror or exc})") from None


def _resolve_target(path: Path, through_link: bool) -> tuple[Path, os.stat_result | None]:
    """The file to replace (``path`` or, through a link, its file) and its current status."""
    status = _lstat(path)
    if status is not None and stat.S_ISLNK(status.st_mode):
        if not through_link:
            raise OutputError(
                f"{path}: is a symbolic link; not written through it "
                "(remove it or choose another output)"
            )
        real = Path(os.path.realpath(path))
        status = _lstat(real)
        if status is None:
            raise OutputError(f"{path}: is a symbolic link to a missing file; nothing written")
        try:
            followed = os.stat(path)
        except OSError as exc:
            raise OutputError(f"{path}: cannot be followed ({exc.strerror or exc})") from None
        if (followed.st_dev, followed.st_ino) != (status.st_dev, status.st_ino):
            raise OutputError(f"{path}: the link changed while it was followed; not written")
        path = real
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            raise OutputError(f"{path}: is a folder")
        if not stat.S_ISREG(status.st_mode):
            raise OutputError(
                f"{path}: not a regular file (a device, pipe or socket); not replaced"
            )
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{folder}: output folder does not exist")
    if status is not None and not through_link and _planted_by_another_user(folder, status):
        raise OutputError(
            f"{path}: belongs to another user in a shared folder; not replaced "
            "(remove it or choose another output)"
        )
    return path, status


def _planted_by_another_user(folder: Path, status: os.stat_result) -> bool:
    """A file in a sticky shared folder (/tmp) owned by neither us nor the folder's owner.

    Replacing it would hand the new text to that user (its owner and permission
    bits are kept), the way Linux's fs.protected_regular refuses to open one.
    """
    if not hasattr(os, "geteuid"):
        return False
    try:
        folder_status = os.stat(folder)
    except OSError:
        return False
    return bool(folder_status.st_mode & stat.S_ISVTX) and status.st_uid not in (
        os.geteuid(),
        folder_status.st_uid,
    )


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):
        return _FALLBACK_NAME_MAX


def _temporary_prefix(target: Path) -> str:
    """``.NAME.mend-PID-``, with NAME shortened so the whole name fits the file system."""
    tail = f".mend-{os.getpid()}-"
    budget = _name_max(target.parent) - len(tail) - _TEMP_RANDOM_CHARS - len(_TEMP_SUFFIX) - 1
    name = os.fsencode(target.name)[: max(budget, 0)]
    # a cut inside a multi-byte character becomes escaped bytes, which encode back unchanged
    return f".{os.fsdecode(name)}{tail}"


def _create_temporary(target: Path) -> tuple[int, str]:
    folder = target.parent
    _folders_written.add(os.path.abspath(folder))
    try:
        return tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=_TEMP_SUFFIX, dir=folder)
    except PermissionError:
        raise OutputError(f"{folder}: output folder is not writable") from None
    except OSError as exc:
        raise OutputError(f"{target}: cannot write there ({exc.strerror or exc})") from None


def _put_in_place(tmp: str, target: Path, old: os.stat_result | None) -> None:
    """Rename ``tmp`` to ``target`` only if ``target`` is still what was checked."""
    if old is None:
        # a new file: link(2) never replaces anything, so a name planted meanwhile is kept
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise OutputError(
                f"{target}: appeared while it was being written; not replaced"
            ) from None
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            if os.path.lexists(target):
                raise OutputError(
                    f"{target}: appeared while it was being written; not replaced"
                ) from None
            os.replace(tmp, target)
        else:
            os.unlink(tmp)
        return
    now = _lstat(target)
    if now is None or (now.st_mode, now.st_dev, now.st_ino) != (
        old.st_mode,
        old.st_dev,
        old.st_ino,
    ):
        raise OutputError(f"{target}: was replaced while it was being written; not overwritten")
    os.replace(tmp, target)


def _check_unchanged(path: Path, expected: FileStamp) -> None:
    from editor.engine.textfile import FileStamp

    current = FileStamp.of_path(path)
    if current is None:
        raise OutputError(
            f"{path}: disappeared or became unreadable since it was read; not written"
        )
    if current != expected:
        raise OutputError(f"{path}: changed on disk since it was read; not overwritten")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _keep_owner(tmp: str, target: Path, old: os.stat_result) -> list[str]:
    """Give the new file the owner and group of the file it replaces, or say why not.

    Without this, an administrator cleaning a user's file in place would hand
    the file over to themselves.
    """
    if not hasattr(os, "chown"):
        return []
    new = os.stat(tmp)
    if (old.st_uid, old.st_gid) == (new.st_uid, new.st_gid):
        return []
    try:
        os.chown(tmp, old.st_uid, old.st_gid)
    except OSError:
        return [
            f"{target}: could not keep its owner (user {old.st_uid}, group {old.st_gid}); "
            f"the new file belongs to user {new.st_uid}, group {new.st_gid}"
        ]
    return []


def _permission_bits(old: os.stat_result | None, mode_from: Path | None) -> int:
    if old is not None:
        return stat.S_IMODE(old.st_mode)
    if mode_from is not None:
        with contextlib.suppress(OSError):
            return stat.S_IMODE(mode_from.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _writer_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True


def _temporaries_in(folder: Path) -> list[tuple[bytes, int]]:
    """(path, writer pid) of every regular file in ``folder`` named like our temporaries."""
    found = []
    try:
        entries = os.scandir(os.fsencode(folder))
    except OSError:
        return []
    with entries:
        for entry in entries:
            match = _TEMP_NAME.match(entry.name)
            with contextlib.suppress(OSError):
                if match and entry.is_file(follow_symlinks=False):
                    found.append((entry.path, int(match.group(1))))
    return found


def sweep_stale_temporaries(folder: Path) -> list[str]:
    """Remove temporaries in ``folder`` whose writer is gone (killed mid-write); say which.

    Only POSIX, where a pid can be asked whether it runs without harming it;
    each folder is swept once per process.
    """
    key = os.path.abspath(folder)
    if os.name != "posix" or key in _folders_swept:
        return []
    _folders_swept.add(key)
    notes = []
    for path, pid in _temporaries_in(folder):
        if pid == os.getpid() or _writer_alive(pid):
            continue
        with contextlib.suppress(OSError):
            os.unlink(path)
            notes.append(
                f"{os.fsdecode(path)}: removed a temporary file left by an interrupted run"
            )
    return notes


def remove_own_temporaries() -> None:
    """Remove every temporary this process left (an exit path the write did not clean)."""
    for folder in list(_folders_written):
        for path, pid in _temporaries_in(Path(folder)):
            if pid == os.getpid():
                with contextlib.suppress(OSError):
                    os.unlink(path)
