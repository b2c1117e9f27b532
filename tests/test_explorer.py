"""The analyst explorer's pages (Streamlit's AppTest, the real app script) over the sample corpus's warehouse."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from .conftest import ROOT
from .sample_facts import INJURED_RANGE, KILLED_TOTALS
from .test_build import query

pytestmark = pytest.mark.integration
APP = ROOT / "explorer" / "app.py"


def run_page(monkeypatch, warehouse: Path, page: str | None = None, **query_params: str) -> AppTest:
    monkeypatch.setenv("EXPLORER_WAREHOUSE", str(warehouse))
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    if page:
        app.switch_page(page)
    for key, value in query_params.items():
        app.query_params[key] = value
    if page or query_params:
        app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def texts(app: AppTest) -> str:
    return "\n".join(element.value for kind in ("markdown", "caption", "info", "error", "warning", "title",
                                                 "subheader")
                     for element in getattr(app, kind))


def rendered_text(markdown: str) -> str:
    """What a reader sees of a quoted sentence: escapes resolved, the <mark>ed words in [[ ]]."""
    marked = markdown.replace("<mark>", "[[").replace("</mark>", "]]")
    return html.unescape(re.sub(r"\\(.)", r"\1", marked))


def totals(path: Path) -> dict:
    return query(path, """
        select coalesce(sum(killed_best) filter (where not is_aggregate), 0) as killed,
               coalesce(sum(injured_best) filter (where not is_aggregate), 0) as injured,
               count(*) filter (where not is_aggregate) as events, (select count(*) from marts.dim_articles) as articles
        from marts.fct_events""")[0]


def test_overview_shows_the_seed_totals_as_text(sample_build, monkeypatch):
    published, _ = sample_build
    expected = totals(published)
    assert expected["killed"] in KILLED_TOTALS and INJURED_RANGE[0] <= expected["injured"] <= INJURED_RANGE[1]
    app = run_page(monkeypatch, published)
    shown = texts(app)
    assert f"{expected['killed']} killed, {expected['injured']} injured" in shown
    assert f"in {expected['events']} events" in shown and f"{expected['articles']} articles" in shown
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Killed"] == str(expected["killed"]) and metrics["Injured"] == str(expected["injured"])
    assert len(app.dataframe) == 2  # top places, top initiators
    places = app.dataframe[0].value
    assert places["killed"].sum() <= expected["killed"] and not places.empty


def test_events_page_filters_and_downloads(sample_build, monkeypatch):
    published, _ = sample_build
    app = run_page(monkeypatch, published, "pages/events.py")
    table = app.dataframe[0].value
    non_aggregate = query(published, "select event_id, killed_best, country_code from marts.fct_events "
                                     "where not is_aggregate")
    assert set(table["event_id"]) == {row["event_id"] for row in non_aggregate}
    app.number_input(key="min_killed").set_value(2).run()
    filtered = app.dataframe[0].value
    assert set(filtered["event_id"]) == {r["event_id"] for r in non_aggregate if (r["killed_best"] or 0) >= 2}
    assert 0 < len(filtered) < len(table)
    app.number_input(key="min_killed").set_value(0)
    app.multiselect(key="countries").set_value(["RU"]).run()
    assert set(app.dataframe[0].value["country_code"]) == {"RU"}
    app.checkbox(key="include_aggregates").check().run()
    assert app.dataframe[0].value["is_aggregate"].any()
    assert any(button.proto.label.startswith("Download") for button in app.get("download_button"))


def test_event_page_shows_each_figure_with_its_sentence(sample_build, monkeypatch):
    published, _ = sample_build
    event = query(published, """
        select e.event_id, e.killed_best, e.injured_best from marts.fct_events e
        where not is_aggregate order by killed_best desc nulls last, injured_best desc nulls last limit 1""")[0]
    reports = query(published, f"select claim_text, sentence_text from marts.fct_casualty_reports "
                               f"where event_id = '{event['event_id']}'")
    assert reports
    app = run_page(monkeypatch, published, "pages/event.py", event=event["event_id"])
    assert app.selectbox(key=f"event_picker_{event['event_id']}").value == event["event_id"]
    quoted = [m.value for m in app.markdown if m.value.startswith("> ")]
    for report in reports:  # the whole sentence is quoted, the claim's words marked in it
        sentence = report["sentence_text"]
        start = sentence.index(report["claim_text"])
        marked = sentence[:start] + "[[" + report["claim_text"] + "]]" + sentence[start + len(report["claim_text"]):]
        assert "> " + marked in [rendered_text(m) for m in quoted], sentence
    sources = app.dataframe[0].value
    killed_best = sources[(sources["outcome"] == "killed") & (sources["bound"] == "best")].iloc[0]
    assert killed_best["figure"] == event["killed_best"]
    assert "\u201c" in killed_best["given by"]  # quoted from a report, not 'no report gives a number'


def test_sources_page_lists_runs_and_articles(sample_build, monkeypatch):
    published, _ = sample_build
    app = run_page(monkeypatch, published, "pages/sources.py")
    runs = query(published, "select count(*) as n from raw.ingest_runs")[0]["n"]
    frames = [frame.value for frame in app.dataframe]
    assert len(frames[0]) == runs
    assert any(len(frame) == 5 and "outlet" in frame.columns for frame in frames)  # the five sample articles


@pytest.mark.parametrize("page", [None, "pages/events.py", "pages/event.py", "pages/sources.py"])
def test_a_missing_warehouse_is_a_message_not_a_traceback(tmp_path, monkeypatch, page):
    app = run_page(monkeypatch, tmp_path / "nowhere.duckdb", page)
    assert any("No warehouse at" in error.value for error in app.error)
    assert any("make build" in info.value for info in app.info)


def test_an_empty_or_foreign_file_is_a_message(tmp_path, monkeypatch):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    app = run_page(monkeypatch, empty)
    assert any("holds no marts" in error.value for error in app.error)
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database\n" * 100)
    app = run_page(monkeypatch, text)
    assert any("cannot be opened" in error.value for error in app.error)


def test_a_warehouse_from_an_older_build_names_what_it_lacks(sample_build, tmp_path, monkeypatch):
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    try:
        con.execute(f"attach '{sample_build[0]}' as current (read_only)")
        con.execute("create schema marts")
        con.execute("create schema raw")
        for table in ("fct_casualty_reports", "dim_articles", "dim_actors", "fct_event_actors",
                      "bridge_event_articles", "bridge_aggregate_parts"):
            con.execute(f"create table marts.{table} as select * from current.marts.{table}")
        for table in ("ingest_runs", "rejected_inputs"):
            con.execute(f"create table raw.{table} as select * from current.raw.{table}")
        # as built before 2026-11-24: the sub-event type had another name and aggregates no reason
        con.execute("create table marts.fct_events as select * exclude (aggregate_reason) "
                    "rename (acled_sub_event_type as sub_event_type) from current.marts.fct_events")
    finally:
        con.close()
    app = run_page(monkeypatch, old)
    error = " ".join(e.value for e in app.error)
    assert "older build" in error and "acled_sub_event_type" in error and "aggregate_reason" in error


def test_an_empty_warehouse_says_there_are_no_events(sample_build, tmp_path, monkeypatch):
    empty = tmp_path / "no-events.duckdb"
    shutil.copy2(sample_build[0], empty)
    con = duckdb.connect(str(empty))
    try:
        for table in ("bridge_aggregate_parts", "bridge_event_articles", "fct_event_actors", "fct_casualties",
                      "fct_casualty_reports"):
            con.execute(f"delete from marts.{table}")
        con.execute("delete from marts.fct_events")
    finally:
        con.close()
    app = run_page(monkeypatch, empty)
    assert any("no events yet" in info.value for info in app.info)
    for page in ("pages/events.py", "pages/event.py"):
        assert any("No events yet" in info.value for info in run_page(monkeypatch, empty, page).info)


def test_a_newly_published_build_replaces_the_one_shown(sample_build, tmp_path, monkeypatch):
    """Publishing renames a new file over the old one; the next run of any page shows the new file whole."""
    shown = tmp_path / "warehouse.duckdb"
    shutil.copy2(sample_build[0], shown)
    app = run_page(monkeypatch, shown)
    before = totals(shown)
    assert f"{before['killed']} killed" in texts(app)

    successor = tmp_path / ".warehouse.building.duckdb"
    shutil.copy2(sample_build[0], successor)
    con = duckdb.connect(str(successor))
    try:  # a build that found one more victim of the deadliest event
        con.execute("update marts.fct_events set killed_best = killed_best + 1 where event_id = "
                    "(select event_id from marts.fct_events where not is_aggregate "
                    " order by killed_best desc nulls last limit 1)")
    finally:
        con.close()
    os.replace(successor, shown)
    app.run()
    assert f"{before['killed'] + 1} killed, {before['injured']} injured" in texts(app)


def test_the_event_picker_finds_events_by_the_words_of_their_summary(sample_build, monkeypatch):
    published, _ = sample_build
    place = query(published, "select location_name from marts.fct_events where not is_aggregate "
                             "and location_name is not null order by killed_best desc nulls last limit 1")[0]
    app = run_page(monkeypatch, published, "pages/event.py")
    app.text_input(key="event_search").set_value(place["location_name"]).run()
    picker = app.selectbox[0]
    expected = query(published, "select count(*) as n from marts.fct_events where summary ilike ?"
                     .replace("?", f"'%{place['location_name']}%'"))[0]["n"]
    assert len(picker.options) == expected > 0
    assert all(place["location_name"].lower() in option.lower() for option in picker.options)
    app.text_input(key="event_search").set_value("no such place anywhere").run()
    assert any("No event's summary holds" in info.value for info in app.info)
