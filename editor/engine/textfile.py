"""Read and write text files faithfully: encoding, BOM and every line ending survive a round trip.

The engine works on text whose line breaks are all ``\\n``.  What the file had
(LF, CRLF, CR, or a mix) is remembered in a :class:`Layout` and put back on
save, so a file opened and saved with no fix applied is byte-identical.
Fixes may remove or add line breaks; :func:`cleaned_layout` gives each break
the cleaned text kept its original bytes, and a new one the file's commonest.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import stat
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from editor.engine.apply import break_origins
from editor.engine.errors import InputError, OutputError

if TYPE_CHECKING:
    import io
    from collections.abc import Iterator, Sequence

    from editor.engine.model import Decision, Fix

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
# C0 controls that never occur in real text; their presence means a binary file.
_BINARY_CONTROLS = regex.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_MAX_BINARY_CONTROL_SHARE = 0.01
# Codecs whose strict decoding is a bijection: decoded text always encodes back to
# the same bytes, so the round-trip check (a second copy of a big file) is skipped.
_BIJECTIVE = frozenset(
    {"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1252", "latin-1"}
)
# How much of a legacy-encoded file is decoded to judge which code page reads it best.
_LEGACY_SAMPLE_BYTES = 64 * 1024
# Letters of ordinary European text.  A code page that turns a file's bytes into
# rarer Latin letters (thorn, eth, Baltic macrons) or into symbols inside words is
# probably the wrong one: cp1250 text read as cp1252 shows "³" for "ł", Turkish "þ".
_COMMON_LATIN = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœßšžčćđłńśźżąęěřůťďňőűğış"
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸŒŠŽČĆĐŁŃŚŹŻĄĘĚŘŮŤĎŇŐŰĞİŞ"
)
# Non-letters that are common in real text even right next to letters.
_ORDINARY_MARKS = frozenset("€£¥¢°§©®™±×÷·•¿¡«»‹›“”„‘’‚–—…†‡\u00a0\u00ad")
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")
_READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Layout:
    """How a text was stored: what must be restored on save.

    ``newline`` is the single line ending used throughout, or ``None`` when
    the file mixes them, in which case ``breaks`` lists each break in order.
    """

    encoding: str
    bom: bytes = b""
    newline: str | None = "\n"
    breaks: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """A short human description, e.g. ``UTF-8 with BOM, CRLF``."""
        name = self.encoding.upper().replace("_", "-")
        bom = " with BOM" if self.bom else ""
        ending = {"\n": "LF", "\r\n": "CRLF", "\r": "CR", None: "mixed line endings"}[self.newline]
        return f"{name}{bom}, {ending}"


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What a file looked like when it was read: size, modification time and content hash.

    Compared again right before a file is replaced, so a file that another
    program changed in the meantime is never overwritten with stale text.
    """

    size: int
    mtime_ns: int
    digest: bytes

    @classmethod
    def of_bytes(cls, data: bytes, status: os.stat_result) -> FileStamp:
        """The stamp of ``data`` just read from a file whose ``fstat`` is ``status``."""
        return cls(len(data), status.st_mtime_ns, hashlib.blake2b(data, digest_size=16).digest())

    @classmethod
    def of_path(cls, path: Path) -> FileStamp | None:
        """The current stamp of the file at ``path``, or ``None`` if it cannot be read."""
        try:
            with _open_regular(path) as (handle, status):
                data = handle.read()
        except (OSError, InputError):
            return None
        return cls.of_bytes(data, status)


@dataclass(frozen=True, slots=True)
class TextDocument:
    """A decoded text (line breaks normalised to ``\\n``) and how to store it again.

    ``stamp`` records the file as read (``None`` for text that did not come
    from a file); it takes no part in comparisons.
    """

    text: str
    layout: Layout
    stamp: FileStamp | None = field(default=None, compare=False)


def decode(data: bytes, source: str = "input") -> TextDocument:
    """Decode bytes read from a file, detecting encoding, BOM and line endings.

    Raises :class:`InputError` for data that is not text (NUL bytes outside
    UTF-16/32, undecodable bytes, or many control characters).
    """
    bom, encoding = b"", ""
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, encoding = mark, name
            break
    if not encoding:
        encoding = _guess_encoding(data, source)
    # a memoryview slice, so a big file's bytes are not copied just to skip the BOM
    body = memoryview(data)[len(bom) :]
    try:
        raw = str(body, encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not readable as {encoding} text (byte {exc.start})") from None
    if encoding not in _BIJECTIVE and raw.encode(encoding) != body:
        raise InputError(f"{source}: cannot be read and written back unchanged as {encoding}")
    body.release()
    if not bom or encoding == "utf-8":
        _reject_binary(raw, source)
    return TextDocument(*_split_layout(raw, encoding, bom))


def _guess_encoding(body: bytes, source: str) -> str:
    if not body:
        return "utf-8"
    if b"\x00" in body:
        utf16 = _guess_utf16(body)
        if utf16:
            return utf16
        raise InputError(f"{source}: looks like a binary file (it contains NUL bytes), not text")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return _guess_legacy(body)
    return "utf-8"


def _guess_legacy(body: bytes) -> str:
    """Pick the code page that reads ``body`` most plausibly.

    cp1252, by far the most common legacy encoding, is tried first and kept
    when its reading looks like ordinary text.  Otherwise charset-normalizer's
    candidates are scored the same way.  Its own ranking is not trusted alone:
    on a few hundred bytes of Western text it often ranks a sibling code page
    (cp1250, cp1257) first, which would turn "à" into "ą".
    """
    sample = body[:_LEGACY_SAMPLE_BYTES]
    best, best_penalty = "latin-1", float("inf")
    if _round_trips(body, "cp1252"):
        best, best_penalty = "cp1252", _implausibility(sample.decode("cp1252"))
        if best_penalty == 0:
            return best
    from charset_normalizer import from_bytes

    for name in dict.fromkeys(_codec_name(m.encoding) for m in from_bytes(sample)):
        if name == best or not _round_trips(body, name):
            continue
        penalty = _implausibility(sample.decode(name, errors="replace"))
        if penalty < best_penalty:
            best, best_penalty = name, penalty
        if penalty == 0:
            break
    return best


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _round_trips(body: bytes, name: str) -> bool:
    try:
        text = body.decode(name)
        return name in _BIJECTIVE or text.encode(name) == body
    except (UnicodeDecodeError, UnicodeEncodeError, LookupError):
        return False


def _implausibility(text: str) -> float:
    """How strange the non-ASCII characters of a decoded sample look (0: all ordinary)."""
    penalty = 0.0
    accented = letters = 0
    for match in _NON_ASCII.finditer(text):
        char = match.group()
        if char in _ORDINARY_MARKS:
            continue
        pos = match.start()
        before, after = text[pos - 1 : pos], text[pos + 1 : pos + 2]
        category = unicodedata.category(char)
        if category.startswith("L"):
            if unicodedata.name(char, "").startswith("LATIN"):
                accented += 1
                penalty += char not in _COMMON_LATIN
            elif (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
                penalty += 2  # a Cyrillic or Greek letter glued to a Latin one
        elif category.startswith(("M", "N", "P", "Z")) and category != "No":
            continue
        else:
            # symbols, superscripts, controls, unassigned: worst inside a word
            penalty += 2 if before.isalpha() and after.isalpha() else 1
    if accented:
        letters = sum(c.isalpha() for c in text[:65536]) or 1
        # In Western languages most letters are plain ASCII; Cyrillic or Greek
        # bytes read as cp1252 give accented Latin letters almost throughout.
        if accented > 0.5 * letters:
            penalty += accented
    return penalty


def _guess_utf16(body: bytes) -> str:
    """UTF-16 without a BOM: the high byte of ASCII characters is NUL, the low one never.

    Latin text has NULs in about every other byte; Cyrillic or Greek text has
    them only at spaces and punctuation, so any regular NUL pattern is accepted
    when the decoded text then looks like text (few controls, no unassigned
    characters).
    """
    if len(body) % 2:
        return ""
    half = len(body) // 2
    even_nuls = body[0::2].count(0)
    odd_nuls = body[1::2].count(0)
    for name, nuls, other in (
        ("utf-16-le", odd_nuls, even_nuls),
        ("utf-16-be", even_nuls, odd_nuls),
    ):
        if nuls >= 0.05 * half and other <= 0.001 * half:
            try:
                text = body.decode(name)
            except UnicodeDecodeError:
                continue
            sample = text[:65536]
            oddities = sum(unicodedata.category(c) in ("Cn", "Co", "Cs") for c in sample)
            if oddities <= 0.01 * len(sample) and not _looks_binary(sample):
                return name
    return ""


def _looks_binary(raw: str) -> bool:
    sample = raw[:65536]
    controls = len(_BINARY_CONTROLS.findall(sample))
    return bool(controls) and (
        controls > _MAX_BINARY_CONTROL_SHARE * len(sample) or "\x00" in sample
    )


def _reject_binary(raw: str, source: str) -> None:
    if "\x00" in raw or _looks_binary(raw):
        raise InputError(f"{source}: looks like a binary file (control bytes), not text")


def _split_layout(raw: str, encoding: str, bom: bytes) -> tuple[str, Layout]:
    crs = raw.count("\r")
    if not crs:
        return raw, Layout(encoding, bom, "\n")
    crlfs = raw.count("\r\n")
    lfs = raw.count("\n") - crlfs
    if crlfs == crs and not lfs:
        return raw.replace("\r\n", "\n"), Layout(encoding, bom, "\r\n")
    if not crlfs and not lfs:
        return raw.replace("\r", "\n"), Layout(encoding, bom, "\r")
    breaks = tuple(_LINE_BREAK.findall(raw))
    return _LINE_BREAK.sub("\n", raw), Layout(encoding, bom, None, breaks)


def cleaned_layout(
    layout: Layout, text: str, fixes: Sequence[Fix], decisions: Sequence[Decision] | None = None
) -> Layout:
    """The layout to save ``text`` cleaned by ``fixes`` (the accepted ones) with.

    A file with one line ending keeps it everywhere.  In a mixed-ending file
    each kept break keeps its own bytes and a break a fix added takes the
    file's commonest ending, so removing line breaks never shifts the endings
    of the lines after them.
    """
    if layout.newline is not None:
        return layout
    commonest = Counter(layout.breaks).most_common(1)[0][0] if layout.breaks else "\n"
    origins = break_origins(text, fixes, decisions)
    breaks = tuple(commonest if i is None else layout.breaks[i] for i in origins)
    return Layout(layout.encoding, layout.bom, None, breaks)


def encode(text: str, layout: Layout) -> bytes:
    """Encode ``text`` (``\\n`` line breaks) the way its original file was stored.

    Raises :class:`OutputError` when a character cannot be stored in the
    file's encoding, or when a mixed-ending layout lists a different number of
    breaks than the text has (pass a cleaned text through :func:`cleaned_layout`).
    """
    if layout.newline is None:
        lines = text.split("\n")
        if len(lines) - 1 != len(layout.breaks):
            raise OutputError("the cleaned text has a different number of lines than the original")
        parts = [lines[0]]
        for brk, line in zip(layout.breaks, lines[1:], strict=True):
            parts += (brk, line)
        raw = "".join(parts)
    elif layout.newline != "\n":
        raw = text.replace("\n", layout.newline)
    else:
        raw = text
    try:
        return layout.bom + raw.encode(layout.encoding)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        raise OutputError(
            f"the character {char!r} (U+{ord(char):04X}) cannot be stored in {layout.encoding}"
        ) from None


@contextlib.contextmanager
def _open_regular(path: Path) -> Iterator[tuple[io.FileIO, os.stat_result]]:
    """Open ``path`` for reading, refusing anything but a regular file without blocking.

    The open is non-blocking so that a FIFO with no writer cannot hang us, and
    the file type is checked on the open descriptor, so a file swapped for a
    pipe after a ``stat`` is still caught.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            kind = "a folder" if stat.S_ISDIR(status.st_mode) else "a device, pipe or socket"
            raise InputError(f"{path}: not a regular file ({kind})")
        handle = open(fd, "rb", buffering=0)  # noqa: SIM115 - closed by the with below
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle, status


def read_document(path: Path) -> TextDocument:
    """Read and decode a text file; every problem is an :class:`InputError` with one line.

    Only regular files are read (a FIFO or device is refused before it is
    opened for reading, so it cannot block).  The result carries a
    :class:`FileStamp` of the bytes read.
    """
    name = str(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{name}: is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise InputError(f"{name}: not a regular file (a device, pipe or socket)")
    try:
        with _open_regular(path) as (handle, status):
            data = handle.readall()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file (it disappeared)") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    document = decode(data, name)
    stamp = FileStamp.of_bytes(data, status)
    return TextDocument(document.text, document.layout, stamp)


def default_output_path(path: Path) -> Path:
    """``NAME.cleaned.EXT`` beside the input."""
    if path.suffix:
        return path.with_name(f"{path.stem}.cleaned{path.suffix}")
    return path.with_name(f"{path.name}.cleaned")


def write_atomic(
    path: Path,
    data: bytes,
    *,
    mode_from: Path | None = None,
    expected: FileStamp | None = None,
) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed and
    fsynced, and then replace ``path`` in one rename.  On any failure (or an
    interrupt) the temporary file is removed and ``path`` is untouched;
    failures raise :class:`OutputError`.  When ``expected`` is given, ``path``
    must still hold exactly those bytes right before it is replaced, else it
    is left alone (it changed on disk since it was read).  Only a regular
    file is ever replaced; a symbolic link is followed, so the file it points
    to gets the new text.  The new file takes the permission bits of the file
    it replaces, else of ``mode_from``, else the user's default.
    """
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{folder}: output folder does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder")
    if path.exists() and not path.is_file():
        raise OutputError(f"{path}: not a regular file (a device, pipe or socket); not replaced")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise OutputError(f"{folder}: output folder is not writable") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _permission_bits(path, mode_from))
        _keep_owner(tmp_name, path)
        if expected is not None:
            _check_unchanged(path, expected)
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
        raise
    _sync_folder(folder)


def _check_unchanged(path: Path, expected: FileStamp) -> None:
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


def _keep_owner(tmp_name: str, path: Path) -> None:
    """Give the new file the owner and group of the file it replaces, where allowed.

    Without this, an administrator cleaning a user's file in place would hand
    the file over to themselves.  Ordinary users cannot give files away, and
    that is fine: the file was theirs to begin with.
    """
    if not hasattr(os, "chown"):
        return
    try:
        old = path.stat()
    except OSError:
        return
    new = os.stat(tmp_name)
    if (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid):
        with contextlib.suppress(OSError):
            os.chown(tmp_name, old.st_uid, old.st_gid)


def _permission_bits(path: Path, mode_from: Path | None) -> int:
    for candidate in (path, mode_from):
        if candidate is not None:
            with contextlib.suppress(OSError):
                return stat.S_IMODE(candidate.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def save_document(
    path: Path,
    text: str,
    layout: Layout,
    *,
    mode_from: Path | None = None,
    expected: FileStamp | None = None,
) -> None:
    """Encode ``text`` like its original and write it atomically to ``path``.

    Pass the document's ``stamp`` as ``expected`` when overwriting the file
    it was read from: a file changed by someone else meanwhile is not replaced.
    """
    write_atomic(path, encode(text, layout), mode_from=mode_from, expected=expected)
