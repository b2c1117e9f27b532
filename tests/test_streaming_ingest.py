"""A news dump of any size loads record by record, and the loader holds one batch of articles at a time."""

from __future__ import annotations

import gzip
import json

import pytest

from ingest import loader, warehouse
from ingest.loader import load
from ingest.readers import read_path
from ingest.records import Rejection, SourceRecord
from ingest.settings import LoaderSettings


def _records(n: int, start: int = 0) -> list[dict]:
    return [{"id": i, "title": f"Story {i}", "text": f"Council meeting number {i} approved the budget for the "
             f"library, officials said on day {i}."} for i in range(start, start + n)]


def _jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(record) + "\n" for record in records).encode()


def test_a_dump_larger_than_the_file_limit_loads_and_the_limit_guards_each_record(tmp_path):
    records = _records(200)
    oversized = {"id": "big", "text": "Shelling " * 200}
    data = _jsonl(records[:50]) + _jsonl([oversized]) + _jsonl(records[50:])
    limit = 1000
    assert len(data) > 10 * limit
    path = tmp_path / "export.jsonl"
    path.write_bytes(data)
    results = list(read_path(path, limit))
    read = [r for r in results if isinstance(r, SourceRecord)]
    (rejected,) = [r for r in results if isinstance(r, Rejection)]
    assert [r.external_id for r in read] == [str(r["id"]) for r in records]
    assert rejected.record_number == 51 and rejected.source_uri == f"{path}#51"
    assert "longer than the limit of 1000 bytes" in rejected.reason


def test_a_line_longer_than_a_read_chunk_is_rejected_without_losing_its_neighbours(tmp_path):
    huge = {"id": "huge", "text": "x" * 300_000}  # several 64 KB chunks, over the limit
    path = tmp_path / "export.jsonl"
    path.write_bytes(_jsonl(_records(2)) + _jsonl([huge]) + _jsonl(_records(2, start=2)))
    results = list(read_path(path, 100_000))
    assert [r.external_id for r in results if isinstance(r, SourceRecord)] == ["0", "1", "2", "3"]
    assert [r.record_number for r in results if isinstance(r, Rejection)] == [3]


def test_other_files_still_have_a_size_limit(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_records(50)), encoding="utf-8")
    (rejection,) = list(read_path(path, 1000))
    assert "exceeds the limit of 1000 bytes" in rejection.reason


def test_a_gzipped_dump_is_read_as_it_is_decompressed(tmp_path):
    records = _records(3000)
    compressed = gzip.compress(_jsonl(records))
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(compressed[: len(compressed) // 2])  # cut off: the first half still reads
    results = list(read_path(path, 1000))
    read = [r for r in results if isinstance(r, SourceRecord)]
    assert 100 < len(read) < len(records)
    assert [r.external_id for r in read] == [str(i) for i in range(len(read))]
    assert isinstance(results[-1], Rejection) and results[-1].reason.startswith("corrupt gzip")


def test_a_csv_dump_streams_with_rows_spanning_lines(tmp_path):
    rows = ["id;title;text"] + [f'{i};T{i};"Line one of {i}\nline two of {i}"' for i in range(3000)]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    results = list(read_path(path, 1000))
    assert all(isinstance(r, SourceRecord) for r in results) and len(results) == 3000
    assert results[-1].raw_text == "Line one of 2999\nline two of 2999"
    assert results[-1].record_number == 2 + 2 * 2999  # the line the row starts on


def test_utf8_cut_at_the_sampling_boundary_is_still_utf8(tmp_path):
    # the two bytes of "é" are bytes 65,535 and 65,536: the 64 KB the encoding is told from cut it in two
    line = '{"text": "' + "a" * 65525 + 'é"}\n'
    assert line.encode().index("é".encode()) == 65535
    path = tmp_path / "export.jsonl"
    path.write_bytes(line.encode() + _jsonl([{"text": "Kyiv – Київ"}]))
    records = list(read_path(path, 1 << 20))
    assert [r.encoding for r in records] == ["utf-8", "utf-8"]
    assert records[1].raw_text == "Kyiv – Київ"


def test_one_undecodable_line_costs_only_that_line(tmp_path):
    path = tmp_path / "export.jsonl"
    bad = b'{"text": "caf\xe9 shelled"}\n'  # Latin-1, past the first 64 KB of a UTF-8 file
    good = _jsonl(_records(800))
    assert len(good) > 65536
    path.write_bytes(good + bad + _jsonl(_records(1, start=800)))
    results = list(read_path(path, 1 << 20))
    assert all(isinstance(r, SourceRecord) for r in results) and len(results) == 802
    assert results[0].encoding == "utf-8"
    assert results[800].raw_text == "café shelled"


@pytest.mark.parametrize("batch", [3, 1000])
def test_loading_in_batches_writes_every_article_source_and_mention_once(tmp_path, monkeypatch, batch):
    """Batches of 3 cross every boundary: duplicates of an article in an earlier batch, sources and their
    arrival order, and articles read back for extraction. The result equals one big batch."""
    monkeypatch.setattr(loader, "STAGE_BATCH", batch)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    violent = [{"id": f"v{i}", "text": f"Russian missiles struck Dnipro on day {i}, killing {i + 2} people and "
                f"injuring {i + 5}, officials said."} for i in range(4)]
    quiet = _records(6)
    (inbox / "a.jsonl").write_bytes(_jsonl(violent[:2] + quiet[:3] + violent[2:]))
    (inbox / "b.jsonl").write_bytes(_jsonl([*quiet[3:], {**violent[0], "id": "again"}]))
    con = warehouse.connect(tmp_path / "w.duckdb")
    try:
        report = load(con, inbox, LoaderSettings(processes=1))
        articles = con.execute("select count(*) from raw.articles").fetchone()[0]
        arrivals = [row[0] for row in con.execute(
            "select arrival from raw.article_sources order by arrival").fetchall()]
        killed = con.execute("select article_id, count_stated from raw.mentions where outcome = 'killed' "
                             "order by count_stated").fetchall()
        extracted = {row[0] for row in con.execute(
            "select article_id from raw.articles where extraction_skipped_reason is null").fetchall()}
    finally:
        con.close()
    assert (report.records_seen, report.articles_new, report.articles_duplicate) == (11, 10, 1)
    assert articles == 10
    assert arrivals == list(range(11))
    assert [count for _, count in killed] == [2, 3, 4, 5]
    assert {aid for aid, _ in killed} <= extracted


def test_corrupt_compression_in_the_middle_is_named(tmp_path):
    data = bytearray(gzip.compress(_jsonl(_records(3000))))
    data[len(data) // 2: len(data) // 2 + 64] = bytes(64)
    path = tmp_path / "export.ndjson.gz"
    path.write_bytes(bytes(data))
    results = list(read_path(path, 1000))
    assert any(isinstance(r, SourceRecord) for r in results)
    rejection = results[-1]
    assert isinstance(rejection, Rejection) and rejection.reason.startswith("corrupt gzip")


def test_worker_processes_return_the_mentions_one_process_finds(tmp_path):
    """Extraction workers send mention rows back, in batches of batch_size; with two processes and batches
    of two, the sample articles give the rows of one process extracting them all."""
    from tests.conftest import SAMPLES

    found = []
    for processes in (1, 2):
        con = warehouse.connect(tmp_path / f"w{processes}.duckdb")
        try:
            load(con, SAMPLES, LoaderSettings(processes=processes, batch_size=2))
            found.append(con.execute("select article_id, mention_type, char_start, char_end, value_text, "
                                     "count_stated, outcome from raw.mentions order by all").fetchall())
        finally:
            con.close()
    assert found[0] and found[0] == found[1]
