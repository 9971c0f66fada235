"""The ``mend check --json`` document, written fast and byte for byte as ``json.dump(indent=1)``.

The standard library's encoder falls back to pure Python whenever it indents, and
then writes one token at a time: for a 1 MB text with 17,000 fixes that was 160 ms
and 200,000 write calls.  Here each fix becomes one string from a template whose
strings go through the C string encoder, and the output is written in large
chunks.  The layout (one-space indent, ``": "`` and ``","`` separators, ``[]`` for
an empty list, no ASCII escaping) is what ``json.dump(..., ensure_ascii=False,
indent=1)`` produced before, so scripts that read it, or diff it, see no change.
"""

from __future__ import annotations

import json.encoder
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from editor.engine.model import Fix

FORMAT_VERSION = 1

#: about 1 MB of text per write: few system calls, little memory held twice
_CHUNK_CHARS = 1 << 20
#: fixes formatted per piece, so a file with a million fixes is never one huge string
_ROWS_PER_PIECE = 1024

# json's own C string encoder (the pure-Python one where the C module is missing)
_string = json.encoder.encode_basestring


@dataclass(frozen=True, slots=True)
class FixRow:
    """One fix as the report shows it: where it is, and whether ``clean`` applies it."""

    line: int
    column: int
    fix: Fix
    applied_by_default: bool


@dataclass(frozen=True, slots=True)
class FileReport:
    """One checked file."""

    path: str
    encoding: str
    rows: Sequence[FixRow]
    #: the Python codec the text was read with, whether that was sure, and the other readings
    codec: str = "utf-8"
    encoding_sure: bool = True
    encoding_alternatives: Sequence[str] = ()
    #: bytes that were not valid in ``codec``, kept as they were
    undecodable_bytes: int = 0


def _fix_record(row: FixRow) -> str:
    fix = row.fix
    return (
        "    {\n"
        f'     "line": {row.line!r},\n'
        f'     "column": {row.column!r},\n'
        f'     "start": {fix.start!r},\n'
        f'     "end": {fix.end!r},\n'
        f'     "category": {_string(fix.category.value)},\n'
        f'     "rule": {_string(fix.rule)},\n'
        f'     "before": {_string(fix.original)},\n'
        f'     "after": {_string(fix.replacement)},\n'
        f'     "confidence": {round(fix.confidence, 4)!r},\n'
        f'     "applied_by_default": {"true" if row.applied_by_default else "false"},\n'
        f'     "reason": {_string(fix.reason)}\n'
        "    }"
    )


def _string_list(items: Sequence[str]) -> str:
    """A list of strings laid out as ``json.dump(indent=1)`` lays it out at this depth."""
    if not items:
        return "[]"
    return "[\n" + ",\n".join(f"    {_string(item)}" for item in items) + "\n   ]"


def report_chunks(files: Iterable[FileReport]) -> Iterator[str]:
    """The report's text in pieces; joined they are the whole document, newline-terminated."""
    yield f'{{\n "version": {FORMAT_VERSION},\n "files": ['
    first_file = True
    for report in files:
        yield (
            ("\n" if first_file else ",\n")
            + f'  {{\n   "path": {_string(report.path)},\n'
            + f'   "encoding": {_string(report.encoding)},\n'
            + f'   "codec": {_string(report.codec)},\n'
            + f'   "encoding_sure": {"true" if report.encoding_sure else "false"},\n'
            + f'   "encoding_alternatives": {_string_list(report.encoding_alternatives)},\n'
            + f'   "undecodable_bytes": {report.undecodable_bytes!r},\n   "fixes": '
        )
        first_file = False
        if not report.rows:
            yield "[]\n  }"
            continue
        rows = report.rows
        for start in range(0, len(rows), _ROWS_PER_PIECE):
            piece = ",\n".join(map(_fix_record, rows[start : start + _ROWS_PER_PIECE]))
            yield ("[\n" if start == 0 else ",\n") + piece
        yield "\n   ]\n  }"
    yield "]\n}\n" if first_file else "\n ]\n}\n"


class _Stream(Protocol):
    def write(self, text: str, /) -> object: ...
    def flush(self) -> object: ...


def write_report(files: Iterable[FileReport], stream: _Stream) -> None:
    """Write the whole report to ``stream`` in large chunks, then flush it."""
    pending: list[str] = []
    size = 0
    for chunk in report_chunks(files):
        pending.append(chunk)
        size += len(chunk)
        if size >= _CHUNK_CHARS:
            stream.write("".join(pending))
            pending, size = [], 0
    stream.write("".join(pending))
    stream.flush()
