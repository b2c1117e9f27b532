"""Property-based tests (Hypothesis) of the readers, cleaning and the loader's accounting.

Whatever bytes arrive - any encoding, JSON of any shape, CSV quirks, HTML, gzip, truncated gzip - a reader
yields records or rejections with a reason and never raises, and a load accounts for every record:
``records_seen = new + duplicate + rejected``. CI runs a fixed, derandomised set of examples (profile ``ci``);
locally each run explores new ones.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import warehouse
from ingest.cleaning import clean_text
from ingest.loader import LoadReport, _stage_new_articles, load
from ingest.readers import DATE_FIELDS, TEXT_FIELDS, TITLE_FIELDS, URL_FIELDS, read_path
from ingest.records import Rejection, SourceRecord
from ingest.reference import page_furniture
from ingest.settings import LoaderSettings

settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

SUFFIXES = [".txt", ".md", ".json", ".jsonl", ".ndjson", ".csv", ".html", ".htm"]
FIELD_NAMES = [*TEXT_FIELDS, *TITLE_FIELDS, *DATE_FIELDS, *URL_FIELDS, "id", "source", "x", ""]
# Words that carry no trigger or outcome: such articles skip the NLP, which keeps the load properties fast.
QUIET_WORDS = ["the", "council", "market", "budget", "rain", "library", "Tuesday", "said", "new", "2024-03-01",
               "€", "—", "«", "»", "Ünïcödé", "日本", "\t", "\n", "\n\n", "\r\n", ",", ";", "\"", "'", "<p>", "</p>",
               "&amp;", "# ", "---", "Title: ", "Date: ", "**", "\ufeff", "\x00", "\u200b"]

quiet_text = st.lists(st.sampled_from(QUIET_WORDS) | st.text(max_size=8), max_size=40).map(" ".join)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | quiet_text
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=6), children, max_size=5),
    max_leaves=12,
)


def write(directory: Path, name: str, data: bytes, gz: bool = False) -> Path:
    path = directory / (name + (".gz" if gz else ""))
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def read_all(path: Path) -> list[SourceRecord | Rejection]:
    results = list(read_path(path, max_bytes=1 << 20))
    assert results, f"{path.name}: neither a record nor a rejection"
    for result in results:
        assert isinstance(result, SourceRecord | Rejection)
        if isinstance(result, Rejection):
            assert result.reason.strip() and result.source_uri.startswith(str(path))
        else:
            assert isinstance(result.raw_text, str) and result.raw_text.strip()
    return results


@settings(max_examples=1500)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES), gz=st.booleans(),
       truncate=st.integers(min_value=0, max_value=40))
def test_arbitrary_bytes_never_crash_a_reader(data, suffix, gz, truncate):
    with tempfile.TemporaryDirectory() as scratch:
        path = write(Path(scratch), "input" + suffix, data, gz)
        if gz and truncate:  # a download cut short
            path.write_bytes(path.read_bytes()[:-truncate])
        read_all(path)


@settings(max_examples=300)
@given(text=quiet_text, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1251", "cp1252",
                                                   "koi8-r", "shift_jis"]))
def test_text_in_any_encoding_is_read_or_rejected(text, encoding):
    data = text.encode(encoding, errors="ignore")
    with tempfile.TemporaryDirectory() as scratch:
        results = read_all(write(Path(scratch), "article.txt", data))
    assert len(results) == 1


@settings(max_examples=800)
@given(document=json_values, gz=st.booleans())
def test_json_of_any_shape_gives_a_result_per_record(document, gz):
    with tempfile.TemporaryDirectory() as scratch:
        results = read_all(write(Path(scratch), "export.json", json.dumps(document).encode(), gz))
    if isinstance(document, list) and document:
        assert len(results) == len(document)


@settings(max_examples=300)
@given(lines=st.lists(json_values.map(json.dumps) | st.text(max_size=30), min_size=1, max_size=8))
def test_every_jsonl_line_is_a_record_or_a_rejection(lines):
    with tempfile.TemporaryDirectory() as scratch:
        results = read_all(write(Path(scratch), "export.jsonl", "\n".join(lines).encode()))
    nonblank = sum(1 for chunk in "\n".join(lines).split("\n") if chunk.strip())
    whole_file_rejected = len(results) == 1 and isinstance(results[0], Rejection) and results[0].record_number is None
    assert whole_file_rejected or len(results) == nonblank


@settings(max_examples=300)
@given(header=st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=5),
       rows=st.lists(st.lists(quiet_text | st.text(max_size=20), max_size=6), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t", "|"]), quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL,
                                                                                 csv.QUOTE_NONNUMERIC]))
def test_csv_quirks_never_crash_the_reader(header, rows, delimiter, quoting):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting)
    writer.writerow(header)
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as scratch:
        read_all(write(Path(scratch), "export.csv", buffer.getvalue().encode()))


HTML_PARTS = ["<html>", "<head>", "<title>", "</title>", "</head>", "<body>", "<article>", "<p>", "</p>", "<div>",
              "</div>", "<script>var x = 1;</script>", "<!--", "-->", "<meta name=\"date\" content=\"2024-01-01\">",
              "<a href='/tag'>", "</a>", "&nbsp;", "&#x27;", "</body>", "</html>", "<br/>", "<![CDATA[", "]]>"]


@settings(max_examples=200)
@given(parts=st.lists(st.sampled_from(HTML_PARTS) | quiet_text, max_size=30))
def test_html_fragments_never_crash_the_reader(parts):
    with tempfile.TemporaryDirectory() as scratch:
        read_all(write(Path(scratch), "page.html", "".join(parts).encode()))


@settings(max_examples=1000)
@given(raw=st.text() | quiet_text)
def test_cleaning_any_text_never_fails_and_only_removes(raw):
    furniture = page_furniture(str(LoaderSettings().reference_dir))
    cleaned = clean_text(raw, furniture)
    assert isinstance(cleaned.text, str)
    assert cleaned.lines_removed >= 0 and cleaned.paragraphs_removed >= 0
    assert "\n\n\n" not in cleaned.text


files = st.lists(st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=400) | quiet_text.map(str.encode),
                           st.booleans()), min_size=1, max_size=6)


@contextlib.contextmanager
def inbox_and_warehouse(contents: list[tuple[str, bytes, bool]]) -> Iterator[tuple[Path, duckdb.DuckDBPyConnection]]:
    """The generated files in a folder, and a fresh warehouse file to load them into."""
    with tempfile.TemporaryDirectory() as scratch:
        inbox = Path(scratch) / "inbox"
        inbox.mkdir()
        for number, (suffix, data, gz) in enumerate(contents):
            write(inbox, f"file{number}{suffix}", data, gz)
        con = warehouse.connect(Path(scratch) / "w.duckdb")
        try:
            yield inbox, con
        finally:
            con.close()


@settings(max_examples=300)
@given(contents=files)
def test_every_record_read_is_new_duplicate_or_rejected(contents):
    with inbox_and_warehouse(contents) as (inbox, con):
        warehouse.ensure_raw_schema(con)
        report = LoadReport(run_id="fuzz")
        _stage_new_articles(con, inbox, LoaderSettings(), report, {}, "fuzz", "fuzz")
    assert report.files_seen == len(contents)
    assert report.records_seen == (report.articles_new + report.articles_already_loaded + report.articles_duplicate
                                   + report.records_rejected)


@settings(max_examples=60)
@given(contents=files)
def test_a_load_of_anything_records_where_every_record_went(contents):
    with inbox_and_warehouse(contents) as (inbox, con):
        load(con, inbox, LoaderSettings())
        load(con, inbox, LoaderSettings())  # again: everything is already loaded, a duplicate or a rejection now
        runs = con.execute("select records_seen, articles_new, articles_already_loaded + articles_duplicate, "
                           "records_rejected from raw.ingest_runs order by started_at").fetchall()
        rejected = con.execute("select count(*) from raw.rejected_inputs").fetchone()[0]
    for seen, new, known, rejected_in_run in runs:
        assert seen == new + known + rejected_in_run
    assert runs[1][1] == 0
    assert rejected == runs[0][3] + runs[1][3]
