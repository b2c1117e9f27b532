"""``make build``: load, transform, validate, publish. Any failure leaves the published file alone."""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest import warehouse
from ingest.dbt import run_dbt
from ingest.errors import UserError, writing
from ingest.loader import LoadReport, load
from ingest.lock import build_lock
from ingest.publish import DEFAULT_KEEP, copy_docs, export_parquet, publish_file, retire_published
from ingest.reference_check import check_reference_dir
from ingest.revisions import read_exclusions
from ingest.settings import LoaderSettings

log = logging.getLogger("ingest.build")


@dataclass(frozen=True)
class BuildPaths:
    """Where a build of ``published`` (``.../X.duckdb``) writes. Everything but the warehouse file lives in a
    folder named after it (``.../X/``), so any number of warehouses can share a directory."""

    published: Path

    @property
    def out_dir(self) -> Path:
        return self.published.parent

    @property
    def outputs_dir(self) -> Path:
        return self.out_dir / self.published.stem

    @property
    def work(self) -> Path:
        """Beside the published file, so that publishing is an atomic rename on one file system."""
        return self.out_dir / f".{self.published.stem}.building.duckdb"

    @property
    def dbt_dir(self) -> Path:
        return self.outputs_dir / ".dbt"

    @property
    def history_dir(self) -> Path:
        """Earlier published warehouses, kept for ``rollback``."""
        return self.outputs_dir / "history"

    @property
    def parquet_dir(self) -> Path:
        return self.outputs_dir / "parquet"

    @property
    def docs_dir(self) -> Path:
        return self.outputs_dir / "docs"

    @property
    def validation_dir(self) -> Path:
        return self.outputs_dir / "validation"

    @property
    def exclusions_file(self) -> Path:
        """The exclusion list ``python -m ingest remove`` writes and every build honours."""
        return self.outputs_dir / "exclusions.csv"


def _discard(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


@dataclass
class BuildResult:
    """What a build that published did (a failed build raises instead)."""

    timings: dict[str, float] = field(default_factory=dict)
    summary: dict[str, object] = field(default_factory=dict)
    seconds: float = 0.0


def check_inputs(articles: Path, settings: LoaderSettings) -> None:
    """What can be checked before anything is written: the input exists and is readable, and every
    reference CSV has the columns its readers need."""
    if not articles.exists():
        raise UserError(f"input not found: {articles}", "pass --articles (ARTICLES=) a file or a folder of articles")
    if not os.access(articles, os.R_OK | (os.X_OK if articles.is_dir() else 0)):
        raise UserError(f"input not readable: {articles}", "check its permissions")
    check_reference_dir(settings.reference_dir)
    if settings.exclusions:
        read_exclusions(settings.exclusions)  # a malformed exclusion list fails before anything is written


def build(articles: Path, published: Path, settings: LoaderSettings, *, wait: bool = True,
          keep: int = DEFAULT_KEEP) -> int:
    """Build under the warehouse's lock and print what happened; the exit status of `make build`.
    Expected failures raise ``UserError`` after leaving the published file as it was."""
    paths = BuildPaths(published.resolve())
    check_inputs(articles, settings)
    with build_lock(paths.published, wait=wait):
        result = run_build(articles, paths.published, settings, keep=keep)
    print(_format_summary(result.summary, result.timings, result.seconds, paths))
    return 0


def run_build(articles: Path, published: Path, settings: LoaderSettings, keep: int = DEFAULT_KEEP) -> BuildResult:
    """Load, transform, validate and publish; the caller holds the lock. On any failure the work file is
    removed and the published file is untouched."""
    paths = BuildPaths(published.resolve())
    try:
        return _run_build(articles, paths, settings, keep)
    except BaseException:
        _discard(paths.work)
        raise


def _run_build(articles: Path, paths: BuildPaths, settings: LoaderSettings, keep: int) -> BuildResult:
    from expectations.checkpoint import run_checkpoint

    started = time.monotonic()
    with writing(f"creating {paths.outputs_dir}"):
        paths.outputs_dir.mkdir(parents=True, exist_ok=True)
    _discard(paths.work)
    if paths.published.exists():
        with writing("copying the published warehouse to a work file"):
            shutil.copy2(paths.published, paths.work)  # incremental: start from what is published
        with writing("rewriting the work file in the storage format older DuckDB clients read"):
            if warehouse.downgrade_storage(paths.work):
                log.info("rewrote %s in DuckDB storage %s (it was written in a newer format)", paths.published.name,
                         warehouse.STORAGE_COMPATIBILITY)

    result = BuildResult()
    t = time.monotonic()
    with writing("loading articles"):
        con = warehouse.connect(paths.work)
        try:
            warehouse.ensure_raw_schema(con)
            replaced_run = warehouse.published_run_id(con)
            report = load(con, articles, settings)
            con.execute("checkpoint")
        finally:
            con.close()
    result.timings["ingest"] = time.monotonic() - t

    previous_events = _event_fingerprints(paths.work)
    t = time.monotonic()
    # dbt's unit tests check the SQL against fixtures, not the data: `make test` runs them, a build need not
    run_dbt(["build", "--exclude-resource-type", "unit_test", *(["--full-refresh"] if settings.full_refresh else [])],
            paths.work, paths.dbt_dir)
    result.timings["dbt"] = time.monotonic() - t

    t = time.monotonic()
    validation = run_checkpoint(paths.work, paths.validation_dir)
    result.timings["validation"] = time.monotonic() - t
    print(validation.console_table())
    if not validation.success:
        failed = sorted({f"{o.check}: {o.expectation}" for o in validation.critical_failures})
        raise UserError(f"validation failed: {'; '.join(failed)}",
                        f"see {paths.validation_dir / 'summary.json'}; the published warehouse is unchanged")

    t = time.monotonic()
    with writing("writing docs, Parquet and the published warehouse"):
        run_dbt(["docs", "generate", "--no-compile"], paths.work, paths.dbt_dir)  # the build just compiled it
        copy_docs(paths.dbt_dir / "target", paths.docs_dir)
        con = warehouse.connect(paths.work)
        try:
            export_parquet(con, paths.parquet_dir)
            result.summary = _summary(con, report, previous_events)
            warehouse.mark_published(con, report.run_id, replaced_run)
            con.execute("checkpoint")
        finally:
            con.close()
        if warehouse.compact(paths.work):
            log.info("compacted the work file before publishing it")
        retire_published(paths.published, paths.history_dir, replaced_run, keep)
        publish_file(paths.work, paths.published)
    result.timings["publish"] = time.monotonic() - t
    result.seconds = time.monotonic() - started
    return result


# What makes an event "changed" between two builds: its figures, date, place, type and how many articles report it.
_EVENT_FINGERPRINT = ("md5(concat_ws('|', event_type, event_date, location_id, killed_low, killed_best, killed_high, "
                      "injured_low, injured_best, injured_high, is_aggregate, n_articles))")


def _event_fingerprints(path: Path) -> dict[str, list]:
    """The events of the warehouse a build starts from (empty for a first build), to count what it changes."""
    con = warehouse.connect(path, read_only=True) if path.exists() else None
    if con is None:
        return {"event_id": [], "fingerprint": []}
    try:
        rows = con.execute(f"select event_id, {_EVENT_FINGERPRINT} from marts.fct_events").fetchall()
    except duckdb.CatalogException:  # no marts yet
        rows = []
    finally:
        con.close()
    return {"event_id": [r[0] for r in rows], "fingerprint": [r[1] for r in rows]}


def _summary(con, report: LoadReport, previous_events: dict[str, list]) -> dict[str, object]:
    events, aggregates, killed, injured = con.execute(
        "select count(*) filter (where not is_aggregate), count(*) filter (where is_aggregate), "
        "coalesce(sum(killed_best) filter (where not is_aggregate), 0), "
        "coalesce(sum(injured_best) filter (where not is_aggregate), 0) from marts.fct_events"
    ).fetchall()[0]
    total_articles = con.execute("select count(*) from marts.dim_articles").fetchall()[0][0]
    # fetched whole: DuckDB refuses to register a table while a result is still open
    marts = con.execute("select count(*) from information_schema.tables where table_schema = 'marts'"
                        ).fetchall()[0][0]
    with warehouse.registered(con, "_previous_events", previous_events):
        new_events, changed_events, gone_events = con.execute(f"""
            with current_events as (select event_id, {_EVENT_FINGERPRINT} as fingerprint from marts.fct_events)
            select count(*) filter (where p.event_id is null),
                   count(*) filter (where p.event_id is not null and c.event_id is not null
                                    and p.fingerprint <> c.fingerprint),
                   count(*) filter (where c.event_id is null)
            from current_events c full outer join _previous_events p using (event_id)
        """).fetchall()[0]
    return {
        "marts": marts,
        "files": report.files_seen,
        "records": report.records_seen,
        "new": report.articles_new,
        "already_loaded": report.articles_already_loaded,
        "duplicate": report.articles_duplicate,
        "rejected": report.records_rejected,
        "superseded": report.articles_superseded,
        "removed": report.articles_removed,
        "restored": report.articles_restored,
        "reextracted": report.articles_reextracted,
        "extract_failed": report.articles_extract_failed,
        "language_skipped": report.articles_language_skipped,
        "articles": total_articles,
        "events": events,
        "aggregates": aggregates,
        "killed": killed,
        "injured": injured,
        "events_new": new_events,
        "events_changed": changed_events,
        "events_gone": gone_events,
        "dates_by_source": _dates_by_source(con),
    }


def _dates_by_source(con) -> list[tuple[str, int, int, int, int]]:
    """(source, articles, undated articles, events, undated events) per source, most articles first."""
    return con.execute(r"""
        with articles as (
            select article_id, coalesce(source_name, regexp_extract(url, '^[a-z]+://(www\.)?([^/:]+)', 2),
                                        '(no source named)') as source,
                   published_date
            from marts.dim_articles
        ),
        events as (
            select distinct a.source, e.event_id, e.event_date
            from marts.fct_events e
            inner join marts.bridge_event_articles b using (event_id)
            inner join articles a using (article_id)
            where not e.is_aggregate
        )
        select a.source, count(*), count(*) filter (where a.published_date is null),
               coalesce(max(n.events), 0), coalesce(max(n.undated), 0)
        from articles a
        left join (select source, count(*) as events, count(*) filter (where event_date is null) as undated
                   from events group by source) n using (source)
        group by a.source order by count(*) desc, a.source
    """).fetchall()


def _format_summary(s: dict, timings: dict[str, float], elapsed: float, paths: BuildPaths) -> str:
    steps = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in timings.items())
    return "\n".join([
        "",
        "Build complete",
        f"  articles   {s['new']} loaded, {s['already_loaded']} already loaded, {s['duplicate']} duplicate of "
        f"another article, {s['rejected']} rejected ({s['files']} files, {s['records']} records; "
        f"{s['articles']} articles in the marts" + (f", {s['reextracted']} re-extracted" if s['reextracted'] else "")
        + ")",
        *_revision_lines(s),
        *_skipped_lines(s),
        f"  events     {s['events']} events (+{s['aggregates']} aggregate summaries); since the last build "
        f"{s['events_new']} new, {s['events_changed']} changed, {s['events_gone']} gone",
        *_date_lines(s),
        f"  casualties {s['killed']} killed, {s['injured']} injured (best estimates, aggregates excluded)",
        "  validation passed",
        f"  time       {elapsed:.1f}s ({steps})",
        "Outputs",
        f"  warehouse  {paths.published}",
        f"  parquet    {paths.parquet_dir}/ ({s['marts']} marts)",
        f"  dbt docs   {paths.docs_dir}/index.html (make docs serves it)",
        f"  validation {paths.validation_dir / 'report.html'} (readable offline), summary.json, data_docs/",
        f"  history    {paths.history_dir}/ (earlier builds; make rollback puts the last one back)",
        f"  removals   {paths.exclusions_file} (python -m ingest remove adds to it)",
        f"  explorer   make explore WAREHOUSE={paths.published} (map, timeline, every figure's sentences)",
    ])


def _revision_lines(s: dict) -> list[str]:
    if not (s["superseded"] or s["removed"] or s["restored"]):
        return []
    return [f"  revisions  {s['superseded']} superseded by a corrected version (same URL or source id), "
            f"{s['removed']} removed by the exclusion list, {s['restored']} back in the marts "
            "(raw.articles.superseded_by_article_id, raw.article_removals)"]


def _date_lines(s: dict) -> list[str]:
    """The share of undated articles and events per source, and a warning for a source with no date at all."""
    rows = s["dates_by_source"]
    if not rows:
        return []
    articles, undated = sum(r[1] for r in rows), sum(r[2] for r in rows)
    events, undated_events = sum(r[3] for r in rows), sum(r[4] for r in rows)
    lines = [f"  dates      undated: {undated} of {articles} articles ({undated / articles:.0%}), "
             f"{undated_events} of {events} event reports" + (f" ({undated_events / events:.0%})" if events else "")]
    shown = rows[:8]
    lines += [f"             {source}: {n - missing}/{n} articles dated, {ev - ev_missing}/{ev} event reports dated"
              for source, n, missing, ev, ev_missing in shown if missing or ev_missing]
    if len(rows) > len(shown):
        lines.append(f"             ... {len(rows) - len(shown)} more sources (query marts.dim_articles)")
    for source, n, missing, _, _ in rows:
        if n >= 3 and missing == n:
            lines.append(f"  warning    {source}: none of its {n} articles has a publication date: map its date field "
                         "(--field published=COLUMN) or give --date-order; its events are dated from the text only")
    return lines


def _skipped_lines(s: dict) -> list[str]:
    lines = []
    if s.get("language_skipped"):
        by_language = ", ".join(f"{code} {n}" for code, n in sorted(s["language_skipped"].items()))
        lines.append(f"  not read   {sum(s['language_skipped'].values())} articles in a language the pipeline does "
                     f"not read ({by_language}): kept, not extracted (dim_articles.extraction_skipped_reason)")
    if s.get("extract_failed"):
        lines.append(f"  failed     {s['extract_failed']} articles raised during extraction: kept, no mentions "
                     "(raw.rejected_inputs, stage 'extract')")
    return lines
