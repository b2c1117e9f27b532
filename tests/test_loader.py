"""The loader against a real DuckDB file and the real spaCy pipeline."""

from __future__ import annotations

import json
import shutil

import pytest

from ingest import warehouse
from ingest.loader import load
from ingest.settings import LoaderSettings

from .conftest import SAMPLES

ARTICLE = ("Title: Strike on Dnipro\nSource: Example Wire\nDate: 2025-04-02\n\n"
           "Russian missiles struck Dnipro on Tuesday, killing four people and injuring 12, officials said.\n")


@pytest.fixture
def con(tmp_path):
    connection = warehouse.connect(tmp_path / "w.duckdb")
    yield connection
    connection.close()


def counts(con) -> dict:
    row = con.execute("select files_seen, records_seen, articles_new, articles_already_loaded, articles_duplicate, "
                      "records_rejected from raw.ingest_runs order by started_at desc limit 1").fetchone()
    return dict(zip(["files", "records", "new", "already_loaded", "duplicate", "rejected"], row, strict=True))


def test_same_text_in_two_files_is_one_article_with_two_sources(tmp_path, con):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (inbox / "copy.txt").write_text(ARTICLE.replace("Source: Example Wire", "Source: Other Outlet"), encoding="utf-8")
    load(con, inbox, LoaderSettings())
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 1
    assert con.execute("select count(*) from raw.article_sources").fetchone()[0] == 2
    assert counts(con) == {"files": 2, "records": 2, "new": 1, "already_loaded": 0, "duplicate": 1,
                           "rejected": 0}


def test_rerun_loads_nothing_new_and_adding_a_file_loads_only_it(tmp_path, con):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    load(con, inbox, LoaderSettings())
    mentions = con.execute("select count(*) from raw.mentions").fetchone()[0]
    load(con, inbox, LoaderSettings())
    # a rebuild over the same files: already loaded, which is not the same as a duplicate of another article
    assert (counts(con)["new"], counts(con)["already_loaded"], counts(con)["duplicate"]) == (0, 5, 0)
    assert con.execute("select count(*) from raw.mentions").fetchone()[0] == mentions
    (inbox / "new.txt").write_text(ARTICLE, encoding="utf-8")
    load(con, inbox, LoaderSettings())
    assert counts(con) == {"files": 6, "records": 6, "new": 1, "already_loaded": 5, "duplicate": 0,
                           "rejected": 0}


def test_bad_files_are_kept_as_rejections_and_the_rest_loads(tmp_path, con):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "feed.jsonl").write_text(json.dumps({"text": "Shelling hit Sumy."}) + "\n{oops\n", encoding="utf-8")
    load(con, inbox, LoaderSettings())
    rejected = con.execute("select source_uri, record_number, reason from raw.rejected_inputs order by 1").fetchall()
    assert [(uri.rsplit("/", 1)[-1], number) for uri, number, _ in rejected] == [
        ("empty.txt", None), ("feed.jsonl#2", 2)]
    assert counts(con) == {"files": 3, "records": 4, "new": 2, "already_loaded": 0, "duplicate": 0,
                           "rejected": 2}


def test_mention_offsets_point_into_the_clean_text(tmp_path, con):
    load(con, SAMPLES, LoaderSettings())
    mismatches = con.execute("""
        select count(*) from raw.mentions m join raw.articles a using (article_id)
        where substring(a.clean_text, m.char_start + 1, m.char_end - m.char_start) <> m.text
    """).fetchone()[0]
    assert mismatches == 0
    assert con.execute("select count(distinct mention_type) from raw.mentions").fetchone()[0] == 5


def test_near_duplicates_are_linked_but_stay_separate(tmp_path, con):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    story = " ".join(f"Sentence {i} about the strike on the power plant in the region." for i in range(40))
    (inbox / "wire.txt").write_text(story, encoding="utf-8")
    (inbox / "rewrite.txt").write_text(story + " One line added by the second outlet.", encoding="utf-8")
    (inbox / "other.txt").write_text(ARTICLE, encoding="utf-8")
    load(con, inbox, LoaderSettings(near_duplicate_threshold=0.8))
    rows = con.execute("select article_id, duplicate_of_article_id from raw.articles "
                       "where duplicate_of_article_id is not null").fetchall()
    assert len(rows) == 1
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 3


def test_a_new_extractor_version_reextracts(tmp_path, con):
    load(con, SAMPLES, LoaderSettings())
    con.execute("update raw.articles set extractor_version = 'old'")
    report = load(con, SAMPLES, LoaderSettings())
    assert report.articles_reextracted == 5 and report.articles_new == 0
    assert con.execute("select count(distinct extractor_version) from raw.mentions").fetchone()[0] == 1


def test_articles_that_cannot_report_an_event_skip_nlp_but_are_kept(tmp_path, con):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "match.txt").write_text("The home side won the cup final 3-1 in front of 60,000 fans.", encoding="utf-8")
    (inbox / "war.txt").write_text(ARTICLE, encoding="utf-8")
    load(con, inbox, LoaderSettings())
    per_article = dict(con.execute("""
        select a.source_uri, count(m.mention_id) from raw.articles a left join raw.mentions m using (article_id)
        group by 1
    """).fetchall())
    assert per_article[str(inbox / "match.txt")] == 0
    assert per_article[str(inbox / "war.txt")] > 0


@pytest.mark.parametrize("text, relevant", [
    ("Talks resumed in Geneva.", True),
    ("Three people died in the fire.", True),
    ("A sniper wounded a guard.", True),
    ("The budget was approved by parliament on Tuesday.", False),
    ("Shares rose 4% as the company reported higher profits.", False),
])
def test_relevance_gate_keeps_every_text_with_a_trigger_or_outcome_word(text, relevant):
    from ingest.nlp.relevance import can_report_events
    from ingest.reference import DEFAULT_REFERENCE_DIR

    assert can_report_events(text, str(DEFAULT_REFERENCE_DIR)) is relevant


def test_an_undated_article_takes_the_day_in_its_url(tmp_path, con):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    body = "Russian missiles struck Dnipro on Tuesday, killing four people, officials said.\n"
    (inbox / "a.txt").write_text("URL: https://example.org/2025/04/02/dnipro-strike\n\n" + body, encoding="utf-8")
    (inbox / "b.txt").write_text("URL: https://example.org/2025/04/02/kyiv\nDate: 2025-04-01\n\n"
                                 + body.replace("Dnipro", "Kyiv"), encoding="utf-8")
    load(con, inbox, LoaderSettings())
    dates = dict(con.execute("select url, published_date::varchar from raw.articles").fetchall())
    assert dates == {"https://example.org/2025/04/02/dnipro-strike": "2025-04-02",
                     "https://example.org/2025/04/02/kyiv": "2025-04-01"}  # the stated date wins
