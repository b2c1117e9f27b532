"""``make build``: load, transform, validate, publish. Any failure leaves the published file alone."""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ingest import warehouse
from ingest.dbt import DbtError, run_dbt
from ingest.loader import LoadReport, load
from ingest.publish import copy_docs, export_parquet, publish_file
from ingest.settings import LoaderSettings

log = logging.getLogger("ingest.build")


@dataclass(frozen=True)
class BuildPaths:
    published: Path

    @property
    def out_dir(self) -> Path:
        return self.published.parent

    @property
    def work(self) -> Path:
        return self.out_dir / f".{self.published.stem}.building.duckdb"

    @property
    def dbt_dir(self) -> Path:
        return self.out_dir / ".dbt"

    @property
    def parquet_dir(self) -> Path:
        return self.out_dir / "parquet"

    @property
    def docs_dir(self) -> Path:
        return self.out_dir / "docs"

    @property
    def validation_dir(self) -> Path:
        return self.out_dir / "validation"


def _discard(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        if candidate.exists():
            candidate.unlink()


@dataclass
class BuildResult:
    exit_code: int
    timings: dict[str, float] = field(default_factory=dict)
    summary: dict[str, object] = field(default_factory=dict)
    seconds: float = 0.0


def build(articles: Path, published: Path, settings: LoaderSettings) -> int:
    """Build and print what happened; the exit status of `make build`."""
    paths = BuildPaths(published.resolve())
    result = run_build(articles, published, settings)
    if result.exit_code == 0:
        print(_format_summary(result.summary, result.timings, result.seconds, paths))
    return result.exit_code


def run_build(articles: Path, published: Path, settings: LoaderSettings) -> BuildResult:
    from expectations.checkpoint import run_checkpoint

    started = time.monotonic()
    paths = BuildPaths(published.resolve())
    paths.out_dir.mkdir(parents=True, exist_ok=True)
    _discard(paths.work)
    if paths.published.exists():
        shutil.copy2(paths.published, paths.work)  # incremental: start from what is published

    result = BuildResult(exit_code=1)
    try:
        t = time.monotonic()
        con = warehouse.connect(paths.work)
        try:
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
            log.error("validation failed: the published warehouse %s was left unchanged", paths.published)
            _discard(paths.work)
            return result

        t = time.monotonic()
        run_dbt(["docs", "generate"], paths.work, paths.dbt_dir)
        copy_docs(paths.dbt_dir / "target", paths.docs_dir)
        con = warehouse.connect(paths.work)
        try:
            export_parquet(con, paths.parquet_dir)
            result.summary = _summary(con, report)
            con.execute("checkpoint")
        finally:
            con.close()
        publish_file(paths.work, paths.published)
        result.timings["publish"] = time.monotonic() - t
    except (DbtError, FileNotFoundError) as error:
        log.error("%s", error)
        log.error("build failed: the published warehouse %s was left unchanged", paths.published)
        _discard(paths.work)
        return result

    result.exit_code = 0
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
        f"  events     {s['events']} events (+{s['aggregates']} aggregate summaries)",
        f"  casualties {s['killed']} killed, {s['injured']} injured (best estimates, aggregates excluded)",
        "  validation passed",
        f"  time       {elapsed:.1f}s ({steps})",
        "Outputs",
        f"  warehouse  {paths.published}",
        f"  parquet    {paths.parquet_dir}/ ({s['marts']} marts)",
        f"  dbt docs   {paths.docs_dir}/index.html (make docs serves it)",
        f"  validation {paths.validation_dir / 'summary.json'} and {paths.validation_dir}/data_docs/",
    ])
