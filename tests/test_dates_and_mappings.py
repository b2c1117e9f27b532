"""Publication dates right or absent, pages that are not articles, and exports whose fields are named by the user.

Each rule is shown on small exports in the shapes newsrooms hand us: an RSS-dated CSV, a news-please JSONL, a
European (semicolon) CSV, saved HTML pages."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from ingest.errors import UserError
from ingest.mapping import ReadOptions, SourceMapping, load_mapping_file, parse_field_option, read_options
from ingest.mentions import doc_to_mentions
from ingest.nlp.dates import local_publication_day
from ingest.nlp.pipeline import mention_sources
from ingest.published import parse_published
from ingest.readers import read_path
from ingest.records import Rejection, SourceRecord

TODAY = date(2026, 12, 2)
BODY = "Russian drones struck the city of Kharkiv overnight, wounding three people, officials said."


def read(path: Path, mapping: SourceMapping | None = None) -> list:
    return list(read_path(path, 1 << 20, mapping))


@pytest.mark.parametrize("value, day, utc", [
    ("Thu, 12 Mar 2026 08:15:00 +0200", date(2026, 3, 12), datetime(2026, 3, 12, 6, 15)),  # RSS / RFC 2822
    ("Wed, 02 Oct 2002 13:00:00 GMT", date(2002, 10, 2), datetime(2002, 10, 2, 13, 0)),
    ("2026-03-19T22:30:00Z", date(2026, 3, 19), datetime(2026, 3, 19, 22, 30)),
    ("2026-03-20T00:30:00+02:00", date(2026, 3, 20), datetime(2026, 3, 19, 22, 30)),  # the source's own day
    ("2026-03-19 10:00:00", date(2026, 3, 19), None),  # a time without a zone is no instant
    ("12 March 2026", date(2026, 3, 12), None),
    ("March 12, 2026", date(2026, 3, 12), None),
    ("Mar 12, 2026 8:15 AM EST", date(2026, 3, 12), datetime(2026, 3, 12, 13, 15)),
    ("Updated: 12 March 2026, 10:22 GMT", date(2026, 3, 12), datetime(2026, 3, 12, 10, 22)),
    ("13/03/2026", date(2026, 3, 13), None),  # only one order makes sense
    ("03/13/2026", date(2026, 3, 13), None),
    ("19.03.2026", date(2026, 3, 19), None),
    ("2026/03/04", date(2026, 3, 4), None),
    (1773302400, date(2026, 3, 12), datetime(2026, 3, 12, 8, 0)),
])
def test_news_date_formats_are_read_with_their_instant(value, day, utc):
    published = parse_published(value, today=TODAY)
    assert published is not None, value
    assert (published.day, published.utc) == (day, utc)


@pytest.mark.parametrize("value", ["03/12/2026", "12/03/2026 08:15", "© 2026", "2026", "March 2026",
                                   "Published on Monday", "2027-06-01", "soon", ""])
def test_what_is_not_a_date_for_certain_stays_empty(value):
    assert parse_published(value, today=TODAY) is None


def test_an_ambiguous_numeric_date_is_read_only_in_the_order_the_user_gives():
    assert parse_published("03/12/2026", "dmy", today=TODAY).day == date(2026, 12, 3)
    assert parse_published("03/12/2026", "mdy", today=TODAY).day == date(2026, 3, 12)
    assert parse_published("03/13/2026", "dmy", today=TODAY).day == date(2026, 3, 13)  # the order cannot apply


def test_an_rss_dated_csv_export_is_dated_with_utc_instants(tmp_path):
    path = tmp_path / "scraper.csv"
    path.write_text('title,text,pubDate\nA,"Drones hit Kharkiv.","Thu, 12 Mar 2026 08:15:00 +0200"\n'
                    'B,"Shelling in Kherson.","Fri, 13 Mar 2026 23:40:00 -0500"\n', encoding="utf-8")
    first, second = read(path, SourceMapping(fields={"published": "pubDate"}))
    assert (first.published_date, first.published_at) == (date(2026, 3, 12), datetime(2026, 3, 12, 6, 15))
    assert (second.published_date, second.published_at) == (date(2026, 3, 13), datetime(2026, 3, 14, 4, 40))


def test_an_ambiguous_date_in_an_export_stays_null_unless_the_source_order_is_given(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"text": BODY, "date": "03/12/2026"}) + "\n", encoding="utf-8")
    (undated,) = read(path)
    assert undated.published_date is None and undated.published_text == "03/12/2026"  # kept as written
    (dated,) = read(path, SourceMapping(date_order="mdy"))
    assert dated.published_date == date(2026, 3, 12)


def _page(head: str, body: str) -> str:
    return f"<html><head><title>Kharkiv struck</title>{head}</head><body>{body}</body></html>"


ARTICLE_HTML = "<article><h1>Kharkiv struck</h1>" + f"<p>{BODY} {BODY}</p>" * 3 + "</article>"


def test_a_footer_year_is_never_a_publication_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(_page("", ARTICLE_HTML + "<footer>© 2026 Example News. Updated 2026.</footer>"), encoding="utf-8")
    (record,) = read(path)
    assert isinstance(record, SourceRecord), record
    assert record.published_date is None


@pytest.mark.parametrize("head, body_extra, day", [
    ('<meta property="article:published_time" content="2026-03-19T22:30:00Z">', "", date(2026, 3, 19)),
    ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
     '"datePublished": "2026-03-18T07:00:00+02:00"}]}</script>', "", date(2026, 3, 18)),
    ("", '<time datetime="2026-03-17T09:00:00Z" pubdate>17 March</time>', date(2026, 3, 17)),
])
def test_html_dates_come_from_the_page_metadata(tmp_path, head, body_extra, day):
    path = tmp_path / "page.html"
    path.write_text(_page(head, body_extra + ARTICLE_HTML + "<footer>© 2025</footer>"), encoding="utf-8")
    (record,) = read(path)
    assert record.published_date == day


def test_a_tag_page_of_headline_links_is_rejected_as_not_an_article(tmp_path):
    path = tmp_path / "ukraine.html"
    path.write_text(_page("", '<h1>Ukraine</h1><ul>'
                          '<li><h2><a href="/a">Drone strike kills three in Kharkiv as Russia presses on</a></h2></li>'
                          '<li><h2><a href="/b">Missile attack on Odesa port wounds 12, officials say</a></h2></li>'
                          '</ul><div class="footer">© 2026 Example News. All rights reserved.</div>'), encoding="utf-8")
    (rejection,) = read(path)
    assert isinstance(rejection, Rejection)
    assert "index or list page" in rejection.reason and rejection.source_uri == str(path)


def test_an_article_with_links_in_its_text_is_not_a_list_page(tmp_path):
    path = tmp_path / "page.html"
    linked = ARTICLE_HTML.replace("officials said", '<a href="/officials">officials</a> said')
    path.write_text(_page("", linked), encoding="utf-8")
    (record,) = read(path)
    assert isinstance(record, SourceRecord), record


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_csv_exports_with_other_delimiters_load(tmp_path, delimiter):
    path = tmp_path / "excel.csv"
    rows = [["headline", "body", "published", "link"], ["Strike", BODY + "; two; three", "2026-03-12", "https://x.test/a"]]
    path.write_text("\n".join(delimiter.join(f'"{v}"' if delimiter in v else v for v in row) for row in rows) + "\n",
                    encoding="utf-8")
    (record,) = read(path)
    assert isinstance(record, SourceRecord), record
    assert (record.title, record.url, record.published_date) == ("Strike", "https://x.test/a", date(2026, 3, 12))
    assert record.raw_text.endswith("; two; three")


def test_a_csv_without_a_text_column_names_the_delimiter_and_the_option(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("headline;corps;published\nStrike;Drones hit Kharkiv.;2026-03-12\n", encoding="utf-8")
    (rejection,) = read(path)
    assert "header read with delimiter ';' is headline, corps, published" in rejection.reason
    assert "--field text=COLUMN" in rejection.reason
    (record,) = read(path, SourceMapping(fields={"text": "corps"}))
    assert record.raw_text == "Drones hit Kharkiv."


def test_an_empty_text_field_is_reported_by_name_not_as_missing(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"title": "A", "body": "  "}) + "\n" + json.dumps({"title": "B"}) + "\n",
                    encoding="utf-8")
    empty, missing = read(path)
    assert empty.reason == "record's text field 'body' is empty"
    assert missing.reason.startswith("record has no text field")


def test_mapped_fields_replace_the_usual_names(tmp_path):
    path = tmp_path / "site.jsonl"
    path.write_text(json.dumps({"story": BODY, "text": "teaser only", "site": "Kyiv Daily", "when": "19.03.2026",
                                "permalink": "https://kyiv.test/a", "guid": 42}) + "\n", encoding="utf-8")
    options = read_options(None, ["text=story", "source=site", "published=when", "url=permalink", "id=guid"], None)
    (record,) = read(path, options.for_file(path))
    assert (record.raw_text, record.source_name, record.published_date, record.url, record.external_id) == (
        BODY, "Kyiv Daily", date(2026, 3, 19), "https://kyiv.test/a", "42")


def test_a_mapping_file_applies_per_group_of_files_and_the_command_line_wins(tmp_path):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("sources:\n  - files: 'fr/*.csv'\n    date_order: dmy\n    fields: {text: corps}\n"
                       "  - fields: {source: site}\n", encoding="utf-8")
    options = ReadOptions(load_mapping_file(mapping))
    french = options.for_file(tmp_path / "fr" / "a.csv", tmp_path)
    other = options.for_file(tmp_path / "us" / "a.csv", tmp_path)
    assert (french.fields, french.date_order) == ({"text": "corps", "source": "site"}, "dmy")
    assert (other.fields, other.date_order) == ({"source": "site"}, None)
    overridden = read_options(mapping, [], "mdy").for_file(tmp_path / "fr" / "a.csv", tmp_path)
    assert overridden.date_order == "mdy"


@pytest.mark.parametrize("text, message", [
    ("sources:\n  - fields: {body: x}\n", "unknown field 'body'"),
    ("sources:\n  - date_order: ymd\n", "neither dmy nor mdy"),
    ("sources:\n  - colums: {}\n", "unknown key 'colums'"),
    ("sources: [\n", "not valid YAML"),
])
def test_a_wrong_mapping_file_names_the_file_and_the_problem(tmp_path, text, message):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as raised:
        load_mapping_file(mapping)
    assert message in raised.value.one_line() and str(mapping) in raised.value.one_line()


def test_a_field_option_must_name_a_known_field():
    assert parse_field_option("published=pubDate") == ("published", "pubDate")
    with pytest.raises(UserError, match="unknown field 'txt'"):
        parse_field_option("txt=body")
    with pytest.raises(UserError, match="FIELD=COLUMN"):
        parse_field_option("text")


def test_the_publication_day_where_the_news_happened_follows_the_instant():
    late_utc = datetime(2026, 3, 19, 22, 30)  # already 20 March in Kyiv, still 19 March in London
    assert local_publication_day(date(2026, 3, 19), late_utc, "Europe/Kyiv") == date(2026, 3, 20)
    assert local_publication_day(date(2026, 3, 19), late_utc, "Europe/London") == date(2026, 3, 19)
    assert local_publication_day(date(2026, 3, 19), None, "Europe/Kyiv") == date(2026, 3, 19)
    assert local_publication_day(date(2026, 3, 19), late_utc, "Not/AZone") == date(2026, 3, 19)


def test_yesterday_is_read_in_the_time_zone_of_the_article_place(nlp):
    doc = nlp("KYIV, Ukraine — A Russian drone struck a house in Kyiv yesterday, killing two people.")
    sources = mention_sources(nlp)
    zones = nlp.get_pipe("conflict_dates").time_zones

    def yesterday(published_at):
        rows = doc_to_mentions(doc, "a1", date(2026, 3, 19), "v", sources, published_at, zones)
        return [row.value_text for row in rows if row.mention_type == "date"]

    assert yesterday(datetime(2026, 3, 19, 22, 30)) == ["2026-03-19"]  # published 00:30 on the 20th in Kyiv
    assert yesterday(datetime(2026, 3, 19, 12, 0)) == ["2026-03-18"]
    assert yesterday(None) == ["2026-03-18"]  # without an instant, the stated day
