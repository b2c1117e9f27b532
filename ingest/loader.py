"""Load articles into the raw schema: read, clean, identify, extract, write. Incremental by content."""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
from datasketch import MinHash, MinHashLSH
from tqdm import tqdm

from ingest import warehouse
from ingest.cleaning import clean_text
from ingest.identity import MINHASH_SCHEME, article_id, content_hash, minhash_signature
from ingest.mentions import Mention, doc_to_mentions, mentions_as_columns
from ingest.readers import date_from_url, discover, read_path
from ingest.records import Article, Rejection, SourceRecord
from ingest.reference import page_furniture
from ingest.settings import LoaderSettings

log = logging.getLogger("ingest.loader")
WRITE_BATCH = 256


@dataclass
class LoadReport:
    run_id: str
    files_seen: int = 0
    records_seen: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0
    records_rejected: int = 0
    articles_reextracted: int = 0
    mentions_written: int = 0
    seconds: float = 0.0
    rejections: list[Rejection] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def read_articles(input_path: Path, settings: LoaderSettings, report: LoadReport) -> Iterator[Article | Rejection]:
    """Every record under input_path, cleaned and identified, or rejected with its reason."""
    furniture = page_furniture(str(settings.reference_dir))
    for path in discover(input_path):
        report.files_seen += 1
        try:
            results = list(read_path(path, settings.max_file_bytes))
        except OSError as error:
            results = [Rejection(str(path), None, f"cannot read file: {error.strerror or error}", "")]
        for result in results:
            report.records_seen += 1
            if isinstance(result, Rejection):
                yield result
                continue
            yield _to_article(result, furniture)


def _to_article(record: SourceRecord, furniture: tuple[tuple[str, str], ...]) -> Article | Rejection:
    cleaned = clean_text(record.raw_text, furniture)
    if not cleaned.text.strip():
        return Rejection(record.source_uri, record.record_number, "no text left after cleaning",
                         record.raw_text[:200])
    digest = content_hash(cleaned.text)
    first_line = cleaned.text.split("\n", 1)[0]
    return Article(
        article_id=article_id(digest),
        content_hash=digest,
        clean_text=cleaned.text,
        raw_text=record.raw_text,
        title=record.title or cleaned.title or (first_line if len(first_line) <= 200 else first_line[:197] + "..."),
        url=record.url,
        source_name=record.source_name,
        source_uri=record.source_uri,
        record_number=record.record_number,
        published_date=record.published_date or cleaned.published_date or date_from_url(record.url),
        lines_removed=cleaned.lines_removed,
        paragraphs_removed=cleaned.paragraphs_removed,
        encoding=record.encoding,
        sources=[record],
    )


def load(con: duckdb.DuckDBPyConnection, input_path: Path, settings: LoaderSettings) -> LoadReport:
    """Load everything under input_path into an open warehouse; returns what happened."""
    started = time.monotonic()
    run_id = f"run_{_now():%Y%m%dT%H%M%S}_{uuid.uuid4().hex[:8]}"
    version = settings.extractor_version()
    report = LoadReport(run_id=run_id)
    warehouse.ensure_raw_schema(con)
    con.execute(
        "insert into raw.ingest_runs (run_id, started_at, input_path, extractor_version, model_name, status) "
        "values (?, ?, ?, ?, ?, 'running')",
        [run_id, _now(), str(input_path), version, settings.model_name],
    )
    if not input_path.exists():
        raise FileNotFoundError(f"input not found: {input_path}")

    known = dict(con.execute("select article_id, extractor_version from raw.articles").fetchall())
    fresh, new_sources = _new_articles(con, input_path, settings, report, known)
    stale = _forget_stale_mentions(con, known, settings, version, report)

    _write_sources(con, new_sources, run_id)
    _write_rejections(con, report.rejections, run_id)
    signatures = {aid: minhash_signature(article.clean_text) for aid, article in sorted(fresh.items())}
    _write_articles(con, [fresh[aid] for aid in sorted(fresh)], signatures, version, run_id)
    _link_near_duplicates(con, signatures, settings.near_duplicate_threshold)

    # New articles are still in memory; only re-extracted ones are read back.
    to_extract = [(aid, fresh[aid].clean_text, fresh[aid].published_date) for aid in sorted(fresh)]
    if stale:
        to_extract += con.execute(
            "select article_id, clean_text, published_date from raw.articles "
            "where article_id in (select unnest(?)) order by article_id",
            [sorted(set(stale) - set(fresh))],
        ).fetchall()
    report.mentions_written = extract_and_write(con, to_extract, settings, version)
    report.seconds = time.monotonic() - started
    _finish_run(con, report)
    log.info(
        "loaded %s: %d files, %d records -> %d new, %d duplicate, %d rejected; %d mentions in %.1fs",
        input_path, report.files_seen, report.records_seen, report.articles_new, report.articles_duplicate,
        report.records_rejected, report.mentions_written, report.seconds,
    )
    return report


def _new_articles(con: duckdb.DuckDBPyConnection, input_path: Path, settings: LoaderSettings, report: LoadReport,
                  known: dict[str, str]) -> tuple[dict[str, Article], list[tuple[SourceRecord, str]]]:
    """Articles not in the warehouse yet, and source records not seen before; rejections go to the report."""
    known_sources = set(con.execute("select article_id, source_uri from raw.article_sources").fetchall())
    fresh: dict[str, Article] = {}
    new_sources: list[tuple[SourceRecord, str]] = []
    for item in read_articles(input_path, settings, report):
        if isinstance(item, Rejection):
            report.rejections.append(item)
            log.warning("rejected %s: %s", item.source_uri, item.reason)
            continue
        source = item.sources[0]
        if (item.article_id, source.source_uri) not in known_sources:
            known_sources.add((item.article_id, source.source_uri))
            new_sources.append((source, item.article_id))
        if item.article_id in known or item.article_id in fresh:
            report.articles_duplicate += 1
            continue
        fresh[item.article_id] = item
    report.records_rejected = len(report.rejections)
    report.articles_new = len(fresh)
    return fresh, new_sources


def _forget_stale_mentions(con: duckdb.DuckDBPyConnection, known: dict[str, str], settings: LoaderSettings,
                           version: str, report: LoadReport) -> list[str]:
    """Articles extracted by another extractor version (or all, on a full refresh) lose their mentions
    and are extracted again."""
    stale = [aid for aid, v in known.items() if settings.full_refresh or v != version]
    if stale:
        report.articles_reextracted = len(stale)
        log.info("re-extracting %d articles (extractor version %s)", len(stale), version)
        con.execute("delete from raw.mentions where article_id in (select unnest(?))", [stale])
        con.execute("update raw.articles set extractor_version = ? where article_id in (select unnest(?))",
                    [version, stale])
    return stale


def _finish_run(con: duckdb.DuckDBPyConnection, report: LoadReport) -> None:
    con.execute(
        "update raw.ingest_runs set finished_at = ?, files_seen = ?, records_seen = ?, articles_new = ?, "
        "articles_duplicate = ?, records_rejected = ?, articles_reextracted = ?, mentions_written = ?, "
        "status = 'succeeded' where run_id = ?",
        [_now(), report.files_seen, report.records_seen, report.articles_new, report.articles_duplicate,
         report.records_rejected, report.articles_reextracted, report.mentions_written, report.run_id],
    )


def extract_and_write(con: duckdb.DuckDBPyConnection, items: list[tuple[str, str, object]],
                      settings: LoaderSettings, version: str) -> int:
    """Run the spaCy pipeline over (article_id, text, published_date) in batches; bulk-write mentions.
    Articles with no trigger or outcome word cannot report an event and skip the pipeline."""
    from ingest.nlp import build_pipeline
    from ingest.nlp.pipeline import mention_sources
    from ingest.nlp.relevance import can_report_events

    if not settings.extract_all:
        relevant = [item for item in items if can_report_events(item[1], str(settings.reference_dir))]
        if len(relevant) < len(items):
            log.info("%d of %d articles hold no trigger or outcome word: NLP skipped for them",
                     len(items) - len(relevant), len(items))
        items = relevant
    if not items:
        return 0

    nlp = build_pipeline(settings.model_name, settings.reference_dir)
    sources = mention_sources(nlp)
    extracted_at = _now()

    def write(rows: list[Mention]) -> int:
        columns = mentions_as_columns(rows)
        columns["extracted_at"] = [extracted_at] * len(rows)
        return warehouse.append(con, "raw.mentions", columns)

    processes = settings.processes or (1 if len(items) < 200 else min(2, os.cpu_count() or 1))
    written = 0
    pending: list[Mention] = []
    docs = nlp.pipe(((text, (aid, published)) for aid, text, published in items), as_tuples=True,
                    batch_size=settings.batch_size, n_process=processes)
    for doc, (aid, published) in tqdm(docs, total=len(items), desc="extracting", unit="article",
                                      disable=len(items) < 50, mininterval=2.0):
        pending.extend(doc_to_mentions(doc, aid, published, version, sources))
        if len(pending) >= WRITE_BATCH * 20:
            written += write(pending)
            pending = []
    written += write(pending)
    return written


def _write_articles(con: duckdb.DuckDBPyConnection, articles: Iterable[Article], signatures: dict[str, list[int]],
                    version: str, run_id: str) -> None:
    now = _now()
    rows = list(articles)
    warehouse.append(con, "raw.articles", {
        "article_id": [a.article_id for a in rows],
        "content_hash": [a.content_hash for a in rows],
        "title": [a.title for a in rows],
        "source_name": [a.source_name for a in rows],
        "source_uri": [a.source_uri for a in rows],
        "record_number": [a.record_number for a in rows],
        "url": [a.url for a in rows],
        "published_date": [a.published_date for a in rows],
        "raw_text": [a.raw_text for a in rows],
        "clean_text": [a.clean_text for a in rows],
        "lines_removed": [a.lines_removed for a in rows],
        "paragraphs_removed": [a.paragraphs_removed for a in rows],
        "encoding": [a.encoding for a in rows],
        "minhash": [signatures[a.article_id] for a in rows],
        "extractor_version": [version for _ in rows],
        "ingested_at": [now for _ in rows],
        "run_id": [run_id for _ in rows],
    })


def _write_sources(con: duckdb.DuckDBPyConnection, sources: list[tuple[SourceRecord, str]], run_id: str) -> None:
    now = _now()
    warehouse.append(con, "raw.article_sources", {
        "article_id": [aid for _, aid in sources],
        "source_uri": [s.source_uri for s, _ in sources],
        "record_number": [s.record_number for s, _ in sources],
        "title": [s.title for s, _ in sources],
        "source_name": [s.source_name for s, _ in sources],
        "url": [s.url for s, _ in sources],
        "published_date": [s.published_date for s, _ in sources],
        "external_id": [s.external_id for s, _ in sources],
        "first_seen_at": [now for _ in sources],
        "run_id": [run_id for _ in sources],
    })


def _write_rejections(con: duckdb.DuckDBPyConnection, rejections: list[Rejection], run_id: str) -> None:
    now = _now()
    warehouse.append(con, "raw.rejected_inputs", {
        "run_id": [run_id for _ in rejections],
        "source_uri": [r.source_uri for r in rejections],
        "record_number": [r.record_number for r in rejections],
        "reason": [r.reason for r in rejections],
        "excerpt": [r.excerpt for r in rejections],
        "rejected_at": [now for _ in rejections],
    })


def _link_near_duplicates(con: duckdb.DuckDBPyConnection, fresh: dict[str, list[int]], threshold: float) -> None:
    """Point each near-duplicate (a rewrite of one wire story) at the smallest article_id of its group.
    They stay separate articles: event de-duplication happens in dbt."""
    if not fresh:
        return
    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    signatures: dict[str, MinHash] = {}
    for aid, values in con.execute("select article_id, minhash from raw.articles order by article_id").fetchall():
        signature = MinHash(num_perm=64, seed=17, hashvalues=values, scheme=MINHASH_SCHEME)
        signatures[aid] = signature
        lsh.insert(aid, signature)
    updates: dict[str, tuple[str, float]] = {}
    for aid in sorted(fresh):
        group = sorted(lsh.query(signatures[aid]))
        if len(group) < 2:
            continue
        canonical = group[0]
        for member in group[1:]:
            similarity = signatures[member].jaccard(signatures[canonical])
            if similarity >= threshold:
                updates[member] = (canonical, similarity)
    if updates:
        links = pa.table({
            "member": list(updates),
            "canonical": [canonical for canonical, _ in updates.values()],
            "similarity": [similarity for _, similarity in updates.values()],
        })
        con.register("_links", links)
        try:
            con.execute(
                "update raw.articles set duplicate_of_article_id = l.canonical, "
                "near_duplicate_similarity = l.similarity "
                "from _links l where raw.articles.article_id = l.member"
            )
        finally:
            con.unregister("_links")
