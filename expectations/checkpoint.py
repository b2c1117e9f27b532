"""Run every suite against a warehouse file; critical failures fail the build, warnings only print."""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import duckdb
import great_expectations as gx

from expectations.suites import Check, checks, suite_for

log = logging.getLogger("expectations")
EXAMPLES_SHOWN = 5


@dataclass
class ExpectationOutcome:
    check: str
    expectation: str
    column: str | None
    severity: str
    success: bool
    observed: str
    examples: list = field(default_factory=list)


@dataclass
class CheckpointResult:
    outcomes: list[ExpectationOutcome]
    seconds: float
    summary_path: Path
    data_docs_path: Path | None
    report_path: Path | None = None  # our own page of the results: one file, no assets, readable offline

    @property
    def critical_failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity == "critical"]

    @property
    def warnings(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity != "critical"]

    @property
    def success(self) -> bool:
        return not self.critical_failures

    def console_table(self) -> str:
        passed = sum(o.success for o in self.outcomes)
        lines = [f"Validation: {len(self.outcomes)} expectations, {passed} passed, "
                 f"{len(self.critical_failures)} critical failures, {len(self.warnings)} warnings "
                 f"({self.seconds:.1f}s)"]
        by_check: dict[str, list[ExpectationOutcome]] = {}
        for outcome in self.outcomes:
            by_check.setdefault(outcome.check, []).append(outcome)
        width = max(len(name) for name in by_check) if by_check else 10
        for name, outcomes in by_check.items():
            failed = [o for o in outcomes if not o.success]
            status = "ok" if not failed else ("FAIL" if any(o.severity == "critical" for o in failed) else "warn")
            lines.append(f"  {name:<{width}}  {status:<4}  {len(outcomes) - len(failed)}/{len(outcomes)}")
        for outcome in self.critical_failures + self.warnings:
            label = "CRITICAL" if outcome.severity == "critical" else "warning"
            column = f" [{outcome.column}]" if outcome.column else ""
            lines.append(f"  {label}: {outcome.check}: {outcome.expectation}{column}: {outcome.observed}")
            if outcome.examples:
                lines.append(f"      e.g. {outcome.examples}")
        return "\n".join(lines)


def _describe(result) -> tuple[str, list]:
    details = result.result or {}
    if "observed_value" in details:
        return f"observed {details['observed_value']}", []
    unexpected = details.get("unexpected_count")
    examples = details.get("partial_unexpected_list") or []
    return (f"{unexpected} unexpected rows" if unexpected is not None else "failed"), examples[:EXAMPLES_SHOWN]


def run_checkpoint(warehouse_path: Path, out_dir: Path) -> CheckpointResult:
    """Validate every check's DataFrame. Writes summary.json and GX Data Docs under out_dir."""
    started = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    gx_root = Path(tempfile.mkdtemp(prefix="gx-"))
    docs_dir = out_dir / "data_docs"
    try:
        context = gx.get_context(mode="file", project_root_dir=str(gx_root))
        context.variables.progress_bars = {"globally": False, "metric_calculations": False}
        context.add_data_docs_site(site_name="warehouse", site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
        source = context.data_sources.add_pandas("warehouse")
        con = duckdb.connect(str(warehouse_path), read_only=True)
        outcomes: list[ExpectationOutcome] = []
        try:
            for check in checks():
                outcomes.extend(_run_check(context, source, con, check))
        finally:
            con.close()
    finally:
        shutil.rmtree(gx_root, ignore_errors=True)
    result = CheckpointResult(outcomes, time.monotonic() - started, out_dir / "summary.json",
                              docs_dir / "index.html" if (docs_dir / "index.html").exists() else None)
    _write_summary(result)
    result.report_path = _write_report(result, out_dir / "report.html", warehouse_path)
    return result


def _run_check(context, source, con: duckdb.DuckDBPyConnection, check: Check) -> list[ExpectationOutcome]:
    frame = con.execute(check.query).fetch_df()
    asset = source.add_dataframe_asset(name=check.name)
    batch = asset.add_batch_definition_whole_dataframe(name=f"{check.name}_all")
    suite = context.suites.add(suite_for(check))
    definition = context.validation_definitions.add(gx.ValidationDefinition(name=check.name, data=batch, suite=suite))
    checkpoint = context.checkpoints.add(gx.Checkpoint(
        name=f"{check.name}_checkpoint",
        validation_definitions=[definition],
        actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=["warehouse"])],
        result_format={"result_format": "SUMMARY", "partial_unexpected_count": EXAMPLES_SHOWN},
    ))
    run = checkpoint.run(batch_parameters={"dataframe": frame})
    outcomes = []
    for validation in run.run_results.values():
        for result in validation.results:
            config = result.expectation_config
            observed, examples = _describe(result)
            if result.exception_info and result.exception_info.get("raised_exception"):
                observed = f"error: {result.exception_info.get('exception_message')}"
            outcomes.append(ExpectationOutcome(
                check=check.name,
                expectation=(config.meta or {}).get("rule") or config.type,
                column=config.kwargs.get("column") or (",".join(config.kwargs.get("column_list", [])) or None),
                severity=str(getattr(config.severity, "value", config.severity) or "critical").lower(),
                success=bool(result.success),
                observed=observed,
                examples=[str(e) for e in examples] or
                         ([str(r) for r in frame.head(EXAMPLES_SHOWN).to_dict("records")]
                          if not result.success and config.type == "expect_table_row_count_to_equal" else []),
            ))
    return outcomes


def _write_summary(result: CheckpointResult) -> None:
    summary = {
        "success": result.success,
        "expectations_run": len(result.outcomes),
        "passed": sum(o.success for o in result.outcomes),
        "failed": len(result.critical_failures),
        "warnings": len(result.warnings),
        "seconds": round(result.seconds, 2),
        "failures": [o.__dict__ for o in result.critical_failures],
        "warning_details": [o.__dict__ for o in result.warnings],
        "expectations": [{"check": o.check, "expectation": o.expectation, "column": o.column,
                          "severity": o.severity, "success": o.success} for o in result.outcomes],
    }
    result.summary_path.write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")


_REPORT_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.ok { color: #176b2c; } .fail { color: #a4161a; font-weight: bold; } .warn { color: #8a5a00; font-weight: bold; }
code, pre { font: 13px ui-monospace, monospace; } pre { white-space: pre-wrap; background: #f7f7f7; padding: .5rem; }
"""


def _write_report(result: CheckpointResult, path: Path, warehouse_path: Path) -> Path:
    """The validation results as one self-contained HTML page (GX's Data Docs load their styles from CDNs and
    are unreadable offline); every check with its query, every expectation with what was observed."""
    queries = {check.name: (check.layer, " ".join(check.query.split())) for check in checks()}
    verdict = "passed" if result.success else f"FAILED: {len(result.critical_failures)} critical failures"
    rows = []
    for outcome in result.outcomes:
        status = "ok" if outcome.success else ("fail" if outcome.severity == "critical" else "warn")
        label = {"ok": "passed", "fail": "FAILED", "warn": "warning"}[status]
        layer, query = queries.get(outcome.check, ("", ""))
        examples = f"<br><small>e.g. {html.escape(', '.join(outcome.examples))}</small>" if outcome.examples else ""
        rows.append(
            f"<tr><td><b>{html.escape(outcome.check)}</b> <small>({html.escape(layer)})</small>"
            f"<details><summary>query</summary><pre>{html.escape(query)}</pre></details></td>"
            f"<td>{html.escape(outcome.expectation)}</td><td>{html.escape(outcome.column or '')}</td>"
            f"<td>{html.escape(outcome.severity)}</td><td class='{status}'>{label}</td>"
            f"<td>{html.escape(outcome.observed)}{examples}</td></tr>")
    page = (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Validation: {verdict}</title>"
            f"<style>{_REPORT_STYLE}</style></head><body><h1>Validation {html.escape(verdict)}</h1>"
            f"<p>Warehouse <code>{html.escape(str(warehouse_path))}</code>: {len(result.outcomes)} expectations, "
            f"{sum(o.success for o in result.outcomes)} passed, {len(result.critical_failures)} critical failures, "
            f"{len(result.warnings)} warnings, {result.seconds:.1f}s. A critical failure stops the build before "
            "it publishes; a warning does not. The same results are in <code>summary.json</code>.</p>"
            "<table><tr><th>check</th><th>expectation</th><th>column</th><th>severity</th><th>result</th>"
            f"<th>observed</th></tr>{''.join(rows)}</table></body></html>\n")
    path.write_text(page, encoding="utf-8")
    return path
