"""Corpus runs on Dask: shards cleaned in their layout, a report per document, on two workers."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

import pyarrow as pa
import pyarrow.parquet as pq

from editor import cli
from editor.corpus.sources import JSON_LINES, PARQUET, TEXT, Shard, find_shards
from editor.corpus.tasks import clean_shard
from editor.engine import ScanOptions
from editor.engine.api import clean_text

DIRTY = "She didn\u2018t stop.\nA long impos\u00adsible day.\n"
CLEAN = "She didn\u2019t stop.\nA long impossible day.\n"
PLAIN = "Nothing to repair here.\n"


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    (root / "books").mkdir(parents=True)
    (root / "books" / "one.txt").write_text(DIRTY, encoding="utf-8")
    (root / "books" / "two.txt").write_bytes(PLAIN.replace("\n", "\r\n").encode("utf-16"))
    (root / ".hidden.txt").write_text(DIRTY, encoding="utf-8")
    lines = [
        json.dumps({"id": 1, "text": DIRTY}),
        json.dumps({"text": PLAIN, "id": 2}, indent=None, separators=(",", ":")),
        "",
    ]
    (root / "web.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pq.write_table(pa.table({"id": [1, 2, 3], "text": [DIRTY, None, PLAIN]}), root / "web.parquet")
    return root


def test_shards_are_found_in_a_stable_order(corpus):
    shards = find_shards([str(corpus)])
    assert [(s.name, s.kind) for s in shards] == [
        ("books/one.txt", TEXT),
        ("books/two.txt", TEXT),
        ("web.jsonl", JSON_LINES),
        ("web.parquet", PARQUET),
    ]


def test_a_json_lines_shard_keeps_untouched_lines_byte_for_byte(corpus, tmp_path):
    shard = Shard(str(corpus / "web.jsonl"), JSON_LINES, "web.jsonl")
    rows = clean_shard(shard, str(tmp_path / "out"), ScanOptions(), "text")
    written = (tmp_path / "out" / "web.jsonl").read_text(encoding="utf-8").split("\n")
    original = (corpus / "web.jsonl").read_text(encoding="utf-8").split("\n")
    assert json.loads(written[0]) == {"id": 1, "text": CLEAN}
    assert written[1:] == original[1:]
    assert [r["document"] for r in rows] == ["web.jsonl:1", "web.jsonl:2"]
    assert rows[0]["applied"] == 2


def test_a_bad_shard_is_reported_not_fatal(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"body": "no text field"}\n', encoding="utf-8")
    rows = clean_shard(
        Shard(str(bad), JSON_LINES, "bad.jsonl"), str(tmp_path / "out"), ScanOptions(), "text"
    )
    assert len(rows) == 1
    assert "text" in str(rows[0]["error"])
    assert not (tmp_path / "out" / "bad.jsonl").exists()


@pytest.mark.timeout(300)
def test_a_local_cluster_of_two_workers_cleans_the_corpus(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    status = cli.main(
        ["clean", "--cluster", "--jobs", "2", "--no-progress", str(corpus), "-o", str(out)]
    )
    assert status == 0, capsys.readouterr().err
    assert "4 files" in capsys.readouterr().err
    assert (out / "books" / "one.txt").read_text(encoding="utf-8") == CLEAN
    # untouched text keeps its encoding and line ends
    assert (out / "books" / "two.txt").read_bytes() == (corpus / "books" / "two.txt").read_bytes()
    assert not (out / ".hidden.txt").exists()
    table = pq.read_table(out / "web.parquet")
    assert table.column("text").to_pylist() == [clean_text(DIRTY)[0], None, PLAIN]
    assert table.column("id").to_pylist() == [1, 2, 3]
    report = [json.loads(line) for line in (out / "_mend_report.jsonl").read_text().splitlines()]
    assert [r["document"] for r in report] == [
        "books/one.txt",
        "books/two.txt",
        "web.jsonl:1",
        "web.jsonl:2",
        "web.parquet:0",
        "web.parquet:2",
    ]
    assert report[0]["applied"] == 2
    assert report[0]["pending"] == 0
    assert sum(report[0]["applied_by_rule"].values()) == 2
    assert report[1]["applied"] == 0


def test_a_corpus_run_needs_an_output(corpus, capsys):
    assert cli.main(["clean", "--cluster", str(corpus)]) == 2
    assert "needs -o" in capsys.readouterr().err
