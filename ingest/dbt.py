"""Run dbt as a subprocess against one warehouse file."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import UserError

log = logging.getLogger("ingest.dbt")
PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"
_FAILED_TEST = re.compile(r"(Failure|Warning) in test (\S+)")
_FAILED_NODE = re.compile(r"(?:\w+ )?(?:Error|Failure) in (model|test|seed|unit_test|snapshot|operation) (\S+)")
_TIMESTAMP = re.compile(r"^\d\d:\d\d:\d\d\s+")


class DbtError(UserError):
    """dbt failed: the message names the failing nodes; the end of dbt's output is logged at debug level."""

    def __str__(self) -> str:
        return self.one_line()


def failing_nodes(stdout: str) -> list[tuple[str, str, str]]:
    """(kind, name, first line of the message) for every node dbt reports as failed, in its order."""
    lines = [_TIMESTAMP.sub("", line).strip() for line in stdout.splitlines()]
    found = []
    for index, line in enumerate(lines):
        match = _FAILED_NODE.search(line)
        if not match or line.startswith(("START", "Finished")):
            continue
        detail = next((text for text in lines[index + 1:index + 4] if text and not _FAILED_NODE.search(text)), "")
        found.append((match.group(1), match.group(2), detail))
    return found


def _invoke(args: list[str], warehouse_path: Path, work_dir: Path) -> subprocess.CompletedProcess:
    executable = Path(sys.executable).with_name("dbt")
    command = [
        str(executable), *args, "--no-use-colors",
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
    return subprocess.run(command, env=env, capture_output=True, text=True)


def run_dbt(args: list[str], warehouse_path: Path, work_dir: Path) -> None:
    """``dbt <args>`` with the warehouse path, telemetry off and target/log folders under work_dir."""
    result = _invoke(args, warehouse_path, work_dir)
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-40:]) + "\n" + result.stderr[-2000:]
        nodes = failing_nodes(result.stdout)
        if nodes:
            kind, name, detail = nodes[0]
            more = f" (and {len(nodes) - 1} more)" if len(nodes) > 1 else ""
            what = f"dbt {args[0]} failed in {kind} {name}{more}" + (f": {detail}" if detail else "")
        else:
            last = next((line for line in reversed(tail.splitlines()) if line.strip()), "no output")
            what = f"dbt {' '.join(args)} failed (exit {result.returncode}): {_TIMESTAMP.sub('', last).strip()}"
        log.debug("dbt output:\n%s", tail)  # shown with --debug / -v
        raise DbtError(what, f"dbt's log is in {work_dir / 'logs'}; the published warehouse is unchanged")
    for line in result.stdout.splitlines():
        if "Done." in line or "Completed" in line or "ERROR" in line or "WARN" in line:
            log.info("dbt: %s", line.split(" ", 1)[-1].strip())


@dataclass
class DbtTestReport:
    """What ``dbt test`` said about a warehouse: the tests that failed and those that only warned."""

    passed: bool
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    summary: str = ""

    def console_lines(self) -> list[str]:
        lines = [f"dbt data tests: {self.summary or ('passed' if self.passed else 'failed')}"]
        lines += [f"  CRITICAL: dbt: {name}" for name in self.failures]
        lines += [f"  warning: dbt: {name}" for name in self.warnings]
        return lines


def run_data_tests(warehouse_path: Path, work_dir: Path) -> DbtTestReport:
    """Every dbt data test (not the unit tests, which need no data) against an existing warehouse."""
    result = _invoke(["test", "--select", "test_type:data"], warehouse_path, work_dir)
    report = DbtTestReport(passed=result.returncode == 0)
    for line in result.stdout.splitlines():
        found = _FAILED_TEST.search(line)
        if found:
            (report.failures if found.group(1) == "Failure" else report.warnings).append(found.group(2))
        elif "Done." in line:
            report.summary = line.split("Done.", 1)[1].strip()
    if not report.passed and not report.failures:
        report.failures.append("dbt test did not run: " + (result.stdout.splitlines() or [result.stderr])[-1])
    return report
