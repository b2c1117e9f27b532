"""Build an evaluation warehouse with the real loader and dbt models."""

from __future__ import annotations

from pathlib import Path

from ingest import warehouse
from ingest.dbt import run_dbt
from ingest.loader import load
from ingest.settings import LoaderSettings


def build_warehouse(source: Path, work: Path, name: str) -> Path:
    """Load a file or folder of articles and run the dbt models (seeds + models; data tests are the build's job)."""
    path = work / f"{name}.duckdb"
    con = warehouse.connect(path)
    try:
        load(con, source, LoaderSettings())
    finally:
        con.close()
    run_dbt(["seed"], path, work / f".dbt-{name}")
    run_dbt(["run"], path, work / f".dbt-{name}")
    return path
