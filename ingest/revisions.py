"""Which articles are current: a corrected version supersedes the earlier one, and removals take articles out. Nothing
is deleted. An article that arrives again under the same URL or the same source id with changed text supersedes the
earlier version (``raw.articles.superseded_by_article_id``); an article matched by the exclusion list (written by
``python -m ingest remove``, or by hand) gets an active row in ``raw.article_removals``. Either keeps the article,
its sources and its mentions in the raw schema and takes it out of every model and mart on the next build
(``stg_news__articles`` and ``int_mentions_filtered`` leave them out). Undoing a removal (deleting its line) brings
the article back, and its mentions are marked fresh so that the incremental models read it again.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from ingest import warehouse
from ingest.errors import UserError

log = logging.getLogger("ingest.revisions")

EXCLUSION_COLUMNS = ("match", "value", "reason", "requested_at")
_TRACKING_PARAMETER = re.compile(r"^(utm_[a-z]+|fbclid|gclid|ocid|cmpid|at_medium|at_campaign)$", re.I)


class MatchKind(StrEnum):
    """What an exclusion names: one article, every article published under a URL, or every record of a file."""

    ARTICLE_ID = "article_id"
    URL = "url"
    SOURCE = "source"


@dataclass(frozen=True)
class Exclusion:
    match: MatchKind
    value: str
    reason: str
    requested_at: str
    line: int


def url_key(url: str | None) -> str | None:
    """One key for the spellings of one page's URL: no scheme, 'www.', fragment, tracking parameters or
    trailing slash, host in lower case."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip() if "://" in url else f"http://{url.strip()}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    query = "&".join(pair for pair in parts.query.split("&")
                     if pair and not _TRACKING_PARAMETER.match(pair.split("=", 1)[0]))
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{query}" if query else "")


def read_exclusions(path: Path) -> list[Exclusion]:
    """The exclusion list; a malformed line is an error naming the file and line (a removal must not be
    silently ignored)."""
    if not path.exists():
        return []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = list(rows[0]) if rows else []
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UserError(f"cannot read the exclusion list {path}: {error}", "fix or delete the file") from None
    if rows and set(header) != set(EXCLUSION_COLUMNS):
        raise UserError(f"exclusion list {path} has columns {', '.join(header)}",
                        f"it needs {', '.join(EXCLUSION_COLUMNS)}")
    exclusions = []
    for line, row in enumerate(rows, start=2):
        match = (row.get("match") or "").strip().lower()
        value = (row.get("value") or "").strip()
        if match not in {kind.value for kind in MatchKind} or not value:
            raise UserError(f"exclusion list {path}, line {line}: match '{match}' value '{value}'",
                            f"match is one of {', '.join(kind.value for kind in MatchKind)} and value is not empty")
        exclusions.append(Exclusion(MatchKind(match), value, (row.get("reason") or "").strip(),
                                    (row.get("requested_at") or "").strip(), line))
    return exclusions


def append_exclusions(path: Path, exclusions: list[Exclusion]) -> None:
    new_file = not path.exists() or path.stat().st_size == 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if new_file:
            writer.writerow(EXCLUSION_COLUMNS)
        for item in exclusions:
            writer.writerow([item.match.value, item.value, item.reason, item.requested_at])


def _registered_exclusions(exclusions: list[Exclusion]) -> dict[str, list]:
    return {
        "match": [e.match.value for e in exclusions],
        "value": [e.value for e in exclusions],
        "value_key": [url_key(e.value) if e.match is MatchKind.URL else e.value for e in exclusions],
        "reason": [e.reason for e in exclusions],
        "requested_at": [e.requested_at for e in exclusions],
    }


# An exclusion's articles: by id, by any of their URLs, or by the file any of their records came from (a path
# as given then or now, relative or absolute, matches the same file).
_MATCHED_SQL = """
    select distinct on (s.article_id) s.article_id, e.match as matched_by, e.value as match_value, e.reason,
        e.requested_at
    from raw.article_sources s
    inner join _exclusions e on
        (e.match = 'article_id' and s.article_id = e.value_key)
        or (e.match = 'url' and s.url_key = e.value_key)
        or (e.match = 'source' and (
            regexp_replace(s.source_uri, '#\\d+$', '') = e.value_key
            or regexp_replace(s.source_uri, '#\\d+$', '') like '%/' || e.value_key
            or e.value_key like '%/' || regexp_replace(s.source_uri, '#\\d+$', '')))
    order by s.article_id, e.match, e.value
"""


@dataclass
class RevisionCounts:
    superseded: int = 0  # articles that became superseded in this run
    removed: int = 0  # articles taken out in this run
    restored: int = 0  # articles back in (a removal undone, or no longer superseded)


def apply(con: duckdb.DuckDBPyConnection, exclusions: list[Exclusion], run_id: str) -> RevisionCounts:
    """Mark superseded versions and apply the exclusion list; returns what changed in this run."""
    counts = RevisionCounts()
    _fill_url_keys(con)
    before = _current_ids(con)
    counts.superseded = _mark_superseded(con)
    now = warehouse.utc_now()
    with warehouse.registered(con, "_exclusions", _registered_exclusions(exclusions)):
        con.execute(f"create or replace temp table _matched as {_MATCHED_SQL}")
    # removals no longer asked for end; new ones start; an active one keeps its first date
    con.execute(
        "update raw.article_removals set restored_at = ?, restored_in_run_id = ? "
        "where restored_at is null and article_id not in (select article_id from _matched)",
        [now, run_id]).fetchall()
    counts.removed = con.execute(
        "insert into raw.article_removals (article_id, matched_by, match_value, reason, requested_at, removed_at, "
        "removed_in_run_id) select article_id, matched_by, match_value, reason, requested_at, ?, ? from _matched "
        "where article_id not in (select article_id from raw.article_removals where restored_at is null)",
        [now, run_id]).fetchall()[0][0]
    con.execute("drop table _matched")
    # the state the models read, on the article itself (raw.article_removals is the history)
    con.execute("update raw.articles set removed_at = r.removed_at from (select article_id, min(removed_at) as "
                "removed_at from raw.article_removals where restored_at is null group by article_id) r "
                "where raw.articles.article_id = r.article_id and raw.articles.removed_at is null").fetchall()
    con.execute("update raw.articles set removed_at = null where removed_at is not null and article_id not in "
                "(select article_id from raw.article_removals where restored_at is null)").fetchall()
    back = sorted(set(_current_ids(con)) - set(before))
    if back:
        # the incremental models read only articles extracted since their last run
        con.execute("update raw.mentions set extracted_at = ? where article_id in (select unnest(?))",
                    [now, back]).fetchall()
    counts.restored = len(back)
    if counts.superseded or counts.removed or counts.restored:
        log.info("revisions: %d articles superseded by a later version, %d removed, %d back in the marts",
                 counts.superseded, counts.removed, counts.restored)
    return counts


def _fill_url_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Source records written before URLs were keyed get their key."""
    urls = [row[0] for row in con.execute(
        "select distinct url from raw.article_sources where url is not null and url_key is null").fetchall()]
    if urls:
        with warehouse.registered(con, "_keys", {"url": urls, "url_key": [url_key(u) for u in urls]}):
            con.execute("update raw.article_sources set url_key = k.url_key from _keys k "
                        "where raw.article_sources.url = k.url").fetchall()


def _current_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in con.execute(
        "select article_id from raw.articles where superseded_by_article_id is null and removed_at is null"
    ).fetchall()]


def _mark_superseded(con: duckdb.DuckDBPyConnection) -> int:
    """Among the articles sharing a URL, or a source's own record id, the last to arrive is current."""
    con.execute("""
        create or replace temp table _supersession as
        with sources as (
            select *, coalesce(arrival, 0) as arrived_as from raw.article_sources
        ),
        identities as (
            select article_id, 'url:' || url_key as identity, first_seen_at, arrived_as as arrival
            from sources where url_key is not null
            union all
            select article_id, 'id:' || lower(source_name) || '|' || external_id, first_seen_at, arrived_as
            from sources where external_id is not null and source_name is not null
        ),
        latest as (
            select identity, arg_max(article_id, (first_seen_at, arrival)) as current_id,
                max((first_seen_at, arrival)) as arrived
            from identities group by identity having count(distinct article_id) > 1
        ),
        replaced as (
            select identities.article_id, arg_max(latest.current_id, latest.arrived) as current_id
            from identities inner join latest using (identity)
            where identities.article_id <> latest.current_id
            group by identities.article_id
        )
        select * from replaced
    """)
    newly = con.execute(
        "select count(*) from _supersession s join raw.articles a using (article_id) "
        "where a.superseded_by_article_id is distinct from s.current_id").fetchall()[0][0]
    now = warehouse.utc_now()
    con.execute("update raw.articles set superseded_by_article_id = null, superseded_at = null "
                "where superseded_by_article_id is not null "
                "and article_id not in (select article_id from _supersession)").fetchall()
    con.execute("update raw.articles set superseded_by_article_id = s.current_id, superseded_at = ? "
                "from _supersession s where raw.articles.article_id = s.article_id "
                "and raw.articles.superseded_by_article_id is distinct from s.current_id", [now]).fetchall()
    con.execute("drop table _supersession")
    return newly


def request_removals(exclusions_file: Path, published: Path, wanted: list[tuple[MatchKind, str]],
                     reason: str) -> list[tuple[Exclusion, int | None]]:
    """Add removals to the exclusion list; returns each with the number of articles it matches in the published
    warehouse now (None when there is no warehouse yet). The articles leave the marts on the next build."""
    if not wanted:
        raise UserError("nothing to remove", "name articles with --article-id, --url or --source")
    existing = read_exclusions(exclusions_file)
    known = {(item.match, item.value) for item in existing}
    stamp = warehouse.utc_now().isoformat(timespec="seconds") + "Z"
    added = [Exclusion(kind, _as_given(kind, value), reason, stamp, 0) for kind, value in wanted
             if (kind, _as_given(kind, value)) not in known]
    append_exclusions(exclusions_file, added)
    return [(item, matches_in(published, item)) for item in added]


def _as_given(kind: MatchKind, value: str) -> str:
    """A source file is recorded by its absolute path when it exists, so that it matches however it was given."""
    value = value.strip()
    if kind is MatchKind.SOURCE and Path(value).exists():
        return str(Path(value).resolve())
    return value


def matches_in(published: Path, exclusion: Exclusion) -> int | None:
    """How many articles of a warehouse an exclusion matches (None when the warehouse does not exist)."""
    if not published.exists():
        return None
    con = duckdb.connect(str(published), read_only=True)
    try:
        with warehouse.registered(con, "_exclusions", _registered_exclusions([exclusion])):
            return con.execute(f"select count(*) from ({_MATCHED_SQL})").fetchall()[0][0]
    except duckdb.Error:  # a warehouse built before URLs were keyed
        return None
    finally:
        con.close()
