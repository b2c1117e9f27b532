"""Run dbt as a subprocess against one warehouse file."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

log = logging.getLogger("ingest.dbt")
PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"


class DbtError(RuntimeError):
    pass


def run_dbt(args: list[str], warehouse_path: Path, work_dir: Path) -> None:
    """``dbt <args>`` with the warehouse path, telemetry off and target/log folders under work_dir."""
    executable = Path(sys.executable).with_name("dbt")
    command = [
        str(executable), *args,
        "--project-dir", str(PROJECT_DIR),
        "--profiles-dir", str(PROJECT_DIR),
        "--target-path", str(work_dir / "target"),
        "--log-path", str(work_dir / "logs"),
    ]
    env = {
        **os.environ,
        "WAREHOUSE_PATH": str(warehouse_path),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
    }
    log.info("dbt %s", " ".join(args))
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-40:])
        raise DbtError(f"dbt {' '.join(args)} failed (exit {result.returncode}):\n{tail}\n{result.stderr[-2000:]}")
    for line in result.stdout.splitlines():
        if "Done." in line or "Completed" in line or "ERROR" in line or "WARN" in line:
            log.info("dbt: %s", line.split(" ", 1)[-1].strip())
