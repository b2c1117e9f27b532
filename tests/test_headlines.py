"""A record's headline is read with its body, and only stands in for figures the body does not give."""

from __future__ import annotations

import json

import pytest

from ingest import warehouse
from ingest.headlines import headline_of, with_headline
from ingest.loader import load
from ingest.settings import LoaderSettings


@pytest.mark.parametrize(("title", "headline"), [
    # a site's name after a separator is no part of the headline
    ("Two hurt in downtown shooting - KXYZ News 9 - Springfield, Ohio", "Two hurt in downtown shooting"),
    ("Gunman opens fire at bus stop | Example Herald", "Gunman opens fire at bus stop"),
    ("Drone strike kills 3 in Kherson \u2013 examplenews.com", "Drone strike kills 3 in Kherson"),
    # segments that read as a sentence are all kept
    ("Shelling resumes - three killed in border village", "Shelling resumes - three killed in border village"),
    # a title that is all name is kept whole rather than lost
    ("KXYZ News 9", "KXYZ News 9"),
    (None, None),
    ("   ", None),
])
def test_the_headline_leaves_out_the_site_name(title, headline):
    assert headline_of(title) == headline


def test_a_body_that_repeats_its_headline_is_read_as_it_is():
    body = "Drone strike kills 3 in Kherson\n\nA drone hit a market in Kherson on Monday, killing three."
    assert with_headline(body, "Drone strike kills 3 in Kherson") == (body, 0)


def test_a_headline_the_body_lacks_leads_it_and_its_length_is_kept():
    body = "A drone hit a market on Monday, officials said."
    text, length = with_headline(body, "Drone strike kills 3 in Kherson")
    assert text.endswith(body) and text[length:] == body
    assert text[:length].strip() == "Drone strike kills 3 in Kherson"


def _load(tmp_path, records: list[dict]):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    con = warehouse.connect(tmp_path / "w.duckdb")
    load(con, inbox, LoaderSettings())
    return con


def test_the_loader_reads_the_headline_and_records_where_the_body_starts(tmp_path):
    body = "A drone hit a market in Kherson on Monday morning, regional officials said."
    con = _load(tmp_path, [{"title": "Drone strike kills 3 in Kherson - Example Wire", "text": body}])
    try:
        text, length = con.execute("select clean_text, headline_length from raw.articles").fetchone()
        assert text[length:] == body and text[:length].strip() == "Drone strike kills 3 in Kherson"
        # the headline's claim is read, at its offsets in the text
        claims = con.execute("select sentence_start, count_stated, outcome from raw.mentions "
                             "where mention_type = 'casualty'").fetchall()
        assert (0, 3, "killed") in claims
    finally:
        con.close()


def test_one_body_under_two_headlines_is_one_article_with_two_sources(tmp_path):
    body = "Russian missiles struck Dnipro on Tuesday, killing four people and injuring 12, officials said."
    con = _load(tmp_path, [{"title": "Missiles hit Dnipro", "text": body, "source": "Wire A"},
                           {"title": "Four dead in Dnipro strike", "text": body, "source": "Wire B"}])
    try:
        assert con.execute("select count(*) from raw.articles").fetchone()[0] == 1
        assert con.execute("select count(*) from raw.article_sources").fetchone()[0] == 2
    finally:
        con.close()
