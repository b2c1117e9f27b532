"""The committed suite JSON is what the code defines."""

from __future__ import annotations

import json

from expectations.suites import SUITES_DIR, checks, suite_json


def test_committed_suites_match_the_code():
    defined = {check.name: suite_json(check) for check in checks()}
    committed = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in SUITES_DIR.glob("*.json")}
    assert committed == defined, "run `python -m expectations.suites --write` and commit the result"


def test_every_suite_has_critical_expectations():
    for check in checks():
        severities = {str(getattr(e.severity, "value", e.severity)).lower() for e in check.expectations}
        assert "critical" in severities, check.name
