"""``make build``: load, transform, validate, publish. Any failure leaves the published file alone."""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ingest import warehouse
from ingest.dbt import run_dbt
from ingest.errors import UserError, writing
from ingest.loader import LoadReport, load
from ingest.lock import build_lock
from ingest.publish import DEFAULT_KEEP, copy_docs, export_parquet, publish_file, retire_published
from ingest.reference_check import check_reference_dir
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

    t = time.monotonic()
    run_dbt(["build", "--full-refresh"] if settings.full_refresh else ["build"], paths.work, paths.dbt_dir)
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
        run_dbt(["docs", "generate"], paths.work, paths.dbt_dir)
        copy_docs(paths.dbt_dir / "target", paths.docs_dir)
        con = warehouse.connect(paths.work)
        try:
            export_parquet(con, paths.parquet_dir)
            result.summary = _summary(con, report)
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


def _summary(con, report: LoadReport) -> dict[str, object]:
    events, aggregates, killed, injured = con.execute(
        "select count(*) filter (where not is_aggregate), count(*) filter (where is_aggregate), "
        "coalesce(sum(killed_best) filter (where not is_aggregate), 0), "
        "coalesce(sum(injured_best) filter (where not is_aggregate), 0) from marts.fct_events"
    ).fetchone()
    total_articles = con.execute("select count(*) from marts.dim_articles").fetchone()[0]
    marts = con.execute("select count(*) from information_schema.tables where table_schema = 'marts'").fetchone()[0]
    return {
        "marts": marts,
        "files": report.files_seen,
        "records": report.records_seen,
        "new": report.articles_new,
        "duplicate": report.articles_duplicate,
        "rejected": report.records_rejected,
        "reextracted": report.articles_reextracted,
        "extract_failed": report.articles_extract_failed,
        "language_skipped": report.articles_language_skipped,
        "articles": total_articles,
        "events": events,
        "aggregates": aggregates,
        "killed": killed,
        "injured": injured,
    }


def _format_summary(s: dict, timings: dict[str, float], elapsed: float, paths: BuildPaths) -> str:
    steps = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in timings.items())
    return "\n".join([
        "",
        "Build complete",
        f"  articles   {s['new']} loaded, {s['duplicate']} duplicate, {s['rejected']} rejected "
        f"({s['files']} files, {s['records']} records; {s['articles']} articles in the warehouse"
        + (f", {s['reextracted']} re-extracted" if s['reextracted'] else "") + ")",
        *_skipped_lines(s),
        f"  events     {s['events']} events (+{s['aggregates']} aggregate summaries)",
        f"  casualties {s['killed']} killed, {s['injured']} injured (best estimates, aggregates excluded)",
        "  validation passed",
        f"  time       {elapsed:.1f}s ({steps})",
        "Outputs",
        f"  warehouse  {paths.published}",
        f"  parquet    {paths.parquet_dir}/ ({s['marts']} marts)",
        f"  dbt docs   {paths.docs_dir}/index.html (make docs serves it)",
        f"  validation {paths.validation_dir / 'summary.json'} and {paths.validation_dir}/data_docs/",
        f"  history    {paths.history_dir}/ (earlier builds; make rollback puts the last one back)",
        f"  explorer   make explore WAREHOUSE={paths.published} (map, timeline, every figure's sentences)",
    ])


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
