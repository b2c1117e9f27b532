"""Every supported format reads; every kind of bad input becomes a rejection naming the file and record."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from ingest.readers import date_from_url, read_path
from ingest.records import Rejection, SourceRecord

LIMIT = 1_000_000


def read(path: Path, limit: int = LIMIT) -> list:
    return list(read_path(path, limit))


def test_txt_with_header_lines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title: Night raid\nSource: Example Wire\nDate: 2025-05-02\nURL: https://example.org/a\n\n"
                    "Drones hit the depot.\n", encoding="utf-8")
    (record,) = read(path)
    assert isinstance(record, SourceRecord)
    assert (record.title, record.source_name, record.published_date, record.url) == (
        "Night raid", "Example Wire", date(2025, 5, 2), "https://example.org/a")
    assert record.raw_text.strip() == "Drones hit the depot."


def test_markdown_front_matter(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Port shelled\npublished_at: 2025-06-01T08:00:00Z\noutlet: Harbour News\n---\n"
                    "The port was shelled.\n", encoding="utf-8")
    (record,) = read(path)
    assert (record.title, record.published_date, record.source_name) == (
        "Port shelled", date(2025, 6, 1), "Harbour News")


def test_jsonl_with_news_please_fields_and_a_malformed_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = {"title": "T", "maintext": "Shelling killed two.", "url": "https://x.test/1",
            "date_publish": "2025-01-02 10:00:00", "source_domain": "x.test"}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n", encoding="utf-8")
    records = read(path)
    assert isinstance(records[0], SourceRecord)
    assert (records[0].source_uri, records[0].source_name, records[0].published_date) == (
        f"{path}#1", "x.test", date(2025, 1, 2))
    assert isinstance(records[1], Rejection) and records[1].record_number == 2
    assert "malformed JSON on line 2" in records[1].reason and str(path) in records[1].source_uri
    assert isinstance(records[2], Rejection) and "no text" in records[2].reason


def test_json_list_and_generic_fields(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"body": "One.", "published_at": "2025-03-03", "outlet": "A"},
                                {"content": "Two.", "domain": "b.test", "id": 7}]), encoding="utf-8")
    first, second = read(path)
    assert (first.raw_text, first.source_name, first.record_number) == ("One.", "A", 1)
    assert (second.raw_text, second.source_name, second.external_id) == ("Two.", "b.test", "7")


def test_csv_with_header_and_csv_without_text_column(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("title,text,date\nA,Strikes hit the city.,2025-02-02\n", encoding="utf-8")
    (record,) = read(good)
    assert (record.title, record.record_number, record.published_date) == ("A", 2, date(2025, 2, 2))
    bad = tmp_path / "bad.csv"
    bad.write_text("title,summary\nA,B\n", encoding="utf-8")
    (rejection,) = read(bad)
    assert isinstance(rejection, Rejection) and "no text column" in rejection.reason


def test_html_main_text_is_extracted(tmp_path):
    path = tmp_path / "page.html"
    body = " ".join(["Russian drones struck the city of Kharkiv overnight, officials said."] * 5)
    path.write_text(f"<html><head><title>Kharkiv struck</title></head><body><nav>Home | World</nav>"
                    f"<article><h1>Kharkiv struck</h1><p>{body}</p><p>{body}</p></article></body></html>",
                    encoding="utf-8")
    (record,) = read(path)
    assert isinstance(record, SourceRecord), record
    assert "Kharkiv overnight" in record.raw_text and "Home | World" not in record.raw_text


def test_gzip_of_jsonl(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"text": "Compressed article."}) + "\n").encode()))
    (record,) = read(path)
    assert record.raw_text == "Compressed article."


def test_non_utf8_text_is_decoded_and_the_encoding_recorded(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Les frappes ont touché la ville de Kharkiv à l'aube, a déclaré le maire.".encode("cp1252"))
    (record,) = read(path)
    assert "touché" in record.raw_text
    assert record.encoding != "utf-8"


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("archive.zip", b"PK\x03\x04", "unsupported file type"),
    ("broken.json", b"{\"text\": ", "malformed JSON"),
    ("bad.gz", b"not gzip at all", "unsupported file type"),
    ("bad.txt.gz", b"not gzip at all", "corrupt gzip"),
])
def test_bad_inputs_are_rejected_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    (rejection,) = read(path)
    assert isinstance(rejection, Rejection)
    assert reason in rejection.reason
    assert rejection.source_uri.startswith(str(path))


def test_broken_symlink_and_oversized_file_are_rejected(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    (rejection,) = read(link)
    assert rejection.reason == "broken symlink"
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000, encoding="utf-8")
    (rejection,) = read(big, limit=1000)
    assert "exceeds the limit" in rejection.reason


@pytest.mark.parametrize(("url", "day"), [
    ("https://www.themoscowtimes.com/2024/10/31/1-killed-in-kharkiv-a86866", date(2024, 10, 31)),
    ("https://example.org/news/2024-03-15-odesa-strike", date(2024, 3, 15)),
    ("https://example.org/a/20240315/odesa", date(2024, 3, 15)),
    ("https://example.org/a/2024/03/odesa", None),  # a month is not a day
    ("https://example.org/story/120240315123", None),  # digits inside an id
    ("https://example.org/a/article-20241301.html", None),  # no 13th month
    ("https://example.org/2024/10/31?page=2025-01-01", date(2024, 10, 31)),  # the path, not the query
    (None, None),
])
def test_a_url_path_gives_the_day_news_sites_write_in_it(url, day):
    assert date_from_url(url) == day
