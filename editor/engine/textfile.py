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
import dataclasses
import hashlib
import itertools
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path  # noqa: TC003 - kept at run time: tests patch textfile.Path
from typing import TYPE_CHECKING

import regex

from editor.engine.apply import break_origins
from editor.engine.encoding_guess import (
    ESCAPED_BYTE,
    EncodingGuess,
    codec_name,
    guess_encoding,
    guess_wide,
)
from editor.engine.errors import InputError, OutputError

# re-exported: the app and the command line write through this module
from editor.engine.safewrite import PathSnapshot as PathSnapshot
from editor.engine.safewrite import write_atomic as write_atomic

if TYPE_CHECKING:
    import io
    from collections.abc import Iterable, Iterator, Sequence

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
# (UTF-8 is read with surrogateescape, which keeps even broken bytes exactly.)
_BIJECTIVE = frozenset(
    {"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1252", "iso8859-1"}
)
# What a user may name for a file with or without a BOM, and the codec that reads its body.
_BOM_FAMILIES = {"utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}
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


#: how much of a file :meth:`FileStamp.of_path` reads at a time
_STAMP_READ_BYTES = 1 << 20


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
        # read a slice at a time: checking a 50 MB input before its cleaned copy is written
        # must not hold the file's bytes once more
        digest = hashlib.blake2b(digest_size=16)
        size = 0
        try:
            with _open_regular(path) as (handle, status):
                while chunk := handle.read(_STAMP_READ_BYTES):
                    digest.update(chunk)
                    size += len(chunk)
        except (OSError, InputError):
            return None
        return cls(size, status.st_mtime_ns, digest.digest())


@dataclass(frozen=True, slots=True)
class TextDocument:
    """A decoded text (line breaks normalised to ``\\n``) and how to store it again.

    ``stamp`` records the file as read (``None`` for text that did not come
    from a file); it takes no part in comparisons.
    """

    text: str
    layout: Layout
    stamp: FileStamp | None = field(default=None, compare=False)
    #: the encoding was guessed among legacy code pages and another reading is nearly
    #: as plausible: the text may be wrong, so ask the user (``read_document(path, NAME)``)
    encoding_doubtful: bool = False
    #: other encodings that read the file as a different, still possible text, best first
    encoding_alternatives: tuple[str, ...] = ()
    #: bytes of a UTF-8 file that are not valid UTF-8, kept in ``text`` as lone surrogates
    #: U+DC80..U+DCFF (``surrogateescape``) and written back as they were; no fix touches them
    undecodable_bytes: int = 0

    @property
    def encoding(self) -> str:
        """The Python codec name the text was read with (``Layout.encoding``)."""
        return self.layout.encoding


def decode(data: bytes, source: str = "input", encoding: str | None = None) -> TextDocument:
    """Decode bytes read from a file, detecting encoding, BOM and line endings.

    ``encoding`` (any name Python knows) overrides the detection; a BOM that
    belongs to it is still recognised and kept.  Without it, a BOM decides,
    else :func:`~editor.engine.encoding_guess.guess_encoding`, whose doubt is
    reported in the result.  UTF-8 is read with ``surrogateescape``: invalid
    bytes stay in the text as they were.  Raises :class:`InputError` for data
    that is not text (NUL bytes outside UTF-16/32, undecodable bytes in any
    other encoding, or many control characters).
    """
    bom, from_bom = b"", ""
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, from_bom = mark, name
            break
    if encoding is not None:
        guess = EncodingGuess(_resolve_user_encoding(encoding, from_bom, data, source))
        if guess.encoding != from_bom:
            bom = b""
    elif bom:
        guess = EncodingGuess(from_bom)
    else:
        found = guess_encoding(data)
        if found is None:
            raise InputError(
                f"{source}: looks like a binary file (it contains NUL bytes), not text"
            )
        guess = found
    name = guess.encoding
    # a memoryview slice, so a big file's bytes are not copied just to skip the BOM
    body = memoryview(data)[len(bom) :]
    errors = "surrogateescape" if name == "utf-8" else "strict"
    try:
        raw = str(body, name, errors)
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not readable as {name} text (byte {exc.start})") from None
    if name not in _BIJECTIVE and raw.encode(name) != body:
        raise InputError(f"{source}: cannot be read and written back unchanged as {name}")
    body.release()
    if not bom or name == "utf-8":
        _reject_binary(raw, source)
    undecodable = len(ESCAPED_BYTE.findall(raw)) if name == "utf-8" and not data.isascii() else 0
    text, layout = _split_layout(raw, name, bom)
    return TextDocument(
        text,
        layout,
        encoding_doubtful=not guess.sure,
        encoding_alternatives=guess.alternatives,
        undecodable_bytes=undecodable,
    )


def check_encoding_name(name: str) -> str:
    """The canonical name of a text encoding the user named.

    Raises ``LookupError`` (with a one-line message) for an unknown name or a
    codec that is not a text encoding (``rot13``, ``base64``).
    """
    try:
        canonical = codec_name(name)
        "a".encode(canonical)
    except LookupError:
        raise LookupError(f"unknown text encoding: {name!r}") from None
    return canonical


def _resolve_user_encoding(name: str, from_bom: str, data: bytes, source: str) -> str:
    try:
        canonical = check_encoding_name(name)
    except LookupError as exc:
        raise InputError(f"{source}: {exc}") from None
    family = _BOM_FAMILIES.get(canonical)
    if family == "utf-8":
        return "utf-8"
    if family:
        # "utf-16" or "utf-32" without a byte order: the BOM's, else the one that reads
        if from_bom.startswith(family):
            return from_bom
        wide = guess_wide(data)
        return wide if wide.startswith(family) else f"{family}-le"
    return canonical


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
    return b"".join(encode_pieces((text,), layout))


#: ``encode_pieces`` encodes about this many characters at a time: big enough that the
#: per-call cost vanishes, small enough that a 50 MB text never exists twice in memory.
_ENCODE_CHARS = 1 << 20


def encode_pieces(pieces: Iterable[str], layout: Layout) -> Iterator[bytes]:
    """:func:`encode` for a text given in pieces, yielding its bytes a slice at a time.

    Saving a cleaned text straight from the original and its fixes
    (:func:`~editor.engine.apply.applied_pieces`) this way never holds the whole
    cleaned text nor its bytes.  Errors are raised as by :func:`encode`, when the
    slice that holds them is reached (a mismatch in the number of breaks at the end).
    """
    # bytes of a UTF-8 file that were not valid UTF-8 went in as surrogate escapes
    errors = "surrogateescape" if layout.encoding == "utf-8" else "strict"
    encoder = codecs.getincrementalencoder(layout.encoding)(errors)
    newline = layout.newline
    breaks = iter(layout.breaks) if newline is None else None
    if layout.bom:
        yield layout.bom
    buffered: list[str] = []
    size = 0
    for piece in itertools.chain(pieces, (None,)):
        if piece is not None:
            buffered.append(piece)
            size += len(piece)
            if size < _ENCODE_CHARS:
                continue
        raw = "".join(buffered)
        buffered.clear()
        size = 0
        if breaks is not None:
            raw = _restore_breaks(raw, breaks)
        elif newline is not None and newline != "\n":
            raw = raw.replace("\n", newline)
        try:
            yield encoder.encode(raw, final=piece is None)
        except UnicodeEncodeError as exc:
            char = exc.object[exc.start]
            raise OutputError(
                f"the character {char!r} (U+{ord(char):04X}) cannot be stored in {layout.encoding}"
            ) from None
    if breaks is not None and next(breaks, None) is not None:
        raise OutputError(_BREAKS_MISMATCH)


_BREAKS_MISMATCH = "the cleaned text has a different number of lines than the original"


def _restore_breaks(raw: str, breaks: Iterator[str]) -> str:
    lines = raw.split("\n")
    parts = [lines[0]]
    for line in lines[1:]:
        brk = next(breaks, None)
        if brk is None:
            raise OutputError(_BREAKS_MISMATCH)
        parts += (brk, line)
    return "".join(parts)


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


def check_regular_file(path: Path) -> None:
    """Refuse, without opening it, a path that is not an existing regular file."""
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


def read_regular_file(path: Path, max_bytes: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its status; every problem is one-line :class:`InputError`.

    A FIFO or device is refused before it is opened for reading, so it cannot
    block; with ``max_bytes``, a bigger file is refused before it is read.
    """
    name = str(path)
    check_regular_file(path)
    try:
        with _open_regular(path) as (handle, status):
            if max_bytes is not None and status.st_size > max_bytes:
                raise InputError(f"{name}: too big ({status.st_size} bytes; at most {max_bytes})")
            data = handle.readall() if max_bytes is None else _read_at_most(handle, max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file (it disappeared)") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"{name}: too big (more than {max_bytes} bytes)")
    return data, status


def _read_at_most(handle: io.FileIO, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit:
        chunk = handle.read(min(_READ_CHUNK, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_document(path: Path, encoding: str | None = None) -> TextDocument:
    """Read and decode a text file; every problem is an :class:`InputError` with one line.

    Only regular files are read (a FIFO or device is refused before it is
    opened for reading, so it cannot block).  The result carries a
    :class:`FileStamp` of the bytes read.  ``encoding`` overrides the
    detection (see :func:`decode`); use it when the user chose one, e.g. after
    a doubtful guess (``TextDocument.encoding_doubtful``).
    """
    data, status = read_regular_file(path)
    document = decode(data, str(path), encoding)
    return dataclasses.replace(document, stamp=FileStamp.of_bytes(data, status))


def default_output_path(path: Path) -> Path:
    """``NAME.cleaned.EXT`` beside the input."""
    if path.suffix:
        return path.with_name(f"{path.stem}.cleaned{path.suffix}")
    return path.with_name(f"{path.name}.cleaned")


def save_document(
    path: Path,
    text: str | Iterable[str],
    layout: Layout,
    *,
    mode_from: Path | None = None,
    expected: FileStamp | None = None,
    through_link: bool = False,
    unchanged_since: PathSnapshot | None = None,
) -> list[str]:
    """Encode ``text`` like its original and write it atomically to ``path``.

    Pass the document's ``stamp`` as ``expected`` when overwriting the file
    it was read from: a file changed by someone else meanwhile is not replaced.
    A symbolic link at ``path`` is refused unless ``through_link`` (see
    :func:`~editor.engine.safewrite.write_atomic`).  Returns notes for the user
    (an owner that could not be kept, stale temporary files removed).

    ``text`` may come in pieces (:func:`~editor.engine.apply.applied_pieces`): it
    is then encoded while it is written, never whole in memory, and a character
    the encoding cannot store fails the save with no file written all the same.
    """
    data: bytes | Iterator[bytes]
    if isinstance(text, str):
        try:
            data = encode(text, layout)
        except OutputError as exc:
            raise OutputError(f"{path}: {exc}; nothing written") from None
    else:
        data = _named_errors(path, encode_pieces(text, layout))
    return write_atomic(
        path,
        data,
        mode_from=mode_from,
        expected=expected,
        through_link=through_link,
        unchanged_since=unchanged_since,
    )


def _named_errors(path: Path, chunks: Iterator[bytes]) -> Iterator[bytes]:
    """``chunks``, with an encoding error told as :func:`save_document` tells it."""
    try:
        yield from chunks
    except OutputError as exc:
        # write_atomic removes its temporary file when the error reaches it
        raise OutputError(f"{path}: {exc}; nothing written") from None
