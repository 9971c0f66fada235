"""What a worker does with one shard: read it, clean every document, write it to the output.

Runs inside Dask workers (any process that can import Mend): each call is a pure
function of its arguments, and the word lists it needs are loaded once per
worker process and reused by every later shard.  A document that cannot be read
or written is reported, not fatal: one bad file never stops a corpus run.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from typing import TYPE_CHECKING, BinaryIO

from fsspec.core import url_to_fs

from editor.corpus.sources import JSON_LINES, PARQUET, Shard, output_url
from editor.engine import MendError
from editor.engine.api import clean_text, summarise
from editor.engine.textfile import decode, encode

if TYPE_CHECKING:
    from editor.engine import Fix, ScanOptions

Row = dict[str, object]


def clean_shard(shard: Shard, output: str, options: ScanOptions, text_column: str) -> list[Row]:
    """Clean one shard into ``output``; returns one report row per document."""
    target = output_url(output, shard.name)
    try:
        with _open(shard.url, "rb") as stream:
            data = stream.read()
        if shard.kind == JSON_LINES:
            cleaned, rows = _clean_json_lines(data, shard.name, options, text_column)
        elif shard.kind == PARQUET:
            cleaned, rows = _clean_parquet(data, shard.name, options, text_column)
        else:
            cleaned, rows = _clean_text_file(data, shard.name, options)
        write_whole(target, cleaned)
    except (MendError, OSError, ValueError, KeyError) as exc:
        return [{"document": shard.name, "error": _one_line(exc)}]
    return rows


def _row(document: str, fixes: list[Fix], options: ScanOptions) -> Row:
    return {"document": document, **summarise(fixes, options.min_confidence).as_dict()}


def _clean_text_file(data: bytes, name: str, options: ScanOptions) -> tuple[bytes, list[Row]]:
    document = decode(data, name)
    cleaned, fixes = clean_text(document.text, options)
    return encode(cleaned, document.layout), [_row(name, fixes, options)]


def _clean_json_lines(
    data: bytes, name: str, options: ScanOptions, text_column: str
) -> tuple[bytes, list[Row]]:
    """Each line a JSON object; its ``text_column`` is cleaned, all else kept.

    A line whose text needed no fix is written back byte for byte.
    """
    out: list[bytes] = []
    rows: list[Row] = []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        body = line.rstrip(b"\r\n")
        if not body.strip():
            out.append(line)
            continue
        record = json.loads(body)
        text = record.get(text_column) if isinstance(record, dict) else None
        if not isinstance(text, str):
            raise ValueError(f"{name}:{number}: no text field {text_column!r}")
        cleaned, fixes = clean_text(text, options)
        rows.append(_row(f"{name}:{number}", fixes, options))
        if cleaned == text:
            out.append(line)
            continue
        record[text_column] = cleaned
        ending = line[len(body) :]
        out.append(json.dumps(record, ensure_ascii=False).encode("utf-8") + ending)
    return b"".join(out), rows


def _clean_parquet(
    data: bytes, name: str, options: ScanOptions, text_column: str
) -> tuple[bytes, list[Row]]:
    """The ``text_column`` of every row cleaned (nulls stay null), every other column kept."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(data))
    if text_column not in table.column_names:
        raise ValueError(f"{name}: no column {text_column!r}")
    index = table.column_names.index(text_column)
    cleaned_texts: list[str | None] = []
    rows: list[Row] = []
    for number, text in enumerate(table.column(index).to_pylist()):
        if text is None:
            cleaned_texts.append(None)
            continue
        cleaned, fixes = clean_text(text, options)
        cleaned_texts.append(cleaned)
        rows.append(_row(f"{name}:{number}", fixes, options))
    field = table.schema.field(index)
    table = table.set_column(index, field, pa.array(cleaned_texts, type=field.type))
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue(), rows


def _open(url: str, mode: str) -> BinaryIO:
    fs, path = url_to_fs(url)
    stream: BinaryIO = fs.open(path, mode)
    return stream


def write_whole(url: str, data: bytes) -> None:
    """Write a whole shard; on a local disk through a temporary file, so never half of one."""
    fs, path = url_to_fs(url)
    parent = path.rsplit("/", 1)[0]
    if parent:
        fs.makedirs(parent, exist_ok=True)
    if "file" not in fs.protocol and "local" not in fs.protocol:
        with fs.open(path, "wb") as stream:  # an object store replaces objects whole
            stream.write(data)
        return
    temporary = f"{path}.mend-tmp"
    try:
        with open(temporary, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
