"""Corrections and removals: a corrected article replaces its earlier version in the marts and the event's
figure follows it; a removed article's events are gone after the next build, incremental models included, and
come back when the removal is withdrawn; two warehouses in one folder keep their outputs apart."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from ingest.revisions import url_key

from .conftest import run_cli

pytestmark = pytest.mark.integration

URL = "https://www.example-wire.test/world/2026/03/11/strike-on-kharkiv/"
OTHER_URL = "https://example-wire.test/world/2026/03/11/odesa-port/"


def story(killed: str) -> str:
    return (f"KHARKIV, Ukraine — A Russian missile strike on a residential district of Kharkiv on Tuesday killed "
            f"{killed} people and wounded 11 others, regional governor Oleh Syniehubov said.\n\n"
            "Rescuers were searching the rubble of a five-storey building for survivors, he said.")


def export(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


def rows(published: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(published), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def kharkiv_killed(published: Path) -> list[tuple]:
    return rows(published, "select killed_best, n_articles, casualties_disputed from marts.fct_events "
                           "where location_name = 'Kharkiv' and not is_aggregate")


def build(inbox: Path, published: Path) -> str:
    result = run_cli("build", "--articles", str(inbox), "--warehouse", str(published))
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """A news export, then a re-export in which the same URL's toll was corrected from 4 to 5."""
    root = tmp_path_factory.mktemp("revisions")
    inbox = root / "inbox"
    inbox.mkdir()
    odesa = {"url": OTHER_URL, "title": "Port hit", "date_publish": "2026-03-11T09:00:00Z",
             "source_domain": "example-wire.test",
             "maintext": "ODESA, Ukraine — A drone attack on the port of Odesa on Tuesday wounded three dock "
                         "workers, the regional administration said."}
    export(inbox / "export-1.jsonl", [
        {"url": URL, "title": "Strike on Kharkiv", "date_publish": "2026-03-11T08:00:00Z",
         "source_domain": "example-wire.test", "maintext": story("four")}, odesa])
    published = root / "news.duckdb"
    first = build(inbox, published)
    before = kharkiv_killed(published)
    export(inbox / "export-2.jsonl", [
        {"url": URL.replace("https://www.", "http://") + "?utm_source=rss", "title": "Strike on Kharkiv",
         "date_publish": "2026-03-11T10:30:00Z", "source_domain": "example-wire.test", "maintext": story("five")}])
    second = build(inbox, published)
    return root, inbox, published, before, first, second


def test_a_correction_replaces_the_earlier_version_and_the_figure_follows(corrected):
    _, _, published, before, _, second = corrected
    assert before == [(4, 1, False)]
    assert kharkiv_killed(published) == [(5, 1, False)]
    versions = rows(published, "select clean_text like '%killed five%', superseded_by_article_id is null "
                               "from raw.articles where article_id in (select article_id from raw.article_sources "
                               f"where url_key = '{url_key(URL)}') order by 1")
    assert versions == [(False, False), (True, True)]  # the earlier version is kept, marked superseded
    in_marts = rows(published, "select count(*) from marts.dim_articles where url like '%strike-on-kharkiv%'")
    assert in_marts == [(1,)]
    assert "1 superseded by a corrected version" in second
    # the event is re-identified from its new article: one new, the old one gone, nothing else touched
    assert "since the last build 1 new, 0 changed, 1 gone" in second
    assert "2 already loaded" in second


def test_a_removed_article_leaves_every_model_and_comes_back_when_the_removal_is_withdrawn(corrected):
    root, inbox, published, _, _, _ = corrected
    removed = run_cli("remove", "--warehouse", str(published), "--url", URL, "--reason", "test: retracted story")
    assert removed.returncode == 0, removed.stderr
    assert "matches 2 articles now" in removed.stdout  # both versions of the story
    exclusions = root / "news" / "exclusions.csv"
    assert exclusions.exists()

    after_removal = build(inbox, published)
    assert kharkiv_killed(published) == []
    assert "removed by the exclusion list" in after_removal
    audit = rows(published, "select matched_by, match_value, reason, restored_at is null from raw.article_removals")
    assert sorted(audit) == [("url", URL, "test: retracted story", True)] * 2
    for model in ("int_places_grouped", "int_casualty_reports_located"):  # the incremental ones
        left = rows(published, f"select count(*) from intermediate.{model} where article_id in "
                               "(select article_id from raw.article_removals)")
        assert left == [(0,)], model
    assert rows(published, "select count(*) from marts.dim_articles") == [(1,)]  # the Odesa story stays

    exclusions.write_text(exclusions.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    build(inbox, published)
    assert kharkiv_killed(published) == [(5, 1, False)]
    assert rows(published, "select count(*) from raw.article_removals where restored_at is null") == [(0,)]


def test_two_warehouses_in_one_folder_keep_their_outputs_apart(corrected):
    root, inbox, _, _, _, _ = corrected
    parquet = root / "news" / "parquet" / "dim_articles.parquet"
    before = parquet.read_bytes()
    other = root / "other.duckdb"
    only_odesa = root / "odesa"
    only_odesa.mkdir()
    (only_odesa / "export-1.jsonl").write_text((inbox / "export-1.jsonl").read_text().splitlines()[1] + "\n")
    output = build(only_odesa, other)
    assert str(root / "other" / "parquet") in output
    assert parquet.read_bytes() == before
    for folder in ("news", "other"):
        assert (root / folder / "parquet" / "fct_events.parquet").exists()
        assert (root / folder / "validation" / "summary.json").exists()
        assert (root / folder / "docs" / "index.html").exists()
    assert duckdb.execute(f"select count(*) from '{root / 'other' / 'parquet' / 'dim_articles.parquet'}'"
                          ).fetchone() == (1,)


def test_removals_match_an_article_id_or_a_source_file_however_its_path_is_written(tmp_path):
    from ingest import warehouse
    from ingest.loader import load
    from ingest.settings import LoaderSettings

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    export(inbox / "a.jsonl", [{"url": URL, "maintext": story("four")}])
    export(inbox / "b.jsonl", [{"url": OTHER_URL, "maintext": "A drone attack on the port of Odesa wounded three."}])
    exclusions = tmp_path / "exclusions.csv"
    settings = LoaderSettings(exclusions=exclusions)
    con = warehouse.connect(tmp_path / "w.duckdb")
    try:
        load(con, inbox, settings)
        by_url = dict(con.execute("select url, article_id from raw.articles").fetchall())
        exclusions.write_text("match,value,reason,requested_at\n"
                              f"source,{(inbox / 'a.jsonl').resolve()},bad file,2026-12-01T00:00:00Z\n"
                              f"article_id,{by_url[OTHER_URL]},duplicate feed,2026-12-01T00:00:00Z\n",
                              encoding="utf-8")
        report = load(con, inbox, settings)  # the inbox path is relative to nothing here: absolute vs as loaded
        assert report.articles_removed == 2
        assert con.execute("select count(*) from raw.articles where removed_at is null").fetchone() == (0,)
        exclusions.write_text("match,value,reason,requested_at\n", encoding="utf-8")
        report = load(con, inbox, settings)
        assert report.articles_restored == 2
        assert con.execute("select count(*) from raw.articles where removed_at is null").fetchone() == (2,)
        assert con.execute("select count(*) from raw.article_removals where restored_at is not null").fetchone() == (2,)
    finally:
        con.close()


@pytest.mark.parametrize("text, message", [
    ("match,value\nurl,x\n", "needs match, value, reason, requested_at"),
    ("match,value,reason,requested_at\ntitle,x,,\n", "line 2"),
    ("match,value,reason,requested_at\nurl,,,\n", "line 2"),
])
def test_a_malformed_exclusion_list_names_the_file_and_line(tmp_path, text, message):
    from ingest.errors import UserError
    from ingest.revisions import read_exclusions

    path = tmp_path / "exclusions.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as raised:
        read_exclusions(path)
    assert message in raised.value.one_line() and str(path) in raised.value.one_line()


@pytest.mark.parametrize("a, b", [
    ("https://www.example.org/world/a/?utm_source=rss#top", "http://example.org/world/a"),
    ("example.org/news?id=5&fbclid=x", "https://example.org/news?id=5"),
])
def test_spellings_of_one_url_share_a_key(a, b):
    assert url_key(a) == url_key(b)
    assert url_key("https://example.org/news?id=5") != url_key("https://example.org/news?id=6")
