"""The incremental path (articles added over several builds) gives the same marts as a full refresh."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from .conftest import SAMPLES, run_cli
from .test_build import MARTS

pytestmark = pytest.mark.integration


def snapshot(path: Path, drop: dict[str, str] | None = None) -> dict[str, list]:
    drop = drop or {}
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            mart: con.execute(
                f"select * {'exclude (' + drop[mart] + ')' if mart in drop else ''} from marts.{mart} order by all"
            ).fetchall()
            for mart in MARTS
        }
    finally:
        con.close()


def test_incremental_builds_equal_a_full_refresh_and_a_single_build(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for sample in samples[:3]:
        shutil.copy2(sample, inbox)
    incremental = tmp_path / "incremental" / "warehouse.duckdb"
    assert run_cli("build", "--articles", str(inbox), "--warehouse", str(incremental)).returncode == 0
    for sample in samples[3:]:
        shutil.copy2(sample, inbox)
    second = run_cli("build", "--articles", str(inbox), "--warehouse", str(incremental))
    assert second.returncode == 0, second.stderr[-2000:]
    assert "2 loaded, 3 already loaded, 0 duplicate" in second.stdout
    after_increments = snapshot(incremental)

    single = tmp_path / "single" / "warehouse.duckdb"
    assert run_cli("build", "--articles", str(inbox), "--warehouse", str(single)).returncode == 0
    ingest_time = {"dim_articles": "ingested_at"}
    assert snapshot(single, ingest_time) == snapshot(incremental, ingest_time)

    refreshed = run_cli("build", "--full-refresh", "--articles", str(inbox), "--warehouse", str(incremental))
    assert refreshed.returncode == 0, refreshed.stderr[-2000:]
    assert "5 re-extracted" in refreshed.stdout
    assert snapshot(incremental) == after_increments
