"""Extraction on Ray Data gives the warehouse the local process pool gives."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT, SAMPLES, run_cli
from .test_incremental import snapshot

pytestmark = pytest.mark.integration


def test_the_ray_executor_builds_the_same_marts_as_the_local_one(sample_build, tmp_path):
    local, _ = sample_build
    on_ray = tmp_path / "ray" / "warehouse.duckdb"
    result = run_cli("build", "--executor", "ray", "--articles", str(SAMPLES), "--warehouse", str(on_ray))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "5 loaded" in result.stdout
    ingest_time = {"dim_articles": "ingested_at"}
    local_marts, ray_marts = snapshot(local, ingest_time), snapshot(on_ray, ingest_time)
    assert ray_marts["fct_events"], "the Ray build has no events"
    for mart, rows in local_marts.items():
        assert ray_marts[mart] == rows, f"{mart} differs between the executors"


def test_the_local_executor_never_imports_ray(tmp_path):
    """The default path stays free of Ray: its start-up cost and its threads are only paid when asked for."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "from ingest import warehouse\n"
        "from ingest.loader import load\n"
        "from ingest.settings import LoaderSettings\n"
        "con = warehouse.connect(Path(sys.argv[2]))\n"
        "load(con, Path(sys.argv[1]), LoaderSettings(processes=1))\n"
        "con.close()\n"
        "print('ray' in sys.modules)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(probe), str(SAMPLES), str(tmp_path / "w.duckdb")], cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "False"

