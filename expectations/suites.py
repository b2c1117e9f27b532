"""What a valid warehouse looks like, as GX expectation suites defined in code.

``python -m expectations.suites --write`` saves them as the JSON GX writes (``expectations/suites/``);
a test keeps that JSON in step with this file.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path

import great_expectations as gx
from great_expectations import expectations as gxe

SUITES_DIR = Path(__file__).resolve().parent / "suites"

CRITICAL, WARNING = "critical", "warning"


@dataclass(frozen=True)
class Check:
    """A suite and the SQL that produces the DataFrame it validates."""

    name: str
    query: str
    expectations: list = field(default_factory=list)
    layer: str = "marts"


def _no_rows(name: str, description: str) -> gxe.Expectation:
    """A rule checked in DuckDB: the query returns the offending rows, and there must be none."""
    return gxe.ExpectTableRowCountToEqual(value=0, severity=CRITICAL, meta={"rule": name, "notes": description})


def checks() -> list[Check]:
    """The checks dbt's tests cannot express: text offsets, run accounting, table-level coverage and rules
    across tables. Uniqueness, nulls, accepted values, relationships and low <= best <= high are dbt tests
    (see the models' yml); each check lives in one of the two."""
    return [
        # ---------------------------------------------------------------- raw layer
        Check("mention_offsets_mismatch", """
            select m.mention_id, m.article_id, m.char_start, m.char_end, m.text
            from raw.mentions m left join raw.articles a using (article_id)
            where substring(a.clean_text, m.char_start + 1, m.char_end - m.char_start) is distinct from m.text
        """, [_no_rows("mention_offsets_mismatch", "clean_text[char_start:char_end] is the mention text")],
              layer="raw"),
        Check("raw_ingest_runs", """
            select run_id, files_seen, records_seen, articles_new, articles_duplicate, records_rejected,
                   coalesce(articles_already_loaded, 0) as articles_already_loaded,
                   records_seen - (articles_new + coalesce(articles_already_loaded, 0) + articles_duplicate
                                   + records_rejected) as unaccounted_records
            from raw.ingest_runs where status = 'succeeded'
        """, [
            gxe.ExpectColumnValuesToBeBetween(
                column="unaccounted_records", min_value=0, max_value=0, severity=CRITICAL,
                meta={"notes": "records seen = loaded + already loaded + duplicate + rejected"}),
        ], layer="raw"),
        # ---------------------------------------------------------------- marts, as whole tables
        Check("fct_events", "select event_id, location_id from marts.fct_events", [
            gxe.ExpectTableRowCountToBeBetween(min_value=1, severity=CRITICAL,
                                               meta={"notes": "a build with no events is broken"}),
            gxe.ExpectColumnValuesToNotBeNull(column="location_id", mostly=0.5, severity=WARNING,
                                              meta={"notes": "most events should be placed"}),
        ]),
        # ---------------------------------------------------------------- rules across tables
        Check("events_without_articles", """
            select e.event_id from marts.fct_events e
            where not exists (select 1 from marts.bridge_event_articles b where b.event_id = e.event_id)
        """, [_no_rows("events_without_articles", "every event is bridged to at least one article")]),
        Check("n_articles_mismatch", """
            select e.event_id, e.n_articles, count(b.article_id) as bridge_rows
            from marts.fct_events e left join marts.bridge_event_articles b using (event_id)
            group by e.event_id, e.n_articles having e.n_articles <> count(b.article_id)
        """, [_no_rows("n_articles_mismatch", "n_articles equals the event's bridge rows")]),
        Check("event_totals_mismatch", """
            select e.event_id, o.outcome, o.event_best, c.count_best as casualties_best
            from marts.fct_events e
            cross join lateral (values ('killed', e.killed_best), ('injured', e.injured_best)) as o(outcome, event_best)
            left join marts.fct_casualties c
                on c.event_id = e.event_id and c.outcome = o.outcome and c.victim_group = 'all'
            where o.event_best is distinct from c.count_best
        """, [_no_rows("event_totals_mismatch", "fct_events totals reconcile with fct_casualties 'all' rows")]),
        Check("aggregate_links", """
            select l.aggregate_event_id, l.part_event_id from marts.bridge_aggregate_parts l
            left join marts.fct_events a on a.event_id = l.aggregate_event_id
            left join marts.fct_events p on p.event_id = l.part_event_id
            where a.event_id is null or p.event_id is null or not a.is_aggregate or p.is_aggregate
        """, [_no_rows("aggregate_links", "aggregates link to existing non-aggregate parts")]),
        Check("article_count_mismatch", """
            with current_articles as (
                select article_id from raw.articles where superseded_by_article_id is null and removed_at is null
            )
            select (select count(*) from marts.dim_articles) as mart_rows,
                   (select count(*) from current_articles) as raw_rows
            where (select count(*) from marts.dim_articles) <> (select count(*) from current_articles)
        """, [_no_rows("article_count_mismatch",
                       "dim_articles has one row per raw article that is neither superseded nor removed")]),
    ]


def suite_for(check: Check) -> gx.ExpectationSuite:
    return gx.ExpectationSuite(name=check.name, expectations=list(check.expectations),
                               meta={"layer": check.layer, "query": " ".join(check.query.split())})


def suite_json(check: Check) -> dict:
    """The suite as GX serialises it, without the random ids GX assigns on each run."""
    data = suite_for(check).to_json_dict()
    data.pop("id", None)
    for expectation in data["expectations"]:
        expectation.pop("id", None)
    return data


def write_suites(directory: Path = SUITES_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for check in checks():
        path = directory / f"{check.name}.json"
        path.write_text(json.dumps(suite_json(check), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Write the expectation suites as GX JSON.")
    parser.add_argument("--write", action="store_true", help=f"write the suites to {SUITES_DIR}")
    if parser.parse_args().write:
        for path in write_suites():
            print(path)
