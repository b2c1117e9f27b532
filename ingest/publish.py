"""Publish a finished build: Parquet per mart, dbt docs, and an atomic swap of the warehouse file.

Each publish keeps the warehouse it replaces in ``<name>/history/`` (a hard link, so it costs no copy), named by
when it was replaced and the run that built it; ``rollback`` puts the newest of them back.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

log = logging.getLogger("ingest.publish")
MARTS_SCHEMA = "marts"
DEFAULT_KEEP = 2
ROLLED_BACK = ".rolled-back"


@dataclass(frozen=True)
class HistoryEntry:
    path: Path
    retired_at: str
    run_id: str
    rolled_back: bool  # replaced by a rollback rather than by a newer build

    @classmethod
    def parse(cls, path: Path) -> HistoryEntry | None:
        stem = path.name.removesuffix(".duckdb")
        rolled_back = stem.endswith(ROLLED_BACK)
        retired_at, _, run_id = stem.removesuffix(ROLLED_BACK).partition("__")
        return cls(path, retired_at, run_id, rolled_back) if run_id else None


def history(history_dir: Path) -> list[HistoryEntry]:
    """Earlier warehouses, newest first."""
    if not history_dir.is_dir():
        return []
    entries = [HistoryEntry.parse(path) for path in history_dir.glob("*.duckdb")]
    return sorted((e for e in entries if e), key=lambda e: e.retired_at, reverse=True)


def retire_published(published: Path, history_dir: Path, run_id: str | None, keep: int,
                     rolled_back: bool = False) -> None:
    """Keep the file about to be replaced (if any) in the history, then drop all but the newest ``keep``."""
    if keep > 0 and published.exists():
        history_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = history_dir / f"{stamp}__{run_id or 'unknown'}{ROLLED_BACK if rolled_back else ''}.duckdb"
        try:
            os.link(published, target)
        except OSError:  # a file system without hard links
            shutil.copy2(published, target)
    for kind in (False, True):
        for old in [e for e in history(history_dir) if e.rolled_back is kind][keep:]:
            old.path.unlink(missing_ok=True)


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in con.execute(
        "select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' "
        "order by table_name", [MARTS_SCHEMA]).fetchall()]


def export_parquet(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[Path]:
    """One Parquet file per mart, written to a fresh folder then swapped in."""
    staging = out_dir.with_name(out_dir.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    written = []
    for table in mart_tables(con):
        target = staging / f"{table}.parquet"
        con.execute(f"copy (select * from {MARTS_SCHEMA}.{table} order by all) to '{target}' (format parquet)")
        written.append(out_dir / target.name)
    _swap_directory(staging, out_dir)
    return written


def copy_docs(target_dir: Path, out_dir: Path) -> None:
    """The static dbt docs site (index.html reads manifest.json and catalog.json beside it)."""
    staging = out_dir.with_name(out_dir.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in ("index.html", "manifest.json", "catalog.json"):
        source = target_dir / name
        if source.exists():
            shutil.copy2(source, staging / name)
    _swap_directory(staging, out_dir)


def _swap_directory(new: Path, current: Path) -> None:
    old = current.with_name(current.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        current.rename(old)
    new.rename(current)
    shutil.rmtree(old, ignore_errors=True)


def publish_file(work: Path, published: Path) -> None:
    """Atomic on POSIX: open readers keep the old file, new readers see the new one."""
    os.replace(work, published)
    wal = work.with_name(work.name + ".wal")
    if wal.exists():
        wal.unlink()


def serve_docs(docs_dir: Path, port: int) -> int:
    if not (docs_dir / "index.html").exists():
        print(f"no docs at {docs_dir}: run `make build` first")
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(docs_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"serving dbt docs from {docs_dir} on http://127.0.0.1:{port} (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0
