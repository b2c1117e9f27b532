"""Shared fixtures: the real spaCy pipeline and a real build of the sample corpus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "seeds" / "articles"


def run_cli(*args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """``python -m ingest ...`` in a subprocess, as a user would run it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GX_ANALYTICS_ENABLED": "false",
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return subprocess.run([sys.executable, "-m", "ingest", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="session")
def nlp():
    from ingest.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The warehouse `make build` publishes for the bundled corpus, built once per session."""
    published = tmp_path_factory.mktemp("sample") / "warehouse.duckdb"
    result = run_cli("build", "--articles", str(SAMPLES), "--warehouse", str(published))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return published, result
