"""The client side of a corpus run: find the shards, hand them to Dask, write the report.

    from editor.corpus.run import clean_corpus
    result = clean_corpus(["data/*.parquet" or "s3://bucket/corpus/"], "out/", ScanOptions())
    result = clean_corpus(inputs, output, options, scheduler="tcp://10.0.0.5:8786")

Without ``scheduler`` an embedded LocalCluster runs one single-threaded worker
process per core (the engine is pure Python, so threads would share one core).
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from distributed import Client, LocalCluster, as_completed

from editor.corpus.sources import REPORT_NAME, find_shards, output_url
from editor.corpus.tasks import Row, clean_shard, write_whole

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from editor.engine import ScanOptions

#: how long to wait for a scheduler to answer before giving up with one line
CONNECT_TIMEOUT_S = 30


@dataclass(frozen=True, slots=True)
class CorpusResult:
    """What a corpus run did: documents cleaned, fixes applied and pending, documents failed."""

    shards: int
    documents: int
    applied: int
    pending: int
    failed: int
    report: str


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator[Client]:
    if scheduler:
        with Client(scheduler, timeout=CONNECT_TIMEOUT_S) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def clean_corpus(
    inputs: Sequence[str],
    output: str,
    options: ScanOptions,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    text_column: str = "text",
    on_progress: Callable[[float], None] | None = None,
) -> CorpusResult:
    """Clean every shard of ``inputs`` into ``output`` (same layout) on a Dask cluster.

    The report, one JSON object per document in corpus order, goes to
    ``output/_mend_report.jsonl``.
    """
    shards = find_shards(inputs)
    results: list[list[Row]] = [[] for _ in shards]
    with _client(scheduler, workers) as client:
        futures = client.map(
            clean_shard,
            shards,
            output=output,
            options=options,
            text_column=text_column,
            pure=False,
        )
        index = {future.key: number for number, future in enumerate(futures)}
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                results[index[future.key]] = future.result()
                if on_progress is not None:
                    on_progress(done / len(shards))
        except BaseException:
            client.cancel(futures)
            raise
    rows = [row for shard_rows in results for row in shard_rows]
    report = output_url(output, REPORT_NAME)
    write_whole(report, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode())
    failed = sum(1 for r in rows if "error" in r)
    return CorpusResult(
        shards=len(shards),
        documents=len(rows) - failed,
        applied=sum(int(r.get("applied", 0)) for r in rows),  # type: ignore[call-overload]
        pending=sum(int(r.get("pending", 0)) for r in rows),  # type: ignore[call-overload]
        failed=failed,
        report=report,
    )
