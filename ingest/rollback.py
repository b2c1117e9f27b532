"""``make rollback``: put the previously published warehouse back, atomically, under the build lock."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ingest import warehouse
from ingest.errors import UserError, writing
from ingest.lock import build_lock
from ingest.publish import DEFAULT_KEEP, HistoryEntry, export_parquet, history, retire_published

log = logging.getLogger("ingest.rollback")


@dataclass(frozen=True)
class RollbackResult:
    restored: HistoryEntry
    replaced_run_id: str | None
    rollback_run_id: str


def choose(entries: list[HistoryEntry], to_run: str | None) -> HistoryEntry | None:
    """The newest warehouse a build replaced, or the one built by ``to_run``."""
    if to_run:
        return next((e for e in entries if e.run_id == to_run), None)
    return next((e for e in entries if not e.rolled_back), None)


def rollback(published: Path, history_dir: Path, parquet_dir: Path, to_run: str | None = None,
             wait: bool = True, keep: int = DEFAULT_KEEP) -> RollbackResult:
    """Replace ``published`` by an earlier build from ``history_dir``; the replaced file stays in the history
    (marked rolled back), the restored one records the rollback in ``raw.ingest_runs``, and the Parquet files
    are written again from it."""
    published = published.resolve()
    with build_lock(published, wait=wait):
        entries = history(history_dir)
        target = choose(entries, to_run)
        if target is None:
            known = ", ".join(e.run_id for e in entries) or "none"
            raise UserError(f"no earlier build {'of run ' + to_run + ' ' if to_run else ''}to roll back to in "
                            f"{history_dir} (kept: {known})",
                            "each build keeps the warehouses it replaces (--keep N, default 2)")
        replaced = _run_of(published) if published.exists() else None
        staging = published.with_name(f".{published.stem}.rollback.duckdb")
        rollback_run = warehouse.new_run_id("rollback")
        try:
            with writing("restoring the earlier warehouse"):
                shutil.copy2(target.path, staging)
                warehouse.downgrade_storage(staging)
                con = warehouse.connect(staging)
                try:
                    warehouse.ensure_raw_schema(con)
                    _record(con, rollback_run, target, replaced)
                    con.execute("checkpoint")
                finally:
                    con.close()
                retire_published(published, history_dir, replaced, keep=max(keep, 1), rolled_back=True)
                os.replace(staging, published)
                target.path.unlink(missing_ok=True)
        except BaseException:
            staging.unlink(missing_ok=True)
            raise
        with writing("writing the Parquet files of the restored warehouse"):
            con = warehouse.connect(published, read_only=True)
            try:
                export_parquet(con, parquet_dir)
            finally:
                con.close()
    log.info("rolled %s back from run %s to run %s", published, replaced, target.run_id)
    return RollbackResult(target, replaced, rollback_run)


def _run_of(path: Path) -> str | None:
    with writing(f"reading {path}"):
        con = warehouse.connect(path, read_only=True)
        try:
            return warehouse.published_run_id(con)
        finally:
            con.close()


def _record(con, rollback_run: str, target: HistoryEntry, replaced: str | None) -> None:
    now = warehouse.utc_now()
    con.execute(
        "insert into raw.ingest_runs (run_id, started_at, finished_at, input_path, extractor_version, model_name, "
        "status, published_at, restored_run_id, replaced_run_id) "
        "select ?, ?, ?, ?, extractor_version, model_name, 'rolled back', ?, ?, ? from raw.ingest_runs "
        "where run_id = ?",
        [rollback_run, now, now, str(target.path), now, target.run_id, replaced, target.run_id])
    if not con.execute("select count(*) from raw.ingest_runs where run_id = ?", [rollback_run]).fetchone()[0]:
        raise UserError(f"{target.path} holds no run {target.run_id}: it is not a warehouse this tool published",
                        "remove it from the history folder")
