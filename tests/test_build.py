"""`make build` end to end on the sample corpus: real loader, dbt, Great Expectations and publish."""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.nlp.gazetteer import load_gazetteer

from .conftest import SAMPLES, run_cli
from .sample_facts import (
    EXPECTED_EVENTS,
    INJURED_RANGE,
    KILLED_TOTALS,
    MAX_KILLED_IN_ONE_SAMPLE_EVENT,
    NOT_CASUALTY_FIGURES,
    UNDATED_ARTICLES,
    VAGUE,
    ExpectedEvent,
)

pytestmark = pytest.mark.integration
MARTS = ["fct_events", "fct_casualty_reports", "fct_casualties", "dim_actors", "fct_event_actors",
         "dim_locations", "dim_articles", "bridge_event_articles", "bridge_aggregate_parts"]
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen"}


def query(path: Path, sql: str) -> list[dict]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def events(sample_build) -> list[dict]:
    published, _ = sample_build
    rows = query(published, """
        select e.*, list(distinct substr(regexp_extract(a.source_uri, '[^/]+$'), 1, 3)) as articles
        from marts.fct_events e
        join marts.bridge_event_articles b using (event_id)
        join marts.dim_articles a using (article_id)
        group by all
    """)
    for row in rows:
        row["articles"] = frozenset(row["articles"])
    return rows


@functools.cache
def _location_id(name: str) -> str:
    return load_gazetteer().places_by_name[name].location_id


def _candidates(expected: ExpectedEvent, events: list[dict]) -> list[dict]:
    """Events of the same family at the same place (any spelling) that share a reporting article."""
    found = []
    for event in events:
        if event["is_aggregate"] or event["event_family"] != expected.family:
            continue
        if not event["articles"] & expected.articles:
            continue
        if expected.place is not None and event["location_id"] != _location_id(expected.place):
            continue
        if expected.place is None and expected.admin1 is not None and not (
                event["geo_precision"] == 2 and event["admin1_name"] == expected.admin1):
            continue
        if expected.place is None and expected.admin1 is None and expected.country is not None and not (
                event["geo_precision"] == 3 and event["country_code"] == expected.country):
            continue
        found.append(event)
    return found


def _figure_ok(expected: int | str | None, actual: int | None) -> bool:
    if expected == VAGUE:
        return actual is None or actual <= 10
    return actual == expected


def _violations(expected: ExpectedEvent, event: dict) -> list[str]:
    problems = []
    if event["articles"] != expected.articles:
        problems.append(f"articles {sorted(event['articles'])} != {sorted(expected.articles)}")
    if not _figure_ok(expected.killed, event["killed_best"]):
        problems.append(f"killed {event['killed_best']} != {expected.killed}")
    if not _figure_ok(expected.injured, event["injured_best"]):
        problems.append(f"injured {event['injured_best']} != {expected.injured}")
    if expected.admin1 and event["admin1_name"] != expected.admin1:
        problems.append(f"admin1 {event['admin1_name']} != {expected.admin1}")
    if expected.country and event["country_code"] != expected.country:
        problems.append(f"country {event['country_code']} != {expected.country}")
    if expected.mode and event["event_subtype"] != expected.mode:
        problems.append(f"mode {event['event_subtype']} != {expected.mode}")
    # An initiator the articles do not let us read is left empty rather than guessed; optional
    # events may leave it empty, required ones must name it.
    if expected.initiator != event["initiator_actor_id"] and not (
            expected.optional and event["initiator_actor_id"] is None):
        problems.append(f"initiator {event['initiator_actor_id']} != {expected.initiator}")
    actual_date = event["event_date"].isoformat() if event["event_date"] else None
    if actual_date != expected.date:
        problems.append(f"date {actual_date} != {expected.date}")
    return problems


@pytest.mark.parametrize("expected", [e for e in EXPECTED_EVENTS if not e.optional], ids=lambda e: e.key)
def test_required_event_is_built_with_its_figures_and_articles(expected, events):
    candidates = _candidates(expected, events)
    where = expected.place or expected.admin1
    assert candidates, f"no {expected.family} event at {where} in {sorted(expected.articles)}"
    report = {c["event_id"]: _violations(expected, c) for c in candidates}
    assert any(not problems for problems in report.values()), report


@pytest.mark.parametrize("expected", [e for e in EXPECTED_EVENTS if e.optional], ids=lambda e: e.key)
def test_optional_event_if_present_is_right(expected, events):
    candidates = _candidates(expected, events)
    if not candidates:
        pytest.skip(f"{expected.key} is not built (allowed)")
    best = max(candidates, key=lambda c: len(c["articles"] & expected.articles))
    assert _violations(expected, best) == []


def test_the_four_kharkiv_strikes_stay_four_events(events):
    keys = ["kharkiv-2-7", "kharkiv-region-3", "kharkiv-33", "kharkiv-2-60"]
    matched = set()
    for expected in (e for e in EXPECTED_EVENTS if e.key in keys):
        (event,) = [c for c in _candidates(expected, events) if not _violations(expected, c)]
        matched.add(event["event_id"])
    assert len(matched) == 4


def test_totals_add_up_without_summaries(events):
    parts = [e for e in events if not e["is_aggregate"]]
    assert sum(e["killed_best"] or 0 for e in parts) in KILLED_TOTALS
    low, high = INJURED_RANGE
    assert low <= sum(e["injured_best"] or 0 for e in parts) <= high


def test_no_figure_that_is_not_a_casualty_becomes_one(events):
    for event in events:
        assert event["killed_best"] not in NOT_CASUALTY_FIGURES, event["summary"]
        assert event["injured_best"] not in NOT_CASUALTY_FIGURES, event["summary"]
        assert (event["killed_best"] or 0) <= MAX_KILLED_IN_ONE_SAMPLE_EVENT, event["summary"]


def test_a_summary_figure_never_stands_as_an_event(events):
    """No event's toll equals the sum of two other events' tolls from the same article."""
    parts = [e for e in events if not e["is_aggregate"] and e["killed_best"]]
    for total in parts:
        for a in parts:
            for b in parts:
                if len({total["event_id"], a["event_id"], b["event_id"]}) < 3 or a["event_id"] > b["event_id"]:
                    continue
                shared = total["articles"] & a["articles"] & b["articles"]
                assert not (shared and a["killed_best"] + b["killed_best"] == total["killed_best"]), total["summary"]


def test_aggregates_are_linked_to_the_events_they_sum(sample_build, events):
    published, _ = sample_build
    links = query(published, "select * from marts.bridge_aggregate_parts")
    by_id = {e["event_id"]: e for e in events}
    assert links
    for link in links:
        aggregate, part = by_id[link["aggregate_event_id"]], by_id[link["part_event_id"]]
        assert aggregate["is_aggregate"] and not part["is_aggregate"]
        assert aggregate["articles"] & part["articles"]
    # "killing five" in one article sums the three killed in the Kharkiv region and the two in Sochi
    parts_of = {}
    for link in links:
        parts_of.setdefault(link["aggregate_event_id"], set()).add(by_id[link["part_event_id"]]["killed_best"])
    assert any({3, 2} <= figures and by_id[a]["killed_best"] == 5 for a, figures in parts_of.items())


def test_undated_articles_never_give_a_day_date(events):
    for event in events:
        if event["articles"] <= UNDATED_ARTICLES:
            assert event["date_precision"] != "day" and event["event_date"] is None, event["summary"]


def test_every_figure_is_traceable_to_a_sentence_that_states_it(sample_build, events):
    published, _ = sample_build
    reports = query(published, "select event_id, sentence_text, claim_text, qualifier, count_best "
                               "from marts.fct_casualty_reports")
    for event in events:
        for figure in (event["killed_best"], event["injured_best"]):
            if not figure:
                continue
            own = [r for r in reports if r["event_id"] == event["event_id"]]
            # a vague word ("several") is stated by its own words
            spellings = {str(figure), NUMBER_WORDS.get(figure, str(figure))} | {
                r["claim_text"].lower() for r in own if r["qualifier"] == "vague" and r["count_best"] == figure}
            sentences = [r["sentence_text"].lower() for r in own]
            assert any(re.search(rf"\b{re.escape(s)}\b", sentence) for s in spellings for sentence in sentences), (
                event["summary"])


def test_marts_have_flat_types_and_descriptions(sample_build):
    published, _ = sample_build
    columns = query(published, """
        select table_name, column_name, data_type, comment from duckdb_columns() where schema_name = 'marts'
    """)
    assert {c["table_name"] for c in columns} == set(MARTS)
    for column in columns:
        assert not re.search(r"\[\]|STRUCT|MAP|UNION|HUGEINT", column["data_type"]), column
        assert column["comment"], f"{column['table_name']}.{column['column_name']} has no description"
    tables = query(published, "select table_name, comment from duckdb_tables() where schema_name = 'marts'")
    assert all(t["comment"] for t in tables)
    raw = {t["table_name"] for t in query(published, "select table_name from duckdb_tables() where schema_name='raw'")}
    assert {"articles", "mentions", "rejected_inputs", "ingest_runs"} <= raw


def test_build_writes_parquet_docs_validation_and_a_summary(sample_build):
    published, result = sample_build
    out = published.parent / published.stem  # outputs live in a folder named after the warehouse
    for mart in MARTS:
        rows = query(published, f"select count(*) as n from marts.{mart}")[0]["n"]
        parquet = duckdb.execute(f"select count(*) from '{out / 'parquet' / f'{mart}.parquet'}'").fetchone()[0]
        assert parquet == rows, mart
    assert (out / "docs" / "index.html").exists() and (out / "docs" / "catalog.json").exists()
    assert (out / "validation" / "summary.json").exists()
    assert (out / "validation" / "data_docs" / "index.html").exists()
    report = (out / "validation" / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:href|src)=["']?(?:https?:)?//""", report)  # nothing fetched: readable offline
    assert "Validation passed" in report and "article_count_mismatch" in report
    assert re.search(r"articles\s+5 loaded, 0 already loaded, 0 duplicate of another article, 0 rejected",
                     result.stdout)
    assert re.search(r"casualties \d+ killed, \d+ injured", result.stdout)
    assert str(published) in result.stdout


def _snapshot(path: Path) -> dict[str, list]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {mart: con.execute(f"select * from marts.{mart} order by all").fetchall() for mart in MARTS}
    finally:
        con.close()


def test_rebuild_while_a_reader_is_open_is_safe_and_changes_nothing(sample_build):
    published, _ = sample_build
    before = _snapshot(published)
    reader = duckdb.connect(str(published), read_only=True)
    try:
        runs_before = reader.execute("select count(*) from raw.ingest_runs").fetchone()[0]
        result = run_cli("build", "--articles", str(SAMPLES), "--warehouse", str(published))
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
        assert "0 loaded, 5 already loaded" in result.stdout
        # the open reader keeps reading the warehouse it opened
        assert reader.execute("select count(*) from raw.ingest_runs").fetchone()[0] == runs_before
        assert reader.execute("select count(*) from marts.fct_events").fetchone()[0] == len(before["fct_events"])
    finally:
        reader.close()
    assert query(published, "select count(*) as n from raw.ingest_runs")[0]["n"] == runs_before + 1
    assert _snapshot(published) == before


def test_a_failed_build_leaves_the_published_warehouse_alone(sample_build, tmp_path):
    published, _ = sample_build
    digest = hashlib.sha256(published.read_bytes()).hexdigest()
    result = run_cli("build", "--articles", str(tmp_path / "does-not-exist"), "--warehouse", str(published))
    assert result.returncode != 0
    assert "does-not-exist" in result.stderr + result.stdout
    assert hashlib.sha256(published.read_bytes()).hexdigest() == digest
    assert not list(published.parent.glob(".*.building.duckdb"))


def test_validate_passes_on_the_clean_build(sample_build):
    published, _ = sample_build
    result = run_cli("validate", "--warehouse", str(published))
    assert result.returncode == 0, result.stdout
    assert "0 critical failures" in result.stdout
    assert re.search(r"dbt data tests: PASS=\d+ WARN=\d+ ERROR=0", result.stdout), result.stdout


def _drop_keys(warehouse: Path) -> None:
    """Rewrite every mart without its primary and foreign keys, keeping its rows."""
    con = duckdb.connect(str(warehouse))
    try:
        marts = [row[0] for row in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()]
        references = con.execute("select table_name, referenced_table from duckdb_constraints() "
                                 "where schema_name = 'marts' and constraint_type = 'FOREIGN KEY'").fetchall()
        for mart in marts:
            con.execute(f"create table marts.{mart}__plain as select * from marts.{mart}")
        remaining = set(marts)
        while remaining:  # a table goes once no remaining table's foreign key points at it
            free = {m for m in remaining if not any(ref == m and child in remaining - {m} for child, ref in references)}
            for mart in sorted(free):
                con.execute(f"drop table marts.{mart}")
            remaining -= free
        for mart in marts:
            con.execute(f"alter table marts.{mart}__plain rename to {mart}")
    finally:
        con.close()


@pytest.fixture
def warehouse_copy(sample_build, tmp_path) -> Path:
    """A copy of the sample warehouse whose marts have lost their keys. DuckDB enforces the keys the contracts
    declare (tests/test_bi_clients.py), so a duplicate or a dangling id cannot be written into a published mart;
    dbt's data tests and the checkpoint must still catch one in a warehouse whose keys are gone (edited by hand,
    copied with CREATE TABLE AS, built before 2026-12)."""
    published, _ = sample_build
    copy = tmp_path / "planted.duckdb"
    shutil.copy2(published, copy)
    _drop_keys(copy)
    return copy


def _plant(warehouse: Path, statement: str) -> None:
    con = duckdb.connect(str(warehouse))
    con.execute(statement)
    con.close()


# Per-table rules are dbt data tests: the defect must fail the test named here (a prefix of dbt's name).
DBT_PLANTED_DEFECTS = {
    "duplicated event row": ("insert into marts.fct_events select * from marts.fct_events limit 1",
                             "unique_fct_events_event_id"),
    "duplicated article": ("insert into marts.dim_articles select * from marts.dim_articles limit 1",
                           "unique_dim_articles_article_id"),
    "negative count": ("update marts.fct_events set killed_best = -1 "
                       "where event_id = (select min(event_id) from marts.fct_events)",
                       "casualty_range_valid_fct_events"),
    "low above best": ("update marts.fct_events set injured_low = injured_best + 5 where injured_best is not null",
                       "casualty_range_valid_fct_events"),
    "report pointing at a missing event": (
        "update marts.fct_casualty_reports set event_id = 'evt_missing' "
        "where report_id = (select min(report_id) from marts.fct_casualty_reports)",
        "relationships_fct_casualty_reports_event_id"),
}

# What dbt cannot express is a Great Expectations check: (statement, check, expectation).
GX_PLANTED_DEFECTS = {
    "empty fct_events": ("delete from marts.fct_events", "fct_events", "expect_table_row_count_to_be_between"),
    "a mention offset off by one": ("update raw.mentions set char_start = char_start + 1 "
                                    "where mention_id = (select min(mention_id) from raw.mentions)",
                                    "mention_offsets_mismatch", "mention_offsets_mismatch"),
    "a bridge row lost": ("delete from marts.bridge_event_articles "
                          "where event_id = (select min(event_id) from marts.bridge_event_articles)",
                          "events_without_articles", "events_without_articles"),
    "totals that do not reconcile": ("update marts.fct_casualties set count_best = count_best + 1 "
                                     "where victim_group = 'all'",
                                     "event_totals_mismatch", "event_totals_mismatch"),
}


@pytest.mark.parametrize("defect", list(DBT_PLANTED_DEFECTS))
def test_planted_defect_fails_a_dbt_test_naming_it(warehouse_copy, tmp_path, defect):
    from ingest.dbt import run_data_tests

    statement, test_name = DBT_PLANTED_DEFECTS[defect]
    _plant(warehouse_copy, statement)
    report = run_data_tests(warehouse_copy, tmp_path / ".dbt")
    assert not report.passed
    assert any(failure.startswith(test_name) for failure in report.failures), report.failures


@pytest.mark.parametrize("defect", list(GX_PLANTED_DEFECTS))
def test_planted_defect_fails_validation_naming_the_expectation(warehouse_copy, tmp_path, defect):
    from expectations.checkpoint import run_checkpoint

    statement, check, expectation = GX_PLANTED_DEFECTS[defect]
    _plant(warehouse_copy, statement)
    result = run_checkpoint(warehouse_copy, tmp_path / "validation")
    assert not result.success
    assert any(f.check == check and f.expectation == expectation for f in result.critical_failures), (
        result.console_table())
    assert f"CRITICAL: {check}: {expectation}" in result.console_table()


def test_validate_command_fails_on_a_planted_defect_and_names_it(warehouse_copy):
    _plant(warehouse_copy, DBT_PLANTED_DEFECTS["duplicated article"][0])
    result = run_cli("validate", "--warehouse", str(warehouse_copy))
    assert result.returncode == 1
    assert "CRITICAL: dbt: unique_dim_articles_article_id" in result.stdout
