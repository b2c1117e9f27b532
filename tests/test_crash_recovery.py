"""A build killed half way (kill -9) leaves the published warehouse intact; the next run completes."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from .conftest import ROOT, SAMPLES, run_cli

pytestmark = pytest.mark.integration


def _inbox(tmp_path: Path, copies: int) -> Path:
    """The sample articles many times over, each copy a distinct text (its own dateline)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for copy in range(copies):
        for sample in SAMPLES.glob("*.txt"):
            text = sample.read_text(encoding="utf-8")
            (inbox / f"{copy:03d}_{sample.name}").write_text(f"Dispatch {copy}.\n\n{text}", encoding="utf-8")
    return inbox


def test_killed_build_keeps_the_published_file_and_the_next_build_finishes(tmp_path):
    published = tmp_path / "out" / "warehouse.duckdb"
    first = run_cli("build", "--articles", str(SAMPLES), "--warehouse", str(published))
    assert first.returncode == 0, first.stderr[-2000:]
    digest = hashlib.sha256(published.read_bytes()).hexdigest()

    inbox = _inbox(tmp_path, copies=20)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GX_ANALYTICS_ENABLED": "false"}
    process = subprocess.Popen(
        [sys.executable, "-m", "ingest", "build", "--articles", str(inbox), "--warehouse", str(published),
         "--processes", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    work = published.parent / ".warehouse.building.duckdb"
    deadline = time.monotonic() + 120
    # Kill once extraction is under way: the work file exists and the loader has started writing.
    while time.monotonic() < deadline and process.poll() is None:
        if work.exists() and work.stat().st_size > 0:
            time.sleep(4)
            break
        time.sleep(0.2)
    assert process.poll() is None, "the build finished before it could be killed; give it more input"
    process.send_signal(signal.SIGKILL)
    process.wait()

    assert hashlib.sha256(published.read_bytes()).hexdigest() == digest
    con = duckdb.connect(str(published), read_only=True)
    assert con.execute("select count(*) from marts.dim_articles").fetchone()[0] == 5
    con.close()

    second = run_cli("build", "--articles", str(inbox), "--warehouse", str(published))
    assert second.returncode == 0, second.stderr[-2000:]
    con = duckdb.connect(str(published), read_only=True)
    try:
        assert con.execute("select count(*) from raw.articles").fetchone()[0] == 5 + 20 * 5
        assert con.execute("select count(*) from raw.ingest_runs where status = 'succeeded'").fetchone()[0] == 2
    finally:
        con.close()
    assert not work.exists()
