"""Read and write text files faithfully: encoding, BOM and every line ending survive a round trip.

The engine works on text whose line breaks are all ``\\n``.  What the file had
(LF, CRLF, CR, or a mix) is remembered in a :class:`Layout` and put back on
save, so a file opened and saved with no fix applied is byte-identical.
Fixes never add or remove line breaks (``scan`` enforces it), so the n-th
break of the cleaned text is the n-th break of the original.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

import regex

from editor.engine.errors import InputError, OutputError

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
        name = self.encoding.upper().replace("UTF-", "UTF-").replace("_", "-")
        bom = " with BOM" if self.bom else ""
        ending = {"\n": "LF", "\r\n": "CRLF", "\r": "CR", None: "mixed line endings"}[self.newline]
        return f"{name}{bom}, {ending}"


@dataclass(frozen=True, slots=True)
class TextDocument:
    """A decoded text (line breaks normalised to ``\\n``) and how to store it again."""

    text: str
    layout: Layout


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
    body = data[len(bom) :]
    if not encoding:
        encoding = _guess_encoding(body, source)
    try:
        raw = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not readable as {encoding} text (byte {exc.start})") from exc
    if raw.encode(encoding) != body:
        raise InputError(f"{source}: cannot be read and written back unchanged as {encoding}")
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
        pass
    else:
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is None:
        raise InputError(f"{source}: not a text file (no text encoding fits its bytes)")
    candidates = [codecs.lookup(best.encoding).name, "cp1252", "latin-1"]
    for name in candidates:
        try:
            if body.decode(name).encode(name) == body:
                return name
        except (UnicodeDecodeError, UnicodeEncodeError):
            continue
    return "latin-1"  # pragma: no cover - latin-1 always round-trips


def _guess_utf16(body: bytes) -> str:
    """UTF-16 without a BOM: text in a Latin script has NULs in every other byte."""
    if len(body) % 2:
        return ""
    even_nuls = body[0::2].count(0)
    odd_nuls = body[1::2].count(0)
    half = len(body) // 2
    for name, nuls, other in (
        ("utf-16-le", odd_nuls, even_nuls),
        ("utf-16-be", even_nuls, odd_nuls),
    ):
        if nuls >= 0.3 * half and other <= 0.01 * half:
            try:
                body.decode(name)
            except UnicodeDecodeError:
                continue
            return name
    return ""


def _reject_binary(raw: str, source: str) -> None:
    sample = raw[:65536]
    controls = len(_BINARY_CONTROLS.findall(sample))
    if controls and (controls > _MAX_BINARY_CONTROL_SHARE * len(sample) or "\x00" in sample):
        raise InputError(f"{source}: looks like a binary file (control bytes), not text")


def _split_layout(raw: str, encoding: str, bom: bytes) -> tuple[str, Layout]:
    if "\r" not in raw:
        return raw, Layout(encoding, bom, "\n")
    breaks = _LINE_BREAK.findall(raw)
    kinds = set(breaks)
    text = _LINE_BREAK.sub("\n", raw)
    if len(kinds) == 1:
        return text, Layout(encoding, bom, breaks[0])
    return text, Layout(encoding, bom, None, tuple(breaks))


def encode(text: str, layout: Layout) -> bytes:
    """Encode ``text`` (``\\n`` line breaks) the way its original file was stored.

    Raises :class:`OutputError` when a character cannot be stored in the
    file's encoding, or when the text has a different number of line breaks
    than the original of a mixed-ending file.
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
        ) from exc


def read_document(path: Path) -> TextDocument:
    """Read and decode a text file; every problem is an :class:`InputError` with one line."""
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
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    return decode(data, name)


def default_output_path(path: Path) -> Path:
    """``NAME.cleaned.EXT`` beside the input."""
    if path.suffix:
        return path.with_name(f"{path.stem}.cleaned{path.suffix}")
    return path.with_name(f"{path.name}.cleaned")


def write_atomic(path: Path, data: bytes, *, mode_from: Path | None = None) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed and
    fsynced, and then replace ``path`` in one rename.  On any failure the
    temporary file is removed and :class:`OutputError` raised; ``path`` is
    untouched.  The new file takes the permission bits of the file it
    replaces, else of ``mode_from``, else the user's default.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{folder}: output folder does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder")
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
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
        raise


def _permission_bits(path: Path, mode_from: Path | None) -> int:
    for candidate in (path, mode_from):
        if candidate is not None:
            with contextlib.suppress(OSError):
                return stat.S_IMODE(candidate.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def save_document(path: Path, text: str, layout: Layout, *, mode_from: Path | None = None) -> None:
    """Encode ``text`` like its original and write it atomically to ``path``."""
    write_atomic(path, encode(text, layout), mode_from=mode_from)
