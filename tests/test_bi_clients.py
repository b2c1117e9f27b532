"""The published warehouse opens in the DuckDB engines BI tools embed, and describes its own joins.

Metabase's DuckDB driver embeds DuckDB 1.4.x or 1.5.x and Evidence's DuckDB source the node client 1.4.2: each test
runs a real client of that version (small side environments `make test` installs) against the published file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
import yaml

from ingest import warehouse

from .conftest import ROOT, SAMPLES, run_cli
from .test_build import MARTS, query

pytestmark = pytest.mark.integration
CLIENTS = {"1.4": "DUCKDB14_PYTHON", "1.5": "DUCKDB15_PYTHON"}
MARTS_YML = ROOT / "dbt_project" / "models" / "marts" / "_marts__models.yml"

_CLIENT_SCRIPT = """
import duckdb, json, sys
con = duckdb.connect(sys.argv[1], read_only=True)
marts = json.loads(sys.argv[2])
print(json.dumps({
    "version": duckdb.__version__,
    "counts": {m: con.execute(f"select count(*) from marts.{m}").fetchone()[0] for m in marts},
    "constraints": con.execute(
        "select table_name, constraint_type, constraint_column_names, referenced_table, referenced_column_names "
        "from duckdb_constraints() where schema_name = 'marts' "
        "and constraint_type in ('PRIMARY KEY', 'FOREIGN KEY')").fetchall(),
}, default=str))
"""


def _client(version: str) -> str:
    python = os.environ.get(CLIENTS[version])
    if not python:
        pytest.skip(f"{CLIENTS[version]} is not set (make test sets it up)")
    return python


def read_with_client(version: str, path: Path) -> dict:
    result = subprocess.run([_client(version), "-c", _CLIENT_SCRIPT, str(path), json.dumps(MARTS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def declared_keys() -> tuple[set, set]:
    """The primary and foreign keys the mart contracts declare."""
    primary, foreign = set(), set()
    for model in yaml.safe_load(MARTS_YML.read_text())["models"]:
        for constraint in model.get("constraints", []):
            if constraint["type"] == "primary_key":
                primary.add((model["name"], tuple(constraint["columns"])))
        for column in model["columns"]:
            for constraint in column.get("constraints", []):
                if constraint["type"] == "primary_key":
                    primary.add((model["name"], (column["name"],)))
                elif constraint["type"] == "foreign_key":
                    target = constraint["to"].removeprefix("ref('").removesuffix("')")
                    foreign.add((model["name"], column["name"], target, tuple(constraint["to_columns"])))
    return primary, foreign


@pytest.mark.parametrize("version", sorted(CLIENTS))
def test_published_file_opens_in_older_duckdb_clients(sample_build, version):
    published, _ = sample_build
    seen = read_with_client(version, published)
    assert seen["version"].startswith(version), seen["version"]
    con = duckdb.connect(str(published), read_only=True)
    try:
        expected = {m: con.execute(f"select count(*) from marts.{m}").fetchone()[0] for m in MARTS}
    finally:
        con.close()
    assert seen["counts"] == expected
    assert expected["fct_events"] > 0 and expected["fct_casualty_reports"] > 0


def test_marts_declare_their_keys_and_an_old_client_reads_them(sample_build):
    published, _ = sample_build
    primary, foreign = declared_keys()
    # every mart has a primary key, and every fact and bridge points at what it joins to
    assert {table for table, _ in primary} == set(MARTS)
    assert {(t, c) for t, c, _, _ in foreign} >= {
        ("fct_events", "location_id"), ("fct_events", "initiator_actor_id"),
        ("fct_casualty_reports", "event_id"), ("fct_casualty_reports", "article_id"),
        ("fct_casualties", "event_id"), ("fct_event_actors", "event_id"), ("fct_event_actors", "actor_id"),
        ("bridge_event_articles", "event_id"), ("bridge_event_articles", "article_id"),
        ("bridge_aggregate_parts", "aggregate_event_id"), ("bridge_aggregate_parts", "part_event_id")}
    constraints = read_with_client("1.4", published)["constraints"]
    found_primary = {(t, tuple(cols)) for t, kind, cols, _, _ in constraints if kind == "PRIMARY KEY"}
    found_foreign = {(t, cols[0], ref, tuple(ref_cols))
                     for t, kind, cols, ref, ref_cols in constraints if kind == "FOREIGN KEY"}
    assert found_primary == primary
    assert found_foreign == foreign


def test_foreign_keys_are_enforced(sample_build, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy2(sample_build[0], copy)
    con = duckdb.connect(str(copy))
    try:
        report = con.execute("select * from marts.fct_casualty_reports limit 1").df()
        report["report_id"] = "rep_planted"
        report["event_id"] = "evt_that_does_not_exist"
        con.register("planted", report)
        with pytest.raises(duckdb.ConstraintException, match="foreign key"):
            con.execute("insert into marts.fct_casualty_reports select * from planted")
        with pytest.raises(duckdb.ConstraintException):
            con.execute("insert into marts.dim_articles select * from marts.dim_articles limit 1")
    finally:
        con.close()


def test_a_warehouse_in_newer_storage_is_rewritten_for_old_clients(sample_build, tmp_path):
    """Builds before 2026-12 published DuckDB 1.5 storage; the next build rewrites it so 1.4 opens it."""
    old = tmp_path / "warehouse.duckdb"
    con = duckdb.connect()
    try:
        con.execute(f"attach '{sample_build[0]}' as source (read_only)")
        con.execute(f"attach '{old}' as old (storage_version 'v1.5.0')")
        con.execute("copy from database source to old")
    finally:
        con.close()
    assert warehouse.storage_version(old) == "v1.5.0+"
    result = run_cli("build", "--articles", str(SAMPLES), "--warehouse", str(old))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "0 loaded, 5 already loaded" in result.stdout
    assert warehouse.storage_version(old) == "v1.4.0+"
    assert read_with_client("1.4", old)["counts"]["fct_events"] > 0


def test_the_published_file_gives_back_the_space_its_build_freed(sample_build):
    """Rebuilding every mart and its key indexes frees about half the file; publishing rewrites it compactly."""
    rows = query(sample_build[0], "select total_blocks, free_blocks from pragma_database_size() "
                                  "where database_name = current_database()")[0]
    assert rows["free_blocks"] <= 0.25 * rows["total_blocks"], rows
