"""Clean whole corpora on a Dask cluster: folders of text files, JSON Lines and Parquet.

Needs the optional extra (``pip install 'mend[cluster]'``: dask[distributed],
fsspec, pyarrow); the desktop install never imports this package.  The command
line reaches it through ``mend clean --cluster`` (an embedded LocalCluster on
this machine), ``mend clean --scheduler tcp://HOST:8786`` (a running cluster),
or by naming a ``.jsonl``/``.parquet`` file or an fsspec URL as input.  Each
worker calls :func:`editor.engine.api.clean_text`, the same engine as
``mend clean``, and writes the cleaned corpus in the input's layout; the client
writes a per-document report (``_mend_report.jsonl``) into the output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

#: file names that make an input a corpus even without --cluster
CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".parquet", ".pq")


def looks_like_corpus(inputs: Sequence[str]) -> bool:
    """Whether the inputs need the corpus route: a URL, JSON Lines or Parquet (no import of Dask)."""
    return any("://" in i or i.lower().endswith(CORPUS_SUFFIXES) for i in inputs)
