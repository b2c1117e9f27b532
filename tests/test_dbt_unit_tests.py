"""dbt's unit tests (the `unit_tests:` of the models' YAML) run here, in `make test`: a build skips them, since
they check the SQL against fixtures and cannot fail on the data."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from ingest.dbt import PROJECT_DIR, run_dbt

pytestmark = pytest.mark.integration


def _defined_unit_tests() -> set[str]:
    names = set()
    for path in (PROJECT_DIR / "models").rglob("_*__models.yml"):
        names |= {test["name"] for test in yaml.safe_load(path.read_text(encoding="utf-8")).get("unit_tests", [])}
    return names


def test_every_dbt_unit_test_passes(sample_build, tmp_path):
    published, _ = sample_build
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy2(published, copy)
    run_dbt(["test", "--select", "test_type:unit"], copy, tmp_path / ".dbt")  # raises naming a failing test
    results = json.loads((tmp_path / ".dbt" / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    ran = {r["unique_id"].rsplit(".", 1)[-1]: r["status"] for r in results if r["unique_id"].startswith("unit_test.")}
    assert set(ran) == _defined_unit_tests() and len(ran) >= 25
    assert set(ran.values()) == {"pass"}
