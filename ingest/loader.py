"""Load articles into the raw schema: read, clean, identify, extract, write. Incremental by content."""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from datasketch import MinHash, MinHashLSH
from tqdm import tqdm

from ingest import revisions, warehouse
from ingest.cleaning import clean_text
from ingest.errors import UserError, in_one_line
from ingest.extraction import ExtractionItem, extract_locally
from ingest.headlines import headline_of, with_headline
from ingest.identity import MINHASH_SCHEME, article_id, content_hash, minhash_signature
from ingest.language import ArticleLanguages, pipeline_language
from ingest.mentions import Mention, mentions_as_columns
from ingest.readers import date_from_url, discover, read_path
from ingest.records import Article, Rejection, SourceRecord
from ingest.reference import page_furniture
from ingest.settings import LoaderSettings

log = logging.getLogger("ingest.loader")
WRITE_BATCH = 256
STAGE_BATCH = 500  # articles held in memory at once, while reading and while extracting


@dataclass
class LoadReport:
    run_id: str
    files_seen: int = 0
    records_seen: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0  # the same text as another record of this run (another file, record or outlet)
    articles_already_loaded: int = 0  # its text was loaded by an earlier run (from this file or another)
    articles_superseded: int = 0  # earlier versions replaced in this run by a corrected one (same URL or id)
    articles_removed: int = 0  # taken out by the exclusion list in this run
    articles_restored: int = 0  # back in the marts (a removal undone)
    records_rejected: int = 0
    articles_reextracted: int = 0
    mentions_written: int = 0
    articles_extract_failed: int = 0
    articles_language_skipped: dict[str, int] = field(default_factory=dict)  # language -> articles
    seconds: float = 0.0
    rejections: list[Rejection] = field(default_factory=list)


def read_articles(input_path: Path, settings: LoaderSettings, report: LoadReport,
                  languages: ArticleLanguages | None = None) -> Iterator[Article | Rejection]:
    """Every record under input_path, cleaned and identified, or rejected with its reason."""
    furniture = page_furniture(str(settings.reference_dir))
    languages = languages or ArticleLanguages.from_reference(settings.reference_dir)
    for path in discover(input_path):
        report.files_seen += 1
        options = settings.read_options.for_file(path, input_path if input_path.is_dir() else None)
        dates = _UnreadDates()
        try:
            for result in read_path(path, settings.max_file_bytes, options):
                report.records_seen += 1
                if isinstance(result, Rejection):
                    yield result
                    continue
                dates.count(result)
                yield _to_article(result, furniture, languages)
        except OSError as error:
            report.records_seen += 1
            yield Rejection(str(path), None, f"cannot read file: {error.strerror or error}", "")
        except Exception as error:  # a reader's bug costs the rest of this file, never the load
            log.warning("reader failed on %s: %s", path, in_one_line(error))
            report.records_seen += 1
            yield Rejection(str(path), None, f"reader failed: {in_one_line(error)}", "")
        dates.warn(path)


@dataclass
class _UnreadDates:
    """Say so when a file's dates are there but could not be read, instead of leaving them empty unseen."""

    records: int = 0
    unread: int = 0
    example: str | None = None

    def count(self, record: SourceRecord) -> None:
        self.records += 1
        if record.published_text and record.published_date is None:
            self.unread += 1
            self.example = self.example or record.published_text

    def warn(self, path: Path) -> None:
        if self.unread:
            log.warning("%s: %d of %d records have a date that could not be read for certain (e.g. %r): left "
                        "undated; a numeric date whose day and month could be swapped needs --date-order dmy|mdy",
                        path, self.unread, self.records, self.example)


def _to_article(record: SourceRecord, furniture: tuple[tuple[str, str], ...],
                languages: ArticleLanguages) -> Article | Rejection:
    cleaned = clean_text(record.raw_text, furniture)
    if not cleaned.text.strip():
        return Rejection(record.source_uri, record.record_number, "no text left after cleaning",
                         record.raw_text[:200])
    text, headline_length = with_headline(cleaned.text, headline_of(record.title))
    # an article is its body: one wire story under two outlets' headlines is one article with two sources
    digest = content_hash(cleaned.text)
    first_line = cleaned.text.split("\n", 1)[0]
    return Article(
        article_id=article_id(digest),
        content_hash=digest,
        clean_text=text,
        headline_length=headline_length,
        raw_text=record.raw_text,
        title=record.title or cleaned.title or (first_line if len(first_line) <= 200 else first_line[:197] + "..."),
        url=record.url,
        source_name=record.source_name,
        source_uri=record.source_uri,
        record_number=record.record_number,
        published_date=record.published_date or cleaned.published_date or date_from_url(record.url),
        published_at=record.published_at,
        lines_removed=cleaned.lines_removed,
        paragraphs_removed=cleaned.paragraphs_removed,
        encoding=record.encoding,
        language=languages.detect(cleaned.text),
        sources=[record],
    )


def load(con: duckdb.DuckDBPyConnection, input_path: Path, settings: LoaderSettings) -> LoadReport:
    """Load everything under input_path into an open warehouse; returns what happened."""
    started = time.monotonic()
    run_id = warehouse.new_run_id()
    version = settings.extractor_version()
    report = LoadReport(run_id=run_id)
    if not input_path.exists():
        raise UserError(f"input not found: {input_path}", "pass --articles (ARTICLES=) a file or a folder of articles")
    exclusions = revisions.read_exclusions(settings.exclusions) if settings.exclusions else []
    warehouse.ensure_raw_schema(con)
    con.execute(
        "insert into raw.ingest_runs (run_id, started_at, input_path, extractor_version, model_name, status) "
        "values (?, ?, ?, ?, ?, 'running')",
        [run_id, warehouse.utc_now(), str(input_path), version, settings.model_name],
    )

    known = dict(con.execute("select article_id, extractor_version from raw.articles").fetchall())
    fresh = _stage_new_articles(con, input_path, settings, report, known, version, run_id)
    stale = _forget_stale_mentions(con, known, settings, version, report)

    _write_rejections(con, report.rejections, run_id)
    _link_near_duplicates(con, fresh, settings.near_duplicate_threshold)
    changes = revisions.apply(con, exclusions, run_id)
    report.articles_superseded, report.articles_removed = changes.superseded, changes.removed
    report.articles_restored = changes.restored

    # Texts are read back from the warehouse a batch at a time: a run holds one batch, not its input.
    to_extract = fresh + sorted(set(stale) - set(fresh))
    extraction = extract_and_write(con, to_extract, settings, version)
    report.mentions_written = extraction.mentions_written
    report.articles_extract_failed = len(extraction.failures)
    report.articles_language_skipped = extraction.language_skipped
    _record_skipped(con, extraction, run_id)
    report.seconds = time.monotonic() - started
    _finish_run(con, report)
    log.info(
        "loaded %s: %d files, %d records -> %d new, %d already loaded, %d duplicate, %d rejected; "
        "%d superseded, %d removed; %d mentions in %.1fs",
        input_path, report.files_seen, report.records_seen, report.articles_new, report.articles_already_loaded,
        report.articles_duplicate, report.records_rejected, report.articles_superseded, report.articles_removed,
        report.mentions_written, report.seconds,
    )
    return report


def _stage_new_articles(con: duckdb.DuckDBPyConnection, input_path: Path, settings: LoaderSettings,
                        report: LoadReport, known: dict[str, str], version: str, run_id: str) -> list[str]:
    """Read every record and write the articles not in the warehouse yet, and the source records not seen
    before, a batch at a time (memory holds one batch, whatever the input's size). Returns the new
    articles' ids in id order; rejections go to the report."""
    known_sources = set(con.execute("select article_id, source_uri from raw.article_sources").fetchall())
    fresh: set[str] = set()
    articles: list[Article] = []
    sources: list[tuple[SourceRecord, str]] = []
    arrivals = 0

    def flush() -> None:
        nonlocal arrivals
        signatures = {article.article_id: minhash_signature(article.clean_text) for article in articles}
        _write_articles(con, sorted(articles, key=lambda article: article.article_id), signatures, version, run_id)
        _write_sources(con, sources, run_id, first_arrival=arrivals)
        arrivals += len(sources)
        articles.clear()
        sources.clear()

    for item in read_articles(input_path, settings, report):
        if isinstance(item, Rejection):
            report.rejections.append(item)
            log.warning("rejected %s: %s", item.source_uri, item.reason)
            continue
        source = item.sources[0]
        if (item.article_id, source.source_uri) not in known_sources:
            known_sources.add((item.article_id, source.source_uri))
            sources.append((source, item.article_id))
        if item.article_id in known:  # its text is in the warehouse from an earlier run (any file)
            report.articles_already_loaded += 1
        elif item.article_id in fresh:  # the same text as another record of this run
            report.articles_duplicate += 1
        else:
            fresh.add(item.article_id)
            articles.append(item)
        if len(articles) >= STAGE_BATCH or len(sources) >= STAGE_BATCH:
            flush()
    flush()
    report.records_rejected = len(report.rejections)
    report.articles_new = len(fresh)
    return sorted(fresh)


def _articles_to_extract(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> Iterator[ExtractionItem]:
    """The articles' texts from the warehouse, in the order given, STAGE_BATCH at a time."""
    for start in range(0, len(article_ids), STAGE_BATCH):
        batch = article_ids[start:start + STAGE_BATCH]
        rows = {row[0]: row for row in con.execute(
            "select article_id, clean_text, published_date, language, published_at from raw.articles "
            "where article_id in (select unnest(?))", [batch]).fetchall()}
        yield from (ExtractionItem(*rows[aid]) for aid in batch if aid in rows)


def _forget_stale_mentions(con: duckdb.DuckDBPyConnection, known: dict[str, str], settings: LoaderSettings,
                           version: str, report: LoadReport) -> list[str]:
    """Articles extracted by another extractor version (or all, on a full refresh) lose their mentions
    and are extracted again."""
    stale = [aid for aid, v in known.items() if settings.full_refresh or v != version]
    if stale:
        report.articles_reextracted = len(stale)
        log.info("re-extracting %d articles (extractor version %s)", len(stale), version)
        con.execute("delete from raw.mentions where article_id in (select unnest(?))", [stale])
        con.execute("update raw.articles set extractor_version = ?, extraction_skipped_reason = null "
                    "where article_id in (select unnest(?))", [version, stale])
    return stale


def _finish_run(con: duckdb.DuckDBPyConnection, report: LoadReport) -> None:
    con.execute(
        "update raw.ingest_runs set finished_at = ?, files_seen = ?, records_seen = ?, articles_new = ?, "
        "articles_duplicate = ?, records_rejected = ?, articles_reextracted = ?, mentions_written = ?, "
        "articles_extract_failed = ?, articles_language_skipped = ?, articles_already_loaded = ?, "
        "articles_superseded = ?, articles_removed = ?, status = 'succeeded' where run_id = ?",
        [warehouse.utc_now(), report.files_seen, report.records_seen, report.articles_new, report.articles_duplicate,
         report.records_rejected, report.articles_reextracted, report.mentions_written,
         report.articles_extract_failed, sum(report.articles_language_skipped.values()),
         report.articles_already_loaded, report.articles_superseded, report.articles_removed, report.run_id],
    )


@dataclass
class ExtractionResult:
    pipeline_language: str  # the one language the pipeline reads
    mentions_written: int = 0
    failures: dict[str, str] = field(default_factory=dict)  # article_id -> the exception, in one line
    not_read: dict[str, str] = field(default_factory=dict)  # article_id -> its language, not the pipeline's

    @property
    def language_skipped(self) -> dict[str, int]:
        """Articles not extracted, by language."""
        return dict(Counter(self.not_read.values()))

    def skipped_reasons(self) -> dict[str, str]:
        """Why each article that was not extracted has no mentions."""
        reasons = {aid: f"language '{code}' is not the pipeline's ({self.pipeline_language})"
                   for aid, code in self.not_read.items()}
        reasons.update({aid: f"extraction failed: {message}" for aid, message in self.failures.items()})
        return reasons


def extract_and_write(con: duckdb.DuckDBPyConnection, article_ids: list[str], settings: LoaderSettings,
                      version: str) -> ExtractionResult:
    """Run the spaCy pipeline over the articles (read back from the warehouse a batch at a time) and
    bulk-write their mentions.

    Articles with no trigger or outcome word cannot report an event and skip the pipeline; so do articles in a
    language the pipeline was not trained for (counted, never run through English rules). An exception while
    extracting one article fails only that article (``ExtractionResult.failures``)."""
    from ingest.nlp.relevance import can_report_events

    result = ExtractionResult(pipeline_language(settings.model_name))
    languages = dict(con.execute("select article_id, language from raw.articles where article_id in "
                                 "(select unnest(?))", [article_ids]).fetchall()) if article_ids else {}
    result.not_read = {aid: languages[aid] for aid in article_ids
                       if languages.get(aid) is not None and languages[aid] != result.pipeline_language}
    if result.not_read:
        log.warning("%d articles are not in the pipeline's language (%s): extraction skipped (%s)",
                    len(result.not_read), result.pipeline_language,
                    ", ".join(f"{code} {n}" for code, n in sorted(result.language_skipped.items())))
        article_ids = [aid for aid in article_ids if aid not in result.not_read]
    if not settings.extract_all:
        reference = str(settings.reference_dir)
        relevant = [item.article_id for item in _articles_to_extract(con, article_ids)
                    if can_report_events(item.text, reference)]
        if len(relevant) < len(article_ids):
            log.info("%d of %d articles hold no trigger or outcome word: NLP skipped for them",
                     len(article_ids) - len(relevant), len(article_ids))
        article_ids = relevant
    if not article_ids:
        return result
    if settings.executor == "ray":
        from ingest.ray_extraction import extract_with_ray

        on_ray = extract_with_ray(con, article_ids, settings, version, warehouse.utc_now())
        result.mentions_written, result.failures = on_ray.mentions_written, on_ray.failures
        return _warn_of_failures(result)

    extracted_at = warehouse.utc_now()

    def write(rows: list[Mention]) -> int:
        columns = mentions_as_columns(rows)
        columns["extracted_at"] = [extracted_at] * len(rows)
        return warehouse.append(con, "raw.mentions", columns)

    processes = settings.processes or (1 if len(article_ids) < 200 else min(2, os.cpu_count() or 1))
    pending: list[Mention] = []
    with tqdm(total=len(article_ids), desc="extracting", unit="article", disable=len(article_ids) < 50,
              mininterval=2.0) as progress:
        for batch in extract_locally(_articles_to_extract(con, article_ids), settings, version, processes):
            pending.extend(batch.mentions)
            result.failures.update(batch.failures)
            progress.update(batch.articles)
            if len(pending) >= WRITE_BATCH * 20:
                result.mentions_written += write(pending)
                pending = []
    result.mentions_written += write(pending)
    return _warn_of_failures(result)


def _warn_of_failures(result: ExtractionResult) -> ExtractionResult:
    if result.failures:
        log.warning("extraction failed on %d articles (kept, see raw.rejected_inputs, stage 'extract')",
                    len(result.failures))
    return result


def _record_skipped(con: duckdb.DuckDBPyConnection, extraction: ExtractionResult, run_id: str) -> None:
    """Mark the articles that were not extracted, and quarantine the failures with their reasons."""
    reasons = extraction.skipped_reasons()
    if not reasons:
        return
    with warehouse.registered(con, "_skipped", {"article_id": list(reasons), "reason": list(reasons.values())}):
        con.execute("update raw.articles set extraction_skipped_reason = s.reason from _skipped s "
                    "where raw.articles.article_id = s.article_id")
        con.execute(
            "insert into raw.rejected_inputs (run_id, source_uri, record_number, reason, excerpt, rejected_at, stage) "
            "select ?, a.source_uri, a.record_number, s.reason, left(a.clean_text, 200), ?, 'extract' "
            "from _skipped s join raw.articles a using (article_id) where s.article_id in (select unnest(?))",
            [run_id, warehouse.utc_now(), list(extraction.failures)])


def _write_articles(con: duckdb.DuckDBPyConnection, articles: Iterable[Article], signatures: dict[str, list[int]],
                    version: str, run_id: str) -> None:
    rows = list(articles)
    if not rows:
        return
    now = warehouse.utc_now()
    warehouse.append(con, "raw.articles", {
        "article_id": [a.article_id for a in rows],
        "content_hash": [a.content_hash for a in rows],
        "title": [a.title for a in rows],
        "source_name": [a.source_name for a in rows],
        "source_uri": [a.source_uri for a in rows],
        "record_number": [a.record_number for a in rows],
        "url": [a.url for a in rows],
        "published_date": [a.published_date for a in rows],
        "published_at": [a.published_at for a in rows],
        "raw_text": [a.raw_text for a in rows],
        "clean_text": [a.clean_text for a in rows],
        "headline_length": [a.headline_length for a in rows],
        "lines_removed": [a.lines_removed for a in rows],
        "paragraphs_removed": [a.paragraphs_removed for a in rows],
        "encoding": [a.encoding for a in rows],
        "language": [a.language for a in rows],
        "minhash": [signatures[a.article_id] for a in rows],
        "extractor_version": [version for _ in rows],
        "ingested_at": [now for _ in rows],
        "run_id": [run_id for _ in rows],
    })


def _write_sources(con: duckdb.DuckDBPyConnection, sources: list[tuple[SourceRecord, str]], run_id: str,
                   first_arrival: int = 0) -> None:
    if not sources:
        return
    now = warehouse.utc_now()
    warehouse.append(con, "raw.article_sources", {
        "article_id": [aid for _, aid in sources],
        "source_uri": [s.source_uri for s, _ in sources],
        "record_number": [s.record_number for s, _ in sources],
        "title": [s.title for s, _ in sources],
        "source_name": [s.source_name for s, _ in sources],
        "url": [s.url for s, _ in sources],
        "published_date": [s.published_date for s, _ in sources],
        "published_at": [s.published_at for s, _ in sources],
        "published_text": [s.published_text for s, _ in sources],
        "external_id": [s.external_id for s, _ in sources],
        "url_key": [revisions.url_key(s.url) for s, _ in sources],
        "arrival": list(range(first_arrival, first_arrival + len(sources))),
        "first_seen_at": [now for _ in sources],
        "run_id": [run_id for _ in sources],
    })


def _write_rejections(con: duckdb.DuckDBPyConnection, rejections: list[Rejection], run_id: str) -> None:
    now = warehouse.utc_now()
    warehouse.append(con, "raw.rejected_inputs", {
        "run_id": [run_id for _ in rejections],
        "source_uri": [r.source_uri for r in rejections],
        "record_number": [r.record_number for r in rejections],
        "reason": [r.reason for r in rejections],
        "excerpt": [r.excerpt for r in rejections],
        "rejected_at": [now for _ in rejections],
        "stage": [r.stage for r in rejections],
    })


def _link_near_duplicates(con: duckdb.DuckDBPyConnection, fresh: list[str], threshold: float) -> None:
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
        links = {
            "member": list(updates),
            "canonical": [canonical for canonical, _ in updates.values()],
            "similarity": [similarity for _, similarity in updates.values()],
        }
        with warehouse.registered(con, "_links", links):
            con.execute(
                "update raw.articles set duplicate_of_article_id = l.canonical, "
                "near_duplicate_similarity = l.similarity "
                "from _links l where raw.articles.article_id = l.member"
            )
