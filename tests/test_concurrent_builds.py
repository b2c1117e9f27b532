"""Builds that survive each other: the build lock, with real concurrent processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ingest.lock import lock_path, read_holder

from .conftest import ROOT, SAMPLES, run_cli

pytestmark = pytest.mark.integration
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "GX_ANALYTICS_ENABLED": "false",
       "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}


def start_build(articles: Path, published: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ingest", "build", "--articles", str(articles), "--warehouse",
                             str(published), "--processes", "1", *extra],
                            cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_holder(published: Path, pid: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        holder = read_holder(lock_path(published))
        if holder and holder.pid == pid:
            return
        time.sleep(0.1)
    raise AssertionError(f"build {pid} never took the lock of {published}")


def one_more_article(tmp_path: Path) -> Path:
    """The sample corpus plus one new text, so a build that starts from a published file loads only one."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for sample in SAMPLES.glob("*.txt"):
        (inbox / sample.name).write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    first = sorted(SAMPLES.glob("*.txt"))[0]
    (inbox / "later.txt").write_text("Later dispatch.\n\n" + first.read_text(encoding="utf-8"), encoding="utf-8")
    return inbox


def test_a_second_build_waits_for_the_first_and_runs_on_what_it_published(tmp_path):
    published = tmp_path / "out" / "warehouse.duckdb"
    first = start_build(SAMPLES, published)
    wait_for_holder(published, first.pid)

    impatient = run_cli("build", "--articles", str(SAMPLES), "--warehouse", str(published), "--no-wait")
    assert impatient.returncode == 75
    message = impatient.stderr.strip().splitlines()
    assert len(message) == 1 and "Traceback" not in impatient.stderr
    assert f"pid {first.pid}" in message[0] and "being built" in message[0]

    second = start_build(one_more_article(tmp_path), published)
    _first_out, first_err = first.communicate(timeout=600)
    second_out, second_err = second.communicate(timeout=600)
    assert first.returncode == 0, first_err[-2000:]
    assert second.returncode == 0, second_err[-2000:]
    assert f"waiting for the build that holds the lock: pid {first.pid}" in second_err
    # The second build started from the first one's published file: only the new text was loaded.
    assert "1 loaded, 5 already loaded" in second_out

    con = duckdb.connect(str(published), read_only=True)
    try:
        runs = con.execute("select run_id, replaced_run_id from raw.ingest_runs where status = 'succeeded' "
                           "order by started_at").fetchall()
        assert len(runs) == 2 and runs[1][1] == runs[0][0]
        assert con.execute("select count(*) from marts.dim_articles").fetchone()[0] == 6
    finally:
        con.close()
    assert not (published.parent / ".warehouse.building.duckdb").exists()
    assert read_holder(lock_path(published)) is None  # released cleanly


def test_a_lock_left_by_a_dead_build_is_taken_over(tmp_path):
    published = tmp_path / "warehouse.duckdb"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    lock_path(published).write_text(json.dumps({"pid": gone.pid, "host": "here", "started_at": "2026-01-01T00:00:00",
                                                "command": "ingest build"}), encoding="utf-8")
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("The city council approved a new budget for parks and libraries on Tuesday.\n", encoding="utf-8")
    result = run_cli("load", "--articles", str(quiet), "--warehouse", str(published), "--no-wait")
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"took over the lock left by a build that is gone (pid {gone.pid}" in result.stderr
    assert read_holder(lock_path(published)) is None


def test_builds_into_two_warehouses_of_one_folder_run_side_by_side(tmp_path):
    folder = tmp_path / "shared"
    one, two = folder / "east.duckdb", folder / "west.duckdb"
    builds = [start_build(SAMPLES, one), start_build(SAMPLES, two)]
    for build in builds:
        _out, err = build.communicate(timeout=900)
        assert build.returncode == 0, err[-2000:]
    for published in (one, two):
        outputs = folder / published.stem
        assert (outputs / "parquet" / "fct_events.parquet").exists()
        assert (outputs / "validation" / "summary.json").exists()
        con = duckdb.connect(str(published), read_only=True)
        try:
            assert con.execute("select count(*) from marts.dim_articles").fetchone()[0] == 5
        finally:
            con.close()
