"""``make validate``: check a built warehouse with both halves of its tests.

dbt's data tests hold the per-table rules (unique keys, nulls, accepted values, relationships, ordered
low/best/high); Great Expectations holds what dbt cannot express (text offsets, run accounting, rules across
tables). dbt opens its database for writing, and a published warehouse may be open in Metabase, so the dbt
tests run on a scratch copy.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from expectations.checkpoint import CheckpointResult, run_checkpoint
from ingest.dbt import DbtTestReport, run_data_tests
from ingest.errors import UserError


@dataclass
class ValidationReport:
    dbt: DbtTestReport
    checkpoint: CheckpointResult

    @property
    def success(self) -> bool:
        return self.dbt.passed and self.checkpoint.success

    def console_table(self) -> str:
        return "\n".join([*self.dbt.console_lines(), self.checkpoint.console_table()])


def validate(warehouse: Path, validation_dir: Path) -> ValidationReport:
    if not warehouse.exists():
        raise UserError(f"warehouse not found: {warehouse}", "build it first (make build)")
    with tempfile.TemporaryDirectory(prefix="validate-") as scratch:
        copy = Path(scratch) / "warehouse.duckdb"
        shutil.copy2(warehouse, copy)
        dbt_report = run_data_tests(copy, Path(scratch) / ".dbt")
    return ValidationReport(dbt_report, run_checkpoint(warehouse, validation_dir))
