"""What a corpus is made of: shards (one file each) found through fsspec, local or remote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import fsspec
from fsspec.core import url_to_fs

from editor.engine import InputError

if TYPE_CHECKING:
    from collections.abc import Sequence

#: a shard's kind, from its file name
TEXT, JSON_LINES, PARQUET = "text", "jsonl", "parquet"
_KINDS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".jsonl": JSON_LINES,
    ".ndjson": JSON_LINES,
    ".parquet": PARQUET,
    ".pq": PARQUET,
}
#: what the client writes into the output beside the cleaned corpus
REPORT_NAME = "_mend_report.jsonl"


@dataclass(frozen=True, slots=True)
class Shard:
    """One file of the corpus: where it is, what it holds, and its name inside the output."""

    url: str
    kind: str
    name: str


def kind_of(name: str) -> str | None:
    """The kind of shard a file name stands for, or None for a file that is not one."""
    dot = name.rfind(".")
    return _KINDS.get(name[dot:].lower()) if dot > name.rfind("/") else None


def find_shards(inputs: Sequence[str]) -> list[Shard]:
    """Every shard of the inputs, in a stable order: files as given, folders sorted.

    A folder contributes the text, JSON Lines and Parquet files below it (hidden
    ones skipped), named by their path relative to it.
    """
    shards: list[Shard] = []
    for url in inputs:
        fs, root = url_to_fs(url)
        protocol = _protocol(url)
        if fs.isdir(root):
            found = sorted(
                path
                for path in fs.find(root)
                if kind_of(path) is not None
                and not any(p.startswith(".") for p in path[len(root) :].split("/") if p)
            )
            for path in found:
                relative = path[len(root.rstrip("/")) + 1 :]
                kind = kind_of(path)
                assert kind is not None
                shards.append(Shard(protocol + path, kind, relative))
            if not found:
                raise InputError(f"{url}: a folder with no text, JSON Lines or Parquet files")
        elif fs.isfile(root):
            kind = kind_of(root) or TEXT
            shards.append(Shard(url, kind, root.rsplit("/", 1)[-1]))
        else:
            raise InputError(f"{url}: no such file or folder")
    names = [s.name for s in shards]
    if len(set(names)) != len(names):
        raise InputError("two inputs have the same name; they would overwrite each other")
    return shards


def _protocol(url: str) -> str:
    """``s3://`` for an S3 URL, empty for a local path (fsspec's paths drop it)."""
    head, sep, _ = url.partition("://")
    return f"{head}://" if sep and head != "file" else ""


def output_url(root: str, name: str) -> str:
    """Where shard ``name`` goes in the output ``root``."""
    return f"{root.rstrip('/')}/{name}"


def open_url(url: str, mode: str) -> fsspec.core.OpenFile:
    """An fsspec file for ``url`` (local paths too); open it with ``with``."""
    return fsspec.open(url, mode)
