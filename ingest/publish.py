"""Publish a finished build: Parquet per mart, dbt docs, and an atomic swap of the warehouse file."""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import os
import shutil
from pathlib import Path

import duckdb

log = logging.getLogger("ingest.publish")
MARTS_SCHEMA = "marts"


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
