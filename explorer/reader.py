"""Read-only access to a published warehouse, one build at a time.

A build publishes by renaming a finished file over the old one, so a new build is a new file (a new inode) at the
same path. Every read opens the file read-only, queries and closes it again, under one lock: a reader never holds the
file between reruns, never blocks a build, and after a publish the next read sees the new build whole. Results are
keyed by ``BuildIdentity`` so that they can be cached per build and are never mixed across builds.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

# An outlet as an analyst names it: the source's name, else the URL's host, else the file the article came from.
OUTLET = ("coalesce(a.source_name, nullif(regexp_extract(a.url, '^[a-z]+://(?:www[.])?([^/:]+)', 1), ''), "
          "regexp_extract(a.source_uri, '[^/]+$'))")
# DuckDB hands DATE columns to pandas as timestamps; these are shown as days.
DATE_COLUMNS = ("event_date", "published_date", "period")

# What the explorer reads, by table: a warehouse that lacks any of it was built by an older version.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "marts.fct_events": (
        "event_id", "event_family", "event_type", "acled_sub_event_type", "event_subtype", "event_date",
        "date_precision", "location_id", "location_name", "admin1_name", "country_code", "latitude", "longitude",
        "geo_precision", "initiator_actor_id", "target_actor_id", "civilian_targeting", "killed_low", "killed_best",
        "killed_high", "injured_low", "injured_best", "injured_high", "is_aggregate", "aggregate_reason",
        "attribution_disputed", "casualties_disputed", "n_articles", "n_sources", "summary"),
    "marts.fct_casualty_reports": (
        "report_id", "event_id", "article_id", "outcome", "victim_group", "count_low", "count_best", "count_high",
        "qualifier", "is_subset", "is_toll_update", "claim_text", "sentence_text", "char_start", "char_end"),
    "marts.dim_articles": ("article_id", "title", "source_name", "url", "published_date", "outlet_key",
                           "duplicate_of_article_id", "source_uri"),
    "marts.dim_actors": ("actor_id", "actor_name", "actor_type"),
    "marts.fct_event_actors": ("event_id", "actor_id", "role"),
    "marts.bridge_event_articles": ("event_id", "article_id"),
    "marts.bridge_aggregate_parts": ("aggregate_event_id", "part_event_id"),
    "raw.ingest_runs": ("run_id", "started_at", "finished_at", "status", "published_at", "articles_new",
                        "articles_duplicate", "records_rejected"),
    "raw.rejected_inputs": ("run_id", "source_uri", "record_number", "reason", "excerpt", "stage", "rejected_at"),
}


@dataclass(frozen=True)
class BuildIdentity:
    """Which file is at the path now: a publish replaces the inode, so any change here is a new build."""

    inode: int
    mtime_ns: int
    size: int

    @classmethod
    def of(cls, path: Path) -> BuildIdentity | None:
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        return cls(stat.st_ino, stat.st_mtime_ns, stat.st_size)


class WarehouseProblem(Exception):
    """Why the warehouse cannot be shown, in words for the analyst, with what to do about it."""

    def __init__(self, message: str, remedy: str) -> None:
        super().__init__(message)
        self.message = message
        self.remedy = remedy


@dataclass
class WarehouseReader:
    path: Path
    lock: threading.Lock

    def identity(self) -> BuildIdentity:
        identity = BuildIdentity.of(self.path)
        if identity is None:
            raise WarehouseProblem(f"No warehouse at {self.path}.",
                                   "Build one with `make build` (or pass WAREHOUSE=path/to/file.duckdb).")
        return identity

    def query(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        with self.lock:
            con = self._open()
            try:
                frame = con.execute(sql, list(params)).df()
            finally:
                con.close()
        return _plain(frame)

    def _open(self) -> duckdb.DuckDBPyConnection:
        if not self.path.exists():
            self.identity()
        try:
            return duckdb.connect(str(self.path), read_only=True)
        except duckdb.Error as error:
            raise WarehouseProblem(f"{self.path} cannot be opened as a DuckDB warehouse: {str(error).splitlines()[0]}",
                                   "Point WAREHOUSE= at a file written by `make build`.") from error

    def check(self) -> None:
        """Raise WarehouseProblem unless the file holds every table and column the explorer reads."""
        self.identity()
        present = self.query("select schema_name || '.' || table_name as table_name, column_name from duckdb_columns() "
                             "where schema_name in ('marts', 'raw')")
        by_table = present.groupby("table_name")["column_name"].agg(set).to_dict()
        if not any(name.startswith("marts.") for name in by_table):
            raise WarehouseProblem(f"{self.path} is a DuckDB file but holds no marts: no build has finished into it.",
                                   "Run `make build WAREHOUSE=...` to build it.")
        missing = [f"{table} ({', '.join(c for c in columns if c not in by_table.get(table, set()))})"
                   if table in by_table else table
                   for table, columns in REQUIRED_COLUMNS.items()
                   if not set(columns) <= by_table.get(table, set())]
        if missing:
            raise WarehouseProblem(
                f"{self.path} was written by an older build: it lacks {'; '.join(missing)}.",
                "Rebuild it with this version: `make build WAREHOUSE=...` (add BUILD_ARGS=--full-refresh if the "
                "marts stay old).")

    # --- what the pages show -------------------------------------------------------------------------------

    def totals(self) -> dict[str, object]:
        row = self.query("""
            select
                count(*) filter (where not is_aggregate) as events,
                count(*) filter (where is_aggregate) as aggregates,
                coalesce(sum(killed_best) filter (where not is_aggregate), 0) as killed,
                coalesce(sum(injured_best) filter (where not is_aggregate), 0) as injured,
                (select count(*) from marts.dim_articles) as articles,
                (select count(distinct outlet_key) from marts.dim_articles) as outlets,
                (select max(coalesce(published_at, finished_at)) from raw.ingest_runs
                  where status in ('succeeded', 'rolled back')) as last_build_at
            from marts.fct_events
        """).iloc[0].to_dict()
        return {key: (None if pd.isna(value) else value) for key, value in row.items()}

    def events(self) -> pd.DataFrame:
        return self.query("""
            select e.*, initiator.actor_name as initiator_name, target.actor_name as target_name
            from marts.fct_events e
            left join marts.dim_actors initiator on initiator.actor_id = e.initiator_actor_id
            left join marts.dim_actors target on target.actor_id = e.target_actor_id
            order by e.event_date desc nulls last, e.killed_best desc nulls last, e.event_id
        """)

    def timeline(self, grain: str) -> pd.DataFrame:
        if grain not in ("day", "week"):
            raise ValueError(grain)
        return self.query(f"""
            select date_trunc('{grain}', event_date)::date as period,
                   coalesce(sum(killed_best), 0) as killed, coalesce(sum(injured_best), 0) as injured,
                   count(*) as events
            from marts.fct_events
            where not is_aggregate and event_date is not null
            group by all order by period
        """)

    def top_places(self, limit: int = 10) -> pd.DataFrame:
        return self.query("""
            select location_name as place, admin1_name as region, country_code as country, count(*) as events,
                   coalesce(sum(killed_best), 0) as killed, coalesce(sum(injured_best), 0) as injured
            from marts.fct_events
            where not is_aggregate and location_name is not null
            group by all order by killed desc, injured desc, events desc, place limit ?
        """, [limit])

    def top_initiators(self, limit: int = 10) -> pd.DataFrame:
        return self.query("""
            select coalesce(a.actor_name, 'unattributed') as initiator, count(*) as events,
                   coalesce(sum(e.killed_best), 0) as killed, coalesce(sum(e.injured_best), 0) as injured
            from marts.fct_events e left join marts.dim_actors a on a.actor_id = e.initiator_actor_id
            where not e.is_aggregate
            group by all order by events desc, killed desc, initiator limit ?
        """, [limit])

    def event(self, event_id: str) -> dict[str, object] | None:
        rows = self.query("""
            select e.*, initiator.actor_name as initiator_name, target.actor_name as target_name
            from marts.fct_events e
            left join marts.dim_actors initiator on initiator.actor_id = e.initiator_actor_id
            left join marts.dim_actors target on target.actor_id = e.target_actor_id
            where e.event_id = ?
        """, [event_id])
        if rows.empty:
            return None
        return {key: (None if _missing(value) else value) for key, value in rows.iloc[0].to_dict().items()}

    def event_reports(self, event_id: str) -> pd.DataFrame:
        return self.query(f"""
            select r.report_id, r.outcome, r.victim_group, r.count_low, r.count_best, r.count_high, r.qualifier,
                   r.is_subset, r.is_toll_update, r.claim_text, r.sentence_text, r.char_start, r.char_end,
                   a.article_id, a.title, {OUTLET} as outlet, a.published_date, a.url,
                   a.source_uri
            from marts.fct_casualty_reports r join marts.dim_articles a using (article_id)
            where r.event_id = ?
            order by a.published_date nulls last, a.article_id, r.char_start, r.outcome
        """, [event_id])

    def event_articles(self, event_id: str) -> pd.DataFrame:
        return self.query(f"""
            select a.article_id, a.title, {OUTLET} as outlet, a.published_date, a.url,
                   a.source_uri
            from marts.bridge_event_articles b join marts.dim_articles a using (article_id)
            where b.event_id = ?
            order by a.published_date nulls last, a.article_id
        """, [event_id])

    def event_actors(self, event_id: str) -> pd.DataFrame:
        return self.query("""
            select ea.role, a.actor_name, a.actor_type, a.country_code, ea.actor_id
            from marts.fct_event_actors ea join marts.dim_actors a using (actor_id)
            where ea.event_id = ?
            order by case ea.role when 'initiator' then 0 when 'target' then 1 when 'negotiator' then 2 else 3 end,
                     a.actor_name
        """, [event_id])

    def related_events(self, event_id: str) -> pd.DataFrame:
        """The parts an aggregate sums, or the aggregates an event is part of, with which relation it is."""
        return self.query("""
            select 'part' as relation, p.part_event_id as event_id from marts.bridge_aggregate_parts p
            where p.aggregate_event_id = ?
            union all
            select 'aggregate', p.aggregate_event_id from marts.bridge_aggregate_parts p where p.part_event_id = ?
        """, [event_id, event_id]).merge(
            self.query("select event_id, summary, event_date, killed_best, injured_best from marts.fct_events"),
            on="event_id", how="left")

    def articles(self) -> pd.DataFrame:
        return self.query(f"""
            select a.published_date, {OUTLET} as outlet, a.title, a.language, a.extraction_skipped_reason,
                   a.duplicate_of_article_id, a.url, a.source_uri, a.article_id,
                   (select count(*) from marts.bridge_event_articles b where b.article_id = a.article_id) as events
            from marts.dim_articles a
            order by a.published_date desc nulls last, a.article_id
        """)

    def ingest_runs(self) -> pd.DataFrame:
        return self.query("select * from raw.ingest_runs order by started_at desc")

    def rejected_inputs(self) -> pd.DataFrame:
        return self.query("""
            select rejected_at, stage, source_uri, record_number, reason, excerpt, run_id
            from raw.rejected_inputs order by rejected_at desc, source_uri, record_number
        """)

    def near_duplicate_groups(self) -> pd.DataFrame:
        return self.query("""
            select original.article_id as original_article_id, original.title as original_title,
                   coalesce(original.source_name, original.outlet_key) as original_outlet,
                   copy.article_id, copy.title, coalesce(copy.source_name, copy.outlet_key) as outlet
            from marts.dim_articles copy
            join marts.dim_articles original on original.article_id = copy.duplicate_of_article_id
            order by original.article_id, copy.article_id
        """)


def _missing(value: object) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Days as dates and text with None for NULL, so pages test for None alone (numbers keep NaN for NULL)."""
    for column in frame.columns:
        values = frame[column]
        if column in DATE_COLUMNS and pd.api.types.is_datetime64_any_dtype(values):
            frame[column] = values.dt.date.astype(object).where(values.notna(), None)
        elif not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)
                  or pd.api.types.is_datetime64_any_dtype(values)):
            frame[column] = values.astype(object).where(values.notna(), None)
    return frame


def build_time_text(value: object) -> str:
    if value is None:
        return "unknown"
    moment = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
    return moment.strftime("%Y-%m-%d %H:%M UTC") if isinstance(moment, datetime) else str(moment)


def warehouse_path(default: str = "warehouse/warehouse.duckdb") -> Path:
    """The warehouse the explorer shows: ``EXPLORER_WAREHOUSE`` (set by ``make explore WAREHOUSE=...``)."""
    return Path(os.environ.get("EXPLORER_WAREHOUSE", default)).expanduser().resolve()
