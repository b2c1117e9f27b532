"""The DuckDB ``raw`` schema the loader writes, and bulk writes into it."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

# BI drivers embed DuckDB 1.4 or 1.5 (Metabase's driver, Evidence's node client 1.4.2), which cannot read 2.0's
# default storage format; v1.4.0 storage opens in every DuckDB from 1.4 on.
STORAGE_COMPATIBILITY = "v1.4.0"
# What DuckDB may hold in memory in a build's own connections (it evicts cached blocks and spills to disk
# beyond it). Its default, 80 % of RAM, let copying a 774 MB warehouse take 2.9 GB at 100k articles.
BUILD_MEMORY_LIMIT = "1GB"

RAW_DDL = """
create schema if not exists raw;

create table if not exists raw.articles (
    article_id varchar primary key,
    content_hash varchar not null,
    title varchar,
    source_name varchar,
    source_uri varchar not null,
    record_number integer,
    url varchar,
    published_date date,
    published_at timestamp,
    raw_text varchar not null,
    clean_text varchar not null,
    headline_length integer default 0,
    lines_removed integer not null,
    paragraphs_removed integer not null,
    encoding varchar,
    language varchar,
    extraction_skipped_reason varchar,
    duplicate_of_article_id varchar,
    near_duplicate_similarity double,
    superseded_by_article_id varchar,
    superseded_at timestamp,
    removed_at timestamp,
    minhash ubigint[],
    extractor_version varchar not null,
    ingested_at timestamp not null,
    run_id varchar not null
);

create table if not exists raw.article_sources (
    article_id varchar not null,
    source_uri varchar not null,
    record_number integer,
    title varchar,
    source_name varchar,
    url varchar,
    published_date date,
    published_at timestamp,
    published_text varchar,
    external_id varchar,
    url_key varchar,
    arrival integer,
    first_seen_at timestamp not null,
    run_id varchar not null,
    primary key (article_id, source_uri)
);

-- Articles taken out of the marts by the exclusion list: one row per removal, never deleted (the audit).
-- A removal is in force while restored_at is null.
create table if not exists raw.article_removals (
    article_id varchar not null,
    matched_by varchar not null,
    match_value varchar not null,
    reason varchar,
    requested_at varchar,
    removed_at timestamp not null,
    removed_in_run_id varchar not null,
    restored_at timestamp,
    restored_in_run_id varchar
);

create table if not exists raw.mentions (
    mention_id varchar primary key,
    article_id varchar not null,
    sentence_index integer not null,
    paragraph_index integer not null,
    clause_index integer not null,
    sentence_start integer not null,
    sentence_end integer not null,
    char_start integer not null,
    char_end integer not null,
    mention_type varchar not null,
    label varchar,
    text varchar not null,
    value_text varchar,
    count_stated integer,
    count_stated_high integer,
    vague_term varchar,
    outcome varchar,
    victim_group varchar,
    qualifier varchar,
    is_subset boolean not null,
    is_negated boolean not null,
    has_summary_cue boolean not null,
    cause varchar,
    is_hypothetical boolean not null,
    year_stated integer,
    is_toll_update boolean not null,
    attributes json,
    extractor_version varchar not null,
    extracted_at timestamp
);

create table if not exists raw.rejected_inputs (
    run_id varchar not null,
    source_uri varchar not null,
    record_number integer,
    reason varchar not null,
    excerpt varchar,
    rejected_at timestamp not null,
    stage varchar not null default 'read'
);

create table if not exists raw.ingest_runs (
    run_id varchar primary key,
    started_at timestamp not null,
    finished_at timestamp,
    input_path varchar not null,
    files_seen integer,
    records_seen integer,
    articles_new integer,
    articles_duplicate integer,
    records_rejected integer,
    articles_reextracted integer,
    mentions_written integer,
    extractor_version varchar not null,
    model_name varchar not null,
    status varchar not null,
    published_at timestamp,
    restored_run_id varchar,
    replaced_run_id varchar,
    articles_extract_failed integer,
    articles_language_skipped integer,
    articles_already_loaded integer,
    articles_superseded integer,
    articles_removed integer
);
"""


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (or create) a warehouse file in the storage format DuckDB 1.4 and later read."""
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY,
                                             "memory_limit": BUILD_MEMORY_LIMIT})


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.strip("v+").split("."))


def storage_version(path: Path | str) -> str:
    """The storage format a warehouse file is written in, as DuckDB names it (``v1.4.0+``)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select tags['storage_version'] from duckdb_databases() "
                           "where database_name = current_database()").fetchone()[0]
    finally:
        con.close()


def _rewrite(path: Path, storage: str = STORAGE_COMPATIBILITY) -> None:
    """Copy every schema, table, view and constraint into a new file, which then replaces ``path``."""
    rewritten = path.with_name(path.name + ".rewrite.duckdb")
    rewritten.unlink(missing_ok=True)
    con = duckdb.connect(str(path), config={"memory_limit": BUILD_MEMORY_LIMIT})
    try:
        name = con.execute("select current_database()").fetchone()[0]
        con.execute(f"attach '{rewritten}' as rewritten (storage_version '{storage}')")
        con.execute(f'copy from database "{name}" to rewritten')
        con.execute("detach rewritten")
    except BaseException:
        rewritten.unlink(missing_ok=True)
        raise
    finally:
        con.close()
    os.replace(rewritten, path)


def downgrade_storage(path: Path) -> bool:
    """Rewrite a warehouse written in a newer storage format than STORAGE_COMPATIBILITY (builds before 2026-12
    wrote v1.5.0, which DuckDB 1.4 clients cannot open). Opening a file never changes its format, so the data is
    copied into a new file of the older format. True when the file was rewritten."""
    if _version_tuple(storage_version(path)) <= _version_tuple(STORAGE_COMPATIBILITY):
        return False
    _rewrite(path)
    return True


def compact(path: Path, max_free_share: float = 0.25) -> bool:
    """Give back the space a build freed inside the file (DuckDB reuses free blocks but never shrinks a file; a
    build that replaces every mart and its key indexes leaves about half the sample warehouse free). True when
    the file was rewritten."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        total, free = con.execute("select total_blocks, free_blocks from pragma_database_size() "
                                  "where database_name = current_database()").fetchone()
    finally:
        con.close()
    if not total or free / total <= max_free_share:
        return False
    _rewrite(path)
    return True


# Columns added to raw.mentions since the first release, and columns it no longer has. Old mentions are
# re-extracted anyway (the extractor version changes with the code), so nothing is lost by dropping.
_MENTION_COLUMNS_ADDED = {
    "extracted_at": "timestamp",
    "count_stated": "integer",
    "count_stated_high": "integer",
    "vague_term": "varchar",
    "has_summary_cue": "boolean default false",
    "cause": "varchar",
    "is_hypothetical": "boolean default false",
    "year_stated": "integer",
}
_MENTION_COLUMNS_DROPPED = ("count_low", "count_best", "count_high", "is_aggregate_hint")
# Columns added to other raw tables since the first release.
_COLUMNS_ADDED = {
    "raw.rejected_inputs": {"stage": "varchar default 'read'"},
    "raw.articles": {"language": "varchar", "extraction_skipped_reason": "varchar", "published_at": "timestamp",
                     "superseded_by_article_id": "varchar", "superseded_at": "timestamp",
                     "removed_at": "timestamp", "headline_length": "integer default 0"},
    "raw.article_sources": {"published_at": "timestamp", "published_text": "varchar", "url_key": "varchar",
                            "arrival": "integer"},
    "raw.ingest_runs": {"published_at": "timestamp", "restored_run_id": "varchar", "replaced_run_id": "varchar",
                        "articles_extract_failed": "integer", "articles_language_skipped": "integer",
                        "articles_already_loaded": "integer", "articles_superseded": "integer",
                        "articles_removed": "integer"},
}


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw schema, or bring one written by an older loader up to date."""
    con.execute(RAW_DDL)
    for name, sql_type in _MENTION_COLUMNS_ADDED.items():
        con.execute(f"alter table raw.mentions add column if not exists {name} {sql_type}")
    for name in _MENTION_COLUMNS_DROPPED:
        con.execute(f"alter table raw.mentions drop column if exists {name}")
    for table, columns in _COLUMNS_ADDED.items():
        for name, sql_type in columns.items():
            con.execute(f"alter table {table} add column if not exists {name} {sql_type}")


def published_run_id(con: duckdb.DuckDBPyConnection) -> str | None:
    """The build run whose result this warehouse file is (after a rollback, the run it was rolled back to)."""
    row = con.execute(
        "select coalesce(restored_run_id, run_id) from raw.ingest_runs "
        "where status in ('succeeded', 'rolled back') "
        "order by coalesce(published_at, finished_at, started_at) desc, started_at desc limit 1").fetchone()
    return row[0] if row else None


def utc_now() -> datetime:
    """The warehouse's timestamps are naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_run_id(kind: str = "run") -> str:
    """A run id that sorts by start time: ``run_20261124T173000_1a2b3c4d``."""
    return f"{kind}_{utc_now():%Y%m%dT%H%M%S}_{uuid.uuid4().hex[:8]}"


def mark_published(con: duckdb.DuckDBPyConnection, run_id: str, replaced_run_id: str | None) -> None:
    con.execute("update raw.ingest_runs set published_at = ?, replaced_run_id = ? where run_id = ?",
                [utc_now(), replaced_run_id, run_id])


@contextlib.contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, list]) -> Iterator[pa.Table]:
    """Column lists visible to SQL as the view ``name`` for the duration of the block."""
    table = pa.table(columns)
    con.register(name, table)
    try:
        yield table
    finally:
        con.unregister(name)


def append(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, list]) -> int:
    """Bulk insert column lists through Arrow, matching columns by name."""
    if not columns or not next(iter(columns.values())):
        return 0
    with registered(con, "_incoming", columns) as batch:
        names = ", ".join(batch.column_names)
        con.execute(f"insert into {table} ({names}) select {names} from _incoming")
    return batch.num_rows
